"""rdflib and Oxigraph give the same rows for every competency query on the plain graph."""

from __future__ import annotations

from helpers import answer_rows, empty_on_bundled_graph

from .competency_cases import CASES
from .conftest import run_oxigraph, run_reference

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


def answers_nothing(name: str, params: tuple) -> bool:
    """Whether a run rightly has no rows on the plain (unreasoned) bundled graph."""
    if not params:
        return empty_on_bundled_graph(name)
    return any(not c.expected for c in CASES if c.graph == "plain" and c.query == name
               and tuple(sorted(c.params.items())) == params)


def test_rdflib_and_oxigraph_agree(engine_run, queries, bundled_graph, oxigraph_store):
    name, params = engine_run
    query = queries[name]
    expected = answer_rows(run_reference(bundled_graph, query, dict(params)))
    got = answer_rows(run_oxigraph(oxigraph_store, query, dict(params)))
    assert got == expected, (f"only rdflib: {sorted(set(expected) - set(got), key=repr)}\n"
                             f"only oxigraph: {sorted(set(got) - set(expected), key=repr)}")
    # Agreeing on nothing proves nothing: the rows are there wherever the graph has them.
    assert bool(expected) is not answers_nothing(name, params), f"{name} {params}: {len(expected)} row(s)"


def test_some_runs_return_rows():
    assert len(_RUNS) > 20
    assert sum(not answers_nothing(name, params) for name, params in _RUNS) > 20
