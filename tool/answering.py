"""Answering one query wherever its data lives.

Local files go to rdflib (the reference) or to pyoxigraph (the fast engine,
chosen by :mod:`aikg.engine`); an on-disk store (``--db``) and a remote
endpoint are asked directly. The caller gets the result and the namespaces
to print it with.
"""

from __future__ import annotations

from dataclasses import dataclass

from aikg.sparql import QueryResult


@dataclass
class Answer:
    result: QueryResult
    namespaces: object  # an rdflib NamespaceManager, for compact terms in tables


def reasoned_graph(inputs=(), input_format: str | None = None, infer: str = "none"):
    """The rdflib graph of the inputs (bundled graph when none), reasoned with ``infer``."""
    from aikg.loading import load_graph

    graph = load_graph(list(inputs), input_format)
    if infer and infer != "none":
        from aikg.reasoning import reason

        graph = reason(graph, infer)
    return graph


def reasoned_store(inputs=(), input_format: str | None = None, infer: str = "none", progress_for=None):
    """The fast engine's store of the inputs, reasoned with ``infer``.

    ``progress_for(label)`` may return a progress reporter (see :mod:`aikg.progress`).
    """
    from aikg.loading import load_store

    progress_for = progress_for or (lambda label: None)
    progress = progress_for("loading")
    store = load_store(list(inputs), input_format, progress)
    if progress:
        progress.done()
    if infer and infer != "none":
        from aikg.reasoning import reason_store

        progress = progress_for("reasoning")
        store = reason_store(store, infer, progress=progress)
        if progress:
            progress.done()
    return store


def answer(
    text: str,
    bindings: dict,
    *,
    source: str = "<query>",
    inputs=(),
    input_format: str | None = None,
    infer: str = "none",
    engine: str = "auto",
    db: str | None = None,
    remote=None,
    remote_graphs=(),
    prefixes: dict | None = None,
    allow_service: bool = False,
    progress_for=None,
) -> Answer:
    """Run one read-only query on the inputs, an on-disk store (``db``) or a remote store."""
    from aikg.engine import choose_engine
    from aikg.sparql import run_query, run_query_oxigraph

    if remote is not None:
        from aikg.remote import run_query_remote
        from aikg.storeload import remote_dataset

        dataset = remote_dataset(remote, remote_graphs, infer=infer != "none")
        return Answer(run_query_remote(remote, text, bindings, source, dataset), default_namespaces())
    if db or choose_engine(engine, list(inputs), input_format) == "oxigraph":
        if db:
            from aikg.database import open_database

            store = open_database(db)
        else:
            store = reasoned_store(inputs, input_format, infer, progress_for)
        result = run_query_oxigraph(store, text, bindings, source, prefixes, allow_service, union_default_graph=bool(db))
        return Answer(result, default_namespaces())
    graph = reasoned_graph(inputs, input_format, infer)
    return Answer(run_query(graph, text, bindings, source, prefixes, allow_service), graph.namespace_manager)


def default_namespaces():
    """aikg's usual prefixes, for printing results that come without a graph."""
    from rdflib import Graph

    from aikg.loading import AIKG_PREFIXES

    graph = Graph()
    for prefix, iri in AIKG_PREFIXES.items():
        graph.bind(prefix, iri, override=False)
    return graph.namespace_manager
