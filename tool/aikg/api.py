"""aikg's operations as a library: one function each, returning data and never printing.

Every function reads one of three kinds of data:

- local RDF files: ``inputs`` (paths, ``"-"`` for standard input; none for the
  bundled graph) in the format their extension names or ``input_format``,
  read with a part of the bundled graph chosen by ``bundled``: ``"model"``
  (the ontology and license catalogue: the default of most operations),
  ``"all"`` (the article dataset too) or ``"none"``;
- an on-disk pyoxigraph store made by :func:`load`: ``db``;
- a triple store over HTTP: ``endpoint``, an :class:`Endpoint`.

Long operations take ``timeout`` (seconds; :class:`~aikg.errors.TimeLimitReached`
when exceeded) and ``progress_for``, a callable that returns a progress
callback for a step label, or None (see :mod:`aikg.progress`). Errors are
:class:`~aikg.errors.AikgError` subclasses carrying the CLI's exit code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from aikg.deadline import within
from aikg.errors import Diagnostic, UsageError

if TYPE_CHECKING:  # imported for annotations only: keeps `import aikg.api` cheap
    from aikg.interchange.builder import Imported
    from aikg.provenance.lineage import Lineage
    from aikg.provenance.obligations import Obligation, UnrecordedTerms
    from aikg.sparql.catalogue import CatalogueQuery
    from aikg.sparql.results import QueryResult
    from aikg.rdf.info import GraphInfo
    from aikg.render.report import ReportSummary
    from aikg.stores.load import LoadPlan, LoadReport
    from aikg.validation import ValidationOutcome


# ----------------------------------------------------------------- endpoints


# Records here are NamedTuples or slotted classes, not dataclasses: each dataclass costs every
# command ~0.5 ms of start-up (its methods are compiled when the module is imported).
class Endpoint(NamedTuple):
    """How to reach a triple store: its URL, profile, paths and HTTP policy."""

    url: str
    store: str = "oxigraph"  # a profile name from aikg.stores.profiles.STORE_NAMES
    query_path: str | None = None
    update_path: str | None = None
    gsp_path: str | None = None
    netrc_file: str | None = None
    insecure_auth: bool = False
    request_timeout: float = 60.0
    retries: int = 2


def connect(endpoint: Endpoint, timeout: float | None = None):
    """The HTTP client for ``endpoint``, with credentials found and checked (nothing sent yet);
    ``timeout`` (seconds from now) bounds every request it will make."""
    import time

    from aikg.stores.http import connect as connect_store

    return connect_store(
        endpoint.url, endpoint.store, query_path=endpoint.query_path, update_path=endpoint.update_path,
        gsp_path=endpoint.gsp_path, netrc_file=endpoint.netrc_file, insecure_auth=endpoint.insecure_auth,
        timeout=endpoint.request_timeout, retries=endpoint.retries,
        deadline=time.monotonic() + timeout if timeout else None,
    )


def _with_bundled(inputs, bundled: str | None, default: str = "model", *, input_format: str | None):
    """The inputs plus the files of the bundled part ``bundled`` (``default`` when None), resolved once
    into the :class:`~aikg.rdf.sources.Inputs` value every reader is given; see the module doc."""
    from aikg.bundle import with_bundled
    from aikg.rdf.sources import resolve_inputs

    paths = list(inputs or ())
    return resolve_inputs(with_bundled(paths, bundled, default), input_format, user=len(paths))


def _one_source(inputs, endpoint=None) -> None:
    if endpoint is not None and inputs:
        raise UsageError("--endpoint reads the store; -i/--input reads files: give one of them")


# ---------------------------------------------------------------- local data


def default_namespaces(prefixes: dict[str, str] | None = None) -> dict[str, str]:
    """Prefix → namespace IRI for compact terms: rdf, rdfs, owl, xsd, aikg's, and ``prefixes`` (which win)."""
    from aikg.sparql.syntax import implicit_prefixes

    return implicit_prefixes(prefixes)


# --------------------------------------------------------------------- query


class Answer:
    """A query's result, the prefixes to print its terms with (prefix → namespace IRI)
    and the labels of the IRIs in its rows (IRI → label; empty unless asked for)."""

    __slots__ = ("result", "namespaces", "labels")

    def __init__(self, result: QueryResult, namespaces: dict, labels: dict[str, str] | None = None):
        self.result, self.namespaces, self.labels = result, namespaces, {} if labels is None else labels


