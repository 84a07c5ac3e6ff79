"""SHACL-SPARQL constraints run once over the whole store give pySHACL's per-focus-node results."""

from __future__ import annotations

import pytest

SHAPES = """
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
