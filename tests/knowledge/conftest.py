"""Fixtures for the knowledge-model tests (ontology, data, shapes, queries).

The bundled graph and its OWL RL closure come from tests/conftest.py
(``bundled_graph``, ``reasoned_graph``), parsed and reasoned once per session.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"

_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("decimal", "integer", "positiveInteger", "nonNegativeInteger", "int", "long", "double", "float")
}


def norm(term):
    """A plain value to compare: IRI string, literal lexical form (numbers by value), or None.

    ``term`` is a pyoxigraph term (the query engine's) or an rdflib one (the reference's).
    """
    if term is None:
        return None
    from aikg.sparql.results import term_parts

    kind, value, datatype, _language = term_parts(term)
    if kind == "bnode":
        return "_:"
    if kind == "literal" and datatype in _NUMERIC:
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - malformed numbers would be a data bug
            return value
    return value


def norm_expected(value):
    """Expected cells: Python numbers compare by value with numeric literals, like ``norm``."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


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
def shapes_graph():
    from aikg.validation import load_shapes

    return load_shapes()


@pytest.fixture(scope="session")
def ontology_graph():
    """The core ontology and its vocabularies (no alignment files)."""
    from aikg import bundle
    from aikg.rdf.graphs import load_graph

    return load_graph([p for p in bundle.ontology_files() if p.name in ("aikg.ttl", "vocabularies.ttl")])


_STORES: dict = {}  # id(rdflib graph) -> (the graph, its pyoxigraph Store)


def run(graph, query, params: dict):
    """Rows of ``query`` with ``params`` (strings) bound, answered by the query engine (pyoxigraph)
    over the triples of the rdflib ``graph``."""
    import pyoxigraph as ox
    from aikg.rdf.terms import to_oxigraph

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


def row_set(result, columns=()):
    """The result rows as a set of normalised tuples (optionally only ``columns``)."""
    index = [result.vars.index(c) for c in columns] if columns else range(len(result.vars))
    return {tuple(norm(row[i]) for i in index) for row in result.rows}


def extended(graph, *paths):
    """A copy of ``graph`` with the given Turtle files added (the original is untouched)."""
    from rdflib import Graph

    copy = Graph()
    for triple in graph:
        copy.add(triple)
    for path in paths:
        copy.parse(path)
    return copy
