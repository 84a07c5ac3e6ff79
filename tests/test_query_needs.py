"""The catalogue says what a query needs (# infer:), aikg query applies it, and -p takes labels."""

from __future__ import annotations

import csv
import io
import json

from helpers import assert_exit


def _rows(result) -> list[dict]:
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_a_query_that_needs_reasoning_is_reasoned_over(run):
    result = run("query", "model-ancestors", "-p", "model=aikgd:avocado", "-f", "csv")
    assert_exit(result, 0)
    assert {r["ancestor"].rsplit("/", 1)[1] for r in _rows(result)} == {
        "gemma-unspecified-version", "gpt-oss-unspecified-version", "qwen-unspecified-version"}


def test_the_catalogue_shows_what_a_query_needs(run):
    listing = run("queries").stdout
    block = listing.split("model-ancestors", 1)[1].split("\n", 3)
    assert "--infer owlrl" in "\n".join(block[:3])
    entries = {q["name"]: q for q in json.loads(run("queries", "-f", "json").stdout)}
    assert entries["model-ancestors"]["infer"] == "owlrl"
    assert entries["closed-models-distilled-from-open"]["infer"] is None
    assert 'model-ancestors,Ancestors of a model,"model (iri, optional)",owlrl,false' in run("queries", "-f", "csv").stdout


def test_a_bad_infer_header_is_bad_input(run, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("# title: t\n# infer: hermit\nSELECT * WHERE { ?s ?p ?o }\n")
    assert_exit(run("query", query), 3, "q.rq:2", "'# infer:'")


def test_parameters_take_labels(run):
    by_label = run("query", "model-ancestors", "-p", "model=Avocado (codename)", "-f", "csv")
    by_name = run("query", "model-ancestors", "-p", "model=avocado", "-f", "csv")
    by_iri = run("query", "model-ancestors", "-p", "model=aikgd:avocado", "-f", "csv")
    assert_exit(by_label, 0)
    assert by_label.stdout == by_name.stdout == by_iri.stdout and len(_rows(by_label)) == 3


def test_an_ambiguous_label_asks_for_the_iri(run, tmp_path):
    data = tmp_path / "twins.ttl"
    data.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<http://e/a> rdfs:label "Twin" . <http://e/b> rdfs:label "Twin" .\n')
    assert_exit(run("query", "model-ancestors", "-i", data, "-p", "model=Twin"), 2, "names 2 things", "<http://e/a>")


def test_labels_name_iris_of_a_store_named_graphs_included(tmp_path):
    """Label parameters, aikg diagram and obligations look names up in the store the query reads:
    by any label property, case and spacing ignored, in any graph; a blank node is never named."""
    from aikg.rdf.graphs import load_store
    from aikg.rdf.labels import iris_labelled

    data = tmp_path / "labels.trig"
    data.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                    '<http://e/a> rdfs:label "Twin" . <http://e/b> skos:prefLabel "twin" .\n'
                    '<http://e/g> { <http://e/c/Named-Model> rdfs:label "In  a Graph"@en . _:x rdfs:label "blank" . }\n')
    store = load_store([data])
    assert iris_labelled(store, "Twin") == ["http://e/a", "http://e/b"]
    assert iris_labelled(store, "in a graph") == ["http://e/c/Named-Model"]
    assert iris_labelled(store, "named-model") == ["http://e/c/Named-Model"]
    assert iris_labelled(store, "blank") == iris_labelled(store, "nothing") == []


def test_label_parameters_resolve_in_the_library(tmp_path):
    """sparql.params.labels_to_iris: a label of an IRI parameter becomes the IRI; an IRI, a prefixed
    name, an unknown label and a query without a catalogue header are left as given."""
    from aikg.rdf.sources import resolve_inputs
    from aikg.sparql.params import labels_to_iris

    data = tmp_path / "one.ttl"
    data.write_text('<http://e/a> <http://www.w3.org/2000/01/rdf-schema#label> "Solo" .\n')
    inputs = resolve_inputs([str(data)], None, user=1)
    assert labels_to_iris("model-ancestors", {"model": "Solo"}, inputs) == {"model": "<http://e/a>"}
    for value in ("ex:solo", "<http://e/solo>", "Nobody"):
        assert labels_to_iris("model-ancestors", {"model": value}, inputs) == {"model": value}
    assert labels_to_iris(None, {"model": "Solo"}, inputs) == {"model": "Solo"}


def test_result_labels_label_the_iris_a_select_binds(tmp_path):
    import pyoxigraph as ox
    from aikg.sparql.results import QueryResult, result_labels

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("A")))
    rows = [(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/unlabelled"))]
    assert result_labels(store, QueryResult("SELECT", ["x", "y"], rows)) == {"http://e/a": "A"}
    assert result_labels(store, QueryResult("ASK", boolean=True)) == {}
