"""Building aikg graphs from imported records: each fact asserted with the claim behind it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pyoxigraph as ox

from aikg.errors import Diagnostic
from aikg.namespaces import AIKG, AIKG_ID, AIKG_VOCAB, RDF, RDFS, SCHEMA

HF = "https://huggingface.co/"
DECLARED = AIKG_VOCAB + "declared"  # self-declared metadata, not checked
POSSIBLE = AIKG_VOCAB + "possible"
PUBLICATION = AIKG_VOCAB + "publication"
_TYPE, _LABEL = ox.NamedNode(RDF + "type"), ox.NamedNode(RDFS + "label")


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: the source document, who it is attributed to, and the hedge."""

    source: str
    attribution: str
    hedge: str = DECLARED


@dataclass
class Imported:
    """What an import produced: the graph (a pyoxigraph Store, default graph), and a diagnostic per
    problem (warnings and errors)."""

    store: ox.Store
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


class LineageGraph:
    """A pyoxigraph store that records a claim for every fact added with :meth:`fact`."""

    def __init__(self):
        self.store = ox.Store()

    def add(self, subject: str, predicate: str, value) -> None:
        """An unclaimed triple: types, labels and a document's own record."""
        self.store.add(ox.Quad(_iri(subject), _iri(predicate), _term(value)))

    def fact(self, subject: str, predicate: str, value, by: Provenance, locator: str | None = None) -> None:
        """Assert the triple and the aikg:Claim saying where it comes from."""
        triple = (_iri(subject), _iri(predicate), _term(value))
        self.store.add(ox.Quad(*triple))
        # the terms' lexical forms (as rdflib's str gave them): claim IRIs stay what earlier imports wrote
        digest = hashlib.sha1("\x1f".join([t.value for t in triple] + [by.source]).encode()).hexdigest()[:16]
        claim = ox.NamedNode(f"{AIKG_ID}claim-import-{digest}")
        for p, o in ((RDF + "type", _iri(AIKG + "Claim")), (RDF + "subject", triple[0]),
                     (RDF + "predicate", triple[1]), (RDF + "object", triple[2]),
                     (AIKG + "source", _iri(by.source)), (AIKG + "attribution", _iri(by.attribution)),
                     (AIKG + "attributionKind", _iri(PUBLICATION)), (AIKG + "hedge", _iri(by.hedge))):
            self.store.add(ox.Quad(claim, _iri(p), o))
        if locator:
            self.store.add(ox.Quad(claim, _iri(AIKG + "locator"), ox.Literal(locator)))

    def label(self, subject: str, text: str) -> None:
        self.store.add(ox.Quad(_iri(subject), _LABEL, ox.Literal(text, language="en")))

    def typed(self, subject: str, cls: str, label: str | None = None) -> None:
        self.store.add(ox.Quad(_iri(subject), _TYPE, _iri(cls)))
        if label is not None and not self.has_label(subject):
            self.label(subject, label)

    def has_label(self, subject: str) -> bool:
        return self._has(subject, _LABEL)

    def _has(self, subject: str, predicate) -> bool:
        return next(iter(self.store.quads_for_pattern(_iri(subject), _iri(predicate), None)), None) is not None

    def agent(self, iri: str, name: str) -> str:
        self.typed(iri, AIKG + "Agent", name)
        return iri

    def document(self, iri: str, cls: str, name: str, url: str | None, publisher: str | None, **extra) -> str:
        """A source document's record: type, title, URL, publisher and any schema: fields in ``extra``."""
        self.typed(iri, cls)
        if not self._has(iri, SCHEMA + "name"):
            self.add(iri, SCHEMA + "name", ox.Literal(name, language="en"))
        if url:
            self.add(iri, SCHEMA + "url", _iri(url))
        if publisher:
            self.add(iri, SCHEMA + "publisher", _iri(publisher))
        for key, value in extra.items():
            if value is not None:
                self.add(iri, SCHEMA + key, value)
        return iri


def _iri(value):
    return ox.NamedNode(value) if isinstance(value, str) else value


def _term(value):
    """IRIs stay IRIs (pass them as terms, via :func:`iri`); plain strings become literals."""
    return ox.Literal(value) if isinstance(value, str) else value


def iri(value: str) -> ox.NamedNode:
    """An IRI term for ``value`` (for :meth:`LineageGraph.fact` objects that are resources)."""
    return ox.NamedNode(value)


def hf_model(repo_id: str) -> str:
    return HF + repo_id


def hf_agent(namespace: str) -> str:
    return HF + namespace


def hf_dataset(repo_id: str) -> str:
    return HF + "datasets/" + repo_id
