"""Statistics about a graph: sizes per source, terms, ontology version."""

from __future__ import annotations

from dataclasses import dataclass, field

from aikg.rdf.parse import parse_quads
from aikg.rdf.sources import sources_for


@dataclass
class GraphInfo:
    sources: list[tuple[str, int]] = field(default_factory=list)  # (label, triples)
    triples: int = 0
    classes: int = 0
    properties: int = 0
    individuals: int = 0
    ontologies: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (iri, versionIRI, versionInfo)


def graph_info(paths=None, input_format: str | None = None) -> GraphInfo:
    """Counts for the given files (the bundled graph when none)."""
    import pyoxigraph as ox

    info = GraphInfo()
    store = ox.Store()
    for source in sources_for(paths, input_format):
        quads = parse_quads(source)
        info.sources.append((source.label, len(quads)))
        store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    info.triples = len(store)

    def count(query: str) -> int:
        return int(next(iter(store.query(query)))["n"].value)

    prefix = (
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
    )
    info.classes = count(prefix + "SELECT (COUNT(DISTINCT ?c) AS ?n) { VALUES ?t { owl:Class rdfs:Class } ?c a ?t FILTER isIRI(?c) }")
    info.properties = count(
        prefix
        + "SELECT (COUNT(DISTINCT ?p) AS ?n) { VALUES ?t { owl:ObjectProperty owl:DatatypeProperty "
        "owl:AnnotationProperty rdf:Property } ?p a ?t }"
    )
    info.individuals = count(
        prefix
        + "SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a ?c FILTER isIRI(?i) "
        "FILTER NOT EXISTS { VALUES ?meta { owl:Class rdfs:Class owl:ObjectProperty owl:DatatypeProperty "
        "owl:AnnotationProperty rdf:Property owl:Ontology owl:Restriction owl:TransitiveProperty "
        "owl:SymmetricProperty owl:FunctionalProperty owl:InverseFunctionalProperty } ?i a ?meta } }"
    )
    for row in store.query(
        prefix + "SELECT ?o ?v ?i { ?o a owl:Ontology OPTIONAL { ?o owl:versionIRI ?v } "
        "OPTIONAL { ?o owl:versionInfo ?i } } ORDER BY ?o"
    ):
        info.ontologies.append(
            (row["o"].value, row["v"].value if row["v"] else None, row["i"].value if row["i"] else None)
        )
    return info
