"""A diagnostic shows the line it names, counted as the parser counts lines.

The SPARQL parsers (pyoxigraph's and rdflib's) end a line at "\\n" only; the
RDF parsers also at a lone "\\r". Neither ends one at a form feed, a vertical
tab, U+0085 or U+2028, where str.splitlines() does: a comment holding one of
those once made a query error report line 4 and show line 3's text.
"""

from __future__ import annotations

import pytest

from aikg.errors import SyntaxProblems
from helpers import assert_exit, invoke

# Characters str.splitlines() breaks at and the parsers do not.
NOT_LINE_BREAKS = ["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def _diagnostics(work) -> list:
    with pytest.raises(SyntaxProblems) as raised:
        work()
    return raised.value.diagnostics


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS)
def test_query_error_after_an_odd_character_in_a_comment_shows_its_line(odd):
    """pyoxigraph's diagnostic."""
    from aikg.sparql.syntax import parse_query

    text = f"SELECT * WHERE {{\n  # a note{odd}that goes on\n  ?s ?p ?o .\n  FILTER(?s = \n}}"
    [found] = _diagnostics(lambda: parse_query(text))
    assert (found.line, found.text_line) == (5, "}")


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS)
def test_query_error_found_by_rdflib_alone_shows_its_line(odd):
    """rdflib's diagnostic (pyoxigraph is never asked about a query that mentions SERVICE)."""
    from aikg.sparql.syntax import parse_query

    text = f"# no SERVICE here{odd}only a comment\nSELECT * WHERE {{\n  ?s ?p ?o .\n  ?s ?p\n}}"
    [found] = _diagnostics(lambda: parse_query(text))
    assert (found.line, found.text_line) == (4, "  ?s ?p")


def test_undeclared_prefix_in_a_query_shows_its_line():
    from aikg.engines.reference import run_query
    from rdflib import Graph

    text = "SELECT * WHERE {\n  # see\fbelow\n  ?s nope:p ?o\n}"
    [found] = _diagnostics(lambda: run_query(Graph(), text, prefixes={}))
    assert (found.line, found.column, found.text_line) == (3, 6, "  ?s nope:p ?o")


def test_cli_shows_the_reported_line_under_the_location():
    result = invoke("query", "-e", "# mentions SERVICE\fin a comment\nSELECT * WHERE {\n  ?s ?p ?o .\n  ?s ?p\n}")
    assert_exit(result, 3)
    lines = result.stderr.splitlines()
    assert lines[0].startswith("<query>:4:3: error: SPARQL syntax error")
    assert lines[1] == "    ?s ?p"
    assert lines[2] == "    ^"


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS)
def test_turtle_error_after_an_odd_character_in_a_comment_shows_its_line(odd, tmp_path):
    from aikg.rdf.rdflib_bridge import load_graph

    path = tmp_path / "odd.ttl"
    path.write_bytes(f"@prefix ex: <http://example.org/> .\n# a note{odd}that goes on\nex:a ex:b .\n".encode())
    [found] = _diagnostics(lambda: load_graph([path]))
    assert (found.line, found.text_line) == (3, "ex:a ex:b .")


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_turtle_lines_end_where_the_parser_ends_them(ending, tmp_path):
    """Old Mac files end lines with a lone CR, which the RDF parsers count as a line break."""
    from aikg.rdf.rdflib_bridge import load_graph

    path = tmp_path / "endings.ttl"
    lines = ["@prefix ex: <http://example.org/> .", "ex:a ex:b ex:c .", "ex:a ex:b ."]
    path.write_bytes((ending.join(lines) + ending).encode())
    [found] = _diagnostics(lambda: load_graph([path]))
    assert (found.line, found.column, found.text_line) == (3, 11, "ex:a ex:b .")


def test_turtle_unknown_prefix_hint_and_line(tmp_path):
    from aikg.rdf.rdflib_bridge import load_graph

    path = tmp_path / "prefix.ttl"
    path.write_text("# nothing declared\f\nskos:a skos:b skos:c .\n")
    [found] = _diagnostics(lambda: load_graph([path]))
    assert (found.line, found.text_line) == (2, "skos:a skos:b skos:c .")
    assert found.hint == "declare it before its first use: @prefix skos: <http://www.w3.org/2004/02/skos/core#> ."


def _broken_files(tmp_path):
    first, second = tmp_path / "bad1.ttl", tmp_path / "bad2.nt"
    first.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    second.write_text("<http://example.org/a> <http://example.org/b> .\n")
    return first, second


def test_info_reports_every_broken_file(tmp_path):
    first, second = _broken_files(tmp_path)
    result = invoke("info", "-i", first, "-i", second)
    assert_exit(result, 3)
    assert f"{first}:2:" in result.stderr
    assert f"{second}:1:" in result.stderr


@pytest.mark.parametrize("command", [["info"], ["check", "--syntax-only"], ["query", "-e", "ASK {}"]])
def test_every_command_reports_both_broken_files(command, tmp_path):
    first, second = _broken_files(tmp_path)
    args = command + (["-i", first, "-i", second] if command[0] != "check" else [first, second])
    result = invoke(*args)
    assert_exit(result, 3)
    assert str(first) in result.stderr + result.stdout
    assert str(second) in result.stderr + result.stdout


def test_load_plan_reports_every_broken_file(tmp_path):
    from aikg.stores.load import plan_load

    first, second = _broken_files(tmp_path)
    found = _diagnostics(lambda: plan_load([first, second], include_shapes=False))
    assert [d.source for d in found] == [str(first), str(second)]


def test_parse_all_hands_on_every_source_or_stops_after_an_error(tmp_path):
    from aikg.rdf.parse import parse_all
    from aikg.rdf.sources import resolve_inputs

    good = tmp_path / "good.nt"
    good.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    first, second = _broken_files(tmp_path)
    sources = resolve_inputs([good, first, good, second])
    for after_error, expected in ((False, [str(good)]), (True, [str(good), str(good)])):
        used = []
        found = _diagnostics(lambda: parse_all(sources, lambda s, quads: used.append(s.label), after_error=after_error))
        assert [d.source for d in found] == [str(first), str(second)]
        assert used == expected
