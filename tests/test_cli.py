"""The CLI's success and failure paths, command by command, on small fixtures."""

from __future__ import annotations

import json

import pytest

from helpers import ANCESTORS, BROKEN, CLI, MINI, SHAPES, assert_exit

EX = "http://example.org/"


# ----------------------------------------------------------------- version/help


def test_version(run):
    import aikg

    result = run("--version")
    assert_exit(result, 0)
    assert aikg.__version__ in result.stdout


@pytest.mark.parametrize("command", ["query", "queries", "validate", "reason", "convert", "check", "info"])
def test_every_command_has_help(run, command):
    result = run(command, "-h")
    assert_exit(result, 0)
    assert "Usage: aikg " + command in result.stdout
    assert "Show this message and exit" in result.stdout


def test_unknown_command_is_usage_error(run):
    assert_exit(run("frobnicate"), 2)


# ------------------------------------------------------------------------ query


def test_query_file_with_param_on_reasoned_graph(run):
    result = run("query", "-i", MINI, ANCESTORS, "-p", "model=ex:a", "--infer", "owlrl", "-f", "csv")
    assert_exit(result, 0)
    lines = result.stdout.splitlines()
    assert lines[0] == "ancestor,label"  # the query's own column order
    assert sorted(lines[1:]) == [f"{EX}b,B", f"{EX}c,C"]


def test_query_plain_graph_has_no_inferred_rows(run):
    result = run("query", "-i", MINI, ANCESTORS, "-p", "model=ex:a", "-f", "csv")
    assert_exit(result, 0)
    assert result.stdout.splitlines() == ["ancestor,label"]


def test_query_with_bound_parameter(run):
    query = f"PREFIX ex: <{EX}> SELECT ?o WHERE {{ ?s ex:distilledFrom ?o FILTER(!BOUND(?m) || ?s = ?m) }}"
    result = run("query", "-i", MINI, "-e", query, "-p", f"m=<{EX}a>", "-f", "tsv")
    assert_exit(result, 0)
    assert result.stdout.splitlines() == ["?o", f"<{EX}b>"]


def test_query_table_json_xml_md(run):
    args = ("query", "-i", MINI, "-e", f"SELECT ?l WHERE {{ <{EX}a> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")
    assert run(*args, "-f", "table").stdout.splitlines() == ["l", "-", "A", "1 row"]
    doc = json.loads(run(*args, "-f", "json").stdout)
    assert doc["head"]["vars"] == ["l"]
    assert doc["results"]["bindings"] == [{"l": {"type": "literal", "value": "A"}}]
    assert "<literal>A</literal>" in run(*args, "-f", "xml").stdout
    assert run(*args, "-f", "md").stdout.splitlines() == ["| l |", "|---|", "| A |"]


def test_ask_exit_codes(run):
    true = run("query", "-i", MINI, "-e", f"ASK {{ ?x a <{EX}Model> }}")
    assert (true.exit_code, true.stdout) == (0, "true\n")
    false = run("query", "-i", MINI, "-e", f"ASK {{ ?x a <{EX}Nothing> }}")
    assert (false.exit_code, false.stdout) == (1, "false\n")


def test_construct_outputs_rdf(run):
    result = run("query", "-i", MINI, "-e", f"CONSTRUCT {{ ?s <{EX}q> ?o }} WHERE {{ ?s <{EX}distilledFrom> ?o }}", "-f", "ntriples")
    assert_exit(result, 0)
    assert sorted(result.stdout.splitlines()) == [
        f"<{EX}a> <{EX}q> <{EX}b> .",
        f"<{EX}b> <{EX}q> <{EX}c> .",
    ]


def test_query_reads_stdin(run):
    result = run("query", "-i", "-", "--with", "none", "-e", "SELECT ?o WHERE { ?s ?p ?o }", "-f", "csv", input=f"<{EX}s> <{EX}p> 'x' .")
    assert_exit(result, 0)
    assert result.stdout.splitlines() == ["o", "x"]


def test_unknown_query_suggests(run):
    result = run("query", "ancestrs", "-i", MINI)
    assert_exit(result, 3)
    assert "unknown query 'ancestrs'" in result.stderr
    assert "aikg queries" in result.stderr


def test_missing_parameter(run):
    result = run("query", "-i", MINI, ANCESTORS)
    assert_exit(result, 3)
    assert "needs the parameter 'model'" in result.stderr
    assert "--param model=" in result.stderr


def test_unknown_parameter(run):
    result = run("query", "-i", MINI, ANCESTORS, "-p", "model=ex:a", "-p", "colour=red")
    assert_exit(result, 3)
    assert "no parameter 'colour'" in result.stderr


