"""Malformed and hostile inputs: each gets its exit code and a located message, nothing is fetched.

The files are in tests/fixtures/hostile/ (see its README); inputs too large
to keep (huge literals, entity bombs, deep nesting) are generated here.
"""

from __future__ import annotations

import json

import pytest

from helpers import ANCESTORS, FIXTURES, MINI, SHAPES, assert_exit

HOSTILE = FIXTURES / "hostile"
RDF_XML = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"'


# file, line:column of the diagnostic, a fragment of its message
REJECTED = [
    ("truncated-string.ttl", "2:11", "Unexpected end of file"),
    ("truncated-statement.ttl", "2:10", "Unexpected end"),
    ("missing-dot.ttl", "3:1", "A dot is expected"),
    ("iri-with-space.ttl", "1:1", "Invalid IRI code point ' '"),
    ("iri-with-caret.ttl", "1:1", "Invalid IRI code point '^'"),
    ("bad-escape.ttl", "1:49", "Unexpected escape character '\\q'"),
    ("bad-unicode-escape.ttl", "1:53", "not a valid hexadecimal string"),
    ("surrogate-escape.ttl", "1:49", "not a valid unicode character"),
    ("bad-language-tag.ttl", "1:51", "language code should always start with a letter"),
    ("unknown-prefix.ttl", "2:6", "unknown prefix 'foaf:'"),
    ("prefix-without-colon.ttl", "1:9", "should be followed by a prefix like 'ex:'"),
    ("unbalanced-bracket.ttl", "1:76", "should end with a ']'"),
    ("unbalanced-paren.ttl", "1:53", ". is not a valid RDF object"),
    ("extra-closing-bracket.ttl", "1:51", "] is not a valid subject"),
    ("literal-subject.ttl", "1:1", '"x" is not a valid subject'),
    ("blank-node-predicate.ttl", "1:24", "_:p is not a valid predicate"),
    ("bad-decimal.ttl", "1:50", "is not a valid subject"),
    ("datatype-not-iri.ttl", "1:52", "Expecting a datatype IRI after ^^"),
    ("invalid-utf8.ttl", "1:50", "Invalid UTF-8"),
    ("overlong-utf8.ttl", "1:48", "Invalid UTF-8"),
    ("latin1-not-utf8.ttl", "1:51", "Invalid UTF-8"),
    ("rdf12-triple-term.ttl", "1:1", "RDF 1.2 triple term"),
    ("rdf12-direction.ttl", "1:53", "RDF 1.2 base direction"),
    ("sparql-in-turtle.ttl", "2:1", "SELECT is not a valid subject"),
    ("escape-sequence-terminal.ttl", "1:51", "is not allowed at the beginning of a prefix name"),
    ("nested-graph.trig", "1:50", "{ is not a valid predicate"),
    ("unclosed-graph.trig", "2:1", "Unexpected end"),
    ("relative-iri.nt", "1:1", "No scheme found in an absolute IRI"),
    ("prefixed-name.nt", "1:1", "must be an IRI or a blank node"),
    ("missing-object.nt", "1:47", "The object of a triple must be"),
    ("literal-graph-name.nq", "1:51", "must be an IRI or a blank node"),
    ("five-terms.nq", "1:74", "Quads must be followed by a dot"),
    ("xxe-file.rdf", "2:61", "external entity 'xxe' (file:///etc/passwd) refused"),
    ("xxe-http.rdf", "2:68", "external entity 'xxe' (http://127.0.0.1:9/secret) refused"),
    ("parameter-entity.rdf", "2:72", "external parameter entity 'dtd'"),
    ("recursive-entity.rdf", "4:57", "recursive entity reference refused"),
    ("truncated.rdf", "5:1", "not well-formed XML: no element found"),
    ("mismatched-tag.rdf", "3:60", "not well-formed XML: mismatched tag"),
    ("bad-about-iri.rdf", "3:29", "Invalid IRI code point ' '"),
    ("undeclared-entity.rdf", "3:57", "not well-formed XML: undefined entity"),
    ("about-and-nodeid.rdf", "2:43", "Not both rdf:nodeID and rdf:resource"),  # located by the attribute it names
    ("bad-rdf-id.rdf", "2:51", "1bad is not a valid rdf:ID value"),
    ("two-nodes-in-one-property.rdf", "2:56", "Unexpected node"),  # located by replaying the parse byte by byte
    ("remote-context.jsonld", "2:16", "remote JSON-LD @context refused"),
    ("remote-context-in-array.jsonld", "3:6", "remote JSON-LD @context refused"),
    ("context-import.jsonld", "2:45", "remote JSON-LD @context refused"),
    ("trailing-comma.jsonld", "5:1", "Trailing commas are not allowed"),
    ("truncated.jsonld", "5:1", "Unexpected end of file"),
]

