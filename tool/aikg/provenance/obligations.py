"""License duties a model may inherit along its derivation paths.

The clauses come from ``queries/inherited-duties.rq`` (every ancestor's
license and the derivation kinds that trigger each clause); the paths and
their certainty come from walking the derivation edges of
:mod:`aikg.provenance.lineage` upwards, hop by hop, so no reasoner is needed.

A clause reaches the model when the hop out of the licensed ancestor is of
a kind that triggers it; later hops carry it on (a model fine-tuned from a
Gemma distillate is still downstream of Gemma). The certainty is the weakest
link of: the hedges of the claims behind each hop, whether the trigger is
only *possibly* covered by the license, and whether the ancestor's license is
known only from its family (version not stated) or depends on the version.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from aikg.namespaces import AIKG_VOCAB, ODRL
from aikg.provenance.lineage import LineageEdge, Term
from aikg.provenance.reading import select, value

# Certainty levels, strongest first: the claim hedges, with unsourced hops between
# "expected" and "possible" (nothing speaks for them, nothing hedges them either).
CERTAINTIES = ("confirmed", "reported", "expected", "unsourced", "possible")


KNOWN, FAMILY, DEPENDS = "known", "from family", "depends on version"


@dataclass(frozen=True)
class Obligation:
    model: Term
    path: tuple[Term, ...]  # the model first, the licensed ancestor last
    kinds: tuple[Term | None, ...]  # derivation kind of each hop, model side first
    ancestor: Term
    license: Term
    candidates: tuple[Term, ...]  # the family's licenses when the version decides
    version: str  # known, from family, depends on version
    clause: Term
    rule: str  # duty or prohibition
    clause_kind: Term | None
    summary: str
    source: Term | None
    locator: str | None
    certainty: str

    @property
    def path_text(self) -> str:
        parts = [self.path[0].label]
        for kind, node in zip(self.kinds, self.path[1:]):
            parts.append(f"←{kind.label if kind else 'derived'}← {node.label}")
        return " ".join(parts)


COLUMNS = ("model", "clause", "rule", "clauseKind", "license", "candidates", "version", "paths", "kinds",
           "summary", "source", "locator", "certainty")


def obligations(store: ox.Store, model: str, prefixes: dict[str, str] | None = None) -> list[Obligation]:
    """The clauses ``model`` (IRI, prefixed name or label) may inherit, one per path and clause."""
    from aikg.provenance.lineage import Labeller, describe_model, extract, resolve_models

    [iri] = resolve_models(store, [model], prefixes)
    clauses: dict[str, list[dict]] = {}
    for row in _inherited_duties(store, ox.NamedNode(iri)):
        clauses.setdefault(value(row["ancestor"]), []).append(row)
    labels = Labeller(store)
    up: dict[str, list[LineageEdge]] = {}
    for edge in extract(store, upstream_of=iri).edges:
        up.setdefault(edge.derived, []).append(edge)
    found: list[Obligation] = []
    for path in _paths_up(iri, up):
        ancestor = path[-1].source
        if ancestor not in clauses:
            continue
        node = describe_model(store, ancestor, labels)
        for clause_rows in _by_clause(clauses[ancestor]).values():
            obligation = _obligation(labels, iri, path, node, clause_rows)
            if obligation:
                found.append(obligation)
    return sorted(found, key=lambda o: (len(o.path), o.path_text, o.license.label, o.clause.iri))


@dataclass(frozen=True)
class InheritedClause:
    """One clause a model may inherit, with every derivation path that carries it."""

    routes: tuple[Obligation, ...]  # one per path, strongest certainty first

    @property
    def first(self) -> Obligation:
        return self.routes[0]

    @property
    def certainty(self) -> str:
        """The strongest route's: one well-supported path is enough for the clause to reach the model."""
        return self.first.certainty

    @property
    def licenses(self) -> tuple[Term, ...]:
        return tuple({o.license.iri: o.license for o in self.routes}.values())


def by_clause(found: list[Obligation]) -> list[InheritedClause]:
    """The obligations grouped into one entry per (model, clause), in first-found order."""
    groups: dict[tuple[str, str], list[Obligation]] = {}
    for o in found:
        groups.setdefault((o.model.iri, o.clause.iri), []).append(o)
    return [InheritedClause(tuple(sorted(g, key=lambda o: CERTAINTIES.index(o.certainty)))) for g in groups.values()]


