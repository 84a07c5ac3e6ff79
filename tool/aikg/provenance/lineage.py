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

import pyoxigraph as ox

from aikg.errors import InputError
from aikg.namespaces import AIKG, AIKG_PREFIXES, AIKG_VOCAB, RDF, sparql_prologue
from aikg.provenance.categories import CLOSED, CONFIRMED, HEDGED, OPEN, UNKNOWN, UNRELEASED, UNSOURCED
from aikg.provenance.reading import ask, holds, named, objects, select, subjects, value
from aikg.rdf.labels import store_label

# Hedges from strongest to weakest: what an authoritative record confirms; what the subject's publisher
# declares in its own metadata; what a publication states in its own voice; what it reports on others'
# authority; what is expected; what is possible.
HEDGE_STRENGTH = {AIKG_VOCAB + h: rank for rank, h in enumerate(
    ("confirmed", "declared", "stated", "reported", "expected", "possible"))}


def hedge_rank(hedge: str) -> int:
    """The place of the hedge ``hedge`` (an IRI) in HEDGE_STRENGTH (0 strongest); a hedge outside the scheme counts as "reported"."""
    return HEDGE_STRENGTH.get(hedge, HEDGE_STRENGTH[AIKG_VOCAB + "reported"])


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
# are bound first, in subqueries: a few properties, then the triples that use them.
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


def extract(store: ox.Store, upstream_of: str | None = None) -> Lineage:
    """Every derivation edge of ``store`` and every model it touches; with
    ``upstream_of`` (an IRI), only the edges on that model's ancestry (what obligations read)."""
    labels = Labeller(store)
    types, derivations, direct, claims = _lineage_rows(store, upstream_of)
    lineage = Lineage()
    covered: set[tuple[str, str]] = set()
    for row in derivations:
        derivation, derived, source = value(row["derivation"]), value(row["derived"]), value(row["source"])
        kind = value(row["kind"]) if row["kind"] is not None else _kind_from_types(types.get(derivation, ()))
        support = _derivation_claims(claims, derivation, derived, source)
        lineage.edges.append(
            _edge(labels, source, derived, kind, support, derivation=derivation, status=value(row["status"]))
        )
        covered.add((source, derived))
    for row in direct:
        derived, source, prop = value(row["derived"]), value(row["source"]), value(row["property"])
        if (source, derived) in covered:
            continue
        covered.add((source, derived))
        support = claims.get((derived, prop, source), [])
        lineage.edges.append(_edge(labels, source, derived, KIND_OF_PROPERTY[prop], support))
    for iri in {e.source for e in lineage.edges} | {e.derived for e in lineage.edges}:
        lineage.nodes[iri] = describe_model(store, iri, labels)
    return lineage


def _lineage_rows(store: ox.Store, upstream_of: str | None):
    """Derivation types, derivation rows, direct-link rows and the claims index; near one model's ancestry only, if given."""
    def rows(query: str, values: str = "") -> list[dict]:
        found = select(store, query.replace("WHERE {", "WHERE { " + values, 1))
        return sorted(found, key=lambda r: tuple(value(t) or "" for t in r.values()))

    only = "" if upstream_of is None else _upstream_values(store, upstream_of)
    derivations, direct = rows(_DERIVATIONS, only), rows(_DIRECT, only)
    types: dict[str, set[str]] = {}
    for row in rows(_DERIVATION_TYPES, only):
        types.setdefault(value(row["derivation"]), set()).add(value(row["type"]))
    about = ""
    if upstream_of is not None:  # the claims that can support these edges are about their derivations or models
        about_nodes = {r["derivation"] for r in derivations} | {r["derived"] for r in [*derivations, *direct]}
        if not about_nodes:
            return types, derivations, direct, {}
        about = _values("subject", about_nodes)
    return types, derivations, direct, _claims_index(rows(_CLAIMS, about))


def _values(variable: str, terms) -> str:
    """A VALUES clause for ``terms``, written in N-Triples syntax by the terms themselves (escaped, validated);
    blank nodes, which VALUES cannot name, left out."""
    return f"VALUES ?{variable} {{ " + " ".join(sorted(str(t) for t in terms if not isinstance(t, ox.BlankNode))) + " } "


