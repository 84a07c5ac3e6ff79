"""Commands about models' provenance: ``obligations``, ``diagram`` and ``report``."""

from __future__ import annotations

import click

from aikg.cli.completion import model_names
from aikg.provenance.categories import DIRECTIONS
from aikg.cli.options import PEOPLE_FORMATS, input_options, note, output_option, say, terminal_format, table_width, verbosity, write
from aikg.render.diagram import FORMATS as DIAGRAM_FORMATS


@click.command()
@click.argument("model", metavar="MODEL", shell_complete=model_names)
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md"]),
              help="Output format (default: table on a terminal, csv otherwise).")
@output_option("the rows")
@input_options
def obligations(model, fmt, output, inputs, input_format, bundled):
    """License duties and prohibitions MODEL may inherit through its derivations.

    MODEL is an IRI, prefix:name or label. One row per clause, with every
    derivation path that carries it and the derivation kinds on each, the license (with the
    candidate licenses when the ancestor's version is not known), the clause,
    its source and how certain it is (the weakest of the path's hedges, the
    trigger and the version; the strongest path's for the clause). JSON gives
    the paths and kinds as arrays. Exits 0, with no rows, when nothing is inherited;
    an ancestor whose license terms are not recorded (or that has no license
    recorded) is named in a warning on stderr, so no answer is silently empty.
    """
    from aikg import api
    from aikg.render.results import render

    found = api.obligations(model, inputs=inputs, input_format=input_format, bundled=bundled)
    fmt = terminal_format(fmt, output)
    if fmt == "json":
        import json

        text = json.dumps(found.as_json(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = render(found.as_result(), fmt, found.namespaces, labels=found.labels() if fmt in ("table", "md") else None,
                      width=table_width(fmt))
    write(output, text, inputs, for_people=fmt in PEOPLE_FORMATS)
    for gap in found.unrecorded:  # an empty answer must not read as "no obligations"
        what = f"{gap.license.label}: terms not recorded" if gap.license else "no license recorded"
        say(f"warning: {gap.ancestor.label}: {what}; what it passes on is unknown, not absent\n", err=True)


@click.command()
@click.argument("models", nargs=-1, metavar="[MODEL]...", shell_complete=model_names)
@click.option("-f", "--format", "fmt", type=click.Choice(DIAGRAM_FORMATS),
              help="Output format (default: from the -o extension, else dot). svg, png, pdf and jpg need Graphviz.")
@click.option("--depth", type=click.IntRange(min=0), metavar="N", help="Follow at most N derivation steps from the MODELs.")
@click.option("--direction", type=click.Choice(DIRECTIONS), default="both", show_default=True,
              help="up: the models' sources; down: models derived from them; both.")
@click.option("--scale", type=click.FloatRange(min=0.1, max=20), default=1.0, show_default=True,
              help="Enlarge (or shrink) a drawn diagram (svg, png, pdf, jpg) by this factor.")
@click.option("--dpi", type=click.FloatRange(min=10, max=2400), metavar="N",
              help="Pixels per inch of png/jpg output (default Graphviz's 96); vector output scales alike.")
@output_option("the diagram")
@input_options
def diagram(models, fmt, depth, direction, scale, dpi, output, inputs, input_format, bundled):
    """Draw the derivation graph around MODELs (IRI, prefix:name or label), or all of it.

    Nodes are coloured by access level and name developer and license; edges
    go from source to derived model, coloured by kind, dashed when the claims
    behind them are hedged, dotted when no claim supports them.
    """
    from aikg import api
    from aikg.render.diagram import format_for

    drawn = api.diagram(models, fmt=format_for(fmt, output), depth=depth, direction=direction,
                        inputs=inputs, input_format=input_format, bundled=bundled, scale=scale, dpi=dpi)
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
    counts = ", ".join(f"{name}: {n}" for name, n in summary.counts.items())
    if verbosity() >= 0:
        say(f"wrote {summary.pages} pages to {summary.folder}/ ({counts})\n")
    if not summary.diagrams:
        note("Graphviz 'dot' is not installed; diagrams are given as edge lists and DOT source")
