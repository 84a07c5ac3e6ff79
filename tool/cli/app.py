"""The ``aikg`` group: global options, and errors turned into messages and exit codes."""

from __future__ import annotations

import sys

import click

from aikg import __version__
from aikg.errors import EXIT_INTERNAL, AikgError, SyntaxProblems, printable

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


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
            click.echo(f"aikg: internal error: {type(error).__name__}: {printable(str(error))}", err=True)
            click.echo("aikg: hint: rerun with --debug for the traceback, and please report it", err=True)
            ctx.exit(EXIT_INTERNAL)


def _limits_epilog() -> str:
    from aikg.limits import ALL

    lines = [f"  {limit.describe()}" for limit in ALL]
    return ("\b\nLimits (environment variables; sizes take K, M or G; exit 3 when an input exceeds one, "
            "4 for a store's answer):\n" + "\n".join(lines) + "\n  --timeout SECONDS on every command that talks to a store "
            "(query, validate, load): the whole command, exit 4.")


@click.group(name="aikg", cls=AikgGroup, context_settings=CONTEXT_SETTINGS, epilog=_limits_epilog())
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
