"""What rdflib's SPARQL engine (aikg.engines.reference) finds in the same files: the reference
the provenance answers, read from a pyoxigraph store, are held to."""

from __future__ import annotations

_PREFIXES = "PREFIX aikg: <https://w3id.org/aikg/ont#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

# The derivation edges (source, derived): derivation nodes and direct links.
_EDGES = _PREFIXES + """SELECT DISTINCT ?source ?derived WHERE {
  { ?d aikg:derivedModel|aikg:student ?derived ; aikg:sourceModel|aikg:teacher ?source }
  UNION { ?derived aikg:derivedFrom|aikg:distilledFrom|aikg:fineTunedFrom|aikg:quantizedFrom|aikg:mergedFrom|aikg:adapterOf ?source }
}"""

# The models: typed so, or members of a family.
_MODELS = _PREFIXES + """SELECT DISTINCT ?model WHERE {
  { ?model a ?class . ?class rdfs:subClassOf* ?top . VALUES ?top { aikg:Model aikg:UnspecifiedVersionModel } }
  UNION { ?model aikg:memberOfFamily ?family }
}"""

_OWN_LICENSES = _PREFIXES + "SELECT DISTINCT ?model ?license WHERE { ?model aikg:license ?license }"


def _rows(files, text: str) -> list[tuple]:
    from aikg.engines.reference import run_query
    from aikg.rdf.rdflib_bridge import load_graph
    from aikg.sparql.results import iri_of

    return [tuple(iri_of(term) for term in row) for row in run_query(load_graph(files), text).rows]


def edges(files) -> set[tuple[str, str]]:
    """(source, derived) for every derivation edge of ``files``."""
    return set(_rows(files, _EDGES))


def models(files) -> set[str]:
    """Every model of ``files``: typed, in a family, or at an end of a derivation edge."""
    return {m for (m,) in _rows(files, _MODELS)} | {end for edge in edges(files) for end in edge}


def own_licenses(files) -> dict[str, set[str]]:
    """Model → the licenses stated on the model itself."""
    found: dict[str, set[str]] = {}
    for model, licence in _rows(files, _OWN_LICENSES):
        found.setdefault(model, set()).add(licence)
    return found


def around(edges, focus, up: bool = True, down: bool = True) -> set[tuple[str, str]]:
    """The edges among the focus's ancestors (``up``), and among its descendants (``down``): not its cousins."""
    kept = set()
    walks = [(1, 0)] * up + [(0, 1)] * down  # up: from a derived model (edge[1]) to its sources (edge[0])
    for near, far in walks:
        side, todo = set(focus), list(focus)
        while todo:
            node = todo.pop()
            for edge in edges:
                if edge[near] == node and edge[far] not in side:
                    side.add(edge[far])
                    todo.append(edge[far])
        kept |= {e for e in edges if e[0] in side and e[1] in side}
    return kept
