"""Routing: the shapes pyshacl-turbo gets wrong go to pySHACL over the same data, and one report comes back."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

SH = "http://www.w3.org/ns/shacl#"
EX = "http://example.org/"

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:XoneShape a sh:NodeShape ; sh:targetClass ex:T ;
    sh:xone ( [ sh:property [ sh:path ex:a ; sh:minCount 1 ] ] [ sh:property [ sh:path ex:b ; sh:minCount 1 ] ] ) .
ex:QualifiedShape a sh:NodeShape ; sh:targetClass ex:T ;
    sh:property [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Wheel ] ; sh:qualifiedMinCount 2 ] .
ex:UsesQualified a sh:NodeShape ; sh:targetNode ex:car ; sh:node ex:Qualified2 .
ex:Qualified2 a sh:NodeShape ;
    sh:property [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Door ] ; sh:qualifiedMaxCount 1 ] .
ex:PlainShape a sh:NodeShape ; sh:targetClass ex:T ;
    sh:property [ sh:path ex:name ; sh:datatype xsd:string ; sh:minCount 1 ] .
"""

DATA = """
@prefix ex: <http://example.org/> .
ex:car a ex:T ; ex:a 1 ; ex:b 2 ; ex:part ex:w1, ex:d1, ex:d2 .
ex:bike a ex:T ; ex:a 1 ; ex:name "bike" ; ex:part ex:w1, ex:w2 .
ex:w1 a ex:Wheel . ex:w2 a ex:Wheel . ex:d1 a ex:Door . ex:d2 a ex:Door .
"""

def _store(text: str):
    store = ox.Store()
    store.load(text.encode(), ox.RdfFormat.TURTLE)
    return store


def _features():
    from aikg.engines.routing import using

    return {"xone": using(SH + "xone"), "qualified": using(SH + "qualifiedValueShape")}


def _keys(outcome) -> set:
    return {(f.focus, f.path, f.value, f.shape if isinstance(f.shape, ox.NamedNode) else "_:b", f.component, f.severity)
            for f in outcome.findings}


def test_shapes_with_a_routed_feature_and_their_users_are_routed():
    from aikg.engines.routing import routed_shapes

    routed = {s.value for s in routed_shapes(_store(SHAPES), _features()) if isinstance(s, ox.NamedNode)}
    # UsesQualified has no routed feature itself, but its result depends on Qualified2's
    assert routed == {EX + "XoneShape", EX + "QualifiedShape", EX + "UsesQualified", EX + "Qualified2"}


def test_each_validator_keeps_the_targets_of_its_own_shapes_only():
    from aikg.engines.routing import split

    shapes = _store(SHAPES)
    turbo, reference = split(shapes, _features())
    targeted = lambda store: {q.subject.value for q in store if q.predicate.value.startswith(SH + "target")}  # noqa: E731
    assert targeted(turbo) == {EX + "PlainShape"}
    assert targeted(reference) == {EX + "XoneShape", EX + "QualifiedShape", EX + "UsesQualified"}
    untargeted = lambda store: {q for q in store if not q.predicate.value.startswith(SH + "target")}  # noqa: E731
    assert untargeted(turbo) == untargeted(reference) == untargeted(shapes)  # every shape definition in both


def test_nothing_routed_leaves_the_shapes_alone():
    from aikg.engines.routing import split

    shapes = _store(SHAPES)
    assert split(shapes, {}) == (shapes, None)


def test_merged_report_equals_pyshacls():
    from aikg.engines.fast import validate_store
    from aikg.engines.reference import validate

    routed = validate_store(_store(DATA), _store(SHAPES), features=_features())
    reference = validate(_store(DATA), _store(SHAPES))
    assert (routed.conforms, _keys(routed)) == (reference.conforms, _keys(reference))
    components = {f.component.value.rsplit("#", 1)[1] for f in routed.findings}
    # results from both validators in one report: turbo's (PlainShape) and pySHACL's (the routed shapes)
    assert {"MinCountConstraintComponent", "XoneConstraintComponent", "QualifiedMinCountConstraintComponent",
            "NodeConstraintComponent"} <= components
    tops = list(routed.report_graph.quads_for_pattern(None, None, ox.NamedNode(SH + "ValidationReport")))
    assert len(tops) == 1 and not routed.conforms


def test_routed_shapes_reach_pyshacl(monkeypatch):
    """The routed part is validated by pySHACL, and only it: the data of a routed run goes to pySHACL once."""
    from aikg.engines import reference
    from aikg.engines.fast import validate_store

    calls = []
    real = reference.pyshacl_report
    monkeypatch.setattr(reference, "pyshacl_report", lambda *a, **k: calls.append(a) or real(*a, **k))
    validate_store(_store(DATA), _store(SHAPES), features={})
    assert calls == []
    validate_store(_store(DATA), _store(SHAPES), features=_features())
    assert len(calls) == 1


@pytest.mark.parametrize("select", [
    'SELECT $this WHERE { $this ?p ?o . SERVICE <http://example.org/s> { ?a ?b ?c } }',
])
def test_a_forbidden_sparql_constraint_is_refused(select):
    from aikg.engines.fast import validate_store
    from aikg.errors import InputError

    shapes = _store(f'''
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:sparql [ sh:select """{select}""" ] .''')
    with pytest.raises(InputError, match="SERVICE"):
        validate_store(_store(DATA), shapes)


