"""Fixtures shared by every test module; the plain helpers they use are in tests/helpers.py."""

from __future__ import annotations

import pytest

from helpers import invoke, seal_network


@pytest.fixture
def run():
    """Invoke the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    return invoke


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to open a connection fails (OSError), and is recorded in the list returned."""
    return seal_network(monkeypatch)


@pytest.fixture(scope="session")
def bundled_graph():
    """The bundled graph (ontology, data, seeds), parsed once per session."""
    from aikg.rdf.rdflib_bridge import load_graph

    return load_graph()


@pytest.fixture(scope="session")
def reasoned_graph():
    """The OWL RL closure of the bundled graph by the default engine (aikg's rules, owlrl's closure:
    tests/test_closure.py), as an rdflib graph, computed once per session."""
    from aikg.engines.fast import reason_store
    from aikg.rdf.graphs import load_store
    from aikg.rdf.rdflib_bridge import rdflib_graph

    return rdflib_graph(reason_store(load_store(), "owlrl"), keep_blank_ids=True)
