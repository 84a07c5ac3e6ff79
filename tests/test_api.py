"""Library tests: aikg.api returns data, raises AikgError with the CLI's exit codes, and prints nothing."""

from __future__ import annotations

import pytest

import aikg
from aikg import api
from aikg.errors import EXIT_BAD_INPUT, EXIT_USAGE, AikgError
from helpers import BROKEN, FIXTURES, MINI, SHAPES


def test_package_reexports_the_api():
    for name in api.__all__:
        assert getattr(aikg, name) is getattr(api, name)
    assert set(api.__all__) <= set(aikg.__all__)


def test_query_by_name_returns_rows_in_the_query_order(capsys):
    answer = api.query("closed-models-distilled-from-open")
    assert answer.result.kind == "SELECT"
    assert answer.result.vars[:3] == ["model", "closedVia", "closedHedge"]
    assert {row["model"].value for row in answer.result.as_dicts()} == {"https://w3id.org/aikg/id/avocado"}
    assert capsys.readouterr() == ("", "")  # the library never prints


def test_query_text_on_files_binds_parameters_as_terms():
    answer = api.query(text="SELECT ?s WHERE { ?s ?p ?o }", params={"s": "<http://example.org/nothing>"}, inputs=[MINI])
    assert answer.result.rows == []
    answer = api.query(text="SELECT ?o WHERE { ?s ?p ?o }", params={"s": "ex:x"}, inputs=[MINI])
    assert answer.result.vars == ["o"]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"name": "closed-models-distilled-from-open", "text": "ASK {}"}, EXIT_USAGE),
        ({}, EXIT_USAGE),
        ({"name": "no-such-query"}, EXIT_BAD_INPUT),
        ({"text": "SELECT ?x WHERE { ?x ?p }"}, EXIT_BAD_INPUT),
        ({"text": "ASK {}", "inputs": [MINI], "endpoint": api.Endpoint("http://127.0.0.1:9")}, EXIT_USAGE),
        ({"text": "ASK {}", "db": "somewhere", "infer": "owlrl"}, EXIT_USAGE),
    ],
)
def test_query_errors_carry_their_exit_code(kwargs, code):
    with pytest.raises(AikgError) as raised:
        api.query(**kwargs)
    assert raised.value.exit_code == code


def test_validate_returns_findings_with_namespaces():
    outcome = api.validate(inputs=[MINI], shapes=[SHAPES])
    assert outcome.namespaces["aikg"] == "https://w3id.org/aikg/ont#"
    clean = api.validate()
    assert clean.conforms and clean.findings == []


def test_validate_returns_the_same_types_on_either_engine():
    """Findings hold pyoxigraph terms and the report is a pyoxigraph Store, whichever engine validated."""
    import pyoxigraph as ox

    bad = FIXTURES / "shapes" / "invalid" / "amount-bad-currency.ttl"
    default, reference = api.validate(inputs=[bad]), api.validate(inputs=[bad], engine="reference")
    assert default.findings and default.findings == reference.findings
    for outcome in (default, reference):
        assert isinstance(outcome.report_graph, ox.Store) and isinstance(outcome.namespaces, dict)
        assert all(isinstance(f.focus, (ox.NamedNode, ox.BlankNode, ox.Literal)) for f in outcome.findings)
        assert all(isinstance(f.shape, (ox.NamedNode, ox.BlankNode)) for f in outcome.findings)


def test_check_collects_every_broken_file(tmp_path):
    other = tmp_path / "other.ttl"
    other.write_text("<http://x> <http://y> .\n")
    outcome = api.check([BROKEN, other])
    assert len(outcome.errors) == 2
    assert not outcome.clean and outcome.checks_run == []


