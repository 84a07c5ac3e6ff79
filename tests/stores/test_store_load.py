"""aikg load, query and validate against real Oxigraph and Virtuoso servers."""

from __future__ import annotations

import json

import pytest

from helpers import FIXTURES, assert_exit

STORES = FIXTURES / "stores"
MODELS, EXTRA, ROUNDTRIP = STORES / "models.ttl", STORES / "models-extra.ttl", STORES / "roundtrip.ttl"
GRAPH = "https://w3id.org/aikg/graph/"

pytestmark = pytest.mark.store


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request):
    """Each test runs against both stores (Virtuoso with its SPARQL user's credentials)."""
    if request.param == "virtuoso":
        return request.getfixturevalue("as_virtuoso_user")
    return request.getfixturevalue("oxigraph")


def store_for(server):
    from aikg.stores.http import connect

    return connect(server.url, server.name)


def load(run, server, *args):
    """aikg load of the fixture files alone (--with none: these tests count their graphs and triples)."""
    return run("load", "--endpoint", server.url, "--store", server.name, "--with", "none", *args)


def test_load_then_dump_is_isomorphic(run, server):
    from rdflib.compare import isomorphic

    from aikg.rdf.rdflib_bridge import load_graph, rdflib_graph

    result = load(run, server, "-i", ROUNDTRIP)
    assert_exit(result, 0)
    assert f"{GRAPH}roundtrip" in result.stdout and "1 of 1 graph(s) complete" in result.stdout
    assert isomorphic(rdflib_graph(store_for(server).get_graph(GRAPH + "roundtrip")), load_graph([ROUNDTRIP]))


def test_replace_and_append(run, server):
    target = "urn:aikg:test:append"
    store = store_for(server)
    assert_exit(load(run, server, "-i", MODELS, "--graph", target), 0)
    models = store.count(target)
    assert_exit(load(run, server, "-i", EXTRA, "--graph", target, "--append"), 0)
    assert store.count(target) == models + 4  # models-extra.ttl holds 4 triples
    assert_exit(load(run, server, "-i", EXTRA, "--graph", target), 0)  # replaces
    assert store.count(target) == 4


def test_one_graph_per_file_and_json_report(run, server):
    result = load(run, server, "-i", MODELS, "-i", EXTRA, "-f", "json")
    assert_exit(result, 0)
    report = json.loads(result.stdout)
    assert report["ok"] and report["method"] == "gsp"
    assert [(g["iri"], g["state"]) for g in report["graphs"]] == [
        (GRAPH + "models", "complete"), (GRAPH + "models-extra", "complete")
    ]
    assert report["graphs"][1]["sent"] == report["graphs"][1]["in_store"] == 4


def test_update_method_loads_blank_nodes(run, server):
    from rdflib.compare import isomorphic

    from aikg.rdf.rdflib_bridge import load_graph, rdflib_graph

    result = load(run, server, "-i", ROUNDTRIP, "--method", "update", "--graph", "urn:aikg:test:update")
    assert_exit(result, 0)
    assert isomorphic(rdflib_graph(store_for(server).get_graph("urn:aikg:test:update")), load_graph([ROUNDTRIP]))


def test_batches_keep_blank_nodes_together(run, server):
    from rdflib.compare import isomorphic

    from aikg.rdf.rdflib_bridge import load_graph, rdflib_graph

    result = load(run, server, "-i", ROUNDTRIP, "--batch-size", "2", "--graph", "urn:aikg:test:batches")
    assert_exit(result, 0)
    assert isomorphic(rdflib_graph(store_for(server).get_graph("urn:aikg:test:batches")), load_graph([ROUNDTRIP]))


def test_dry_run_prints_the_plan_and_sends_nothing(run, server):
    result = load(run, server, "-i", MODELS, "--graph", "urn:aikg:test:dry", "--dry-run")
    assert_exit(result, 0)
    assert "<urn:aikg:test:dry>" in result.stdout and "nothing sent (--dry-run)" in result.stdout
    assert store_for(server).count("urn:aikg:test:dry") == 0


