"""Options shared by several commands, and writing a command's output.

Choices come from the library's own constants, so the CLI never restates them.
"""

from __future__ import annotations

import functools
import sys

import click

from aikg.bundle import PARTS
from aikg.engines.choice import DEFAULT_ENGINE, ENGINES, INFER_CHOICES, choose_engine
from aikg.rdf.formats import FORMAT_NAMES
from aikg.stores.profiles import STORE_NAMES


def with_options(func, options):
    for option in reversed(options):
        func = option(func)
    return func


def bundled_option(func):
    """--with model|all|none: the part of the bundled graph read with the user's files (README: Bring your own data)."""
    return click.option(
        "--with", "bundled", type=click.Choice(PARTS),
        help="Bundled part read with the -i files: model (ontology, vocabularies, license catalogue), "
        "all (the article dataset too) or none. Default: model (info and convert: none). "
        "Without -i: the bundled graph (all), or the part named.",
    )(func)


def input_options(func):
    """-i/--input FILE… (or -), --input-format and --with, shared by every command reading RDF."""
    return with_options(func, [
        click.option("-i", "--input", "inputs", multiple=True, metavar="FILE",
                     help="RDF file to read (repeatable; - for stdin). Default: the bundled graph."),
        click.option("--input-format", type=click.Choice(FORMAT_NAMES),
                     help="Format of the inputs (default: from the file extension; stdin: turtle)."),
        bundled_option,
    ])


def with_verbosity(command: click.Command) -> click.Command:
    """Give ``command`` -q/--quiet and -v/--verbose, kept in the context for :func:`verbosity`.

    Quiet: no progress and no notes on stderr (errors still). Verbose:
    progress even when stderr is no terminal, and the time taken.
    """
    command.params += [
        click.Option(["-q", "--quiet"], is_flag=True, help="No progress or notes on stderr; errors only."),
        click.Option(["-v", "--verbose"], is_flag=True, help="Progress even when stderr is not a terminal, and the time taken."),
    ]
    callback = command.callback

    @functools.wraps(callback)
    def run(*args, quiet: bool, verbose: bool, **kwargs):
        import time

        if quiet and verbose:
            raise click.UsageError("--quiet and --verbose contradict each other: give one")
        ctx = click.get_current_context()
        ctx.ensure_object(dict)
        ctx.obj["verbosity"] = -1 if quiet else (1 if verbose else 0)
        started = time.monotonic()
        try:
            return callback(*args, **kwargs)
        finally:
            if verbose:
                click.echo(f"aikg: {command.name} took {time.monotonic() - started:.2f} s", err=True)

    command.callback = run
    return command


def verbosity() -> int:
    """-1 with --quiet, 1 with --verbose, else 0."""
    ctx = click.get_current_context(silent=True)
    return ((ctx.obj or {}).get("verbosity", 0)) if ctx else 0


def progress_for(label: str, unit: str = "triples"):
    """A progress line for a step, as --quiet/--verbose and the terminal decide (None: silent)."""
    from aikg.progress import Progress, for_terminal

    level = verbosity()
    if level < 0:
        return None
    return Progress(label, unit) if level > 0 else for_terminal(label, unit)


def note(text: str) -> None:
    """A note on stderr, unless --quiet."""
    if verbosity() >= 0:
        click.echo(f"aikg: note: {text}", err=True)


def timeout_option(func):
    """--timeout SECONDS: give up cleanly (exit 4) when the work takes longer."""
    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
                        help="Give up after SECONDS (exit 4). Default: no limit.")(func)


def engine_option(func):
    """--engine oxigraph|reference, shared by validate and reason (``rdflib`` still names the reference)."""
    return click.option(
        "--engine", default=DEFAULT_ENGINE, show_default=True, metavar="[" + "|".join(ENGINES) + "]",
        callback=lambda _ctx, _param, value: choose_engine(value),
        shell_complete=lambda _ctx, _param, incomplete: [e for e in ENGINES if e.startswith(incomplete)],
        help="oxigraph: pyoxigraph, aikg's rule engine and pyshacl-turbo (shapes it gets wrong go to pySHACL); "
        "reference: rdflib, owlrl and pySHACL, the slow reference answer.",
    )(func)


def infer_option(help_text: str):
    return click.option("--infer", type=click.Choice(INFER_CHOICES), default="none", show_default=True, help=help_text)


def output_option(what: str = "the result"):
    return click.option("-o", "--output", metavar="FILE", help=f"Write {what} to FILE (atomically) instead of stdout.")


