"""OWL RL inferences the ontology is designed to give: by aikg's rule engine (the default) and by owlrl."""

from __future__ import annotations

import pytest
from rdflib import RDF, Namespace, URIRef

from helpers import FIXTURES

A = Namespace("https://w3id.org/aikg/ont#")
D = Namespace("https://w3id.org/aikg/id/")
V = Namespace("https://w3id.org/aikg/vocab/")
EX = Namespace("https://example.org/fx/")
TEACHERS = {D["gemma-unspecified-version"], D["gpt-oss-unspecified-version"], D["qwen-unspecified-version"]}
ENGINES = ("rules", "owlrl")


def closure(paths, engine: str):
    """The OWL 2 RL closure of the files as an rdflib graph (for the assertions' convenience)."""
    from aikg.rdf.rdflib_bridge import rdflib_graph

    if engine == "owlrl":
        from aikg.engines.reference import reason
        from aikg.rdf.rdflib_bridge import load_graph

        return reason(load_graph(paths), "owlrl")
    from aikg.engines.fast import reason_store
    from aikg.rdf.graphs import load_store

    return rdflib_graph(reason_store(load_store(paths), "owlrl"), keep_blank_ids=True)


@pytest.fixture(scope="module", params=ENGINES)
def reasoned_graph(request):
    """The bundled graph's closure, by each engine (shadows the session's owlrl closure)."""
    from aikg import bundle

    return closure(bundle.graph_files(), request.param)


@pytest.fixture(scope="module", params=ENGINES)
def lineage(request):
    from aikg import bundle

    core = [p for p in bundle.ontology_files() if p.name in ("aikg.ttl", "vocabularies.ttl")]
    return closure([*core, FIXTURES / "reasoning" / "lineage.ttl"], request.param)


def test_distillation_node_gives_distilled_from_and_derived_from(reasoned_graph, bundled_graph):
    assert set(bundled_graph.objects(D.avocado, A.distilledFrom)) == set()
    assert set(reasoned_graph.objects(D.avocado, A.distilledFrom)) == TEACHERS
    assert set(reasoned_graph.objects(D.avocado, A.derivedFrom)) == TEACHERS


def test_avocado_is_planned_closed_but_not_closed_or_open(reasoned_graph):
    types = set(reasoned_graph.objects(D.avocado, RDF.type))
    assert A.PlannedClosedModel in types
    assert A.ClosedModel not in types
    assert A.OpenWeightModel not in types


def test_open_weight_models_and_families_are_classified(reasoned_graph):
    open_models = set(reasoned_graph.subjects(RDF.type, A.OpenWeightModel))
    assert {D["llama-4"], D.qwen3, D["qwen2-5-3b"]} <= open_models
    assert D.avocado not in open_models
    families = set(reasoned_graph.subjects(RDF.type, A.OpenWeightModelFamily))
    assert families == {D.gemma, D["gpt-oss"], D.qwen, D.llama}


def test_family_licenses_and_developers_follow_from_versions(reasoned_graph, bundled_graph):
    assert set(bundled_graph.objects(D.qwen, A.license)) == set()
    assert set(reasoned_graph.objects(D.qwen, A.license)) == {
        D["license-apache-2-0"], D["license-qwen"], D["license-qwen-research"], D["license-tongyi-qianwen"]}
    assert (D.qwen3, A.developedBy, D.alibaba) not in bundled_graph
    assert (D.qwen3, A.developedBy, D.alibaba) in reasoned_graph


def test_role_assignment_gives_works_for(reasoned_graph):
    assert (D["alexandr-wang"], A.worksFor, D.meta) in reasoned_graph
    assert (D["jensen-huang"], A.worksFor, D.nvidia) in reasoned_graph


def test_competition_is_symmetric_and_parent_organisation_reaches_alignments(reasoned_graph):
    assert (D.openai, A.competitorOf, D.meta) in reasoned_graph
    assert (D["tbd-lab"], URIRef("https://schema.org/parentOrganization"), D.meta) in reasoned_graph
    assert (D.avocado, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), D["qwen-unspecified-version"]) in reasoned_graph


def test_derived_from_is_transitive_across_derivation_kinds(lineage):
    assert (EX.c, A.derivedFrom, EX.b) in lineage
    assert (EX.b, A.distilledFrom, EX.a) in lineage
    assert (EX.c, A.derivedFrom, EX.a) in lineage
    assert (EX.c, A.distilledFrom, EX.a) not in lineage  # distillation is not transitive through a fine-tune


def test_derivation_kind_classifies_the_node(lineage):
    assert (EX["b-from-a"], RDF.type, A.Distillation) in lineage
    assert (EX["c-from-b"], RDF.type, A.FineTuning) in lineage
    assert (EX["c-from-b"], RDF.type, A.Distillation) not in lineage


def test_closed_student_of_open_teacher(lineage):
    assert (EX.b, RDF.type, A.ClosedModel) in lineage
    assert (EX.a, RDF.type, A.OpenWeightModel) in lineage
    assert (EX.c, RDF.type, A.ClosedModel) not in lineage  # access is not inherited