def test_query_endpoint_with_parameter_and_ask(run, server):
    assert_exit(load(run, server, "-i", MODELS, "-i", EXTRA), 0)
    query = STORES / "queries" / "open-ancestors.rq"
    graphs = ("--graph", GRAPH + "models", "--graph", GRAPH + "models-extra")
    result = run("query", "--endpoint", server.url, "--store", server.name, *graphs, query, "-p", "model=<http://example.org/d>", "-f", "csv")
    assert_exit(result, 0)
    assert sorted(result.stdout.splitlines()[1:]) == [
        "http://example.org/d,http://example.org/a,false",
        "http://example.org/d,http://example.org/b,true",
        "http://example.org/d,http://example.org/c,true",
    ]
    ask = ("query", "--endpoint", server.url, "--store", server.name, *graphs, "-e")
    assert_exit(run(*ask, "ASK { ?m <http://example.org/openWeights> true }"), 0)
    assert_exit(run(*ask, "ASK { ?m <http://example.org/openWeights> 42 }"), 1)


def test_validate_endpoint_reads_the_stores_graphs(run, server):
    assert_exit(load(run, server, "-i", MODELS, "-i", EXTRA), 0)
    shapes = FIXTURES / "cli" / "shapes.ttl"
    graphs = ("--graph", GRAPH + "models", "--graph", GRAPH + "models-extra")
    result = run("validate", "--endpoint", server.url, "--store", server.name, *graphs, "-s", shapes)
    assert_exit(result, 0)
    assert "Conforms" in result.stdout


def test_load_into_local_directory_replaces_graphs(run, tmp_path):
    import pyoxigraph as ox

    db = tmp_path / "db"
    for _ in range(2):  # the second load replaces, it does not double
        result = run("load", "--db", db, "--with", "none", "-i", MODELS, "-i", EXTRA)
        assert_exit(result, 0)
    store = ox.Store(str(db))
    assert sorted(g.value for g in store.named_graphs()) == [GRAPH + "models", GRAPH + "models-extra"]
    assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH + "models-extra")))) == 4


# ------------------------------------------------------------------ failures


def test_wrong_password_fails_every_graph_with_exit_4(run, virtuoso, monkeypatch):
    monkeypatch.setenv("AIKG_STORE_USER", virtuoso.user)
    monkeypatch.setenv("AIKG_STORE_PASSWORD", "not-the-password")
    result = run("load", "--endpoint", virtuoso.url, "--store", "virtuoso", "--with", "none", "-i", MODELS, "-i", EXTRA)
    assert_exit(result, 4)
    assert "0 of 2 graph(s) complete, 0 of 25 triples" in result.stdout
    assert result.stdout.count("failed: PUT") == 2 and "HTTP 401" in result.stdout
    assert "not-the-password" not in result.output
    assert "2 of 2 graph(s) did not load completely" in result.stderr


def test_unreachable_port_fails_every_graph_with_exit_4(run):
    from stores.conftest import free_port

    url = f"http://127.0.0.1:{free_port()}"
    result = run("load", "--endpoint", url, "--retries", "1", "--with", "none", "-i", MODELS, "-i", EXTRA)
    assert_exit(result, 4)
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:3]] == [GRAPH + "models", GRAPH + "models-extra"]
    assert all("failed: PUT" in line and "cannot reach the store" in line for line in lines[1:3])
    assert_exit(run("query", "--endpoint", url, "--retries", "0", "-e", "ASK {}"), 4)


def test_store_killed_mid_load_reports_each_graph(fresh_oxigraph):
    from aikg.stores.http import connect
    from aikg.stores.load import load_to_store, plan_load

    plan = plan_load([MODELS, EXTRA, ROUNDTRIP], include_shapes=False)
    batches_sent = []

    def kill_after_second_graph_is_sent(count):
        batches_sent.append(count)
        if len(batches_sent) == 2:
            fresh_oxigraph.stop()

    report = load_to_store(plan, connect(fresh_oxigraph.url, retries=0), progress=kill_after_second_graph_is_sent)
    assert not report.ok
    assert [(g.iri.rsplit("/", 1)[1], g.state) for g in report.graphs] == [
        ("models", "complete"), ("models-extra", "failed"), ("roundtrip", "failed")
    ]
    assert report.graphs[1].error.startswith("sent, but cannot count")
    assert "cannot reach the store" in report.graphs[2].error


