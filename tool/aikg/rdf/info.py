"""Statistics about a graph: sizes per source, terms, ontology version."""

from __future__ import annotations

from dataclasses import dataclass, field

from aikg.namespaces import sparql_prologue
from aikg.rdf.parse import parse_all
from aikg.rdf.sources import as_inputs


@dataclass
class GraphInfo:
    sources: list[tuple[str, int]] = field(default_factory=list)  # (label, triples)
    triples: int = 0
    classes: int = 0
    properties: int = 0
    individuals: int = 0
    ontologies: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (iri, versionIRI, versionInfo)


_PROLOGUE = sparql_prologue("owl", "rdfs", "rdf")


_CLASSES = "SELECT (COUNT(DISTINCT ?c) AS ?n) { VALUES ?t { owl:Class rdfs:Class } ?c a ?t FILTER isIRI(?c) }"


_PROPERTY_TYPES = "owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property"


_PROPERTIES = f"SELECT (COUNT(DISTINCT ?p) AS ?n) {{ VALUES ?t {{ {_PROPERTY_TYPES} }} ?p a ?t }}"


_META_TYPES = (
    f"owl:Class rdfs:Class {_PROPERTY_TYPES} owl:Ontology owl:Restriction owl:TransitiveProperty "
    "owl:SymmetricProperty owl:FunctionalProperty owl:InverseFunctionalProperty"
)


_INDIVIDUALS = (
    "SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a ?c FILTER isIRI(?i) "
    f"FILTER NOT EXISTS {{ VALUES ?meta {{ {_META_TYPES} }} ?i a ?meta }} }}"
)


_ONTOLOGIES = "SELECT ?o ?v ?i { ?o a owl:Ontology OPTIONAL { ?o owl:versionIRI ?v } OPTIONAL { ?o owl:versionInfo ?i } } ORDER BY ?o"


def graph_info(paths=None, input_format: str | None = None) -> GraphInfo:
    """Counts for the given files (the bundled graph when none); every broken file is reported."""
    import pyoxigraph as ox

    info = GraphInfo()
    store = ox.Store()

    def add(source, quads) -> None:
        info.sources.append((source.label, len(quads)))
        store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)

    parse_all(as_inputs(paths, input_format), add)
    info.triples = len(store)

    def count(query: str) -> int:
        return int(next(iter(store.query(_PROLOGUE + query)))["n"].value)

    info.classes = count(_CLASSES)
    info.properties = count(_PROPERTIES)
    info.individuals = count(_INDIVIDUALS)
    for row in store.query(_PROLOGUE + _ONTOLOGIES):
        info.ontologies.append(
            (row["o"].value, row["v"].value if row["v"] else None, row["i"].value if row["i"] else None)
        )
    return info
