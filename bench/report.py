#!/usr/bin/env python3
"""`aikg report` on the bundled graph, the whole command.

    python bench/report.py [--runs 5]

Each run is a fresh process writing the site over the previous run's
(the graph read into a pyoxigraph store, lineage, claims and queries
answered there, pyshacl-turbo validating, the pages filled from Jinja2
templates); the median is printed, then the load average (timings on a
busy machine run long).

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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    aikg = shutil.which("aikg", path=str(Path(sys.executable).parent)) or "aikg"
    with tempfile.TemporaryDirectory(prefix="aikg-bench-report-") as folder:
        site = str(Path(folder) / "site")  # each run replaces the site the previous one wrote
        paths = {"aikg report -o DIR": [aikg, "report", "-o", site]}
        print(f"| command | median of {args.runs} (s) |")
        print("|---|---|")
        for label, seconds in medians(paths, args.runs).items():
            print(f"| {label} | {seconds:.2f} |", flush=True)
    print("\nload average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == "__main__":
    main()
