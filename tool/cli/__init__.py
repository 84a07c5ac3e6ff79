"""The ``aikg`` command line: a thin layer over the library.

Each command parses its options, calls one library function and formats
what it returns. Errors become messages here, and only here; the exit
codes are the contract documented in the README.
"""

from __future__ import annotations

import functools
import sys

import click
from aikg import __version__
from aikg.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_USAGE,
    AikgError,
    SyntaxProblems,
    printable,
)
from aikg.stores.profiles import STORE_NAMES

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
RDF_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml")


def _fail(error: AikgError) -> None:
    if isinstance(error, SyntaxProblems):
        for diagnostic in error.diagnostics:
            click.echo(diagnostic.render(), err=True)
    else:
        click.echo(f"aikg: error: {printable(error.message)}", err=True)
    if error.hint:
        click.echo(f"aikg: hint: {printable(error.hint)}", err=True)


class AikgGroup(click.Group):
    """Turns AikgError into a message and its exit code; hides tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except AikgError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _fail(error)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("aikg: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (`aikg … | head`): stop quietly, like cat does.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except Exception as error:  # the contract: no traceback without --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"aikg: internal error: {type(error).__name__}: {error}", err=True)
            click.echo("aikg: hint: rerun with --debug for the traceback, and please report it", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(name="aikg", cls=AikgGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="aikg")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of short messages.")
@click.pass_context
def cli(ctx, debug):
    """aikg: a knowledge graph of AI-model provenance.

    Query it with SPARQL, validate it with SHACL, reason over it, convert it.
    With no -i/--input, commands work on the bundled graph (ontology, the
    encoded article, background facts and source records).
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if not debug:
        _quiet_libraries()


def _quiet_libraries() -> None:
    """Keep the libraries' log records and warnings off the terminal.

    rdflib logs a full traceback for every ill-typed literal ("abc"^^xsd:integer
    is legal RDF); aikg reports what matters itself (`aikg check` warns).
    """
    import logging
    import warnings

    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())  # replaces logging's last-resort stderr handler
    warnings.simplefilter("ignore")


def input_options(func):
    """-i/--input FILE… (or -) and --input-format, shared by every command reading RDF."""

    @click.option(
        "-i",
        "--input",
        "inputs",
        multiple=True,
        metavar="FILE",
        help="RDF file to read (repeatable; - for stdin). Default: the bundled graph.",
    )
    @click.option(
        "--input-format",
        type=click.Choice(RDF_FORMATS),
        help="Format of the inputs (default: from the file extension; stdin: turtle).",
    )
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def timeout_option(func):
    """--timeout SECONDS: give up cleanly (exit 4) when the work takes longer."""
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        metavar="SECONDS",
        help="Give up after SECONDS (exit 4). Default: no limit.",
    )(func)


def within(seconds, work, what):
    from aikg.deadline import within as run_within

    return run_within(seconds, work, what)


CONNECTION_OPTIONS = ("endpoint", "store", "query_path", "netrc_file", "insecure_auth", "request_timeout", "retries")


def _connection_options(endpoint_help: str):
    return [
        click.option("--endpoint", metavar="URL", help=endpoint_help),
        click.option("--store", type=click.Choice(STORE_NAMES), default="oxigraph", show_default=True, help="Store profile: endpoint paths and quirks."),
        click.option("--query-path", metavar="PATH", help="Query service path or URL (overrides the profile; needed for --store generic)."),
        click.option("--netrc", "netrc_file", metavar="FILE", help="Read the store's credentials from FILE (default: $AIKG_STORE_USER/$AIKG_STORE_PASSWORD, then ~/.netrc)."),
        click.option("--insecure-auth", is_flag=True, help="Allow credentials over plain HTTP to a host other than this machine."),
        click.option("--request-timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, metavar="SECONDS", help="Timeout of each HTTP request to the store."),
        click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True, help="Retries of transient failures, with back-off."),
    ]


def _with_options(func, options):
    for option in reversed(options):
        func = option(func)
    return func


