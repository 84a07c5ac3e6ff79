"""The aikg graphs in a store: which to read, and reading them back as one graph."""

from __future__ import annotations

from aikg.errors import StoreError
from aikg.namespaces import AIKG_GRAPH
from aikg.stores.load import INFERRED_GRAPH, SHAPES_BASE


def remote_dataset(store, graphs=(), infer: bool = False) -> list[str]:
    """The graphs a remote query reads as its default graph.

    Given ``graphs``, those; otherwise every aikg data graph in the store
    (not the shapes, and the inferred closure only with ``infer``), which is
    what the local commands read. Naming them also keeps Virtuoso from
    answering over its system graphs.
    """
    if graphs:
        return checked_graph_iris(graphs)
    found = [
        g for g in store.graphs(AIKG_GRAPH)
        if not g.startswith(SHAPES_BASE) and (infer or g != INFERRED_GRAPH)
    ]
    if not found:
        raise StoreError(
            f"{store.endpoints.base} holds no aikg graphs (<{AIKG_GRAPH}…>)",
            hint="load them with 'aikg load --endpoint URL', or name the graphs to read with --graph IRI",
        )
    return found


def checked_graph_iris(graphs) -> list[str]:
    """``--graph`` values, each an absolute IRI (they go into SPARQL text); UsageError otherwise."""
    from aikg.errors import UsageError
    from aikg.rdf.terms import iri_problem

    for iri in graphs:
        problem = iri_problem(iri)
        if problem:
            raise UsageError(f"--graph {iri!r} is not an absolute IRI: {problem}",
                             hint="give the graph's full IRI, e.g. https://w3id.org/aikg/graph/article")
    return list(graphs)


def read_remote_graph(store, graphs=(), infer: bool = False):
    """One pyoxigraph Store of the store's aikg data graphs (or ``graphs``) merged, for validation
    (blank nodes of different graphs stay apart: each answer's are renamed as it is parsed)."""
    import pyoxigraph as ox

    merged = ox.Store()
    for iri in remote_dataset(store, graphs, infer):
        merged.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in store.get_graph(iri))
    return merged
