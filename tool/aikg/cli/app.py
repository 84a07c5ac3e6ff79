"""The ``aikg`` group: global options, and errors turned into messages and exit codes."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from aikg import __version__
from aikg.errors import EXIT_INTERNAL, AikgError, SyntaxProblems, printable

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Option names users bring from other RDF tools, and aikg's name for the same thing.
MEANT = {
    "--results": "--format", "--output-format": "--format", "--out-format": "--format", "--result-format": "--format",
    "--syntax": "--format", "--lang": "--format", "--to-format": "--format", "--outputformat": "--format",
    "--from": "--input-format", "--informat": "--input-format",
    "--in": "--input", "--file": "--input", "--data": "--input", "--inputs": "--input",
    "--profile": "--infer", "--reasoner": "--infer", "--reasoning": "--infer", "--entailment": "--infer",
    "--labels": "--iris", "--shape": "--shapes",
}


def _point_at_the_right_option(error: click.NoSuchOption) -> None:
    """Replace click's spelling-based guess (``--results`` → ``--retries``) by the option meant, when we know it."""
    command = error.ctx.command if error.ctx else None
    meant = MEANT.get(error.option_name.split("=", 1)[0])
    if command is None or meant is None:
        return
    for param in command.params:
        if meant in getattr(param, "opts", ()):
            error.possibilities = ["/".join(param.opts[:2]) if len(param.opts) > 1 else meant]
            return


# Each command's module, and the first line of its help for `aikg --help`: a command's
# module (and what it imports) loads only when that command runs, so `aikg query`
# never pays for `aikg report`. tests/test_cli_lazy.py checks these lines against the commands.
COMMANDS = {
    "check": ("aikg.cli.graph:check", "Check that every FILE (or -i FILE) parses, then run the quality checks."),
    "convert": ("aikg.cli.graph:convert", "Convert RDF between Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML."),
    "diagram": ("aikg.cli.provenance:diagram", "Draw the derivation graph around MODELs (IRI, prefix:name or label), or all of it."),
    "export": ("aikg.cli.interchange:export_group", "Write aikg's lineage in other formats."),
    "import": ("aikg.cli.interchange:import_group", "Turn lineage kept elsewhere (model cards, SPDX 3 AI-BOMs, spreadsheets) into aikg RDF."),
    "info": ("aikg.cli.graph:info", "Triples per source, counts of classes, properties and individuals, ontology version."),
    "load": ("aikg.cli.stores:load", "Load the graph into a triple store, one named graph per source, and check it arrived."),
    "obligations": ("aikg.cli.provenance:obligations", "License duties and prohibitions MODEL may inherit through its derivations."),
    "queries": ("aikg.cli.query:queries", "List the catalogue of shipped queries: name, title, parameters."),
    "query": ("aikg.cli.query:query", "Run a catalogue query by NAME, a .rq FILE, or -e 'SPARQL'."),
    "reason": ("aikg.cli.graph:reason", "Materialise the OWL 2 RL (or RDFS) closure; inputs are never changed."),
    "report": ("aikg.cli.provenance:report", "Write a self-contained static HTML site of the graph to DIR."),
    "validate": ("aikg.cli.graph:validate", "Validate RDF against SHACL shapes; exit 1 when results reach --fail-on."),
}


def load_command(name: str) -> click.Command:
    """The command ``name`` from its module, with -q/--quiet and -v/--verbose, unwinding on SIGTERM while it
    writes an output file (its subcommands too, for a group)."""
    from importlib import import_module

    from aikg.cli.options import with_verbosity
    from aikg.cli.termination import unwinding

    module, attribute = COMMANDS[name][0].split(":")
    command = getattr(import_module(module), attribute)
    if isinstance(command, click.Group):
        for sub, subcommand in list(command.commands.items()):
            command.commands[sub] = unwinding(with_verbosity(subcommand))
        return command
    return unwinding(with_verbosity(command))


