"""Every namespace IRI aikg names, and the prefix tables built from them, defined once.

Plain strings, so that importing this module costs nothing; code that needs
terms writes ``pyoxigraph.NamedNode(OWL + "Class")``.
"""

from __future__ import annotations

# aikg's own namespaces.
AIKG = "https://w3id.org/aikg/ont#"  # the ontology's terms
AIKG_ONTOLOGY = "https://w3id.org/aikg/ont"  # the ontology itself
AIKG_ID = "https://w3id.org/aikg/id/"  # the things the graph describes
AIKG_SOURCE = "https://w3id.org/aikg/source/"  # source documents
AIKG_VOCAB = "https://w3id.org/aikg/vocab/"  # controlled vocabularies (SKOS concepts)
AIKG_SHAPES = "https://w3id.org/aikg/shapes#"  # SHACL shapes
AIKG_GRAPH = "https://w3id.org/aikg/graph/"  # named graphs in a triple store

# W3C and other vocabularies.
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ODRL = "http://www.w3.org/ns/odrl/2/"
SCHEMA = "https://schema.org/"
SCHEMA_HTTP = "http://schema.org/"  # schema.org's older IRIs, still common in data
DCTERMS = "http://purl.org/dc/terms/"
WIKIDATA = "http://www.wikidata.org/entity/"
SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"  # the XML results format

AIKG_PREFIXES = {
    "aikg": AIKG,
    "aikgd": AIKG_ID,
    "aikgs": AIKG_SOURCE,
    "aikgv": AIKG_VOCAB,
    "aikgsh": AIKG_SHAPES,
    "prov": PROV,
    "schema": SCHEMA,
    "skos": SKOS,
    "odrl": ODRL,
    "wd": WIKIDATA,
    "sh": SH,
}


CORE_PREFIXES = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}


def sparql_prologue(*prefixes: str) -> str:
    """``PREFIX`` declarations for the named prefixes (aikg's or the core ones), one a line."""
    known = {**CORE_PREFIXES, **AIKG_PREFIXES}
    return "".join(f"PREFIX {prefix}: <{known[prefix]}>\n" for prefix in prefixes)