ACCEPTED = ["bom.ttl", "internal-entity.rdf", "nul-in-literal.ttl", "empty.ttl", "comments-only.ttl"]


# Issue 16's families: each file, the command run on it ({f}: the file), the
# exit code, a fragment of the answer, and the environment (a lowered limit).
CHECK = ("check", "--syntax-only", "{f}")
CONVERT = ("convert", "-i", "{f}", "--to", "ntriples")
TABLE = ("query", "-i", "{f}", "--with", "none", "-e", "SELECT ?o { ?s ?p ?o }", "-f", "table")
RUN_QUERY_FILE = ("query", "{f}", "-i", MINI, "-f", "csv")
VALIDATE_WITH = ("validate", "-i", HOSTILE / "esc-bel.ttl", "-s", "{f}")  # the shape targets its ex:s
DEPTH = "JSON nested more than 512 levels deep; refused before parsing"
SMALL_TERMS = {"AIKG_MAX_TERM": "1K"}
LONG_TERM = "a literal or IRI longer than 1,024 bytes; refused"
CAFE = '<http://example.org/s> <http://example.org/p> "caf\u00e9" .\n'
FAMILIES = [
    ("deep-object.jsonld", CHECK, 3, f"{{f}}:1:1: error: {DEPTH}", {}),
    ("deep-array.jsonld", CONVERT, 3, DEPTH, {}),
    ("deep-list.jsonld", CHECK, 3, DEPTH, {}),
    ("deep-context.jsonld", CHECK, 3, DEPTH, {}),
    ("deep-graph.jsonld", TABLE, 3, DEPTH, {}),
    ("deep-after-valid.jsonld", CHECK, 3, DEPTH, {}),
    ("deep-object.jsonld", CHECK, 0, "OK", {"AIKG_MAX_JSON_DEPTH": "1000"}),
    ("brackets-in-strings.jsonld", CHECK, 0, "OK", {}),
    ("language-underscore.jsonld", CHECK, 3, "{f}:3:43: error: invalid @language 'en_US': JSON-LD would drop the value", {}),
    ("language-space.jsonld", CONVERT, 3, "invalid @language 'en US'", {}),
    ("language-empty.jsonld", CHECK, 3, "invalid @language ''", {}),
    ("language-digit-first.jsonld", CHECK, 3, "invalid @language '1en'", {}),
    ("language-long-subtag.jsonld", CHECK, 3, "invalid @language 'englishxx'", {}),
    ("language-trailing-hyphen.jsonld", CHECK, 3, "invalid @language 'en-'", {}),
    ("language-double-hyphen.jsonld", CHECK, 3, "invalid @language 'en--US'", {}),
    ("language-non-ascii.jsonld", CHECK, 3, "invalid @language 'fr-\u00e9'", {}),
    ("language-in-context.jsonld", CHECK, 3, "{f}:2:16: error: invalid @language 'de_DE'", {}),
    ("language-valid.jsonld", CONVERT, 0, '"x"@en-us', {}),
    ("utf16le-bom.rdf", CONVERT, 0, CAFE, {}),
    ("utf16be-bom.rdf", CONVERT, 0, CAFE, {}),
    ("utf16le-no-bom.rdf", CONVERT, 0, CAFE, {}),
    ("utf32le-bom.rdf", CONVERT, 0, CAFE, {}),
    ("utf32be-bom.rdf", CONVERT, 0, CAFE, {}),
    ("utf16-odd-length.rdf", CHECK, 3, "not valid UTF-16-LE, the encoding its first bytes name: truncated data", {}),
    ("utf16-lone-surrogate.rdf", CHECK, 3, "not valid UTF-16-LE, the encoding its first bytes name: illegal UTF-16 surrogate", {}),
    ("utf16-mismatched-tag.rdf", CHECK, 3, "{f}:3:65: error: not well-formed XML: mismatched tag", {}),
    ("esc-csi-literal.ttl", TABLE, 0, "red\ufffd[31malert", {}),
    ("esc-osc-title.ttl", TABLE, 0, "\ufffd]0;owned\ufffdtitle", {}),
    ("esc-c1-csi.ttl", TABLE, 0, "c1\ufffd2Jclear", {}),
    ("esc-bel.ttl", TABLE, 0, "bell\ufffd\ufffd", {}),
    ("esc-carriage-return.ttl", TABLE, 0, "fake", {}),  # the CR is shown harmless (checked below)
    ("esc-raw-in-literal.ttl", TABLE, 0, "raw\ufffd[2Jbytes", {}),
    ("esc-in-shape-message.ttl", VALIDATE_WITH, 1, "gone\ufffd]8;;http://evil.example/\ufffdclick", {}),
    ("latin1-query.rq", RUN_QUERY_FILE, 3, "{f}: not UTF-8 (byte 27: 0xe9); SPARQL files are UTF-8", {}),
    ("utf16-query.rq", RUN_QUERY_FILE, 3, "{f}: not UTF-8 (byte 0: 0xff)", {}),
    ("huge-limit-offset.rq", RUN_QUERY_FILE, 0, "", {}),
    ("huge-limit.rq", RUN_QUERY_FILE, 0, "http://example.org/a", {}),
    ("long-literal.ttl", CHECK, 3, f"{{f}}:1:47: error: {LONG_TERM}", SMALL_TERMS),
    ("long-literal.nt", CONVERT, 3, LONG_TERM, SMALL_TERMS),
    ("long-iri.nt", CHECK, 3, LONG_TERM, SMALL_TERMS),
    ("long-literal.jsonld", CHECK, 3, LONG_TERM, SMALL_TERMS),
    ("long-literal.trig", TABLE, 3, LONG_TERM, SMALL_TERMS),
    ("long-literal.ttl", CHECK, 0, "OK", {}),
]


