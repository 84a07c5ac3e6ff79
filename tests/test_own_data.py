"""Bring your own data: the bundled model as the base for a user's files (issue 13).

The bundled graph is two parts: the model (ontology, vocabularies, license
catalogue with its agents and sources) and the article dataset. With -i the
model is read as background; validation reports only on the user's nodes and
names the declared term an undeclared aikg term was probably meant as.
"""

from __future__ import annotations

import pytest

from helpers import FIXTURES, assert_exit

SEVEN = FIXTURES / "byod" / "seven-models.ttl"
A = "https://w3id.org/aikg/ont#"
D = "https://w3id.org/aikg/id/"
EX = "https://example.org/models/"
MODELS = "PREFIX aikg: <https://w3id.org/aikg/ont#> SELECT ?m WHERE { ?m a aikg:Model }"


def models_in(answer) -> set[str]:
    return {row[0].value for row in answer.result.rows}  # pyoxigraph terms


def test_parts_split_the_bundled_graph():
    from aikg import bundle

    model, article = set(bundle.model_files()), set(bundle.article_files())
    assert model and article and not model & article
    assert model | article == set(bundle.graph_files())
    assert set(bundle.ontology_files()) <= model


def test_model_validates_on_its_own_and_holds_no_article_fact():
    from aikg import api

    outcome = api.validate(bundled="model", engine="rdflib")
    assert outcome.conforms and outcome.findings == []
    assert models_in(api.query(text=MODELS, bundled="model")) == set()


def test_bundled_data_has_no_blank_nodes():
    """about_nodes keeps every blank focus node as the user's: the bundled data must hold none
    (the ontology's are OWL class expressions, which no bundled shape targets)."""
    from aikg import bundle
    from aikg.rdf.vocabulary import stream_quads

    ontology = set(bundle.ontology_files())
    quads = stream_quads([p for p in bundle.graph_files() if p not in ontology])
    assert not [q for q in quads if type(q.subject).__name__ == "BlankNode" or type(q.object).__name__ == "BlankNode"]


def test_article_validates_on_the_model():
    from aikg import api, bundle

    outcome = api.validate(inputs=bundle.article_files(), engine="rdflib")
    assert outcome.conforms, [f.message for f in outcome.findings]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_seven_models_validate_clean(run, engine):
    assert_exit(run("validate", "-i", SEVEN, "--engine", engine), 0, "Conforms")


def test_seven_models_without_the_model_fail(run):
    """What the issue saw: without the ontology and catalogue, correct data does not validate."""
    assert_exit(run("validate", "-i", SEVEN, "--with", "none"), 1, "must be a license")


def test_answers_leave_the_article_out_unless_asked():
    from aikg import api

    mine = {EX + m for m in ("llama-3-1-8b", "llama-3-1-8b-instruct", "acme-chat", "bolt-merge", "acme-chat-gguf",
                             "mistral-7b", "mistral-7b-awq")}
    assert models_in(api.query(text=MODELS, inputs=[str(SEVEN)])) == mine
    with_all = models_in(api.query(text=MODELS, inputs=[str(SEVEN)], bundled="all"))
    assert mine < with_all and D + "avocado" in with_all
    assert models_in(api.query(text=MODELS, bundled="all")) == with_all - mine  # no -i: the bundled graph


def test_with_none_needs_inputs(run):
    assert_exit(run("query", "-e", "ASK {}", "--with", "none"), 2, "--with none")


def test_template_ships_and_validates(run):
    from aikg import bundle

    template = bundle.template_file()
    assert template.is_file()
    assert_exit(run("validate", "-i", template), 0, "Conforms")


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("wrong, meant, where", [
    ("aikg:finetunedFrom", "aikg:fineTunedFrom", "aikg:fineTunedFrom ex:llama-3-1-8b-instruct"),
    ("aikg:Modell", "aikg:Model", "ex:acme-chat a aikg:Model"),
    ("aikgv:open-weights-restrictd", "aikgv:open-weights-restricted", "aikg:accessLevel aikgv:open-weights-restricted ;\n    aikg:attributionNotice"),
])
def test_undeclared_term_is_a_finding_with_a_suggestion(run, tmp_path, engine, wrong, meant, where):
    text = SEVEN.read_text(encoding="utf-8")
    assert where in text
    fixed = where.replace(meant, wrong, 1)
    bad = tmp_path / "typo.ttl"
    bad.write_text(text.replace(where, fixed, 1), encoding="utf-8")
    result = run("validate", "-i", bad, "--engine", engine)
    assert_exit(result, 1, f"{wrong} is not a term of the aikg ontology or its vocabularies: did you mean {meant}?")
    assert "ex:acme-chat" in result.stdout or "https://example.org/models/acme-chat" in result.stdout


def test_undeclared_term_far_from_any_gets_no_guess():
    from aikg.rdf.vocabulary import closest, declared_terms, stream_quads
    from aikg import bundle

    declared = declared_terms(stream_quads(bundle.ontology_files()))
    assert closest(A + "zzqqxx", declared) is None
    assert closest(A + "developedby", declared) == A + "developedBy"


