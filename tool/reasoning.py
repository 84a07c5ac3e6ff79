"""OWL 2 RL and RDFS materialisation with owlrl, on a copy of the input."""

from __future__ import annotations

PROFILES = ("rdfs", "owlrl")


def reason(graph, profile: str = "owlrl", inferred_only: bool = False):
    """A new graph: the closure of ``graph`` (or only what was inferred).

    The input graph is never changed. owlrl's by-products that carry no
    information (triples with a literal subject, which are not RDF, and
    reflexive ``owl:sameAs``) are dropped.
    """
    import owlrl
    from rdflib import Graph, Literal
    from rdflib.namespace import OWL

    if profile not in PROFILES:
        raise ValueError(f"unknown reasoning profile {profile!r}")
    closure = Graph()
    for prefix, iri in graph.namespace_manager.namespaces():
        closure.bind(prefix, iri, override=False)
    for triple in graph:
        closure.add(triple)
    semantics = owlrl.OWLRL_Semantics if profile == "owlrl" else owlrl.RDFS_Semantics
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    for s, p, o in list(closure):
        if isinstance(s, Literal) or (p == OWL.sameAs and s == o):
            closure.remove((s, p, o))
    if inferred_only:
        for triple in graph:
            closure.remove(triple)
    return closure
