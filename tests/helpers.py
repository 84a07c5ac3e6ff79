"""What the tests share: fixture paths, the CLI runner, the exit-code assertion,
network sealing and the normalisation that lets two engines' (or stores')
answers be compared.

Import it as ``helpers`` from any test folder (tests/ is on the path: it is
the rootdir of tests/conftest.py, and has no __init__.py). The pytest fixtures
built on it (``run``, ``no_network``, ``bundled_graph`` …) are in tests/conftest.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
from decimal import Decimal, InvalidOperation
from pathlib import Path

from click.testing import CliRunner, Result

# ---------------------------------------------------------------------- paths

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
# material kept beside the checkout (W3C suites, source articles); AIKG_SHARED names it elsewhere (a git worktree)
SHARED = Path(os.environ.get("AIKG_SHARED") or REPO.parent / "shared")
ARTICLE_TEXT = SHARED / "seeds" / "meta-avocado-article.txt"  # the article the bundled claims quote

# Small fixtures the CLI tests share.
CLI = FIXTURES / "cli"
MINI = CLI / "mini.ttl"
BROKEN = CLI / "broken.ttl"
SHAPES = CLI / "shapes.ttl"
ANCESTORS = CLI / "ancestors.rq"

# ------------------------------------------------------------------------ CLI


def invoke(*args, input=None, catch_exceptions: bool = False) -> Result:
    """Run ``aikg *args`` in-process; click's Result has exit_code, stdout and stderr apart."""
    from aikg.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=catch_exceptions)


def cli_commands() -> list[tuple[str, object]]:
    """Every top-level ``aikg`` command as (name, click command), sorted: loaded, as running it would load it."""
    from aikg.cli import cli

    return [(name, cli.get_command(None, name)) for name in cli.list_commands(None)]


def assert_exit(result: Result | subprocess.CompletedProcess, code: int | set[int], *fragments: str) -> None:
    """The command exited with ``code`` (or one of the codes), with no traceback and each
    fragment somewhere in its output; on a mismatch the message shows stdout and stderr."""
    if isinstance(result, subprocess.CompletedProcess):
        got, stdout, stderr = result.returncode, result.stdout, result.stderr
    else:
        got, stdout, stderr = result.exit_code, result.stdout, result.stderr
    stdout, stderr = (s.decode(errors="replace") if isinstance(s, bytes) else s or "" for s in (stdout, stderr))
    expected = {code} if isinstance(code, int) else set(code)
    shown = f"\n--- stdout\n{stdout[-3000:]}\n--- stderr\n{stderr[-3000:]}"
    assert got in expected, f"exit code {got}, expected {' or '.join(map(str, sorted(expected)))}" + shown
    assert "Traceback" not in stdout + stderr, "a traceback in the output" + shown
    for fragment in fragments:
        assert fragment in stdout + stderr, f"{fragment!r} is not in the output" + shown


# -------------------------------------------------------------------- network


def seal_network(patch) -> list:
    """Make every attempt to resolve a name or open a connection fail with OSError, as an
    unreachable network would; returns the list the attempts are recorded in.

    ``patch`` is a pytest MonkeyPatch: the sockets come back when it is undone.
    """
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during a test")

    patch.setattr(socket.socket, "connect", refuse)
    patch.setattr(socket.socket, "connect_ex", refuse)
    patch.setattr(socket, "create_connection", refuse)
    patch.setattr(socket, "getaddrinfo", refuse)
    return attempts


# -------------------------------------------------------- result normalisation

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                                "unsignedShort", "unsignedByte")}
_NUMBERS = {XSD + "decimal", XSD + "double", XSD + "float"}


def comparable(term):
    """An rdflib term as a value that compares equal wherever engines and stores agree.

    Literals are normalised only where an engine or store canonicalises them:
    - pyoxigraph, Oxigraph 0.5 and Virtuoso store integer subtypes (xsd:positiveInteger, …)
      as xsd:integer, and numbers in canonical form ("01" → "1", "49.0" → "49");
    - Virtuoso returns xsd:boolean as 1/0 (aikg turns them into true/false), and
      integers beyond 32 bits as xsd:decimal ("7000000000");
    - blank nodes compare as "a blank node", since their labels are the engine's.
    """
    from rdflib import BNode, Literal

    term = as_rdflib(term)
    if term is None:
        return ("unbound",)
    if isinstance(term, BNode):
        return ("bnode",)
    if not isinstance(term, Literal):
        return ("iri", str(term))
    datatype = str(term.datatype or "")
    value = term.toPython()
    if datatype == XSD + "decimal" and value == value.to_integral_value() and abs(value) >= 2**31:
        datatype = XSD + "integer"  # Virtuoso keeps integers beyond 32 bits as xsd:decimal
    if datatype in _INTEGERS:
        return ("literal", str(int(value)), XSD + "integer")
    if datatype == XSD + "decimal":  # "49.0" and "49" are one value; stores keep it canonically
        return ("literal", format(value.normalize(), "f"), datatype)
    if datatype in _NUMBERS or datatype == XSD + "boolean":
        return ("literal", str(value).lower(), datatype)
    return ("literal", str(term), term.language or datatype)


def as_rdflib(term):
    """An rdflib term for a pyoxigraph one (what aikg's query engine returns); others as they are."""
    if term is None or hasattr(term, "n3"):
        return term
    from aikg.rdf.rdflib_bridge import to_rdflib

    return to_rdflib(term)


def answer_rows(result) -> list:
    """A query result as a sorted list of comparable rows (ASK: its boolean), duplicates kept."""
    if result.kind == "ASK":
        return [("ask", result.boolean)]
    return sorted((tuple(comparable(t) for t in row) for row in result.rows), key=repr)


_PLAIN_NUMBERS = {XSD + t for t in ("decimal", "integer", "positiveInteger", "nonNegativeInteger", "int", "long",
                                    "double", "float")}


def plain(term):
    """A term as a hand-written expectation spells it: IRI string, literal lexical form
    (numbers as Decimal, by value), "_:" for any blank node, None when unbound."""
    if term is None:
        return None
    from rdflib import BNode, Literal

    term = as_rdflib(term)
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in _PLAIN_NUMBERS:
        try:
            return Decimal(str(term))
        except InvalidOperation:  # pragma: no cover - malformed numbers would be a data bug
            return str(term)
    return str(term)


def plain_expected(value):
    """An expected cell: Python numbers compare by value with numeric literals, like ``plain``."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def plain_rows(result, columns=()) -> set:
    """The result rows as a set of ``plain`` tuples (optionally only ``columns``)."""
    index = [result.vars.index(c) for c in columns] if columns else range(len(result.vars))
    return {tuple(plain(row[i]) for i in index) for row in result.rows}


def empty_on_bundled_graph(query_name: str) -> bool:
    """Whether a catalogue query rightly answers nothing on the bundled graph as parsed
    (not reasoned, no parameter bound): the quality checks (``*-violation``: the data has
    no faults) and model-ancestors (ancestry is inferred, derivedFrom being transitive)."""
    return query_name.endswith("-violation") or query_name == "model-ancestors"
