"""Fast OWL 2 RL materialisation: the rules as SPARQL updates on pyoxigraph.

owlrl is the reference but takes minutes on 100k triples. Here each OWL 2
RL rule the ontology can trigger is one ``INSERT … WHERE`` run inside
pyoxigraph's Rust engine. The rules join the schema with the data, so they
follow whatever axioms the loaded ontology states; property chains are
compiled into one rule each.

Evaluation is semi-naive: after a first full pass, each turn evaluates a
rule once per body pattern with that pattern matched only against the
triples the previous turn added (the ``delta`` graph), so a turn costs what
it adds, not the size of the graph. Only triples some rule body can match
go into the delta (a type whose class has no superclass, restriction or
list around it, say, never will): about half of what the first turn adds,
and so that much less memory at 10M triples.

Not covered, because aikg's ontology uses none of them: owl:sameAs and the
rules that infer it (functional and inverse-functional properties, keys, max
cardinality), datatype reasoning, and the inconsistency checks
(disjointness, owl:Nothing). Not covered either, because they only restate
the ontology: the schema rules scm-cls, scm-op, scm-dp, scm-dom1/2 and scm-
rng1/2 (a class a subclass of itself and of owl:Thing, a domain carried to
the superclasses), and with them the ``rdf:type owl:Thing`` of every typed
resource, one more triple for each. The agreement tests compare the result
with owlrl's closure, restricted to aikg's vocabulary (README, "Known
differences", has the full difference on the bundled graph).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aikg.namespaces import CORE_PREFIXES, RDF, sparql_prologue

PREFIXES = sparql_prologue("rdf", "rdfs", "owl")


# What the last turn added and what this one adds: two graphs that swap roles.
DELTA_GRAPHS = ("urn:aikg:reasoning:delta-a", "urn:aikg:reasoning:delta-b")


MAX_TURNS = 1000  # a safeguard; real closures settle in a handful


@dataclass(frozen=True)
class Rule:
    """``INSERT { template } WHERE { atoms… filters }``.

    ``atoms`` are the body's triple patterns; the semi-naive turns match
    each in turn against the delta. ``fixed`` patterns (RDF list structure,
    which the rules never add) are always matched against the whole graph.
    """

    template: str
    atoms: tuple[str, ...]
    fixed: str = ""
    filters: str = ""

    def where(self, delta: str | None = None, delta_atom: int = 0) -> str:
        """The body; with a ``delta`` graph, pattern ``delta_atom`` matched in it (and first,
        which is where pyoxigraph starts); only triples not yet in the graph."""
        atoms = list(self.atoms)
        if delta is not None:
            atoms.insert(0, f"GRAPH <{delta}> {{ {atoms.pop(delta_atom)} }}")
        known = f"FILTER NOT EXISTS {{ {self.template} }}" if " . " not in self.template else ""
        return " . ".join(atoms + ([self.fixed] if self.fixed else [])) + f" {self.filters} {known}"

    def predicate(self, atom: int) -> str | None:
        """The constant predicate of a body pattern (``a`` is rdf:type), None for a variable."""
        predicate = self.atoms[atom].split()[1]
        if predicate == "a":
            return RDF + "type"
        return None if predicate.startswith("?") else _iri(predicate)


def _iri(term: str) -> str:
    """The IRI a rule's constant term names: ``<…>`` or a prefixed name of the core prefixes."""
    if term.startswith("<"):
        return term.strip("<>")
    prefix, _, local = term.partition(":")
    return CORE_PREFIXES[prefix] + local


