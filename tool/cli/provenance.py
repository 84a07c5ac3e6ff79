"""Commands about models' provenance: ``obligations``, ``diagram`` and ``report``."""

from __future__ import annotations

import click

from aikg.provenance.categories import DIRECTIONS
from aikg.cli.options import PEOPLE_FORMATS, input_options, output_option, say, terminal_format, write
from aikg.render.diagram import FORMATS as DIAGRAM_FORMATS


@click.command()
@click.argument("model", metavar="MODEL")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md"]),
              help="Output format (default: table on a terminal, csv otherwise).")
@output_option("the rows")
@input_options
def obligations(model, fmt, output, inputs, input_format, bundled):
    """License duties and prohibitions MODEL may inherit through its derivations.

    MODEL is an IRI, prefix:name or label. One row per derivation path and
    clause: the path, the derivation kinds on it, the license (with the
    candidate licenses when the ancestor's version is not known), the clause,
    its source and how certain it is (the weakest of the path's hedges, the
    trigger and the version). Exits 0, with no rows, when nothing is inherited;
    an ancestor whose license terms are not recorded (or that has no license
    recorded) is named in a warning on stderr, so no answer is silently empty.
    """
    from aikg import api
    from aikg.render.results import render

    found = api.obligations(model, inputs=inputs, input_format=input_format, bundled=bundled)
    shown = terminal_format(fmt, output)
    write(output, render(found.as_result(), shown, found.namespaces), inputs, for_people=shown in PEOPLE_FORMATS)
    for gap in found.unrecorded:  # an empty answer must not read as "no obligations"
        what = f"{gap.license.label}: terms not recorded" if gap.license else "no license recorded"
        say(f"warning: {gap.ancestor.label}: {what}; what it passes on is unknown, not absent\n", err=True)


@click.command()
@click.argument("models", nargs=-1, metavar="[MODEL]...")
@click.option("-f", "--format", "fmt", type=click.Choice(DIAGRAM_FORMATS),
              help="Output format (default: from the -o extension, else dot). svg and png need Graphviz.")
@click.option("--depth", type=click.IntRange(min=0), metavar="N", help="Follow at most N derivation steps from the MODELs.")
@click.option("--direction", type=click.Choice(DIRECTIONS), default="both", show_default=True,
              help="up: the models' sources; down: models derived from them; both.")
@output_option("the diagram")
@input_options
def diagram(models, fmt, depth, direction, output, inputs, input_format, bundled):
    """Draw the derivation graph around MODELs (IRI, prefix:name or label), or all of it.

    Nodes are coloured by access level and name developer and license; edges
    go from source to derived model, coloured by kind, dashed when the claims
    behind them are hedged, dotted when no claim supports them.
    """
    from aikg import api
    from aikg.render.diagram import format_for

    drawn = api.diagram(models, fmt=format_for(fmt, output), depth=depth, direction=direction,
                        inputs=inputs, input_format=input_format, bundled=bundled)
    write(output, drawn, inputs)


@click.command()
@click.option("-o", "--output", required=True, metavar="DIR", help="Folder to write the site to (replaced whole; never half-written).")
@click.option("-s", "--shapes", multiple=True, metavar="FILE",
              help="SHACL shapes for the validation page (repeatable). Default: the bundled shapes.")
@click.option("--title", default="aikg report", show_default=True, help="Title shown on every page.")
@input_options
def report(output, shapes, title, inputs, input_format, bundled):
    """Write a self-contained static HTML site of the graph to DIR.

    Pages for models (with their lineage diagram), organisations, people,
    licenses, derivations and sources; every claim with its source,
    attribution and hedge; the validation summary; the competency queries'
    results. No page loads anything from the network.
    """
    from aikg import api

    summary = api.report(output, inputs=inputs, input_format=input_format, shapes=shapes, title=title, bundled=bundled)
    counts = ", ".join(f"{n} {name}" for name, n in summary.counts.items())
    say(f"wrote {summary.pages} pages to {summary.folder}/ ({counts})\n")
    if not summary.diagrams:
        click.echo("aikg: note: Graphviz 'dot' is not installed; diagrams are given as edge lists and DOT source", err=True)
