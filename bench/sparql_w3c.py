#!/usr/bin/env python3
"""The W3C SPARQL 1.1 query-evaluation tests on bare pyoxigraph and through aikg, side by side.

    python bench/sparql_w3c.py

Same dataset, base IRI and comparison rules for every runner
(tests/sparql_w3c_suite.py); prints the pass counts and every test a runner fails.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import sparql_w3c_suite as suite  # noqa: E402

RUNNERS = {"bare pyoxigraph": suite.run_bare_pyoxigraph, "aikg.api.query": suite.run_aikg_api, "aikg query (CLI)": suite.run_aikg_cli}


def main() -> None:
    if not suite.SUITE.is_dir():
        sys.exit(f"the W3C SPARQL suite is not at {suite.SUITE}")
    tests = suite.tests()
    failures = {name: {} for name in RUNNERS}
    for test in tests:
        for name, runner in RUNNERS.items():
            with tempfile.TemporaryDirectory() as folder:
                why = suite.outcome(runner, test, Path(folder))
            if why:
                failures[name][test.id] = why
    print(f"| runner | passed of {len(tests)} | failed |")
    print("|---|---|---|")
    for name, failed in failures.items():
        print(f"| {name} | {len(tests) - len(failed)} | {len(failed)} |")
    for test_id in sorted(set().union(*failures.values())):
        print(f"{test_id}: " + "; ".join(f"{name}: {failed.get(test_id, 'passes')}" for name, failed in failures.items()))


if __name__ == "__main__":
    main()
