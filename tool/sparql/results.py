"""The result of a query, whatever answered it: rows, a boolean or a graph."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class QueryResult:
    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    graph: object | None = None  # rdflib Graph for CONSTRUCT/DESCRIBE

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.vars, row)) for row in self.rows]


def iri_of(term) -> str | None:
    """The IRI of an rdflib URIRef or a pyoxigraph NamedNode; None for other terms."""
    kind = type(term).__name__
    if kind == "URIRef":
        return str(term)
    if kind == "NamedNode":
        return term.value
    return None


def result_iris(result: QueryResult) -> set[str]:
    """Every IRI bound in a SELECT result's rows."""
    return {iri for row in result.rows for iri in map(iri_of, row) if iri}
