"""docs/api.md: every example runs as written, in order, from the repository's root."""

from __future__ import annotations

import os
import re

from helpers import REPO

DOC = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", DOC, flags=re.S)


def test_every_operation_has_an_example():
    import aikg.api

    shown = "".join(BLOCKS)
    for name in aikg.api.__all__:
        if name[0].islower() and name != "connect":
            assert f"aikg.{name}(" in shown, f"docs/api.md has no example of aikg.{name}"


def test_examples_run(capsys):
    assert len(BLOCKS) >= 10
    namespace: dict = {}
    here = os.getcwd()
    os.chdir(REPO)
    try:
        for number, block in enumerate(BLOCKS, start=1):
            exec(compile(block, f"docs/api.md block {number}", "exec"), namespace)
    finally:
        os.chdir(here)
    printed = capsys.readouterr().out
    assert "tests/fixtures/cli/broken.ttl:" in printed
