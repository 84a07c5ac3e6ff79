"""Every catalogue query gives the same rows on rdflib, an Oxigraph server and Virtuoso.

Rows are compared sorted, with literals normalised only where a store
canonicalises them on the way in (``helpers.comparable`` lists how).
"""

from __future__ import annotations

import pytest

from helpers import FIXTURES, answer_rows, empty_on_bundled_graph

STORES = FIXTURES / "stores"
DATA = [STORES / "models.ttl", STORES / "models-extra.ttl"]


def _catalogue_cases():
    """(query, data files): the shipped catalogue on the bundled graph, and this folder's own queries."""
    from aikg.sparql.catalogue import catalogue

    cases = [pytest.param(q, None, id=q.name) for q in catalogue()]
    cases += [pytest.param(q, DATA, id="fixture-" + q.name) for q in catalogue(STORES / "queries")]
    return cases


# Shipped queries a store cannot answer, with the store's error: reported to the
# owner of queries/. When a query is fixed its entry must go (the test then fails).
# (Virtuoso 7.2.5 overflows its stack on NOT IN inside FILTER NOT EXISTS, so the
# shipped queries compare with != … && != … instead.)
NOT_PORTABLE: dict = {}


def _required_params(query):
    return [p.name for p in query.params if not p.optional]


@pytest.fixture(scope="module")
def loaded(oxigraph, virtuoso, monkeypatch_module):
    """Both servers loaded with the bundled graph and the fixture data (distinct graphs)."""
    from aikg.stores.http import connect
    from aikg.stores.load import load_to_store, plan_load

    stores = {}
    monkeypatch_module.setenv("AIKG_STORE_USER", virtuoso.user)
    monkeypatch_module.setenv("AIKG_STORE_PASSWORD", virtuoso.password)
    for server, profile in ((oxigraph, "oxigraph"), (virtuoso, "virtuoso")):
        store = connect(server.url, profile)
        for plan in (plan_load(include_shapes=False), plan_load(DATA, graph="urn:aikg:test:fixture")):
            report = load_to_store(plan, store)
            assert report.ok, report
        stores[profile] = store
    return stores


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.store
@pytest.mark.parametrize("query,data", _catalogue_cases())
def test_query_answers_alike_on_every_store(query, data, loaded):
    from aikg.errors import StoreError
    from aikg import api
    from aikg.stores.http import run_query_remote
    from aikg.stores.dataset import remote_dataset

    if _required_params(query):
        pytest.skip(f"needs the parameter(s) {', '.join(_required_params(query))}; tested with values elsewhere")
    inputs = [] if data is None else [str(p) for p in data]
    # The query's text as every store gets it: no '# infer:' header applied, the stores hold the unreasoned graph
    local = api.query(text=query.text, inputs=inputs, bundled=None if data is None else "none").result  # aikg's engine
    expected = answer_rows(local)
    # Stores agreeing on nothing would prove nothing: only the quality checks answer nothing here.
    assert bool(expected) is not (data is None and empty_on_bundled_graph(query.name)), f"{query.name}: no rows"
    for name, store in loaded.items():
        graphs = ["urn:aikg:test:fixture"] if data is not None else remote_dataset(store)
        known_error = NOT_PORTABLE.get((query.name, name))
        if known_error:
            with pytest.raises(StoreError, match=known_error):
                run_query_remote(store, query.text, source=query.name, default_graphs=graphs)
            continue
        remote = run_query_remote(store, query.text, source=query.name, default_graphs=graphs)
        assert answer_rows(remote) == expected, f"{query.name} answers differently on {name}"
