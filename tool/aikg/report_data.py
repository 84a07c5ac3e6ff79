"""What ``aikg report`` shows, gathered from a pyoxigraph store as plain data.

``gather`` asks the validator, the query catalogue and the provenance code
and keeps their answers: RDF terms as pyoxigraph terms, labels, page
membership, claims, lineage and obligations. ``aikg.render.report`` then
only fills templates with it. It sits beside ``api`` (it calls validation,
the engines and provenance, which ``render/`` may not).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import pyoxigraph as ox

from aikg.namespaces import AIKG, AIKG_VOCAB, OWL, RDF, RDFS, SCHEMA, SH, SKOS, sparql_prologue
from aikg.render.report import META_NAMESPACES

if TYPE_CHECKING:
    from aikg.provenance.lineage import Lineage, ModelNode
    from aikg.provenance.obligations import InheritedClause

# Section pages: (file, title, the classes whose instances (with subclasses) it lists).
SECTIONS = (
    ("models.html", "Models", (AIKG + "Model", AIKG + "ModelFamily", AIKG + "ModelGroup")),
    ("organisations.html", "Organisations", (AIKG + "Organization",)),
    ("people.html", "People", (AIKG + "Person", AIKG + "PersonGroup")),
    ("licenses.html", "Licenses", (AIKG + "License",)),
    ("derivations.html", "Derivations", (AIKG + "Derivation",)),
    ("sources.html", "Sources", (AIKG + "SourceDocument",)),
)

# Vocabulary terms, shapes and ontology entities get no page of their own.
_META_TYPES = (
    OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty",
    OWL + "Ontology", OWL + "Restriction", RDF + "Property", RDFS + "Class", SKOS + "ConceptScheme",
    SH + "NodeShape", SH + "PropertyShape",
)

_TYPE = ox.NamedNode(RDF + "type")
_DESCRIPTIONS = (RDFS + "comment", SKOS + "definition")
_NOT_FACTS = (RDF + "type", *_DESCRIPTIONS)  # shown above the facts table
_NOT_REFERENCES = (RDF + "subject", RDF + "object", AIKG + "source", AIKG + "attribution")  # shown as claims


class Claim(NamedTuple):
    """One reified claim (pyoxigraph terms; None where the graph says nothing)."""

    claim: ox.NamedNode | ox.BlankNode
    subject: object
    predicate: object
    object: object
    hedge: ox.NamedNode | None
    attribution: object
    source: object
    paragraph: ox.Literal | None
    locator: object
    quote: ox.Literal | None


class Member(NamedTuple):
    """An entry of a section page: the IRI and its types."""

    iri: ox.NamedNode
    types: tuple


class Section(NamedTuple):
    file: str
    title: str
    members: tuple[Member, ...]  # sorted by label


class Fact(NamedTuple):
    predicate: ox.NamedNode
    value: object
    hedge: ox.NamedNode | None  # the strongest hedge of the claims stating it; None when no claim does


class Resource(NamedTuple):
    """Everything the page of one IRI shows."""

    iri: ox.NamedNode
    types: tuple
    descriptions: tuple[str, ...]
    facts: tuple[Fact, ...]
    incoming: tuple[tuple, ...]  # (subject, predicate) pairs naming it
    model: ModelNode | None  # set for models
    around: Lineage | None  # a model's sources and descendants
    derivation: Lineage | None  # the edges a derivation record makes
    obligations: tuple[InheritedClause, ...] | None  # None: the model derives from nothing recorded
    obligations_error: str | None


class FindingRow(NamedTuple):
    severity: str
    message: str
    focus: object
    path: object
    value: object


class ValidationData(NamedTuple):
    validator: str
    conforms: bool | None  # None when validation could not run
    counts: dict[str, int]
    findings: tuple[FindingRow, ...]
    error: str | None


class QueryAnswer(NamedTuple):
    """A catalogue query and what it answered on the graph (``error`` when it could not run)."""

    name: str
    title: str
    description: str
    needs: tuple[str, ...]  # required parameters: such a query is not run
    checks: bool  # a check query passes with no rows
    kind: str | None
    boolean: bool | None
    triples: int
    vars: tuple[str, ...]
    rows: tuple[tuple, ...]
    error: str | None


class ReportData(NamedTuple):
    title: str
    labels: dict[str, str]  # IRI → label, for every IRI shown
    web_links: dict[str, tuple[str, ...]]  # IRI with a page → the web addresses where it can be read
    sections: tuple[Section, ...]
    claims: tuple[Claim, ...]
    lineage: Lineage
    resources: tuple[Resource, ...]
    validation: ValidationData
    queries: tuple[QueryAnswer, ...]


def gather(store: ox.Store, *, shapes=None, title: str = "aikg report") -> ReportData:
    """The site's data for the graph in ``store``, validated with the shape files ``shapes`` (default: bundled)."""
    provenance = _Provenance(store)
    lineage = provenance.lineage()
    model_iris = provenance.models()
    claims = _claims(store)
    resources = _Resources(store, provenance, lineage, claims, model_iris)
    data = ReportData(
        title=title,
        labels={},
        web_links={r.iri.value: _web_links(store, r.iri) for r in resources.all},
        sections=_sections(store, provenance, model_iris),
        claims=claims,
        lineage=lineage,
        resources=resources.all,
        validation=_validation(store, shapes),
        queries=_queries(store),
    )
    return data._replace(labels={iri: provenance.label(iri) for iri in _shown_iris(data)})