class AikgGroup(click.Group):
    """Loads each command on first use; turns AikgError into a message and its exit code; hides tracebacks."""

    def list_commands(self, ctx):
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMANDS:
            self.add_command(load_command(name), name)
        return self.commands.get(name)

    def format_commands(self, ctx, formatter):
        """The command list from COMMANDS' lines, laid out as click lays out loaded commands, importing none."""
        width = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [(name, click.Command(name, help=summary).get_short_help_str(width)) for name, (_, summary) in sorted(COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def format_epilog(self, ctx, formatter):
        self.epilog = _limits_epilog()  # built when help is shown, so no command pays for it
        super().format_epilog(ctx, formatter)

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError:  # --help or --version into a pipe whose reader went away: as for a command
            discard_stdout()
            raise click.exceptions.Exit(0) from None

    def invoke(self, ctx):
        if ctx.params.get("debug"):
            return self._invoke_reporting_errors(ctx)
        with _libraries_quiet():
            return self._invoke_reporting_errors(ctx)

    def _invoke_reporting_errors(self, ctx):
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as error:
            _point_at_the_right_option(error)
            raise
        except AikgError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            ctx.exit(report(error))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("aikg: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # the reader went away (`aikg … | head`): stop quietly, like cat does
            discard_stdout()
            ctx.exit(0)
        except Exception as error:  # the contract: no traceback without --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(error, OSError) and (failed := disk_failure(error)) is not None:
                ctx.exit(report(failed))  # stdout or a spooled temporary file on a full disk
            click.echo(f"aikg: internal error: {type(error).__name__}: {printable(str(error))}", err=True)
            click.echo("aikg: hint: rerun with --debug for the traceback, and please report it", err=True)
            ctx.exit(EXIT_INTERNAL)


def discard_stdout() -> None:
    """Point stdout at /dev/null: what is left to write goes nowhere (its reader went away,
    `aikg … | head`, or its disk is full), so neither a later write nor the last flush fails."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def disk_failure(error: OSError) -> AikgError | None:
    """A full disk or quota under a write (standard output, a spooled temporary file) as
    WriteFailed, exit 4 like a failed -o; None for any other error."""
    import errno

    if error.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return None
    from aikg.errors import WriteFailed

    return WriteFailed(f"writing failed: {error.strerror}",
                       hint="free some space (or write the output elsewhere) and run the command again")


def report(error: AikgError) -> int:
    """Say what went wrong (message, location, hint) on stderr; the exit code for it."""
    if isinstance(error, SyntaxProblems):
        for diagnostic in error.diagnostics:
            click.echo(diagnostic.render(), err=True)
    else:
        click.echo(f"aikg: error: {printable(error.message)}", err=True)
    if error.hint:
        click.echo(f"aikg: hint: {printable(error.hint)}", err=True)
    return error.exit_code


def _limits_epilog() -> str:
    from aikg.limits import ALL

    lines = [f"  {limit.describe()}" for limit in ALL]
    return ("\b\nLimits (environment variables; sizes take K, M or G; exit 3 when an input exceeds one, "
            "4 for a store's answer):\n" + "\n".join(lines) + "\n  --timeout SECONDS on every command that talks to a store "
            "(query, validate, load): the whole command, exit 4.")


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


@contextmanager
def _libraries_quiet():
    """While a command runs (without --debug), keep the libraries' log records and warnings
    off the terminal; afterwards the warnings filters, sys.meta_path and logging's root
    handlers are as they were, so a program calling the CLI in-process keeps its own.

    rdflib logs a full traceback for every ill-typed literal ("abc"^^xsd:integer
    is legal RDF); aikg reports what matters itself (`aikg check` warns).
    Only libraries log, and most commands import none that does: logging is
    quieted when something imports it (it costs a query 3 ms), or now if it is there.
    """
    import warnings

    hook = _QuietLoggingOnImport()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if "logging" in sys.modules:
            hook.quiet(sys.modules["logging"])
        else:
            sys.meta_path.insert(0, hook)
        try:
            yield
        finally:
            if hook in sys.meta_path:
                sys.meta_path.remove(hook)
            hook.unquiet()


class _QuietLoggingOnImport:
    """An import finder that finds nothing itself: the first ``import logging`` is
    loaded by the usual finder, then quieted, before the importer can log.
    It keeps the handler it gives the root logger, to take it away again."""

    def __init__(self):
        self.added = None  # (the root logger, the NullHandler added to it)

    def quiet(self, logging) -> None:
        root = logging.getLogger()
        if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
            self.added = (root, logging.NullHandler())
            root.addHandler(self.added[1])  # replaces logging's last-resort stderr handler

    def unquiet(self) -> None:
        if self.added is not None:
            root, handler = self.added
            root.removeHandler(handler)
            self.added = None

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is not None:
            spec.loader = _QuietAfterLoading(spec.loader, self)
        return spec


class _QuietAfterLoading:
    """The loader of logging, quieting the module once it is loaded; anything else goes to that loader."""

    def __init__(self, loader, finder):
        self.loader, self.finder = loader, finder

    def __getattr__(self, name):
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        self.loader.exec_module(module)
        self.finder.quiet(module)
        if self.finder in sys.meta_path:  # its work is done (removed here, not while the import system iterates)
            sys.meta_path.remove(self.finder)