def test_undeclared_term_in_the_turtle_report(run, tmp_path):
    bad = tmp_path / "typo.ttl"
    bad.write_text(SEVEN.read_text(encoding="utf-8").replace("aikg:quantizedFrom ex:mistral-7b", "aikg:quantisedFrom ex:mistral-7b"))
    result = run("validate", "-i", bad, "-f", "turtle")
    assert_exit(result, 1)
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import SH

    report = Graph().parse(data=result.stdout, format="turtle")
    assert (None, SH.conforms, Literal(False)) in report
    assert (None, SH.resultPath, URIRef(A + "quantisedFrom")) in report


def test_validation_reports_only_on_the_users_nodes(run, tmp_path):
    """Shapes that the catalogue's licenses fail report only the license the user's data names."""
    shapes = tmp_path / "spdx-required.ttl"
    shapes.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix aikg: <https://w3id.org/aikg/ont#> .
@prefix ex: <https://example.org/shapes#> .
ex:NeedsSpdx a sh:NodeShape ; sh:targetClass aikg:License ;
    sh:property [ sh:path aikg:spdxId ; sh:minCount 1 ; sh:message "needs an SPDX id" ] .
""", encoding="utf-8")
    mine = run("validate", "-i", SEVEN, "-s", shapes, "-f", "json")
    import json

    focus = {r["focusNode"] for r in json.loads(mine.stdout)["results"]}
    assert focus == {D + "license-llama-3-1-community"} or focus == {"aikgd:license-llama-3-1-community"}
    everything = json.loads(run("validate", "--with", "model", "-s", shapes, "-f", "json").stdout)["results"]
    assert len(everything) > 3  # the catalogue alone fails these shapes for many licenses


def test_llama_3_1_derivative_inherits_built_with_and_name_prefix():
    from aikg import api

    found = api.obligations(EX + "acme-chat-gguf", inputs=[str(SEVEN)])
    clauses = {o.clause.iri for o in found.rows}
    assert {D + "duty-llama-3-1-built-with", D + "duty-llama-3-1-name-prefix"} <= clauses
    assert found.unrecorded == []
    merged = {o.clause.iri for o in api.obligations(EX + "bolt-merge", inputs=[str(SEVEN)]).rows}
    assert D + "duty-llama-3-1-name-prefix" in merged
    apache = {o.clause.iri for o in api.obligations(EX + "mistral-7b-awq", inputs=[str(SEVEN)]).rows}
    assert apache == {D + "duty-apache-2-0-notice"}


def test_obligations_say_terms_not_recorded(run, tmp_path):
    data = tmp_path / "unrecorded.ttl"
    data.write_text(SEVEN.read_text(encoding="utf-8") + """
ex:acme-research-license a aikg:License ;
    rdfs:label "Acme Research License"@en ;
    aikg:huggingFaceId "acme-research" ;
    aikg:opennessCategory aikgv:license-not-recorded .

ex:acme-base a aikg:Model ;
    rdfs:label "Acme Base"@en ;
    aikg:developedBy ex:acme ;
    aikg:license ex:acme-research-license .

ex:acme-unknown a aikg:Model ;
    rdfs:label "Acme Unknown"@en ;
    aikg:developedBy ex:acme .

ex:acme-tuned a aikg:Model ;
    rdfs:label "Acme Tuned"@en ;
    aikg:developedBy ex:acme ;
    aikg:fineTunedFrom ex:acme-base ;
    aikg:mergedFrom ex:acme-unknown .
""", encoding="utf-8")
    assert_exit(run("validate", "-i", data), 0)
    result = run("obligations", "-i", data, "ex:acme-tuned", "-f", "csv")
    assert_exit(result, 0)
    assert result.stdout.strip().splitlines() == [result.stdout.strip().splitlines()[0]]  # the header, no rows
    assert "warning: Acme Base: Acme Research License: terms not recorded" in result.stderr
    assert "warning: Acme Unknown: no license recorded" in result.stderr
    quiet = run("obligations", "-i", SEVEN, "ex:acme-chat-gguf", "-f", "csv")
    assert_exit(quiet, 0)
    assert "warning" not in quiet.stderr


def test_check_reads_the_model_for_declared_terms(run):
    result = run("check", SEVEN, "--diagnostics", "json")
    import json

    failed = {f["check"] for f in json.loads(result.stdout)["failures"]}
    assert "undeclared-term-violation" not in failed
    none = json.loads(run("check", SEVEN, "--with", "none", "--diagnostics", "json").stdout)
    assert "undeclared-term-violation" in {f["check"] for f in none["failures"]}


def test_each_command_reads_its_documented_part():
    """load sends the model (and its shapes) beside the user's graph; info and convert describe the files given."""
    import io

    from aikg import api

    sources = {s for g in api.plan_load([str(SEVEN)]).graphs for s in g.sources}
    assert {str(SEVEN), "data/model-licenses.ttl", "ontology/aikg.ttl", "ontology/shapes/aikg-shapes.ttl"} <= sources
    assert not any(s.startswith(("data/article", "seeds/")) for s in sources)
    alone = {s for g in api.plan_load([str(SEVEN)], bundled="none").graphs for s in g.sources}
    assert alone == {str(SEVEN)}
    assert [label for label, _ in api.info([str(SEVEN)]).sources] == [str(SEVEN)]
    out = io.BytesIO()
    api.convert(out, to="ntriples", inputs=[str(SEVEN)])
    assert len(out.getvalue().splitlines()) == api.info([str(SEVEN)]).triples
