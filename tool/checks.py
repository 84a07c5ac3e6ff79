"""``aikg check``: every input parses, and the quality queries find nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aikg.catalogue import CatalogueQuery, quality_checks
from aikg.errors import Diagnostic, SyntaxProblems
from aikg.loading import Source, load_graph, locate, parse_quads, read_bytes, sources_for

_OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
_OWL_ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"


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
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def clean(self) -> bool:
        return not self.errors and not self.failures


def check(paths=None, input_format: str | None = None, run_queries: bool = True) -> CheckOutcome:
    """Parse every input (reporting all broken files), then run ``*-violation`` queries."""
    from aikg.sparql import run_query

    outcome = CheckOutcome()
    parsed = []
    for source in sources_for(paths, input_format):
        try:
            parsed.append((source, parse_quads(source)))
        except SyntaxProblems as problems:
            outcome.diagnostics.extend(problems.diagnostics)
    ontologies = {q.subject.value for _, quads in parsed for q in quads if q.predicate.value == _RDF_TYPE and q.object.value == _OWL_ONTOLOGY}
    for source, quads in parsed:
        outcome.diagnostics.extend(warnings_for(source, quads, ontologies))
    outcome.diagnostics.sort(key=lambda d: d.severity != "error")  # errors first
    if outcome.errors or not run_queries:
        return outcome
    graph = load_graph(paths, input_format)
    for query in quality_checks():
        result = run_query(graph, query.text, source=str(query.path))
        outcome.checks_run.append(query.name)
        if result.rows:
            outcome.failures.append(CheckFailure(query, result.vars, result.rows))
    return outcome


def warnings_for(source: Source, quads: list, given_ontologies=frozenset()) -> list[Diagnostic]:
    """What is legal RDF but probably not meant: ill-typed literals, owl:imports
    of an ontology that is not among the inputs (``given_ontologies``).

    RDF 1.1 allows a literal whose lexical form is not in its datatype's
    lexical space ("abc"^^xsd:integer: an ill-typed literal, not a syntax
    error); it compares equal to nothing and breaks numeric filters. aikg
    never follows owl:imports, so an import is a file the user must pass.
    """
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    found: list[Diagnostic] = []
    text = None
    for quad in quads:
        term = quad.object
        if quad.predicate.value == _OWL_IMPORTS and isinstance(term, ox.NamedNode):
            if term.value in given_ontologies:
                continue
            text = text if text is not None else read_bytes(source).decode("utf-8", "replace")
            found.append(_warning(source, text, (re.escape(f"<{term.value}>"), r"\bimports\b"),
                                  f"owl:imports <{term.value}> is not followed: aikg never fetches imports",
                                  "pass the imported ontology as another input file"))
        elif isinstance(term, ox.Literal) and term.datatype.value.startswith(_XSD) and not term.language:
            if Literal(term.value, datatype=URIRef(term.datatype.value)).ill_typed:
                text = text if text is not None else read_bytes(source).decode("utf-8", "replace")
                local = term.datatype.value[len(_XSD):]
                found.append(_warning(source, text, (re.escape(f'"{term.value}"^^'),),
                                      f'ill-typed literal "{term.value}"^^xsd:{local}: not a valid xsd:{local}',
                                      f"fix the value, or type it as a plain string if it is not an xsd:{local}"))
    return found


def _warning(source: Source, text: str, patterns: tuple[str, ...], message: str, hint: str) -> Diagnostic:
    """A warning located at the first of ``patterns`` found in ``text`` (parsers give terms no position)."""
    for pattern in patterns:
        line, column = locate(text, pattern)
        if line:
            break
    text_line = text.split("\n")[line - 1].rstrip("\r") if line else None
    return Diagnostic(source.label, line, column, message, text_line, severity="warning", hint=hint)
