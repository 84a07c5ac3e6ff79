"""The bundled files: strict parsing, tidy layout, no copied article text, portable queries."""

from __future__ import annotations

import re

import pyoxigraph
import pytest
import rdflib

from helpers import ARTICLE_TEXT, REPO

from . import tidy

TURTLE = sorted(
    list((REPO / "ontology").glob("*.ttl")) + list((REPO / "ontology" / "shapes").glob("*.ttl"))
    + list((REPO / "data").glob("*.ttl")) + list((REPO / "seeds").glob("*.ttl"))
)
QUERIES = sorted((REPO / "queries").glob("*.rq"))


def _ids(paths):
    return [str(p.relative_to(REPO)) for p in paths]


@pytest.mark.parametrize("path", TURTLE, ids=_ids(TURTLE))
def test_parses_in_oxigraph_strictly_and_in_rdflib(path):
    ox = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    graph = rdflib.Graph().parse(path, format="turtle")
    assert len(ox) > 0
    assert len(graph) == len(set((q.subject, q.predicate, q.object) for q in ox))


@pytest.mark.parametrize("path", TURTLE, ids=_ids(TURTLE))
def test_turtle_is_tidy(path):
    assert tidy.problems(path) == []


def _words(text):
    return re.findall(r"[a-z0-9$.]+", text.lower().replace("’", "'"))


@pytest.mark.skipif(not ARTICLE_TEXT.exists(), reason="the article text is not in this checkout")
def test_no_article_sentence_is_copied():
    """No literal repeats eight or more consecutive words of the article's body.

    The headline (first line) is exempt: the source record keeps it as the title.
    """
    body = ARTICLE_TEXT.read_text(encoding="utf-8").split("\n", 1)[1]
    words = _words(body)
    n = 8
    shingles = {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
    copied = []
    for path in TURTLE:
        for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")):
            lw = _words(literal)
            if any(tuple(lw[i:i + n]) in shingles for i in range(len(lw) - n + 1)):
                copied.append((path.name, literal))
    assert copied == []


@pytest.mark.parametrize("path", QUERIES, ids=[p.name for p in QUERIES])
def test_query_is_portable(path):
    text = path.read_text(encoding="utf-8")
    body = re.sub(r"<[^>\s]*>", "<>", text)
    body = re.sub(r'"[^"\n]*"', '""', body)
    body = re.sub(r"(?m)#.*$", "", body)
    assert not re.search(r"[\w:>]\s*/\s*[\w:<^]", body), "sequence property path: expand into triple patterns"
    assert not re.search(r"[\w>]\s*[+*]\s+\?", body), "unbounded path (p+ / p*): rely on the reasoned derivedFrom"
    assert re.search(r"(?i)\bORDER\s+BY\b", body), "results need an explicit ORDER BY"
    select = re.search(r"(?is)SELECT\s+(?:DISTINCT\s+)?(.*?)\s*WHERE", body).group(1)
    order = re.search(r"(?is)ORDER\s+BY\s+(.*)$", body).group(1)
    assert set(re.findall(r"\?\w+", select)) <= set(re.findall(r"\?\w+", order)), "ORDER BY must cover every column"


@pytest.mark.parametrize("path", QUERIES, ids=[p.name for p in QUERIES])
def test_query_header_and_parameters(path):
    from aikg.sparql.catalogue import parse_query_file

    query = parse_query_file(path)
    assert query.title and query.description
    for param in query.params:
        assert f"?{param.name}" in query.text, f"parameter {param.name} is not used"
        assert param.optional, "competency queries take optional parameters only"


def test_enough_competency_questions():
    assert len([p for p in QUERIES if not p.stem.endswith("-violation")]) >= 15
