"""Serialising graphs and converting files between RDF formats."""

from __future__ import annotations

from aikg.errors import UsageError
from aikg.namespaces import AIKG_PREFIXES, CORE_PREFIXES, RDF, XSD
from aikg.rdf.formats import RdfFormat, format_by_name
from aikg.rdf.parse import iter_quads
from aikg.rdf.sources import as_inputs


def serialize(triples, fmt: str | RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """pyoxigraph triples (or quads, or a Store) in the given format, in memory: sorted by subject
    (its types first), so that the same graph is the same text every time, and declaring the
    ``prefixes`` (default aikg's own) that the triples use, and no others. For small graphs (an
    import, a query's CONSTRUCT): a file to convert streams through :func:`write_rdf` instead.
    Named graphs merge when the format has none."""
    import io

    fmt = format_by_name(fmt) if isinstance(fmt, str) else fmt
    prefixes = {**AIKG_PREFIXES, **CORE_PREFIXES} if prefixes is None else prefixes
    ordered = sorted(triples, key=_reading_order)
    out = io.BytesIO()
    write_rdf(ordered, fmt, out, merge_graphs=True, prefixes=_used(prefixes, ordered))
    return out.getvalue()


_TYPE = RDF + "type"
_XSD_STRING = XSD + "string"


def _reading_order(triple) -> tuple:
    graph = getattr(triple, "graph_name", None)
    return (_text(graph), _text(triple.subject), triple.predicate.value != _TYPE, triple.predicate.value, _text(triple.object))


def _text(term) -> str:
    """A term's IRI, id or lexical form (not N-Triples: ``<a/b>`` would sort after ``<a>``)."""
    return getattr(term, "value", "") if term is not None else ""


def _used(prefixes: dict[str, str], triples) -> dict[str, str]:
    """The ``prefixes`` whose namespace starts an IRI of ``triples`` (pyoxigraph declares every one given)."""
    import pyoxigraph as ox

    iris = {term.value for t in triples for term in (t.subject, t.predicate, t.object, getattr(t, "graph_name", None))
            if isinstance(term, ox.NamedNode)}
    iris |= {t.object.datatype.value for t in triples if isinstance(t.object, ox.Literal) and not t.object.language}
    iris.discard(_XSD_STRING)  # a simple literal's datatype, never written
    return {p: ns for p, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}


def convert(paths, to: str, out, input_format: str | None = None, merge_graphs: bool = False, progress=None,
            expanded: bool = False) -> None:
    """Write the given files, parsed strictly, to the binary stream ``out`` in the format ``to``.

    Streams: quads go from the parser to the serializer one by one, so a
    file far larger than memory converts (N-Triples and N-Quads output keeps
    nothing; Turtle and TriG group consecutive triples only). Named graphs
    survive a conversion to N-Quads, TriG or JSON-LD; converting named
    graphs to a triple format is refused unless ``merge_graphs``, so no
    graph name is dropped silently. ``progress(count)`` hears the quads read.
    The output declares the inputs' own prefixes and base, and no others;
    JSON-LD is compacted (see :mod:`aikg.rdf.jsonld`) unless ``expanded``.
    """
    from itertools import chain

    from aikg.progress import counted
    from aikg.rdf.graphs import document_base, document_prefixes

    inputs = as_inputs(paths, input_format)  # one value: the prefixes and base come from the bytes the parse reads
    quads = chain.from_iterable(iter_quads(source, inputs.read) for source in inputs)
    write_rdf(counted(quads, progress), to, out, merge_graphs, prefixes=document_prefixes(inputs),
              base=document_base(inputs), expanded=expanded)


def write_rdf(quads, to: str | RdfFormat, out, merge_graphs: bool = False, *, prefixes: dict[str, str] | None = None,
              base: str | None = None, expanded: bool = False) -> None:
    """Serialise pyoxigraph quads (or a Store) to the binary stream ``out``, streaming (JSON-LD: in memory).

    ``prefixes`` default to aikg's own.
    """
    import pyoxigraph as ox

    target = format_by_name(to) if isinstance(to, str) else to
    prefixes = {**AIKG_PREFIXES, **CORE_PREFIXES} if prefixes is None else prefixes
    if isinstance(quads, ox.Store) and target.name != "jsonld" and (target.datasets or not _has_named_graphs(quads)):
        # pyoxigraph writes its own store without a Python object per triple (a 10M-triple closure in seconds)
        quads.dump(out, target.oxigraph_format, from_graph=None if target.datasets else ox.DefaultGraph(),
                   prefixes=prefixes, base_iri=base)
        return
    if not target.datasets:
        quads = _as_triples(quads, target, merge_graphs)
    if target.name == "jsonld":
        from aikg.rdf.jsonld import write_jsonld

        write_jsonld(quads, out, prefixes, expanded)
        return
    ox.serialize(quads, out, target.oxigraph_format, prefixes=prefixes, base_iri=base)


def _has_named_graphs(store) -> bool:
    return next(iter(store.named_graphs()), None) is not None


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
