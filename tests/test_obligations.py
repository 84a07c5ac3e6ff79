"""aikg obligations: license clauses inherited along derivation paths."""

from __future__ import annotations

import csv
import io
import json

import pytest

from helpers import FIXTURES, assert_exit

D = "https://w3id.org/aikg/id/"
EX = "https://example.org/chains/"
CHAINS = FIXTURES / "licenses" / "chains.ttl"


@pytest.fixture(scope="module")
def bundled_store():
    from aikg.rdf.graphs import load_store

    return load_store()


@pytest.fixture(scope="module")
def chains_store():
    from aikg import bundle
    from aikg.rdf.graphs import load_store

    return load_store(list(bundle.graph_files()) + [CHAINS])


def found(store, model):
    from aikg.provenance.obligations import obligations

    return obligations(store, model)


def clauses(result):
    return {o.clause.iri.removeprefix(D) for o in result}


def test_avocado_gemma_pass_on_is_possible_and_cited(bundled_store):
    gemma = [o for o in found(bundled_store, "aikgd:avocado") if o.license.iri == D + "license-gemma-terms-of-use"]
    assert {o.clause.iri.removeprefix(D) for o in gemma} == {
        "duty-gemma-pass-on", "duty-gemma-notice", "prohibition-gemma-prohibited-uses"}
    for o in gemma:
        assert o.certainty == "possible"
        assert o.version == "from family"
        assert [k.iri.rsplit("/", 1)[1] for k in o.kinds] == ["distillation"]
        assert o.source.iri == "https://w3id.org/aikg/source/gemma-terms-of-use-2025-03-24"
        assert o.path[-1].iri == D + "gemma-unspecified-version"


def test_avocado_inherits_nothing_from_gpt_oss_apache(bundled_store):
    result = found(bundled_store, "Avocado (codename)")
    assert not [o for o in result if o.ancestor.iri == D + "gpt-oss-unspecified-version"]
    assert not [o for o in result if o.license.iri == D + "license-apache-2-0"]


def test_avocado_qwen_depends_on_the_version(bundled_store):
    qwen = [o for o in found(bundled_store, "aikgd:avocado") if o.ancestor.iri == D + "qwen-unspecified-version"]
    assert {o.license.iri.removeprefix(D) for o in qwen} == {"license-qwen", "license-qwen-research", "license-tongyi-qianwen"}
    for o in qwen:
        assert o.version == "depends on version"
        assert o.certainty == "possible"
        assert {c.iri.removeprefix(D) for c in o.candidates} == {
            "license-apache-2-0", "license-qwen", "license-qwen-research", "license-tongyi-qianwen"}
    assert "duty-qwen-built-with" in clauses(qwen)
    assert "duty-qwen-notice" not in clauses(qwen)  # a notice file goes with the weights, not with outputs


def test_depth_one_distillation_from_llama_4(chains_store):
    result = {o.clause.iri.removeprefix(D): o for o in found(chains_store, EX + "one")}
    assert result["duty-llama-4-name-prefix"].certainty == "unsourced"
    # distillation is only possibly covered by the redistribution, threshold and use-policy clauses
    for name in ("duty-llama-4-built-with", "duty-llama-4-user-threshold", "prohibition-llama-4-acceptable-use"):
        assert result[name].certainty == "possible"
    assert set(result) == {"duty-llama-4-name-prefix", "duty-llama-4-built-with",
                           "duty-llama-4-user-threshold", "prohibition-llama-4-acceptable-use"}


def test_depth_two_fine_tune_of_a_qwen_distillate(chains_store):
    result = found(chains_store, EX + "two")
    assert "duty-qwen-built-with" in clauses(result)
    assert "duty-qwen-notice" not in clauses(result)
    built = next(o for o in result if o.clause.iri == D + "duty-qwen-built-with")
    assert [k.label for k in built.kinds] == ["fine-tune", "distillation"]
    assert built.version == "known"
    assert [t.iri for t in built.path] == [EX + "two", EX + "two-base", D + "qwen2-5-72b"]


def test_depth_three_quantized_fine_tuned_distilled_from_gemma(chains_store):
    result = found(chains_store, EX + "three")
    assert clauses(result) == {"duty-gemma-pass-on", "duty-gemma-notice", "prohibition-gemma-prohibited-uses"}
    assert {len(o.path) for o in result} == {4}
    assert {o.version for o in result} == {"from family"}


