"""SHACL shapes: the shipped data conforms; each invalid fixture fails for the stated reason.

Fixtures live in tests/fixtures/shapes/{valid,invalid}/. Each is validated
together with valid/base.ttl and the core ontology (for the subclass axioms
sh:class and sh:targetClass rely on). An invalid fixture lists the results it
must produce in header lines::

    # expect: FOCUS SHAPE PATH COMPONENT

PATH is ``-`` when the result has no IRI path (node-level constraints, or a
property shape whose path is an sh:alternativePath). The set of results must
equal the expected set exactly, so a fixture cannot pass by failing for some
other reason. The default engine (pyshacl-turbo, with routed shapes on
pySHACL) must give the reference's (pySHACL's) results on every fixture and
on the bundled graph.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph

from aikg.engines.fast import validate_store
from aikg.engines.reference import validate as validate_graph
from aikg.rdf.rdflib_bridge import oxigraph_store
from rdflib.namespace import SH

from helpers import FIXTURES

from .conftest import extended

SHAPES_DIR = FIXTURES / "shapes"
VALID = sorted((SHAPES_DIR / "valid").glob("*.ttl"))
INVALID = sorted((SHAPES_DIR / "invalid").glob("*.ttl"))
NS = {
    "ex": "https://example.org/fx/",
    "aikg": "https://w3id.org/aikg/ont#",
    "aikgsh": "https://w3id.org/aikg/shapes#",
    "sh": str(SH),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
}


def _iri(short: str):
    if short == "-":
        return None
    prefix, local = short.split(":", 1)
    return ox.NamedNode(NS[prefix] + local)


def expectations(path: Path) -> set:
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^# expect: (\S+) (\S+) (\S+) (\S+)$", line)
        if m:
            found.add(tuple(_iri(x) for x in m.groups()))
    return found


@pytest.fixture(scope="module")
def base(ontology_graph):
    return extended(ontology_graph, SHAPES_DIR / "valid" / "base.ttl")


def with_base(base, fixture) -> Graph:
    graph = Graph()
    for triple in base:
        graph.add(triple)
    return graph.parse(fixture)


def validate_with_base(base, fixture, shapes_graph):
    return validate_graph(with_base(base, fixture), shapes_graph, inference="none")


def _keys(outcome) -> set:
    return {(f.focus, f.shape, f.path if isinstance(f.path, ox.NamedNode) else None, f.component, f.value, f.message)
            for f in outcome.findings}


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_shipped_data_conforms(bundled_graph, shapes_graph, inference):

    outcome = validate_graph(bundled_graph, shapes_graph, inference=inference)
    problems = [(str(f.focus), str(f.shape), f.message) for f in outcome.findings]
    assert outcome.conforms, problems


@pytest.mark.parametrize("fixture", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_conforms(base, fixture, shapes_graph):
    outcome = validate_with_base(base, fixture, shapes_graph)
    assert outcome.conforms, [(str(f.focus), str(f.shape), f.message) for f in outcome.findings]


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_fails_for_the_stated_reason(base, fixture, shapes_graph):
    expected = expectations(fixture)
    assert expected, f"{fixture.name} states no '# expect:' lines"
    outcome = validate_with_base(base, fixture, shapes_graph)
    assert not outcome.conforms
    got = {
        (f.focus, f.shape, f.path if isinstance(f.path, ox.NamedNode) else None, f.component)
        for f in outcome.findings
    }
    assert got == expected
    assert all(f.message for f in outcome.findings), "every result must carry the constraint's sh:message"


@pytest.mark.parametrize("fixture", VALID + INVALID, ids=[f"{p.parent.name}-{p.stem}" for p in VALID + INVALID])
def test_default_engine_agrees_with_the_reference(base, fixture, shapes_graph, shapes_store):
    graph = with_base(base, fixture)
    reference = validate_graph(graph, shapes_graph, inference="none")
    default = validate_store(oxigraph_store(graph), shapes_store)
    assert (default.conforms, _keys(default)) == (reference.conforms, _keys(reference))


def test_default_engine_agrees_on_the_bundled_graph(bundled_graph, shapes_graph, shapes_store):
    reference = validate_graph(bundled_graph, shapes_graph, inference="none")
    default = validate_store(oxigraph_store(bundled_graph), shapes_store)
    assert (default.conforms, _keys(default)) == (reference.conforms, _keys(reference))


def test_every_shape_is_exercised_by_an_invalid_fixture(shapes_graph):
    """Each node shape (itself or through a property shape) is the source of some expected result."""
    exercised = {shape.value for fixture in INVALID for _focus, shape, _path, _component in expectations(fixture)}
    # a node shape counts as exercised when it, or one of its property shapes, is
    untested = sorted(
        str(node)
        for node in shapes_graph.subjects(RDF.type, SH.NodeShape)
        if str(node) not in exercised and not any(str(p) in exercised for p in shapes_graph.objects(node, SH.property))
    )
    assert untested == []


def test_every_constraint_has_a_message(shapes_graph):
    lacking = []
    for shape in set(shapes_graph.subjects(RDF.type, SH.PropertyShape)) | set(shapes_graph.subjects(RDF.type, SH.SPARQLConstraint)):
        if shapes_graph.value(shape, SH.message) is None:
            lacking.append(str(shape))
    for node in shapes_graph.subjects(RDF.type, SH.NodeShape):
        if shapes_graph.value(node, SH["or"]) is not None and shapes_graph.value(node, SH.message) is None:
            lacking.append(str(node))
    assert sorted(lacking) == []
