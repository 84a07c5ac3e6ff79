"""Lineage data in and out: ``aikg import hf-card|spdx3|csv`` and ``aikg export spdx3``."""

from __future__ import annotations

import click

from aikg.cli.options import input_options, output_option, write
from aikg.rdf.formats import FORMAT_NAMES


def _format_option(func):
    return click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_NAMES),
                        help="RDF format to write (default: from the -o extension, else turtle).")(func)


def _write_imported(imported, fmt, output, inputs) -> None:
    """Write the graph, report every warning, and exit 3 after writing when some input failed."""
    from aikg.errors import SyntaxProblems
    from aikg.rdf.convert import serialize
    from aikg.rdf.formats import format_by_name, guess_format

    for warning in imported.warnings:
        click.echo(warning.render(), err=True)
    chosen = format_by_name(fmt) if fmt else (guess_format(output) if output and output != "-" else format_by_name("turtle"))
    write(output, serialize(imported.store, chosen), inputs)
    if imported.errors:
        raise SyntaxProblems(imported.errors, hint="the other inputs were imported; fix these and import them again")


@click.group(name="import")
def import_group():
    """Turn lineage kept elsewhere (model cards, SPDX 3 AI-BOMs, spreadsheets) into aikg RDF.

    Every fact gets a claim naming its source. Warnings (messy but usable
    input) go to stderr as file:line: warning: …; an input that cannot be read
    is reported with its location and exit 3, and the others are still written.
    """


def _paths_and_inputs(func):
    """PATH... as arguments and, as every command that reads data, -i/--input PATH (repeatable): one list."""
    import functools

    @click.argument("paths", nargs=-1, metavar="PATH...")
    @click.option("-i", "--input", "inputs", multiple=True, metavar="PATH", help="A file or folder to read (repeatable), as PATH... is.")
    @functools.wraps(func)
    def wrapper(*args, paths, inputs, **kwargs):
        every = (*paths, *inputs)
        if not every:
            raise click.UsageError("name at least one PATH (or -i PATH)")
        return func(*args, paths=every, **kwargs)

    return wrapper


@import_group.command(name="hf-card")
@_paths_and_inputs
@click.option("--repo-id", metavar="NAMESPACE/NAME", help="The repository of the one card given (default: from its path).")
@click.option("--revision", metavar="REV", help="The card's revision (commit) the claims cite (default: from a Hub cache path, else main).")
@_format_option
@output_option("the graph")
def hf_card(paths, repo_id, revision, fmt, output):
    """Hugging Face model cards (README.md files, folders of them, or - for stdin) as aikg lineage.

    A folder is searched for NAMESPACE/NAME/README.md, NAMESPACE--NAME.md and Hub
    cache folders (models--NAMESPACE--NAME/snapshots/SHA/README.md); the repo
    id joins cards into one tree.
    """
    from aikg import api

    _write_imported(api.import_hf_cards(paths, repo_id=repo_id, revision=revision), fmt, output, paths)


@import_group.command(name="spdx3")
@_paths_and_inputs
@click.option("--context", metavar="FILE",
              help="A local copy of the SPDX 3.0.1 JSON-LD context to check property names against (never fetched).")
@_format_option
@output_option("the graph")
def spdx3(paths, context, fmt, output):
    """SPDX 3.0.1 JSON-LD documents (AI and Dataset profiles) as aikg lineage, keeping SPDX ids."""
    from aikg import api

    _write_imported(api.import_spdx3(paths, context=context), fmt, output, paths)


@import_group.command(name="csv")
@_paths_and_inputs
@_format_option
@output_option("the graph")
def csv_command(paths, fmt, output):
    """Lineage kept in a spreadsheet: one row per model or per derivation edge (see README for the columns)."""
    from aikg import api

    _write_imported(api.import_csv(paths), fmt, output, paths)


@click.group(name="export")
def export_group():
    """Write aikg's lineage in other formats."""


@export_group.command(name="spdx3")
@click.argument("models", nargs=-1, metavar="[MODEL]...")
@click.option("--expanded", is_flag=True,
              help="Write expanded JSON-LD (full IRIs, no remote context): readable as RDF by any tool, offline.")
@output_option("the document")
@input_options
def export_spdx3(models, expanded, output, inputs, input_format, bundled):
    """MODELs (IRI, prefix:name or label; default all), their lineage, licenses and datasets as one
    SPDX 3.0.1 JSON-LD document (AI and Dataset profiles)."""
    from aikg import api

    document = api.export_spdx3(models, inputs=inputs, input_format=input_format, expanded=expanded, bundled=bundled)
    write(output, document, inputs)