@pytest.mark.parametrize(("name", "command", "code", "fragment", "env"), FAMILIES,
                         ids=[f"{c[0]}-{c[1][0]}-{i}" for i, c in enumerate(FAMILIES)])
def test_issue_16_families(run, no_network, monkeypatch, name, command, code, fragment, env):
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    path = HOSTILE / name
    result = run(*(str(part).replace("{f}", str(path)) for part in command))
    assert_exit(result, code, fragment.replace("{f}", str(path)))
    assert not set(result.output) & set("\x1b\x07\x9b\r")  # nothing from the file drives the terminal
    assert not no_network


def test_corpus_is_complete():
    named = {name for name, _, _ in REJECTED} | set(ACCEPTED) | {"ill-typed-literal.ttl", "imports-remote.ttl", "README.md"}
    named |= {name for name, *_ in FAMILIES}
    assert len({name for name, *_ in FAMILIES}) >= 40
    assert {p.name for p in HOSTILE.iterdir()} == named


@pytest.mark.parametrize(("name", "location", "message"), REJECTED, ids=[c[0] for c in REJECTED])
def test_rejected_with_location(run, no_network, name, location, message):
    path = HOSTILE / name
    result = run("check", "--syntax-only", path)
    assert_exit(result, 3, f"{path}:{location}: error:", message)
    assert "^" in result.stderr  # the offending line and a caret under the column
    assert "\x1b" not in result.output  # no terminal escape from a hostile file reaches the terminal
    # Every command that reads RDF refuses it the same way.
    assert_exit(run("query", "-i", path, "-e", "ASK {}"), 3, f"{path}:{location}: error:")
    assert_exit(run("convert", "-i", path, "--to", "ntriples"), 3, f"{path}:{location}: error:")
    assert not no_network


