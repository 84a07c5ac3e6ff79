"""Competency questions: each case of competency_cases.CASES against the bundled graph."""

from __future__ import annotations

import pytest

from .competency_cases import CASES
from helpers import plain_expected, plain_rows

from .conftest import run


@pytest.fixture(scope="module")
def graphs(request):
    class Lazy(dict):
        def __missing__(self, key):
            name = {"plain": "bundled_graph", "reasoned": "reasoned_graph"}[key]
            self[key] = request.getfixturevalue(name)
            return self[key]

    return Lazy()


def test_case_ids_are_unique():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


def test_every_catalogue_question_has_a_case(queries):
    asked = {c.query for c in CASES}
    untested = sorted(n for n, q in queries.items() if not n.endswith("-violation") and n not in asked)
    assert untested == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_competency_question(case, queries, graphs):
    query = queries[case.query]
    result = run(graphs[case.graph], query, case.params)
    if case.columns:
        missing = [c for c in case.columns if c not in result.vars]
        assert not missing, f"query {case.query} has no column {missing}"
    else:
        assert all(len(row) == len(result.vars) for row in case.expected), "expected rows must have every column"
    expected = {tuple(plain_expected(v) for v in row) for row in case.expected}
    got = plain_rows(result, case.columns)
    assert got == expected, f"{case.question}\nmissing: {expected - got}\nunexpected: {got - expected}"
