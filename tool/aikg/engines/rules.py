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

The result is owlrl's closure, the reference's (``engines.reference.reason``):
the same rules, with owlrl's guards, its one-time triples
(``engines.rule_axioms``) and what the reference drops (reflexive owl:sameAs,
literal subjects, error messages). Numbers differ in form only: pyoxigraph
keeps them canonical. tests/test_closure.py holds the equality; README, "The
rule engine", lists the rules and the edge cases left out (literals as
subjects, blank-node properties, owl:hasKey).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aikg.engines.rule_axioms import RL_DATATYPES, SUBSUMPTIONS, owlrl_axioms, same_value_literals
from aikg.namespaces import CORE_PREFIXES, OWL, RDF, XSD, sparql_prologue

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
    # a filter on the first (schema) pattern alone, applied before any join: reflexive schema
    # triples (scm-cls, scm-op) would otherwise join with every instance only to be dropped
    first_only_if: str = ""

    def where(self, delta: str | None = None, delta_atom: int = 0, recorded: bool = True) -> str:
        """The body; with a ``delta`` graph, pattern ``delta_atom`` matched in it (and first,
        which is where pyoxigraph starts); only triples not yet in the graph."""
        atoms = list(self.atoms)
        if delta is not None:
            atoms[delta_atom] = f"GRAPH <{delta}> {{ {atoms[delta_atom]} }}"
        if self.first_only_if:  # a subquery: pyoxigraph filters the schema once, not once per joined triple
            atoms[0] = f"{{ SELECT * {{ {atoms[0]} {self.first_only_if} }} }}"
        if delta is not None:
            atoms.insert(0, atoms.pop(delta_atom))
        body = " . ".join(atoms + ([self.fixed] if self.fixed else [])) + f" {self.filters}"
        # Only what is new may be recorded in the delta; a triple inserted again is no change to the
        # store, so an unrecorded rule skips the check (cheaper than the lookup per solution)
        known = f"FILTER NOT EXISTS {{ {self.template} }}" if recorded else ""
        # A body derives one triple many ways (an instance typed by several subclasses of one class):
        # DISTINCT keeps one solution per triple, so each is looked up and inserted once (1M: 7% faster)
        return f"{{ SELECT DISTINCT {' '.join(self.variables())} {{ {body} }} }} {known}"

    def variables(self) -> list[str]:
        """The template's variables: all a solution needs to give the triple it infers."""
        return sorted({term for term in self.template.split() if term.startswith("?")})

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


def _list_pattern(head: str, items: list[str]) -> str:
    """Triple patterns for an RDF list of exactly ``items`` starting at ``head``."""
    cells = [head] + [f"{head}_{i}" for i in range(1, len(items))] + ["rdf:nil"]
    return " . ".join(f"{cells[i]} rdf:first {item} ; rdf:rest {cells[i + 1]}" for i, item in enumerate(items))


def _differ(*pairs: str) -> str:
    """A filter keeping solutions whose named terms differ (as terms: owlrl compares rdflib terms)."""
    return "FILTER (" + " && ".join(f"!sameTerm({pair.split()[0]}, {pair.split()[1]})" for pair in pairs) + ")"


def _literal_typed(literal: str, datatype: str) -> str:
    """A SPARQL condition: owlrl gives ``literal`` the type ``datatype`` (see cls-svf1-literal)."""
    own = f"datatype({literal})"
    supertypes = " ".join(f"(<{d}> <{s}>)" for d, supers in SUBSUMPTIONS.items() for s in supers)
    listed = " ".join(f"<{d}>" for d in RL_DATATYPES if d not in (XSD + "string", RDF + "langString"))
    return (f"(sameTerm({own}, {datatype}) && {own} IN ({', '.join(listed.split())}))"
            f" || EXISTS {{ VALUES (?aikg_sub ?aikg_super) {{ {supertypes} }} "
            f"FILTER (sameTerm(?aikg_sub, {own}) && sameTerm(?aikg_super, {datatype})) }}"
            f" || EXISTS {{ ?aikg_q rdfs:range {datatype} . ?aikg_z ?aikg_q {literal} }}")


