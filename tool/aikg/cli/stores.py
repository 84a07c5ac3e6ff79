"""``aikg load``: the graph into a triple store or an on-disk Oxigraph store."""

from __future__ import annotations

import sys

import click

from aikg.engines.choice import INFER_CHOICES
from aikg.namespaces import AIKG_GRAPH
from aikg.cli.options import connection_options, endpoint_from, input_options, say, timeout_option, with_options
from aikg.stores.profiles import DEFAULT_BATCH, LOAD_METHODS


def _load_options(func):
    return with_options(func, connection_options("Load into the triple store at URL (SPARQL 1.1 Graph Store Protocol, or Update).") + [
        click.option("--db", metavar="DIR", help="Load into the on-disk Oxigraph store in DIR instead (created if missing)."),
        click.option("--update-path", metavar="PATH", help="Update service path or URL (overrides the profile)."),
        click.option("--gsp-path", metavar="PATH", help="Graph Store Protocol path or URL (overrides the profile)."),
        click.option("--method", type=click.Choice(LOAD_METHODS), default="auto", show_default=True,
                     help="auto: GSP when the profile has it, else SPARQL Update."),
        click.option("--graph", metavar="IRI", help="Load all data (and the closure) into this one graph instead of one graph per file."),
        click.option("-s", "--shapes", multiple=True, metavar="FILE", help="Shapes files to load too (default: the bundled shapes when no -i)."),
        click.option("--no-shapes", is_flag=True, help="Do not load any shapes graph."),
        click.option("--infer", type=click.Choice(INFER_CHOICES), default="none", show_default=True,
                     help=f"Also load the inferred triples into <{AIKG_GRAPH}inferred>."),
        click.option("--append", is_flag=True, help="Add to the graphs (GSP POST) instead of replacing them (PUT)."),
        click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH, show_default=True, metavar="N",
                     help="Triples per request."),
        click.option("--dry-run", is_flag=True, help="Print what would be sent where, and send nothing."),
        click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Report format."),
    ])


@click.command()
@input_options
@_load_options
@timeout_option
def load(inputs, input_format, bundled, db, method, graph, shapes, no_shapes, infer, append, batch_size, dry_run, fmt,
         timeout, **connection):
    """Load the graph into a triple store, one named graph per source, and check it arrived.

    Each graph is counted in the store after loading and compared with what
    was sent; exit 4 if any graph is incomplete, with the status of each.
    """
    from aikg import api
    from aikg.errors import StoreError, UsageError
    from aikg.render.text import load_plan_text, load_report_json, load_report_text

    endpoint = endpoint_from(connection, update_path=connection.pop("update_path"), gsp_path=connection.pop("gsp_path"))
    if (endpoint is None) == (not db):
        raise UsageError("give a target: --endpoint URL (a store server) or --db DIR (a local Oxigraph store)")
    plan = api.plan_load(inputs, input_format, shapes=shapes, include_shapes=not no_shapes, infer=infer, graph=graph, bundled=bundled)
    if dry_run:
        target = api.connect(endpoint) if endpoint is not None else None
        say(load_plan_text(plan, target, db, method, append, batch_size))
        return
    with _progress(plan.triples) as progress:
        report = api.load(plan, endpoint=endpoint, db=db or None, append=append, method=method, batch_size=batch_size,
                          progress=progress, timeout=timeout)
    click.echo(load_report_json(report), nl=False) if fmt == "json" else say(load_report_text(report))
    if not report.ok:
        bad = [g for g in report.graphs if g.state != "complete"]
        raise StoreError(f"{len(bad)} of {len(report.graphs)} graph(s) did not load completely into {report.target}",
                         hint="rerun the same command once the store is fixed: each graph is replaced, not doubled")


class _progress:
    """A progress bar on a terminal's stderr; silent otherwise (pipes, CI, tests)."""

    def __init__(self, total: int):
        from aikg.cli.options import verbosity

        shown = verbosity() > 0 or (verbosity() == 0 and sys.stderr.isatty())
        self.bar = click.progressbar(length=total, label="loading", file=sys.stderr) if shown else None

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.__enter__()
        return self.bar.update

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
