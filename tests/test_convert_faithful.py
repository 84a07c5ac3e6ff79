"""convert keeps what the user wrote: their prefixes and base, and JSON-LD with a @context that round-trips."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from helpers import assert_exit

from aikg.namespaces import AIKG_PREFIXES, CORE_PREFIXES

MINE = """@base <http://example.org/base/> .
@prefix ex: <http://example.org/> .
ex:a ex:p ex:b ; ex:q "x"@en, 3 .
<rel> a ex:Thing .
[] ex:r ex:a .
"""


@pytest.fixture
def mine(tmp_path):
    path = tmp_path / "mine.ttl"
    path.write_text(MINE)
    return path


def _graph(data: bytes, fmt) -> ox.Dataset:
    return ox.Dataset(ox.parse(data, format=fmt))


def _same(a: ox.Dataset, b: ox.Dataset) -> bool:
    a.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    b.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(a) == set(b)


def test_turtle_keeps_the_inputs_prefixes_and_adds_none(run, mine):
    result = run("convert", "-i", mine, "--to", "turtle")
    assert_exit(result, 0)
    declared = [line for line in result.stdout.splitlines() if line.startswith("@prefix")]
    assert len(declared) == 1 and declared[0].startswith("@prefix ex:")
    assert "@base <http://example.org/base/>" in result.stdout
    assert "aikg" not in result.stdout
    assert _same(_graph(result.stdout.encode(), ox.RdfFormat.TURTLE), _graph(MINE.encode(), ox.RdfFormat.TURTLE))


def test_jsonld_has_a_context_and_round_trips(run, mine):
    result = run("convert", "-i", mine, "-f", "jsonld")
    assert_exit(result, 0)
    doc = json.loads(result.stdout)
    assert doc["@context"]["ex"] == "http://example.org/"
    assert "aikg" not in doc["@context"]  # only the prefixes it uses
    assert any(node.get("@id") == "ex:a" for node in doc["@graph"])
    back = _graph(result.stdout.encode(), ox.RdfFormat.JSON_LD)
    assert _same(back, _graph(MINE.encode(), ox.RdfFormat.TURTLE))


def test_jsonld_expanded_on_request(run, mine):
    doc = json.loads(run("convert", "-i", mine, "-f", "jsonld", "--expanded").stdout)
    assert isinstance(doc, list) and "@context" not in json.dumps(doc)
    assert _same(_graph(json.dumps(doc).encode(), ox.RdfFormat.JSON_LD), _graph(MINE.encode(), ox.RdfFormat.TURTLE))


def test_bundled_graph_compacts_with_aikgs_published_context(run, tmp_path):
    from aikg.rdf.jsonld import published_context

    assert published_context() == {**AIKG_PREFIXES, **CORE_PREFIXES}  # the shipped file says what aikg uses
    out = tmp_path / "all.jsonld"
    assert run("convert", "-o", out).exit_code == 0
    doc = json.loads(out.read_text())
    from aikg.rdf.graphs import document_prefixes

    assert set(doc["@context"]) <= set(published_context()) | set(document_prefixes()) and "aikg" in doc["@context"]
    # a user's document may name the published context as its own
    user = {"@context": published_context(), "@id": "aikgd:mine", "@type": "aikg:Model"}
    quads = list(ox.parse(json.dumps(user).encode(), format=ox.RdfFormat.JSON_LD))
    assert str(quads[0].object) == "<https://w3id.org/aikg/ont#Model>"


def test_query_construct_jsonld_uses_the_same_writer(run):
    result = run("query", "-e", "PREFIX aikg: <https://w3id.org/aikg/ont#> CONSTRUCT { ?m a aikg:Model } WHERE { ?m a aikg:Model }",
                 "-f", "jsonld")
    assert_exit(result, 0)
    doc = json.loads(result.stdout)
    assert set(doc["@context"]) <= set(AIKG_PREFIXES) | set(CORE_PREFIXES)  # no rdflib extras (brick, sosa…)
    assert doc["@graph"]
