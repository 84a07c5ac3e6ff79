"""`aikg import hf-card`: a folder of model cards becomes one lineage tree with claims;
messy metadata is a located warning, unreadable cards are exit 3 while the rest import."""

from __future__ import annotations

import re
import shutil
from functools import cache

import pytest
from rdflib import Graph, Literal, URIRef

from aikg import api
from helpers import FIXTURES
from interchange_checks import AIKG, AIKGD, HF, RDF, VOCAB, assert_valid_with_the_bundle, graph_of, write_turtle

CARDS = FIXTURES / "hf-cards"


@cache
def imported():
    return api.import_hf_cards([str(CARDS)])


def _derivation(graph: Graph, repo_id: str):
    return graph.value(predicate=AIKG.derivedModel, object=HF[repo_id])


def _sources(graph: Graph, repo_id: str) -> set[str]:
    return {str(s)[len(HF):] for s in graph.objects(_derivation(graph, repo_id), AIKG.sourceModel)}


def _kind(graph: Graph, repo_id: str):
    return graph.value(_derivation(graph, repo_id), AIKG.derivationKind)


def test_the_fixture_folder_has_at_least_25_cards():
    assert len(list(CARDS.rglob("README.md"))) >= 25


def test_cards_are_joined_into_one_tree_by_repo_id():
    graph = graph_of(imported())
    assert _sources(graph, "quant-house/llama-3.1-8b-chat-GGUF") == {"acme-ai/llama-3.1-8b-chat"}
    assert _sources(graph, "acme-ai/llama-3.1-8b-chat") == {"meta-llama/Llama-3.1-8B-Instruct"}
    assert _sources(graph, "meta-llama/Llama-3.1-8B-Instruct") == {"meta-llama/Llama-3.1-8B"}
    assert _derivation(graph, "meta-llama/Llama-3.1-8B") is None  # a base declares no base_model
    # the chain is one set of nodes: the fine-tune's model is the quantization's source
    assert (HF["acme-ai/llama-3.1-8b-chat"], AIKG.huggingFaceId, Literal("acme-ai/llama-3.1-8b-chat")) in graph


def test_merges_keep_every_base_once():
    graph = graph_of(imported())
    assert _sources(graph, "merge-lab/qwen-llama-slerp") == {"Qwen/Qwen2.5-7B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"}
    assert _sources(graph, "merge-lab/three-way-merge") == {
        "mistralai/Mistral-7B-v0.1", "hobbyist/mistral-ft", "acme-ai/llama-3.1-8b-chat"}
    assert _kind(graph, "merge-lab/three-way-merge") == VOCAB.merge
    assert (_derivation(graph, "merge-lab/three-way-merge"), None, AIKG.Merge) in graph


@pytest.mark.parametrize("repo_id, kind", [
    ("meta-llama/Llama-3.1-8B-Instruct", VOCAB.finetune),
    ("quant-house/llama-3.1-8b-chat-GGUF", VOCAB.quantized),
    ("adapters-r-us/qwen-sql-lora", VOCAB.adapter),
    ("hobbyist/crlf-card", VOCAB.adapter),
    ("merge-lab/qwen-llama-slerp", VOCAB.merge),
    ("quant-house/llama-3.1-8b-chat-AWQ", None),  # no base_model_relation: kind unknown
    ("hobbyist/distilled-student", None),
    ("hobbyist/unknown-relation", None),
    ("hobbyist/misspelled-keys", None),
])
def test_kinds_come_from_base_model_relation_only(repo_id, kind):
    assert _kind(graph_of(imported()), repo_id) == kind


