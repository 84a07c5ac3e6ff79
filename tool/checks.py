"""``aikg check``: every input parses, and the quality queries find nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from aikg.catalogue import CatalogueQuery, quality_checks
from aikg.errors import Diagnostic
from aikg.loading import check_sources, load_graph, sources_for


@dataclass
class CheckFailure:
    query: CatalogueQuery
    vars: list[str]
    rows: list[tuple]


@dataclass
class CheckOutcome:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)
    failures: list[CheckFailure] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.diagnostics and not self.failures


def check(paths=None, input_format: str | None = None, run_queries: bool = True) -> CheckOutcome:
    """Parse every input (reporting all broken files), then run ``*-violation`` queries."""
    from aikg.sparql import run_query

    outcome = CheckOutcome()
    outcome.diagnostics = check_sources(sources_for(paths, input_format))
    if outcome.diagnostics or not run_queries:
        return outcome
    graph = load_graph(paths, input_format)
    for query in quality_checks():
        result = run_query(graph, query.text, source=str(query.path))
        outcome.checks_run.append(query.name)
        if result.rows:
            outcome.failures.append(CheckFailure(query, result.vars, result.rows))
    return outcome
