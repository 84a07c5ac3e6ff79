"""Loading graphs into a triple store (or an on-disk Oxigraph store), checked.

Each input goes into its own named graph (see :func:`graph_iri`), so one
source can be replaced without touching the others. After sending, the
triples of every graph are counted in the store and compared with what was
sent; the report says, graph by graph, what is complete and what is not.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from aikg.errors import InputError, StoreError
from aikg.namespaces import AIKG_GRAPH
from aikg.rdf.parse import parse_all
from aikg.rdf.sources import STDIN, Source, as_inputs
from aikg.stores.profiles import DEFAULT_BATCH

SHAPES_BASE = AIKG_GRAPH + "shapes/"


INFERRED_GRAPH = AIKG_GRAPH + "inferred"


def graph_iri(source: Source, shapes: bool = False) -> str:
    """``…/graph/<file stem>`` for data, ``…/graph/shapes/<stem>`` for shapes."""
    stem = "stdin" if source.path == STDIN else Path(source.path).stem
    return (SHAPES_BASE if shapes else AIKG_GRAPH) + quote(stem, safe="-._~")


@dataclass
class PlannedGraph:
    iri: str
    sources: tuple[str, ...]
    triples: list  # pyoxigraph Triples, without duplicates


@dataclass
class LoadPlan:
    graphs: list[PlannedGraph]
    inferred_blank_skipped: int = 0  # inferred triples about blank nodes, which cannot cross graphs

    @property
    def triples(self) -> int:
        return sum(len(g.triples) for g in self.graphs)


def plan_load(paths=None, input_format=None, shapes=None, include_shapes=True, infer="none", graph=None) -> LoadPlan:
    """What to send: one graph per input (or all data into ``graph``), shapes, closure.

    Every input is parsed once, and all of them before an error is raised,
    so the error lists every broken file.
    """
    if graph:
        from aikg.stores.dataset import checked_graph_iris

        checked_graph_iris([graph])
    data_sources = list(as_inputs(paths, input_format))
    shape_sources = _shape_sources(paths, shapes) if include_shapes else []
    parsed = _parsed_triples(data_sources + shape_sources)
    data, shape_triples = parsed[: len(data_sources)], parsed[len(data_sources):]
    inferred, skipped = _inferred_triples(data, infer) if infer != "none" else ([], 0)
    planned: list[PlannedGraph] = []
    if graph:
        triples = [t for triples in data for t in triples] + inferred
        labels = tuple(s.label for s in data_sources) + ((f"{infer} closure",) if inferred else ())
        planned.append(PlannedGraph(graph, labels, _unique(triples)))
    else:
        planned += [PlannedGraph(graph_iri(s), (s.label,), _unique(t)) for s, t in zip(data_sources, data)]
        if infer != "none":
            planned.append(PlannedGraph(INFERRED_GRAPH, (f"{infer} closure",), inferred))
    planned += [PlannedGraph(graph_iri(s, shapes=True), (s.label,), _unique(t)) for s, t in zip(shape_sources, shape_triples)]
    _refuse_clashes(planned)
    return LoadPlan(planned, skipped)


def _shape_sources(paths, shapes) -> list[Source]:
    """The shapes given, else (with no inputs) the bundled ones."""
    from aikg import bundle

    if shapes:
        return list(as_inputs(list(shapes)))
    return [] if paths else list(as_inputs(bundle.shape_files()))


def _parsed_triples(sources: list[Source]) -> list[list]:
    """The triples of each source, in order; named graphs inside a TriG/N-Quads input
    merge into the source's graph."""
    parsed: list[list] = []
    parse_all(sources, lambda _source, quads: parsed.append([ox.Triple(q.subject, q.predicate, q.object) for q in quads]))
    return parsed


def _unique(triples: list) -> list:
    return list(dict.fromkeys(triples))


def _has_blank(triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _inferred_triples(data: list[list], profile: str) -> tuple[list, int]:
    """The closure's new triples (sorted), and how many were left out for naming a blank node
    (the parser gave each file's blank nodes their own ids, so files stay apart in one store)."""
    from aikg.engines.fast import reason_store

    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for triples in data for t in triples)
    inferred = list(reason_store(store, profile, inferred_only=True))
    kept = [ox.Triple(q.subject, q.predicate, q.object) for q in inferred if not _has_blank(q)]
    return sorted(kept, key=str), len(inferred) - len(kept)


def _refuse_clashes(planned: list[PlannedGraph]) -> None:
    seen: dict[str, PlannedGraph] = {}
    for g in planned:
        if g.iri in seen:
            raise InputError(
                f"{', '.join(seen[g.iri].sources)} and {', '.join(g.sources)} would both load into <{g.iri}>",
                hint="rename one file, or load everything into one graph with --graph IRI",
            )
        seen[g.iri] = g


