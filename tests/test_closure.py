"""The fast engine's closure is owlrl's: the same triples, both profiles, on every input tried.

Each comparison reasons over one pyoxigraph store: the fast engine on a copy
of it, owlrl on an rdflib graph of the same terms (blank-node labels kept,
``rdf.rdflib_bridge.rdflib_graph_of_store``), so two closures are equal
exactly when their sets of triples are, blank nodes included. Literals are
the store's: pyoxigraph keeps numbers in canonical form ("01" is "1"),
the one difference from owlrl reading the file itself (README, "Reasoning").

Then one small graph per rule: owlrl and the fast engine agree on it, it
gives the triple the rule exists for, and without the rule it does not.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, REPO, SHARED

sys.path.insert(0, str(REPO / "bench"))
from gen_lineage import write_lineage  # noqa: E402

PROFILES = ("owlrl", "rdfs")
ONTOLOGIES = FIXTURES / "ontologies"
SPDX_MODEL = SHARED / "reference" / "spdx" / "spdx-model.ttl"


def closures(paths, profile: str) -> tuple[set, set]:
    """(the fast engine's closure, owlrl's) of the files, as sets of pyoxigraph triples."""
    import pyoxigraph as ox
    from aikg.engines.fast import reason_store
    from aikg.engines.reference import reason
    from aikg.rdf.graphs import load_store
    from aikg.rdf.rdflib_bridge import oxigraph_quads, rdflib_graph

    store = load_store(paths)
    reference = reason(rdflib_graph(store, keep_blank_ids=True), profile)
    fast = ox.Store()
    fast.bulk_extend(store)  # the same blank nodes
    reason_store(fast, profile)
    return {q.triple for q in fast}, canonical(oxigraph_quads(reference))


def canonical(quads) -> set:
    """The triples as a pyoxigraph store holds them: numbers in canonical form, as the fast engine's are."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_extend(quads)
    return {q.triple for q in store}


def assert_same_closure(paths, profile: str) -> set:
    fast, reference = closures(paths, profile)
    assert fast == reference, (f"only owlrl: {sorted(map(str, reference - fast))[:8]}\n"
                               f"only the fast engine: {sorted(map(str, fast - reference))[:8]}")
    return fast


def pyshacl_asset(name: str) -> Path:
    import pyshacl

    path = Path(pyshacl.__file__).parent / "assets" / name
    if not path.is_file():
        pytest.skip(f"pySHACL no longer ships {name}")
    return path


