"""Serialising graphs and converting files between RDF formats."""

from __future__ import annotations

from aikg.errors import UsageError
from aikg.namespaces import AIKG_PREFIXES, CORE_PREFIXES
from aikg.rdf.formats import RdfFormat, format_by_name
from aikg.rdf.parse import iter_quads
from aikg.rdf.sources import sources_for


def serialize(graph, fmt: str | RdfFormat) -> bytes:
    """An rdflib graph in the given format (prefixes kept where the format has them)."""
    fmt = format_by_name(fmt) if isinstance(fmt, str) else fmt
    if fmt.name == "jsonld":
        return graph.serialize(format="json-ld", auto_compact=True, encoding="utf-8")
    return graph.serialize(format=fmt.rdflib, encoding="utf-8")


def convert(paths, to: str, out, input_format: str | None = None, merge_graphs: bool = False, progress=None) -> None:
    """Write the given files, parsed strictly, to the binary stream ``out`` in the format ``to``.

    Streams: quads go from the parser to the serializer one by one, so a
    file far larger than memory converts (N-Triples and N-Quads output keeps
    nothing; Turtle and TriG group consecutive triples only). Named graphs
    survive a conversion to N-Quads, TriG or JSON-LD; converting named
    graphs to a triple format is refused unless ``merge_graphs``, so no
    graph name is dropped silently. ``progress(count)`` hears the quads read.
    """
    from itertools import chain

    from aikg.progress import counted

    quads = chain.from_iterable(iter_quads(source) for source in sources_for(paths, input_format))
    write_rdf(counted(quads, progress), to, out, merge_graphs)


def write_rdf(quads, to: str | RdfFormat, out, merge_graphs: bool = False) -> None:
    """Serialise pyoxigraph quads (or a Store) to the binary stream ``out``, streaming."""
    import pyoxigraph as ox

    target = format_by_name(to) if isinstance(to, str) else to
    if not target.datasets:
        quads = _as_triples(quads, target, merge_graphs)
    ox.serialize(quads, out, target.oxigraph_format, prefixes={**AIKG_PREFIXES, **CORE_PREFIXES})


def _as_triples(quads, target: RdfFormat, merge_graphs: bool):
    import pyoxigraph as ox

    quads = iter(quads)
    for q in quads:
        if not merge_graphs and not isinstance(q.graph_name, ox.DefaultGraph):
            for _ in quads:  # read on: a syntax error further down is the first thing to report
                pass
            raise UsageError(
                f"the input has named graphs (first: {q.graph_name}) and {target.name} cannot carry them",
                hint="convert to nquads or trig, or pass --merge-graphs to put everything in one graph",
            )
        yield ox.Triple(q.subject, q.predicate, q.object)
