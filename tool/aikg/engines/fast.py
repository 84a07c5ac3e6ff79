"""The fast engine: pyoxigraph for queries and on-disk stores, aikg's rules for reasoning, pyshacl-turbo for validation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from aikg.engines.choice import PROFILES
from aikg.errors import InputError, StoreError, SyntaxProblems
from aikg.sparql.params import inline_bindings
from aikg.sparql.results import QueryResult
from aikg.sparql.syntax import check_query, implicit_prefixes, select_star, syntax_diagnostic, variables_in_order

if TYPE_CHECKING:  # the query path imports none of validation
    from aikg.validation import ValidationOutcome


def open_database(path: str | Path):
    """The pyoxigraph Store in folder ``path``, opened read-only (queries never change it)."""
    import pyoxigraph as ox

    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{path}: no such database folder", hint="create it with: aikg load --db DIR FILE…")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the database: {exc}", hint="is it a folder made by 'aikg load --db'?") from None


def reason_store(store, profile: str = "owlrl", inferred_only: bool = False, progress=None):
    """The fast path: materialise the closure inside a pyoxigraph Store, in place.

    Returns the store, or with ``inferred_only`` an iterator over the
    inferred triples alone: each turn's new triples are written to an
    anonymous temporary file as they appear, so no second copy of the
    graph is held in memory. ``progress(triples)`` hears the size after each turn.
    """
    import tempfile

    import pyoxigraph as ox
    from aikg.engines.rules import materialise

    if profile not in PROFILES:
        raise ValueError(f"unknown reasoning profile {profile!r}")
    spool = tempfile.TemporaryFile() if inferred_only else None

    def keep(reasoned, graph: str) -> None:
        reasoned.dump(spool, ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))

    report = None if progress is None else (lambda turn, triples: progress(triples, f"turn {turn}"))
    materialise(store, report, profile=profile, new_triples=keep if inferred_only else None)
    if spool is None:
        return store
    spool.seek(0)
    return ox.parse(spool, ox.RdfFormat.N_TRIPLES)


def reasoned_store(inputs=(), input_format: str | None = None, infer: str = "none", progress_for=None,
                   keep_graphs: bool = False):
    """The fast engine's pyoxigraph store of the inputs, reasoned with ``infer`` by aikg's rules.

    With ``keep_graphs`` (and no reasoning) the store is the inputs' RDF
    dataset, named graphs kept; the reasoners read one merged graph.
    """
    from aikg.progress import step
    from aikg.rdf.graphs import load_store

    keep_graphs = keep_graphs and infer in (None, "none")
    store = step(progress_for, "loading", lambda progress: load_store(inputs, input_format, progress, keep_graphs))
    if infer and infer != "none":
        store = step(progress_for, "reasoning", lambda progress: reason_store(store, infer, progress=progress))
    return store


def run_query_oxigraph(
    store, text: str, bindings: dict | None = None, source: str = "<query>",
    prefixes: dict[str, str] | None = None, allow_service: bool = False, union_default_graph: bool = False,
    base_iri: str | None = None,
) -> QueryResult:
    """Run a read-only query on a pyoxigraph Store: the one SPARQL engine for local data.

    Rows hold pyoxigraph terms exactly as the engine gave them (no lexical
    normalisation); solutions with every variable unbound are kept.
    ``prefixes`` may be used undeclared (default :func:`implicit_prefixes`);
    ``base_iri`` resolves relative IRIs. The query's default graph is the
    store's default graph, or with ``union_default_graph`` the union of all
    its graphs; FROM / FROM NAMED pick graphs of the store by name.
    """
    import pyoxigraph as ox

    prefixes = implicit_prefixes() if prefixes is None else prefixes
    check_query(text, source, allow_service)
    # pyoxigraph's own `substitutions` binds projected variables only, after
    # evaluation; pre-binding needs the terms inside the WHERE group.
    bound = inline_bindings(text, bindings or {})
    try:
        result = store.query(bound, prefixes=prefixes, base_iri=base_iri, use_default_graph_as_union=union_default_graph)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            return _solutions(result, text)
        triples = list(result)
    except SyntaxError as exc:
        raise SyntaxProblems([syntax_diagnostic(text, str(exc), source, prefixes)]) from None
    except OSError as exc:  # reading the store, or a SERVICE the user allowed
        what = "a SERVICE endpoint could not be queried" if allow_service else "the query failed"
        raise StoreError(f"{source}: {what}: {exc}") from None
    except RuntimeError as exc:  # pyoxigraph's SERVICE failures (e.g. an HTML answer)
        if "service" not in str(exc).lower():
            raise
        raise StoreError(f"{source}: a SERVICE endpoint could not be queried: {exc}") from None
    kind = "DESCRIBE" if re.search(r"(?i)\bDESCRIBE\b", text) else "CONSTRUCT"
    return QueryResult(kind, graph=triples)  # pyoxigraph's own Triples: aikg.rdf.convert writes them


def _solutions(solutions, text: str) -> QueryResult:
    """The rows of a SELECT, columns in projection order (SELECT *: order of first mention)."""
    names = [v.value for v in solutions.variables]
    rows = [tuple(solution) for solution in solutions]  # in the variables' order, None where unbound: 3× faster than by name
    ordered = variables_in_order(text, names) if select_star(text) else names
    if ordered != names:
        columns = [names.index(name) for name in ordered]
        rows = [tuple(row[i] for i in columns) for row in rows]
    return QueryResult("SELECT", vars=ordered, rows=rows)


def validate_store(store, shapes=None, features=None) -> ValidationOutcome:
    """The default validator on a pyoxigraph Store, no inference: pyshacl-turbo, with the shapes it
    gets wrong validated by pySHACL over the same data (:mod:`aikg.engines.routing`; ``features``
    replaces its table).

    ``shapes`` is a Store of shapes, or shape files (default: the bundled
    shapes). The agreement tests compare the results with pySHACL's.
    """
    return validate_loaded(lambda: store, shapes, features=features)[0]


def validate_loaded(load, shapes=None, after_load=None, features=None, written=None) -> tuple[ValidationOutcome, object]:
    """Validate the store ``load()`` returns, holding it no longer than needed.

    The whole-graph SPARQL constraints run over the store; pyshacl-turbo
    then needs only its N-Quads text, so the store is let go before turbo
    builds its own copy (at 10M triples, a quarter of the peak memory) —
    unless the caller keeps a reference, or some shapes go to pySHACL, which
    reads an rdflib copy of the data. ``after_load(store)`` runs on the
    loaded store before validation starts; its value is returned beside the outcome.
    Data and shapes both go to turbo as pyoxigraph data: turbo compares
    literals wrongly when one side is an rdflib Graph (plain vs xsd:string).
    ``written()``, when given, yields the same data's quads as parsed: the
    validators read those instead of the store's when a shape checks a
    datatype the store rewrites (:func:`aikg.engines.routing.needs_written_literals`).
    """
    from aikg.engines import routing, sparql_constraints
    from aikg.validation import load_shapes

    if shapes is None or isinstance(shapes, (list, tuple)):
        shapes = load_shapes(shapes)
    # turbo runs a SPARQL constraint once per focus node over the whole graph; these run once.
    whole_graph = [c for c in sparql_constraints.whole_graph_constraints(shapes)
                   if not routing.refused_sparql(shapes, c.shape)]  # pySHACL refuses those
    rest = sparql_constraints.without(shapes, whole_graph) if whole_graph else shapes
    turbo_shapes, reference_shapes = routing.split(rest, features)
    store = load()
    extra = after_load(store) if after_load else None
    found = [(constraint, _run_whole_graph(store, constraint)) for constraint in whole_graph]
    if written is not None and routing.needs_written_literals(shapes):
        import pyoxigraph as ox

        store = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object) for q in written())  # one graph, as loaded
    reference = None if reference_shapes is None else _reference_run(store, reference_shapes)
    data = _turbo_input(store)
    del store
    report = turbo_report(data, turbo_shapes)
    if reference is not None:
        routing.merge(report, reference())
    for constraint, results in found:
        sparql_constraints.add_to_report(report, constraint, results)
    return _outcome(report), extra


def _run_whole_graph(store, constraint) -> list[dict]:
    """The results of one SPARQL constraint over the whole store; a query pyoxigraph cannot parse is bad input."""
    from aikg.engines import sparql_constraints
    from aikg.validation import unusable_shapes

    try:
        return sparql_constraints.run(store, constraint)
    except SyntaxError as exc:  # an undeclared prefix, a typo in sh:select
        raise unusable_shapes(f"the SPARQL constraint {constraint.constraint}: {exc}") from None


def _reference_run(store, shapes):
    """pySHACL's run over an rdflib copy of ``store`` (made now, while the store is held), to be started later."""
    from aikg.engines.reference import pyshacl_report
    from aikg.rdf.rdflib_bridge import oxigraph_store, rdflib_graph

    data = rdflib_graph(store, keep_blank_ids=True)
    return lambda: oxigraph_store(pyshacl_report(data, rdflib_graph(shapes, keep_blank_ids=True)))


