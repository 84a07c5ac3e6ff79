"""rdflib and Oxigraph give the same rows for every competency query on the plain graph."""

from __future__ import annotations

import pytest

from .competency_cases import CASES
from .conftest import row_set, run_oxigraph, run_reference

_RUNS = sorted({(c.query, tuple(sorted(c.params.items()))) for c in CASES if c.graph == "plain"})


def _all_runs(names):
    runs = set(_RUNS)
    runs |= {(name, ()) for name in names}
    return sorted(runs)


def pytest_generate_tests(metafunc):
    if "engine_run" in metafunc.fixturenames:
        from aikg import bundle

        names = [p.stem for p in bundle.queries_dir().glob("*.rq")]
        runs = _all_runs(names)
        metafunc.parametrize("engine_run", runs, ids=[f"{q}{'-' + '-'.join(str(v).rsplit('/', 1)[-1] for _, v in p) if p else ''}" for q, p in runs])


def test_rdflib_and_oxigraph_agree(engine_run, queries, bundled_graph, oxigraph_store):
    name, params = engine_run
    params = dict(params)
    query = queries[name]
    expected = row_set(run_reference(bundled_graph, query, params))
    got = row_set(run_oxigraph(oxigraph_store, query, params))
    assert got == expected, f"only rdflib: {expected - got}\nonly oxigraph: {got - expected}"


def test_some_runs_return_rows():
    assert len(_RUNS) > 20
