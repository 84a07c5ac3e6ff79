"""Warnings for legal RDF that is probably not meant (ill-typed literals, owl:imports)."""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox
from aikg.errors import RDF_LINE_BREAKS, Diagnostic, SyntaxProblems, locate, source_line
from aikg.namespaces import OWL, RDF, XSD
from aikg.rdf.parse import iter_quads, parse_all
from aikg.rdf.sources import Source, as_inputs

_OWL_IMPORTS, _OWL_ONTOLOGY, _RDF_TYPE = OWL + "imports", OWL + "Ontology", RDF + "type"


def lint(paths=None, input_format: str | None = None, into=None) -> list[Diagnostic]:
    """Every input's syntax errors (all files, not just the first broken one), then its warnings; errors first.

    Each input is read once, streamed where its format allows, and only its
    findings are kept. With ``into`` (a pyoxigraph Store) its triples are added
    there too, named graphs merged into the default graph, so a caller that
    queries the inputs next need not parse them again; after errors the store
    holds part of the inputs and is not to be used.
    """
    diagnostics: list[Diagnostic] = []
    findings: list[_Findings] = []
    ontologies: set[str] = set()
    inputs = as_inputs(paths, input_format)

    def use(source: Source, quads) -> None:
        found = _Findings(source, ontologies, inputs.read)
        seen = map(found.see, quads)
        if into is None:
            for _ in seen:
                pass
        else:
            into.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in seen)
        findings.append(found)  # a broken input raised above: its errors only, no warnings

    try:
        parse_all(inputs, use, parse=iter_quads, after_error=True)
    except SyntaxProblems as problems:
        diagnostics.extend(problems.diagnostics)
    for found in findings:
        diagnostics.extend(found.warnings())
    return diagnostics  # the errors, then the warnings


class _Findings:
    """What one input holds that is legal RDF but probably not meant: ill-typed literals,
    owl:imports of an ontology that is not among the inputs.

    RDF 1.1 allows a literal whose lexical form is not in its datatype's
    lexical space ("abc"^^xsd:integer: an ill-typed literal, not a syntax
    error); it compares equal to nothing and breaks numeric filters. aikg
    never follows owl:imports, so an import is a file the user must pass. An
    import is judged once every input is read (``ontologies``: the
    owl:Ontology subjects of all of them).
    """

    __slots__ = ("source", "ontologies", "read", "found")

    def __init__(self, source: Source, ontologies: set[str], read):
        self.source, self.ontologies, self.read = source, ontologies, read  # read: the bytes, as the parse had them
        self.found: list[tuple[str, str, str]] = []  # (kind, value, datatype) in the input's order

    def see(self, quad):
        predicate, term = quad.predicate.value, quad.object
        if predicate == _OWL_IMPORTS and isinstance(term, ox.NamedNode):
            self.found.append(("import", term.value, ""))
        elif isinstance(term, ox.Literal):
            datatype = term.datatype.value
            if datatype.startswith(XSD) and not term.language and _ill_typed(term.value, datatype):
                self.found.append(("literal", term.value, datatype))
        elif predicate == _RDF_TYPE and isinstance(term, ox.NamedNode) and term.value == _OWL_ONTOLOGY:
            self.ontologies.add(quad.subject.value)
        return quad

    def warnings(self) -> list[Diagnostic]:
        text = None
        warnings = []
        for kind, value, datatype in self.found:
            if kind == "import" and value in self.ontologies:
                continue
            text = text if text is not None else self.read(self.source).decode("utf-8", "replace")
            if kind == "import":
                warnings.append(_warning(self.source, text, (re.escape(f"<{value}>"), r"\bimports\b"),
                                         f"owl:imports <{value}> is not followed: aikg never fetches imports",
                                         "pass the imported ontology as another input file"))
            else:
                local = datatype[len(XSD):]
                warnings.append(_warning(self.source, text, (re.escape(f'"{value}"^^'),),
                                         f'ill-typed literal "{value}"^^xsd:{local}: not a valid xsd:{local}',
                                         f"fix the value, or type it as a plain string if it is not an xsd:{local}"))
        return warnings


@lru_cache(maxsize=1 << 16)
def _ill_typed(value: str, datatype: str) -> bool:
    """Whether ``value`` is outside ``datatype``'s lexical space, as rdflib judges it (values repeat: cached)."""
    from aikg.rdf.rdflib_bridge import ill_typed

    return ill_typed(value, datatype)


def _warning(source: Source, text: str, patterns: tuple[str, ...], message: str, hint: str) -> Diagnostic:
    """A warning located at the first of ``patterns`` found in ``text`` (parsers give terms no position)."""
    for pattern in patterns:
        line, column = locate(text, pattern, breaks=RDF_LINE_BREAKS)
        if line:
            break
    text_line = source_line(text, line, breaks=RDF_LINE_BREAKS)
    return Diagnostic(source.label, line, column, message, text_line, severity="warning", hint=hint)