def test_parameter_cannot_inject(run):
    result = run("query", "-i", MINI, ANCESTORS, "-p", "model=ex:a> } ; DROP ALL #")
    assert_exit(result, 3)
    assert "is not an IRI" in result.stderr


def test_malformed_turtle_is_located(run):
    result = run("query", "-i", BROKEN, "-e", "ASK {}")
    assert_exit(result, 3)
    assert f"{BROKEN}:3:11: error:" in result.stderr
    assert "^" in result.stderr


def test_malformed_sparql_is_located(run):
    result = run("query", "-i", MINI, "-e", "SELECT ?x WHERE {\n  ?x ?y }")
    assert_exit(result, 3)
    assert "<query>:2:" in result.stderr
    assert "SPARQL syntax error" in result.stderr


def test_missing_file(run):
    result = run("query", "-i", CLI / "nope.ttl", "-e", "ASK {}")
    assert_exit(result, 3)
    assert "no such file" in result.stderr


def test_update_refused(run):
    result = run("query", "-i", MINI, "-e", "INSERT DATA { <a:a> <a:b> <a:c> }")
    assert_exit(result, 3)
    assert "SPARQL Update" in result.stderr


def test_service_refused(run):
    result = run("query", "-i", MINI, "-e", "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert_exit(result, 3)
    assert "SERVICE" in result.stderr


def test_query_and_expression_together_is_usage_error(run):
    assert_exit(run("query", "-i", MINI, ANCESTORS, "-e", "ASK {}"), 2)
    assert_exit(run("query", "-i", MINI), 2)


def test_query_output_file_is_written_atomically(run, tmp_path):
    out = tmp_path / "rows.csv"
    result = run("query", "-i", MINI, ANCESTORS, "-p", "model=ex:a", "--infer", "rdfs", "-o", out)
    assert_exit(result, 0)
    assert out.read_text().splitlines()[0] == "ancestor,label"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


def test_output_file_mode_follows_the_umask_or_the_old_file(run, tmp_path):
    import os

    fresh = tmp_path / "fresh.nt"
    assert_exit(run("convert", "-i", MINI, "-o", fresh), 0)
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "kept.nt"
    kept.write_text("")
    kept.chmod(0o640)
    assert_exit(run("convert", "-i", MINI, "-o", kept), 0)
    assert kept.stat().st_mode & 0o777 == 0o640


def test_refuses_to_overwrite_input(run, tmp_path):
    data = tmp_path / "in.ttl"
    data.write_bytes(MINI.read_bytes())
    result = run("convert", "-i", data, "-o", data)
    assert_exit(result, 2)
    assert data.read_bytes() == MINI.read_bytes()


# --------------------------------------------------------------------- validate


def test_validate_conforming(run):
    result = run("validate", "-i", MINI, "-s", SHAPES)
    assert_exit(result, 0)
    assert "Conforms" in result.stdout


def test_validate_violation_text_and_json(run, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"<{EX}x> a <{EX}Model> ; <{EX}distilledFrom> <{EX}nothing> .\n")
    result = run("validate", "-i", bad, "-s", SHAPES)
    assert_exit(result, 1)
    assert "A model needs a label." in result.stdout
    assert "A model is distilled from models only." in result.stdout
    doc = json.loads(run("validate", "-i", bad, "-s", SHAPES, "-f", "json").stdout)
    assert doc["conforms"] is False
    assert {r["message"] for r in doc["results"]} == {"A model needs a label.", "A model is distilled from models only."}
    assert {r["focusNode"] for r in doc["results"]} == {f"{EX}x"}


def test_validate_fail_on_threshold(run, tmp_path):
    shapes = tmp_path / "warn.ttl"
    shapes.write_text(SHAPES.read_text().replace("sh:minCount 1 ;", "sh:minCount 1 ; sh:severity sh:Warning ;"))
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"<{EX}x> a <{EX}Model> .\n")
    assert_exit(run("validate", "-i", bad, "-s", shapes), 0)  # a warning is below 'violation'
    assert_exit(run("validate", "-i", bad, "-s", shapes, "--fail-on", "warning"), 1)


def test_validate_broken_shapes(run):
    result = run("validate", "-i", MINI, "-s", BROKEN)
    assert_exit(result, 3)
    assert f"{BROKEN}:3:11" in result.stderr


# ----------------------------------------------------------------------- reason


def test_reason_inferred_only_does_not_touch_input(run, tmp_path):
    data = tmp_path / "in.ttl"
    data.write_bytes(MINI.read_bytes())
    out = tmp_path / "closure.nt"
    result = run("reason", "-i", data, "--inferred-only", "-t", "ntriples", "-o", out)
    assert_exit(result, 0)
    inferred = out.read_text()
    assert f"<{EX}a> <{EX}derivedFrom> <{EX}c> ." in inferred  # transitivity
    assert f"<{EX}b> <{EX}distilledFrom> <{EX}c> ." not in inferred  # asserted, not inferred
    assert data.read_bytes() == MINI.read_bytes()


