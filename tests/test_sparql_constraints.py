"""SHACL-SPARQL constraints run once over the whole store give pySHACL's per-focus-node results."""

from __future__ import annotations

import pytest

from helpers import SHARED

SHAPES = """
@prefix aikg: <https://w3id.org/aikg/ont#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .
ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:message "shape says {?value}" ;
    sh:sparql ex:TopLevel, ex:NestedInUnion, ex:WithSubquery .
ex:TopLevel a sh:SPARQLConstraint ;
    sh:message "{$this} points at {?value}" ;
    sh:prefixes ex:prefixes ;
    sh:select "SELECT $this ?value WHERE { $this ex:next ?value . FILTER NOT EXISTS { ?value ex:ok true } }" .
ex:NestedInUnion a sh:SPARQLConstraint ;
    sh:message "no tag" ;
    sh:prefixes ex:prefixes ;
    sh:select "SELECT $this ?value WHERE { { ?value a ex:Tag . FILTER NOT EXISTS { $this ex:tag ?value } } UNION { ?value a ex:Never } }" .
ex:WithSubquery a sh:SPARQLConstraint ;
    aikg:subqueriesIndependentOfFocus true ;  # its subquery never mentions $this (SHACL refuses it unmarked)
    sh:message "{?value} is ok twice over" ;
    sh:prefixes ex:prefixes ;
    sh:select "SELECT $this ?value WHERE { $this ex:next ?value . { SELECT DISTINCT ?value WHERE { ?value ex:ok ?flag } } }" .
"""

DATA = """
@prefix ex: <http://example.org/> .
ex:Sub <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:Thing .
ex:a a ex:Thing ; ex:next ex:b, ex:d ; ex:tag ex:t1 .
ex:b a ex:Sub ; ex:next ex:c ; ex:ok true .
ex:c ex:ok true .
ex:t1 a ex:Tag .
"""


@pytest.fixture()
def stores():
    import pyoxigraph as ox

    data, shapes = ox.Store(), ox.Store()
    data.load(DATA.encode(), ox.RdfFormat.TURTLE)
    shapes.load(SHAPES.encode(), ox.RdfFormat.TURTLE)
    return data, shapes


def test_only_constraints_that_bind_this_where_it_is_used_run_whole_graph(stores):
    from aikg.engines.sparql_constraints import whole_graph_constraints

    _data, shapes = stores
    names = [c.constraint.value for c in whole_graph_constraints(shapes)]
    # $this inside a UNION branch's NOT EXISTS stays per focus node; a subquery without $this does not stop it
    assert sorted(names) == ["http://example.org/TopLevel", "http://example.org/WithSubquery"]


def test_a_subquery_that_mentions_this_stays_per_focus_node():
    import pyoxigraph as ox
    from aikg.engines.sparql_constraints import whole_graph_constraints

    shapes = ox.Store()
    shapes.load(SHAPES.replace("?value ex:ok ?flag", "$this ex:tag ?flag . ?value ex:ok ?flag").encode(), ox.RdfFormat.TURTLE)
    assert [c.constraint.value for c in whole_graph_constraints(shapes)] == ["http://example.org/TopLevel"]


def test_whole_graph_results_equal_pyshacl(stores):
    from aikg.engines.fast import validate_store
    from aikg.engines.reference import validate
    from rdflib import Graph

    data, shapes = stores
    fast = validate_store(data, shapes)
    reference = validate(Graph().parse(data=DATA, format="turtle"), Graph().parse(data=SHAPES, format="turtle"))
    key = lambda f: (str(f.focus), str(f.value), f.message, str(f.component))  # noqa: E731
    assert sorted(map(key, fast.findings)) == sorted(map(key, reference.findings))
    # ex:a points at ex:d, which is not ok; ex:b (a subclass instance) has no tag
    assert {f.focus.value for f in fast.findings} == {"http://example.org/a", "http://example.org/b"}
    assert not fast.conforms


def test_explain_time_lists_every_shape_and_leaves_the_report_alone(run, tmp_path):
    from aikg import bundle

    inputs = [arg for path in bundle.graph_files() for arg in ("-i", path)]
    plain, timed = run("validate", *inputs), run("validate", *inputs, "--explain-time")
    assert plain.exit_code == timed.exit_code == 0
    assert timed.stdout == plain.stdout  # the times go to stderr
    lines = timed.stderr.splitlines()
    assert lines[0].split() == ["seconds", "share", "results", "kind", "shape"]
    named = {line.split()[-1] for line in lines[1:-1]}
    assert {"aikgsh:ModelShape", "aikgsh:InheritedNamingOrAttributionNotShown"} <= named
    seconds = [float(line.split()[0]) for line in lines[1:-1] if "overhead" not in line]
    assert seconds == sorted(seconds, reverse=True)


def test_explain_time_needs_the_fast_engine(run):
    result = run("validate", "--explain-time", "--engine", "rdflib")
    assert result.exit_code == 2
    assert "--explain-time" in result.stderr