# Where the catalogue query's walk starts (inside a subquery, for Virtuoso's sake).
_WALK_START = "?model a aikg:Model ."


def _inherited_duties(store: ox.Store, model: ox.NamedNode) -> list[dict]:
    """The rows of the catalogue's inherited-duties query for ``model``.

    pyoxigraph walks from every model before it joins a binding of ?model,
    substituted or in VALUES (35 to 90 times slower on 100k triples), so
    the model is also named where the subquery's walk starts.
    """
    from aikg import bundle
    from aikg.sparql.catalogue import parse_query_file

    text = parse_query_file(bundle.queries_dir() / "inherited-duties.rq").text
    return select(store, text.replace(_WALK_START, f"VALUES ?model {{ {model} }} {_WALK_START}", 1), model=model)


def _paths_up(start: str, up: dict[str, list[LineageEdge]]):
    """Every simple path of edges from ``start`` towards its sources (each prefix too)."""
    stack = [(start, (), frozenset([start]))]
    while stack:
        node, path, seen = stack.pop()
        for edge in up.get(node, ()):
            if edge.source in seen:
                continue
            longer = path + (edge,)
            yield longer
            stack.append((edge.source, longer, seen | {edge.source}))


def _by_clause(rows):
    grouped: dict[tuple, list[dict]] = {}
    for row in rows:
        grouped.setdefault((value(row["license"]), value(row["clause"])), []).append(row)
    return grouped


def _obligation(labels, model, path, node, rows) -> Obligation | None:
    first_hop = path[-1]  # the hop out of the licensed ancestor
    kind = first_hop.kind.iri if first_hop.kind else None
    trigger = _trigger(rows, kind)
    if trigger is None:
        return None
    row = rows[0]
    levels = [_hop_certainty(edge) for edge in path]
    if trigger == "possibly":
        levels.append("possible")
    source_of_license = value(row["licenseFrom"])
    candidates: tuple[Term, ...] = ()
    if source_of_license == "model":
        version = KNOWN
    elif source_of_license == "family":
        version = FAMILY
        levels.append("possible")
    else:
        version = DEPENDS
        candidates = node.licenses
        levels.append("possible")
    return Obligation(
        model=labels.term(model),
        path=(labels.term(model),) + tuple(labels.term(edge.source) for edge in path),
        kinds=tuple(edge.kind for edge in path),
        ancestor=labels.term(node.iri),
        license=labels.term(value(row["license"])),
        candidates=candidates,
        version=version,
        clause=labels.term(value(row["clause"])),
        rule="prohibition" if value(row["ruleType"]) == ODRL + "Prohibition" else "duty",
        clause_kind=_term(labels, row["clauseKind"]),
        summary=value(row["summary"]) or "",
        source=_term(labels, row["source"]),
        locator=value(row["locator"]),
        certainty=max(levels, key=CERTAINTIES.index),
    )


def _term(labels, term) -> Term | None:
    return None if term is None else labels.term(term.value)


def _trigger(rows, kind: str | None) -> str | None:
    """"applies" or "possibly" when a hop of ``kind`` triggers the clause; an unknown kind possibly does."""
    strengths = {value(r["trigger"]): "possibly" for r in rows if value(r["triggerCertainty"]) == "possibly"}
    strengths.update({value(r["trigger"]): "applies" for r in rows if value(r["triggerCertainty"]) == "applies"})
    if kind is None:
        return "possibly" if strengths else None
    return strengths.get(kind)


def _hop_certainty(edge: LineageEdge) -> str:
    if edge.certainty == "unsourced":
        return "unsourced"
    if edge.hedge is None:
        return "confirmed"
    return _HOP_CERTAINTY.get(edge.hedge.iri.removeprefix(AIKG_VOCAB), "reported")


# A hop's certainty from its strongest hedge: declared (a publisher's own metadata) and stated (a
# publication's own voice) are unchecked, so they count as reported; a hedge outside the scheme too.
_HOP_CERTAINTY = {"confirmed": "confirmed", "declared": "reported", "stated": "reported", "reported": "reported",
                  "expected": "expected", "possible": "possible"}


