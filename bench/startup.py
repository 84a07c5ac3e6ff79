#!/usr/bin/env python3
"""CLI start-up: `aikg query <catalogue query>` on the bundled graph vs bare `import rdflib`.

    python bench/startup.py [--runs 7]

Each command runs in a fresh process; the medians and their ratio are
printed. `import rdflib` is the floor any rdflib-based CLI pays.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def catalogue_query() -> str:
    """The first catalogue query without a required parameter (a benchmark query until the catalogue ships)."""
    from aikg.sparql.catalogue import catalogue

    for query in catalogue():
        if not query.checks and not any(not p.optional for p in query.params):
            return query.name
    return str(BENCH / "queries" / "models-per-lab.rq")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    aikg = shutil.which("aikg", path=str(Path(sys.executable).parent)) or "aikg"
    query = catalogue_query()
    commands = {
        "python -c 'import rdflib'": [sys.executable, "-c", "import rdflib"],
        f"aikg query {Path(query).name} -f csv": [aikg, "query", query, "-f", "csv"],
        "aikg queries": [aikg, "queries"],
        "aikg --help": [aikg, "--help"],
    }
    floor = None
    print(f"| command | median of {args.runs} (s) | × import rdflib |")
    print("|---|---|---|")
    for label, command in commands.items():
        seconds = median_seconds(command, args.runs)
        floor = floor or seconds
        print(f"| {label} | {seconds:.3f} | {seconds / floor:.2f} |", flush=True)


if __name__ == "__main__":
    main()