def test_tag_hints_are_separate_inferred_claims_hedged_possible():
    graph = graph_of(imported())
    derivation = _derivation(graph, "quant-house/llama-3.1-8b-chat-AWQ")
    assert set(graph.objects(derivation, AIKG.inferredDerivationKind)) == {VOCAB.quantized}
    assert set(graph.objects(_derivation(graph, "hobbyist/distilled-student"), AIKG.inferredDerivationKind)) == {VOCAB.distillation}
    claims = [c for c in graph.subjects(RDF.subject, derivation)
              if graph.value(c, RDF.predicate) == AIKG.inferredDerivationKind]
    assert [graph.value(c, AIKG.hedge) for c in claims] == [VOCAB.possible]
    # a declared kind is never second-guessed by tags
    assert graph.value(_derivation(graph, "quant-house/llama-3.1-8b-chat-GGUF"), AIKG.inferredDerivationKind) is None


@pytest.mark.parametrize("repo_id, licences", [
    ("meta-llama/Llama-3.1-8B", {AIKGD["license-llama-3-1-community"]}),
    ("Qwen/Qwen2.5-7B", {AIKGD["license-apache-2-0"]}),
    ("merge-lab/qwen-llama-slerp", {AIKGD["license-qwen"]}),  # license: other + license_name
    ("google/gemma-2-9b", {AIKGD["license-gemma-terms-of-use"]}),
    ("hobbyist/licence-list", {AIKGD["license-apache-2-0"], AIKGD["license-mit"]}),
    ("hobbyist/uppercase-licence", {AIKGD["license-apache-2-0"]}),
    ("hobbyist/cc-licensed", {AIKGD["license-hub-cc-by-nc-4.0"]}),
    ("hobbyist/other-without-name", set()),
    ("hobbyist/misspelled-keys", set()),  # 'licence' is not read
])
def test_licences_resolve_to_the_catalogue_by_hub_id(repo_id, licences):
    assert set(graph_of(imported()).objects(HF[repo_id], AIKG.license)) == licences


def test_an_unknown_licence_is_an_unrecorded_node_with_its_id():
    graph = graph_of(imported())
    node = AIKGD["license-hub-cc-by-nc-4.0"]
    assert graph.value(node, AIKG.huggingFaceId) == Literal("cc-by-nc-4.0")
    assert graph.value(node, AIKG.opennessCategory) == VOCAB["license-not-recorded"]


def test_datasets_and_new_version():
    graph = graph_of(imported())
    assert set(graph.objects(HF["acme-ai/llama-3.1-8b-chat"], AIKG.trainedOn)) == {
        HF["datasets/acme-ai/support-chats"], HF["datasets/HuggingFaceH4/ultrachat_200k"]}
    assert graph.value(HF["Qwen/Qwen2.5-7B-Instruct"], AIKG.newVersion) == HF["Qwen/Qwen3-8B"]


def test_every_fact_about_a_model_is_claimed_with_the_card_owner_and_declared_hedge():
    graph = graph_of(imported())
    model = HF["acme-ai/llama-3.1-8b-chat"]
    claims = set(graph.subjects(RDF.subject, model))
    predicates = {graph.value(c, RDF.predicate) for c in claims}
    assert {AIKG.huggingFaceId, AIKG.developedBy, AIKG.license, AIKG.trainedOn} <= predicates
    own = [c for c in claims if str(graph.value(c, AIKG.source)).startswith(str(model) + "/")]
    assert own and all(graph.value(c, AIKG.attribution) == HF["acme-ai"] for c in own)
    assert {graph.value(c, AIKG.hedge) for c in own} == {VOCAB.declared}