_UPSTREAM = _PREFIXES + "SELECT DISTINCT ?start ?up WHERE { ?start (%s)* ?up }" % "|".join(
    ["aikg:" + p for p in ("derivedFrom", "distilledFrom", "fineTunedFrom", "quantizedFrom", "mergedFrom", "adapterOf")]
    + ["^aikg:derivedModel/(aikg:sourceModel|aikg:teacher)", "^aikg:student/(aikg:sourceModel|aikg:teacher)"])


def _upstream_values(store: ox.Store, start: str) -> str:
    """A VALUES clause binding ?derived to ``start`` and every model it derives from."""
    node = named(start)
    return _values("derived", [row["up"] for row in select(store, _UPSTREAM, start=node)] if node is not None else [])


def _kind_from_types(types) -> str | None:
    return next((KIND_OF_CLASS[t] for t in sorted(types) if t in KIND_OF_CLASS), None)


def _claims_index(rows) -> dict:
    """Claims keyed by their (subject, predicate, object), and by subject alone."""
    index: dict = {}
    for row in rows:
        entry = (value(row["claim"]), value(row["hedge"]))
        key = (value(row["subject"]), value(row["predicate"]), value(row["object"]))
        index.setdefault(key, []).append(entry)
        index.setdefault(key[0], []).append((entry, key[1]))
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


def _aikg(name: str) -> ox.NamedNode:
    return ox.NamedNode(AIKG + name)


def describe_model(store: ox.Store, model: str, labels: Labeller | None = None) -> ModelNode:
    """Developer, license and access level of the model ``model`` (an IRI), from its family when it has none."""
    labels = labels or Labeller(store)
    node = named(model)
    developers = objects(store, node, _aikg("developedBy"))
    licenses = objects(store, node, _aikg("license"))
    levels = objects(store, node, _aikg("accessLevel"))
    planned = False
    if not levels:
        levels = objects(store, node, _aikg("plannedAccessLevel"))
        planned = bool(levels)
    family = min(objects(store, node, _aikg("memberOfFamily")), key=value, default=None)
    licenses_vary = False
    inherited = False
    if family is not None and (not developers or not licenses or not levels):
        versions = (objects(store, family, _aikg("hasVersion")) | subjects(store, _aikg("memberOfFamily"), family)) - {node}
        if not developers:
            developers = objects(store, family, _aikg("developedBy"))
            inherited |= bool(developers)
        if not licenses:
            licenses = objects(store, family, _aikg("license"))
            if not licenses:
                licenses = {lic for v in versions for lic in objects(store, v, _aikg("license"))}
                licenses_vary = len(licenses) > 1
            inherited |= bool(licenses)
        if not levels:
            levels = objects(store, family, _aikg("accessLevel")) or {
                lvl for v in versions for lvl in objects(store, v, _aikg("accessLevel"))
            }
            inherited |= bool(levels)
    return ModelNode(
        iri=model,
        label=labels.label(model),
        developers=labels.terms(t.value for t in developers),
        licenses=labels.terms(t.value for t in licenses),
        access_levels=labels.terms(t.value for t in levels),
        access_category=_category(store, levels, labels),
        access_planned=planned,
        family=labels.term(family.value) if inherited else None,
        licenses_vary=licenses_vary,
        access_hedge=_claim_hedge(store, node, _aikg("plannedAccessLevel" if planned else "accessLevel"), labels),
    )


def _claim_hedge(store: ox.Store, subject, predicate, labels) -> Term | None:
    """The strongest hedge among the claims stating ``subject predicate …``, or None without a claim."""
    hedges = {
        hedge.value
        for claim in subjects(store, ox.NamedNode(RDF + "subject"), subject)
        if holds(store, claim, ox.NamedNode(RDF + "predicate"), predicate)
        for hedge in objects(store, claim, _aikg("hedge"))
    }
    if not hedges:
        return None
    return labels.term(min(hedges, key=lambda h: (hedge_rank(h), h)))


def _category(store: ox.Store, levels, labels) -> str:
    """open-weights if any level is open (the family case), else closed, unreleased or unknown."""
    found = set()
    for level in levels:
        for concept in (level, *objects(store, level, _aikg("accessCategory")), *labels.vocabulary_categories(level)):
            if concept.value in _CATEGORY_OF:
                found.add(_CATEGORY_OF[concept.value])
    for category in (OPEN, CLOSED, UNRELEASED):
        if category in found:
            return category
    return UNKNOWN


