"""The benchmarks run (a 10k smoke run): the tables come out whole. Timings are not checked."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import REPO, assert_exit


@pytest.mark.slow
def test_bench_smoke_run_prints_the_table(tmp_path):
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "10k", "--quick"],
        capture_output=True, text=True, timeout=900,
    )
    assert_exit(run, 0)
    lines = run.stdout.splitlines()
    assert lines[0].startswith("| triples | step | fast (s) | baseline (s) | ratio |")
    steps = {line.split("|")[2].strip() for line in lines[2:]}
    assert {"load", "load --db", "query closed-derived-from-open", "obligations", "reason", "validate",
            "validate command"} <= steps
    for line in lines[2:]:
        cells = [c.strip() for c in line.split("|")[1:-1]]
        assert cells[2] and not cells[7].startswith("error"), line  # the fast path always answers
        finished = not cells[3].startswith(">")  # pySHACL may pass the smoke run's 30 s limit
        if cells[1] in ("query closed-derived-from-open", "validate", "validate command") and finished:
            assert cells[7] == cells[8], line  # and gives the baseline's answer
        if cells[1] == "validate":
            found, injected = cells[7].rsplit(", ", 1)[1].split()[0].split("/")
            assert found == injected and int(injected) > 0, line  # every injected fault found


def table_rows(script: str) -> tuple[list[str], str]:
    """The table rows a bench script prints in one quick run, and all it printed."""
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), "--runs", "1"], capture_output=True, text=True, timeout=300
    )
    assert_exit(run, 0)
    return [line for line in run.stdout.splitlines()[2:] if line.startswith("| ")], run.stdout


@pytest.mark.slow
def test_startup_bench_prints_ratios():
    rows, printed = table_rows("startup.py")
    commands = [r.split("|")[1].strip() for r in rows]
    assert commands[0].startswith("python -c") and "load average" in printed
    assert any(c.startswith("aikg query") for c in commands) and any(c.startswith("plain pyoxigraph") for c in commands)
    assert all(float(r.split("|")[3]) > 0 for r in rows)


@pytest.mark.slow
def test_report_bench_prints_the_command_s_median():
    rows, printed = table_rows("report.py")
    assert [r.split("|")[1].strip() for r in rows] == ["aikg report -o DIR"]
    assert float(rows[0].split("|")[2]) > 0
    assert "load average" in printed


@pytest.mark.slow
def test_engines_bench_prints_both_engines_side_by_side():
    rows, printed = table_rows("engines.py")
    commands = [r.split("|")[1].strip() for r in rows]
    assert commands[:2] == ["aikg validate", "aikg reason -o FILE"]
    for row in rows[:2]:  # default and reference seconds, and their ratio
        default, reference, ratio = (float(cell) for cell in row.split("|")[2:5])
        assert default > 0 and reference > 0 and abs(ratio - reference / default) < 0.1
    assert any(c.startswith("aikg import hf-card DIR") and "(60 cards)" in c for c in commands)
    assert "import + validate" in commands and "load average" in printed


def test_engines_bench_writes_a_hub_folder_that_imports_cleanly(tmp_path, run):
    """The 60-card folder the bench times: every card found, read without an error, the tree validated."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from engines import CARD_COUNT, hub_folder
    finally:
        sys.path.remove(str(REPO / "bench"))
    assert hub_folder(tmp_path / "hub") == CARD_COUNT == len(list((tmp_path / "hub").rglob("README.md")))
    cards = tmp_path / "cards.ttl"
    assert_exit(run("import", "hf-card", tmp_path / "hub", "-o", cards), 0)
    assert_exit(run("validate", "-i", cards), (0, 1))
    assert cards.read_text().count("huggingface.co/") >= CARD_COUNT