def test_a_base_known_only_by_id_gets_its_id_as_label_and_namespace_as_hedged_developer():
    graph = graph_of(imported())
    base = HF["Qwen/Qwen3-8B"]  # only named by new_version
    assert graph.value(base, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == Literal("Qwen/Qwen3-8B", lang="en")
    assert graph.value(base, AIKG.developedBy) == HF["Qwen"]
    hedges = {graph.value(c, AIKG.hedge) for c in graph.subjects(RDF.subject, base)
              if graph.value(c, RDF.object) == HF["Qwen"]}
    assert hedges == {VOCAB.possible}
    # an id without a namespace is kept, and no developer is invented for it
    assert (HF["gpt2"], AIKG.developedBy, None) not in graph
    assert _sources(graph, "hobbyist/no-namespace-ft") == {"gpt2"}


EXPECTED_WARNINGS = [
    ("hobbyist/mistral-ft", 2, "is a URL, not a repo id; read as mistralai/Mistral-7B-v0.1"),
    ("hobbyist/local-path-ft", 2, "looks like a local path"),
    ("hobbyist/no-namespace-ft", 2, "has no namespace"),
    ("hobbyist/empty-base", 2, "base_model is an empty list"),
    ("hobbyist/self-base", 3, "names the model itself"),
    ("hobbyist/other-without-name", 4, "license: other without a license_name"),
    ("hobbyist/licence-list", 5, "license is given as a list"),
    ("hobbyist/misspelled-keys", 3, "did you mean 'base_model_relation'"),
    ("hobbyist/misspelled-keys", 4, "did you mean 'license'"),
    ("hobbyist/late-front-matter", 3, "does not begin on line 1"),
    ("hobbyist/crlf-card", 1, "CRLF"),
    ("hobbyist/unknown-relation", 3, "'quantization' is not one of"),
    ("hobbyist/no-metadata", 1, "no YAML metadata block"),
    ("hobbyist/cc-licensed", 4, "not in aikg's license catalogue"),
    ("hobbyist/uppercase-licence", 4, "read as the Hub id 'apache-2.0'"),
]


@pytest.mark.parametrize("repo_id, line, text", EXPECTED_WARNINGS)
def test_messy_metadata_is_a_warning_with_file_and_line(repo_id, line, text):
    where = str(CARDS / repo_id / "README.md")
    found = [w for w in imported().warnings if w.source == where and w.line == line and text in w.message]
    assert found, [w.render() for w in imported().warnings if w.source == where]


def test_unreadable_cards_are_errors_with_their_location_and_nothing_from_them_is_imported():
    errors = {(e.source[len(str(CARDS)) + 1:], e.line) for e in imported().errors}
    assert errors == {("broken/bad-yaml/README.md", 3), ("broken/unclosed/README.md", 1)}
    assert (HF["broken/bad-yaml"], None, None) not in graph_of(imported())


def test_cli_writes_the_good_cards_and_exits_3_naming_the_bad_ones(run, tmp_path):
    out = tmp_path / "tree.ttl"
    result = run("import", "hf-card", CARDS, "-o", out)
    assert result.exit_code == 3
    assert "broken/bad-yaml/README.md:3:8: error: metadata YAML does not parse" in result.stderr
    assert "hobbyist/crlf-card/README.md:1: warning: CRLF" in result.stderr
    assert "Traceback" not in result.stderr
    written = Graph().parse(out)
    assert (HF["quant-house/llama-3.1-8b-chat-GGUF"], AIKG.huggingFaceId, None) in written
    assert run("validate", "-i", out).exit_code == 0  # against the bundled model, as the README shows


def test_what_the_import_writes_validates_and_passes_the_quality_checks(tmp_path):
    assert_valid_with_the_bundle(imported(), tmp_path)
    out = tmp_path / "tree.ttl"
    write_turtle(imported(), out)
    checked = api.check([str(out)])
    assert not checked.failures, [f.query.name for f in checked.failures]


def test_the_written_turtle_is_in_subject_order_and_declares_only_the_prefixes_it_uses(run, tmp_path):
    out = tmp_path / "tree.ttl"
    run("import", "hf-card", CARDS, "-o", out)
    lines = out.read_text().splitlines()
    declared = dict(re.findall(r"^@prefix ([\w-]*): <([^>]*)> \.$", "\n".join(lines), re.M))
    body = [line for line in lines if not line.startswith("@prefix")]
    used = {p for p in declared if any(re.search(rf"(?<![\w<]){p}:", line) for line in body)}
    assert used == set(declared) and {"aikg", "aikgd", "schema"} <= used

    def iri(name: str) -> str:
        return name[1:-1] if name.startswith("<") else declared[name.split(":")[0]] + name.split(":", 1)[1]

    subjects = [iri(line.split()[0]) for line in body if line and not line[0].isspace()]
    assert subjects == sorted(set(subjects))  # each subject once, in IRI order


def test_stdin_with_repo_id_and_revision(run):
    card = (CARDS / "hobbyist/mistral-ft/README.md").read_text()
    result = run("import", "hf-card", "-", "--repo-id", "someone/piped", "--revision", "abc123", "-f", "ntriples", input=card)
    assert result.exit_code == 0, result.stderr
    assert "<https://huggingface.co/someone/piped/blob/abc123/README.md>" in result.stdout
    assert "<stdin>:2: warning:" in result.stderr


def test_a_hub_cache_path_gives_repo_id_and_revision(tmp_path):
    sha = "0123456789abcdef0123456789abcdef01234567"
    card = tmp_path / "models--acme--cached-model" / "snapshots" / sha / "README.md"
    card.parent.mkdir(parents=True)
    shutil.copy(CARDS / "hobbyist/mistral-ft/README.md", card)
    graph = graph_of(api.import_hf_cards([str(tmp_path)]))
    assert (HF["acme/cached-model"], AIKG.license, AIKGD["license-apache-2-0"]) in graph
    assert (URIRef(f"https://huggingface.co/acme/cached-model/blob/{sha}/README.md"), None, None) in graph


def test_a_card_whose_repository_is_unknown_is_exit_3(run, tmp_path):
    card = tmp_path / "README.md"
    card.write_text("---\nlicense: mit\n---\n")
    result = run("import", "hf-card", card)
    assert result.exit_code == 3
    assert "--repo-id" in result.stderr


def test_missing_path_is_exit_3(run, tmp_path):
    result = run("import", "hf-card", tmp_path / "nowhere")
    assert result.exit_code == 3
    assert "no such file or folder" in result.stderr


def test_a_quantized_llama_3_1_derivative_inherits_the_built_with_and_name_prefix_duties(tmp_path, run):
    tree = tmp_path / "tree.ttl"
    write_turtle(imported(), tree)
    found = api.obligations("quant-house/llama-3.1-8b-chat-GGUF", inputs=[str(tree)])
    duties = {str(AIKGD["duty-llama-3-1-built-with"]), str(AIKGD["duty-llama-3-1-name-prefix"])}
    assert duties <= {o.clause.iri for o in found.rows}
    base = str(HF["meta-llama/Llama-3.1-8B"])  # inherited along the chain from the base, through the fine-tunes
    assert any(o.clause.iri in duties and base in {t.iri for t in o.path} for o in found.rows)
    result = run("obligations", "-i", tree, "quant-house/llama-3.1-8b-chat-GGUF", "-f", "csv")
    assert result.exit_code == 0 and "Built with Llama" in result.stdout


LAUGHS = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(9)) + "license: mit\n---\n"


@pytest.mark.parametrize("text, exit_code, message", [
    (LAUGHS, 0, None),  # aliases are read once, never expanded
    ("---\nbase_model: &a [*a]\n---\n", 3, "nested more than"),
    ("---\n" + "[" * 5000 + "\n---\n", 3, "metadata YAML"),
    ("---\nbase_model: !!python/object:os.system echo\n---\n", 0, None),  # safe loader: a tag is only text here
    ("\x00\x01binary\xff", 3, "not UTF-8"),
])
def test_hostile_cards_never_crash(run, tmp_path, text, exit_code, message):
    card = tmp_path / "evil--card.md"
    card.write_bytes(text.encode("latin-1") if "\xff" in text else text.encode())
    result = run("import", "hf-card", card)
    assert result.exit_code == exit_code, result.stderr
    assert message is None or message in result.stderr