# --------------------------------------------------------------- the query read as tokens

TRICKY_DATA = """
@prefix ex: <http://example.org/> .
ex:a a ex:Thing ; ex:label "$this" ; ex:link <http://example.org/$this> .
ex:b a ex:Thing ; ex:label "b" ; ex:link ex:b .
"""
A, B = "http://example.org/a", "http://example.org/b"


def _shapes(select: str, path: str | None = None):
    """A shapes store whose one shape targets ex:Thing with the SPARQL constraint ``select``
    (on a property shape of ``path`` when given)."""
    import pyoxigraph as ox

    constraint = f'sh:sparql [ sh:prefixes ex:prefixes ; sh:select """{select}""" ]'
    if path:
        constraint = f"sh:property [ sh:path {path} ; {constraint} ]"
    text = SHAPES.split("ex:ThingShape")[0] + f"ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ; {constraint} .\n"
    shapes = ox.Store()
    shapes.load(text.encode(), ox.RdfFormat.TURTLE)
    return shapes


def _focus_nodes(shapes) -> set[str]:
    import pyoxigraph as ox
    from aikg.engines.fast import validate_store

    data = ox.Store()
    data.load(TRICKY_DATA.encode(), ox.RdfFormat.TURTLE)
    # a pyoxigraph NamedNode's IRI is its .value, an rdflib URIRef's its str (findings are moving to pyoxigraph)
    return {getattr(f.focus, "value", None) or str(f.focus) for f in validate_store(data, shapes).findings}


@pytest.mark.parametrize("select,expected", [
    ('SELECT $this ?value WHERE { $this ex:label ?value . FILTER (?value = "$this") }', {A}),
    ("SELECT $this WHERE { $this ex:label ?value . FILTER (?value = '$this' || ?value = \"}\") }", {A}),
    ("SELECT $this WHERE { $this ex:label ?value . FILTER (?value = '''$this''') }", {A}),
    ("SELECT $this WHERE { $this ex:link <http://example.org/$this> }", {A}),
    ('SELECT $this WHERE {\n  # the node\'s label, a "{" or $currentShape: a comment, no syntax\n'
     '  $this ex:label ?value . FILTER (?value != "$this") }', {B}),
], ids=["double-quoted", "single-quoted-with-brace", "long-string", "iri", "comment"])
def test_this_in_a_string_an_iri_or_a_comment_is_text_not_the_focus_node(select, expected):
    """Only the variable $this is the focus node: the constraint still runs once over the whole
    graph, and "$this" in a literal or an IRI still means those characters."""
    from aikg.engines.sparql_constraints import whole_graph_constraints

    shapes = _shapes(select)
    (constraint,) = whole_graph_constraints(shapes)
    assert select.split("{", 1)[1] in constraint.query  # the constraint's own text, unchanged after the targets
    assert _focus_nodes(shapes) == expected


@pytest.mark.parametrize("select,whole_graph,expected", [
    # $this and ?this are one variable (SPARQL's VAR1 and VAR2), the focus node
    ('SELECT ?this WHERE { ?this ex:label "b" }', True, {B}),
    # SHACL's other pre-bound variables are left to the per-focus-node validator, which binds them
    ("SELECT $this WHERE { $this ex:label ?v . FILTER (bound($currentShape)) }", False, {A, B}),
    ("SELECT $this WHERE { $this ex:label ?v . FILTER (bound(?currentShape)) }", False, {A, B}),
    ("SELECT $this WHERE { GRAPH $shapesGraph { $currentShape a sh:NodeShape } }", False, {A, B}),
    # ... but the same names inside a literal are text
    ('SELECT $this WHERE { $this ex:label ?v . FILTER (?v IN ("$currentShape", "$shapesGraph", "$PATH")) }', True, set()),
], ids=["?this", "$currentShape", "?currentShape", "$shapesGraph", "names-in-a-literal"])
def test_pre_bound_variables(select, whole_graph, expected):
    """SHACL 1.0 5.2.1: $this, $shapesGraph and $currentShape are pre-bound; only $this is bound by
    the whole-graph run (through its targets), so a constraint naming another stays per focus node."""
    from aikg.engines.sparql_constraints import whole_graph_constraints

    shapes = _shapes(select.replace("sh:NodeShape", "<http://www.w3.org/ns/shacl#NodeShape>"))
    assert bool(whole_graph_constraints(shapes)) is whole_graph
    assert _focus_nodes(shapes) == expected


def test_path_is_substituted_per_focus_node_on_a_property_shape():
    """SHACL 1.0 6.3: $PATH stands for the property shape's path; such a constraint is left to the
    per-focus-node validator, and "$this" in its literal is still text."""
    from aikg.engines.sparql_constraints import whole_graph_constraints

    shapes = _shapes('SELECT $this ?value WHERE { $this $PATH ?value . FILTER (?value = "$this") }', path="ex:label")
    assert whole_graph_constraints(shapes) == []
    assert _focus_nodes(shapes) == {A}


