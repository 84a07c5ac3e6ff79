"""`aikg import csv`: spreadsheet rows become models and derivations with claims; bad rows are
errors with their line, and the good rows are still imported."""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Literal, URIRef

from aikg import api
from helpers import FIXTURES
from interchange_checks import AIKG, AIKGD, HF, RDF, VOCAB, assert_valid_with_the_bundle, graph_of

TABLE = FIXTURES / "csv" / "lineage.csv"


@cache
def imported():
    return api.import_csv([str(TABLE)])


def _derivation_of(graph: Graph, model: URIRef):
    return graph.value(predicate=AIKG.derivedModel, object=model) or graph.value(predicate=AIKG.student, object=model)


def test_rows_become_models_with_developers_and_licences():
    graph = graph_of(imported())
    support = HF["acme/support-8b"]
    assert graph.value(support, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == Literal("Acme Support 8B", lang="en")
    assert graph.value(support, AIKG.developedBy) == AIKGD["acme-ai"]
    assert graph.value(support, AIKG.license) == AIKGD["license-llama-3-1-community"]
    assert graph.value(HF["mergers/blend-8b"], AIKG.license) == AIKGD["license-apache-2-0"]
    assert graph.value(URIRef("https://example.org/models/student"), AIKG.license) == AIKGD["license-hub-cc-by-nc-4.0"]
    gpl = graph.value(HF["acme/gpl-model"], AIKG.license)  # mixed case: an SPDX id the catalogue lacks
    assert graph.value(gpl, AIKG.spdxId) == Literal("GPL-3.0-only")
    assert graph.value(gpl, AIKG.opennessCategory) == VOCAB["license-not-recorded"]


def test_edge_rows_become_derivations_and_rows_with_one_id_and_relation_one_merge():
    graph = graph_of(imported())
    merge = _derivation_of(graph, HF["mergers/blend-8b"])
    assert set(graph.objects(merge, AIKG.sourceModel)) == {HF["acme/support-8b"], HF["meta-llama/Llama-3.1-8B"]}
    assert graph.value(merge, AIKG.derivationKind) == VOCAB.merge
    assert graph.value(_derivation_of(graph, HF["acme/support-8b-gguf"]), AIKG.derivationKind) == VOCAB.quantized
    student = _derivation_of(graph, URIRef("https://example.org/models/student"))
    assert graph.value(student, AIKG.teacher) == HF["acme/support-8b"]
    assert graph.value(_derivation_of(graph, HF["acme/rumoured"]), AIKG.derivationKind) is None  # relation left empty


def test_each_fact_is_claimed_with_the_row_source_and_hedge():
    graph = graph_of(imported())
    derivation = _derivation_of(graph, HF["acme/rumoured"])
    [claim] = [c for c in graph.subjects(RDF.subject, derivation) if graph.value(c, RDF.predicate) == AIKG.sourceModel]
    assert graph.value(claim, AIKG.source) == URIRef("https://news.example/rumour")
    assert graph.value(claim, AIKG.hedge) == VOCAB.possible
    assert graph.value(claim, AIKG.attribution) == URIRef("https://news.example/")
    unhedged = [c for c in graph.subjects(RDF.subject, HF["mergers/blend-8b"]) if graph.value(c, RDF.predicate) == AIKG.license]
    assert [graph.value(c, AIKG.hedge) for c in unhedged] == [VOCAB.stated]  # the default


def test_bad_rows_are_errors_with_their_line_and_column():
    found = {(e.line, e.message.split(":")[0]) for e in imported().errors}
    assert found == {(9, "column relation"), (10, "column hedge"), (11, "column id"), (12, "column source"),
                     (13, "column base"), (14, "3 cells where the header has 8 (row skipped)"), (15, "column license")}
    assert (HF["acme/bad-relation"], None, None) not in graph_of(imported())


def test_cli_exits_3_and_still_writes_the_good_rows(run, tmp_path):
    out = tmp_path / "lineage.ttl"
    result = run("import", "csv", TABLE, "-o", out)
    assert result.exit_code == 3
    assert f"{TABLE}:10: error: column hedge: 'sure' is not one of" in result.stderr
    assert (HF["mergers/blend-8b"], AIKG.license, None) in Graph().parse(out)


def test_what_the_csv_import_writes_validates(tmp_path):
    assert_valid_with_the_bundle(imported(), tmp_path)


def test_a_table_without_the_needed_columns_is_exit_3(run, tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("name,base\nx,y\n")
    result = run("import", "csv", table)
    assert result.exit_code == 3
    assert "lacks the column(s) id, source" in result.stderr


def test_a_table_with_an_unclosed_quote_is_reported_not_a_crash(run, tmp_path):
    table = tmp_path / "t.csv"
    table.write_text('id,source\n"acme/x,https://example.org/\n' + "x" * 200_000 + "\n")
    result = run("import", "csv", table)
    assert result.exit_code == 3
    assert "not a readable CSV table" in result.stderr
