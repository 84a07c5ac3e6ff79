"""The library's operations, one function each, returning data and never printing."""

from __future__ import annotations

from dataclasses import dataclass, field

from aikg.errors import Diagnostic, SyntaxProblems
from aikg.query.catalogue import CatalogueQuery, quality_checks
from aikg.query.results import QueryResult
from aikg.rdf.graphs import load_graph
from aikg.rdf.lint import _OWL_ONTOLOGY, _RDF_TYPE, warnings_for
from aikg.rdf.parse import parse_quads
from aikg.rdf.sources import sources_for


@dataclass
class Answer:
    result: QueryResult
    namespaces: object  # an rdflib NamespaceManager, for compact terms in tables


def reasoned_graph(inputs=(), input_format: str | None = None, infer: str = "none"):
    """The rdflib graph of the inputs (bundled graph when none), reasoned with ``infer``."""
    from aikg.rdf.graphs import load_graph

    graph = load_graph(list(inputs), input_format)
    if infer and infer != "none":
        from aikg.engines.reference import reason

        graph = reason(graph, infer)
    return graph


def reasoned_store(inputs=(), input_format: str | None = None, infer: str = "none", progress_for=None):
    """The fast engine's store of the inputs, reasoned with ``infer``.

    ``progress_for(label)`` may return a progress reporter (see :mod:`aikg.progress`).
    """
    from aikg.rdf.graphs import load_store

    progress_for = progress_for or (lambda label: None)
    progress = progress_for("loading")
    store = load_store(list(inputs), input_format, progress)
    if progress:
        progress.done()
    if infer and infer != "none":
        from aikg.engines.fast import reason_store

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
    from aikg.engines.choice import choose_engine
    from aikg.engines.fast import run_query_oxigraph
    from aikg.engines.reference import run_query

    if remote is not None:
        from aikg.stores.dataset import remote_dataset
        from aikg.stores.http import run_query_remote

        dataset = remote_dataset(remote, remote_graphs, infer=infer != "none")
        return Answer(run_query_remote(remote, text, bindings, source, dataset), default_namespaces())
    if db or choose_engine(engine, list(inputs), input_format) == "oxigraph":
        if db:
            from aikg.engines.fast import open_database

            store = open_database(db)
        else:
            store = reasoned_store(inputs, input_format, infer, progress_for)
        result = run_query_oxigraph(store, text, bindings, source, prefixes, allow_service, union_default_graph=bool(db))
        return Answer(result, default_namespaces())
    graph = reasoned_graph(inputs, input_format, infer)
    return Answer(run_query(graph, text, bindings, source, prefixes, allow_service), graph.namespace_manager)


def default_namespaces():
    """aikg's usual prefixes, for printing results that come without a graph."""
    from aikg.namespaces import AIKG_PREFIXES
    from rdflib import Graph

    graph = Graph()
    for prefix, iri in AIKG_PREFIXES.items():
        graph.bind(prefix, iri, override=False)
    return graph.namespace_manager


@dataclass
class CheckFailure:
    query: CatalogueQuery
    vars: list[str]
    rows: list[tuple]


@dataclass
class CheckOutcome:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)
    failures: list[CheckFailure] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def clean(self) -> bool:
        return not self.errors and not self.failures


def check(paths=None, input_format: str | None = None, run_queries: bool = True) -> CheckOutcome:
    """Parse every input (reporting all broken files), then run ``*-violation`` queries."""
    from aikg.engines.reference import run_query

    outcome = CheckOutcome()
    parsed = []
    for source in sources_for(paths, input_format):
        try:
            parsed.append((source, parse_quads(source)))
        except SyntaxProblems as problems:
            outcome.diagnostics.extend(problems.diagnostics)
    ontologies = {q.subject.value for _, quads in parsed for q in quads if q.predicate.value == _RDF_TYPE and q.object.value == _OWL_ONTOLOGY}
    for source, quads in parsed:
        outcome.diagnostics.extend(warnings_for(source, quads, ontologies))
    outcome.diagnostics.sort(key=lambda d: d.severity != "error")  # errors first
    if outcome.errors or not run_queries:
        return outcome
    graph = load_graph(paths, input_format)
    for query in quality_checks():
        result = run_query(graph, query.text, source=str(query.path))
        outcome.checks_run.append(query.name)
        if result.rows:
            outcome.failures.append(CheckFailure(query, result.vars, result.rows))
    return outcome