@pytest.mark.parametrize("select", [
    "SELECT $this WHERE { $this ex:label ?v . BIND (true AS $this) }",
    "SELECT $this WHERE { $this ex:label ?v . BIND (STR($this) AS ?s) }",
    "SELECT $this WHERE { $this ex:label ?v . VALUES ?v { \"b\" } }",
    "SELECT $this WHERE { $this ex:label ?v . MINUS { $this ex:link ex:b } }",
    "SELECT $this WHERE { $this ex:label ?v . FILTER (bound(?PATH)) }",
    "SELECT $this WHERE { { SELECT $this WHERE { $this ex:label ?v } } }",
    "SELECT $this ?v WHERE { $this ex:label ?v . FILTER (?v = \"open",
])
def test_forms_the_whole_graph_run_cannot_answer_stay_per_focus_node(select):
    from aikg.engines.sparql_constraints import whole_graph_constraints

    assert whole_graph_constraints(_shapes(select)) == []


@pytest.mark.parametrize("select", [
    'SELECT $this WHERE { $this ex:label ?v . BIND ("$this" AS ?s) FILTER (?s = ?v) }',
    'SELECT $this WHERE { $this ex:label ?v . FILTER (?v = "VALUES { MINUS SERVICE") }',
    "SELECT $this WHERE { $this ex:label ?v . FILTER (?v = ex:VALUES) }",
])
def test_keywords_and_variables_in_literals_or_names_do_not_stop_the_whole_graph_run(select):
    from aikg.engines.sparql_constraints import whole_graph_constraints

    assert len(whole_graph_constraints(_shapes(select))) == 1


def test_prefixes_of_imported_ontologies_are_declared(stores):
    """SHACL 1.0 5.2.1: sh:prefixes takes the declarations of the ontologies its value owl:imports too."""
    import pyoxigraph as ox
    from aikg.engines.sparql_constraints import whole_graph_constraints

    data, _ = stores
    shapes = _shapes('SELECT $this WHERE { $this ex:label ?v . FILTER (?v = "$this") }')
    ex, prefixes = ox.NamedNode("http://example.org/"), ox.NamedNode("http://example.org/prefixes")
    importing = ox.NamedNode("http://example.org/importing")
    shapes.add(ox.Quad(importing, ox.NamedNode("http://www.w3.org/2002/07/owl#imports"), prefixes))
    for quad in list(shapes.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/shacl#prefixes"), prefixes)):
        shapes.remove(quad)
        shapes.add(ox.Quad(quad.subject, quad.predicate, importing))
    (constraint,) = whole_graph_constraints(shapes)
    assert f"PREFIX ex: <{ex.value}>" in constraint.query
    assert _focus_nodes(shapes) == {A}



# ------------------------------------------- the W3C SHACL-SPARQL tests the whole-graph run takes

W3C_SPARQL = SHARED / "w3c" / "shacl" / "sparql"
def _w3c_whole_graph_tests() -> list:
    """The W3C SHACL-SPARQL test files with a constraint the whole-graph run takes."""
    import pyoxigraph as ox
    from aikg.engines.sparql_constraints import whole_graph_constraints

    found = []
    for path in sorted(W3C_SPARQL.glob("*/*.ttl")) if W3C_SPARQL.is_dir() else []:
        store = ox.Store()
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())
        if path.name != "manifest.ttl" and whole_graph_constraints(store):
            found.append(pytest.param(path, id=f"{path.parent.name}/{path.stem}"))
    return found


_EXPECTED = """
PREFIX mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?report ?focus ?value WHERE {
  ?test mf:result ?report .
  OPTIONAL { ?report sh:result ?result . ?result sh:focusNode ?focus . OPTIONAL { ?result sh:value ?value } }
}"""


@pytest.mark.skipif(not W3C_SPARQL.is_dir(), reason=f"the W3C SHACL suite is not at {W3C_SPARQL}")
@pytest.mark.parametrize("path", _w3c_whole_graph_tests() or [pytest.param(None, id="none")])
def test_w3c_shacl_sparql_through_the_whole_graph_run(path):
    """Focus node and value of every result as the suite's report gives them (or a refusal where it expects one)."""
    import pyoxigraph as ox
    from aikg.engines.fast import validate_store
    from aikg.errors import AikgError

    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())
    rows = list(store.query(_EXPECTED))
    if rows[0]["report"].value.endswith("#Failure"):  # sht:Failure: the shapes must be refused
        with pytest.raises(AikgError):
            validate_store(store, store)
        return
    expected = sorted((row["focus"].value, row["value"].value) for row in rows if row["focus"] is not None)
    findings = validate_store(store, store).findings
    value = lambda term: getattr(term, "value", None) or str(term)  # noqa: E731 - rdflib or pyoxigraph terms
    assert sorted((value(f.focus), value(f.value)) for f in findings) == expected