def test_service_in_a_string_is_not_a_service():
    from aikg.engines.routing import refused_query

    assert not refused_query('SELECT $this WHERE { $this ?p "SERVICE <x> { }" }')
    assert refused_query('SELECT $this WHERE { SERVICE <x> { $this ?p ?o } }')


def test_a_nested_select_must_project_this_unless_marked_independent():
    """SHACL 1.0 (5.3.1) forbids a nested SELECT that does not project $this; aikg:subqueriesIndependentOfFocus
    lets a constraint whose subqueries never mention $this run once over the whole graph (the bundled one does)."""
    from aikg.engines.routing import refused_query, refused_sparql
    from aikg.validation import load_shapes
    import pyoxigraph as ox

    unprojected = 'SELECT $this WHERE { $this ?p ?o . { SELECT ?other WHERE { ?other ?q ?r } } }'
    assert refused_query(unprojected)
    assert not refused_query(unprojected, independent_subqueries=True)
    assert refused_query('SELECT $this WHERE { { SELECT * WHERE { $this ?q ?r } } }')
    assert not refused_query('SELECT $this WHERE { { SELECT $this ?r WHERE { $this ?q ?r } } }')
    assert not refused_query('SELECT $this WHERE { $this ?p "{ SELECT ?x WHERE { } }" }')  # a string is no subquery
    bundled = load_shapes()
    shape = ox.NamedNode("https://w3id.org/aikg/shapes#InheritedDutiesShape")
    constraint = ox.NamedNode("https://w3id.org/aikg/shapes#InheritedNamingOrAttributionNotShown")
    assert any(q.object == constraint for q in bundled.quads_for_pattern(shape, None, None))
    assert not refused_sparql(bundled, shape)  # marked: runs over the whole graph, as before
    bundled.remove(ox.Quad(constraint, ox.NamedNode("https://w3id.org/aikg/ont#subqueriesIndependentOfFocus"),
                           ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))))
    assert refused_sparql(bundled, shape)  # unmarked, the same query is refused


def test_a_datatype_the_store_rewrites_is_checked_as_written(tmp_path):
    """A pyoxigraph store keeps "5"^^xsd:int as xsd:integer; sh:datatype xsd:int must still accept it (as pySHACL does)."""
    from aikg import api

    data = tmp_path / "typed.ttl"
    data.write_text(
        "@prefix ex: <http://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        'ex:a ex:n "5"^^xsd:int ; ex:m "7"^^xsd:integer .\n'
        "ex:S a sh:NodeShape ; sh:targetNode ex:a ;\n"
        "  sh:property [ sh:path ex:n ; sh:datatype xsd:int ] , [ sh:path ex:m ; sh:datatype xsd:int ] .\n")
    for engine in ("oxigraph", "reference"):
        outcome = api.validate(inputs=[data], shapes=[data], bundled="none", engine=engine)
        assert [(f.path.value, f.value) for f in outcome.findings] == [
            ("http://example.org/m", ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))]


def test_the_rewritten_datatypes_are_the_ones_the_store_rewrites():
    """REWRITTEN_DATATYPES follows pyoxigraph: a literal of each XSD datatype through a Store keeps its datatype or not."""
    from aikg.engines.routing import REWRITTEN_DATATYPES

    xsd = "http://www.w3.org/2001/XMLSchema#"
    samples = {"string": "a", "boolean": "true", "decimal": "1.5", "integer": "5", "double": "1.5E0", "float": "1.5E0",
               "date": "2020-01-01", "time": "10:00:00", "dateTime": "2020-01-01T10:00:00",
               "dateTimeStamp": "2020-01-01T10:00:00Z", "gYear": "2020", "gYearMonth": "2020-01", "duration": "P1D",
               "dayTimeDuration": "P1D", "yearMonthDuration": "P1Y", "anyURI": "http://x", "language": "en", "token": "a"}
    samples.update({name: "5" for name in ("byte", "short", "int", "long", "unsignedByte", "unsignedShort",
                                           "unsignedInt", "unsignedLong", "positiveInteger", "nonNegativeInteger")})
    samples.update({"negativeInteger": "-5", "nonPositiveInteger": "-5"})
    store = ox.Store()
    for name, lexical in samples.items():
        store.add(ox.Quad(ox.NamedNode(EX + name), ox.NamedNode(EX + "p"), ox.Literal(lexical, datatype=ox.NamedNode(xsd + name))))
    rewritten = {xsd + q.subject.value[len(EX):] for q in store if q.object.datatype.value != xsd + q.subject.value[len(EX):]}
    assert rewritten == REWRITTEN_DATATYPES


def test_a_sparql_constraint_that_does_not_parse_is_bad_input():
    from aikg.engines.fast import validate_store
    from aikg.errors import InputError

    shapes = _store('''
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:sparql ex:C .
        ex:C sh:select "SELECT $this WHERE { $this undeclared:p ?o }" .''')
    with pytest.raises(InputError, match="example.org/C"):
        validate_store(_store(DATA), shapes)