# What a rule body can match, by the schema: the predicates and (IRI) classes its atoms constrain.
# A class that is a blank node (a restriction, an intersection) is always taken as matchable.
_MATCHABLE_PREDICATES = PREFIXES + """SELECT DISTINCT ?p WHERE {
    { ?p rdfs:subPropertyOf ?q } UNION { ?p rdfs:domain ?c } UNION { ?p rdfs:range ?c }
    UNION { ?p owl:inverseOf ?q } UNION { ?q owl:inverseOf ?p } UNION { ?p a owl:SymmetricProperty }
    UNION { ?p a owl:TransitiveProperty } UNION { ?r owl:onProperty ?p }
    UNION { ?x owl:propertyChainAxiom ?l . ?l rdf:rest*/rdf:first ?p }
    FILTER isIRI(?p)
}"""
_MATCHABLE_CLASSES = PREFIXES + """SELECT DISTINCT ?c WHERE {
    { ?c rdfs:subClassOf ?d } UNION { ?c owl:hasValue ?v } UNION { ?c owl:allValuesFrom ?v }
    UNION { ?c owl:intersectionOf ?l } UNION { ?x owl:someValuesFrom ?c }
    UNION { ?x owl:intersectionOf|owl:unionOf ?l . ?l rdf:rest*/rdf:first ?c }
    FILTER isIRI(?c)
}"""
# The schema's own vocabulary, which the rules read whatever the ontology says.
_SCHEMA_PREDICATES = tuple(CORE_PREFIXES[p] + n for p, names in (
    ("rdfs", ("subClassOf", "subPropertyOf", "domain", "range")),
    ("owl", ("equivalentClass", "equivalentProperty", "inverseOf", "hasValue", "onProperty", "someValuesFrom",
             "allValuesFrom", "intersectionOf", "unionOf", "propertyChainAxiom")),
    ("rdf", ("first", "rest")),
) for n in names)
_SCHEMA_CLASSES = tuple(CORE_PREFIXES["owl"] + n for n in ("TransitiveProperty", "SymmetricProperty"))


def _list_pattern(head: str, items: list[str]) -> str:
    """Triple patterns for an RDF list of exactly ``items`` starting at ``head``."""
    cells = [head] + [f"{head}_{i}" for i in range(1, len(items))] + ["rdf:nil"]
    return " . ".join(f"{cells[i]} rdf:first {item} ; rdf:rest {cells[i + 1]}" for i, item in enumerate(items))


