"""The ``aikg`` group loads a command's module only when that command runs,
and still shows, completes and runs every command as if all were loaded."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from helpers import REPO, assert_exit, cli_commands, invoke


def _loaded_modules_after(*args: str) -> set[str]:
    """The aikg.cli modules a fresh interpreter has imported after ``aikg *args``."""
    code = ("import sys, atexit; atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith('aikg.cli')), "
            "file=sys.stderr)); from aikg.cli import main; sys.argv = ['aikg', *sys.argv[1:]]; main()")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, cwd=REPO)
    return set(eval(done.stderr.strip().splitlines()[-1]))  # the list printed at exit


def test_help_lists_every_command_as_if_all_were_loaded():
    from aikg.cli import cli
    from aikg.cli.app import COMMANDS

    with click.Context(cli, info_name="aikg", **cli.context_settings) as ctx:
        lazy = cli.get_help(ctx)
    eager = click.Group(name="aikg", commands=dict(cli_commands()), params=cli.params, help=cli.help, epilog=cli.epilog)
    with click.Context(eager, info_name="aikg", **cli.context_settings) as ctx:
        assert lazy == eager.get_help(ctx)
    assert "query        Run a catalogue query by NAME" in invoke("--help").stdout
    assert sorted(COMMANDS) == [name for name, _ in cli_commands()]


@pytest.mark.parametrize("name,command", cli_commands())
def test_the_listed_line_is_the_first_paragraph_of_the_commands_help(name, command):
    from aikg.cli.app import COMMANDS

    first = " ".join(command.help.split("\n\n")[0].split())
    assert COMMANDS[name][1] == first, f"aikg {name}: COMMANDS says {COMMANDS[name][1]!r}, the command {first!r}"


def test_a_command_loads_only_its_own_module():
    loaded = _loaded_modules_after("queries", "-f", "csv")
    assert "aikg.cli.query" in loaded
    assert not loaded & {"aikg.cli.graph", "aikg.cli.provenance", "aikg.cli.stores", "aikg.cli.interchange"}
    assert not _loaded_modules_after("--help") & {"aikg.cli.query", "aikg.cli.graph", "aikg.cli.provenance"}


def test_subcommands_of_lazy_groups_run_and_have_verbosity():
    assert_exit(invoke("import", "--help"), 0, "hf-card", "spdx3", "csv")
    result = invoke("export", "spdx3", "--help")
    assert_exit(result, 0, "--quiet", "--verbose")


def test_an_unknown_command_is_a_usage_error():
    assert_exit(invoke("qurey"), 2, "No such command")


def test_library_logs_stay_quiet_when_logging_is_imported_late(tmp_path):
    """logging is quieted when first imported (a query need not import it): rdflib's traceback
    for an ill-typed literal still never reaches the terminal, and --debug still shows it."""
    data = tmp_path / "ill.ttl"
    data.write_text('<http://e/a> <http://e/p> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    check = ["check", str(data)]  # lint asks rdflib whether the literal is ill-typed (aikg.rdf.rdflib_bridge)
    code = "import sys; from aikg.cli import main; sys.argv = ['aikg', *sys.argv[1:]]; main()"
    quiet = subprocess.run([sys.executable, "-c", code, *check], capture_output=True, text=True, timeout=120)
    assert_exit(quiet, 0, "OK: every input parses")
    assert 'ill-typed literal "abc"^^xsd:integer' in quiet.stderr  # aikg's own warning
    assert "Failed to convert Literal" not in quiet.stderr and "Traceback" not in quiet.stderr
    loud = subprocess.run([sys.executable, "-c", code, "--debug", *check], capture_output=True, text=True, timeout=120)
    assert "Failed to convert Literal" in loud.stderr
