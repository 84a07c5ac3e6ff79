"""Every namespace IRI aikg names, and the prefix tables built from them, defined once."""

from __future__ import annotations

AIKG_PREFIXES = {
    "aikg": "https://w3id.org/aikg/ont#",
    "aikgd": "https://w3id.org/aikg/id/",
    "aikgs": "https://w3id.org/aikg/source/",
    "aikgv": "https://w3id.org/aikg/vocab/",
    "aikgsh": "https://w3id.org/aikg/shapes#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "wd": "http://www.wikidata.org/entity/",
    "sh": "http://www.w3.org/ns/shacl#",
}


def prefix_hint(prefix: str, declaration: str, where: str) -> str:
    """What to write to declare ``prefix``, with its usual IRI when it has one."""
    iri = well_known_namespace(prefix)
    if iri:
        return f"{where}: " + declaration.format(prefix=prefix, iri=iri)
    return f"{where}: " + declaration.format(prefix=prefix, iri="…")


def well_known_namespace(prefix: str) -> str | None:
    """The IRI ``prefix`` usually stands for (aikg's own and rdflib's list)."""
    from aikg.namespaces import AIKG_PREFIXES
    from rdflib import Graph

    if prefix in AIKG_PREFIXES:
        return AIKG_PREFIXES[prefix]
    return {p: str(iri) for p, iri in Graph(bind_namespaces="rdflib").namespaces()}.get(prefix)


CORE_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