# Named after the rules of the OWL 2 RL profile (OWL 2 Profiles, section 4.3).
RULES: dict[str, Rule] = {
    "scm-sco": Rule("?a rdfs:subClassOf ?c", ("?a rdfs:subClassOf ?b", "?b rdfs:subClassOf ?c")),
    "scm-eqc": Rule("?a rdfs:subClassOf ?b . ?b rdfs:subClassOf ?a", ("?a owl:equivalentClass ?b",)),
    "scm-spo": Rule("?a rdfs:subPropertyOf ?c", ("?a rdfs:subPropertyOf ?b", "?b rdfs:subPropertyOf ?c")),
    "scm-eqp": Rule("?a rdfs:subPropertyOf ?b . ?b rdfs:subPropertyOf ?a", ("?a owl:equivalentProperty ?b",)),
    "cax-sco": Rule("?x a ?d", ("?c rdfs:subClassOf ?d", "?x a ?c")),
    "prp-spo1": Rule("?x ?q ?y", ("?p rdfs:subPropertyOf ?q", "?x ?p ?y")),
    "prp-dom": Rule("?x a ?c", ("?p rdfs:domain ?c", "?x ?p ?y")),
    "prp-rng": Rule("?y a ?c", ("?p rdfs:range ?c", "?x ?p ?y"), filters="FILTER (!isLiteral(?y))"),
    "prp-inv1": Rule("?y ?q ?x", ("?p owl:inverseOf ?q", "?x ?p ?y"), filters="FILTER (!isLiteral(?y))"),
    "prp-inv2": Rule("?y ?p ?x", ("?p owl:inverseOf ?q", "?x ?q ?y"), filters="FILTER (!isLiteral(?y))"),
    "prp-symp": Rule("?y ?p ?x", ("?p a owl:SymmetricProperty", "?x ?p ?y"), filters="FILTER (!isLiteral(?y))"),
    "prp-trp": Rule("?x ?p ?z", ("?p a owl:TransitiveProperty", "?x ?p ?y", "?y ?p ?z")),
    "cls-hv1": Rule("?x ?p ?v", ("?c owl:hasValue ?v", "?c owl:onProperty ?p", "?x a ?c")),
    "cls-hv2": Rule("?x a ?c", ("?c owl:hasValue ?v", "?c owl:onProperty ?p", "?x ?p ?v")),
    "cls-svf1": Rule("?x a ?c", ("?c owl:someValuesFrom ?k", "?c owl:onProperty ?p", "?x ?p ?v", "?v a ?k")),
    "cls-svf2": Rule("?x a ?c", ("?c owl:someValuesFrom owl:Thing", "?c owl:onProperty ?p", "?x ?p ?v")),
    "cls-avf": Rule(
        "?v a ?k", ("?c owl:allValuesFrom ?k", "?c owl:onProperty ?p", "?x a ?c", "?x ?p ?v"),
        filters="FILTER (!isLiteral(?v))",
    ),
    # cls-int1, written out for intersections of two and three classes (the
    # usual ones) and in a general, slower form for longer ones.
    "cls-int1-2": Rule(
        "?x a ?c", ("?c owl:intersectionOf ?l", "?x a ?a", "?x a ?b"), fixed=_list_pattern("?l", ["?a", "?b"])
    ),
    "cls-int1-3": Rule(
        "?x a ?c",
        ("?c owl:intersectionOf ?l", "?x a ?a", "?x a ?b", "?x a ?d"),
        fixed=_list_pattern("?l", ["?a", "?b", "?d"]),
    ),
    "cls-int1": Rule(
        "?x a ?c",
        ("?c owl:intersectionOf ?l", "?x a ?first"),
        fixed="?l rdf:first ?first ; rdf:rest/rdf:rest/rdf:rest ?long",
        filters="FILTER NOT EXISTS { ?l rdf:rest*/rdf:first ?member FILTER NOT EXISTS { ?x a ?member } }",
    ),
    "cls-int2": Rule("?x a ?m", ("?c owl:intersectionOf ?l", "?x a ?c"), fixed="?l rdf:rest*/rdf:first ?m"),
    "cls-uni": Rule("?x a ?c", ("?c owl:unionOf ?l", "?x a ?m"), fixed="?l rdf:rest*/rdf:first ?m"),
}


def _list_members(store, head) -> list:
    """The items of an RDF list, or [] when it is malformed."""
    import pyoxigraph as ox

    first, rest, nil = (ox.NamedNode(RDF + n) for n in ("first", "rest", "nil"))
    members, seen = [], set()
    while head != nil:
        if head in seen:
            return []
        seen.add(head)
        items = [q.object for q in store.quads_for_pattern(head, first, None, ox.DefaultGraph())]
        nexts = [q.object for q in store.quads_for_pattern(head, rest, None, ox.DefaultGraph())]
        if len(items) != 1 or len(nexts) != 1:
            return []
        members.append(items[0])
        head = nexts[0]
    return members


def _chain_rules(store) -> dict[str, Rule]:
    """One rule per owl:propertyChainAxiom (rule prp-spo2)."""
    import pyoxigraph as ox

    chains = store.query(PREFIXES + "SELECT ?p ?list WHERE { ?p owl:propertyChainAxiom ?list FILTER isIRI(?p) }")
    rules = {}
    for row in list(chains):
        members = _list_members(store, row["list"])
        if members and all(isinstance(m, ox.NamedNode) for m in members):
            steps = tuple(f"?u{i} {m} ?u{i + 1}" for i, m in enumerate(members))
            rules[f"prp-spo2 {row['p']}"] = Rule(f"?u0 {row['p']} ?u{len(members)}", steps)
    return rules


# The rules of the RDFS entailment that matter for data (rdfs2, 3, 5, 7, 9, 11).
RDFS_RULES = ("scm-sco", "scm-spo", "cax-sco", "prp-spo1", "prp-dom", "prp-rng")


