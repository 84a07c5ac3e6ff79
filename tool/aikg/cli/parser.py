"""click's Command and Group, parsing a short option (``-f csv``) without first failing it as a long one.

click tries every ``-x`` as a long option first, and the failure builds a
NoSuchOption with spelling suggestions: difflib imported and every long option
compared, 2 ms of a 65 ms catalogue query, for an error it then discards.
Here an argument click would fail that way goes straight to click's short-option
matching, so what any argument means is unchanged (tests/test_cli_parser.py
parses the same arguments with both). The shortcut uses parser internals
(click is pinned below 9) and steps aside when they are missing.
"""

from __future__ import annotations

import click


class ShortOptionsFirst:
    def make_parser(self, ctx: click.Context):
        parser = super().make_parser(ctx)
        process = getattr(parser, "_process_opts", None)
        long_options = getattr(parser, "_long_opt", None)
        match_short = getattr(parser, "_match_short_opt", None)
        prefixes = getattr(parser, "_opt_prefixes", None)
        if None in (process, long_options, match_short, prefixes) or ctx.token_normalize_func is not None:
            return parser

        def process_options(arg: str, state) -> None:
            # click's own path for this argument: no long option of that name, no "=",
            # a one-character prefix, so it ends in _match_short_opt(arg, state).
            if arg[:2] not in prefixes and "=" not in arg and arg not in long_options:
                match_short(arg, state)
            else:
                process(arg, state)

        parser._process_opts = process_options
        return parser


class Command(ShortOptionsFirst, click.Command):
    """An aikg command (``@click.command(cls=Command)``)."""


class Group(ShortOptionsFirst, click.Group):
    """An aikg group of commands; its ``.command()`` makes :class:`Command`."""

    command_class = Command
