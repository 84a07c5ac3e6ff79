"""The store client against a local server that requires Basic auth and counts what it receives.

No store binary needed: tests/stores/fake_store.py is a threading http.server
on 127.0.0.1. Each batch must travel once, authenticated, on one kept-alive
connection; slow, redirecting, oversized and strange answers end in exit 4.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from stores.fake_store import PASSWORD, USER, FakeStore

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MODELS = FIXTURES / "stores" / "models.ttl"
GRAPH = "https://w3id.org/aikg/graph/models"


@pytest.fixture
def store(monkeypatch):
    monkeypatch.setenv("AIKG_STORE_USER", USER)
    monkeypatch.setenv("AIKG_STORE_PASSWORD", PASSWORD)
    fake = FakeStore().start()
    yield fake
    fake.stop()


def test_basic_auth_load_sends_each_batch_once_on_one_connection(run, store):
    from aikg.api import plan_load
    from aikg.stores.load import batches as split

    triples = plan_load([MODELS], include_shapes=False, bundled="none").graphs[0].triples
    total, batch = len(triples), max(len(triples) // 5, 1)
    batches = len(split(triples, batch))
    assert batches > 3
    result = run("load", "-i", MODELS, "--with", "none", "--no-shapes", "--endpoint", store.url, "--batch-size", batch)
    assert result.exit_code == 0, result.output
    uploads = store.sent("PUT", "POST")
    uploads = [r for r in uploads if r.path == "/store"]
    assert len(uploads) == batches  # urllib sent each twice: once unauthenticated, once after the 401
    assert all(r.authorized for r in store.requests)  # credentials go with the first request
    assert store.connections == 1  # keep-alive: batches and the count share one connection
    assert store.graphs[GRAPH] == total


def test_redirect_is_reported_not_followed(run, store):
    elsewhere = FakeStore().start()
    try:
        store.redirect = elsewhere.url + "query"
        result = run("query", "--endpoint", store.url, "--graph", GRAPH, "-e", "SELECT * { ?s ?p ?o }")
        assert result.exit_code == 4, result.output
        assert "redirects to " + elsewhere.url in result.stderr and "not followed" in result.stderr
        assert elsewhere.requests == []  # a POST query never became a GET to another server
    finally:
        elsewhere.stop()


def test_store_trickling_bytes_is_given_up(run, store):
    """--request-timeout bounds the whole request, not each read: 1 byte a second cannot hold it open."""
    store.drip = True
    store.answer = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode()
    started = time.monotonic()
    result = run("query", "--endpoint", store.url, "--graph", GRAPH, "--request-timeout", "1", "--retries", "0",
                 "-e", "SELECT * { ?s ?p ?o }")
    assert result.exit_code == 4, result.output
    assert "no complete answer within 1 s" in result.stderr
    assert time.monotonic() - started < len(store.answer) / 2  # nowhere near the answer's trickle time


def test_load_timeout_bounds_the_whole_command(run, store):
    store.drip = True  # every answer, the PUT's empty one included, takes its time
    store.answer = b"x" * 100
    result = run("load", "-i", MODELS, "--no-shapes", "--endpoint", store.url, "--append", "--timeout", "1.5")
    assert result.exit_code == 4, result.output
    assert "--timeout" in result.stderr


def test_answer_larger_than_the_limit_is_refused(run, store, monkeypatch):
    monkeypatch.setenv("AIKG_MAX_ANSWER", "1K")
    rows = [{"s": {"type": "uri", "value": f"http://example.org/{i}"}} for i in range(200)]
    store.answer = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": rows}}).encode()
    result = run("query", "--endpoint", store.url, "--graph", GRAPH, "-e", "SELECT * { ?s ?p ?o }")
    assert result.exit_code == 4, result.output
    assert "larger than 1,024 bytes (AIKG_MAX_ANSWER)" in result.stderr


def test_deeply_nested_json_answer_is_exit_4(run, store):
    store.answer = b"[" * 200_000 + b"]" * 200_000
    result = run("query", "--endpoint", store.url, "--graph", GRAPH, "-e", "SELECT * { ?s ?p ?o }")
    assert result.exit_code == 4, result.output
    assert "nested more than" in result.stderr


@pytest.mark.parametrize("answer", [b"<html>hello</html>", b'{"results": 3}', b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": 1}]}}'])
def test_answer_that_is_not_sparql_results_is_exit_4(run, store, answer):
    store.answer = answer
    result = run("query", "--endpoint", store.url, "--graph", GRAPH, "-e", "SELECT * { ?s ?p ?o }")
    assert result.exit_code == 4, result.output
    assert "not SPARQL JSON results" in result.stderr


@pytest.mark.parametrize("cell", [{"type": "uri", "value": "http://example.org/a b"},
                                  {"type": "literal", "value": "x", "xml:lang": "not a tag"}])
def test_a_term_that_is_not_rdf_is_exit_4_naming_it(run, store, cell):
    store.answer = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [{"s": cell}]}}).encode()
    result = run("query", "--endpoint", store.url, "--graph", GRAPH, "-e", "SELECT * { ?s ?p ?o }")
    assert result.exit_code == 4, result.output
    assert "holds a term that is not valid RDF" in result.stderr and repr(cell["value"]) in result.stderr


def test_a_blank_node_label_pyoxigraph_refuses_is_kept_apart_from_others():
    from aikg.stores.http import parse_results_json

    cells = [{"type": "bnode", "value": v} for v in ("nodeID://b1", "nodeID://b1", "nodeID://b2", "b3")]
    body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [{"s": c} for c in cells]}}).encode()
    first, again, other, plain = (row[0] for row in parse_results_json(body, "SELECT", "http://store").rows)
    assert first == again != other and plain.value == "b3"


@pytest.mark.parametrize("text, code, message", [
    ("SELECT * { ?s ?p }", 3, "SPARQL syntax error"),
    ("SELECT * { ?s ?p ?o BIND(1 AS ?o) }", 3, "SPARQL syntax error"),  # rdflib's parser alone would send it
    ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", 3, "SPARQL Update"),
])
def test_a_query_the_local_engine_refuses_is_never_sent(run, store, text, code, message):
    result = run("query", "--endpoint", store.url, "--graph", GRAPH, "-e", text)
    assert result.exit_code == code, result.output
    assert message in result.stderr and "Traceback" not in result.stderr
    assert store.requests == []


def test_graph_names_that_are_not_iris_are_never_sent_back(run, store):
    rows = [{"g": {"type": "literal", "value": f"https://w3id.org/aikg/graph/x{i}> }} DROP ALL"}} for i in range(1000)]
    store.answer = json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": rows}}).encode()
    result = run("query", "--endpoint", store.url, "-e", "SELECT * { ?s ?p ?o }")
    assert result.exit_code == 4, result.output
    assert "holds no aikg graphs" in result.stderr
    assert len(store.requests) == 1  # the listing only; nothing built from its rows


def test_retry_after_is_honoured(run, store):
    store.busy = 1
    result = run("query", "--endpoint", store.url, "--graph", GRAPH, "-e", "SELECT (COUNT(*) AS ?n) { GRAPH <x:g> { ?s ?p ?o } }")
    assert result.exit_code == 0, result.output
    first, second = store.requests
    assert second.at - first.at >= 0.9  # the store asked for one second


@pytest.mark.parametrize("graph", ["not an iri", "relative/path", "http://e/g> } ; DROP ALL ; #"])
def test_graph_option_must_be_an_iri(run, store, graph):
    for command in (["query", "-e", "SELECT * { ?s ?p ?o }"], ["validate"], ["load", "-i", MODELS, "--no-shapes"]):
        result = run(*command, "--endpoint", store.url, "--graph", graph)
        assert result.exit_code == 2, result.output
        assert "is not an absolute IRI" in result.stderr
    assert store.requests == []