class _Provenance:
    """The one place the report asks ``provenance/``, which reads the same store."""

    def __init__(self, store: ox.Store):
        from aikg.provenance.lineage import Labeller

        self.graph = store
        self.labeller = Labeller(store)

    def label(self, iri: str) -> str:
        return self.labeller.label(iri)

    def lineage(self) -> Lineage:
        from aikg.provenance.lineage import extract

        return extract(self.graph)

    def models(self) -> set[str]:
        from aikg.provenance.lineage import models

        return set(models(self.graph))

    def describe_model(self, iri: str) -> ModelNode:
        from aikg.provenance.lineage import describe_model

        return describe_model(self.graph, iri, self.labeller)

    def obligations(self, iri: str) -> tuple[InheritedClause, ...]:
        from aikg.provenance.obligations import by_clause, obligations

        return tuple(by_clause(obligations(self.graph, iri)))

    def ontology(self) -> ox.Store | None:
        """The bundled ontology, whose class hierarchy applies to graphs that leave it out."""
        from aikg.provenance.lineage import bundled_ontology_file

        found = bundled_ontology_file("aikg.ttl")
        return found


def _objects(store: ox.Store, subject, predicate: str) -> list:
    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _sort_key(term) -> str:
    return "" if term is None else term.value


# ------------------------------------------------------------------ what gets a page


def _sections(store: ox.Store, provenance: _Provenance, model_iris: set[str]) -> tuple[Section, ...]:
    """Each section with the IRIs typed with its classes or their subclasses (models: also those in lineage)."""
    hierarchies = [s for s in (store, provenance.ontology()) if s is not None]
    found = []
    for page, title, classes in SECTIONS:
        subclasses = {sub for cls in classes for s in hierarchies for sub in _subclasses(s, ox.NamedNode(cls))}
        members = {q.subject.value for sub in subclasses for q in store.quads_for_pattern(None, _TYPE, sub)
                   if isinstance(q.subject, ox.NamedNode)}
        if page == "models.html":
            members |= model_iris
        ordered = sorted(members, key=lambda iri: (provenance.label(iri).casefold(), iri))
        found.append(Section(page, title, tuple(
            Member(ox.NamedNode(iri), tuple(sorted(_objects(store, ox.NamedNode(iri), RDF + "type"), key=_sort_key)))
            for iri in ordered
        )))
    return tuple(found)


def _subclasses(store: ox.Store, cls: ox.NamedNode) -> set:
    """``cls`` and every class below it by rdfs:subClassOf."""
    sub_class_of = ox.NamedNode(RDFS + "subClassOf")
    found, todo = {cls}, [cls]
    while todo:
        for quad in store.quads_for_pattern(None, sub_class_of, todo.pop()):
            if quad.subject not in found:
                found.add(quad.subject)
                todo.append(quad.subject)
    return found


