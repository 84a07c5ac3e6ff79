"""The README documents every command, every option and every exit code."""

from __future__ import annotations

import re

import click
import pytest

from helpers import REPO, assert_exit, cli_commands

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands():
    return cli_commands()


@pytest.mark.parametrize("name,command", _commands())
def test_command_has_help_and_a_readme_section(name, command):
    assert command.help, f"aikg {name} has no help text"
    assert f"### aikg {name}\n" in README, f"README has no '### aikg {name}' section"


@pytest.mark.parametrize("name,command", _commands())
def test_every_option_is_in_the_readme(name, command):
    section = README.split(f"### aikg {name}\n", 1)[1].split("\n### ", 1)[0]
    shared = {"--input", "--input-format", "--with", "--help", "--quiet", "--verbose"}  # documented once, under Commands
    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        longest = max(param.opts, key=len)
        if longest in shared:
            assert longest in README
            continue
        assert longest in section, f"README section of aikg {name} does not mention {longest}"


def test_exit_code_table_lists_the_contract():
    from aikg import errors

    table = re.findall(r"^\| (\d) \|", README, flags=re.M)
    codes = sorted(v for k, v in vars(errors).items() if k.startswith("EXIT_"))
    assert [int(c) for c in table] == codes


def test_readme_shows_the_headline_answer_as_printed(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the README shows a 100-column terminal
    shown = README.split("<!-- headline:start -->\n", 1)[1].split("<!-- headline:end -->", 1)[0]
    result = run("query", "closed-models-distilled-from-open", "--format", "table")
    assert_exit(result, 0)
    assert result.stdout == shown