class Labeller:
    """Labels from the store; for aikg's vocabularies also from the bundled vocabulary
    file, so a user's data file that only uses ``aikgv:`` terms still reads well."""

    def __init__(self, store: ox.Store):
        self.store = store
        self._known: dict[str, str] = {}  # a report asks for the same labels tens of thousands of times

    def label(self, iri: str | None) -> str:
        """The label of ``iri`` (an IRI, or a blank node's id: its local name then), "" for None."""
        if iri is None:
            return ""
        if iri not in self._known:
            self._known[iri] = self._look_up(iri)
        return self._known[iri]

    def _look_up(self, iri: str) -> str:
        for store in (self.store, _vocabulary()):
            text = store_label(store, iri) if store is not None else None
            if text:
                return text
        return local_name(iri)

    def term(self, iri: str) -> Term:
        return Term(iri, self.label(iri))

    def terms(self, iris) -> tuple[Term, ...]:
        return tuple(sorted((self.term(i) for i in iris), key=lambda t: (t.label.lower(), t.iri)))

    def vocabulary_categories(self, level) -> set:
        """The access categories the bundled vocabulary gives the access level ``level`` (a term)."""
        vocabulary = _vocabulary()
        return set() if vocabulary is None else objects(vocabulary, level, _aikg("accessCategory"))


def local_name(iri: str) -> str:
    for sep in ("#", "/", ":"):
        if sep in iri.rstrip(sep):
            tail = iri.rstrip(sep).rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


@cache
def bundled_ontology_file(name: str):
    """One file of the bundled ontology as a pyoxigraph store (None if absent): the background
    that lets a user's data file be read without the ontology beside it."""
    from aikg import bundle

    path = bundle.root() / "ontology" / name
    if not path.is_file():
        return None
    from aikg.rdf.graphs import load_store

    return load_store([path])


def _vocabulary():
    return bundled_ontology_file("vocabularies.ttl")


def models(store: ox.Store) -> dict[str, str]:
    """Every model of the store (typed, family member, or in a derivation), IRI → label."""
    labels = Labeller(store)
    found = {value(row["model"]) for row in select(store, _MODELS)}
    lineage_nodes = {value(row[end]) for row in select(store, _DERIVATIONS) for end in ("derived", "source")}
    return {iri: labels.label(iri) for iri in sorted(found | lineage_nodes)}


def resolve_models(store: ox.Store, names, prefixes: dict[str, str] | None = None) -> list[str]:
    """The IRIs of the models named by IRI, prefixed name (aikg's prefixes and ``prefixes``) or label;
    InputError for unknown ones."""
    from aikg.sparql.params import expand_iri
    from aikg.sparql.syntax import implicit_prefixes

    all_prefixes = implicit_prefixes(prefixes)
    iris = [expand_iri(name, all_prefixes) if ":" in name else None for name in names]
    if all(iri and _is_model(store, iri) for iri in iris):  # no need to list and label every model
        return iris
    known = models(store)
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


_IS_MODEL = _PREFIXES + """
ASK { { ?model a ?class . { VALUES ?class { aikg:Model aikg:UnspecifiedVersionModel } }
        UNION { ?class rdfs:subClassOf+ aikg:Model } }
      UNION { ?model aikg:memberOfFamily ?family }
      UNION { ?d aikg:derivedModel|aikg:student ?model ; aikg:sourceModel|aikg:teacher [] }
      UNION { ?d aikg:sourceModel|aikg:teacher ?model ; aikg:derivedModel|aikg:student [] } }"""


def _is_model(store: ox.Store, iri: str) -> bool:
    """Whether ``iri`` is one of models(store), asked of the store directly."""
    node = named(iri)
    return node is not None and ask(store, _IS_MODEL, model=node)


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


def lineage_for(store: ox.Store, names=(), depth: int | None = None, direction: str = "both", prefixes=None) -> Lineage:
    """The lineage around the named models (by IRI, prefixed name or label), or all of it."""
    full = extract(store)
    if not names:  # no focus: the whole graph; depth and direction have nothing to count from
        return full
    focus = resolve_models(store, names, prefixes)
    labels = Labeller(store)
    for iri in focus:  # a named model with no derivation is still drawn
        if iri not in full.nodes:
            full.nodes[iri] = describe_model(store, iri, labels)
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