def remote_options(func):
    """--endpoint, how to reach it, and --graph, gathered into one ``remote`` dict (empty without --endpoint)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        remote = {name: kwargs.pop(name) for name in CONNECTION_OPTIONS + ("graphs",)}
        return func(*args, remote=remote if remote["endpoint"] else {}, **kwargs)

    return _with_options(wrapper, _connection_options(
        "Read from the triple store at URL instead of local files (see 'Loading into triple stores')."
    ) + [click.option("--graph", "graphs", multiple=True, metavar="IRI", help="Read these named graphs (repeatable). Default: every aikg data graph in the store.")])


def _connect(remote: dict, **paths):
    from aikg.stores.http import connect

    return connect(
        remote["endpoint"], remote["store"], query_path=remote.get("query_path"), netrc_file=remote["netrc_file"],
        insecure_auth=remote["insecure_auth"], timeout=remote["request_timeout"], retries=remote["retries"], **paths,
    )


def _refuse_local_inputs(remote: dict, inputs) -> None:
    from aikg.errors import UsageError

    if remote and inputs:
        raise UsageError("--endpoint reads the store; -i/--input reads files: give one of them")


def _write(output: str | None, data: str | bytes, inputs=()) -> None:
    from aikg.output import refuse_overwriting_inputs, write_atomic

    if output and output != "-":
        refuse_overwriting_inputs(output, inputs)
        write_atomic(output, data)
        return
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else click.echo(data.decode(), nl=False)
        sys.stdout.flush()
    else:
        click.echo(data, nl=False)


def _stream(output: str | None, write, inputs=(), label: str | None = None) -> None:
    """Call ``write(binary_stream, progress)`` on the output file (atomically) or stdout."""
    from aikg.output import atomic_file, refuse_overwriting_inputs
    from aikg.progress import for_terminal

    progress = for_terminal(label, "quads") if label else None
    if output and output != "-":
        refuse_overwriting_inputs(output, inputs)
        with atomic_file(output) as handle:
            write(handle, progress)
    else:
        stdout = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else sys.stdout
        write(stdout, progress)
        stdout.flush()
    if progress:
        progress.done()


def _load(inputs, input_format, infer="none"):
    from aikg.api import reasoned_graph

    return reasoned_graph(inputs, input_format, infer)


def engine_option(func):
    """--engine auto|rdflib|oxigraph, shared by query, validate and reason."""
    from aikg.engines.choice import AUTO_THRESHOLD_BYTES, ENGINES

    return click.option(
        "--engine",
        type=click.Choice(ENGINES),
        default="auto",
        show_default=True,
        help="rdflib: the reference stack (rdflib, owlrl, pySHACL); oxigraph: the fast one "
        "(pyoxigraph, aikg's rule engine, pyshacl-turbo); auto: oxigraph when the inputs "
        f"exceed {AUTO_THRESHOLD_BYTES // 1_000_000} MB.",
    )(func)


def _engine(requested, inputs, input_format) -> str:
    from aikg.engines.choice import choose_engine

    return choose_engine(requested, list(inputs), input_format)


def _load_store(inputs, input_format, infer="none"):
    """The fast path's store of the inputs (reasoned with --infer), with progress on a terminal."""
    from aikg.api import reasoned_store
    from aikg.progress import for_terminal

    return reasoned_store(inputs, input_format, infer, for_terminal)


# --------------------------------------------------------------------- query


