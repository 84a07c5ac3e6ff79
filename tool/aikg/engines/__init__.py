"""Engines: the reference stack (rdflib, owlrl, pySHACL) and the fast one (pyoxigraph, aikg's rules, pyshacl-turbo).

Both answer the same four operations (load, query, reason, validate) and are
tested to agree; the fast one is the default (:mod:`aikg.engines.choice`).
"""
