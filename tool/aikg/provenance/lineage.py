"""The derivation graph between models, as data every renderer draws alike.

Edges come from derivation nodes (``aikg:Derivation`` with its derived model
and source models) and from direct ``aikg:derivedFrom``-family triples that no
derivation node already covers. Each edge carries its kind, the derivation's
status and its certainty, read from the hedges of the claims that support
it: the strongest hedge wins, an edge with only hedged claims is *hedged*,
one without any claim is *unsourced*.

Nodes carry what a reader of a lineage picture wants next to a model's name:
developer, license and access level. A model of unspecified version (named
only by its family) takes them from its family, and says so.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import cache

from aikg.errors import InputError
from aikg.namespaces import AIKG, AIKG_PREFIXES, AIKG_VOCAB, RDF, sparql_prologue
from aikg.rdf.labels import graph_label
from aikg.provenance.categories import CLOSED, CONFIRMED, HEDGED, OPEN, UNKNOWN, UNRELEASED, UNSOURCED

# Hedges from strongest to weakest: what an authoritative record confirms; what the subject's publisher
# declares in its own metadata; what a publication states in its own voice; what it reports on others'
# authority; what is expected; what is possible.
HEDGE_STRENGTH = {AIKG_VOCAB + h: rank for rank, h in enumerate(
    ("confirmed", "declared", "stated", "reported", "expected", "possible"))}


def hedge_rank(hedge) -> int:
    """The hedge's place in HEDGE_STRENGTH (0 strongest); a hedge outside the scheme counts as "reported"."""
    return HEDGE_STRENGTH.get(str(hedge), HEDGE_STRENGTH[AIKG_VOCAB + "reported"])


# The derivation kinds: (concept, derivation class, direct property) for each.
_KINDS = (
    ("distillation", "Distillation", "distilledFrom"),
    ("finetune", "FineTuning", "fineTunedFrom"),
    ("quantized", "Quantization", "quantizedFrom"),
    ("merge", "Merge", "mergedFrom"),
    ("adapter", "AdapterTraining", "adapterOf"),
)


# Derivation classes, and direct properties, that say the kind when aikg:derivationKind does not.
KIND_OF_CLASS = {AIKG + cls: AIKG_VOCAB + kind for kind, cls, _prop in _KINDS}


KIND_OF_PROPERTY = {AIKG + prop: AIKG_VOCAB + kind for kind, _cls, prop in _KINDS} | {AIKG + "derivedFrom": None}


DERIVED_PROPERTIES = (AIKG + "derivedModel", AIKG + "student")


SOURCE_PROPERTIES = (AIKG + "sourceModel", AIKG + "teacher")


_CATEGORY_OF = {AIKG_VOCAB + "open-weights": OPEN, AIKG_VOCAB + "closed": CLOSED, AIKG_VOCAB + "unreleased": UNRELEASED}


_PREFIXES = sparql_prologue("aikg", "rdf", "rdfs")


# The derived-model and source-model properties, with any sub-properties the graph declares,
# are bound first: rdflib evaluates in the order written.
_DERIVED_PROPERTY = "{ VALUES ?dp { aikg:derivedModel aikg:student } } UNION { ?dp rdfs:subPropertyOf+ aikg:derivedModel }"


_SOURCE_PROPERTY = "{ VALUES ?sp { aikg:sourceModel aikg:teacher } } UNION { ?sp rdfs:subPropertyOf+ aikg:sourceModel }"


_DERIVATIONS = _PREFIXES + f"""
SELECT DISTINCT ?derivation ?derived ?source ?kind ?status WHERE {{
  {{ SELECT DISTINCT ?dp WHERE {{ {_DERIVED_PROPERTY} }} }}
  ?derivation ?dp ?derived .
  {{ SELECT DISTINCT ?sp WHERE {{ {_SOURCE_PROPERTY} }} }}
  ?derivation ?sp ?source .
  OPTIONAL {{ ?derivation aikg:derivationKind ?kind }}
  OPTIONAL {{ ?derivation aikg:derivationStatus ?status }}
}}
"""


_DERIVATION_TYPES = _PREFIXES + f"""
SELECT DISTINCT ?derivation ?type WHERE {{
  {{ SELECT DISTINCT ?dp WHERE {{ {_DERIVED_PROPERTY} }} }}
  ?derivation ?dp ?derived ; a ?type .
}}
"""


_DIRECT = _PREFIXES + """
SELECT DISTINCT ?derived ?property ?source WHERE {
  VALUES ?property { aikg:derivedFrom aikg:distilledFrom aikg:fineTunedFrom
                     aikg:quantizedFrom aikg:mergedFrom aikg:adapterOf }
  ?derived ?property ?source .
}
"""