def _not_reflexive(template: str) -> str:
    """A filter leaving out the triple ``x owl:sameAs x`` from a template with a variable predicate."""
    subject, predicate, obj = template.split()
    return f"FILTER (!(sameTerm({predicate}, owl:sameAs) && sameTerm({subject}, {obj})))"


def _narrowest(axiom: str) -> str:
    """A filter keeping ``?p axiom ?c`` only when no other such class of ?p is a strict subclass of ?c."""
    return (f"FILTER NOT EXISTS {{ ?p {axiom} ?narrower . ?narrower rdfs:subClassOf ?c "
            "FILTER (!sameTerm(?narrower, ?c)) FILTER NOT EXISTS { ?c rdfs:subClassOf ?narrower } }")


_MEMBER = "?l rdf:rest*/rdf:first ?m"

# Named after the rules of the OWL 2 RL profile (OWL 2 Profiles, section 4.3), each as owlrl's
# OWLRL.py states it (its guards, such as scm-sco's c1 != c3, included: the closure must be owlrl's).
RULES: dict[str, Rule] = {
    # Table 4, equality (only run when the graph states owl:sameAs: see EQUALITY)
    "eq-sym": Rule("?y owl:sameAs ?x", ("?x owl:sameAs ?y",)),
    # (never x owl:sameAs x: the reference drops those, owlrl's eq-ref adds one for every term)
    "eq-rep-s": Rule("?o ?p ?v", ("?s owl:sameAs ?o", "?s ?p ?v"), filters=_not_reflexive("?o ?p ?v")),
    "eq-rep-p": Rule("?u ?o ?v", ("?s owl:sameAs ?o", "?u ?s ?v"), filters=_not_reflexive("?u ?o ?v")),
    "eq-rep-o": Rule("?u ?p ?s", ("?s owl:sameAs ?o", "?u ?p ?o"), filters=_not_reflexive("?u ?p ?s")),
    # Table 5, properties
    # Only a property's narrowest domains and ranges: scm-dom1/scm-rng1 carry each to its superclasses
    # (owl:Thing among them), whose types cax-sco and the closing rule give anyway, at a fraction of the cost.
    "prp-dom": Rule("?x a ?c", ("?p rdfs:domain ?c", "?x ?p ?y"), first_only_if=_narrowest("rdfs:domain")),
    "prp-rng": Rule("?y a ?c", ("?p rdfs:range ?c", "?x ?p ?y"), filters="FILTER (!isLiteral(?y))",
                    first_only_if=_narrowest("rdfs:range")),
    "prp-fp": Rule("?y1 owl:sameAs ?y2", ("?p a owl:FunctionalProperty", "?x ?p ?y1", "?x ?p ?y2"),
                   filters=_differ("?y1 ?y2")),
    "prp-ifp": Rule("?x1 owl:sameAs ?x2", ("?p a owl:InverseFunctionalProperty", "?x1 ?p ?y", "?x2 ?p ?y"),
                    filters=_differ("?x1 ?x2")),
    "prp-symp": Rule("?y ?p ?x", ("?p a owl:SymmetricProperty", "?x ?p ?y"), filters="FILTER (!isLiteral(?y))"),
    "prp-trp": Rule("?x ?p ?z", ("?p a owl:TransitiveProperty", "?x ?p ?y", "?y ?p ?z")),
    "prp-spo1": Rule("?x ?q ?y", ("?p rdfs:subPropertyOf ?q", "?x ?p ?y"), first_only_if=_differ("?p ?q")),
    "prp-inv1": Rule("?y ?q ?x", ("?p owl:inverseOf ?q", "?x ?p ?y"), filters="FILTER (!isLiteral(?y))"),
    "prp-inv2": Rule("?y ?p ?x", ("?p owl:inverseOf ?q", "?x ?q ?y"), filters="FILTER (!isLiteral(?y))"),
    # Table 6, classes
    "cls-hv1": Rule("?x ?p ?v", ("?c owl:hasValue ?v", "?c owl:onProperty ?p", "?x a ?c")),
    "cls-hv2": Rule("?x a ?c", ("?c owl:hasValue ?v", "?c owl:onProperty ?p", "?x ?p ?v")),
    "cls-svf1": Rule("?x a ?c", ("?c owl:someValuesFrom ?k", "?c owl:onProperty ?p", "?x ?p ?v", "?v a ?k")),
    # cls-svf1 on a literal value: owlrl types a literal with its datatype (when an OWL 2 RL one; plain and
    # language-tagged strings have none in rdflib) and that datatype's supertypes, and by the ranges of
    # the properties it is a value of
    "cls-svf1-literal": Rule("?x a ?c", ("?c owl:someValuesFrom ?k", "?c owl:onProperty ?p", "?x ?p ?v"),
                             filters="FILTER (isLiteral(?v)) FILTER (" + _literal_typed("?v", "?k") + ")"),
    "cls-svf2": Rule("?x a ?c", ("?c owl:someValuesFrom owl:Thing", "?c owl:onProperty ?p", "?x ?p ?v")),
    "cls-avf": Rule(
        "?v a ?k", ("?c owl:allValuesFrom ?k", "?c owl:onProperty ?p", "?x a ?c", "?x ?p ?v"),
        filters="FILTER (!isLiteral(?v))",
    ),
    # cls-int1, written out for intersections of one, two and three classes (the
    # usual ones) and in a general, slower form for four or more.
    "cls-int1-1": Rule("?x a ?c", ("?c owl:intersectionOf ?l", "?x a ?a"), fixed=_list_pattern("?l", ["?a"])),
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
        fixed="?l rdf:first ?first ; rdf:rest/rdf:rest/rdf:rest/rdf:rest ?long",
        filters="FILTER NOT EXISTS { ?l rdf:rest*/rdf:first ?member FILTER NOT EXISTS { ?x a ?member } }",
    ),
    "cls-maxc2": Rule(
        "?y1 owl:sameAs ?y2", ("?c owl:maxCardinality ?n", "?c owl:onProperty ?p", "?u a ?c", "?u ?p ?y1", "?u ?p ?y2"),
        filters="FILTER (?n = 1) " + _differ("?y1 ?y2"),
    ),
    "cls-maxqc3": Rule(
        "?y1 owl:sameAs ?y2",
        ("?c owl:maxQualifiedCardinality ?n", "?c owl:onProperty ?p", "?c owl:onClass ?k", "?u a ?c", "?u ?p ?y1",
         "?y1 a ?k", "?u ?p ?y2", "?y2 a ?k"),
        filters="FILTER (?n = 1 && !sameTerm(?k, owl:Thing)) " + _differ("?y1 ?y2"),
    ),
    "cls-maxqc4": Rule(
        "?y1 owl:sameAs ?y2",
        ("?c owl:maxQualifiedCardinality ?n", "?c owl:onProperty ?p", "?c owl:onClass owl:Thing", "?u a ?c",
         "?u ?p ?y1", "?u ?p ?y2"),
        filters="FILTER (?n = 1) " + _differ("?y1 ?y2"),
    ),
    "cls-oo": Rule("?m a ?c", ("?c owl:oneOf ?l",), fixed=_MEMBER),
    # Table 7, class axioms
    # owl:Thing, every class's superclass, is left to the closing rule: one pass instead of one per turn
    "cax-sco": Rule("?x a ?d", ("?c rdfs:subClassOf ?d", "?x a ?c"), first_only_if=_differ("?c ?d", "?d owl:Thing")),
    # Table 9, schema vocabulary
    "scm-cls": Rule("?c rdfs:subClassOf owl:Thing . ?c rdfs:subClassOf ?c . ?c owl:equivalentClass ?c . "
                    "owl:Nothing rdfs:subClassOf ?c", ("?c a owl:Class",)),
    "scm-sco": Rule("?a rdfs:subClassOf ?c", ("?a rdfs:subClassOf ?b", "?b rdfs:subClassOf ?c"),
                    filters=_differ("?a ?b", "?a ?c")),
    "scm-eqc1": Rule("?a rdfs:subClassOf ?b . ?b rdfs:subClassOf ?a", ("?a owl:equivalentClass ?b",),
                     filters=_differ("?a ?b")),
    "scm-eqc2": Rule("?a owl:equivalentClass ?b", ("?a rdfs:subClassOf ?b", "?b rdfs:subClassOf ?a")),
    "scm-op": Rule("?p rdfs:subPropertyOf ?p . ?p owl:equivalentProperty ?p", ("?p a owl:ObjectProperty",)),
    "scm-dp": Rule("?p rdfs:subPropertyOf ?p . ?p owl:equivalentProperty ?p", ("?p a owl:DatatypeProperty",)),
    "scm-op-rdf": Rule("?p rdfs:subPropertyOf ?p . ?p owl:equivalentProperty ?p", ("?p a rdf:Property",)),  # owlrl's too
    "scm-spo": Rule("?a rdfs:subPropertyOf ?c", ("?a rdfs:subPropertyOf ?b", "?b rdfs:subPropertyOf ?c"),
                    filters=_differ("?a ?b", "?a ?c")),
    "scm-eqp1": Rule("?a rdfs:subPropertyOf ?b . ?b rdfs:subPropertyOf ?a", ("?a owl:equivalentProperty ?b",),
                     filters=_differ("?a ?b")),
    "scm-eqp2": Rule("?a owl:equivalentProperty ?b", ("?a rdfs:subPropertyOf ?b", "?b rdfs:subPropertyOf ?a"),
                     filters=_differ("?a ?b")),
    "scm-dom1": Rule("?p rdfs:domain ?d", ("?p rdfs:domain ?c", "?c rdfs:subClassOf ?d"), filters=_differ("?c ?d")),
    "scm-dom2": Rule("?p rdfs:domain ?c", ("?q rdfs:domain ?c", "?p rdfs:subPropertyOf ?q"), filters=_differ("?p ?q")),
    "scm-rng1": Rule("?p rdfs:range ?d", ("?p rdfs:range ?c", "?c rdfs:subClassOf ?d"), filters=_differ("?c ?d")),
    "scm-rng2": Rule("?p rdfs:range ?c", ("?q rdfs:range ?c", "?p rdfs:subPropertyOf ?q"), filters=_differ("?p ?q")),
    "scm-hv": Rule("?c rdfs:subClassOf ?d", ("?c owl:hasValue ?i", "?c owl:onProperty ?p", "?d owl:hasValue ?i",
                                             "?d owl:onProperty ?q", "?p rdfs:subPropertyOf ?q")),
    "scm-svf1": Rule("?c rdfs:subClassOf ?d", ("?c owl:someValuesFrom ?y", "?c owl:onProperty ?p", "?d owl:onProperty ?p",
                                               "?d owl:someValuesFrom ?z", "?y rdfs:subClassOf ?z")),
    "scm-svf2": Rule("?c rdfs:subClassOf ?d", ("?c owl:someValuesFrom ?y", "?c owl:onProperty ?p",
                                               "?d owl:someValuesFrom ?y", "?d owl:onProperty ?q",
                                               "?p rdfs:subPropertyOf ?q")),
    "scm-avf1": Rule("?c rdfs:subClassOf ?d", ("?c owl:allValuesFrom ?y", "?c owl:onProperty ?p", "?d owl:onProperty ?p",
                                               "?d owl:allValuesFrom ?z", "?y rdfs:subClassOf ?z")),
    "scm-avf2": Rule("?d rdfs:subClassOf ?c", ("?c owl:allValuesFrom ?y", "?c owl:onProperty ?p",
                                               "?d owl:allValuesFrom ?y", "?d owl:onProperty ?q",
                                               "?p rdfs:subPropertyOf ?q")),
    "scm-int": Rule("?c rdfs:subClassOf ?m", ("?c owl:intersectionOf ?l",), fixed=_MEMBER),
    "scm-uni": Rule("?m rdfs:subClassOf ?c", ("?c owl:unionOf ?l",), fixed=_MEMBER),
}


