"""Hub license ids resolved against aikg's license catalogue (the bundled graph)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from aikg.namespaces import AIKG, AIKG_ID, AIKG_VOCAB, RDF
from aikg.interchange.builder import LineageGraph, Provenance, iri


@dataclass(frozen=True)
class Catalogue:
    by_hub_id: dict[str, str]  # Hub license id -> license IRI
    by_spdx_id: dict[str, str]  # lower-cased SPDX id -> license IRI
    all: frozenset[str]  # every license IRI


@cache
def catalogue() -> Catalogue:
    """The bundled licenses by their Hugging Face ids and SPDX ids."""
    import pyoxigraph as ox
    from aikg.rdf.graphs import load_store

    store = load_store()  # the bundled graph, from its cache

    def values(licence, name: str) -> list[str]:
        return [q.object.value for q in store.quads_for_pattern(licence, ox.NamedNode(AIKG + name), None)]

    hub, spdx = {}, {}
    licences = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(AIKG + "License"))}
    for licence in licences:
        for value in values(licence, "huggingFaceId"):
            hub[value] = licence.value
        for value in values(licence, "spdxId"):
            spdx[value.lower()] = licence.value
    return Catalogue(hub, spdx, frozenset(licence.value for licence in licences))


def resolve(hub_id: str) -> str | None:
    """The catalogue's license for a Hub id (or an SPDX id, compared without case), or None."""
    known = catalogue()
    return known.by_hub_id.get(hub_id) or known.by_hub_id.get(hub_id.lower()) or known.by_spdx_id.get(hub_id.lower())


def unrecorded_licence(out: LineageGraph, licence_id: str, by: Provenance, link: str | None = None,
                       spdx: bool = False) -> str:
    """A license node for an id the catalogue does not hold: the id (a Hub id, or with ``spdx`` an
    SPDX id), and nothing said about its terms."""
    key = licence_id if spdx else licence_id.lower()
    node = f"{AIKG_ID}license-{'spdx' if spdx else 'hub'}-{re.sub(r'[^A-Za-z0-9.+-]', '-', key)}"
    out.typed(node, AIKG + "License", licence_id)
    out.fact(node, AIKG + ("spdxId" if spdx else "huggingFaceId"), key, by)
    out.add(node, AIKG + "opennessCategory", iri(AIKG_VOCAB + "license-not-recorded"))
    if link:
        out.add(node, "http://www.w3.org/2000/01/rdf-schema#seeAlso", iri(link))
    return node


def is_catalogued(licence_iri: str) -> bool:
    """Whether ``licence_iri`` is a license of aikg's catalogue."""
    known = catalogue()
    return licence_iri in known.all