_CLAIMS = _PREFIXES + """
SELECT ?claim ?subject ?predicate ?object ?hedge WHERE {
  ?claim rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
  OPTIONAL { ?claim aikg:hedge ?hedge }
}
"""


_MODELS = _PREFIXES + """
SELECT DISTINCT ?model WHERE {
  { { SELECT DISTINCT ?class WHERE { { VALUES ?class { aikg:Model aikg:UnspecifiedVersionModel } }
                                     UNION { ?class rdfs:subClassOf+ aikg:Model } } }
    ?model a ?class }
  UNION { ?model aikg:memberOfFamily ?family }
}
"""


@dataclass(frozen=True)
class Term:
    """An IRI with the label to show for it."""

    iri: str
    label: str


@dataclass(frozen=True)
class ModelNode:
    iri: str
    label: str
    developers: tuple[Term, ...] = ()
    licenses: tuple[Term, ...] = ()
    access_levels: tuple[Term, ...] = ()
    access_category: str = UNKNOWN  # open-weights, closed, unreleased or unknown
    access_planned: bool = False  # the access level is only planned (aikg:plannedAccessLevel)
    family: Term | None = None  # set when developer/license/access were taken from the family
    licenses_vary: bool = False  # the family's versions carry different licenses
    access_hedge: Term | None = None  # the hedge of the claim stating the (planned) access level


@dataclass(frozen=True)
class LineageEdge:
    """``source`` was used to make ``derived`` (drawn source → derived)."""

    source: str
    derived: str
    kind: Term | None
    certainty: str  # confirmed, hedged or unsourced
    hedge: Term | None = None  # the strongest hedge of the supporting claims
    status: Term | None = None
    derivation: str | None = None  # the aikg:Derivation node, if any
    claims: tuple[str, ...] = ()

    @property
    def hedged(self) -> bool:
        return self.certainty == HEDGED


@dataclass
class Lineage:
    nodes: dict[str, ModelNode] = field(default_factory=dict)
    edges: list[LineageEdge] = field(default_factory=list)
    focus: tuple[str, ...] = ()

    def around(self, focus, depth: int | None = None, direction: str = "both") -> Lineage:
        """The part reachable from ``focus`` up (towards sources), down, or both, within ``depth`` steps.

        "both" means ancestors and descendants, not cousins: an edge is kept
        only when both its ends lie on the same side of the focus.
        """
        if direction not in ("up", "down", "both"):
            raise ValueError(f"unknown direction {direction!r}")
        focus = tuple(focus)
        sides = []
        if direction in ("up", "both"):
            sides.append(_reach(focus, _adjacency(self.edges, up=True), depth))
        if direction in ("down", "both"):
            sides.append(_reach(focus, _adjacency(self.edges, up=False), depth))
        keep = set().union(*sides)
        edges = [e for e in self.edges if any(e.source in side and e.derived in side for side in sides)]
        nodes = {iri: node for iri, node in self.nodes.items() if iri in keep}
        return Lineage(nodes, edges, focus)


def _adjacency(edges, up: bool) -> dict[str, list[str]]:
    nexts: dict[str, list[str]] = {}
    for e in edges:
        a, b = (e.derived, e.source) if up else (e.source, e.derived)
        nexts.setdefault(a, []).append(b)
    return nexts


def _reach(start, nexts: dict[str, list[str]], depth: int | None) -> set[str]:
    seen = set(start)
    queue = deque((s, 0) for s in start)
    while queue:
        node, steps = queue.popleft()
        if depth is not None and steps >= depth:
            continue
        for nxt in nexts.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, steps + 1))
    return seen


def extract(graph, upstream_of: str | None = None) -> Lineage:
    """Every derivation edge of ``graph`` and every model it touches; with
    ``upstream_of``, only the edges on that model's ancestry (what obligations read)."""
    from rdflib import URIRef

    labels = Labeller(graph)
    types, derivations, direct, claims = _lineage_rows(graph, upstream_of)
    lineage = Lineage()
    covered: set[tuple[str, str]] = set()
    for row in derivations:
        derivation, derived, source = str(row.derivation), str(row.derived), str(row.source)
        kind = str(row.kind) if row.kind is not None else _kind_from_types(types.get(derivation, ()))
        support = _derivation_claims(claims, derivation, derived, source)
        lineage.edges.append(
            _edge(labels, source, derived, kind, support, derivation=derivation,
                  status=str(row.status) if row.status is not None else None)
        )
        covered.add((source, derived))
    for row in direct:
        derived, source, prop = str(row.derived), str(row.source), str(row.property)
        if (source, derived) in covered:
            continue
        covered.add((source, derived))
        support = claims.get((derived, prop, source), [])
        lineage.edges.append(_edge(labels, source, derived, KIND_OF_PROPERTY[prop], support))
    for iri in {e.source for e in lineage.edges} | {e.derived for e in lineage.edges}:
        lineage.nodes[iri] = describe_model(graph, URIRef(iri), labels)
    return lineage