def _one_triple_each(rules: dict[str, Rule]) -> dict[str, Rule]:
    """The rules with a template of several triples split into one rule per triple (the first
    keeps the name), so that each inserts, and records in the delta, only triples not yet there."""
    split = {}
    for name, rule in rules.items():
        for i, part in enumerate(rule.template.split(" . ")):
            split[name if i == 0 else f"{name}/{i + 1}"] = Rule(part, rule.atoms, rule.fixed, rule.filters,
                                                                rule.first_only_if)
    return split


RULES = _one_triple_each(RULES)
# The equality rules join owl:sameAs with every triple: they run only once the graph has a sameAs statement.
EQUALITY = ("eq-sym", "eq-rep-s", "eq-rep-p", "eq-rep-o")
# Left out because other rules imply them: eq-trans (eq-sym then eq-rep-o), prp-eqp1/2 (scm-eqp1
# then prp-spo1), cax-eqc1/2 (scm-eqc1 then cax-sco), cls-int2 and cls-uni (scm-int and scm-uni
# then cax-sco); a rule fewer is a query fewer each turn.

# owlrl's RDFS_Semantics (RDFSClosure.py): the RDF Semantics rules rdfs2-rdfs12 as it writes them.
RDFS_RULES: dict[str, Rule] = {
    "rdfs2": Rule("?x a ?c", ("?p rdfs:domain ?c", "?x ?p ?y")),
    "rdfs3": Rule("?y a ?c", ("?p rdfs:range ?c", "?x ?p ?y"), filters="FILTER (!isLiteral(?y))"),
    "rdfs5": Rule("?a rdfs:subPropertyOf ?c", ("?a rdfs:subPropertyOf ?b", "?b rdfs:subPropertyOf ?c")),
    "rdfs6": Rule("?p rdfs:subPropertyOf ?p", ("?p a rdf:Property",)),
    "rdfs7": RULES["prp-spo1"],
    "rdfs8-10": Rule("?c rdfs:subClassOf rdfs:Resource . ?c rdfs:subClassOf ?c", ("?c a rdfs:Class",)),
    "rdfs9": Rule("?x a ?d", ("?c rdfs:subClassOf ?d", "?x a ?c"), filters=_differ("?c ?d")),
    "rdfs11": Rule("?a rdfs:subClassOf ?c", ("?a rdfs:subClassOf ?b", "?b rdfs:subClassOf ?c")),
    "rdfs12": Rule("?p rdfs:subPropertyOf rdfs:member", ("?p a rdfs:ContainerMembershipProperty",)),
    "rdfs-datatype": Rule("?d rdfs:subClassOf rdfs:Literal", ("?d a rdfs:Datatype",)),
}
RDFS_RULES = _one_triple_each(RDFS_RULES)