def list_queries(checks: bool = True) -> list[CatalogueQuery]:
    """The shipped query catalogue; ``checks=False`` leaves out the ``*-violation`` quality checks."""
    from aikg.sparql.catalogue import catalogue

    return [q for q in catalogue() if checks or not q.checks]


def query(
    name: str | None = None,
    *,
    text: str | None = None,
    params: dict[str, str] | None = None,
    inputs=(),
    input_format: str | None = None,
    infer: str = "none",
    db: str | None = None,
    endpoint: Endpoint | None = None,
    graphs=(),
    union_default_graph: bool | None = None,
    base: str | None = None,
    allow_service: bool = False,
    bundled: str | None = None,
    timeout: float | None = None,
    progress_for=None,
    labels: bool = True,
) -> Answer:
    """Answer a catalogue query (``name``: a name or a ``.rq`` path) or SPARQL ``text``.

    Local inputs and ``db`` are answered by pyoxigraph over the inputs' RDF
    dataset: triples files in the default graph, named graphs kept named.
    ``union_default_graph`` makes the query's default graph the union of all
    graphs (default: on for ``db``, off for files). ``base`` resolves the
    query's relative IRIs (default: the query file's URI). ``params`` are
    ``name: value`` strings, bound as RDF terms as the query's header types
    them (never spliced into the text). ``labels``: label the IRIs bound (tables).
    """
    from aikg.sparql.params import labels_to_iris, query_spec
    from aikg.sparql.syntax import implicit_prefixes
    from aikg.rdf.graphs import document_prefixes

    _check_query_sources(name, text, inputs, infer, db, endpoint)
    if endpoint is None and not db:
        inputs = _with_bundled(inputs, bundled, input_format=input_format)
    declared = document_prefixes(inputs, input_format)
    local = endpoint is None and not db
    params = labels_to_iris(name, params or {}, inputs, input_format) if local else params or {}
    spec, bindings = query_spec(name, text, params, declared)
    if spec.infer and infer == "none" and not db:
        infer = spec.infer  # the query's header says it needs reasoning (# infer:); empty answers otherwise
    source = str(spec.path) if spec.path else "<query>"
    prefixes = implicit_prefixes(declared)
    base = base if base is not None else _file_base(spec)
    union = bool(db) if union_default_graph is None else union_default_graph
    def work() -> Answer:
        if endpoint is not None:
            return _query_endpoint(connect(endpoint, timeout), spec.text, bindings, source, graphs, infer)
        from aikg.engines.fast import open_database, reasoned_store, run_query_oxigraph
        from aikg.sparql.results import result_labels

        # the inputs' dataset, or their closure under ``infer`` (aikg's rules, owlrl's closure: tests/test_closure.py)
        store = open_database(db) if db else reasoned_store(inputs, input_format, infer, progress_for, keep_graphs=True)
        result = run_query_oxigraph(store, spec.text, bindings, source, prefixes, allow_service, union, base)
        return Answer(result, prefixes, result_labels(store, result) if labels else {})

    return within(timeout, work, "the query")


def _file_base(spec) -> str | None:
    """A query file's own URI, its base IRI as SPARQL says; None for inline text."""
    from pathlib import Path

    return Path(spec.path).resolve().as_uri() if spec.path else None


def _check_query_sources(name, text, inputs, infer, db, endpoint) -> None:
    """One query (a name or text) and one place its data comes from, or a usage error."""
    if (name is None) == (text is None):
        raise UsageError("give a query NAME or FILE, or -e 'SPARQL' (one of them)", hint="run 'aikg queries' for the catalogue")
    _one_source(inputs, endpoint)
    if db and (inputs or infer != "none" or endpoint is not None):
        raise UsageError("--db queries the store as it is: drop -i/--input, --infer and --endpoint",
                         hint="materialise inferences before loading: aikg reason -o closure.nq")


def _query_endpoint(store, text, bindings, source, graphs, infer) -> Answer:
    from aikg.sparql.syntax import implicit_prefixes
    from aikg.stores.dataset import remote_dataset
    from aikg.stores.http import run_query_remote

    dataset = remote_dataset(store, graphs, infer=infer != "none")
    return Answer(run_query_remote(store, text, bindings, source, dataset), implicit_prefixes())


