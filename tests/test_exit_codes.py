"""The exit-code contract, command by command: 0 clean, 1 findings, 2 usage,
3 bad input, 4 network/store/time limit, 5 internal error — and --timeout."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import ANCESTORS, BROKEN, CLI, MINI, SHAPES, assert_exit, invoke

MISSING = CLI / "missing.ttl"
ASK_TRUE = "ASK { ?s ?p ?o }"
ASK_FALSE = "ASK { ?s <http://example.org/nothing> ?o }"

# (exit code, arguments): every command, every code it can give.
CONTRACT = [
    (0, ["query", "-i", MINI, "-e", ASK_TRUE]),
    (1, ["query", "-i", MINI, "-e", ASK_FALSE]),
    (2, ["query", "-i", MINI]),
    (2, ["query", "-i", MINI, "-e", ASK_TRUE, "--engine", "nope"]),
    (2, ["query", "-i", MINI, "-e", ASK_TRUE, "--timeout", "0"]),
    (3, ["query", "-i", BROKEN, "-e", ASK_TRUE]),
    (3, ["query", "-i", MISSING, "-e", ASK_TRUE]),
    (3, ["query", "-i", MINI, "-e", "ASK {"]),
    (3, ["query", "-i", MINI, "no-such-query"]),
    (3, ["query", "-i", "http://127.0.0.1:9/data.ttl", "-e", ASK_TRUE]),
    (0, ["queries"]),
    (2, ["queries", "--format", "yaml"]),
    (0, ["validate", "-i", MINI, "-s", SHAPES]),
    (2, ["validate", "-i", MINI, "--fail-on", "never"]),
    (3, ["validate", "-i", MINI, "-s", BROKEN]),
    (3, ["validate", "-i", MISSING, "-s", SHAPES]),
    (0, ["reason", "-i", MINI]),
    (2, ["reason", "-i", MINI, "--profile", "owl-full"]),
    (3, ["reason", "-i", BROKEN]),
    (0, ["convert", "-i", MINI, "--to", "ntriples"]),
    (2, ["convert", "-i", MINI]),
    (2, ["convert", "-i", MINI, "--to", "n3"]),
    (3, ["convert", "-i", BROKEN, "--to", "ntriples"]),
    (0, ["check", "--syntax-only", MINI]),
    (2, ["check", "--diagnostics", "xml", MINI]),
    (3, ["check", "--syntax-only", BROKEN]),
    (3, ["check", MISSING]),
    (0, ["info", "-i", MINI]),
    (2, ["info", "-i", MINI, "-f", "yaml"]),
    (3, ["info", "-i", BROKEN]),
    (0, ["diagram", "-i", MINI]),
    (2, ["diagram", "-i", MINI, "--depth", "-1"]),
    (3, ["diagram", "-i", BROKEN]),
    (2, ["report", "-i", MINI]),
    (3, ["report", "-i", BROKEN, "-o", "never-written"]),
    (2, ["no-such-command"]),
    (2, ["--no-such-option"]),
]


@pytest.mark.parametrize(("code", "args"), CONTRACT, ids=[" ".join(str(a) for a in args[:1] + args[-2:]) for _, args in CONTRACT])
def test_contract(run, code, args):
    assert_exit(run(*args), code)


def test_validate_findings_exit_1(run, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/x> a <http://example.org/Model> .\n")
    assert_exit(run("validate", "-i", bad, "-s", SHAPES), 1)


def test_check_findings_exit_1(run, monkeypatch, tmp_path):
    from aikg.sparql import catalogue as checks
    from aikg.sparql.catalogue import parse_query_file

    violation = tmp_path / "unlabelled-violation.rq"
    violation.write_text(
        "# title: Models without a label\n"
        "SELECT ?m WHERE { ?m a <http://example.org/Model> "
        "FILTER NOT EXISTS { ?m <http://www.w3.org/2000/01/rdf-schema#label> ?l } }\n"
    )
    monkeypatch.setattr(checks, "quality_checks", lambda: [parse_query_file(violation)])
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/x> a <http://example.org/Model> .\n")
    result = run("check", bad)
    assert_exit(result, 1)
    assert "FAILED unlabelled-violation" in result.stdout
    assert_exit(run("check", MINI), 0)


@pytest.mark.parametrize(
    ("target", "args"),
    [
        ("aikg.engines.fast.run_query_oxigraph", ["query", "-i", MINI, "-e", ASK_TRUE]),
        ("aikg.engines.fast.validate_loaded", ["validate", "-i", MINI, "-s", SHAPES]),
        ("aikg.engines.reference.validate", ["validate", "-i", MINI, "-s", SHAPES, "--engine", "reference"]),
        ("aikg.engines.rules.materialise", ["reason", "-i", MINI]),
        ("aikg.engines.reference.reason", ["reason", "-i", MINI, "--engine", "reference"]),
        ("aikg.rdf.convert.convert", ["convert", "-i", MINI, "--to", "turtle"]),
        ("aikg.api.check", ["check", MINI]),
        ("aikg.rdf.info.graph_info", ["info", "-i", MINI]),
        ("aikg.sparql.catalogue.catalogue", ["queries"]),
        ("aikg.provenance.lineage.lineage_for", ["diagram", "-i", MINI]),
        ("aikg.render.report.write_report", ["report", "-i", MINI, "-o", "never-written"]),
    ],
)
def test_unexpected_exception_is_exit_5_without_traceback(run, monkeypatch, target, args):
    def broken(*_args, **_kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(target, broken)
    result = run(*args)
    assert_exit(result, 5)
    assert "aikg: internal error: RuntimeError: simulated bug" in result.stderr
    assert "--debug" in result.stderr
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(monkeypatch):
    monkeypatch.setattr("aikg.rdf.info.graph_info", lambda *a, **k: 1 / 0)
    result = invoke("--debug", "info", "-i", MINI, catch_exceptions=True)
    assert isinstance(result.exception, ZeroDivisionError)


def test_error_messages_do_not_echo_query_parameters_they_do_not_need(run):
    """A secret passed as an unknown parameter's value is not repeated back."""
    result = run("query", "-i", MINI, ANCESTORS, "-p", "model=ex:a", "-p", "token=s3cr3t-value")
    assert_exit(result, 3)
    assert "s3cr3t-value" not in result.output