def _constants(rules) -> tuple[set[str], set[str]]:
    """The constant predicates of the rules' body patterns, and the constant classes of their ``?x a C`` patterns."""
    predicates, classes = set(), set()
    for rule in rules:
        for atom in rule.atoms:
            _subject, predicate, obj = atom.split()
            if predicate == "a" and not obj.startswith("?"):
                classes.add(_iri(obj))
            elif predicate != "a" and not predicate.startswith("?"):
                predicates.add(_iri(predicate))
    return predicates | {RDF + "type"}, classes


# What a rule body with a variable predicate or class can match, by the schema (blank-node classes
# are always taken as matchable). Reflexive statements (scm-cls, scm-op) add nothing to match.
_OWL_PREDICATES = PREFIXES + """SELECT DISTINCT ?p WHERE {
    { ?p rdfs:subPropertyOf|owl:equivalentProperty ?q FILTER (!sameTerm(?p, ?q)) }
    UNION { ?q owl:equivalentProperty ?p FILTER (!sameTerm(?p, ?q)) }
    UNION { ?p rdfs:domain|rdfs:range|owl:inverseOf ?c } UNION { ?q owl:inverseOf ?p }
    UNION { ?p a ?k VALUES ?k { owl:SymmetricProperty owl:TransitiveProperty owl:FunctionalProperty
                                owl:InverseFunctionalProperty } }
    UNION { ?r owl:onProperty ?p } UNION { ?x owl:propertyChainAxiom ?l . ?l rdf:rest*/rdf:first ?p }
    FILTER isIRI(?p)
}"""
_OWL_CLASSES = PREFIXES + """SELECT DISTINCT ?c WHERE {
    { ?c rdfs:subClassOf ?d FILTER (!sameTerm(?c, ?d) && !sameTerm(?d, owl:Thing)) }
    UNION { ?c owl:equivalentClass ?d FILTER (!sameTerm(?c, ?d)) }
    UNION { ?d owl:equivalentClass ?c FILTER (!sameTerm(?c, ?d)) }
    UNION { ?c owl:hasValue|owl:allValuesFrom|owl:intersectionOf|owl:maxCardinality|owl:maxQualifiedCardinality ?v }
    UNION { ?x owl:someValuesFrom ?c FILTER (!sameTerm(?c, owl:Thing)) } UNION { ?x owl:onClass ?c }
    UNION { ?x owl:intersectionOf|owl:unionOf ?l . ?l rdf:rest*/rdf:first ?c }
    FILTER isIRI(?c)
}"""
_RDFS_PREDICATES = PREFIXES + """SELECT DISTINCT ?p WHERE {
    { ?p rdfs:subPropertyOf ?q FILTER (!sameTerm(?p, ?q)) } UNION { ?p rdfs:domain|rdfs:range ?c } FILTER isIRI(?p)
}"""
_RDFS_CLASSES = PREFIXES + """SELECT DISTINCT ?c WHERE { ?c rdfs:subClassOf ?d FILTER (!sameTerm(?c, ?d) && isIRI(?c)) }"""
_MATCHABLE = {"owlrl": (_OWL_PREDICATES, _OWL_CLASSES), "rdfs": (_RDFS_PREDICATES, _RDFS_CLASSES)}
_CONSTANTS = {"owlrl": _constants(RULES.values()), "rdfs": _constants(RDFS_RULES.values())}


