"""Importing aikg and its CLI, and running a command in-process, change no process-wide state.

A program that imports ``aikg.cli`` (a notebook, a test suite, a tool that calls
``cli.main(args, standalone_mode=False)``) keeps its warnings filters, import
hooks, garbage-collector thresholds and signal handlers. Each check runs in a
fresh interpreter, so the state looked at is that of a program that has done
nothing else, not pytest's.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import MINI, REPO

# What the child prints: the state a program would notice, as comparable text.
SNAPSHOT = """
def snapshot():
    import gc, signal, sys, warnings
    logging = sys.modules.get("logging")  # not imported here: a command may be the first to import it
    handlers = {name: repr(signal.getsignal(getattr(signal, name))) for name in ("SIGINT", "SIGTERM", "SIGHUP")}
    return {
        "warnings": [repr(f) for f in warnings.filters],
        "meta_path": [repr(f) for f in sys.meta_path],
        "gc": list(gc.get_threshold()),
        "gc_enabled": gc.isenabled(),
        "frozen": gc.get_freeze_count(),
        "signals": handlers,
        "root_handlers": [repr(h) for h in logging.getLogger().handlers] if logging else [],
    }
"""


def _states(steps: str, *args: str) -> list[dict]:
    """The snapshots a fresh interpreter prints running ``steps`` (which call ``snapshot()``)."""
    code = SNAPSHOT + "import json, sys\nstates = []\n" + steps + "\nprint(json.dumps(states))\n"
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def _changes(before: dict, after: dict) -> dict:
    return {key: (before[key], after[key]) for key in before if before[key] != after[key]}


def test_importing_aikg_and_its_cli_changes_nothing():
    before, after = _states("states.append(snapshot())\nimport aikg, aikg.cli\nfrom aikg.cli import cli\nstates.append(snapshot())")
    assert _changes(before, after) == {}


@pytest.mark.parametrize("args,code", [
    (["query", "claims-by-hedge", "-f", "csv"], 0),
    (["query", "-i", str(MINI), "-e", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"], 0),
    (["query", "no-such-query"], 3),
    (["query", "--no-such-option"], 2),
    (["convert", "-i", str(MINI), "--to", "ntriples", "-o", "{tmp}/out.nt"], 0),  # an output file: no signal taken over
    # httpx imports logging during the command, and the store is not there
    (["query", "--endpoint", "http://127.0.0.1:9/sparql", "-e", "ASK {}"], 4),
])
def test_a_command_run_in_process_leaves_the_process_as_it_was(args, code, tmp_path):
    """``cli.main(args, standalone_mode=False)``, as a program embedding aikg calls it; the
    library loggers' and warnings' quieting lasts only while the command runs."""
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    steps = (
        "states.append(snapshot())\n"
        "import contextlib, io\n"
        "from aikg.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        "        got = cli.main(sys.argv[1:], prog_name='aikg', standalone_mode=False)\n"
        "    except SystemExit as stop:\n"  # click's ctx.exit for a handled error
        "        got = stop.code\n"
        "    except Exception as error:\n"  # a usage error, which standalone mode would print
        "        got = getattr(error, 'exit_code', repr(error))\n"
        "states.append(snapshot())\n"
        "states.append({'code': got or 0})\n"
    )
    before, after, result = _states(steps, *args)
    assert result["code"] == code
    assert _changes(before, after) == {}


def test_logging_imported_by_the_user_is_left_as_configured():
    """A program whose logging is set up keeps its handlers, and sees its own warnings after the command."""
    steps = (
        "import logging, warnings\n"
        "logging.basicConfig()\n"
        "warnings.simplefilter('error', UserWarning)\n"
        "states.append(snapshot())\n"
        "from aikg.cli import cli\n"
        "try:\n"
        "    cli.main(['queries', '-f', 'csv'], prog_name='aikg', standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "states.append(snapshot())\n"
    )
    before, after = _states(steps)
    assert _changes(before, after) == {}
    assert any("error" in f and "UserWarning" in f for f in after["warnings"])


def test_the_console_script_puts_the_signal_handlers_back(tmp_path):
    """``aikg.cli.main`` (the console script) handles SIGTERM and SIGHUP while a command writes an
    output file, then puts the previous handlers back; a caller that catches its SystemExit keeps its own."""
    steps = (
        "states.append(snapshot())\n"
        "from aikg.cli import main\n"
        f"sys.argv = ['aikg', 'query', 'claims-by-hedge', '-f', 'csv', '-o', {str(tmp_path / 'out.csv')!r}]\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as stop:\n"
        "        code = stop.code\n"
        "states.append(snapshot())\n"
        "states.append({'code': code})\n"
    )
    before, after, result = _states(steps)
    assert result["code"] == 0
    changed = _changes(before, after)
    # only the collector's first threshold is left raised: the process is ending (see aikg.cli._collect_less)
    assert set(changed) <= {"gc"} and after["gc"][1:] == before["gc"][1:]
    assert after["frozen"] == 0  # the freeze waits for the interpreter's exit