@cli.command()
@click.argument("query", required=False)
@click.option("-e", "--expression", metavar="SPARQL", help="Query text given inline instead of NAME or FILE.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter (repeatable).")
@click.option(
    "-f",
    "--format",
    "fmt",
    help="SELECT/ASK: table, csv, tsv, json, xml, md (default: table on a terminal, csv otherwise). "
    "CONSTRUCT/DESCRIBE: an RDF format (default turtle).",
)
@click.option("--infer", type=click.Choice(["none", "rdfs", "owlrl"]), default="none", show_default=True, help="Query the reasoned graph.")
@engine_option
@click.option("--db", "db", metavar="DIR", help="Query an on-disk pyoxigraph store (made by 'aikg load --db'); its default graph is the union of its graphs.")
@click.option("-o", "--output", metavar="FILE", help="Write the result to FILE (atomically) instead of stdout.")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses contact the endpoints they name (refused by default).")
@timeout_option
@input_options
@remote_options
def query(query, expression, params, fmt, infer, engine, db, output, allow_service, timeout, inputs, input_format, remote):
    """Run a catalogue query by NAME, a .rq FILE, or -e 'SPARQL'.

    ASK queries exit 0 when true and 1 when false.
    """
    from aikg.errors import UsageError
    from aikg.query.catalogue import CatalogueQuery, resolve_query
    from aikg.query.params import bind_parameters
    from aikg.render.results import RESULT_FORMATS, render

    if (query is None) == (expression is None):
        raise UsageError("give a query NAME or FILE, or -e 'SPARQL' (one of them)", hint="run 'aikg queries' for the catalogue")
    if expression is not None:
        spec = CatalogueQuery(name="<query>", title="", description="", params=(), text=expression)
    else:
        spec = resolve_query(query)
    values = _parse_params(params)
    if expression is not None and values:
        # Inline queries declare no header: every given parameter is a plain binding.
        from aikg.query.catalogue import Parameter

        spec = CatalogueQuery(
            name="<query>", title="", description="", text=expression,
            params=tuple(Parameter(n, _guess_param_type(v), True, "") for n, v in values.items()),
        )
    from aikg.query.syntax import implicit_prefixes
    from aikg.rdf.graphs import document_prefixes

    declared = document_prefixes(list(inputs), input_format)
    bindings = bind_parameters(spec, values, declared)
    source = str(spec.path) if spec.path else "<query>"
    if remote:
        _refuse_local_inputs(remote, inputs)
    if db and (inputs or infer != "none" or remote):
        raise UsageError(
            "--db queries the store as it is: drop -i/--input, --infer and --endpoint",
            hint="materialise inferences before loading: aikg reason -o closure.nq",
        )

    from aikg.api import answer
    from aikg.progress import for_terminal

    def work():
        return answer(
            spec.text, bindings, source=source, inputs=inputs, input_format=input_format, infer=infer,
            engine=engine, db=db, remote=_connect(remote) if remote else None, remote_graphs=remote.get("graphs", ()),
            prefixes=implicit_prefixes(declared), allow_service=allow_service, progress_for=for_terminal,
        )

    answered = within(timeout, work, "the query")
    result = answered.result
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        from aikg.rdf.convert import serialize

        _write(output, serialize(result.graph, fmt or "turtle"), inputs)
        return
    if fmt is None:
        fmt = "table" if (sys.stdout.isatty() and not output) else "csv"
    if fmt not in RESULT_FORMATS:
        raise UsageError(f"unknown result format {fmt!r}", hint="use one of: " + ", ".join(RESULT_FORMATS))
    _write(output, render(result, fmt, answered.namespaces), inputs)
    if result.kind == "ASK" and not result.boolean:
        sys.exit(EXIT_FINDINGS)



def _parse_params(params) -> dict[str, str]:
    from aikg.errors import UsageError

    values = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r} is not NAME=VALUE")
        values[name.strip()] = value
    return values


def _guess_param_type(value: str) -> str:
    import re

    if re.match(r"^<.*>$|^[a-z][a-z0-9+.-]*://|^[A-Za-z][\w-]*:[^/]", value):
        return "iri"
    return "string"


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True)
@click.option("--checks/--no-checks", default=True, show_default=True, help="Include the *-violation quality checks.")
def queries(fmt, checks):
    """List the catalogue of shipped queries: name, title, parameters."""
    import json

    from aikg.query.catalogue import catalogue

    entries = [q for q in catalogue() if checks or not q.checks]
    if fmt == "json":
        doc = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "quality_check": q.checks,
                "params": [
                    {"name": p.name, "type": p.type, "optional": p.optional, "description": p.description}
                    for p in q.params
                ],
            }
            for q in entries
        ]
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    if fmt == "md":
        click.echo("| name | title | parameters |\n|---|---|---|")
        for q in entries:
            click.echo(f"| `{q.name}` | {q.title} | {_params_text(q) or '–'} |")
        return
    width = max((len(q.name) for q in entries), default=0)
    for q in entries:
        click.echo(f"{q.name.ljust(width)}  {q.title}")
        if q.params:
            click.echo(f"{' ' * width}  params: {_params_text(q)}")


