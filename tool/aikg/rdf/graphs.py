"""The inputs read into a pyoxigraph store, with their declared prefixes (an rdflib graph of them: aikg.rdf.rdflib_bridge).

The parsing modules load only when something is parsed: a query on the bundled
graph reads its store and prefixes from the cache (aikg.rdf.cache) instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aikg.rdf.sources import Inputs, Source


def load_store(paths=None, input_format: str | None = None, progress=None, keep_graphs: bool = False):
    """A pyoxigraph ``Store`` (in memory) of the given inputs (an Inputs value or paths), for the fast engine.

    Named graphs are merged into the default graph unless
    ``keep_graphs``: then the store is the inputs' RDF dataset (triples files
    and the quad files' default graphs in the default graph, named graphs
    named). Files are streamed into pyoxigraph's bulk loader;
    ``progress(count)`` hears how many triples were read so far.
    """
    from aikg.rdf.cache import cached_bundle_store
    from aikg.rdf.sources import as_inputs

    inputs = as_inputs(paths, input_format)
    if inputs.bundled_files() is not None:  # bundled triples files only: cached once parsed
        return cached_bundle_store(inputs, lambda: _parsed_store(inputs, progress, keep_graphs),
                                   lambda: _read_prefixes(inputs))
    return _parsed_store(inputs, progress, keep_graphs)


def _parsed_store(inputs: Inputs, progress, keep_graphs):
    import pyoxigraph as ox
    from aikg.progress import counted
    from aikg.rdf.parse import iter_quads, parse_all

    store = ox.Store()

    def add(_source: Source, quads) -> None:
        already = len(store)
        report = None if progress is None else (lambda count: progress(already + count))
        if keep_graphs:
            store.bulk_extend(counted(quads, report))
        else:
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in counted(quads, report))

    parse_all(inputs, add, parse=iter_quads)
    return store


def document_base(paths=None, input_format: str | None = None) -> str | None:
    """The base IRI the first Turtle or TriG input declares, if any (from the bytes its parse reads)."""
    from aikg.rdf.sources import as_inputs

    inputs = as_inputs(paths, input_format)
    return next((found for found in (inputs.declared(source).base for source in inputs) if found), None)


def document_prefixes(paths=None, input_format: str | None = None) -> dict[str, str]:
    """The prefixes the inputs declare (first declaration wins); the bundled files' from their cache entry."""
    from aikg.rdf.cache import cached_prefixes
    from aikg.rdf.sources import as_inputs

    inputs = as_inputs(paths, input_format)
    if inputs.bundled_files() is not None:
        return cached_prefixes(inputs, lambda: _read_prefixes(inputs))
    return _read_prefixes(inputs)


def _read_prefixes(paths, input_format: str | None = None) -> dict[str, str]:
    from aikg.rdf.sources import as_inputs

    inputs = as_inputs(paths, input_format)
    prefixes: dict[str, str] = {}
    for source in inputs:
        for prefix, iri in inputs.declared(source).prefixes.items():
            prefixes.setdefault(prefix, iri)
    return prefixes