# Rules whose body matches far more triples than they ever add to: run once over the whole graph each
# time the others have settled (and the turns resume if they added anything), never per turn.
# rdf1 types every predicate; cax-sco into owl:Thing types every typed resource (the other rules
# record a type in the delta only when its class has a superclass other than owl:Thing).
CLOSING = {
    "owlrl": {"cax-thing": Rule("?x a owl:Thing", ("?c rdfs:subClassOf owl:Thing", "?x a ?c"),
                                first_only_if=_differ("?c owl:Thing"))},
    "rdfs": {"rdf1": Rule("?p a rdf:Property", ("?x ?p ?y",))},
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
    """One rule per owl:propertyChainAxiom (rule prp-spo2), chains of one property too, as owlrl reads them."""
    import pyoxigraph as ox

    chains = store.query(PREFIXES + "SELECT ?p ?list WHERE { ?p owl:propertyChainAxiom ?list FILTER isIRI(?p) }")
    rules = {}
    for row in list(chains):
        members = _list_members(store, row["list"])
        if members and all(isinstance(m, ox.NamedNode) for m in members):
            steps = tuple(f"?u{i} {m} ?u{i + 1}" for i, m in enumerate(members))
            rules[f"prp-spo2 {row['p']} {row['list']}"] = Rule(f"?u0 {row['p']} ?u{len(members)}", steps)
    return rules


def _rules(store, profile: str, same_as: bool) -> dict[str, Rule]:
    """The rules a turn runs. Chains are re-read each turn: the schema rules may have added some."""
    if profile == "rdfs":
        return RDFS_RULES
    rules = RULES | _chain_rules(store)
    return rules if same_as else {name: rule for name, rule in rules.items() if name not in EQUALITY}


def materialise(store, progress: Callable[[int, int], None] | None = None, profile: str = "owlrl",
                new_triples: Callable[[object, str], None] | None = None) -> int:
    """Add the OWL 2 RL (or ``rdfs``) closure of ``store``'s default graph to it: owlrl's closure.

    First owlrl's one-time triples, then the schema rules to their fixpoint,
    then the semi-naive turns of every rule, with the closing rules run each
    time the turns settle. Returns the number of triples added.

    ``progress(turn, triples)`` is called after each turn; ``new_triples(store,
    graph)`` hears, after each turn, the name of the store's graph holding the
    triples that turn added (each inferred triple is in exactly one of them;
    the delta then holds every new triple, not only those a rule can match).
    """
    start = len(store)
    _one_time(store, profile, DELTA_GRAPHS[0] if new_triples else None)
    if new_triples:
        new_triples(store, DELTA_GRAPHS[0])
        store.update(f"DROP SILENT GRAPH <{DELTA_GRAPHS[0]}>")
    _schema_first(store, profile, new_triples)
    delta, closed = None, False
    for turn in range(1, MAX_TURNS + 1):
        added = DELTA_GRAPHS[turn % 2]
        same_as = profile == "owlrl" and _holds(store, "?s owl:sameAs ?o")
        # the turns' added graphs are the inferred triples when someone listens: then all go in;
        # with owl:sameAs about, the equality rules can match any triple: all go in too
        matchable = None if new_triples or same_as else _matchable(store, profile)
        _turn(store, _rules(store, profile, same_as), delta, added, matchable)
        if _holds(store, f"GRAPH <{added}> {{ ?s ?p ?o }}"):
            closed = False
        elif not closed:  # settled since the closing rules last ran: they run, once over the whole graph
            for rule in CLOSING[profile].values():  # recorded as any rule's: owl:Thing types rarely feed another
                record = (f"<{added}>", "") if matchable is None else _recorded(rule.template, matchable, added)
                _insert(store, rule.template, rule.where(recorded=bool(record[0])), record)
            closed = True
        if delta:
            store.update(f"DROP SILENT GRAPH <{delta}>")
        if new_triples:
            new_triples(store, added)
        delta = added
        if progress:
            progress(turn, _count(store, "?s ?p ?o"))
        if not _holds(store, f"GRAPH <{added}> {{ ?s ?p ?o }}"):
            break
    store.update(f"DROP SILENT GRAPH <{delta}>")
    return len(store) - start


def _turn(store, rules: dict[str, Rule], delta: str | None, added: str, matchable) -> None:
    """One turn: every rule over the whole graph (the first), or once per body pattern matched in ``delta``."""
    delta_predicates = _predicates(store, delta) if delta else set()
    present = _Present(store)
    for rule in rules.values():
        record = (f"<{added}>", "") if matchable is None else _recorded(rule.template, matchable, added)
        if delta is None:
            if present.may_match(rule):
                _insert(store, rule.template, rule.where(recorded=bool(record[0])), record)
            continue
        for atom in range(len(rule.atoms)):
            predicate = rule.predicate(atom)
            if predicate is None or predicate in delta_predicates:
                _insert(store, rule.template, rule.where(delta, atom, bool(record[0])), record)


# The rules that read and write the schema only (classes and properties, not their instances).
SCHEMA_RULES = {"owlrl": tuple(name for name in RULES if name.startswith("scm-")), "rdfs": ("rdfs5", "rdfs11")}


def _schema_first(store, profile: str, new_triples) -> None:
    """The schema rules to their fixpoint, before any rule joins the schema with the data.

    The schema is small, so full passes cost little; and the data rules' first
    turn then sees the whole schema, instead of each schema triple the schema
    rules add reaching the delta and joining again with every instance.
    """
    rules = RULES if profile == "owlrl" else RDFS_RULES
    graph = DELTA_GRAPHS[0]
    for _round in range(MAX_TURNS):
        present = _Present(store)
        for rule in (rules[name] for name in SCHEMA_RULES[profile] if name in rules):
            if present.may_match(rule):
                _insert(store, rule.template, rule.where(), (f"<{graph}>", ""))
        settled = not _holds(store, f"GRAPH <{graph}> {{ ?s ?p ?o }}")
        if new_triples and not settled:
            new_triples(store, graph)
        store.update(f"DROP SILENT GRAPH <{graph}>")
        if settled:
            return


class _Present:
    """Which of a rule's constant body patterns (``?s p ?o``, ``?s a C``) the store has a triple for.

    A full pass skips a rule with a pattern nothing matches (most OWL rules,
    on most graphs): each check is one index lookup, against a query each. A
    triple that a later rule of the same pass adds reaches the delta, and the
    skipped rule then runs with that pattern matched there.
    """

    def __init__(self, store):
        self.store, self.known = store, {}

    def may_match(self, rule: Rule) -> bool:
        return all(self._has(atom) for atom in rule.atoms)

    def _has(self, atom: str) -> bool:
        _subject, predicate, obj = atom.split()
        if predicate.startswith("?"):
            return True
        pattern = f"?s {predicate} {obj if predicate == 'a' and not obj.startswith('?') else '?o'}"
        if pattern not in self.known:
            self.known[pattern] = _holds(self.store, pattern)
        return self.known[pattern]


def _one_time(store, profile: str, record: str | None) -> None:
    """owlrl's one-time triples (aikg.engines.rule_axioms), added before the rules run; also to graph ``record``."""
    import pyoxigraph as ox

    where = (f"<{record}>", "") if record else ("", "")
    if profile == "rdfs":
        # rdfs4a/b: owlrl types the subjects and objects of its first cycle's triples (the input's) only
        # (one update: the types it adds are not the input's)
        _insert(store, "?n a rdfs:Resource", "{ ?n ?p ?o } UNION { ?s ?p ?n FILTER (!isLiteral(?n)) } "
                "FILTER NOT EXISTS { ?n a rdfs:Resource }", where)
        for first, second in same_value_literals(store):
            _insert(store, f"?s ?p {second}", f"?s ?p {first} FILTER NOT EXISTS {{ ?s ?p {second} }}", where)
        return
    for triple in owlrl_axioms(store):
        s, p, o = (ox.NamedNode(t) if isinstance(t, str) else t for t in triple)
        if ox.Quad(s, p, o) not in store:
            store.add(ox.Quad(s, p, o))
            if record:
                store.add(ox.Quad(s, p, o, ox.NamedNode(record)))


def _matchable(store, profile: str) -> dict[str, set[str]]:
    """The predicates and IRI classes a rule body can match, by the schema the store holds now.

    Read afresh each turn: a triple the schema rules add that makes a class
    matchable is itself in the delta, so the rules still join it with the
    instances already in the graph. A class whose only superclasses are
    itself and owl:Thing is left out: the closing rule types its instances.
    """
    queries = _MATCHABLE[profile]
    predicates = {row["p"].value for row in store.query(queries[0])} | _CONSTANTS[profile][0]
    classes = {row["c"].value for row in store.query(queries[1])} | _CONSTANTS[profile][1]
    if OWL + "Thing" in classes:
        classes |= {row["c"].value for row in store.query(PREFIXES + "SELECT ?c { ?c rdfs:subClassOf owl:Thing FILTER isIRI(?c) }")}
    return {"predicates": predicates, "classes": classes}


def _recorded(template: str, matchable: dict[str, set[str]], added: str) -> tuple[str, str]:
    """How the rule's new triples go into the ``added`` graph: (graph term, WHERE addition).

    Always (``<added>``); never (an empty term: a triple no rule body can
    match); or by a variable ``?aikg_delta`` bound to ``<added>`` only for a
    matchable predicate or class (or a blank-node class).
    """
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


def _holds(store, pattern: str) -> bool:
    return bool(store.query(f"{PREFIXES}ASK {{ {pattern} }}"))


def _count(store, pattern: str) -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) {{ {pattern} }}")))["n"].value)


def _predicates(store, graph: str) -> set[str]:
    return {row["p"].value for row in store.query(f"SELECT DISTINCT ?p {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")}