@pytest.mark.parametrize("name", ACCEPTED)
def test_legal_oddities_are_accepted(run, name):
    assert_exit(run("check", "--syntax-only", HOSTILE / name), 0, "OK")


def test_bom_is_skipped_not_read_as_content(run):
    result = run("convert", "-i", HOSTILE / "bom.ttl", "--to", "ntriples")
    assert_exit(result, 0)
    assert result.stdout == '<http://example.org/s> <http://example.org/p> "x" .\n'


def test_internal_entity_is_expanded(run):
    result = run("convert", "-i", HOSTILE / "internal-entity.rdf", "--to", "ntriples")
    assert_exit(result, 0)
    assert result.stdout == '<http://example.org/s> <http://example.org/p> "x" .\n'


def test_ill_typed_literal_is_legal_rdf_with_a_check_warning(run):
    """RDF 1.1 allows "abc"^^xsd:integer (an ill-typed literal): parsed, loaded, warned about by `check`."""
    path = HOSTILE / "ill-typed-literal.ttl"
    result = run("check", "--syntax-only", path)
    assert_exit(result, 0, f'{path}:3:15: warning: ill-typed literal "abc"^^xsd:integer', f"{path}:4:11: warning:", "2 warning(s)")
    loaded = run("query", "-i", path, "-e", "SELECT ?o { ?s <http://example.org/count> ?o }", "-f", "csv")
    assert_exit(loaded, 0)
    assert loaded.stdout.splitlines() == ["o", "abc"]
    assert "Failed to convert" not in loaded.stderr  # rdflib's logged traceback is kept quiet


def test_check_warnings_in_json(run):
    result = run("check", "--syntax-only", "--diagnostics", "json", HOSTILE / "ill-typed-literal.ttl")
    assert_exit(result, 0)
    doc = json.loads(result.stdout)
    assert [d["severity"] for d in doc["diagnostics"]] == ["warning", "warning"]
    assert doc["diagnostics"][0]["hint"].startswith("fix the value")


def test_owl_imports_not_followed(run, no_network):
    path = HOSTILE / "imports-remote.ttl"
    result = run("check", "--syntax-only", path)
    assert_exit(result, 0, f"{path}:3:15: warning: owl:imports <http://127.0.0.1:9/other.owl> is not followed")
    for command in (["info", "-i", path], ["reason", "-i", path], ["validate", "-i", path, "-s", SHAPES]):
        assert_exit(run(*command), 0)
    assert not no_network


def test_no_import_warning_when_the_imported_ontology_is_given(run, tmp_path):
    other = tmp_path / "other.ttl"
    other.write_text("<http://127.0.0.1:9/other.owl> a <http://www.w3.org/2002/07/owl#Ontology> .\n")
    result = run("check", "--syntax-only", HOSTILE / "imports-remote.ttl", other)
    assert_exit(result, 0)
    assert "warning" not in result.output


def test_xxe_never_reads_the_file(run, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = tmp_path / "xxe.rdf"
    data.write_text(
        f'<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "{secret.as_uri()}"> ]>\n'
        f'<rdf:RDF {RDF_XML}><rdf:Description rdf:about="http://example.org/s"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>\n'
    )
    result = run("convert", "-i", data, "--to", "ntriples")
    assert_exit(result, 3, "external entity 'x'")
    assert "TOP-SECRET" not in result.output


def billion_laughs(depth: int) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, depth + 1)]
    return (
        "<!DOCTYPE rdf:RDF [\n" + "\n".join(entities) + "\n]>\n"
        f'<rdf:RDF {RDF_XML}><rdf:Description rdf:about="http://example.org/s"><ex:p>&lol{depth};</ex:p></rdf:Description></rdf:RDF>\n'
    )