def _lineage_rows(graph, upstream_of: str | None):
    """Derivation types, derivation rows, direct-link rows and the claims index; near one model's ancestry only, if given."""
    def select(query: str, values: str = "") -> list:
        return sorted(graph.query(query.replace("WHERE {", "WHERE { " + values, 1)), key=lambda r: tuple(str(t) for t in r))

    only = "" if upstream_of is None else _upstream_values(graph, upstream_of)
    derivations, direct = select(_DERIVATIONS, only), select(_DIRECT, only)
    types: dict[str, set[str]] = {}
    for row in select(_DERIVATION_TYPES, only):
        types.setdefault(str(row.derivation), set()).add(str(row.type))
    about = ""
    if upstream_of is not None:  # the claims that can support these edges are about their derivations or models
        subjects = {str(r.derivation) for r in derivations} | {str(r.derived) for r in [*derivations, *direct]}
        if not subjects:
            return types, derivations, direct, {}
        about = "VALUES ?subject { " + " ".join(f"<{s}>" for s in sorted(subjects)) + " } "
    return types, derivations, direct, _claims_index(select(_CLAIMS, about))


def _upstream_values(graph, start: str) -> str:
    """A VALUES clause binding ?derived to ``start`` and every model it derives from."""
    walk = "|".join(["aikg:" + p for p in ("derivedFrom", "distilledFrom", "fineTunedFrom", "quantizedFrom", "mergedFrom",
                                          "adapterOf")] + ["^aikg:derivedModel/(aikg:sourceModel|aikg:teacher)",
                                                           "^aikg:student/(aikg:sourceModel|aikg:teacher)"])
    rows = graph.query(_PREFIXES + f"SELECT DISTINCT ?up WHERE {{ <{start}> ({walk})* ?up }}")
    return "VALUES ?derived { " + " ".join(f"<{row.up}>" for row in rows) + " } "


def _kind_from_types(types) -> str | None:
    return next((KIND_OF_CLASS[t] for t in sorted(types) if t in KIND_OF_CLASS), None)


def _claims_index(rows) -> dict:
    """Claims keyed by their (subject, predicate, object), and by subject alone."""
    index: dict = {}
    for row in rows:
        entry = (str(row.claim), str(row.hedge) if row.hedge is not None else None)
        key = (str(row.subject), str(row.predicate), str(row.object))
        index.setdefault(key, []).append(entry)
        index.setdefault(str(row.subject), []).append((entry, str(row.predicate)))
    return index


def _derivation_claims(claims, derivation, derived, source) -> list:
    """Claims naming this source of this derivation; failing those, claims about the derivation itself."""
    specific = [c for p in SOURCE_PROPERTIES + tuple(KIND_OF_PROPERTY) for c in claims.get((derivation, p, source), [])]
    specific += [c for p in KIND_OF_PROPERTY for c in claims.get((derived, p, source), [])]
    if specific:
        return specific
    about = (RDF + "type", AIKG + "derivationKind") + DERIVED_PROPERTIES
    return [c for c, p in claims.get(derivation, []) if p in about]


def _edge(labels, source, derived, kind, support, derivation=None, status=None) -> LineageEdge:
    if not support:
        certainty, hedge = UNSOURCED, None
    else:
        strongest = min(support, key=lambda c: 0 if c[1] is None else hedge_rank(c[1]))[1]
        hedge = labels.term(strongest) if strongest else None
        certainty = CONFIRMED if strongest is None or HEDGE_STRENGTH.get(strongest) == 0 else HEDGED
    return LineageEdge(
        source=source,
        derived=derived,
        kind=labels.term(kind) if kind else None,
        certainty=certainty,
        hedge=hedge,
        status=labels.term(status) if status else None,
        derivation=derivation,
        claims=tuple(sorted({c[0] for c in support})),
    )


