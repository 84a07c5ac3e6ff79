"""The inputs read into an rdflib graph or a pyoxigraph store, with their declared prefixes."""

from __future__ import annotations

import re

import pyoxigraph as ox
from aikg.errors import Diagnostic, SyntaxProblems
from aikg.namespaces import AIKG_PREFIXES
from aikg.rdf.parse import iter_quads, parse_quads
from aikg.rdf.sources import Source, read_bytes, sources_for


def _parsed(sources: list[Source]):
    """(source, quads) for each source; every file is parsed before any error
    is raised, so the error lists all broken files."""
    problems: list[Diagnostic] = []
    for source in sources:
        try:
            quads = parse_quads(source)
        except SyntaxProblems as exc:
            problems.extend(exc.diagnostics)
            continue
        if not problems:
            yield source, quads
    if problems:
        raise SyntaxProblems(problems)


def load_graph(paths=None, input_format: str | None = None):
    """An rdflib ``Graph`` of the given files (the bundled graph when none).

    Named graphs in quad formats are merged into the one graph.
    """
    from aikg.rdf.terms import to_rdflib
    from rdflib import Graph

    graph = Graph()
    bind_prefixes(graph)
    for source, quads in _parsed(sources_for(paths, input_format)):
        bnodes: dict = {}
        add = graph.add
        for quad in quads:
            add((to_rdflib(quad.subject, bnodes), to_rdflib(quad.predicate), to_rdflib(quad.object, bnodes)))
        _bind_document_prefixes(graph, source)
    return graph


def load_store(paths=None, input_format: str | None = None, progress=None):
    """A pyoxigraph ``Store`` (in memory) of the given files, for the fast engine.

    Named graphs are merged into the default graph, as in load_graph. Files
    are streamed into pyoxigraph's bulk loader; ``progress(count)`` hears
    how many triples were read so far.
    """
    from aikg.progress import counted

    store = ox.Store()
    problems: list[Diagnostic] = []
    for source in sources_for(paths, input_format):
        already = len(store)
        report = None if progress is None else (lambda count, already=already: progress(already + count))
        quads = counted(iter_quads(source), report)
        try:
            if problems:  # still parse the rest, to report every broken file
                for _ in quads:
                    pass
            else:
                store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        except SyntaxProblems as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise SyntaxProblems(problems)
    return store


def bind_prefixes(graph, extra: dict[str, str] | None = None) -> None:
    """Bind aikg's prefixes (and ``extra``) on an rdflib graph, keeping any it has."""
    for prefix, iri in {**AIKG_PREFIXES, **(extra or {})}.items():
        graph.bind(prefix, iri, override=False)


def _bind_document_prefixes(graph, source: Source) -> None:
    """Keep the prefixes a Turtle/TriG document declares, for compact output."""
    for prefix, iri in _declared_prefixes(source).items():
        graph.bind(prefix, iri, override=False)


def _declared_prefixes(source: Source) -> dict[str, str]:
    if source.format.name not in ("turtle", "trig"):
        return {}

    text = read_bytes(source).decode("utf-8", "replace")
    return dict(re.findall(r"(?im)^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>", text))


def document_prefixes(paths=None, input_format: str | None = None) -> dict[str, str]:
    """The prefixes the inputs declare (first declaration wins)."""
    prefixes: dict[str, str] = {}
    for source in sources_for(paths, input_format):
        for prefix, iri in _declared_prefixes(source).items():
            prefixes.setdefault(prefix, iri)
    return prefixes