def test_billion_laughs_refused(run, tmp_path):
    """pyoxigraph alone would expand this 1 kB file to 3 GB; it is refused before."""
    bomb = tmp_path / "lol.rdf"
    bomb.write_text(billion_laughs(9))
    assert_exit(run("check", "--syntax-only", bomb), 3, f"{bomb}:", "entity bomb")


def test_quadratic_blowup_refused(run, tmp_path):
    """One big entity referenced many times: no nesting, same effect."""
    bomb = tmp_path / "quadratic.rdf"
    bomb.write_text(
        f'<!DOCTYPE rdf:RDF [ <!ENTITY a "{"a" * 50_000}"> ]>\n'
        f'<rdf:RDF {RDF_XML}><rdf:Description rdf:about="http://example.org/s"><ex:p>{"&a;" * 20_000}</ex:p></rdf:Description></rdf:RDF>\n'
    )
    assert_exit(run("check", "--syntax-only", bomb), 3, "entity bomb")


def test_huge_literal_is_read(run, tmp_path):
    big = tmp_path / "big.ttl"
    big.write_text('<http://example.org/s> <http://example.org/p> "' + "x" * 5_000_000 + '" .\n')
    result = run("query", "-i", big, "--with", "none", "-e", "SELECT (STRLEN(?o) AS ?n) { ?s ?p ?o }", "-f", "csv")
    assert_exit(result, 0)
    assert result.stdout.splitlines() == ["n", "5000000"]


def test_error_on_a_huge_line_shows_a_window(run, tmp_path):
    big = tmp_path / "big.ttl"
    big.write_text('<http://example.org/s> <http://example.org/p> "' + "x" * 1_000_000 + '" oops .\n')
    result = run("check", "--syntax-only", big)
    assert_exit(result, 3, f"{big}:1:")
    shown, caret = result.stderr.splitlines()[1:3]
    assert len(shown) < 200 and "oops" in shown
    assert shown[caret.index("^")] == "o"  # the caret still points at the error


def test_deeply_nested_turtle_is_read(run, tmp_path):
    deep = tmp_path / "deep.ttl"
    deep.write_text("<http://example.org/s> <http://example.org/p> " + "[ <http://example.org/p> " * 20_000 + "1" + " ]" * 20_000 + " .\n")
    assert_exit(run("check", "--syntax-only", deep), 0, "OK")


def test_every_broken_file_is_reported_in_one_run(run):
    broken = [HOSTILE / name for name, _, _ in REJECTED]
    result = run("check", "--syntax-only", "--diagnostics", "json", *broken, MINI)
    assert_exit(result, 3)
    doc = json.loads(result.stdout)
    assert [d["source"] for d in doc["diagnostics"]] == [str(p) for p in broken]


def test_rdflib_accepts_what_aikg_rejects():
    """rdflib's own Turtle/N-Triples parsers take invalid documents silently; aikg's loader does not."""
    from rdflib import Graph

    from aikg.errors import SyntaxProblems
    from aikg.rdf.rdflib_bridge import load_graph

    lenient = []
    for name in ("iri-with-space.ttl", "iri-with-caret.ttl", "relative-iri.nt", "bad-language-tag.ttl"):
        path = HOSTILE / name
        try:
            Graph().parse(path, format="nt" if name.endswith(".nt") else "turtle")
            lenient.append(name)
        except Exception:  # noqa: BLE001 - rdflib's errors have no common base
            pass
        with pytest.raises(SyntaxProblems):
            load_graph([path])
    assert "iri-with-space.ttl" in lenient  # rdflib 7 reads <http://example.org/a b> as an IRI


# --------------------------------------------------------------------- SPARQL