def test_reason_rdfs_profile(run):
    result = run("reason", "-i", MINI, "--profile", "rdfs", "-t", "ntriples")
    assert_exit(result, 0)
    assert f"<{EX}b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}Model> ." in result.stdout


# ---------------------------------------------------------------------- convert


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"])
def test_convert_round_trip(run, tmp_path, fmt):
    from rdflib.compare import isomorphic

    from aikg.rdf.formats import format_by_name
    from aikg.rdf.rdflib_bridge import load_graph

    out = tmp_path / ("out" + format_by_name(fmt).extensions[0])
    result = run("convert", "-i", MINI, "-o", out)
    assert_exit(result, 0)
    assert isomorphic(load_graph([out]), load_graph([MINI]))


def test_convert_keeps_or_refuses_named_graphs(run, tmp_path):
    quads = tmp_path / "in.nq"
    quads.write_text(f"<{EX}s> <{EX}p> <{EX}o> <{EX}g> .\n")
    assert run("convert", "-i", quads, "--to", "trig").stdout.count(f"<{EX}g>") == 1
    refused = run("convert", "-i", quads, "--to", "turtle")
    assert_exit(refused, 2)
    assert "--merge-graphs" in refused.stderr
    merged = run("convert", "-i", quads, "--to", "ntriples", "--merge-graphs")
    assert merged.stdout == f"<{EX}s> <{EX}p> <{EX}o> .\n"


def test_convert_failure_leaves_existing_output(run, tmp_path):
    out = tmp_path / "out.nt"
    out.write_text("precious\n")
    result = run("convert", "-i", BROKEN, "-o", out)
    assert_exit(result, 3)
    assert out.read_text() == "precious\n"


def test_convert_needs_a_format(run):
    assert_exit(run("convert", "-i", MINI), 2)


# ------------------------------------------------------------------------ check


def test_check_reports_every_broken_file(run, tmp_path):
    other = tmp_path / "other.nt"
    other.write_text("<http://x> <http://y> .\n")
    result = run("check", "--syntax-only", BROKEN, MINI, other)
    assert_exit(result, 3)
    assert f"{BROKEN}:3:11: error:" in result.stderr
    assert f"{other}:1:" in result.stderr


def test_check_json_diagnostics(run):
    result = run("check", "--syntax-only", "--diagnostics", "json", BROKEN)
    assert_exit(result, 3)
    doc = json.loads(result.stdout)
    assert doc["diagnostics"][0] | {"message": None} == {
        "source": str(BROKEN), "line": 3, "column": 11, "severity": "error", "message": None, "hint": None,
    }


def test_check_clean_file(run):
    result = run("check", "--syntax-only", MINI)
    assert_exit(result, 0)
    assert "OK" in result.stdout


# ------------------------------------------------------------------------- info


def test_info_counts(run):
    result = run("info", "-i", MINI, "-f", "json")
    assert_exit(result, 0)
    doc = json.loads(result.stdout)
    assert doc["sources"] == [[str(MINI), 19]]
    assert (doc["classes"], doc["properties"], doc["individuals"]) == (2, 2, 3)


def test_validate_unusable_shape_is_bad_input(run, tmp_path):
    shapes = tmp_path / "bad-shape.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"<{EX}S> a sh:NodeShape ; sh:targetClass <{EX}Model> ; sh:property [ sh:minCount 1 ] .\n"
    )
    for engine in ("oxigraph", "reference"):  # each validator's own words for the problem
        result = run("validate", "-i", MINI, "-s", shapes, "--engine", engine)
        assert_exit(result, 3)
        assert "the shapes cannot be used" in result.stderr
        assert "property shape" in result.stderr.lower().replace("propertyshape", "property shape")


@pytest.mark.parametrize("engine", ["oxigraph", "reference"])
def test_validate_reports_its_steps(run, engine):
    """The progress lines a terminal shows (forced by -v): loading, then validating with its result count."""
    result = run("validate", "-i", MINI, "-s", SHAPES, "-v", "--engine", engine)
    assert_exit(result, 0)
    assert "loading:" in result.stderr and "validating:" in result.stderr


def test_stdin_is_read_afresh_for_each_run(run):
    for value in ("first", "second"):
        result = run("query", "-i", "-", "--with", "none", "-e", "SELECT ?o WHERE { ?s ?p ?o }", "-f", "csv", input=f"<{EX}s> <{EX}p> '{value}' .")
        assert result.stdout.splitlines() == ["o", value]
