"""Warnings for legal RDF that is probably not meant (ill-typed literals, owl:imports)."""

from __future__ import annotations

import re

from aikg.errors import RDF_LINE_BREAKS, Diagnostic, SyntaxProblems, locate, source_line
from aikg.namespaces import OWL, RDF, XSD
from aikg.rdf.parse import parse_all
from aikg.rdf.sources import Source, read_bytes, sources_for

_OWL_IMPORTS = OWL + "imports"


def lint(paths=None, input_format: str | None = None) -> list[Diagnostic]:
    """Every input's syntax errors (all files, not just the first broken one), then its warnings; errors first."""
    parsed, diagnostics = [], []
    try:
        parse_all(sources_for(paths, input_format), lambda source, quads: parsed.append((source, quads)), after_error=True)
    except SyntaxProblems as problems:
        diagnostics.extend(problems.diagnostics)
    ontologies = {q.subject.value for _, quads in parsed for q in quads
                  if q.predicate.value == RDF + "type" and q.object.value == OWL + "Ontology"}
    for source, quads in parsed:
        diagnostics.extend(warnings_for(source, quads, ontologies))
    return diagnostics  # the errors, then the warnings


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
        elif isinstance(term, ox.Literal) and term.datatype.value.startswith(XSD) and not term.language:
            if Literal(term.value, datatype=URIRef(term.datatype.value)).ill_typed:
                text = text if text is not None else read_bytes(source).decode("utf-8", "replace")
                local = term.datatype.value[len(XSD):]
                found.append(_warning(source, text, (re.escape(f'"{term.value}"^^'),),
                                      f'ill-typed literal "{term.value}"^^xsd:{local}: not a valid xsd:{local}',
                                      f"fix the value, or type it as a plain string if it is not an xsd:{local}"))
    return found


def _warning(source: Source, text: str, patterns: tuple[str, ...], message: str, hint: str) -> Diagnostic:
    """A warning located at the first of ``patterns`` found in ``text`` (parsers give terms no position)."""
    for pattern in patterns:
        line, column = locate(text, pattern, breaks=RDF_LINE_BREAKS)
        if line:
            break
    text_line = source_line(text, line, breaks=RDF_LINE_BREAKS)
    return Diagnostic(source.label, line, column, message, text_line, severity="warning", hint=hint)
