"""The result of a query, whatever answered it: rows, a boolean or a graph.

Rows hold pyoxigraph terms as the engine gave them (every engine and store
returns them; the reference engine converts rdflib's at its boundary).
"""

from __future__ import annotations


class QueryResult:
    """``kind`` (SELECT, ASK, CONSTRUCT or DESCRIBE) and its answer: ``vars`` and ``rows`` (a term or
    None, unbound, per variable), ``boolean``, or ``graph`` (a list of pyoxigraph Triples for CONSTRUCT/DESCRIBE).

    A plain class, not a dataclass: one is made on every query's start-up path.
    """

    __slots__ = ("kind", "vars", "rows", "boolean", "graph")

    def __init__(self, kind: str, vars: list[str] | None = None, rows: list[tuple] | None = None,
                 boolean: bool | None = None, graph: object | None = None):
        self.kind, self.boolean, self.graph = kind, boolean, graph
        self.vars = [] if vars is None else vars
        self.rows = [] if rows is None else rows

    def __repr__(self) -> str:
        return f"QueryResult({self.kind}, vars={self.vars}, {len(self.rows)} rows, boolean={self.boolean})"

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.vars, row)) for row in self.rows]


def iri_of(term) -> str | None:
    """The IRI of a pyoxigraph NamedNode; None for other terms (and None, unbound)."""
    import pyoxigraph as ox

    if term is None or isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term.value if isinstance(term, ox.NamedNode) else None
    return iri_of(_pending_rdflib(term))


def result_iris(result: QueryResult) -> set[str]:
    """Every IRI bound in a SELECT result's rows."""
    return {iri for row in result.rows for iri in map(iri_of, row) if iri}


def result_labels(store, result: QueryResult) -> dict[str, str]:
    """IRI → label for the IRIs a SELECT result binds, read from the pyoxigraph ``store`` that answered
    (empty for other results: their terms are printed as RDF, not in tables)."""
    from aikg.rdf.labels import labels_for

    return labels_for(store, result_iris(result)) if result.kind == "SELECT" else {}


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_parts(term) -> tuple[str, str, str | None, str | None]:
    """``(kind, value, datatype, language)`` of a term: kind is ``uri``, ``bnode`` or ``literal``;
    the datatype is None for simple (xsd:string) and language-tagged literals."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return "uri", term.value, None, None
    if isinstance(term, ox.BlankNode):
        return "bnode", term.value, None, None
    if isinstance(term, ox.Literal):
        datatype = None if term.language else term.datatype.value
        return "literal", term.value, None if datatype == _XSD_STRING else datatype, term.language
    return term_parts(_pending_rdflib(term))


def _pending_rdflib(term):
    """A pyoxigraph term for an rdflib one: only validation's findings are still rdflib terms, until
    the validator slice of issue 22 makes them pyoxigraph's. Removed at merge, with its two callers."""
    from aikg.rdf.rdflib_bridge import to_oxigraph

    return to_oxigraph(term)


def term_ntriples(term) -> str:
    """A term in N-Triples syntax."""
    return str(term)