def test_chain_through_an_apache_model_carries_no_duty(chains_store):
    assert found(chains_store, EX + "apache") == []


def test_depth_four_through_two_restrictive_licenses(chains_store):
    result = found(chains_store, EX + "four")
    assert "duty-llama-4-name-prefix" in clauses(result)  # from Four A's own Llama 4 license
    assert "duty-qwen-built-with" in clauses(result)  # from Qwen2.5-72B, four hops up
    qwen = next(o for o in result if o.clause.iri == D + "duty-qwen-built-with")
    assert [k.label for k in qwen.kinds] == ["quantization", "fine-tune", "fine-tune", "distillation"]
    llama = next(o for o in result if o.clause.iri == D + "duty-llama-4-name-prefix")
    assert len(llama.path) == 4


def test_model_without_ancestors_has_no_obligations(chains_store):
    assert found(chains_store, EX + "alone") == []


def test_cli_avocado_csv(run):
    result = run("obligations", "aikgd:avocado", "-f", "csv")
    assert_exit(result, 0)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["certainty"] for r in rows} == {"possible"}
    assert any("Gemma" in r["paths"] and r["clause"].endswith("duty-gemma-pass-on") for r in rows)
    assert len({r["clause"] for r in rows}) == len(rows)  # one row per clause


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "md"])
def test_cli_formats(run, fmt):
    result = run("obligations", "avocado", "--format", fmt)
    assert_exit(result, 0)
    assert "gemma" in result.stdout.lower()


def test_cli_empty_list_exits_zero(run):
    result = run("obligations", "aikgd:qwen3", "-f", "json")
    assert_exit(result, 0)
    assert json.loads(result.stdout) == []


def test_cli_unknown_model_exits_3_with_suggestion(run):
    result = run("obligations", "avocadoo")
    assert_exit(result, 3)
    assert "unknown model" in result.stderr and "did you mean" in result.stderr


def test_cli_reads_inputs_and_writes_output(run, tmp_path):
    out = tmp_path / "four.csv"
    from aikg import bundle

    args = [a for f in list(bundle.graph_files()) + [CHAINS] for a in ("-i", f)]
    result = run("obligations", "<https://example.org/chains/four>", *args, "-o", out, "-f", "csv")
    assert_exit(result, 0)
    assert "Built with Qwen" in out.read_text()


MERGE = """@prefix aikg: <https://w3id.org/aikg/ont#> .
@prefix aikgd: <https://w3id.org/aikg/id/> .
@prefix ex: <https://example.org/merge/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:left a aikg:Model ; rdfs:label "Left" ; aikg:fineTunedFrom aikgd:qwen2-5-72b .
ex:right a aikg:Model ; rdfs:label "Right" ; aikg:fineTunedFrom aikgd:qwen2-5-72b .
ex:merged a aikg:Model ; rdfs:label "Merged" ; aikg:mergedFrom ex:left, ex:right .
"""


@pytest.fixture
def merge_inputs(tmp_path):
    from aikg import bundle

    path = tmp_path / "merge.ttl"
    path.write_text(MERGE)
    return [a for f in list(bundle.graph_files()) + [path] for a in ("-i", f)]


def test_a_merge_lists_each_clause_once_with_every_path(run, merge_inputs):
    result = run("obligations", "Merged", *merge_inputs, "-f", "csv")
    assert_exit(result, 0)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    clauses = [r["clause"] for r in rows]
    assert clauses and len(clauses) == len(set(clauses))
    built = next(r for r in rows if r["clause"].endswith("duty-qwen-built-with"))
    assert "Left" in built["paths"] and "Right" in built["paths"]


def test_json_gives_paths_and_kinds_as_arrays(run, merge_inputs):
    doc = json.loads(run("obligations", "Merged", *merge_inputs, "-f", "json").stdout)
    built = next(o for o in doc if o["clause"]["iri"].endswith("duty-qwen-built-with"))
    assert len(built["paths"]) == 2
    for path in built["paths"]:
        assert [m["label"] for m in path["models"]][0] == "Merged"
        assert path["models"][-1]["iri"].endswith("qwen2-5-72b")
        assert path["kinds"] == ["merge", "fine-tune"]
    assert {p["models"][1]["label"] for p in built["paths"]} == {"Left", "Right"}