def _params_text(q) -> str:
    return ", ".join(f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in q.params)


# ------------------------------------------------------------------ validate


@cli.command()
@input_options
@click.option("-s", "--shapes", multiple=True, metavar="FILE", help="SHACL shapes file (repeatable). Default: the bundled shapes.")
@click.option("--infer", type=click.Choice(["none", "rdfs", "owlrl"]), default="none", show_default=True, help="Reason before validating (pySHACL's inference).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["violation", "warning", "info"]), default="violation", show_default=True, help="Lowest severity that makes the exit code 1.")
@engine_option
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE (atomically).")
@timeout_option
@remote_options
def validate(inputs, input_format, shapes, infer, fmt, fail_on, engine, output, timeout, remote):
    """Validate RDF against SHACL shapes; exit 1 when results reach --fail-on.

    On the oxigraph engine, --infer materialises the closure with aikg's rule
    engine first and pyshacl-turbo validates the result.
    """
    from aikg.engines.reference import validate as run_validation
    from aikg.validation import load_shapes

    if remote:
        _refuse_local_inputs(remote, inputs)

    def work():
        if remote:
            from aikg.stores.dataset import read_remote_graph

            data = read_remote_graph(_connect(remote), remote["graphs"])
        elif _engine(engine, inputs, input_format) == "oxigraph":
            return _validate_fast(inputs, input_format, shapes, infer)
        else:
            data = _load(inputs, input_format)
        return data.namespace_manager, run_validation(data, load_shapes(list(shapes) or None), inference=infer)

    namespaces, outcome = within(timeout, work, "the validation")
    failing = outcome.failing(fail_on)
    if fmt == "turtle":
        text = outcome.report_graph.serialize(format="turtle")
    elif fmt == "json":
        text = _findings_json(outcome, failing)
    else:
        text = _findings_text(outcome, namespaces)
    _write(output, text, list(inputs) + list(shapes))
    if failing:
        sys.exit(EXIT_FINDINGS)


def _findings_text(outcome, namespaces) -> str:
    from aikg.render.results import short

    if not outcome.findings:
        return "Conforms: no validation results.\n"
    lines = []
    for f in outcome.findings:
        lines.append(f"{f.severity.upper()}: {f.message or '(no message)'}")
        lines.append(f"  focus: {short(f.focus, namespaces)}")
        if f.path is not None:
            lines.append(f"  path:  {short(f.path, namespaces)}")
        if f.value is not None:
            lines.append(f"  value: {short(f.value, namespaces)}")
        lines.append(f"  shape: {short(f.shape, namespaces)}  ({short(f.component, namespaces)})")
    counts = {s: sum(1 for f in outcome.findings if f.severity == s) for s in ("violation", "warning", "info")}
    lines.append(
        f"{counts['violation']} violation(s), {counts['warning']} warning(s), {counts['info']} info(s)"
    )
    return "\n".join(lines) + "\n"


def _findings_json(outcome, failing) -> str:
    import json

    def s(term):
        return None if term is None else str(term)

    doc = {
        "conforms": outcome.conforms,
        "failing": len(failing),
        "results": [
            {
                "severity": f.severity,
                "focusNode": s(f.focus),
                "resultPath": s(f.path),
                "value": s(f.value),
                "message": f.message,
                "sourceShape": s(f.shape),
                "sourceConstraintComponent": s(f.component),
            }
            for f in outcome.findings
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# -------------------------------------------------------------------- reason


@cli.command()
@input_options
@click.option("--profile", type=click.Choice(["owlrl", "rdfs"]), default="owlrl", show_default=True)
@click.option("--inferred-only", is_flag=True, help="Output only the inferred triples.")
@click.option("-t", "--to", "fmt", type=click.Choice(RDF_FORMATS), default="turtle", show_default=True, help="Output format.")
@engine_option
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@timeout_option
def reason(inputs, input_format, profile, inferred_only, fmt, engine, output, timeout):
    """Materialise the OWL 2 RL (or RDFS) closure; inputs are never changed.

    The oxigraph engine runs aikg's OWL 2 RL rules inside pyoxigraph (tested
    to give owlrl's closure over aikg's vocabulary) and streams the output.
    """
    from aikg.engines.reference import reason as run_reasoning
    from aikg.rdf.convert import serialize

    if _engine(engine, inputs, input_format) == "oxigraph":
        from aikg.rdf.convert import write_rdf

        closure = within(timeout, lambda: _reason_fast(inputs, input_format, profile, inferred_only), "the reasoning")
        _stream(output, lambda out, _progress: write_rdf(closure, fmt, out), inputs)
        return

    def work():
        closure = run_reasoning(_load(inputs, input_format), profile, inferred_only=inferred_only)
        return serialize(closure, fmt)

    _write(output, within(timeout, work, "the reasoning"), inputs)


def _validate_fast(inputs, input_format, shapes, infer):
    """(namespaces, outcome) of pyshacl-turbo over the fast path's store."""
    from aikg.api import default_namespaces
    from aikg.engines.fast import validate_store
    from aikg.progress import for_terminal

    store = _load_store(inputs, input_format, infer)
    progress = for_terminal("validating")
    outcome = validate_store(store, list(shapes) or None)
    if progress:
        progress(len(store))
        progress.done(f"{len(outcome.findings)} result(s)")
    return default_namespaces(), outcome


def _reason_fast(inputs, input_format, profile, inferred_only):
    from aikg.engines.fast import reason_store
    from aikg.progress import for_terminal

    store = _load_store(inputs, input_format)
    progress = for_terminal("reasoning")
    closure = reason_store(store, profile, inferred_only, progress)
    if progress:
        progress.done()
    return closure


# ------------------------------------------------------------------- convert


@cli.command()
@input_options
@click.option("-t", "--to", "fmt", type=click.Choice(RDF_FORMATS), help="Output format (default: from the -o extension).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--merge-graphs", is_flag=True, help="Allow named graphs to be merged into a triple format.")
def convert(inputs, input_format, fmt, output, merge_graphs):
    """Convert RDF between Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML."""
    from aikg.errors import UsageError
    from aikg.rdf.convert import convert as run_conversion
    from aikg.rdf.formats import guess_format

    if fmt is None:
        if not output or output == "-":
            raise UsageError("name the output format with --to (or an -o FILE with a known extension)")
        fmt = guess_format(output).name
    _stream(output, lambda out, progress: run_conversion(list(inputs), fmt, out, input_format, merge_graphs, progress), inputs, "converting")


# --------------------------------------------------------------------- check


@cli.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option("--input-format", type=click.Choice(RDF_FORMATS), help="Format of the files (default: from the extension).")
@click.option("--diagnostics", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--syntax-only", is_flag=True, help="Only parse; skip the *-violation quality queries.")
def check(files, input_format, diagnostics, syntax_only):
    """Check that every FILE parses, then run the quality checks.

    Reports each syntax error as file:line:col. With no FILE, checks the
    bundled graph. Exit 3 on syntax errors, 1 when a quality check finds rows.
    """
    import json

    from aikg.api import check as run_check
    from aikg.errors import EXIT_BAD_INPUT
    from aikg.render.results import short

    outcome = run_check(list(files), input_format, run_queries=not syntax_only)
    if diagnostics == "json":
        doc = {
            "diagnostics": [d.as_dict() for d in outcome.diagnostics],
            "checks": outcome.checks_run,
            "failures": [
                {"check": f.query.name, "rows": [[None if t is None else str(t) for t in r] for r in f.rows]}
                for f in outcome.failures
            ],
        }
        click.echo(json.dumps(doc, indent=2))
    else:
        for d in outcome.diagnostics:
            click.echo(d.render(), err=True)
        for failure in outcome.failures:
            click.echo(f"FAILED {failure.query.name}: {failure.query.title} ({len(failure.rows)} row(s))")
            for row in failure.rows[:20]:
                click.echo("  " + "  ".join(f"{v}={short(t)}" for v, t in zip(failure.vars, row)))
        if outcome.clean:
            ran = len(outcome.checks_run)
            click.echo(f"OK: every input parses; {ran} quality check(s) found nothing." if ran or not syntax_only else "OK: every input parses.")
            if outcome.diagnostics:
                click.echo(f"{len(outcome.diagnostics)} warning(s)")
    if outcome.errors:
        sys.exit(EXIT_BAD_INPUT)
    if outcome.failures:
        sys.exit(EXIT_FINDINGS)


# ---------------------------------------------------------------------- info


@cli.command()
@input_options
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(inputs, input_format, fmt):
    """Triples per source, counts of classes, properties and individuals, ontology version."""
    import dataclasses
    import json

    from aikg.rdf.info import graph_info

    result = graph_info(list(inputs), input_format)
    if fmt == "json":
        click.echo(json.dumps(dataclasses.asdict(result), indent=2))
        return
    width = max([len("total (distinct)")] + [len(label) for label, _ in result.sources])
    for label, count in result.sources:
        click.echo(f"{label.ljust(width)}  {count:>7} triples")
    click.echo(f"{'total (distinct)'.ljust(width)}  {result.triples:>7} triples")
    click.echo(f"classes: {result.classes}  properties: {result.properties}  individuals: {result.individuals}")
    for iri, version_iri, version in result.ontologies:
        click.echo(f"ontology: {iri}  version {version or '?'}  ({version_iri or 'no versionIRI'})")


# ---------------------------------------------------------------------- load


def _load_options(func):
    return _with_options(func, _connection_options("Load into the triple store at URL (SPARQL 1.1 Graph Store Protocol, or Update).") + [
        click.option("--db", metavar="DIR", help="Load into the on-disk Oxigraph store in DIR instead (created if missing)."),
        click.option("--update-path", metavar="PATH", help="Update service path or URL (overrides the profile)."),
        click.option("--gsp-path", metavar="PATH", help="Graph Store Protocol path or URL (overrides the profile)."),
        click.option("--method", type=click.Choice(["auto", "gsp", "update"]), default="auto", show_default=True, help="auto: GSP when the profile has it, else SPARQL Update."),
        click.option("--graph", metavar="IRI", help="Load all data (and the closure) into this one graph instead of one graph per file."),
        click.option("-s", "--shapes", multiple=True, metavar="FILE", help="Shapes files to load too (default: the bundled shapes when no -i)."),
        click.option("--no-shapes", is_flag=True, help="Do not load any shapes graph."),
        click.option("--infer", type=click.Choice(["none", "rdfs", "owlrl"]), default="none", show_default=True, help="Also load the inferred triples into <https://w3id.org/aikg/graph/inferred>."),
        click.option("--append", is_flag=True, help="Add to the graphs (GSP POST) instead of replacing them (PUT)."),
        click.option("--batch-size", type=click.IntRange(min=1), default=100_000, show_default=True, metavar="N", help="Triples per request."),
        click.option("--dry-run", is_flag=True, help="Print what would be sent where, and send nothing."),
        click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Report format."),
    ])


@cli.command()
@input_options
@_load_options
def load(inputs, input_format, endpoint, store, query_path, netrc_file, insecure_auth, request_timeout, retries, db,
         update_path, gsp_path, method, graph, shapes, no_shapes, infer, append, batch_size, dry_run, fmt):
    """Load the graph into a triple store, one named graph per source, and check it arrived.

    Each graph is counted in the store after loading and compared with what
    was sent; exit 4 if any graph is incomplete, with the status of each.
    """
    from aikg.errors import UsageError
    from aikg.stores.load import load_to_directory, load_to_store, plan_load

    if bool(endpoint) == bool(db):
        raise UsageError("give a target: --endpoint URL (a store server) or --db DIR (a local Oxigraph store)")
    plan = plan_load(list(inputs), input_format, shapes, not no_shapes, infer, graph)
    target = None
    if endpoint:
        remote = dict(endpoint=endpoint, store=store, query_path=query_path, netrc_file=netrc_file,
                      insecure_auth=insecure_auth, request_timeout=request_timeout, retries=retries)
        target = _connect(remote, update_path=update_path, gsp_path=gsp_path)
    if dry_run:
        click.echo(_plan_text(plan, target, db, method, append, batch_size), nl=False)
        return
    with _progress(plan.triples) as progress:
        if target is not None:
            report = load_to_store(plan, target, append=append, method=method, batch_size=batch_size, progress=progress)
        else:
            report = load_to_directory(plan, db, append=append, progress=progress)
    click.echo(_report_json(report) if fmt == "json" else _report_text(report), nl=False)
    if not report.ok:
        from aikg.errors import StoreError

        bad = [g for g in report.graphs if g.state != "complete"]
        raise StoreError(f"{len(bad)} of {len(report.graphs)} graph(s) did not load completely into {report.target}",
                         hint="rerun the same command once the store is fixed: each graph is replaced, not doubled")


class _progress:
    """A progress bar on a terminal's stderr; silent otherwise (pipes, CI, tests)."""

    def __init__(self, total: int):
        self.bar = click.progressbar(length=total, label="loading", file=sys.stderr) if sys.stderr.isatty() else None

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.__enter__()
        return self.bar.update

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _plan_text(plan, target, db, method, append, batch_size) -> str:
    from aikg.stores.load import batches, choose_method

    if target is not None:
        how = choose_method(target, method)
        verb = {"gsp": "POST" if append else "PUT", "update": "INSERT" if append else "DROP + INSERT"}[how]
        where = target.endpoints.gsp if how == "gsp" else target.endpoints.update
        lines = [f"plan: {verb} into {target.endpoints.profile.name} store at {where} ({how}), then count each graph"]
    else:
        lines = [f"plan: {'add to' if append else 'replace'} graphs of the Oxigraph store in {db}, then count each graph"]
    for g in plan.graphs:
        requests = len(batches(g.triples, batch_size)) if target is not None else 1
        lines.append(f"  <{g.iri}>  {len(g.triples)} triples in {requests} request(s)  from {', '.join(g.sources)}")
    if plan.inferred_blank_skipped:
        lines.append(f"  ({plan.inferred_blank_skipped} inferred triples about blank nodes are not loaded: "
                     "a blank node cannot be shared between graphs)")
    lines.append(f"total: {plan.triples} triples in {len(plan.graphs)} graph(s); nothing sent (--dry-run)")
    return "\n".join(lines) + "\n"


def _report_text(report) -> str:
    width = max(len(g.iri) for g in report.graphs) if report.graphs else 5
    lines = [f"{'graph'.ljust(width)}  {'sent':>8}  {'in store':>8}  status"]
    for g in report.graphs:
        in_store = "?" if g.in_store is None else str(g.in_store)
        status = g.state + (f": {g.error}" if g.error else "")
        lines.append(f"{g.iri.ljust(width)}  {g.sent:>8}  {in_store:>8}  {status}")
    done = sum(1 for g in report.graphs if g.state == "complete")
    loaded = sum(g.sent for g in report.graphs if g.state == "complete")
    lines.append(f"{done} of {len(report.graphs)} graph(s) complete, {loaded} of {report.triples_sent} triples "
                 f"in {report.target} ({report.method}) after {report.seconds:.1f} s")
    return "\n".join(lines) + "\n"


def _report_json(report) -> str:
    import dataclasses
    import json

    doc = dataclasses.asdict(report)
    doc["ok"] = report.ok
    return json.dumps(doc, indent=2) + "\n"


# --------------------------------------------------------------- obligations


@cli.command()
@click.argument("model", metavar="MODEL")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md"]),
              help="Output format (default: table on a terminal, csv otherwise).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@input_options
def obligations(model, fmt, output, inputs, input_format):
    """License duties and prohibitions MODEL may inherit through its derivations.

    MODEL is an IRI, prefix:name or label. One row per derivation path and
    clause: the path, the derivation kinds on it, the license (with the
    candidate licenses when the ancestor's version is not known), the clause,
    its source and how certain it is (the weakest of the path's hedges, the
    trigger and the version). Exits 0, with no rows, when nothing is inherited.
    """
    from aikg.provenance.obligations import as_result
    from aikg.provenance.obligations import obligations as find_obligations
    from aikg.rdf.graphs import document_prefixes
    from aikg.render.results import render

    graph = _load(inputs, input_format)
    found = find_obligations(graph, model, document_prefixes(list(inputs), input_format))
    if fmt is None:
        fmt = "table" if (sys.stdout.isatty() and not output) else "csv"
    _write(output, render(as_result(found), fmt, graph.namespace_manager), inputs)


# ------------------------------------------------------------ diagram/report


@cli.command()
@click.argument("models", nargs=-1, metavar="[MODEL]...")
@click.option("-f", "--format", "fmt", type=click.Choice(["dot", "mermaid", "svg", "png"]),
              help="Output format (default: from the -o extension, else dot). svg and png need Graphviz.")
@click.option("--depth", type=click.IntRange(min=0), metavar="N", help="Follow at most N derivation steps from the MODELs.")
@click.option("--direction", type=click.Choice(["up", "down", "both"]), default="both", show_default=True,
              help="up: the models' sources; down: models derived from them; both.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@input_options
def diagram(models, fmt, depth, direction, output, inputs, input_format):
    """Draw the derivation graph around MODELs (IRI, prefix:name or label), or all of it.

    Nodes are coloured by access level and name developer and license; edges
    go from source to derived model, coloured by kind, dashed when the claims
    behind them are hedged, dotted when no claim supports them.
    """
    from aikg.errors import UsageError
    from aikg.provenance.lineage import lineage_for
    from aikg.rdf.graphs import document_prefixes
    from aikg.render.diagram import format_for, render

    if not models and (depth is not None or direction != "both"):
        raise UsageError("--depth and --direction count from the MODELs given", hint="name at least one MODEL")
    fmt = format_for(fmt, output)
    graph = _load(inputs, input_format)
    lineage = lineage_for(graph, models, depth, direction, document_prefixes(list(inputs), input_format))
    _write(output, render(lineage, fmt), inputs)


@cli.command()
@click.option("-o", "--output", required=True, metavar="DIR", help="Folder to write the site to (replaced whole; never half-written).")
@click.option("-s", "--shapes", multiple=True, metavar="FILE", help="SHACL shapes for the validation page (repeatable). Default: the bundled shapes.")
@click.option("--title", default="aikg report", show_default=True, help="Title shown on every page.")
@input_options
def report(output, shapes, title, inputs, input_format):
    """Write a self-contained static HTML site of the graph to DIR.

    Pages for models (with their lineage diagram), organisations, people,
    licenses, derivations and sources; every claim with its source,
    attribution and hedge; the validation summary; the competency queries'
    results. No page loads anything from the network.
    """
    from aikg.render.report import write_report
    from aikg.validation import load_shapes

    graph = _load(inputs, input_format)
    summary = write_report(graph, output, shapes_graph=load_shapes(list(shapes) or None), title=title)
    counts = ", ".join(f"{n} {name}" for name, n in summary.counts.items())
    click.echo(f"wrote {summary.pages} pages to {summary.folder}/ ({counts})")
    if not summary.diagrams:
        click.echo("aikg: note: Graphviz 'dot' is not installed; diagrams are given as edge lists and DOT source", err=True)


def main() -> None:
    cli(prog_name="aikg")


if __name__ == "__main__":
    main()
