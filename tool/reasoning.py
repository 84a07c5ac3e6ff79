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


def reason_store(store, profile: str = "owlrl", inferred_only: bool = False, progress=None):
    """The fast path: materialise the closure inside a pyoxigraph Store, in place.

    Returns the store, or with ``inferred_only`` a new store holding only the
    inferred triples. ``progress(triples)`` hears the size after each turn.
    """
    import pyoxigraph as ox

    from aikg.rules import materialise

    if profile not in PROFILES:
        raise ValueError(f"unknown reasoning profile {profile!r}")
    asserted = None
    if inferred_only:
        asserted = ox.Store()
        asserted.bulk_extend(store)
    report = None if progress is None else (lambda turn, triples: progress(triples, f"turn {turn}"))
    materialise(store, report, profile=profile)
    if asserted is None:
        return store
    inferred = ox.Store()
    inferred.bulk_extend(q for q in store if q not in asserted)
    return inferred
