"""Building aikg graphs from imported records: each fact asserted with the claim behind it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from aikg.errors import Diagnostic
from aikg.namespaces import AIKG, AIKG_ID, AIKG_VOCAB, RDF, RDFS, SCHEMA, bind_prefixes

HF = "https://huggingface.co/"
DECLARED = AIKG_VOCAB + "declared"  # self-declared metadata, not checked
POSSIBLE = AIKG_VOCAB + "possible"
PUBLICATION = AIKG_VOCAB + "publication"


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: the source document, who it is attributed to, and the hedge."""

    source: str
    attribution: str
    hedge: str = DECLARED


@dataclass
class Imported:
    """What an import produced: the graph, and a diagnostic per problem (warnings and errors)."""

    graph: object  # rdflib.Graph
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


class LineageGraph:
    """An rdflib graph that records a claim for every fact added with :meth:`fact`."""

    def __init__(self):
        from rdflib import Graph

        self.graph = Graph()
        bind_prefixes(self.graph)

    def add(self, subject: str, predicate: str, value) -> None:
        """An unclaimed triple: types, labels and a document's own record."""
        self.graph.add((_iri(subject), _iri(predicate), _term(value)))

    def fact(self, subject: str, predicate: str, value, by: Provenance, locator: str | None = None) -> None:
        """Assert the triple and the aikg:Claim saying where it comes from."""
        from rdflib import Literal

        triple = (_iri(subject), _iri(predicate), _term(value))
        self.graph.add(triple)
        digest = hashlib.sha1("\x1f".join(map(str, triple + (by.source,))).encode()).hexdigest()[:16]
        claim = f"{AIKG_ID}claim-import-{digest}"
        for p, o in ((RDF + "type", _iri(AIKG + "Claim")), (RDF + "subject", triple[0]),
                     (RDF + "predicate", triple[1]), (RDF + "object", triple[2]),
                     (AIKG + "source", _iri(by.source)), (AIKG + "attribution", _iri(by.attribution)),
                     (AIKG + "attributionKind", _iri(PUBLICATION)), (AIKG + "hedge", _iri(by.hedge))):
            self.graph.add((_iri(claim), _iri(p), o))
        if locator:
            self.graph.add((_iri(claim), _iri(AIKG + "locator"), Literal(locator)))

    def label(self, subject: str, text: str) -> None:
        from rdflib import Literal

        self.graph.add((_iri(subject), _iri(RDFS + "label"), Literal(text, lang="en")))

    def typed(self, subject: str, cls: str, label: str | None = None) -> None:
        self.add(subject, RDF + "type", _iri(cls))
        if label is not None and not self.has_label(subject):
            self.label(subject, label)

    def has_label(self, subject: str) -> bool:
        return (_iri(subject), _iri(RDFS + "label"), None) in self.graph

    def agent(self, iri: str, name: str) -> str:
        self.typed(iri, AIKG + "Agent", name)
        return iri

    def document(self, iri: str, cls: str, name: str, url: str | None, publisher: str | None, **extra) -> str:
        """A source document's record: type, title, URL, publisher and any schema: fields in ``extra``."""
        from rdflib import Literal

        self.typed(iri, cls)
        if (_iri(iri), _iri(SCHEMA + "name"), None) not in self.graph:
            self.add(iri, SCHEMA + "name", Literal(name, lang="en"))
        if url:
            self.add(iri, SCHEMA + "url", _iri(url))
        if publisher:
            self.add(iri, SCHEMA + "publisher", _iri(publisher))
        for key, value in extra.items():
            if value is not None:
                self.add(iri, SCHEMA + key, value)
        return iri


def _iri(value):
    from rdflib import URIRef

    return value if not isinstance(value, str) else URIRef(value)


def _term(value):
    """IRIs stay IRIs (pass them as rdflib terms or via :func:`_iri`); plain strings become literals."""
    from rdflib import Literal
    from rdflib.term import Node

    return value if isinstance(value, Node) else Literal(value)


def iri(value: str):
    """An IRI term for ``value`` (for :meth:`LineageGraph.fact` objects that are resources)."""
    return _iri(value)


def hf_model(repo_id: str) -> str:
    return HF + repo_id


def hf_agent(namespace: str) -> str:
    return HF + namespace


def hf_dataset(repo_id: str) -> str:
    return HF + "datasets/" + repo_id