def connection_options(endpoint_help: str):
    """--endpoint and how to reach it (profile, paths, credentials, HTTP policy)."""
    return [
        click.option("--endpoint", metavar="URL", help=endpoint_help),
        click.option("--store", type=click.Choice(STORE_NAMES), default="oxigraph", show_default=True,
                     help="Store profile: endpoint paths and quirks."),
        click.option("--query-path", metavar="PATH",
                     help="Query service path or URL (overrides the profile; needed for --store generic)."),
        click.option("--netrc", "netrc_file", metavar="FILE",
                     help="Read the store's credentials from FILE (default: $AIKG_STORE_USER/$AIKG_STORE_PASSWORD, then ~/.netrc)."),
        click.option("--insecure-auth", is_flag=True,
                     help="Allow credentials over plain HTTP to a host other than this machine."),
        click.option("--request-timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
                     metavar="SECONDS", help="Longest time for each HTTP request to the store, from sending it to the answer's last byte."),
        click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
                     help="Retries of transient failures, with back-off."),
    ]


CONNECTION_FIELDS = ("store", "query_path", "netrc_file", "insecure_auth", "request_timeout", "retries")


def endpoint_from(kwargs: dict, **paths):
    """The api.Endpoint the connection options describe (popped from ``kwargs``), or None without --endpoint."""
    from aikg.api import Endpoint

    url = kwargs.pop("endpoint")
    settings = {name: kwargs.pop(name) for name in CONNECTION_FIELDS}
    return Endpoint(url, **settings, **paths) if url else None


def remote_options(func):
    """--endpoint, how to reach it, and --graph, passed on as ``endpoint`` (an Endpoint or None) and ``graphs``."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        endpoint = endpoint_from(kwargs)
        return func(*args, endpoint=endpoint, **kwargs)

    return with_options(wrapper, connection_options(
        "Read from the triple store at URL instead of local files (see 'Loading into triple stores')."
    ) + [click.option("--graph", "graphs", multiple=True, metavar="IRI",
                      help="Read these named graphs (repeatable). Default: every aikg data graph in the store.")])


def terminal_format(fmt: str | None, output: str | None) -> str:
    """``fmt``, else a table on a terminal and CSV when piped or written to a file."""
    if fmt is not None:
        return fmt
    return "table" if (sys.stdout.isatty() and not output) else "csv"


def table_width(fmt: str) -> int | None:
    """Columns a table may use: $COLUMNS, else the terminal's width, else 100; None when
    ``fmt`` is no table (no width shapes it, and shutil stays unimported)."""
    if fmt != "table":
        return None
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


PEOPLE_FORMATS = ("table", "text", "md")  # read on a terminal: sanitised; CSV, JSON, XML, RDF are not


def say(text: str, *, err: bool = False) -> None:
    """Text for people (tables, reports, diagnostics) to the terminal, control characters made harmless."""
    from aikg.errors import printable

    click.echo(printable(text, keep_lines=True), nl=False, err=err)


def guard_output(output: str | None, reads=()) -> None:
    """Refuse (exit 2) an -o naming a file the command reads, before any work is done."""
    if output and output != "-":
        from aikg.output import refuse_overwriting_inputs

        refuse_overwriting_inputs(output, [path for path in reads if path])


def write(output: str | None, data: str | bytes, inputs=(), *, for_people: bool = False) -> None:
    """``data`` to the output file (atomically, never over an input) or to stdout.

    ``for_people`` (tables, text reports) passes text through the terminal
    sanitiser; CSV, JSON and RDF are written byte for byte.
    """
    from aikg.errors import printable

    if for_people and isinstance(data, str):
        data = printable(data, keep_lines=True)
    if output and output != "-":
        from aikg.output import write_atomic  # here: writing to stdout needs none of its machinery

        guard_output(output, inputs)
        write_atomic(output, data)
        return
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else click.echo(data.decode(), nl=False)
        sys.stdout.flush()
    else:
        click.echo(data, nl=False, color=True)  # color=True: click must not strip escapes from CSV or JSON


def stream(output: str | None, write_to, inputs=(), label: str | None = None) -> None:
    """Call ``write_to(binary_stream, progress)`` on the output file (atomically) or stdout."""
    from aikg.output import atomic_file

    progress = progress_for(label, "quads") if label else None
    if output and output != "-":
        guard_output(output, inputs)
        with atomic_file(output) as handle:
            write_to(handle, progress)
    else:
        stdout = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else sys.stdout
        write_to(stdout, progress)
        stdout.flush()
    if progress:
        progress.done()