def _outcome(report) -> ValidationOutcome:
    from aikg.validation import ValidationOutcome, findings, report_conforms, report_namespaces  # here: queries need none of validation

    return ValidationOutcome(report_conforms(report), findings(report), report, report_namespaces())


def _turbo_input(store):
    """The store (or the Dataset of the data as written) as pyshacl-turbo's own input record: the N-Quads text
    it would make of the store itself.

    (``pyshacl_turbo.rdf.Input`` is internal to turbo; the version is pinned below 0.7 in pyproject.)
    """
    import pyoxigraph as ox
    from pyshacl_turbo.rdf import Input

    if isinstance(store, ox.Store):  # written natively: a Python loop over 10M quads would take seconds
        text = store.dump(format=ox.RdfFormat.N_QUADS)
    else:
        text = ox.serialize(store, format=ox.RdfFormat.N_QUADS)
    return Input(text.decode("utf-8"), "oxigraph-nquads", None, {}, preserve_ids=True)


def turbo_report(data, shapes, use_shapes=None):
    """pyshacl-turbo's report of ``data`` against the shapes Store, as a pyoxigraph Store (converted here, once)."""
    from aikg.rdf.rdflib_bridge import oxigraph_store
    from aikg.validation import unusable_shapes
    from pyshacl_turbo import validate as turbo_validate

    try:
        _conforms, report, _text = turbo_validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True,
                                                  use_shapes=use_shapes)
    except ValueError as exc:  # turbo's word for a shape it cannot compile ("sh:minCount requires a property shape")
        raise unusable_shapes(exc) from None
    if not hasattr(report, "triples"):  # turbo returns a failure object for shapes it cannot use
        raise unusable_shapes(report)
    return oxigraph_store(report)
