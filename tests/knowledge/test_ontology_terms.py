"""Every term is labelled, defined and tied to the ontology; names follow the conventions."""

from __future__ import annotations

import re

from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

ONT = URIRef("https://w3id.org/aikg/ont")
NS = "https://w3id.org/aikg/ont#"
VOCAB = "https://w3id.org/aikg/vocab/"


def _terms(graph, namespace, kinds):
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(namespace)}


def _english(graph, term, prop):
    return [o for o in graph.objects(term, prop) if isinstance(o, Literal) and o.language == "en"]


def test_version_matches_package(ontology_graph):
    import aikg

    assert str(ontology_graph.value(ONT, OWL.versionInfo)) == aikg.__version__
    assert ontology_graph.value(ONT, OWL.versionIRI) == URIRef(f"https://w3id.org/aikg/ont/releases/{aikg.__version__}")


def test_alignment_files_carry_the_same_version(bundled_graph):
    import aikg

    for header in bundled_graph.subjects(RDF.type, OWL.Ontology):
        if str(header).startswith("https://w3id.org/aikg/ont"):
            assert str(bundled_graph.value(header, OWL.versionInfo)) == aikg.__version__, header


def test_every_term_is_labelled_defined_and_tied_to_the_ontology(ontology_graph):
    terms = _terms(ontology_graph, NS, [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
    terms |= _terms(ontology_graph, VOCAB, [SKOS.Concept, SKOS.ConceptScheme])
    assert len(terms) > 150
    problems = []
    for term in sorted(terms):
        if len(_english(ontology_graph, term, RDFS.label)) != 1:
            problems.append(f"{term}: needs exactly one English rdfs:label")
        if len(_english(ontology_graph, term, SKOS.definition)) != 1:
            problems.append(f"{term}: needs exactly one English skos:definition")
        if (term, RDFS.isDefinedBy, ONT) not in ontology_graph:
            problems.append(f"{term}: rdfs:isDefinedBy must be the ontology")
    assert problems == []


def test_naming_conventions(ontology_graph):
    classes = _terms(ontology_graph, NS, [OWL.Class])
    props = _terms(ontology_graph, NS, [OWL.ObjectProperty, OWL.DatatypeProperty])
    bad = [str(c) for c in classes if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", str(c)[len(NS):])]
    bad += [str(p) for p in props if not re.fullmatch(r"[a-z][A-Za-z0-9]*", str(p)[len(NS):])]
    assert bad == []
    assert not classes & props


def test_concepts_belong_to_a_scheme(ontology_graph):
    concepts = _terms(ontology_graph, VOCAB, [SKOS.Concept]) | set(
        ontology_graph.subjects(RDF.type, URIRef(NS + "AccessLevel")))
    schemes = _terms(ontology_graph, VOCAB, [SKOS.ConceptScheme])
    for concept in concepts:
        assert set(ontology_graph.objects(concept, SKOS.inScheme)) & schemes, concept
        assert _english(ontology_graph, concept, SKOS.prefLabel), concept


def test_epoch_and_hugging_face_values_are_matched(ontology_graph):
    """Every Epoch accessibility value and every Hugging Face base_model_relation value has an aikg match."""
    matched = set()
    for prop in (SKOS.exactMatch, SKOS.closeMatch):
        matched |= set(ontology_graph.objects(None, prop))
    for scheme in ("epoch-model-accessibility", "hf-base-model-relation"):
        members = set(ontology_graph.subjects(SKOS.inScheme, URIRef(VOCAB + scheme)))
        assert members and members <= matched, scheme