QUERY_ERRORS = [
    # query, exit code, message fragment, location
    ("SELECT ?x WHERE { ?x foaf:name ?n }", 3, "unknown prefix 'foaf:'", "<query>:1:22"),
    ("SELECT ?x WHERE { ?x zzz:name ?n }", 3, "unknown prefix 'zzz:'", "<query>:1:22"),
    ("SELECT ?x WHERE { ?x ?p ?o ", 3, 'expected ",", ".", ";"', "<query>:1:28"),
    ("SELECT ?x WHERE { ?x ?p ?o } LIMIT -1", 3, "expected a digit", "<query>:1:36"),
    ('SELECT ?x WHERE { ?x ?p "abc }', 3, "SPARQL syntax error", "<query>:1:31"),
    ("SELECT ?x WHERE { ?x ?p ?o . FILTER(?o = ) }", 3, "expected ABS", "<query>:1:45"),
    ("SELECT (?x AS ?y) ?y WHERE { ?x ?p ?o }", 3, "Duplicated variable name in SELECT", "<query>:1:"),
    ("SELECT ?n WHERE { ?x ?p ?o } GROUP BY ?x", 3, "variable that is unbound", "<query>:1:"),
    ("SELECT * WHERE { BIND(1 AS ?x) BIND(2 AS ?x) }", 3, "breaks a SPARQL 1.1 rule", "<query>:1:"),
    ("SELECT ?x WHERE { ?x <http://e/a b> ?o }", 3, "IRI parsing failed", "<query>:1:36"),
    ("SELEC * WHERE { ?s ?p ?o }", 3, "SPARQL syntax error", "<query>:1:"),
    ('SELECT * { ?s ?p "\\q" }', 3, "expected an escape", "<query>:1:20"),
    ("SELECT * " + "{ " * 2000 + "?s ?p ?o" + " }" * 2000, 3, "nested too deeply", None),
    ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", 3, "SPARQL Update", None),
    ("DELETE WHERE { ?s ?p ?o }", 3, "SPARQL Update", None),
    ("DROP ALL", 3, "SPARQL Update", None),
    ("LOAD <http://127.0.0.1:9/data.ttl>", 3, "SPARQL Update", None),
    ("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 3, "--allow-service", None),
    ("SELECT * { { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }", 3, "SERVICE clause", None),
]


@pytest.mark.parametrize(("text", "code", "message", "location"), QUERY_ERRORS, ids=[q[0][:40] for q in QUERY_ERRORS])
def test_query_errors(run, no_network, text, code, message, location):
    result = run("query", "-i", MINI, "-e", text)
    assert_exit(result, code, message, *([location] if location else []))
    assert not no_network


def test_implicit_prefixes(run):
    # ex: is declared by the data, rdfs: is always known.
    result = run("query", "-i", MINI, "-e", "SELECT ?l { ex:a rdfs:label ?l }", "-f", "csv")
    assert_exit(result, 0)
    assert result.stdout.splitlines() == ["l", "A"]


def test_allow_service_lets_the_query_try(run, no_network):
    """With --allow-service the SERVICE clause is attempted; an unreachable endpoint is exit 4."""
    result = run("query", "-i", MINI, "--allow-service", "-e", "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert_exit(result, 4, "SERVICE endpoint could not be queried")
    # pyoxigraph connects natively (not through Python's socket module, which
    # no_network watches) and refuses port 9 itself: the message is the evidence


INJECTIONS = [
    "ex:a> } ; DROP ALL #",
    "<http://example.org/a> } UNION { ?s ?p ?o",
    '"x" . ?s ?p ?o',
    "ex:a\n} DELETE WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_iri_parameter_cannot_inject(run, value):
    result = run("query", "-i", MINI, ANCESTORS, "-p", f"model={value}")
    assert_exit(result, 3, "parameter 'model'")


@pytest.mark.parametrize("value", ['x" } ; DROP ALL #', "x' } UNION { ?s ?p ?o }", "\\\" } #"])
def test_string_parameter_is_a_literal_not_syntax(run, value):
    """A string parameter stays one literal: no rows for a label nobody has, never all rows."""
    query = "SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l = ?wanted) }"
    result = run("query", "-i", MINI, "-e", query, "-p", f"wanted={value}", "-f", "csv")
    assert_exit(result, 0)
    assert result.stdout.splitlines() == ["s"]
    # No rows because the value is matched, not because the query matches nothing.
    known = run("query", "-i", MINI, "-e", query, "-p", "wanted=A", "-f", "csv")
    assert known.stdout.splitlines() == ["s", "http://example.org/a"]