def _page_iris(store: ox.Store) -> list[str]:
    """Every IRI that gets a page: the graph's subjects but vocabulary terms, shapes and aikg's own."""
    subjects = {q.subject.value for q in store.quads_for_pattern(None, None, None) if isinstance(q.subject, ox.NamedNode)}
    meta = {q.subject.value for t in _META_TYPES for q in store.quads_for_pattern(None, _TYPE, ox.NamedNode(t))}
    return sorted(iri for iri in subjects - meta if not iri.startswith(META_NAMESPACES))


def _web_links(store: ox.Store, iri: ox.NamedNode) -> tuple[str, ...]:
    """Where a source document can be read (its schema:url web addresses)."""
    urls = sorted(term.value for term in _objects(store, iri, SCHEMA + "url"))
    return tuple(url for url in urls if url.startswith(("http://", "https://")))


# ------------------------------------------------------------------ claims


_CLAIMS = sparql_prologue("aikg", "rdf") + """
SELECT ?claim ?subject ?predicate ?object ?hedge ?attribution ?source ?paragraph ?locator ?quote WHERE {
  ?claim rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
  OPTIONAL { ?claim aikg:hedge ?hedge } OPTIONAL { ?claim aikg:attribution ?attribution }
  OPTIONAL { ?claim aikg:source ?source } OPTIONAL { ?claim aikg:paragraph ?paragraph }
  OPTIONAL { ?claim aikg:locator ?locator } OPTIONAL { ?claim aikg:quote ?quote }
}"""


def _claims(store: ox.Store) -> tuple[Claim, ...]:
    """Every claim, by source, paragraph number and claim."""
    claims = [Claim(*(row[name] for name in Claim._fields)) for row in store.query(_CLAIMS)]

    def order(claim: Claim):
        paragraph = _sort_key(claim.paragraph)
        return _sort_key(claim.source), int(paragraph) if paragraph.isdigit() else 0, claim.claim.value

    return tuple(sorted(claims, key=order))


def _fact_hedges(claims) -> dict[tuple[str, str, str], ox.NamedNode]:
    """(subject, predicate, object) values → the strongest hedge of the claims stating it."""
    from aikg.provenance.lineage import hedge_rank

    found: dict[tuple[str, str, str], ox.NamedNode] = {}
    for c in claims:
        if c.hedge is None:
            continue
        key = (c.subject.value, c.predicate.value, c.object.value)
        if key not in found or hedge_rank(c.hedge.value) < hedge_rank(found[key].value):
            found[key] = c.hedge
    return found


# ------------------------------------------------------------------ one page per IRI


class _Resources:
    """The pages of single IRIs: their facts, references, and for models lineage and obligations."""

    def __init__(self, store, provenance: _Provenance, lineage: Lineage, claims, model_iris: set[str]):
        self.store, self.provenance, self.lineage, self.model_iris = store, provenance, lineage, model_iris
        self.hedges = _fact_hedges(claims)
        self.all = tuple(self.resource(ox.NamedNode(iri)) for iri in _page_iris(store))

    def resource(self, node: ox.NamedNode) -> Resource:
        iri, store, label = node.value, self.store, self.provenance.label
        facts = sorted(((q.predicate, q.object) for q in store.quads_for_pattern(node, None, None)
                        if q.predicate.value not in _NOT_FACTS), key=lambda po: (label(po[0].value), po[1].value))
        incoming = sorted(((q.subject, q.predicate) for q in store.quads_for_pattern(None, None, node)
                           if q.predicate.value not in _NOT_REFERENCES), key=lambda sp: (label(sp[0].value), sp[1].value))
        resource = Resource(
            iri=node,
            types=tuple(sorted(_objects(store, node, RDF + "type"), key=_sort_key)),
            descriptions=tuple(t.value for prop in _DESCRIPTIONS for t in _objects(store, node, prop)),
            facts=tuple(Fact(p, o, self.hedges.get((iri, p.value, o.value))) for p, o in facts),
            incoming=tuple(incoming),
            model=None, around=None, derivation=self.derivation(iri), obligations=None, obligations_error=None,
        )
        return self.with_model(resource) if iri in self.model_iris else resource

    def derivation(self, iri: str) -> Lineage | None:
        from aikg.provenance.lineage import Lineage

        edges = [e for e in self.lineage.edges if e.derivation == iri]
        if not edges:
            return None
        ends = {end for e in edges for end in (e.source, e.derived)}
        return Lineage({i: n for i, n in self.lineage.nodes.items() if i in ends}, edges)

    def with_model(self, resource: Resource) -> Resource:
        """A model's page also shows its summary, its lineage and the license clauses it may inherit."""
        iri = resource.iri.value
        node = self.lineage.nodes.get(iri) or self.provenance.describe_model(iri)
        resource = resource._replace(model=node, around=self.lineage.around([iri]))
        if not any(e.derived == iri for e in self.lineage.edges):  # nothing to inherit from; skip the work
            return resource
        try:
            return resource._replace(obligations=self.provenance.obligations(iri))
        except Exception as error:  # a report still helps when one model's obligations cannot be worked out
            return resource._replace(obligations_error=str(error))