# ------------------------------------------------------------------ validate


def validate(
    *,
    inputs=(),
    input_format: str | None = None,
    shapes=(),
    infer: str = "none",
    engine: str = "oxigraph",
    endpoint: Endpoint | None = None,
    graphs=(),
    bundled: str | None = None,
    timeout: float | None = None,
    progress_for=None,
    explain_time: bool = False,
) -> ValidationOutcome:
    """SHACL validation of the inputs (or a store's graphs) against ``shapes`` (default: the bundled shapes).

    With inputs, the bundled model is read too (``bundled``) as background:
    only findings about the inputs' nodes are reported. Any aikg term the
    inputs use that the ontology does not declare is a violation naming the
    closest declared term. ``engine``: ``oxigraph`` (pyshacl-turbo, with the
    shapes it gets wrong validated by pySHACL) or ``reference`` (pySHACL);
    either way the outcome holds pyoxigraph terms, a report Store and its
    ``namespaces`` (prefix -> IRI) to print terms compactly.
    With ``explain_time`` its ``timings`` say how long each shape takes alone
    (on the oxigraph engine).
    """
    from aikg.engines.choice import choose_engine

    _one_source(inputs, endpoint)
    engine = choose_engine(engine)
    if explain_time and (endpoint is not None or engine == "reference"):
        raise UsageError("--explain-time times the shapes on the oxigraph engine: drop --engine reference and --endpoint")

    def work():
        from aikg.engines.run import validate_data, validate_inputs
        from aikg.rdf.graphs import document_prefixes
        from aikg.validation import about_inputs

        if endpoint is not None:
            from aikg.stores.dataset import read_remote_graph

            return validate_data(read_remote_graph(connect(endpoint, timeout), graphs), shapes, infer, engine)
        paths = _with_bundled(inputs, bundled, input_format=input_format)
        outcome = validate_inputs(paths, input_format, shapes, infer, engine, progress_for, explain_time)
        outcome = about_inputs(outcome, paths, input_format)
        if outcome.findings:  # the user's own prefixes print their terms (read only when there is something to print)
            outcome.namespaces.update(document_prefixes(paths, input_format))
        return outcome

    return within(timeout, work, "the validation")


# -------------------------------------------------------------------- reason


class Closure:
    """A reasoned graph as pyoxigraph quads, whichever engine reasoned.

    ``quads`` is a pyoxigraph Store, or with ``inferred_only`` an iterator
    over the inferred triples that can be written (or read) once.
    """

    __slots__ = ("quads",)

    def __init__(self, quads: object):
        self.quads = quads

    def write(self, out, fmt: str) -> None:
        """Serialise to the binary stream ``out`` in RDF format ``fmt``."""
        from aikg.rdf.convert import write_rdf

        write_rdf(self.quads, fmt, out)


def reason(
    *,
    inputs=(),
    input_format: str | None = None,
    profile: str = "owlrl",
    inferred_only: bool = False,
    engine: str = "oxigraph",
    bundled: str | None = None,
    timeout: float | None = None,
    progress_for=None,
) -> Closure:
    """The OWL 2 RL (or RDFS) closure of the inputs (with the model by default); the inputs are never changed.

    aikg's rule engine gives owlrl's closure (numbers aside: they are in canonical form) at every
    size; ``engine="reference"`` (or its old name ``rdflib``) runs owlrl itself.
    """
    from aikg.engines.choice import choose_engine

    inputs = _with_bundled(inputs, bundled, input_format=input_format)
    engine = choose_engine(engine)

    def work() -> Closure:
        from aikg.engines.run import closure

        return Closure(closure(inputs, input_format, profile, inferred_only, engine, progress_for))

    return within(timeout, work, "the reasoning")


# ------------------------------------------------------------------- convert


