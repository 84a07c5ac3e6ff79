"""Query tables for people: labels, and no line wider than the terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from aikg.render.results import fit_widths

HEADLINE = "closed-models-distilled-from-open"


def _run_in_terminal(args, columns: int, rows: int = 40) -> str:
    """Run ``aikg args`` on a pseudo-terminal of ``columns`` x ``rows``; its output as the terminal got it."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    aikg = Path(sys.executable).with_name("aikg")
    command = [str(aikg)] if aikg.exists() else [sys.executable, "-m", "aikg"]
    process = subprocess.Popen(command + list(args), stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("columns", [100, 80])
def test_headline_table_fits_a_real_terminal_and_shows_labels(columns):
    shown = _run_in_terminal(["query", HEADLINE], columns)
    lines = shown.splitlines()
    too_wide = [line for line in lines if len(line) > columns]
    assert not too_wide, f"lines wider than {columns} columns:\n" + "\n".join(too_wide)
    assert "Avocado" in shown
    if columns >= 100:  # room enough to keep every word whole
        assert "(codename)" in shown
        assert "possible" in shown and "reported" in shown and "Money-Making" in shown
    assert "aikgd:" not in shown and "aikgv:" not in shown  # labels, not IRIs
    assert lines[-1] == "6 rows"


def test_tmux_shows_no_wrapped_line():
    """The issue's own check: a 100-column tmux pane, captured."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    aikg = Path(sys.executable).with_name("aikg")
    socket = f"aikg-test-{os.getpid()}"
    done = Path(os.environ.get("TMPDIR", "/tmp")) / f"{socket}.done"
    command = f"{aikg} query {HEADLINE}; touch {done}; sleep 30"
    subprocess.run(["tmux", "-L", socket, "new", "-d", "-x", "100", "-y", "60", command], check=True,
                   env={k: v for k, v in os.environ.items() if k not in ("TMUX", "COLUMNS")})
    try:
        import time

        for _ in range(600):
            if done.exists():
                break
            time.sleep(0.1)
        pane = subprocess.run(["tmux", "-L", socket, "capture-pane", "-p", "-J"], check=True,
                              capture_output=True, text=True).stdout
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
        done.unlink(missing_ok=True)
    lines = [line for line in pane.splitlines() if line.strip()]
    assert lines and max(len(line) for line in lines) <= 100
    assert "Avocado" in pane


def test_iris_shows_prefixed_names(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    shown = run("query", HEADLINE, "-f", "table", "--iris").stdout
    assert "aikgd:avocado" in shown and "Avocado (codename)" not in shown
    labelled = run("query", HEADLINE, "-f", "table").stdout
    assert "Avocado (codename)" in labelled and "aikgd:avocado" not in labelled


def test_csv_keeps_iris(run):
    shown = run("query", HEADLINE, "-f", "csv").stdout
    assert shown.splitlines()[1].startswith("https://w3id.org/aikg/")
    assert "Avocado (codename)" not in shown


def test_markdown_shows_labels(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    shown = run("query", HEADLINE, "-f", "md").stdout
    assert "| Avocado (codename) | planned access level | possible |" in shown


def test_widest_columns_give_way_first_and_words_stay_whole():
    assert fit_widths([10, 50, 5], [4, 8, 5], 40) == [10, 25, 5]
    # words stay whole while the columns' longest words fit
    assert fit_widths([30, 30], [12, 9], 21) == [12, 9]
    # then words are folded, but a column keeps a few characters
    assert fit_widths([30, 30], [12, 9], 10) == [5, 5]
    assert fit_widths([3, 4], [3, 4], 1) == [3, 4]
    assert fit_widths([8, 9], [3, 4], 100) == [8, 9]


def test_too_many_columns_for_the_terminal_become_records(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    shown = run("query", HEADLINE, "-f", "table").stdout
    lines = shown.splitlines()
    assert max(map(len, lines)) <= 60
    assert lines[0] == "-[ row 1 ]-" and "-[ row 6 ]-" in lines
    assert any(line.startswith("closed hedge") and line.endswith("possible") for line in lines)
    assert lines[-1] == "6 rows"


def test_control_characters_in_cells_never_reach_the_terminal(run, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    data = tmp_path / "evil.ttl"
    data.write_text('<http://e/a> <http://e/p> "red\\u001b[31m alert\\nsecond line" .\n')
    shown = run("query", "-i", data, "-e", "SELECT ?o WHERE { ?s ?p ?o }", "-f", "table").stdout
    assert "\x1b" not in shown
    assert "red\ufffd[31m alert second line" in shown


def test_short_compacts_pyoxigraph_terms_with_a_prefix_dict():
    import pyoxigraph as ox

    from aikg.render.results import short

    prefixes = {"ex": "http://e.org/", "exa": "http://e.org/a/"}
    assert short(ox.NamedNode("http://e.org/a/b"), prefixes) == "exa:b"  # the longest namespace wins
    assert short(ox.NamedNode("http://e.org/x"), prefixes) == "ex:x"
    assert short(ox.NamedNode("http://e.org/a/b/c"), prefixes) == "<http://e.org/a/b/c>"  # no plain local name
    assert short(ox.NamedNode("http://other.org/x"), prefixes) == short(ox.NamedNode("http://other.org/x")) == "<http://other.org/x>"
    assert short(ox.BlankNode("b1"), prefixes) == "_:b1"
    assert short(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), prefixes) == "3"


def test_answers_and_obligations_carry_their_prefixes_as_a_dict():
    from aikg import api
    from aikg.namespaces import AIKG_ID

    assert api.default_namespaces({"ex": "http://e.org/"})["ex"] == "http://e.org/"
    assert api.default_namespaces()["aikgd"] == AIKG_ID
    answer = api.query(text="SELECT ?m WHERE { ?m a aikg:Model } LIMIT 1", labels=False)
    assert answer.namespaces["aikgd"] == AIKG_ID
    assert api.obligations("Avocado").namespaces["aikgd"] == AIKG_ID