def describe_model(graph, model, labels: Labeller | None = None) -> ModelNode:
    """Developer, license and access level of ``model``, from its family when it has none."""
    from rdflib import URIRef

    labels = labels or Labeller(graph)
    a = lambda name: URIRef(AIKG + name)  # noqa: E731
    developers = set(graph.objects(model, a("developedBy")))
    licenses = set(graph.objects(model, a("license")))
    levels = set(graph.objects(model, a("accessLevel")))
    planned = False
    if not levels:
        levels = set(graph.objects(model, a("plannedAccessLevel")))
        planned = bool(levels)
    family = next(iter(sorted(graph.objects(model, a("memberOfFamily")))), None)
    licenses_vary = False
    inherited = False
    if family is not None and (not developers or not licenses or not levels):
        versions = set(graph.objects(family, a("hasVersion"))) | set(graph.subjects(a("memberOfFamily"), family))
        versions.discard(model)
        if not developers:
            developers = set(graph.objects(family, a("developedBy")))
            inherited |= bool(developers)
        if not licenses:
            licenses = set(graph.objects(family, a("license")))
            if not licenses:
                licenses = {lic for v in versions for lic in graph.objects(v, a("license"))}
                licenses_vary = len(licenses) > 1
            inherited |= bool(licenses)
        if not levels:
            levels = set(graph.objects(family, a("accessLevel"))) or {
                lvl for v in versions for lvl in graph.objects(v, a("accessLevel"))
            }
            inherited |= bool(levels)
    return ModelNode(
        iri=str(model),
        label=labels.label(model),
        developers=labels.terms(developers),
        licenses=labels.terms(licenses),
        access_levels=labels.terms(levels),
        access_category=_category(graph, levels, labels),
        access_planned=planned,
        family=labels.term(family) if inherited else None,
        licenses_vary=licenses_vary,
        access_hedge=_claim_hedge(graph, model, a("plannedAccessLevel" if planned else "accessLevel"), labels),
    )


def _claim_hedge(graph, subject, predicate, labels) -> Term | None:
    """The strongest hedge among the claims stating ``subject predicate …``, or None without a claim."""
    from rdflib import URIRef

    hedges = {
        hedge
        for claim in graph.subjects(URIRef(RDF + "subject"), subject)
        if (claim, URIRef(RDF + "predicate"), predicate) in graph
        for hedge in graph.objects(claim, URIRef(AIKG + "hedge"))
    }
    if not hedges:
        return None
    return labels.term(min(hedges, key=hedge_rank))


def _category(graph, levels, labels) -> str:
    """open-weights if any level is open (the family case), else closed, unreleased or unknown."""
    from rdflib import URIRef

    found = set()
    for level in levels:
        for concept in (level, *graph.objects(level, URIRef(AIKG + "accessCategory")), *labels.vocabulary_categories(level)):
            if str(concept) in _CATEGORY_OF:
                found.add(_CATEGORY_OF[str(concept)])
    for category in (OPEN, CLOSED, UNRELEASED):
        if category in found:
            return category
    return UNKNOWN




class Labeller:
    """Labels from the graph; for aikg's vocabularies also from the bundled vocabulary
    file, so a user's data file that only uses ``aikgv:`` terms still reads well."""

    def __init__(self, graph):
        self.graph = graph
        self._known: dict[str, str] = {}  # a report asks for the same labels tens of thousands of times

    def label(self, term) -> str:
        if term is None:
            return ""
        iri = str(term)
        if iri not in self._known:
            self._known[iri] = self._look_up(iri)
        return self._known[iri]

    def _look_up(self, iri: str) -> str:
        for graph in (self.graph, _vocabulary()):
            text = graph_label(graph, iri) if graph is not None else None
            if text:
                return text
        return local_name(iri)

    def term(self, iri) -> Term:
        return Term(str(iri), self.label(iri))

    def terms(self, iris) -> tuple[Term, ...]:
        return tuple(sorted((self.term(i) for i in iris), key=lambda t: (t.label.lower(), t.iri)))

    def vocabulary_categories(self, level) -> list:
        from rdflib import URIRef

        vocabulary = _vocabulary()
        if vocabulary is None:
            return []
        return list(vocabulary.objects(URIRef(str(level)), URIRef(AIKG + "accessCategory")))


def local_name(iri: str) -> str:
    for sep in ("#", "/", ":"):
        if sep in iri.rstrip(sep):
            tail = iri.rstrip(sep).rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


@cache
def bundled_ontology_file(name: str):
    """One file of the bundled ontology as a graph (None if absent): the background
    that lets a user's data file be read without the ontology beside it."""
    from aikg import bundle

    path = bundle.root() / "ontology" / name
    if not path.is_file():
        return None
    from aikg.provenance.store_graph import StoreGraph
    from aikg.rdf.graphs import load_store

    return StoreGraph(load_store([path]))  # read in pyoxigraph: a tenth of rdflib's parse


