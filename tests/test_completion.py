"""Shell completion: commands, catalogue query names and models."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import BashComplete

from aikg.cli import cli


def complete(*words: str) -> list[str]:
    *args, incomplete = words
    return [item.value for item in BashComplete(cli, {}, "aikg", "_AIKG_COMPLETE").get_completions(args, incomplete)]


def test_commands_complete():
    assert complete("qu") == ["queries", "query"]
    assert "obligations" in complete("")


def test_query_names_complete():
    assert complete("query", "closed-models-d") == ["closed-models-distilled-from-open"]
    assert "model-ancestors" in complete("query", "")


def test_models_complete_by_prefixed_name_and_label():
    assert "Avocado (codename)" in complete("obligations", "avo")
    assert "aikgd:avocado" in complete("diagram", "aikgd:avo")


def test_models_of_the_inputs_complete(tmp_path):
    data = tmp_path / "m.ttl"
    data.write_text('@prefix aikg: <https://w3id.org/aikg/ont#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<http://example.org/zebra> a aikg:Model ; rdfs:label "Zebra LM" .\n')
    assert "Zebra LM" in complete("diagram", "-i", str(data), "Zeb")
    assert complete("diagram", "-i", str(tmp_path / "missing.ttl"), "") == []  # no error at the prompt


def test_the_documented_bash_line_completes():
    aikg = Path(sys.executable).with_name("aikg")
    if not aikg.exists():
        pytest.skip("the aikg script is not installed in this environment")
    script = subprocess.run([str(aikg)], env={**os.environ, "_AIKG_COMPLETE": "bash_source"},
                            capture_output=True, text=True, timeout=60)
    assert "complete -o nosort -F _aikg_completion aikg" in script.stdout
