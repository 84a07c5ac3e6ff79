"""`aikg query` answers as SPARQL 1.1 says, on data aikg did not write (issue 12's regressions).

Each case once went wrong on rdflib's engine or in the result round trip:
FILTER on a constant, GRAPH over named graphs, relative IRIs, all-unbound
solutions, literal lexical forms, SELECT * column order, and queries rdflib
crashed on.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import MINI

EX = "http://example.org/"

TWO_GRAPHS = f"""@prefix ex: <{EX}> .
ex:d ex:p "in the default graph" .
ex:g1 {{ ex:a ex:p "one" . }}
ex:g2 {{ ex:b ex:p "two" . }}
"""


@pytest.fixture
def run(run):
    """The CLI, reading only the -i files given (no bundled model beside them)."""
    def invoke(*args, **kwargs):
        if args and args[0] == "query" and "-i" in args:
            args = ("query", "--with", "none", *args[1:])
        return run(*args, **kwargs)

    return invoke


@pytest.fixture
def trig(tmp_path):
    path = tmp_path / "two.trig"
    path.write_text(TWO_GRAPHS)
    return path


def csv_rows(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.mark.parametrize("text", ["ASK { ?s ?p ?o FILTER(false) }", "ASK { ?s ?p ?o FILTER(0) }", 'ASK { ?s ?p ?o FILTER("") }'])
def test_filter_on_a_false_constant_keeps_nothing(run, text):
    result = run("query", "-i", MINI, "-e", text)
    assert (result.exit_code, result.stdout) == (1, "false\n")


def test_count_under_filter_false_is_zero(run):
    result = run("query", "-i", MINI, "-e", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER(false) }", "-f", "csv")
    assert csv_rows(result) == ["n", "0"]


def test_graph_lists_each_named_graph(run, trig):
    result = run("query", "-i", trig, "-e", "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", "-f", "csv")
    assert csv_rows(result) == ["g,n", f"{EX}g1,1", f"{EX}g2,1"]


def test_default_graph_holds_no_named_graph_unless_union(run, trig):
    query = ("-e", "SELECT ?o { ?s ?p ?o } ORDER BY ?o", "-f", "csv")
    assert csv_rows(run("query", "-i", trig, *query)) == ["o", "in the default graph"]
    union = csv_rows(run("query", "-i", trig, "--union-default-graph", *query))
    assert union == ["o", "in the default graph", "one", "two"]


def test_triples_files_form_the_default_graph_beside_named_graphs(run, trig):
    result = run("query", "-i", trig, "-i", MINI, "-e", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "-f", "csv")
    mini = csv_rows(run("query", "-i", MINI, "-e", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "-f", "csv"))
    assert csv_rows(result) == ["n", str(int(mini[1]) + 1)]


def test_from_picks_an_input_graph_by_name(run, trig):
    result = run("query", "-i", trig, "-e", f"SELECT ?o FROM <{EX}g2> {{ ?s ?p ?o }}", "-f", "csv")
    assert csv_rows(result) == ["o", "two"]
    named = run("query", "-i", trig, "-e", f"SELECT ?g ?o FROM NAMED <{EX}g1> {{ GRAPH ?g {{ ?s ?p ?o }} }}", "-f", "csv")
    assert csv_rows(named) == ["g,o", f"{EX}g1,one"]


def test_from_never_fetches(run, trig):
    result = run("query", "-i", trig, "-e", "SELECT ?o FROM <http://127.0.0.1:9/data.ttl> { ?s ?p ?o }", "-f", "csv")
    assert csv_rows(result) == ["o"]  # no such input graph: empty, nothing fetched


def test_db_reads_the_union_of_its_graphs(tmp_path, trig):
    from aikg import api

    api.load(api.plan_load([trig], include_shapes=False, bundled="none"), db=str(tmp_path / "db"))
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    assert api.query(text=count, db=str(tmp_path / "db")).result.rows[0][0].value == "3"
    alone = api.query(text=count, db=str(tmp_path / "db"), union_default_graph=False)
    assert alone.result.rows[0][0].value == "0"  # every loaded triple sits in a named graph


def test_relative_iris_resolve_against_the_query_file(run, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?x { BIND(<models/a> AS ?x) }")
    assert csv_rows(run("query", "-i", MINI, query, "-f", "csv")) == ["x", (tmp_path / "models" / "a").as_uri()]


def test_base_option_resolves_inline_relative_iris(run):
    result = run("query", "-i", MINI, "--base", EX, "-e", "SELECT ?l { <a> <http://www.w3.org/2000/01/rdf-schema#label> ?l }", "-f", "csv")
    assert csv_rows(result) == ["l", "A"]


def test_an_aggregate_over_no_rows_is_one_unbound_row(run):
    result = run("query", "-i", MINI, "-e", "SELECT (MAX(?o) AS ?m) { ?s <urn:none> ?o }", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"] == [{}]
    assert csv_rows(run("query", "-i", MINI, "-e", "SELECT ?x {}", "-f", "csv")) == ["x", ""]


@pytest.mark.parametrize(
    ("literal", "tsv"),
    [
        ('"2006-08-24Z"^^xsd:date', '"2006-08-24Z"^^<http://www.w3.org/2001/XMLSchema#date>'),
        ('"PT0S"^^xsd:duration', '"PT0S"^^<http://www.w3.org/2001/XMLSchema#duration>'),
        ('"chat"@fr', '"chat"@fr'),
    ],
)
def test_literals_come_out_as_the_engine_gave_them(run, tmp_path, literal, tsv):
    data = tmp_path / "d.ttl"
    data.write_text(f"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . <{EX}s> <{EX}p> {literal} .\n")
    assert csv_rows(run("query", "-i", data, "-e", "SELECT ?o { ?s ?p ?o }", "-f", "tsv")) == ["?o", tsv]


def test_numbers_come_out_as_pyoxigraph_stores_them(run, tmp_path):
    """pyoxigraph's store keeps numbers as values ("1.0E1"^^xsd:double reads back as "10"):
    aikg shows exactly what the bare engine returns, and changes nothing more."""
    import pyoxigraph as ox

    data = tmp_path / "d.ttl"
    data.write_text(f'<{EX}s> <{EX}p> "1.0E1"^^<http://www.w3.org/2001/XMLSchema#double>, 007 .\n')
    store = ox.Store()
    store.load(path=str(data), format=ox.RdfFormat.TURTLE)
    bare = sorted(str(s["o"]) for s in store.query("SELECT ?o { ?s ?p ?o }"))
    assert sorted(csv_rows(run("query", "-i", data, "-e", "SELECT ?o { ?s ?p ?o }", "-f", "tsv"))[1:]) == bare


def test_a_timezone_survives_every_format(run, tmp_path):
    data = tmp_path / "d.ttl"
    data.write_text(f'<{EX}s> <{EX}p> "2006-08-24Z"^^<http://www.w3.org/2001/XMLSchema#date> .\n')
    args = ("query", "-i", data, "-e", "SELECT ?o { ?s ?p ?o }")
    assert csv_rows(run(*args, "-f", "csv")) == ["o", "2006-08-24Z"]
    assert json.loads(run(*args, "-f", "json").stdout)["results"]["bindings"][0]["o"]["value"] == "2006-08-24Z"
    assert ">2006-08-24Z</literal>" in run(*args, "-f", "xml").stdout
    assert "2006-08-24Z" in run(*args, "-f", "table").stdout


def test_select_star_columns_follow_the_query_in_every_run():
    text = "SELECT * { ?zebra ?apple ?mango }"
    outputs = {
        subprocess.run([sys.executable, "-m", "aikg", "query", "--with", "none", "-i", str(MINI), "-e", text, "-f", "csv"],
                       capture_output=True, text=True, check=True).stdout.splitlines()[0]
        for _ in range(3)
    }
    assert outputs == {"zebra,apple,mango"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"SELECT ?s {{ ?s !^<{EX}distilledFrom> ?o }} ORDER BY ?s LIMIT 1", ["s", f"{EX}Model"]),
        ("SELECT (COUNT(*) AS ?n) { FILTER(EXISTS { ?s ?p ?o }) }", ["n", "1"]),
        ("SELECT (SUM(IF(EXISTS { ?s a ?c }, 1, 0)) AS ?n) { VALUES ?s { <http://example.org/a> <urn:x> } }", ["n", "1"]),
        ('SELECT ?m { BIND(REGEX("a.c", "a.c", "q") AS ?m) }', ["m", "true"]),
        ('SELECT ?m { BIND(REGEX("abc", "a.c", "q") AS ?m) }', ["m", "false"]),
        ("SELECT ?x { BIND(COALESCE() AS ?x) }", ["x", ""]),  # one row, ?x unbound
    ],
)
def test_queries_rdflib_crashed_on_answer(run, text, expected):
    assert csv_rows(run("query", "-i", MINI, "-e", text, "-f", "csv")) == expected


def test_a_long_property_path_chain(run, tmp_path):
    chain = tmp_path / "chain.nt"
    chain.write_text("".join(f"<{EX}n{i}> <{EX}next> <{EX}n{i + 1}> .\n" for i in range(3000)))
    result = run("query", "-i", chain, "-e", f"SELECT (COUNT(?o) AS ?n) {{ <{EX}n0> <{EX}next>+ ?o }}", "-f", "csv")
    assert csv_rows(result) == ["n", "3000"]


def test_the_query_path_does_not_import_rdflib():
    code = ("import sys; from aikg.cli import cli; "
            "cli(['query', 'claims-by-hedge', '-f', 'csv'], standalone_mode=False); "
            "print('rdflib' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "False"


def test_timeout_stops_an_endless_regex_query():
    """pyoxigraph's regexes cannot backtrack catastrophically, but a REGEX over a cross
    product never ends either: --timeout gives up on it, exit 4, in about the time given."""
    import time

    text = ('SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i '
            'FILTER(REGEX(CONCAT(STR(?c), STR(?f), STR(?i)), "^(a|a)*(a|a)*(a|a)*b$")) }')
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "aikg", "query", "--timeout", "1", "-e", text],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 4, done.stderr
    assert "did not finish within 1 s" in done.stderr
    assert time.monotonic() - start < 30


AWKWARD = f"""@prefix ex: <{EX}> .
ex:a ex:p "plain", "with, a comma", "with \\"quotes\\"", "two\\nlines", "cr\\r", "fr"@fr, "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>, [] .
ex:b ex:p "" .
ex:c ex:q ex:d .
"""


def test_csv_is_pyoxigraph_s_own_serialisation_byte_for_byte(tmp_path):
    """aikg renders CSV from the engine's terms; it must write what pyoxigraph's serialiser writes."""
    import pyoxigraph as ox

    from aikg.api import Answer
    from aikg.engines.fast import run_query_oxigraph
    from aikg.render.results import render_answer

    store = ox.Store()
    store.load(AWKWARD.encode(), format=ox.RdfFormat.TURTLE)
    for text in ["SELECT ?s ?o ?x { ?s ?p ?o OPTIONAL { ?s ?q ?x } } ORDER BY ?s ?o",
                 "SELECT ?x { ?s ?p ?o OPTIONAL { ?o ?q ?x } } ORDER BY ?o", "SELECT ?o { ex:c ex:q ?o }"]:
        text = f"PREFIX ex: <{EX}> " + text
        ours = render_answer(Answer(run_query_oxigraph(store, text), {}), "csv")
        assert ours.encode() == store.query(text).serialize(format=ox.QueryResultsFormat.CSV), text
