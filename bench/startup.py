#!/usr/bin/env python3
"""CLI start-up: `aikg query claims-by-hedge -f csv` on the bundled graph, side by side with
a plain pyoxigraph script doing the same work and with bare `import rdflib`.

    python bench/startup.py [--runs 7]

Each command runs in a fresh process; the commands take turns (one run of
each per round), so a change in the machine's load touches all of them
alike; the medians, their ratios and the load average are printed. The
plain script loads the bundled files into a pyoxigraph Store, runs the same
query and writes CSV: the floor for any CLI on pyoxigraph. `import rdflib`
is the floor any rdflib-based CLI pays. Targets: aikg query ≤ 1.5× the plain
script and below `import rdflib` (issue 12); `aikg obligations
aikgd:avocado` < 0.3 s (issue 15). The plain script with `import click`
in front shows what click alone adds: the floor for any click-based CLI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def _run(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median seconds of each command over ``runs`` rounds, the commands taking turns in each round."""
    # Bytecode as an installed package has it: written on the untimed first run.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {label: [] for label in commands}
    for label, command in commands.items():
        _run(command, env)
    for _ in range(runs):
        for label, command in commands.items():
            times[label].append(_run(command, env))
    return {label: statistics.median(values) for label, values in times.items()}


QUERY = "claims-by-hedge"


PLAIN_SCRIPT = """
import sys
from pathlib import Path
import pyoxigraph as ox
root = Path(sys.argv[1])
store = ox.Store()
for folder in ("ontology", "data", "seeds"):
    for path in sorted((root / folder).glob("*.ttl")):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
text = (root / "queries" / (sys.argv[2] + ".rq")).read_text()
sys.stdout.buffer.write(store.query(text).serialize(format=ox.QueryResultsFormat.CSV))
"""


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    aikg = shutil.which("aikg", path=str(Path(sys.executable).parent)) or "aikg"
    from aikg import bundle

    commands = {
        "python -c 'import rdflib'": [sys.executable, "-c", "import rdflib"],
        f"plain pyoxigraph script ({QUERY}, CSV)": [sys.executable, "-c", PLAIN_SCRIPT, str(bundle.root()), QUERY],
        # The same script importing click first: the floor for any CLI built on click.
        "plain script, click imported first": [sys.executable, "-c", "import click\n" + PLAIN_SCRIPT, str(bundle.root()), QUERY],
        f"aikg query {QUERY} -f csv": [aikg, "query", QUERY, "-f", "csv"],
        "aikg queries": [aikg, "queries"],
        "aikg --help": [aikg, "--help"],
        "aikg obligations aikgd:avocado": [aikg, "obligations", "aikgd:avocado"],
    }
    found = medians(commands, args.runs)
    rdflib, plain = list(found.values())[:2]
    print(f"| command | median of {args.runs} (s) | × import rdflib | × plain pyoxigraph script |")
    print("|---|---|---|---|")
    for label, seconds in found.items():
        print(f"| {label} | {seconds:.3f} | {seconds / rdflib:.2f} | {seconds / plain:.2f} |")
    print(f"\nload average (1 min) at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