def output_format(to: str | None, output: str | None) -> str:
    """The RDF format to write: ``to``, else the one the output file's extension names."""
    from aikg.rdf.formats import FORMAT_NAMES, guess_format

    if to is not None:
        return to
    if not output or output == "-":
        raise UsageError("name the output format with -f/--format (or an -o FILE with a known extension)",
                         hint="formats: " + ", ".join(FORMAT_NAMES))
    try:
        return guess_format(output).name
    except UsageError:
        raise UsageError(f"cannot tell the output format from the name {output}",
                         hint="name it with -f/--format (" + ", ".join(FORMAT_NAMES) + "), or give -o a known extension") from None


def convert(out, *, to: str, inputs=(), input_format: str | None = None, merge_graphs: bool = False, progress=None,
            bundled: str | None = None, expanded: bool = False) -> None:
    """Stream the inputs (alone by default) to the binary stream ``out`` in format ``to`` (named graphs kept where it can).

    The output declares the inputs' prefixes and base; JSON-LD is compacted
    with them and aikg's context unless ``expanded``.
    """
    from aikg.rdf.convert import convert as convert_files

    convert_files(_with_bundled(inputs, bundled, "none", input_format=input_format), to, out, input_format, merge_graphs, progress, expanded)


# --------------------------------------------------------------------- check


class CheckFailure(NamedTuple):
    """A quality check (a ``*-violation`` query) that returned rows."""

    query: CatalogueQuery
    vars: list[str]
    rows: list[tuple]


class CheckOutcome:
    """What ``check`` found: the inputs' diagnostics, the quality checks run and those that returned rows."""

    __slots__ = ("diagnostics", "checks_run", "failures")

    def __init__(self, diagnostics: list[Diagnostic] | None = None, checks_run: list[str] | None = None,
                 failures: list[CheckFailure] | None = None):
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.checks_run = [] if checks_run is None else checks_run
        self.failures = [] if failures is None else failures

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def clean(self) -> bool:
        return not self.errors and not self.failures


def check(paths=None, input_format: str | None = None, run_queries: bool = True, bundled: str | None = None) -> CheckOutcome:
    """Parse every input (reporting every broken file), warn on likely mistakes, then run the quality checks.

    The diagnostics are the inputs' own; the quality checks run over the
    inputs with the bundled model (``bundled``), which declares the terms
    the undeclared-term check looks for.
    """
    import pyoxigraph as ox

    from aikg.engines.fast import run_query_oxigraph
    from aikg.sparql.catalogue import quality_checks
    from aikg.rdf.graphs import load_store
    from aikg.rdf.lint import lint

    paths = list(paths or ())
    everything = _with_bundled(paths, bundled, input_format=input_format)  # the user's files, then the bundled part
    read_with = everything.background  # without paths, lint reads the bundled graph itself
    # The checks are queries, answered by the query engine over the store lint fills as it reads (each file read once).
    store = (load_store(read_with) if read_with else ox.Store()) if run_queries else None
    outcome = CheckOutcome(diagnostics=lint(everything.examined, into=store))
    if outcome.errors or not run_queries:
        return outcome
    for spec in quality_checks():
        result = run_query_oxigraph(store, spec.text, source=str(spec.path))
        outcome.checks_run.append(spec.name)
        if result.rows:
            outcome.failures.append(CheckFailure(spec, result.vars, result.rows))
    return outcome


# ---------------------------------------------------------------------- info


def info(inputs=(), input_format: str | None = None, bundled: str | None = None) -> GraphInfo:
    """Triples per source, distinct triples, term counts and the ontologies' versions (of the inputs alone by default)."""
    from aikg.rdf.info import graph_info

    return graph_info(_with_bundled(inputs, bundled, "none", input_format=input_format))


# ---------------------------------------------------------------------- load


def plan_load(inputs=(), input_format: str | None = None, *, shapes=(), include_shapes: bool = True,
              infer: str = "none", graph: str | None = None, bundled: str | None = None) -> LoadPlan:
    """What :func:`load` would send: one named graph per source file, the model's too by default (or all into ``graph``)."""
    from aikg import bundle
    from aikg.stores.load import plan_load as make_plan

    paths = _with_bundled(inputs, bundled, input_format=input_format)
    if not shapes and len(paths) > len(list(inputs)):  # the bundled graph, or a part of it: its shapes go too
        shapes = bundle.shape_files()
    return make_plan(paths, input_format, shapes, include_shapes, infer, graph)