@dataclass
class GraphStatus:
    iri: str
    sources: tuple[str, ...]
    sent: int
    in_store: int | None  # None when the store could not be asked
    state: str  # complete, incomplete or failed
    error: str | None = None


@dataclass
class LoadReport:
    target: str
    method: str  # gsp, update or local
    append: bool
    graphs: list[GraphStatus] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(g.state == "complete" for g in self.graphs)

    @property
    def triples_sent(self) -> int:
        return sum(g.sent for g in self.graphs)


def batches(triples: list, size: int) -> list[list]:
    """Batches of at most ``size`` triples; all blank-node triples go in the first.

    Each request is its own document, so a blank node split across two
    requests would become two nodes; keeping them in one request keeps the graph.
    """
    blank = [t for t in triples if _has_blank(t)]
    plain = [t for t in triples if not _has_blank(t)]
    first = blank + plain[: max(size - len(blank), 0)]
    rest = plain[len(first) - len(blank):]
    return [first] + [rest[i : i + size] for i in range(0, len(rest), size)]


def ntriples(triples: list) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def choose_method(store, method: str = "auto") -> str:
    if method == "auto":
        return "gsp" if store.endpoints.gsp else "update"
    return method


def load_to_store(plan: LoadPlan, store, *, append=False, method="auto", batch_size=DEFAULT_BATCH, progress=None) -> LoadReport:
    """Send every planned graph (GSP PUT/POST, or SPARQL Update), then count and compare."""
    method = choose_method(store, method)
    report = LoadReport(store.endpoints.base, method, append)
    started = time.monotonic()
    for planned in plan.graphs:
        report.graphs.append(_load_one(store, planned, append, method, batch_size, progress))
    report.seconds = time.monotonic() - started
    return report


def _load_one(store, planned: PlannedGraph, append, method, batch_size, progress) -> GraphStatus:
    sent = len(planned.triples)
    before = 0
    try:
        if append:
            before = store.count(planned.iri)
        for number, batch in enumerate(batches(planned.triples, batch_size)):
            replace_graph = number == 0 and not append
            if method == "gsp":
                (store.put_graph if replace_graph else store.post_graph)(planned.iri, ntriples(batch))
            else:
                store.update(_update_text(planned.iri, batch, replace_graph))
            if progress:
                progress(len(batch))
    except StoreError as exc:
        return GraphStatus(planned.iri, planned.sources, sent, _count_or_none(store, planned.iri), "failed", exc.message)
    try:
        in_store = store.count(planned.iri)
    except StoreError as exc:
        return GraphStatus(planned.iri, planned.sources, sent, None, "failed", "sent, but cannot count: " + exc.message)
    return _compare(planned, sent, before, in_store, append)


def _compare(planned, sent, before, in_store, append) -> GraphStatus:
    # Appending unions the triples: the graph holds between max(before, sent) and before + sent.
    low, high = (max(before, sent), before + sent) if append else (sent, sent)
    if low <= in_store <= high:
        return GraphStatus(planned.iri, planned.sources, sent, in_store, "complete")
    expected = f"{sent}" if not append else f"{low}–{high}"
    return GraphStatus(planned.iri, planned.sources, sent, in_store, "incomplete",
                       f"the store holds {in_store} triples, expected {expected}")


def _count_or_none(store, iri):
    try:
        return store.count(iri)
    except StoreError:
        return None


def _update_text(iri: str, batch: list, replace_graph: bool) -> str:
    body = ntriples(batch).decode("utf-8")
    drop = f"DROP SILENT GRAPH <{iri}> ;\n" if replace_graph else ""
    if any(_has_blank(t) for t in batch):
        # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty WHERE is portable.
        return f"{drop}INSERT {{ GRAPH <{iri}> {{\n{body}}} }} WHERE {{}}"
    return f"{drop}INSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }}"


def load_to_directory(plan: LoadPlan, directory: str, *, append=False, progress=None) -> LoadReport:
    """Bulk-load the planned graphs into the on-disk Oxigraph store at ``directory``."""
    report = LoadReport(str(directory), "local", append)
    started = time.monotonic()
    try:
        store = ox.Store(str(directory))
    except OSError as exc:
        raise StoreError(f"{directory}: cannot open an Oxigraph store there: {exc}",
                         hint="is another process using it?") from None
    for planned in plan.graphs:
        name = ox.NamedNode(planned.iri)
        before = _local_count(store, name) if append else 0
        if not append and store.contains_named_graph(name):
            store.remove_graph(name)
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in planned.triples)
        store.flush()
        if progress:
            progress(len(planned.triples))
        report.graphs.append(_compare(planned, len(planned.triples), before, _local_count(store, name), append))
    report.seconds = time.monotonic() - started
    return report


def _local_count(store, name) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, name))
