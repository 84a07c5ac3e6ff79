"""Commands over graphs: ``validate``, ``reason``, ``convert``, ``check`` and ``info``."""

from __future__ import annotations

import sys

import click

from aikg.cli.options import (
    engine_option,
    guard_output,
    infer_option,
    input_options,
    output_option,
    progress_for,
    remote_options,
    say,
    stream,
    timeout_option,
    write,
)
from aikg.engines.choice import PROFILES
from aikg.errors import EXIT_BAD_INPUT, EXIT_FINDINGS
from aikg.rdf.formats import FORMAT_NAMES
from aikg.validation import SEVERITIES


@click.command()
@input_options
@click.option("-s", "--shapes", multiple=True, metavar="FILE", help="SHACL shapes file (repeatable). Default: the bundled shapes.")
@infer_option("Reason before validating (aikg's rule engine; with --engine reference, pySHACL's inference).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="violation", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--explain-time", is_flag=True,
              help="Also time each shape alone and print the times, slowest first, on stderr (oxigraph engine).")
@engine_option
@output_option("the report")
@timeout_option
@remote_options
def validate(inputs, input_format, bundled, shapes, infer, fmt, fail_on, explain_time, engine, output, timeout, endpoint,
             graphs):
    """Validate RDF against SHACL shapes; exit 1 when results reach --fail-on.

    On the oxigraph engine, --infer materialises the closure with aikg's rule
    engine first and pyshacl-turbo validates the result.
    """
    from aikg import api
    from aikg.render.text import validation_report

    guard_output(output, [*inputs, *shapes])
    outcome = api.validate(inputs=inputs, input_format=input_format, shapes=shapes, infer=infer, engine=engine,
                           endpoint=endpoint, graphs=graphs, bundled=bundled, timeout=timeout, progress_for=progress_for,
                           explain_time=explain_time)
    write(output, validation_report(outcome, fmt, fail_on), list(inputs) + list(shapes), for_people=fmt == "text")
    if outcome.timings is not None:
        from aikg.render.timings import shape_timings

        click.echo(shape_timings(outcome.timings, outcome.namespaces), err=True)
    if outcome.failing(fail_on):
        sys.exit(EXIT_FINDINGS)


@click.command()
@input_options
@click.option("--infer", "--profile", "profile", type=click.Choice(sorted(PROFILES, reverse=True)), default="owlrl",
              show_default=True, help="Inference profile (the same name as the other commands' --infer; --profile is kept as an alias).")
@click.option("--inferred-only", is_flag=True, help="Output only the inferred triples.")
@click.option("-f", "--format", "--to", "-t", "fmt", type=click.Choice(FORMAT_NAMES), default="turtle", show_default=True,
              help="Output format (--to/-t kept as aliases).")
@engine_option
@output_option()
@timeout_option
def reason(inputs, input_format, bundled, profile, inferred_only, fmt, engine, output, timeout):
    """Materialise the OWL 2 RL (or RDFS) closure; inputs are never changed.

    aikg's OWL 2 RL rules run inside pyoxigraph and give owlrl's closure
    (tested; numbers are written in canonical form); --engine reference runs
    owlrl itself. The output is streamed.
    """
    from aikg import api

    closure = api.reason(inputs=inputs, input_format=input_format, profile=profile, inferred_only=inferred_only,
                         engine=engine, bundled=bundled, timeout=timeout, progress_for=progress_for)
    stream(output, lambda out, _progress: closure.write(out, fmt), inputs)


@click.command()
@input_options
@click.option("-f", "--format", "--to", "-t", "fmt", type=click.Choice(FORMAT_NAMES),
              help="Output format (default: from the -o extension; --to/-t kept as aliases).")
@output_option()
@click.option("--merge-graphs", is_flag=True, help="Allow named graphs to be merged into a triple format.")
@click.option("--expanded", is_flag=True, help="JSON-LD: write the expanded form, without @context.")
def convert(inputs, input_format, bundled, fmt, output, merge_graphs, expanded):
    """Convert RDF between Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML.

    The output declares the input's own prefixes and base and no others.
    JSON-LD is compacted with them and aikg's published context, unless --expanded.
    """
    from aikg import api

    to = api.output_format(fmt, output)
    stream(output, lambda out, progress: api.convert(out, to=to, inputs=inputs, input_format=input_format,
                                                      merge_graphs=merge_graphs, progress=progress, bundled=bundled,
                                                      expanded=expanded),
           inputs, "converting")


@click.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@input_options
@click.option("-f", "--format", "--diagnostics", "diagnostics", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format (--diagnostics kept as an alias).")
@click.option("--syntax-only", is_flag=True, help="Only parse; skip the *-violation quality queries.")
def check(files, inputs, input_format, diagnostics, syntax_only, bundled):
    """Check that every FILE (or -i FILE) parses, then run the quality checks.

    Reports each syntax error as file:line:col. With no FILE, checks the
    bundled graph. Exit 3 on syntax errors, 1 when a quality check finds rows.
    """
    from aikg import api
    from aikg.render.text import check_json, check_text

    outcome = api.check(list(files) + list(inputs), input_format, run_queries=not syntax_only, bundled=bundled)
    if diagnostics == "json":
        click.echo(check_json(outcome), nl=False)
    else:
        for d in outcome.diagnostics:
            click.echo(d.render(), err=True)
        say(check_text(outcome, syntax_only))
    if outcome.errors:
        sys.exit(EXIT_BAD_INPUT)
    if outcome.failures:
        sys.exit(EXIT_FINDINGS)


@click.command()
@input_options
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(inputs, input_format, bundled, fmt):
    """Triples per source, counts of classes, properties and individuals, ontology version."""
    from aikg import api
    from aikg.render.text import info_json, info_text

    result = api.info(inputs, input_format, bundled)
    click.echo(info_json(result), nl=False) if fmt == "json" else say(info_text(result))