def materialise(store, progress: Callable[[int, int], None] | None = None, profile: str = "owlrl",
                new_triples: Callable[[object, str], None] | None = None) -> int:
    """Add the OWL 2 RL (or ``rdfs``) closure of ``store``'s default graph to it.

    Returns the number of triples added.

    ``progress(turn, triples)`` is called after each turn; ``new_triples(store,
    graph)`` hears, after each turn, the name of the store's graph holding the
    triples that turn added (each inferred triple is in exactly one of them;
    the delta then holds every new triple, not only those a rule can match).
    """
    start = len(store)
    delta = None
    for turn in range(1, MAX_TURNS + 1):
        added = DELTA_GRAPHS[turn % 2]
        # Chains are re-read each turn: the schema rules may have added some.
        rules = RULES | _chain_rules(store) if profile == "owlrl" else {n: RULES[n] for n in RDFS_RULES}
        delta_predicates = _predicates(store, delta) if delta else set()
        # the turns' added graphs are the inferred triples when someone listens: then all go in
        matchable = None if new_triples else _matchable(store)
        for rule in rules.values():
            record = (f"<{added}>", "") if matchable is None else _recorded(rule.template, matchable, added)
            if delta is None:
                _insert(store, rule.template, rule.where(), record)
                continue
            for atom in range(len(rule.atoms)):
                predicate = rule.predicate(atom)
                if predicate is None or predicate in delta_predicates:
                    _insert(store, rule.template, rule.where(delta, atom), record)
        if delta:
            store.update(f"DROP SILENT GRAPH <{delta}>")
        if new_triples:
            new_triples(store, added)
        delta = added
        if progress:
            progress(turn, _count(store, "?s ?p ?o"))
        if not _count(store, f"GRAPH <{added}> {{ ?s ?p ?o }}"):
            break
    store.update(f"DROP SILENT GRAPH <{delta}>")
    return len(store) - start


def _matchable(store) -> dict[str, set[str]]:
    """The predicates and IRI classes a rule body can match, by the schema the store holds now.

    Read afresh each turn: a triple the schema rules add that makes a class
    matchable is itself in the delta, so the rules still join it with the
    instances already in the graph.
    """
    predicates = {row["p"].value for row in store.query(_MATCHABLE_PREDICATES)} | set(_SCHEMA_PREDICATES)
    classes = {row["c"].value for row in store.query(_MATCHABLE_CLASSES)} | set(_SCHEMA_CLASSES)
    return {"predicates": predicates, "classes": classes}


def _recorded(template: str, matchable: dict[str, set[str]], added: str) -> tuple[str, str]:
    """How the rule's new triples go into the ``added`` graph: (graph term, WHERE addition).

    Always (``<added>``); never (an empty term: a triple no rule body can
    match); or by a variable ``?aikg_delta`` bound to ``<added>`` only for a
    matchable predicate or class (or a blank-node class).
    """
    if " . " in template:  # two schema triples (scm-eqc, scm-eqp)
        return f"<{added}>", ""
    _subject, predicate, obj = template.split()
    if predicate == "a":
        term, names = obj, matchable["classes"]
    else:
        term, names = predicate, matchable["predicates"]
    if not term.startswith("?"):
        return (f"<{added}>", "") if _iri(term) in names else ("", "")
    table = " ".join(f"(<{name}> <{added}>)" for name in sorted(names))
    blank = f"IF(isBlank({term}), <{added}>, ?aikg_listed)" if predicate == "a" else "?aikg_listed"
    return "?aikg_delta", f"OPTIONAL {{ VALUES ({term} ?aikg_listed) {{ {table} }} }} BIND ({blank} AS ?aikg_delta)"


def _insert(store, template: str, where: str, record: tuple[str, str]) -> None:
    """Add what the rule infers to the graph, and record it in the delta graph as ``record`` says."""
    graph, condition = record
    recorded = f"GRAPH {graph} {{ {template} }}" if graph else ""
    store.update(f"{PREFIXES}INSERT {{ {template} {recorded} }} WHERE {{ {where} {condition} }}")


def _count(store, pattern: str) -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) {{ {pattern} }}")))["n"].value)


def _predicates(store, graph: str) -> set[str]:
    return {row["p"].value for row in store.query(f"SELECT DISTINCT ?p {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")}
