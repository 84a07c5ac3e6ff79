"""Fixtures for the knowledge-model tests (ontology, data, shapes, queries).

The bundled graph and its OWL RL closure come from tests/conftest.py
(``bundled_graph``, ``reasoned_graph``), parsed and reasoned once per session.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def queries():
    """The query catalogue by name."""
    # import the function from its module: once aikg.catalogue (the module) is
    # imported, the attribute aikg.catalogue is the module, not the function
    from aikg.sparql.catalogue import catalogue

    return {q.name: q for q in catalogue()}


@pytest.fixture(scope="session")
def oxigraph_store():
    """The bundled graph loaded into an in-memory pyoxigraph Store."""
    from aikg.rdf.graphs import load_store

    return load_store()


@pytest.fixture(scope="session")
def shapes_store():
    """The bundled shapes in a pyoxigraph Store, as the validators read them."""
    from aikg.validation import load_shapes

    return load_shapes()


@pytest.fixture(scope="session")
def shapes_graph(shapes_store):
    """The bundled shapes as an rdflib graph, for the tests that read them with rdflib."""
    from aikg.rdf.rdflib_bridge import rdflib_graph

    return rdflib_graph(shapes_store)


@pytest.fixture(scope="session")
def ontology_graph():
    """The core ontology and its vocabularies (no alignment files)."""
    from aikg import bundle
    from aikg.rdf.rdflib_bridge import load_graph

    return load_graph([p for p in bundle.ontology_files() if p.name in ("aikg.ttl", "vocabularies.ttl")])


_STORES: dict = {}  # id(rdflib graph) -> (the graph, its pyoxigraph Store)


def run(graph, query, params: dict):
    """Rows of ``query`` with ``params`` (strings) bound, answered by the query engine (pyoxigraph)
    over the triples of the rdflib ``graph``."""
    import pyoxigraph as ox
    from aikg.rdf.rdflib_bridge import to_oxigraph

    if id(graph) not in _STORES or _STORES[id(graph)][0] is not graph:
        store = ox.Store()
        store.bulk_extend(ox.Quad(*(to_oxigraph(t) for t in triple)) for triple in graph)
        _STORES[id(graph)] = (graph, store)
    return run_oxigraph(_STORES[id(graph)][1], query, params)


def run_reference(graph, query, params: dict):
    """Rows of ``query`` on an rdflib graph by rdflib's engine (the internal callers' reference)."""
    from aikg.engines.reference import run_query
    from aikg.sparql.params import bind_parameters

    bindings = bind_parameters(query, {k: str(v) for k, v in params.items()})
    return run_query(graph, query.text, bindings, source=query.name)


def run_oxigraph(store, query, params: dict):
    from aikg.engines.fast import run_query_oxigraph
    from aikg.sparql.params import bind_parameters

    bindings = bind_parameters(query, {k: str(v) for k, v in params.items()})
    return run_query_oxigraph(store, query.text, bindings, source=query.name)


def extended(graph, *paths):
    """A copy of ``graph`` with the given Turtle files added (the original is untouched)."""
    from rdflib import Graph

    copy = Graph()
    for triple in graph:
        copy.add(triple)
    for path in paths:
        copy.parse(path)
    return copy