def test_url_input_is_refused_without_echoing_its_password(run, no_network):
    result = run("info", "-i", "https://alice:hunter2@127.0.0.1:9/data.ttl")
    assert_exit(result, 3)
    assert "URLs are not read as input" in result.stderr
    assert "hunter2" not in result.output
    assert not no_network


# ------------------------------------------------------------------- --timeout


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """A transitive chain long enough that its OWL RL closure takes many seconds."""
    path = tmp_path_factory.mktemp("timeout") / "chain.ttl"
    lines = [
        "@prefix ex: <http://example.org/> .",
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .",
        "ex:next a owl:TransitiveProperty .",
    ]
    lines += [f"ex:n{i} ex:next ex:n{i + 1} ." for i in range(600)]
    path.write_text("\n".join(lines) + "\n")
    return path


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.mark.parametrize(
    "args",
    [
        ["reason", "--timeout", "0.2"],
        ["validate", "--timeout", "0.2", "--infer", "owlrl", "-s", SHAPES],
        ["query", "--timeout", "0.2", "-e", CROSS_PRODUCT],
        ["query", "--timeout", "0.2", "--infer", "owlrl", "-e", ASK_TRUE],
    ],
    ids=["reason", "validate", "query", "query-infer"],
)
def test_timeout_stops_cleanly(run, chain, tmp_path, args):
    out = tmp_path / "out.txt"
    result = run(*args, "-i", chain, "-o", out)
    assert_exit(result, 4)
    assert "did not finish within 0.2 s (--timeout)" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()  # nothing half-written


def test_timeout_not_reached_changes_nothing(run):
    result = run("query", "-i", MINI, "--timeout", "60", "-e", ASK_TRUE)
    assert (result.exit_code, result.stdout) == (0, "true\n")


def test_timeout_stops_the_native_engine(chain):
    """pyoxigraph cannot be interrupted: the CLI gives up and exits all the same."""
    result = subprocess.run(
        [sys.executable, "-m", "aikg", "query", "--timeout", "0.5", "-i", str(chain), "-e", CROSS_PRODUCT],
        capture_output=True, text=True, timeout=120,
    )
    assert_exit(result, 4)
    assert "did not finish within 0.5 s" in result.stderr