def load(plan: LoadPlan, *, endpoint: Endpoint | None = None, db: str | None = None, append: bool = False,
         method: str = "auto", batch_size: int | None = None, progress=None, timeout: float | None = None) -> LoadReport:
    """Send ``plan`` to a store (``endpoint``) or an on-disk Oxigraph store (``db``) and count what arrived,
    within ``timeout`` seconds (TimeLimitReached otherwise; what was sent stays sent, graph by graph)."""
    from aikg.stores.load import load_to_directory, load_to_store
    from aikg.stores.profiles import DEFAULT_BATCH

    batch_size = batch_size or DEFAULT_BATCH

    if (endpoint is None) == (db is None):
        raise UsageError("give a target: --endpoint URL (a store server) or --db DIR (a local Oxigraph store)")
    if endpoint is not None:
        store = connect(endpoint, timeout)
        return within(timeout, lambda: load_to_store(plan, store, append=append, method=method, batch_size=batch_size,
                                                     progress=progress), "the load")
    return within(timeout, lambda: load_to_directory(plan, db, append=append, progress=progress), "the load")


# --------------------------------------------------------------- provenance


class Obligations:
    """The license clauses a model may inherit, the namespaces to print them with, and the
    ancestors whose license terms are unknown (``unrecorded``)."""

    __slots__ = ("rows", "namespaces", "unrecorded")

    def __init__(self, rows: list[Obligation], namespaces: dict[str, str], unrecorded: list[UnrecordedTerms] | None = None):
        self.rows, self.namespaces = rows, namespaces
        self.unrecorded = [] if unrecorded is None else unrecorded

    def as_result(self) -> QueryResult:
        from aikg.provenance.obligations import as_result

        return as_result(self.rows)

    def labels(self) -> dict[str, str]:
        """IRI → label for the terms the rows name, for tables."""
        return {t.iri: t.label for o in self.rows for t in (o.model, o.clause, o.license, o.source, o.clause_kind) if t}

    def as_json(self) -> list[dict]:
        """One object per (model, clause), with every path as arrays of models and kinds."""
        from aikg.provenance.obligations import as_json

        return as_json(self.rows)


def obligations(model: str, *, inputs=(), input_format: str | None = None, bundled: str | None = None) -> Obligations:
    """License duties and prohibitions ``model`` (IRI, prefixed name or label) may inherit."""
    from aikg.provenance.obligations import obligations as find_obligations
    from aikg.provenance.obligations import unrecorded_terms
    from aikg.rdf.graphs import document_prefixes

    inputs = _with_bundled(inputs, bundled, input_format=input_format)
    prefixes = document_prefixes(inputs, input_format)
    store = _provenance_store(inputs, input_format)
    found = find_obligations(store, model, prefixes)
    return Obligations(found, default_namespaces(prefixes), unrecorded_terms(store, model, prefixes))


def _provenance_store(inputs, input_format: str | None):
    """The inputs in one pyoxigraph store (the bundled graph from the cache when none), read by ``provenance``."""
    from aikg.rdf.graphs import load_store

    return load_store(inputs, input_format)


def models(*, inputs=(), input_format: str | None = None) -> list[tuple[str, str]]:
    """Every model of the graph as (prefixed name or IRI, label), sorted by label: what MODEL arguments accept."""
    import pyoxigraph as ox

    from aikg.provenance.lineage import models as store_models
    from aikg.rdf.graphs import document_prefixes
    from aikg.render.results import short

    inputs = _with_bundled(inputs, None, "none", input_format=input_format)  # resolved once, for the prefixes and the store
    namespaces = default_namespaces(document_prefixes(inputs, input_format))
    found = store_models(_provenance_store(inputs, input_format))
    named = [(short(ox.NamedNode(iri), namespaces).strip("<>"), label) for iri, label in found.items()]
    return sorted(named, key=lambda item: (item[1].casefold(), item[0]))


def lineage(models=(), *, depth: int | None = None, direction: str = "both", inputs=(),
            input_format: str | None = None, bundled: str | None = None) -> Lineage:
    """The derivation graph around ``models`` (IRIs, prefixed names or labels), or all of it."""
    from aikg.provenance.lineage import lineage_for
    from aikg.rdf.graphs import document_prefixes

    if not models and (depth is not None or direction != "both"):
        raise UsageError("--depth and --direction count from the MODELs given", hint="name at least one MODEL")
    inputs = _with_bundled(inputs, bundled, input_format=input_format)
    prefixes = document_prefixes(inputs, input_format)
    return lineage_for(_provenance_store(inputs, input_format), models, depth, direction, prefixes)


