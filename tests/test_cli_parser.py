"""aikg's commands parse every argument list exactly as click's own parser does
(aikg.cli.parser only skips click's failed long-option attempt at a short option)."""

from __future__ import annotations

import click
import pytest

from helpers import cli_commands

# Short options alone, clustered, glued to a value or after "=", as values of other options,
# after "--", mistyped, and long options whole or abbreviated.
ARGUMENTS = [
    ["-f", "csv"], ["-fcsv"], ["-f=csv"], ["-qf", "csv"], ["-qv"], ["-e", "-f"], ["-e", "--format"], ["-p", "-x=1"],
    ["--format", "csv"], ["--format=csv"], ["--form", "csv"], ["-i", "-", "-f", "csv"], ["--", "-f", "csv"], ["-"],
    ["-x"], ["-format", "csv"], ["-fq"], ["--results", "csv"], ["-q", "-q"], ["-h"], ["-o", "-"], ["-dq"],
]


def _commands():
    for name, command in cli_commands():
        yield name, command
        if isinstance(command, click.Group):
            yield from ((f"{name} {sub}", subcommand) for sub, subcommand in sorted(command.commands.items()))


def _context(command: click.Command) -> click.Context:
    """A context as `aikg COMMAND` makes it: under the group's, with its settings (-h for help).
    (A command keeps the help option of its first context: any other would change later tests.)"""
    from aikg.cli import cli

    if command is cli:
        return click.Context(cli, info_name="aikg", **cli.context_settings)
    return click.Context(command, info_name=command.name, parent=_context(cli))


def _parse(make_parser, command: click.Command, args: list[str]):
    """What a parser made by ``make_parser`` makes of ``args``: its result, or its error's type and message."""
    ctx = _context(command)
    try:
        options, rest, order = make_parser(ctx).parse_args(list(args))
    except click.UsageError as error:
        return type(error).__name__, error.format_message()
    return options, rest, [param.name for param in order]


@pytest.mark.parametrize("name,command", list(_commands()), ids=lambda value: value if isinstance(value, str) else "")
def test_every_argument_means_what_it_means_to_click(name, command):
    from aikg.cli.parser import ShortOptionsFirst

    assert isinstance(command, ShortOptionsFirst), f"{name}: made without aikg.cli.parser's Command or Group"
    clicks_own = super(ShortOptionsFirst, command).make_parser
    for args in ARGUMENTS:
        assert _parse(command.make_parser, command, args) == _parse(clicks_own, command, args), (name, args)


def test_the_top_level_group_parses_like_click():
    from aikg.cli import cli
    from aikg.cli.parser import ShortOptionsFirst

    clicks_own = super(ShortOptionsFirst, cli).make_parser
    for args in [["-V"], ["-h"], ["--debug", "query"], ["-x"], ["--debu"], ["query", "-f", "csv"]]:
        assert _parse(cli.make_parser, cli, args) == _parse(clicks_own, cli, args), args


def test_a_short_option_is_matched_without_building_a_failed_long_one(monkeypatch):
    from aikg.cli.query import query

    def no_such_option(*args, **kwargs):
        raise AssertionError("NoSuchOption built for -f")

    monkeypatch.setattr(click.exceptions.NoSuchOption, "__init__", no_such_option)
    ctx = _context(query)
    options, rest, _ = query.make_parser(ctx).parse_args(["claims-by-hedge", "-f", "csv", "-q"])
    assert (options["query"], options["fmt"], options["quiet"], rest) == ("claims-by-hedge", "csv", True, [])