# ------------------------------------------------------------------ validation and queries


def _validation(store: ox.Store, shapes) -> ValidationData:
    """The store checked against the shapes; a report still helps when the shapes cannot run."""
    from aikg.engines.fast import validate_store

    try:
        outcome = validate_store(store, list(shapes) if shapes else None)
    except Exception as error:
        return ValidationData(_VALIDATOR, None, {}, (), str(error))
    findings = tuple(FindingRow(f.severity, f.message, f.focus, f.path, f.value) for f in outcome.findings)
    return ValidationData(_VALIDATOR, outcome.conforms, outcome.counts(), findings, None)


# What the validation page says validated the graph (aikg.engines.routing says which shapes go where).
_VALIDATOR = "pyshacl-turbo, with the shapes it gets wrong validated by pySHACL"


def _queries(store: ox.Store) -> tuple[QueryAnswer, ...]:
    """Every catalogue query that needs no parameter, run on the store; one broken query does not sink the report."""
    from aikg.engines.fast import run_query_oxigraph
    from aikg.sparql.catalogue import catalogue

    answers = []
    for query in catalogue():
        answer = QueryAnswer(query.name, query.title, query.description,
                             tuple(p.name for p in query.params if not p.optional), bool(query.checks),
                             None, None, 0, (), (), None)
        if not answer.needs:
            try:
                result = run_query_oxigraph(store, query.text, source=str(query.path))
            except Exception as error:
                answer = answer._replace(error=str(error))
            else:
                answer = answer._replace(kind=result.kind, boolean=result.boolean, vars=tuple(result.vars),
                                         rows=tuple(tuple(row) for row in result.rows),
                                         triples=len(result.graph) if result.graph is not None else 0)
        answers.append(answer)
    return tuple(answers)


# ------------------------------------------------------------------ labels


def _shown_iris(data: ReportData) -> set[str]:
    """Every IRI a page shows by its label."""
    iris = {end for e in data.lineage.edges for end in (e.source, e.derived)}  # listed when Graphviz is missing
    for r in data.resources:
        for clause in r.obligations or ():
            first = clause.first
            iris |= {first.clause.iri, AIKG_VOCAB + clause.certainty, *(lic.iri for lic in clause.licenses)}
            iris |= {first.source.iri} if first.source else set()
    terms = [t for claim in data.claims for t in claim]
    terms += [t for section in data.sections for m in section.members for t in (m.iri, *m.types)]
    for r in data.resources:
        terms += [r.iri, *r.types, *(t for fact in r.facts for t in fact), *(t for pair in r.incoming for t in pair)]
    terms += [t for f in data.validation.findings for t in (f.focus, f.path, f.value)]
    terms += [t for answer in data.queries for row in answer.rows for t in row]
    return iris | {t.value for t in terms if isinstance(t, ox.NamedNode)}
