"""Serialising graphs and converting files between RDF formats."""

from __future__ import annotations

from aikg.errors import UsageError
from aikg.formats import RdfFormat, format_by_name
from aikg.loading import parse_quads, sources_for


def serialize(graph, fmt: str | RdfFormat) -> bytes:
    """An rdflib graph in the given format (prefixes kept where the format has them)."""
    fmt = format_by_name(fmt) if isinstance(fmt, str) else fmt
    if fmt.name == "jsonld":
        return graph.serialize(format="json-ld", auto_compact=True, encoding="utf-8")
    return graph.serialize(format=fmt.rdflib, encoding="utf-8")


def convert(paths, to: str, input_format: str | None = None, merge_graphs: bool = False) -> bytes:
    """The given files, parsed strictly, in the format ``to``.

    Named graphs survive a conversion to N-Quads, TriG or JSON-LD. A
    conversion of named graphs to a triple format is refused unless
    ``merge_graphs``, so no graph name is dropped silently.
    """
    import pyoxigraph as ox

    target = format_by_name(to)
    quads = []
    for source in sources_for(paths, input_format):
        quads.extend(parse_quads(source))
    if not target.datasets:
        named = {q.graph_name for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
        if named and not merge_graphs:
            raise UsageError(
                f"the input has {len(named)} named graph(s) and {target.name} cannot carry them",
                hint="convert to nquads or trig, or pass --merge-graphs to put everything in one graph",
            )
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        return ox.serialize(triples, format=target.oxigraph_format, prefixes=_prefixes())
    return ox.serialize(quads, format=target.oxigraph_format, prefixes=_prefixes())


def _prefixes() -> dict[str, str]:
    from aikg.loading import AIKG_PREFIXES

    prefixes = dict(AIKG_PREFIXES)
    prefixes.update(
        {
            "owl": "http://www.w3.org/2002/07/owl#",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        }
    )
    return prefixes