@pytest.fixture(scope="module")
def lineage(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("closure") / "lineage.nt"
    write_lineage(path, 2_000, faults=0.1)
    return path


@pytest.mark.parametrize("profile", PROFILES)
def test_closure_is_owlrls_on_the_bundled_graph(profile):
    from aikg import bundle

    closure = assert_same_closure(bundle.graph_files(), profile)
    assert len(closure) > 2 * sum(1 for _ in bundle.graph_files())  # something was read and reasoned


@pytest.mark.parametrize("profile", PROFILES)
def test_closure_is_owlrls_on_generated_lineage(profile, lineage):
    from aikg import bundle

    assert_same_closure([*bundle.ontology_files(), lineage], profile)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("ontology", ["dcmi", "shacl", "dash", "spdx"])
def test_closure_is_owlrls_on_public_ontologies(profile, ontology):
    """DCMI Metadata Terms (a fixture), the SHACL and DASH vocabularies (shipped by pySHACL) and the
    SPDX 3.0.1 model (../shared, owl:sameAs included)."""
    if ontology == "spdx" and not SPDX_MODEL.is_file():
        pytest.skip(f"the SPDX 3.0.1 model is not at {SPDX_MODEL}")
    paths = {
        "dcmi": sorted((ONTOLOGIES / "dcmi").glob("*.owl")),
        "shacl": [pyshacl_asset("shacl.ttl")],
        "dash": [pyshacl_asset("dash.ttl")],
        "spdx": [SPDX_MODEL],
    }[ontology]
    assert_same_closure(paths, profile)


# ------------------------------------------------------------- rule by rule

PREFIXES = """@prefix ex: <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# rule name: (graph, a triple only that rule gives on it)
OWL_CASES = {
    "eq-sym": ("ex:a owl:sameAs ex:b .", "ex:b owl:sameAs ex:a"),
    "eq-rep-s": ("ex:a owl:sameAs ex:b . ex:a ex:p ex:c .", "ex:b ex:p ex:c"),
    "eq-rep-p": ("ex:p owl:sameAs ex:q . ex:a ex:p ex:c .", "ex:a ex:q ex:c"),
    "eq-rep-o": ("ex:b owl:sameAs ex:a . ex:c ex:p ex:a .", "ex:c ex:p ex:b"),
    "eq-trans": ("ex:a owl:sameAs ex:b . ex:b owl:sameAs ex:c .", "ex:a owl:sameAs ex:c"),  # by eq-sym, then eq-rep-o
    "prp-dom": ("ex:p rdfs:domain ex:C . ex:x ex:p ex:y .", "ex:x a ex:C"),
    "prp-rng": ("ex:p rdfs:range ex:C . ex:x ex:p ex:y .", "ex:y a ex:C"),
    "prp-fp": ("ex:p a owl:FunctionalProperty . ex:x ex:p ex:a, ex:b .", "ex:a owl:sameAs ex:b"),
    "prp-ifp": ("ex:p a owl:InverseFunctionalProperty . ex:a ex:p ex:y . ex:b ex:p ex:y .", "ex:a owl:sameAs ex:b"),
    "prp-symp": ("ex:p a owl:SymmetricProperty . ex:x ex:p ex:y .", "ex:y ex:p ex:x"),
    "prp-trp": ("ex:p a owl:TransitiveProperty . ex:x ex:p ex:y . ex:y ex:p ex:z .", "ex:x ex:p ex:z"),
    "prp-spo1": ("ex:p rdfs:subPropertyOf ex:q . ex:x ex:p ex:y .", "ex:x ex:q ex:y"),
    "prp-inv1": ("ex:p owl:inverseOf ex:q . ex:x ex:p ex:y .", "ex:y ex:q ex:x"),
    "prp-inv2": ("ex:p owl:inverseOf ex:q . ex:x ex:q ex:y .", "ex:y ex:p ex:x"),
    "cls-hv1": ("ex:C owl:hasValue ex:v ; owl:onProperty ex:p . ex:x a ex:C .", "ex:x ex:p ex:v"),
    "cls-hv2": ("ex:C owl:hasValue ex:v ; owl:onProperty ex:p . ex:x ex:p ex:v .", "ex:x a ex:C"),
    "cls-svf1": ("ex:C owl:someValuesFrom ex:K ; owl:onProperty ex:p . ex:x ex:p ex:y . ex:y a ex:K .", "ex:x a ex:C"),
    "cls-svf1-literal": ("ex:C owl:someValuesFrom xsd:decimal ; owl:onProperty ex:p . ex:x ex:p 5 .", "ex:x a ex:C"),
    "cls-svf2": ("ex:C owl:someValuesFrom owl:Thing ; owl:onProperty ex:p . ex:x ex:p ex:y .", "ex:x a ex:C"),
    "cls-avf": ("ex:C owl:allValuesFrom ex:K ; owl:onProperty ex:p . ex:x a ex:C ; ex:p ex:y .", "ex:y a ex:K"),
    "cls-int1-1": ("ex:C owl:intersectionOf (ex:A) . ex:x a ex:A .", "ex:x a ex:C"),
    "cls-int1-2": ("ex:C owl:intersectionOf (ex:A ex:B) . ex:x a ex:A, ex:B .", "ex:x a ex:C"),
    "cls-int1-3": ("ex:C owl:intersectionOf (ex:A ex:B ex:D) . ex:x a ex:A, ex:B, ex:D .", "ex:x a ex:C"),
    "cls-int1": ("ex:C owl:intersectionOf (ex:A ex:B ex:D ex:E) . ex:x a ex:A, ex:B, ex:D, ex:E .", "ex:x a ex:C"),
    "cls-maxc2": ("ex:C owl:maxCardinality 1 ; owl:onProperty ex:p . ex:x a ex:C ; ex:p ex:a, ex:b .",
                  "ex:a owl:sameAs ex:b"),
    "cls-maxqc3": ("ex:C owl:maxQualifiedCardinality 1 ; owl:onProperty ex:p ; owl:onClass ex:K . "
                   "ex:x a ex:C ; ex:p ex:a, ex:b . ex:a a ex:K . ex:b a ex:K .", "ex:a owl:sameAs ex:b"),
    "cls-maxqc4": ("ex:C owl:maxQualifiedCardinality 1 ; owl:onProperty ex:p ; owl:onClass owl:Thing . "
                   "ex:x a ex:C ; ex:p ex:a, ex:b .", "ex:a owl:sameAs ex:b"),
    "cls-oo": ("ex:C owl:oneOf (ex:a ex:b) .", "ex:b a ex:C"),
    "cax-sco": ("ex:A rdfs:subClassOf ex:B . ex:x a ex:A .", "ex:x a ex:B"),
    "scm-cls": ("ex:C a owl:Class .", "ex:C rdfs:subClassOf owl:Thing"),
    # y a K comes in the third turn, long after K rdfs:subClassOf owl:Thing, and K has no other
    # superclass: the delta does not carry the type, the closing rule gives y its owl:Thing
    "cax-thing": ("ex:K a owl:Class . ex:C owl:allValuesFrom ex:K ; owl:onProperty ex:p . ex:q2 rdfs:subPropertyOf ex:q . "
                  "ex:q rdfs:subPropertyOf ex:p . ex:x a ex:C ; ex:q2 ex:y .", "ex:y a owl:Thing"),
    "scm-sco": ("ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:C .", "ex:A rdfs:subClassOf ex:C"),
    "scm-eqc1": ("ex:A owl:equivalentClass ex:B .", "ex:A rdfs:subClassOf ex:B"),
    "scm-eqc2": ("ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:A .", "ex:A owl:equivalentClass ex:B"),
    "scm-op": ("ex:p a owl:ObjectProperty .", "ex:p rdfs:subPropertyOf ex:p"),
    "scm-dp": ("ex:p a owl:DatatypeProperty .", "ex:p rdfs:subPropertyOf ex:p"),
    "scm-spo": ("ex:p rdfs:subPropertyOf ex:q . ex:q rdfs:subPropertyOf ex:r .", "ex:p rdfs:subPropertyOf ex:r"),
    "scm-eqp1": ("ex:p owl:equivalentProperty ex:q .", "ex:p rdfs:subPropertyOf ex:q"),
    "scm-eqp2": ("ex:p rdfs:subPropertyOf ex:q . ex:q rdfs:subPropertyOf ex:p .", "ex:p owl:equivalentProperty ex:q"),
    "scm-dom1": ("ex:p rdfs:domain ex:A . ex:A rdfs:subClassOf ex:B .", "ex:p rdfs:domain ex:B"),
    "scm-dom2": ("ex:q rdfs:domain ex:A . ex:p rdfs:subPropertyOf ex:q .", "ex:p rdfs:domain ex:A"),
    "scm-rng1": ("ex:p rdfs:range ex:A . ex:A rdfs:subClassOf ex:B .", "ex:p rdfs:range ex:B"),
    "scm-rng2": ("ex:q rdfs:range ex:A . ex:p rdfs:subPropertyOf ex:q .", "ex:p rdfs:range ex:A"),
    "scm-hv": ("ex:C owl:hasValue ex:i ; owl:onProperty ex:p . ex:D owl:hasValue ex:i ; owl:onProperty ex:q . "
               "ex:p rdfs:subPropertyOf ex:q .", "ex:C rdfs:subClassOf ex:D"),
    "scm-svf1": ("ex:C owl:someValuesFrom ex:Y ; owl:onProperty ex:p . ex:D owl:someValuesFrom ex:Z ; owl:onProperty ex:p . "
                 "ex:Y rdfs:subClassOf ex:Z .", "ex:C rdfs:subClassOf ex:D"),
    "scm-svf2": ("ex:C owl:someValuesFrom ex:Y ; owl:onProperty ex:p . ex:D owl:someValuesFrom ex:Y ; owl:onProperty ex:q . "
                 "ex:p rdfs:subPropertyOf ex:q .", "ex:C rdfs:subClassOf ex:D"),
    "scm-avf1": ("ex:C owl:allValuesFrom ex:Y ; owl:onProperty ex:p . ex:D owl:allValuesFrom ex:Z ; owl:onProperty ex:p . "
                 "ex:Y rdfs:subClassOf ex:Z .", "ex:C rdfs:subClassOf ex:D"),
    "scm-avf2": ("ex:C owl:allValuesFrom ex:Y ; owl:onProperty ex:p . ex:D owl:allValuesFrom ex:Y ; owl:onProperty ex:q . "
                 "ex:p rdfs:subPropertyOf ex:q .", "ex:D rdfs:subClassOf ex:C"),
    "scm-int": ("ex:C owl:intersectionOf (ex:A ex:B) .", "ex:C rdfs:subClassOf ex:B"),
    "scm-uni": ("ex:C owl:unionOf (ex:A ex:B) .", "ex:B rdfs:subClassOf ex:C"),
    # cls-int2 and cls-uni are scm-int and scm-uni, then cax-sco
    "cls-int2": ("ex:C owl:intersectionOf (ex:A ex:B) . ex:x a ex:C .", "ex:x a ex:B"),
    "cls-uni": ("ex:C owl:unionOf (ex:A ex:B) . ex:x a ex:B .", "ex:x a ex:C"),
}
# Rules the engine leaves out because others imply them: the one whose removal loses the triple.
IMPLIED = {"eq-trans": "eq-sym", "cls-int2": "scm-int", "cls-uni": "scm-uni"}
RDFS_CASES = {
    "rdfs2": ("ex:p rdfs:domain ex:C . ex:x ex:p ex:y .", "ex:x a ex:C"),
    "rdfs3": ("ex:p rdfs:range ex:C . ex:x ex:p ex:y .", "ex:y a ex:C"),
    "rdfs5": ("ex:p rdfs:subPropertyOf ex:q . ex:q rdfs:subPropertyOf ex:r .", "ex:p rdfs:subPropertyOf ex:r"),
    "rdfs6": ("ex:x ex:p ex:y .", "ex:p rdfs:subPropertyOf ex:p"),
    "rdfs7": ("ex:p rdfs:subPropertyOf ex:q . ex:x ex:p ex:y .", "ex:x ex:q ex:y"),
    "rdfs8-10": ("ex:C a rdfs:Class .", "ex:C rdfs:subClassOf rdfs:Resource"),
    "rdfs9": ("ex:A rdfs:subClassOf ex:B . ex:x a ex:A .", "ex:x a ex:B"),
    "rdfs11": ("ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:A .", "ex:A rdfs:subClassOf ex:A"),
    "rdfs12": ("ex:p a rdfs:ContainerMembershipProperty .", "ex:p rdfs:subPropertyOf rdfs:member"),
    "rdfs-datatype": ("ex:D a rdfs:Datatype .", "ex:D rdfs:subClassOf rdfs:Literal"),
    "rdf1": ("ex:x ex:p ex:y .", "ex:p a rdf:Property"),
}
# More graphs owlrl and the fast engine must agree on (no single rule to take away).
EDGE_CASES = {
    "literal typed by a range": "ex:C owl:someValuesFrom ex:K ; owl:onProperty ex:p . ex:q rdfs:range ex:K . "
                                'ex:z ex:q "a"^^xsd:token . ex:x ex:p "a"^^xsd:token .',
    "plain strings have no datatype in owlrl": 'ex:C owl:someValuesFrom xsd:string ; owl:onProperty ex:p . ex:x ex:p "a", "b"@en .',
    "literal of a subtype": 'ex:C owl:someValuesFrom xsd:string ; owl:onProperty ex:p . ex:x ex:p "a"^^xsd:NCName .',
    "equality through a functional property": "ex:p a owl:FunctionalProperty . ex:x ex:p ex:a, ex:b . ex:a ex:q ex:c . "
                                              "ex:d ex:r ex:b . ex:b owl:sameAs ex:e .",
}


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", EDGE_CASES)
def test_edge_cases_give_owlrls_closure(profile, name, tmp_path):
    assert_same_closure([case_file(tmp_path, EDGE_CASES[name])], profile)


# What owlrl adds before its rules run (aikg.engines.rule_axioms): no rule to take away, the triple is checked.
AXIOM_CASES = {
    "owlrl": [("ex:x ex:p ex:y .", "owl:Thing a owl:Class"), ("ex:x ex:p ex:y .", "rdfs:label a owl:AnnotationProperty"),
              ("ex:x ex:p ex:y .", "xsd:NCName a rdfs:Datatype"),
              ('ex:x ex:p 1, true .', "xsd:boolean owl:disjointWith xsd:decimal"),
              ("ex:x a xsd:byte .", "ex:x a xsd:decimal")],
    "rdfs": [("ex:x ex:p ex:y .", "ex:y a rdfs:Resource"),
             ('ex:x ex:p 1 . ex:y ex:q "1.0"^^xsd:double .', 'ex:x ex:p "1.0"^^xsd:double'),
             ('ex:x ex:p "a"@en . ex:y ex:q "a" .', 'ex:y ex:q "a"@en')],
}


def expected_triple(text: str):
    import pyoxigraph as ox

    return next(iter(canonical(ox.parse(PREFIXES + text + " .", ox.RdfFormat.TURTLE))))


def case_file(tmp_path, graph: str) -> Path:
    path = tmp_path / "case.ttl"
    path.write_text(PREFIXES + graph + "\n")
    return path


@pytest.mark.parametrize("profile,name", [("owlrl", n) for n in OWL_CASES] + [("rdfs", n) for n in RDFS_CASES])
def test_each_rule_gives_owlrls_triple_and_only_it_does(profile, name, tmp_path, monkeypatch):
    from aikg.engines import rules

    graph, triple = (OWL_CASES if profile == "owlrl" else RDFS_CASES)[name]
    path = case_file(tmp_path, graph)
    assert expected_triple(triple) in assert_same_closure([path], profile)
    name = IMPLIED.get(name, name)
    table = next(t for t in (rules.RULES, rules.RDFS_RULES, *rules.CLOSING.values()) if name in t)
    monkeypatch.setitem(rules.CLOSING, profile, {n: r for n, r in rules.CLOSING[profile].items() if n != name})
    if profile == "rdfs":
        monkeypatch.setattr(rules, "RDFS_RULES", {n: r for n, r in rules.RDFS_RULES.items() if n != name})
    if table is rules.RULES:
        monkeypatch.delitem(rules.RULES, name)
    without, _reference = closures([path], profile)
    assert expected_triple(triple) not in without


@pytest.mark.parametrize("profile,case", [(p, c) for p, cases in AXIOM_CASES.items() for c in cases],
                         ids=lambda v: v if isinstance(v, str) else v[1])
def test_owlrls_one_time_triples(profile, case, tmp_path):
    graph, triple = case
    assert expected_triple(triple) in assert_same_closure([case_file(tmp_path, graph)], profile)


def test_a_graph_without_same_as_runs_no_equality_rule(monkeypatch):
    """owl:sameAs is the classic blow-up: the equality rules join it with every triple, so they
    run only once the graph has a sameAs statement."""
    from aikg import bundle
    from aikg.engines import rules
    from aikg.rdf.graphs import load_store

    ran = []
    insert = rules._insert
    monkeypatch.setattr(rules, "_insert", lambda store, template, *rest: (ran.append(template), insert(store, template, *rest)))
    rules.materialise(load_store(bundle.graph_files()))
    equality = {rules.RULES[name].template for name in rules.EQUALITY}
    assert ran and not equality & set(ran)
