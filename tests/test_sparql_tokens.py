"""SPARQL text read as tokens (aikg.sparql.tokens): strings, IRIs and comments are never syntax."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("query,expected", [
    ('FILTER (?v = "a \\" $this")', [("word", "FILTER"), ("punct", "("), ("var", "?v"), ("punct", "="),
                                      ("string", '"a \\" $this"'), ("punct", ")")]),
    ("?a < ?b && ?c > 2", [("var", "?a"), ("punct", "<"), ("var", "?b"), ("punct", "&"), ("punct", "&"),
                            ("var", "?c"), ("punct", ">"), ("word", "2")]),
    ("<http://x/$this#a> ex:p? $this # $that\n.", [("iri", "<http://x/$this#a>"), ("word", "ex:p"), ("punct", "?"),
                                                   ("var", "$this"), ("punct", ".")]),
    ("'''it's\n{'''", [("string", "'''it's\n{'''")]),
])
def test_tokens_keep_strings_iris_and_comments_whole(query, expected):
    from aikg.sparql.tokens import tokens

    found = tokens(query)
    assert [(t.kind, t.text) for t in found] == expected
    assert all(query[t.start:t.end] == t.text for t in found)


def test_a_quote_left_open_is_no_tokens():
    from aikg.sparql.tokens import tokens

    assert tokens('SELECT $this WHERE { FILTER (?v = "$this) }') is None


def test_parameters_go_into_the_where_group_not_a_brace_in_a_string_or_comment():
    import pyoxigraph as ox
    from aikg.sparql.params import inline_bindings

    text = 'SELECT ?s # not WHERE {\nWHERE { ?s <http://e/p> "WHERE { }" }'
    bound = inline_bindings(text, {"s": ox.NamedNode("http://e/a")})
    assert bound == text.replace('WHERE { ?s', 'WHERE { VALUES (?s) { (<http://e/a>) }  ?s')
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("WHERE { }")))
    store.add(ox.Quad(ox.NamedNode("http://e/b"), ox.NamedNode("http://e/p"), ox.Literal("WHERE { }")))
    assert [row["s"].value for row in store.query(bound)] == ["http://e/a"]
