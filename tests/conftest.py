"""Fixtures shared by every test module."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"

# Small fixtures the CLI tests share.
CLI = FIXTURES / "cli"
MINI = CLI / "mini.ttl"
BROKEN = CLI / "broken.ttl"
SHAPES = CLI / "shapes.ttl"


@pytest.fixture
def run():
    """Invoke the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    from aikg.cli import cli

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def bundled_graph():
    """The bundled graph (ontology, data, seeds), parsed once per session."""
    from aikg.rdf.graphs import load_graph

    return load_graph()


@pytest.fixture(scope="session")
def reasoned_graph(bundled_graph):
    """The OWL RL closure of the bundled graph, computed once per session."""
    from aikg.engines.reference import reason

    return reason(bundled_graph, "owlrl")
