"""How ``aikg`` ends (aikg.cli.main keeps the collector out of the interpreter's exit): the whole
output reaches the reader, exit codes are the contract's, atexit handlers run, a working thread is
waited for, and a reader that left or a full disk ends the command cleanly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import MINI, REPO

AIKG = [sys.executable, "-m", "aikg"]


def aikg(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*AIKG, *map(str, args)], capture_output=True, timeout=120, cwd=REPO, **kwargs)


def test_a_large_answer_reaches_a_pipe_whole():
    from aikg import api
    from aikg.render.results import render_answer

    text = "SELECT ?s ?p ?o { ?s ?p ?o FILTER(isIRI(?s) && !isBlank(?o)) } ORDER BY ?s ?p ?o"
    expected = render_answer(api.query(text=text, labels=False), "csv").encode()
    assert len(expected) > 256 * 1024  # more than a pipe and Python's buffer hold at once
    done = aikg("query", "-e", text, "-f", "csv")
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == expected


@pytest.mark.parametrize("args,code", [
    (["query", "-i", MINI, "-e", "ASK { ?s ?p ?o FILTER(false) }"], 1),
    (["query", "--no-such-option"], 2),
    (["query", "no-such-query"], 3),
    (["queries"], 0),
])
def test_the_exit_code_is_the_contract_s(args, code):
    assert aikg(*args).returncode == code


def test_atexit_handlers_run_and_a_working_thread_is_waited_for(tmp_path):
    """Python's own exit waits for a thread that is not a daemon: so must aikg's (a library's
    writer thread, a notebook's helper); and handlers registered with atexit still run."""
    script = (
        "import atexit, sys, threading, time\n"
        f"folder = {str(tmp_path)!r}\n"
        "atexit.register(lambda: open(folder + '/atexit', 'w').close())\n"
        "def late(): time.sleep(0.5); open(folder + '/thread', 'w').close()\n"
        "threading.Thread(target=late).start()\n"
        "from aikg.cli import main\n"
        "sys.argv = ['aikg', 'queries']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atexit", "thread"]


def _with_reader_gone(*args) -> subprocess.CompletedProcess:
    reading, writing = os.pipe()
    os.close(reading)  # every write to the pipe now fails with EPIPE
    try:
        return subprocess.run([*AIKG, *map(str, args)], stdout=writing, stderr=subprocess.PIPE, timeout=120, cwd=REPO)
    finally:
        os.close(writing)


@pytest.mark.parametrize("args", [["queries"], ["query", "claims-by-hedge", "-f", "csv"], ["--help"], ["--version"],
                                  ["query", "--help"]])
def test_a_reader_that_went_away_ends_the_command_quietly(args):
    """`aikg … | head`: a short output fails at the last flush, a long one while written, help and
    the version before any command runs; all exit 0."""
    done = _with_reader_gone(*args)
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["queries"], ["query", "claims-by-hedge", "-f", "csv"], ["--help"]])
def test_a_full_disk_under_stdout_is_exit_4_with_a_message(args):
    with open("/dev/full", "wb") as full:
        done = subprocess.run([*AIKG, *args], stdout=full, stderr=subprocess.PIPE, timeout=120, cwd=REPO)
    assert done.returncode == 4
    assert b"aikg: error: writing failed: No space left on device" in done.stderr
    assert b"Traceback" not in done.stderr
