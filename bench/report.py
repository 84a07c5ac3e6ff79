#!/usr/bin/env python3
"""`aikg report` on the bundled graph, the whole command, side by side with the reference stack.

    python bench/report.py [--runs 5]

Each run is a fresh process writing the site to a new temporary folder,
the two paths taking turns (so load swings hit both alike); the medians
and their ratio to the command are printed, then the load
average (timings on a busy machine run long). The paths:

- `aikg report -o DIR`: the fast engine (the graph in a pyoxigraph store,
  lineage, claims and queries answered there, pyshacl-turbo validating);
- `api.report(DIR, engine="rdflib")`: the reference stack (an rdflib
  graph, rdflib's SPARQL, pySHACL), which the tests hold the fast site to.

Target (issue 15): the command under 3 s on this 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from startup import medians

REFERENCE = "import sys; from aikg import api; api.report(sys.argv[1], engine='rdflib')"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    aikg = shutil.which("aikg", path=str(Path(sys.executable).parent)) or "aikg"
    with tempfile.TemporaryDirectory(prefix="aikg-bench-report-") as folder:
        site = str(Path(folder) / "site")  # each run replaces the site the previous one wrote
        paths = {
            "aikg report -o DIR (pyoxigraph, pyshacl-turbo)": [aikg, "report", "-o", site],
            "api.report(engine='rdflib') (rdflib, pySHACL)": [sys.executable, "-c", REFERENCE, site],
        }
        print(f"| path | median of {args.runs} (s) | × aikg report |")
        print("|---|---|---|")
        found = medians(paths, args.runs)
        fast = next(iter(found.values()))
        for label, seconds in found.items():
            print(f"| {label} | {seconds:.2f} | {seconds / fast:.1f} |", flush=True)
    print("\nload average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == "__main__":
    main()