def diagram(models=(), *, fmt: str = "dot", depth: int | None = None, direction: str = "both", inputs=(),
            input_format: str | None = None, bundled: str | None = None, scale: float = 1.0,
            dpi: float | None = None) -> str | bytes:
    """The lineage around ``models`` drawn as DOT or Mermaid text, or SVG/PNG/PDF/JPEG bytes (Graphviz).

    ``dpi`` and ``scale`` size the drawn formats (see :func:`aikg.render.diagram.render`).
    """
    from aikg.render.diagram import render

    drawn = lineage(models, depth=depth, direction=direction, inputs=inputs, input_format=input_format, bundled=bundled)
    return render(drawn, fmt, scale=scale, dpi=dpi)


def report(output: str, *, inputs=(), input_format: str | None = None, shapes=(), title: str = "aikg report",
           bundled: str | None = None) -> ReportSummary:
    """Write a self-contained static HTML site of the graph to the folder ``output`` (replaced whole).

    The inputs are read into a pyoxigraph store; ``aikg.report_data`` gathers
    what the pages show (validation with ``shapes``, default the bundled ones;
    the catalogue's answers; lineage, claims and obligations) and
    ``aikg.render.report`` writes the pages.
    """
    from aikg.rdf.graphs import load_store
    from aikg.render.report import write_report
    from aikg.report_data import gather

    store = load_store(_with_bundled(inputs, bundled, input_format=input_format), input_format)
    return write_report(gather(store, shapes=shapes, title=title), output)


# -------------------------------------------------------------- interchange


def import_hf_cards(paths, *, repo_id: str | None = None, revision: str | None = None) -> Imported:
    """Hugging Face model cards (files, folders of README.md, ``-``) as aikg lineage with claims.

    A card that cannot be read is an error diagnostic in the result; the others are still imported.
    """
    from aikg.interchange.cards import import_cards

    return import_cards(paths, repo_id=repo_id, revision=revision)


def import_spdx3(paths, *, context: str | None = None) -> Imported:
    """SPDX 3.0.1 JSON-LD documents (AI and Dataset profiles) as aikg lineage, keeping SPDX ids."""
    from aikg.interchange.spdx_import import import_documents

    return import_documents(paths, context=context)


def import_csv(paths) -> Imported:
    """Lineage kept in a spreadsheet (see README, "aikg import csv") as aikg lineage with claims."""
    from aikg.interchange.csv_import import import_tables

    return import_tables(paths)


def export_spdx3(models=(), *, inputs=(), input_format: str | None = None, expanded: bool = False,
                 bundled: str | None = None) -> str:
    """The models (all when none), their lineage, licenses and datasets as one SPDX 3.0.1 JSON-LD document.

    ``expanded``: the same document as expanded JSON-LD, readable as RDF without the remote context.
    """
    from aikg.interchange.spdx_export import export_document
    from aikg.provenance.lineage import Labeller, describe_model, lineage_for, models as every_model
    from aikg.rdf.graphs import document_prefixes

    inputs = _with_bundled(inputs, bundled, input_format=input_format)
    prefixes = document_prefixes(inputs, input_format)
    store = _provenance_store(inputs, input_format)
    found = lineage_for(store, models, direction="up", prefixes=prefixes) if models else lineage_for(store)
    labels = Labeller(store)
    for iri in [] if models else every_model(store):  # models with no derivation are exported too
        found.nodes.setdefault(iri, describe_model(store, iri, labels))
    return export_document(store, found, expanded=expanded)


__all__ = [
    "Answer",
    "CheckOutcome",
    "Closure",
    "Endpoint",
    "Obligations",
    "check",
    "connect",
    "convert",
    "diagram",
    "export_spdx3",
    "import_csv",
    "import_hf_cards",
    "import_spdx3",
    "info",
    "lineage",
    "list_queries",
    "load",
    "models",
    "obligations",
    "plan_load",
    "query",
    "reason",
    "report",
    "validate",
]
