"""One option vocabulary across commands: -f/--format, -i/--input, --infer, and suggestions that point at them."""

from __future__ import annotations

import click
import pytest
from helpers import assert_exit, cli_commands


def _commands():
    """Every command users run: the top-level ones, and the subcommands of a group (``import hf-card``)."""
    found = []
    for name, command in cli_commands():
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", c) for sub, c in sorted(command.commands.items())]
        else:
            found.append((name, command))
    return found


def _options(command):
    return [p for p in command.params if isinstance(p, click.Option)]


def _is_output_format(option) -> bool:
    names = [o.lstrip("-").lower() for o in option.opts]
    return option.name in ("fmt", "diagnostics") or any(
        n in ("to", "t", "format", "f", "results", "output-format", "diagnostics") for n in names
    )


def _reads_data(option) -> bool:
    return option.name in ("inputs", "data", "files") or any(o in ("-i", "--input", "--data", "--file") for o in option.opts)


@pytest.mark.parametrize("name,command", _commands())
def test_format_options_are_named_f_format(name, command):
    for option in _options(command):
        if _is_output_format(option):
            assert option.opts[:2] == ["-f", "--format"], f"aikg {name}: format option {option.opts} is not -f/--format"


@pytest.mark.parametrize("name,command", _commands())
def test_data_inputs_are_named_i_input(name, command):
    inputs = [o for o in _options(command) if _reads_data(o)]
    if name == "queries":  # lists the catalogue, reads no data
        assert not inputs
        return
    assert inputs, f"aikg {name} reads data but has no -i/--input"
    for option in inputs:
        assert option.opts[:2] == ["-i", "--input"], f"aikg {name}: data input {option.opts} is not -i/--input"


@pytest.mark.parametrize("name,command", _commands())
def test_the_inference_profile_has_one_name(name, command):
    for option in _options(command):
        if option.name in ("infer", "profile") or any("infer" in o or "profile" in o for o in option.opts):
            if option.name == "inferred_only":
                continue
            assert option.opts[0] == "--infer", f"aikg {name}: inference option {option.opts} is not --infer"


def test_old_names_still_work(run, tmp_path):
    data = tmp_path / "d.ttl"
    data.write_text("<http://e/a> <http://e/p> <http://e/b> .\n")
    assert run("convert", "-i", data, "--to", "ntriples").stdout == run("convert", "-i", data, "-f", "ntriples").stdout
    assert run("reason", "-i", data, "--profile", "rdfs", "-t", "ntriples").exit_code == 0
    assert run("check", "-i", data, "--syntax-only", "--diagnostics", "json").exit_code == 0
    assert run("check", "-i", data, "--syntax-only", "-f", "json").stdout == run("check", data, "--syntax-only", "-f", "json").stdout


@pytest.mark.parametrize("args,meant", [
    (["query", "x", "--results", "json"], "-f/--format"),
    (["convert", "--output-format", "nt"], "-f/--format"),
    (["validate", "--profile", "owlrl"], "--infer"),
])
def test_suggestions_point_at_the_right_option(run, args, meant):
    from click.testing import CliRunner

    from aikg.cli import cli

    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert f"Did you mean '{meant}'" in result.output


def test_an_unknown_output_extension_names_the_format_option(run, tmp_path):
    data = tmp_path / "d.ttl"
    data.write_text("<http://e/a> <http://e/p> <http://e/b> .\n")
    result = run("convert", "-i", data, "--output=nt")
    assert result.exit_code == 2
    assert "-f/--format" in result.stderr and "--input-format" not in result.stderr


@pytest.mark.parametrize("name,command", _commands())
def test_every_command_has_quiet_and_verbose(name, command):
    opts = {o for option in _options(command) for o in option.opts}
    assert {"-q", "--quiet", "-v", "--verbose"} <= opts, f"aikg {name}"


def test_quiet_silences_notes_and_verbose_reports_the_time(run, tmp_path, monkeypatch):
    import shutil as shell

    data = tmp_path / "d.ttl"
    data.write_text("<http://e/a> <http://e/p> <http://e/b> .\n")
    monkeypatch.setattr(shell, "which", lambda name, *a, **k: None)  # no Graphviz: report notes it
    loud = run("report", "-i", data, "-o", tmp_path / "site")
    assert_exit(loud, 0, "Graphviz")
    quiet = run("report", "-i", data, "-o", tmp_path / "site", "-q")
    assert_exit(quiet, 0)
    assert quiet.stdout == "" and quiet.stderr == ""
    verbose = run("info", "-i", data, "-v")
    assert_exit(verbose, 0, "aikg: info took")
    assert_exit(run("info", "-q", "-v"), 2, "contradict")