def _vocabulary():
    return bundled_ontology_file("vocabularies.ttl")


def models(graph) -> dict[str, str]:
    """Every model of the graph (typed, family member, or in a derivation), IRI → label."""
    labels = Labeller(graph)
    found = {str(row.model) for row in graph.query(_MODELS)}
    lineage_nodes = {str(term) for row in graph.query(_DERIVATIONS) for term in (row.derived, row.source)}
    return {iri: labels.label(iri) for iri in sorted(found | lineage_nodes)}


def resolve_models(graph, names, prefixes: dict[str, str] | None = None) -> list[str]:
    """The IRIs of the models named by IRI, prefixed name or label; InputError for unknown ones."""
    from aikg.sparql.params import expand_iri
    from aikg.sparql.syntax import query_prefixes

    all_prefixes = query_prefixes("", {**dict((p, str(n)) for p, n in graph.namespace_manager.namespaces()), **(prefixes or {})})
    named = [expand_iri(name, all_prefixes) if ":" in name else None for name in names]
    if all(iri and _is_model(graph, iri) for iri in named):  # no need to list and label every model
        return named
    known = models(graph)
    by_label: dict[str, list[str]] = {}
    for iri, label in known.items():
        for key in {label.casefold(), local_name(iri).casefold()}:
            by_label.setdefault(key, []).append(iri)
    resolved = []
    for name in names:
        iri = expand_iri(name, all_prefixes) if ":" in name else None
        if iri and iri in known:
            resolved.append(iri)
            continue
        matches = sorted(set(by_label.get(name.casefold(), ())))
        if len(matches) == 1:
            resolved.append(matches[0])
            continue
        if len(matches) > 1:
            raise InputError(
                f"{name!r} names several models: " + ", ".join(matches),
                hint="give the model's IRI or prefixed name",
            )
        raise InputError(f"unknown model {name!r}", hint=_suggest(name, known))
    return resolved


def _is_model(graph, iri: str) -> bool:
    """Whether ``iri`` is one of models(graph), asked of the graph directly."""
    answer = graph.query(_PREFIXES + f"""
ASK {{ {{ <{iri}> a ?class . {{ VALUES ?class {{ aikg:Model aikg:UnspecifiedVersionModel }} }}
         UNION {{ ?class rdfs:subClassOf+ aikg:Model }} }}
      UNION {{ <{iri}> aikg:memberOfFamily ?family }}
      UNION {{ ?d aikg:derivedModel|aikg:student <{iri}> ; aikg:sourceModel|aikg:teacher [] }}
      UNION {{ ?d aikg:sourceModel|aikg:teacher <{iri}> ; aikg:derivedModel|aikg:student [] }} }}""")
    return answer if isinstance(answer, bool) else bool(answer.askAnswer)  # a StoreGraph, or rdflib


def _suggest(name: str, known: dict[str, str]) -> str:
    import difflib

    def short(iri):
        for prefix, ns in AIKG_PREFIXES.items():
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"

    candidates = {}
    for iri, label in known.items():
        candidates[label.casefold()] = iri
        candidates[local_name(iri).casefold()] = iri
        candidates[short(iri).casefold()] = iri
    close = difflib.get_close_matches(name.casefold(), list(candidates), n=3, cutoff=0.5)
    picks = list(dict.fromkeys(candidates[c] for c in close))
    if picks:
        return "did you mean " + ", ".join(f"{short(i)} ({known[i]})" for i in picks) + "?"
    if not known:
        return "the input has no models (nothing typed aikg:Model or in a derivation)"
    return "run 'aikg query -e \"SELECT ?m WHERE { ?m a aikg:Model }\"' to list the models"


def lineage_for(graph, names=(), depth: int | None = None, direction: str = "both", prefixes=None) -> Lineage:
    """The lineage around the named models (by IRI, prefixed name or label), or all of it."""
    from rdflib import URIRef

    full = extract(graph)
    if not names:  # no focus: the whole graph; depth and direction have nothing to count from
        return full
    focus = resolve_models(graph, names, prefixes)
    labels = Labeller(graph)
    for iri in focus:  # a named model with no derivation is still drawn
        if iri not in full.nodes:
            full.nodes[iri] = describe_model(graph, URIRef(iri), labels)
    return full.around(focus, depth, direction)


__all__ = [
    "CONFIRMED",
    "HEDGED",
    "UNSOURCED",
    "Lineage",
    "LineageEdge",
    "ModelNode",
    "Term",
    "extract",
    "lineage_for",
    "models",
    "resolve_models",
]
