"""SPDX 3.0.1: `aikg export spdx3` validates against the official SHACL model and imports back
to the same lineage; `aikg import spdx3` reads an AI-BOM keeping ids, licenses and datasets."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from aikg import api
from aikg.interchange.spdxterms import CLASSES, CONTEXT_URL, PROPERTIES, TERMS
from helpers import FIXTURES, SHARED
from interchange_checks import AIKG, AIKGD, assert_valid_with_the_bundle, graph_of, write_turtle

SPDX_DIR = SHARED / "reference" / "spdx"
MODEL = SPDX_DIR / "spdx-model.ttl"
CONTEXT = SPDX_DIR / "spdx-context.jsonld"
BOM = FIXTURES / "spdx" / "ai-bom.spdx.json"
BROKEN = FIXTURES / "spdx" / "broken.spdx.json"
EX = Namespace("https://example.org/spdx/")

needs_spdx = pytest.mark.skipif(not MODEL.is_file(), reason="the SPDX 3.0.1 model (../shared/reference/spdx) is not here")


@cache
def exported(expanded: bool) -> str:
    import os
    from unittest import mock

    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": "1735689600"}):  # both forms with one timestamp
        return api.export_spdx3(expanded=expanded)


def _ntriples(text: str, with_local_context: bool = False) -> bytes:
    """A JSON-LD document as N-Triples, parsed by pyoxigraph (which keeps every literal as written);
    a compacted one is read with the local copy of the official context (never fetched)."""
    import pyoxigraph as ox

    if with_local_context:
        document = json.loads(text)
        assert document["@context"] == CONTEXT_URL
        document["@context"] = json.loads(CONTEXT.read_text())["@context"]
        text = json.dumps(document)
    quads = ox.parse(text.encode(), format=ox.RdfFormat.JSON_LD)
    return ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)


def _spdx_validate(tmp_path, ntriples: bytes, name: str = "doc.nt") -> subprocess.CompletedProcess:
    """aikg's own `validate` with the SPDX model as shapes; the model's class hierarchy is read as data
    (as pySHACL's ontology graph would be), with no inference. In a fresh process: once owlrl has run,
    rdflib rewrites xsd:dateTimeStamp literals (…Z → …+00:00) and SPDX's patterns would fail."""
    data = tmp_path / name
    data.write_bytes(ntriples)
    return subprocess.run([sys.executable, "-m", "aikg", "validate", "--with", "none", "-i", str(data), "-i", str(MODEL),
                           "-s", str(MODEL)],
                          capture_output=True, text=True, timeout=300)


@needs_spdx
def test_the_term_table_matches_the_official_context():
    context = json.loads(CONTEXT.read_text())["@context"]
    for name, path in CLASSES.items():
        assert context[name] == TERMS + path, name
    for name, (path, _) in PROPERTIES.items():
        assert context[name]["@id"] == TERMS + path, name


@needs_spdx
def test_the_expanded_export_is_the_compacted_one_read_with_the_official_context():
    from rdflib.compare import isomorphic

    expanded = Graph().parse(data=_ntriples(exported(True)), format="nt")
    assert len(expanded) > 100
    assert isomorphic(expanded, Graph().parse(data=_ntriples(exported(False), with_local_context=True), format="nt"))


@needs_spdx
@pytest.mark.slow
def test_the_export_of_the_bundled_models_validates_against_the_spdx_model(tmp_path, run):
    out = tmp_path / "models.jsonld"
    assert run("export", "spdx3", "--expanded", "-o", out).exit_code == 0
    result = _spdx_validate(tmp_path, out.read_bytes(), name="models.jsonld")
    assert result.returncode == 0, result.stdout[:2000]


@needs_spdx
def test_spdx_validation_does_catch_a_broken_document(tmp_path):
    assert _spdx_validate(tmp_path, _ntriples(exported(True))).returncode == 0
    lines = _ntriples(exported(True)).decode().splitlines(keepends=True)
    without_from = "".join(line for line in lines if f"<{TERMS}Core/from>" not in line)
    result = _spdx_validate(tmp_path, without_from.encode())
    assert result.returncode == 1
    assert "Less than 1 values" in result.stdout and "from" in result.stdout and "created" not in result.stdout


def _store(data):
    """``data`` (an importer's graph, or a store) as the pyoxigraph Store the provenance code reads."""
    import pyoxigraph as ox
    from aikg.rdf.rdflib_bridge import to_oxigraph

    if isinstance(data, ox.Store):
        return data
    store = ox.Store()
    store.bulk_extend(ox.Quad(*map(to_oxigraph, triple)) for triple in data)
    return store


def _derivations(data) -> set[tuple[str, str, str | None]]:
    from aikg.provenance.lineage import extract

    return {(e.derived, e.source, e.kind.iri if e.kind else None) for e in extract(_store(data)).edges}


def _model_licences(data) -> set[tuple[str, str]]:
    from aikg.provenance.lineage import describe_model, models

    store = _store(data)
    return {(m, t.iri) for m in models(store) for t in describe_model(store, m).licenses}


def test_export_then_import_gives_the_same_lineage(tmp_path):
    from aikg.rdf.graphs import load_store

    document = tmp_path / "models.spdx.json"
    document.write_text(exported(False))
    back = api.import_spdx3([str(document)])
    assert back.errors == []
    bundled = load_store()
    assert _derivations(back.store) == _derivations(bundled) != set()
    assert _model_licences(back.store) == _model_licences(bundled) != set()


def test_an_import_of_hf_cards_survives_the_round_trip(tmp_path):
    cards = api.import_hf_cards([str(FIXTURES / "hf-cards" / "meta-llama"), str(FIXTURES / "hf-cards" / "acme-ai"),
                                 str(FIXTURES / "hf-cards" / "quant-house")])
    tree = tmp_path / "tree.ttl"
    write_turtle(cards, tree)
    document = tmp_path / "tree.spdx.json"
    document.write_text(api.export_spdx3(inputs=[str(tree)]))
    back = graph_of(api.import_spdx3([str(document)]))
    assert _derivations(back) == _derivations(graph_of(cards))
    assert len(_derivations(back)) == 4
    model = URIRef("https://huggingface.co/acme-ai/llama-3.1-8b-chat")
    assert set(back.objects(model, AIKG.trainedOn)) == set(graph_of(cards).objects(model, AIKG.trainedOn))
    assert back.value(model, AIKG.huggingFaceId) == Literal("acme-ai/llama-3.1-8b-chat")


@cache
def bom():
    return api.import_spdx3([str(BOM)])


def test_an_ai_bom_keeps_spdx_ids_and_trained_on_through_contains():
    graph = graph_of(bom())
    support = EX["model/support-7b"]
    assert (support, None, AIKG.Model) in graph
    assert graph.value(support, AIKG.trainedOn) == EX["dataset/support-tickets"]  # carried by the weights file
    assert graph.value(support, AIKG.testedOn) == EX["dataset/eval-set"]
    assert (EX["dataset/support-tickets"], None, AIKG.Dataset) in graph
    assert graph.value(support, AIKG.developedBy) == EX["org/acme"]


def test_an_ai_bom_keeps_declared_and_concluded_licences_apart():
    graph = graph_of(bom())
    support = EX["model/support-7b"]
    assert set(graph.objects(support, AIKG.license)) == {AIKGD["license-apache-2-0"]}  # resolved to the catalogue
    assert set(graph.objects(support, AIKG.concludedLicense)) == {EX["license/acme-model-terms"]}
    assert (EX["model/support-7b-int4"], AIKG.concludedLicense, None) not in graph  # NoAssertion says nothing


def test_an_ai_bom_lineage_from_descendant_of_and_has_variant():
    graph = graph_of(bom())
    assert _derivations(graph) == {
        (str(EX["model/support-7b"]), str(EX["model/base-7b"]), None),
        (str(EX["model/support-7b-int4"]), str(EX["model/support-7b"]), None),
    }
    assert (EX["rel/support-descends-from-base"], AIKG.derivedModel, EX["model/support-7b"]) in graph
    assert graph.value(EX["model/base-7b"], AIKG.huggingFaceId) == Literal("upstream/base-7b")


def test_an_ai_bom_import_validates_against_the_bundled_model(tmp_path):
    assert_valid_with_the_bundle(bom(), tmp_path)


@needs_spdx
def test_the_hand_written_ai_bom_is_valid_spdx(tmp_path):
    result = _spdx_validate(tmp_path, _ntriples(BOM.read_text(), with_local_context=True))
    assert result.returncode == 0, result.stdout[:2000]


def test_a_dangling_reference_is_a_warning_with_its_line(tmp_path):
    assert bom().warnings == []
    document = json.loads(BOM.read_text())
    document["@graph"].insert(1, {"type": "Relationship", "spdxId": "https://example.org/spdx/rel/dangling",
                                  "from": "https://example.org/spdx/model/not-in-this-document",
                                  "relationshipType": "descendantOf", "to": ["https://example.org/spdx/model/base-7b"],
                                  "creationInfo": "_:creationinfo"})
    path = tmp_path / "dangling.spdx.json"
    path.write_text(json.dumps(document, indent=1))
    [warning] = api.import_spdx3([str(path)]).warnings
    assert '"spdxId": "https://example.org/spdx/rel/dangling"' in path.read_text().splitlines()[warning.line - 1]
    assert "not-in-this-document" in warning.message


def test_a_broken_document_is_exit_3_with_its_location_and_the_others_still_import(run, tmp_path):
    out = tmp_path / "out.ttl"
    result = run("import", "spdx3", BROKEN, BOM, "-o", out)
    assert result.exit_code == 3
    assert f"{BROKEN}:5:3: error: not JSON" in result.stderr
    assert (EX["model/support-7b"], AIKG.trainedOn, None) in Graph().parse(out)


@needs_spdx
def test_a_context_file_flags_names_it_does_not_define(tmp_path):
    document = json.loads(BOM.read_text())
    document["@graph"][3]["software_downloadLocaton"] = "https://example.org/typo"
    path = tmp_path / "typo.spdx.json"
    path.write_text(json.dumps(document, indent=1))
    imported = api.import_spdx3([str(path)], context=str(CONTEXT))
    assert any("'software_downloadLocaton' is not a term" in w.message for w in imported.warnings)


def test_hostile_documents_are_exit_3_never_a_crash(run, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000)
    not_spdx = tmp_path / "list.json"
    not_spdx.write_text('{"@graph": [1, 2]}')
    result = run("import", "spdx3", deep, not_spdx)
    assert result.exit_code == 3
    assert "nested too deeply" in result.stderr and "no @graph list of objects" in result.stderr


def test_an_spdx_id_that_is_not_an_iri_is_a_warning_and_skipped(run, tmp_path):
    document = json.loads(BOM.read_text())
    model = next(n for n in document["@graph"] if n.get("type") == "ai_AIPackage")
    model["suppliedBy"] = "SPDXRef-acme"  # SPDX 2 style: no IRI, so no RDF node can carry it
    document["@graph"].append({"type": "dataset_DatasetPackage", "spdxId": "not an iri", "name": "Bad"})
    document["@graph"].append({"type": "Relationship", "spdxId": "https://example.org/spdx/rel/bad-data",
                               "from": model["spdxId"], "relationshipType": "trainedOn", "to": ["not an iri"]})
    path = tmp_path / "relative.spdx.json"
    path.write_text(json.dumps(document, indent=1))
    imported = api.import_spdx3([str(path)])
    skipped = [w for w in imported.warnings if "is not an absolute IRI" in w.message]
    assert sorted(w.message.split("'")[1] for w in skipped) == ["SPDXRef-acme", "not an iri"]  # once each
    assert (URIRef(model["spdxId"]), AIKG.developedBy, None) not in graph_of(imported)
    result = run("import", "spdx3", path, "-f", "ntriples")
    assert result.exit_code == 0 and "Traceback" not in result.stderr


@pytest.mark.parametrize("models,inputs", [((), ()), (("aikgd:avocado",), ()), ((), (FIXTURES / "viz" / "lineage.ttl",))])
def test_the_export_has_the_models_edges_and_licenses_rdflib_s_engine_finds(models, inputs):
    """api.export_spdx3 reads a pyoxigraph store; rdflib's SPARQL engine over the same files is the
    reference: one package per model (the named ones and their ancestors), one descendantOf per
    derivation edge, a model's own licenses declared."""
    import reference_lineage as reference

    files = api._with_bundled(list(inputs), None, input_format=None)
    expected_edges = reference.edges(files)
    document = json.loads(api.export_spdx3(models, inputs=inputs))["@graph"]
    packages = {n["spdxId"] for n in document if n["type"] == "ai_AIPackage"}
    if models:
        expected_edges = reference.around(expected_edges, ["https://w3id.org/aikg/id/avocado"], down=False)
        assert packages == {end for edge in expected_edges for end in edge}
    else:
        assert packages == reference.models(files)
    relations = [n for n in document if n["type"] == "Relationship"]
    assert {(s, n["from"]) for n in relations if n["relationshipType"] == "descendantOf" for s in n["to"]} == expected_edges
    declared = {n["from"]: set(n["to"]) for n in relations if n["relationshipType"] == "hasDeclaredLicense"}
    own = {m: licences for m, licences in reference.own_licenses(files).items() if m in packages}
    assert all(declared[m] == licences for m, licences in own.items())
    assert own or models  # the whole graph's models carry licenses of their own: this can fail
