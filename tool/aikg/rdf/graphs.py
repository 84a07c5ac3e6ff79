"""The inputs read into a pyoxigraph store, with their declared prefixes (an rdflib graph of them: aikg.rdf.rdflib_bridge).

The parsing modules load only when something is parsed: a query on the bundled
graph reads its store and prefixes from the cache (aikg.rdf.cache) instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aikg.rdf.sources import Source


def load_store(paths=None, input_format: str | None = None, progress=None, keep_graphs: bool = False):
    """A pyoxigraph ``Store`` (in memory) of the given files, for the fast engine.

    Named graphs are merged into the default graph unless
    ``keep_graphs``: then the store is the inputs' RDF dataset (triples files
    and the quad files' default graphs in the default graph, named graphs
    named). Files are streamed into pyoxigraph's bulk loader;
    ``progress(count)`` hears how many triples were read so far.
    """
    from aikg.rdf.cache import bundled_only, cached_bundle_store

    files = bundled_only(paths)
    if files is not None and input_format is None:  # bundled triples files only: cached once parsed
        return cached_bundle_store(files, lambda: _parsed_store(paths, input_format, progress, keep_graphs),
                                   lambda: _read_prefixes(files))
    return _parsed_store(paths, input_format, progress, keep_graphs)


def _parsed_store(paths, input_format, progress, keep_graphs):
    import pyoxigraph as ox
    from aikg.progress import counted
    from aikg.rdf.parse import iter_quads, parse_all
    from aikg.rdf.sources import sources_for

    store = ox.Store()

    def add(_source: Source, quads) -> None:
        already = len(store)
        report = None if progress is None else (lambda count: progress(already + count))
        if keep_graphs:
            store.bulk_extend(counted(quads, report))
        else:
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in counted(quads, report))

    parse_all(sources_for(paths, input_format), add, parse=iter_quads)
    return store


def document_base(paths=None, input_format: str | None = None) -> str | None:
    """The base IRI the first Turtle or TriG input declares, if any."""
    from aikg.rdf.sources import read_bytes, sources_for

    for source in sources_for(paths, input_format):
        if source.format.name in ("turtle", "trig"):
            found = re.search(r"(?im)^\s*@?base\s+<([^>]*)>", read_bytes(source).decode("utf-8", "replace"))
            if found:
                return found.group(1)
    return None


def declared_prefixes(source: Source) -> dict[str, str]:
    if source.format.name not in ("turtle", "trig"):
        return {}

    from aikg.rdf.sources import read_bytes

    text = read_bytes(source).decode("utf-8", "replace")
    return dict(re.findall(r"(?im)^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>", text))


def document_prefixes(paths=None, input_format: str | None = None) -> dict[str, str]:
    """The prefixes the inputs declare (first declaration wins); the bundled files' from their cache entry."""
    from aikg.rdf.cache import bundled_only, cached_prefixes

    files = bundled_only(paths)
    if files is not None and input_format is None:
        return cached_prefixes(files, lambda: _read_prefixes(files))
    return _read_prefixes(paths, input_format)


def _read_prefixes(paths, input_format: str | None = None) -> dict[str, str]:
    from aikg.rdf.sources import sources_for

    prefixes: dict[str, str] = {}
    for source in sources_for(paths, input_format):
        for prefix, iri in declared_prefixes(source).items():
            prefixes.setdefault(prefix, iri)
    return prefixes