def test_refused_graph_leaves_the_others_complete(oxigraph):
    from aikg.stores.http import connect
    from aikg.stores.load import LoadPlan, PlannedGraph, load_to_store, plan_load

    good = plan_load([EXTRA], include_shapes=False).graphs[0]
    # plan_load refuses such a --graph itself (exit 2); planned by hand, the store's refusal is seen.
    triples = plan_load([MODELS], include_shapes=False).graphs[0].triples
    refused = PlannedGraph("urn:aikg:not an iri", ("models.ttl",), triples)
    report = load_to_store(LoadPlan([refused, good]), connect(oxigraph.url, retries=0))
    assert [g.state for g in report.graphs] == ["failed", "complete"]
    assert "HTTP 400" in report.graphs[0].error


def test_truncated_answer_is_an_error_not_a_short_result(run, as_virtuoso_user, tmp_path):
    from stores.conftest import VIRTUOSO_MAX_ROWS

    # 250 subjects squared is more rows than the server's ResultSetMaxRows.
    assert 250 * 250 > VIRTUOSO_MAX_ROWS
    big = tmp_path / "big.nt"
    big.write_text("".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .\n' for i in range(250)))
    store = ("--endpoint", as_virtuoso_user.url, "--store", "virtuoso", "--graph", "urn:aikg:test:big")
    assert_exit(run("load", *store, "--with", "none", "-i", big), 0)
    result = run("query", *store, "-e", "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?p ?y }")
    assert_exit(result, 4)
    assert f"limit of {VIRTUOSO_MAX_ROWS} rows (X-SPARQL-MaxRows)" in result.stderr
    assert result.stdout == ""


def test_credentials_never_go_over_plain_http_to_another_host(run, monkeypatch):
    monkeypatch.setenv("AIKG_STORE_USER", "someone")
    monkeypatch.setenv("AIKG_STORE_PASSWORD", "secret-value")
    result = run("query", "--endpoint", "http://store.example.org:8890", "--store", "virtuoso", "-e", "ASK {}")
    assert_exit(result, 2)
    assert "refusing to send credentials" in result.stderr and "secret-value" not in result.output


def test_endpoint_and_input_are_exclusive(run, oxigraph):
    result = run("query", "--endpoint", oxigraph.url, "-i", MODELS, "-e", "ASK {}")
    assert_exit(result, 2)
    assert_exit(run("load", "-i", MODELS), 2)  # no target


def test_virtuoso_digest_challenge_is_answered_once_then_reused(as_virtuoso_user):
    """One 401 for the whole load: later requests carry Digest credentials from the first challenge."""
    from aikg.stores.http import connect
    from aikg.stores.load import load_to_store, plan_load

    store = connect(as_virtuoso_user.url, "virtuoso")
    statuses = []
    store.transport._client.event_hooks["response"].append(lambda response: statuses.append(response.status_code))
    plan = plan_load([MODELS], include_shapes=False, graph="urn:aikg:test:digest")
    report = load_to_store(plan, store, batch_size=5)
    assert report.ok, report.graphs
    assert len(statuses) > 5 and statuses.count(401) == 1


def test_the_inferred_graph_holds_what_the_closure_adds_and_no_blank_node(tmp_path):
    """--infer plans the closure's new triples as their own graph: an entailment is there, asserted
    triples are not, and triples about blank nodes (which cannot cross graphs) are counted, not sent."""
    import pyoxigraph as ox

    from aikg import api
    from aikg.stores.load import INFERRED_GRAPH

    data = tmp_path / "small.ttl"
    data.write_text("@prefix ex: <http://example.org/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    "ex:Model rdfs:subClassOf ex:Artifact .\nex:m a ex:Model .\n[] a ex:Model .\n")
    plan = api.plan_load([str(data)], include_shapes=False, infer="rdfs", bundled="none")
    [inferred] = [g for g in plan.graphs if g.iri == INFERRED_GRAPH]
    ex = "http://example.org/"
    entailed = ox.Triple(ox.NamedNode(ex + "m"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         ox.NamedNode(ex + "Artifact"))
    assert entailed in inferred.triples
    asserted = {t for g in plan.graphs if g.iri != INFERRED_GRAPH for t in g.triples}
    assert not asserted & set(inferred.triples)
    assert plan.inferred_blank_skipped >= 1 and not any(isinstance(t.subject, ox.BlankNode) for t in inferred.triples)