def test_check_reads_each_input_once_for_warnings_and_checks(monkeypatch, tmp_path):
    """The quality checks query the store lint filled while reading: a big file is parsed once."""
    import aikg.rdf.sources as sources

    data = tmp_path / "data.ttl"
    data.write_text('@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                    '<http://example.org/s> <http://example.org/p> "abc"^^xsd:integer .\n')
    reads, read_bytes = [], sources.read_bytes  # every file read goes through it (the warning's location too)
    monkeypatch.setattr(sources, "read_bytes", lambda source: reads.append(source.path) or read_bytes(source))
    outcome = api.check([data])
    assert reads.count(str(data)) == 1
    assert [d.message for d in outcome.diagnostics] == ['ill-typed literal "abc"^^xsd:integer: not a valid xsd:integer']
    assert outcome.checks_run and outcome.failures == []  # the checks ran, over the data and the model


def test_reason_returns_the_same_closure_type_and_triples_from_either_engine():
    import io

    import pyoxigraph as ox

    written = {}
    for engine in ("reference", "oxigraph"):
        closure = api.reason(inputs=[MINI], profile="rdfs", engine=engine, bundled="none")
        assert all(isinstance(quad, ox.Quad) for quad in closure.quads), engine
        out = io.BytesIO()
        api.reason(inputs=[MINI], profile="rdfs", engine=engine, bundled="none").write(out, "ntriples")
        written[engine] = set(out.getvalue().decode().splitlines())
    assert written["oxigraph"] and written["oxigraph"] == written["reference"]


def test_load_into_a_database_then_query_it(tmp_path):
    plan = api.plan_load([MINI], include_shapes=False)
    report = api.load(plan, db=str(tmp_path / "db"))
    assert report.ok and report.triples_sent == plan.triples > 0
    answer = api.query(text="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", db=str(tmp_path / "db"))
    assert int(answer.result.rows[0][0].value) == plan.triples


def test_load_needs_exactly_one_target():
    plan = api.plan_load([MINI])
    with pytest.raises(AikgError) as raised:
        api.load(plan)
    assert raised.value.exit_code == EXIT_USAGE


def test_obligations_and_lineage_resolve_labels():
    found = api.obligations("Avocado")
    assert found.rows and {r.model.label for r in found.rows} == {"Avocado (codename)"}
    assert found.as_result().vars[0] == "model"
    lineage = api.lineage(["Avocado"], direction="up")
    assert "https://w3id.org/aikg/id/avocado" in lineage.nodes
    with pytest.raises(AikgError) as raised:
        api.lineage(["No Such Model"])
    assert raised.value.exit_code == EXIT_BAD_INPUT


def test_timeout_is_a_store_error_code():
    from aikg.errors import EXIT_STORE

    with pytest.raises(AikgError) as raised:
        api.reason(profile="owlrl", engine="rdflib", timeout=0.01)
    assert raised.value.exit_code == EXIT_STORE


def test_findings_are_kept_to_the_users_nodes_and_undeclared_terms_added(tmp_path):
    """validation.about_inputs: a finding on a node only the bundled model mentions is dropped,
    one on the user's node kept, and a use of an undeclared aikg term becomes a violation."""
    import pyoxigraph as ox

    from aikg.bundle import with_bundled
    from aikg.rdf.sources import resolve_inputs
    from aikg.validation import Finding, ValidationOutcome, about_inputs

    data = tmp_path / "mine.ttl"
    data.write_text("<http://e/mine> <https://w3id.org/aikg/ont#licence> <http://e/x> .\n")  # aikg:license misspelt
    inputs = resolve_inputs(with_bundled([str(data)], "model"), None, user=1)

    def finding(iri):
        return Finding(ox.NamedNode(iri), None, None, "violation", "m", None, None)

    outcome = ValidationOutcome(False, [finding("http://e/mine"), finding("https://w3id.org/aikg/id/avocado")])
    kept = about_inputs(outcome, inputs)
    assert [f.focus.value for f in kept.findings if f.message == "m"] == ["http://e/mine"]
    undeclared = [f for f in kept.findings if f.message != "m"]
    assert [f.value.value for f in undeclared] == ["https://w3id.org/aikg/ont#licence"]
    assert "did you mean aikg:" in undeclared[0].message and not kept.conforms


def test_a_step_reports_its_progress_and_is_marked_done():
    from aikg.progress import step

    heard = []

    class Recorder:
        def __call__(self, count, note=""):
            heard.append(count)

        def done(self, note=""):
            heard.append("done")

    assert step(lambda label: Recorder() if label == "loading" else None, "loading", lambda p: p(3) or "value") == "value"
    assert heard == [3, "done"]
    assert step(None, "loading", lambda progress: progress) is None  # no progress_for: no callback at all
