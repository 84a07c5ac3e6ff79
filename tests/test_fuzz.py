"""Mutated Turtle and SPARQL: the CLI answers with a documented exit code, never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import MINI, assert_exit

SEED_TURTLE = b'''@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <http://example.org/base/> .
ex:a a ex:Model ; ex:label "A \\"quoted\\" \\u00e9"@en , """long
text""" ;
  ex:size 42 , 1.5 , 1e3 , true , "2024-01-01"^^xsd:date ;
  ex:parts ( ex:b [ ex:name 'b' ] ) ;
  ex:ref <relative> , _:n1 .
_:n1 ex:p ex:c .
'''
SEED_QUERY = '''PREFIX ex: <http://example.org/>
SELECT ?s (COUNT(?o) AS ?n) WHERE {
  ?s a ex:Model ; rdfs:label ?l .
  OPTIONAL { ?s ex:distilledFrom ?o FILTER(?o != ex:c) }
  FILTER(LANG(?l) = "en" || REGEX(STR(?l), "^A", "i"))
} GROUP BY ?s ORDER BY DESC(?n) LIMIT 10'''
TOKENS = [b"<", b">", b"{", b"}", b"[", b"]", b"(", b")", b".", b";", b",", b'"', b"'", b"\\", b"^^", b"@",
          b"_:", b":", b"#", b"\n", b"\xff", b"\x00", b"\xc3", b"<<", b">>", b"PREFIX", b"SERVICE <http://127.0.0.1:9/>",
          b"INSERT DATA", b"BIND(1 AS ?s)", b"GRAPH", b"?", b"$", b"\\u", b"a"]
DOCUMENTED = {0, 1, 3}  # clean, findings (ASK false), bad input; never 2 (usage), 4, 5


@st.composite
def mutated(draw, seed: bytes):
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=3))
        elif data:
            del data[at : at + draw(st.integers(1, 8))]
    return bytes(data)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=mutated(SEED_TURTLE))
def test_mutated_turtle(run, no_network, tmp_path, data):
    path = tmp_path / "fuzz.ttl"
    path.write_bytes(data)
    checked = run("check", "--syntax-only", path)
    assert_exit(checked, DOCUMENTED)
    converted = run("convert", "-i", path, "--to", "ntriples")
    assert_exit(converted, DOCUMENTED)
    assert (checked.exit_code == 0) == (converted.exit_code == 0)  # one parser, one verdict
    if checked.exit_code == 3:
        assert f"{path}:" in checked.stderr and ": error: " in checked.stderr
    assert not no_network


@FUZZ
@given(data=mutated(SEED_QUERY.encode()))
def test_mutated_sparql(run, no_network, data):
    text = data.decode("utf-8", "replace")
    result = run("query", "-i", MINI, "--timeout", "20", "-f", "csv", "-e", text)
    assert_exit(result, DOCUMENTED)
    assert not no_network
