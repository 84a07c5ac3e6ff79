"""``aikg query`` and ``aikg queries``."""

from __future__ import annotations

import sys

import click

from aikg.cli.options import PEOPLE_FORMATS, guard_output, infer_option, input_options, output_option, progress_for
from aikg.cli.options import remote_options, say, terminal_format, table_width, timeout_option, write
from aikg.cli.completion import query_names
from aikg.errors import EXIT_FINDINGS


@click.command()
@click.argument("query", required=False, shell_complete=query_names)
@click.option("-e", "--expression", metavar="SPARQL", help="Query text given inline instead of NAME or FILE.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter (repeatable).")
@click.option(
    "-f", "--format", "fmt",
    help="SELECT/ASK: table, csv, tsv, json, xml, md (default: table on a terminal, csv otherwise). "
    "CONSTRUCT/DESCRIBE: an RDF format (default turtle).",
)
@click.option("--iris", is_flag=True, help="Tables and Markdown: show IRIs (prefixed) instead of labels.")
@infer_option("Query the reasoned graph (the inputs merged into one graph, then reasoned).")
@click.option("--db", "db", metavar="DIR",
              help="Query an on-disk pyoxigraph store (made by 'aikg load --db'); its default graph is the union of its graphs.")
@click.option("--union-default-graph/--no-union-default-graph", "union_default_graph", default=None,
              help="Make the query's default graph the union of all graphs (default: on with --db; "
              "off for files, whose named graphs then answer only in GRAPH or FROM).")
@click.option("--base", metavar="IRI", help="Base IRI for relative IRIs in the query (default: the query file's URI).")
@output_option()
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses contact the endpoints they name (refused by default).")
@timeout_option
@input_options
@remote_options
def query(query, expression, params, fmt, iris, infer, db, union_default_graph, base, output, allow_service, timeout, inputs,
          input_format, bundled, endpoint, graphs):
    """Run a catalogue query by NAME, a .rq FILE, or -e 'SPARQL'.

    pyoxigraph answers (SPARQL 1.1) over the inputs as an RDF dataset:
    triples files form the default graph, named graphs of TriG/N-Quads/JSON-LD
    stay named. ASK queries exit 0 when true and 1 when false.
    """
    from aikg import api
    from aikg.sparql.params import parse_assignments
    from aikg.render.results import render_answer

    guard_output(output, [*inputs, query])
    shown = fmt or terminal_format(None, output)  # a SELECT's format: only tables and Markdown show labels
    answer = api.query(
        query, text=expression, params=parse_assignments(params), inputs=inputs, input_format=input_format,
        infer=infer, db=db, endpoint=endpoint, graphs=graphs, union_default_graph=union_default_graph, base=base,
        allow_service=allow_service, bundled=bundled, timeout=timeout, progress_for=progress_for,
        labels=shown in ("table", "md") and not iris,
    )
    result = answer.result
    fmt = fmt or ("turtle" if result.kind in ("CONSTRUCT", "DESCRIBE") else terminal_format(None, output))
    write(output, render_answer(answer, fmt, iris=iris, width=table_width(fmt)), [*inputs, query], for_people=fmt in PEOPLE_FORMATS)
    if result.kind == "ASK" and not result.boolean:
        sys.exit(EXIT_FINDINGS)


@click.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json", "md"]), default="table", show_default=True)
@click.option("--checks/--no-checks", default=True, show_default=True, help="Include the *-violation quality checks.")
def queries(fmt, checks):
    """List the catalogue of shipped queries: name, title, parameters."""
    from aikg import api
    from aikg.render.text import catalogue_text

    say(catalogue_text(api.list_queries(checks), fmt))