@dataclass(frozen=True)
class UnrecordedTerms:
    """An ancestor on a derivation path whose license has no recorded terms (or that has no license recorded)."""

    ancestor: Term
    license: Term | None  # None: no license is recorded for the ancestor


_UNRECORDED = """
PREFIX aikg: <https://w3id.org/aikg/ont#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?model ?ancestor ?license WHERE {
    ?model (aikg:derivedFrom|aikg:distilledFrom|aikg:fineTunedFrom|aikg:quantizedFrom|aikg:mergedFrom|aikg:adapterOf|^aikg:derivedModel|^aikg:student|aikg:sourceModel|aikg:teacher)+ ?ancestor .
    ?ancestor a/rdfs:subClassOf* aikg:Model .
    OPTIONAL {
        { ?ancestor aikg:license ?license . }
        UNION
        { ?ancestor aikg:memberOfFamily/aikg:license ?license . FILTER NOT EXISTS { ?ancestor aikg:license ?own . } }
    }
    FILTER (!BOUND(?license) || NOT EXISTS { ?license aikg:policy ?policy . })
    FILTER NOT EXISTS {  # a model of unstated version is covered by its family's versions
        ?ancestor a aikg:UnspecifiedVersionModel .
    }
}
"""


def unrecorded_terms(store: ox.Store, model: str, prefixes: dict[str, str] | None = None) -> list[UnrecordedTerms]:
    """The ancestors of ``model`` whose obligations are unknown: their license's terms are not recorded, or no license is.

    An empty :func:`obligations` answer means "nothing inherited" only when this is empty too.
    """
    from aikg.provenance.lineage import Labeller, resolve_models

    [iri] = resolve_models(store, [model], prefixes)
    labels = Labeller(store)
    rows = select(store, _UNRECORDED, model=ox.NamedNode(iri))
    found = [UnrecordedTerms(labels.term(value(r["ancestor"])), _term(labels, r["license"])) for r in rows]
    return sorted(found, key=lambda u: (u.ancestor.label, u.license.label if u.license else ""))


def as_result(found: list[Obligation]):
    """The obligations as a SELECT result, one row per (model, clause) with every path, for the query output formats."""
    from aikg.sparql.results import QueryResult

    def iri(term):
        return ox.NamedNode(term.iri) if term else None

    text = ox.Literal
    rows = []
    for group in by_clause(found):
        o = group.first
        rows.append((
            iri(o.model),
            iri(o.clause),
            text(o.rule),
            iri(o.clause_kind),
            iri(o.license),
            text(", ".join(c.label for c in o.candidates)) if o.candidates else None,
            text(o.version),
            text("; ".join(r.path_text for r in group.routes)),
            text("; ".join(", ".join(_kind_names(r)) for r in group.routes)),
            text(o.summary),
            iri(o.source),
            text(o.locator) if o.locator else None,
            text(group.certainty),
        ))
    return QueryResult("SELECT", vars=list(COLUMNS), rows=rows)


def _kind_names(route: Obligation) -> list[str]:
    return [k.label if k else "derived" for k in route.kinds]


def as_json(found: list[Obligation]) -> list[dict]:
    """The obligations as JSON-ready data: one object per (model, clause), paths and kinds as arrays."""

    def term(t):
        return {"iri": t.iri, "label": t.label} if t else None

    out = []
    for group in by_clause(found):
        o = group.first
        out.append({
            "model": term(o.model), "clause": term(o.clause), "rule": o.rule, "clauseKind": term(o.clause_kind),
            "license": term(o.license), "summary": o.summary, "source": term(o.source), "locator": o.locator,
            "certainty": group.certainty,
            "paths": [{
                "models": [term(t) for t in r.path], "kinds": _kind_names(r), "license": term(r.license),
                "candidates": [term(c) for c in r.candidates], "version": r.version, "certainty": r.certainty,
            } for r in group.routes],
        })
    return out


__all__ = ["CERTAINTIES", "COLUMNS", "InheritedClause", "Obligation", "UnrecordedTerms", "as_json", "as_result", "by_clause",
           "obligations", "unrecorded_terms"]
