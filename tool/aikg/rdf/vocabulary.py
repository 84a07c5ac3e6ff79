"""aikg terms the data uses but the ontology does not declare, and the declared term each was probably meant as.

The same rule as ``queries/undeclared-term-violation.rq``: an IRI in the
ontology's or the vocabularies' namespace used as a predicate, a class or a
value is declared when it is typed as a class, a property, a concept scheme,
a concept or an access level.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pyoxigraph as ox
from aikg.namespaces import AIKG, AIKG_VOCAB, OWL, RDF, SKOS
from aikg.rdf.parse import iter_quads
from aikg.rdf.sources import as_inputs

NAMESPACES = (AIKG, AIKG_VOCAB)
_DECLARING = {OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty",
              SKOS + "ConceptScheme", SKOS + "Concept", AIKG + "AccessLevel"}


@dataclass(frozen=True)
class UndeclaredUse:
    """One triple using an undeclared aikg term, and the closest declared term (None when nothing is close)."""

    subject: object  # a pyoxigraph term
    predicate: str
    term: str
    suggestion: str | None


def _ours(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(NAMESPACES)


def _declares(quad) -> bool:
    """Whether ``quad`` declares an aikg term: types it as a class, a property, a concept…"""
    return quad.predicate.value == RDF + "type" and quad.object.value in _DECLARING and _ours(quad.subject)


def declared_terms(quads) -> set[str]:
    """The aikg terms ``quads`` declare."""
    return {q.subject.value for q in quads if _declares(q)}


def stream_quads(paths, input_format: str | None = None):
    """Every quad of the inputs (an Inputs value or paths), parsed strictly, one file after another
    without holding them (an Inputs value keeps the bytes it read: a second pass reads no file again)."""
    inputs = as_inputs(paths, input_format)
    for source in inputs:
        yield from iter_quads(source, inputs.read)


@dataclass
class TermScan:
    """What one pass over the inputs tells about aikg terms and the IRIs asked about."""

    declared: set[str]  # aikg terms the inputs declare
    used: set[str]  # aikg terms used as a predicate or an object
    mentioned: set[str]  # the asked-about IRIs the inputs have as subject or object


def scan_terms(quads, asked: set[str]) -> TermScan:
    """One pass over ``quads``, holding only sets of terms (a 10M-triple input is never kept as a list)."""
    scan = TermScan(set(), set(), set())
    for quad in quads:
        predicate, subject, obj = quad.predicate, quad.subject, quad.object
        if _declares(quad):
            scan.declared.add(subject.value)
        for term in (predicate, obj):
            if _ours(term):
                scan.used.add(term.value)
        if asked:
            for term in (subject, obj):
                if isinstance(term, ox.NamedNode) and term.value in asked:
                    scan.mentioned.add(term.value)
    return scan


def closest(term: str, declared: set[str]) -> str | None:
    """The declared term of the same namespace most like ``term`` (case first: finetunedFrom → fineTunedFrom)."""
    namespace = next(ns for ns in NAMESPACES if term.startswith(ns))
    names = {d[len(namespace):]: d for d in declared if d.startswith(namespace) and "/" not in d[len(namespace):]}
    local = term[len(namespace):]
    by_case = {name.lower(): name for name in names}
    if local.lower() in by_case:
        return names[by_case[local.lower()]]
    match = difflib.get_close_matches(local.lower(), list(by_case), n=1, cutoff=0.75)
    return names[by_case[match[0]]] if match else None


def undeclared_uses(quads, declared: set[str]) -> list[UndeclaredUse]:
    """Each triple of ``quads`` whose predicate or object is an undeclared aikg term (a term once per subject and predicate)."""
    found: dict[tuple, UndeclaredUse] = {}
    for quad in quads:
        for term in (quad.predicate, quad.object):
            if _ours(term) and term.value not in declared:
                key = (quad.subject, quad.predicate.value, term.value)
                if key not in found:
                    found[key] = UndeclaredUse(quad.subject, quad.predicate.value, term.value,
                                               closest(term.value, declared))
    return list(found.values())
