"""The W3C SPARQL 1.1 query-evaluation tests: reading the manifests, running a test, comparing results.

Shared by tests/test_sparql_w3c.py (aikg through its api and CLI) and
bench/sparql_w3c.py (the same tests on bare pyoxigraph). The suite lives in
../shared/w3c/sparql11-query; its README gives the comparison rules, applied
the same way to every runner:

- SELECT: the rows as a multiset of terms (exact terms: lexical form,
  datatype, language tag), blank nodes matched up to renaming; under ORDER BY
  the order of the ordered columns too. CSV results (which carry no types)
  compare the CSV text of the answer.
- ASK: the boolean. CONSTRUCT: isomorphic graphs.

A test's dataset: ``qt:data`` files form the default graph, each
``qt:graphData`` file a named graph named by its own IRI. The query's base
is its file's IRI.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "w3c" / "sparql11-query"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"


@dataclass(frozen=True)
class W3cTest:
    id: str  # folder/name
    query: Path
    result: Path
    data: tuple[Path, ...] = ()
    graph_data: tuple[Path, ...] = field(default=())


def tests(suite: Path = SUITE) -> list[W3cTest]:
    """Every mf:QueryEvaluationTest of the suite's manifests, in manifest order."""
    from rdflib import RDF, Graph, URIRef
    from rdflib.collection import Collection

    found = []
    for manifest_path in sorted(suite.glob("*/manifest.ttl")):
        manifest = Graph().parse(manifest_path, format="turtle")
        for head in manifest.objects(None, URIRef(MF + "entries")):
            for test in Collection(manifest, head):
                if (test, RDF.type, URIRef(MF + "QueryEvaluationTest")) not in manifest:
                    continue
                action = manifest.value(test, URIRef(MF + "action"))

                def files(predicate):
                    return tuple(sorted(_path(o) for o in manifest.objects(action, URIRef(QT + predicate))))

                found.append(W3cTest(
                    id=f"{manifest_path.parent.name}/{str(test).rsplit('#', 1)[-1]}",
                    query=_path(manifest.value(action, URIRef(QT + "query"))),
                    result=_path(manifest.value(test, URIRef(MF + "result"))),
                    data=files("data"),
                    graph_data=files("graphData"),
                ))
    return found


def _path(iri) -> Path:
    return Path(str(iri).removeprefix("file://"))


def graph_data_nquads(test: W3cTest, folder: Path) -> Path | None:
    """The test's named graphs as one N-Quads file (each file's triples in a graph named by its IRI)."""
    import pyoxigraph as ox

    if not test.graph_data:
        return None
    quads = []
    for path in test.graph_data:
        name = ox.NamedNode(path.resolve().as_uri())
        for triple in ox.parse(path=str(path), base_iri=path.resolve().as_uri()):
            quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, name))
    out = folder / "graphs.nq"
    ox.serialize(quads, str(out), format=ox.RdfFormat.N_QUADS)
    return out


# ----------------------------------------------------------------- expected


@dataclass
class Answer:
    """What a runner answered, in one comparable shape."""

    kind: str  # SELECT, ASK, GRAPH
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list = field(default_factory=list)  # pyoxigraph triples
    csv: str | None = None  # the answer as SPARQL CSV, for .csv expectations


def expected(test: W3cTest) -> Answer:
    import pyoxigraph as ox

    suffix = test.result.suffix
    if suffix == ".ttl":
        return Answer("GRAPH", triples=[q.triple for q in ox.parse(path=str(test.result), base_iri=test.result.resolve().as_uri())])
    if suffix == ".csv":
        return Answer("CSV", csv=test.result.read_text())
    formats = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON, ".tsv": ox.QueryResultsFormat.TSV}
    parsed = ox.parse_query_results(path=str(test.result), format=formats[suffix])
    if isinstance(parsed, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(parsed))
    names = [v.value for v in parsed.variables]
    return Answer("SELECT", vars=names, rows=[tuple(s[n] for n in names) for s in parsed])


# ---------------------------------------------------------------- comparing


def mismatch(test: W3cTest, got: Answer, want: Answer) -> str | None:
    """Why ``got`` is not ``want`` under the suite's rules, or None when it is."""
    if want.kind == "CSV":
        return None if _csv_lines(got.csv or "") == _csv_lines(want.csv) else "CSV text differs"
    if want.kind != got.kind:
        return f"a {got.kind} answer where {want.kind} was expected"
    if want.kind == "ASK":
        return None if got.boolean == want.boolean else f"ASK gave {got.boolean}"
    if want.kind == "GRAPH":
        return None if _isomorphic(got.triples, want.triples) else "the graph is not isomorphic to the expected one"
    if set(got.vars) != set(want.vars):
        return f"variables {sorted(got.vars)} instead of {sorted(want.vars)}"
    got_rows = [tuple(dict(zip(got.vars, r))[v] for v in want.vars) for r in got.rows]
    if not _same_rows(got_rows, want.rows):
        return f"{len(got_rows)} row(s) that differ from the {len(want.rows)} expected"
    if _ordered(test) and not _same_order(got_rows, want.rows):
        return "rows out of the ORDER BY order"
    return None


def _csv_lines(text: str) -> Counter:
    lines = text.replace("\r\n", "\n").split("\n")
    return Counter([lines[0]] + [line for line in lines[1:] if line or len(lines) > 2])


def _ordered(test: W3cTest) -> bool:
    import re

    return re.search(r"(?i)\bORDER\s+BY\b", test.query.read_text()) is not None


def _shape(row) -> tuple:
    import pyoxigraph as ox

    return tuple("_:" if isinstance(t, ox.BlankNode) else t for t in row)


def _same_rows(got: list[tuple], want: list[tuple]) -> bool:
    """Equal multisets, blank nodes matched up to one consistent renaming."""
    if Counter(map(_shape, got)) != Counter(map(_shape, want)):
        return False
    got_bnodes, want_bnodes = _bnodes(got), _bnodes(want)
    if len(got_bnodes) != len(want_bnodes):
        return False
    if not got_bnodes:
        return Counter(got) == Counter(want)
    if len(got_bnodes) > 7:  # too many to try every renaming: the shapes agreed
        return True
    target = Counter(want)
    for renaming in itertools.permutations(want_bnodes):
        mapping = dict(zip(got_bnodes, renaming))
        if Counter(tuple(mapping.get(t, t) for t in row) for row in got) == target:
            return True
    return False


def _bnodes(rows) -> list:
    import pyoxigraph as ox

    return sorted({t for row in rows for t in row if isinstance(t, ox.BlankNode)}, key=str)


def _same_order(got: list[tuple], want: list[tuple]) -> bool:
    """The sequence agrees wherever the expected rows differ from their neighbours (ties may swap)."""
    return [_shape(r) for r in got] == [_shape(r) for r in want] or Counter(map(_shape, got)) == Counter(map(_shape, want)) and _groups(got) == _groups(want)


def _groups(rows) -> list:
    return [Counter(map(_shape, group)) for _, group in itertools.groupby(rows, key=lambda r: _shape(r)[:1])]


def _isomorphic(got, want) -> bool:
    from rdflib.compare import isomorphic

    from aikg.rdf.rdflib_bridge import rdflib_graph

    return isomorphic(rdflib_graph(got), rdflib_graph(want))


# ------------------------------------------------------------------ runners


def run_bare_pyoxigraph(test: W3cTest, folder: Path) -> Answer:
    """The test on a plain pyoxigraph Store, loaded as the manifest says."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in test.data:
        store.load(path=str(path), base_iri=path.resolve().as_uri())
    nquads = graph_data_nquads(test, folder)
    if nquads:
        store.load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    result = store.query(test.query.read_text(), base_iri=test.query.resolve().as_uri())
    if isinstance(result, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        if test.result.suffix == ".csv":
            return Answer("SELECT", csv=result.serialize(format=ox.QueryResultsFormat.CSV).decode())
        names = [v.value for v in result.variables]
        return Answer("SELECT", vars=names, rows=[tuple(s[n] for n in names) for s in result])
    return Answer("GRAPH", triples=list(result))


def input_files(test: W3cTest, folder: Path) -> list[str]:
    """aikg's inputs for the test: its data files, its named graphs as N-Quads, or an
    empty file for an empty dataset (no inputs would mean the bundled graph)."""
    inputs = [str(p) for p in test.data]
    nquads = graph_data_nquads(test, folder)
    if nquads:
        inputs.append(str(nquads))
    if not inputs:
        (folder / "empty.nt").write_text("")
        inputs.append(str(folder / "empty.nt"))
    return inputs


def run_aikg_api(test: W3cTest, folder: Path) -> Answer:
    """The test through aikg.api.query: the query file by path, the data files as inputs."""
    from aikg import api

    return _from_api(api.query(str(test.query), inputs=input_files(test, folder), bundled="none"), test)


def _from_api(answer, test: W3cTest) -> Answer:
    result = answer.result
    if result.kind == "ASK":
        return Answer("ASK", boolean=result.boolean)
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        return Answer("GRAPH", triples=list(result.graph))
    if test.result.suffix == ".csv":
        from aikg.render.results import render

        return Answer("SELECT", csv=render(result, "csv"))
    return Answer("SELECT", vars=list(result.vars), rows=list(result.rows))


def run_aikg_cli(test: W3cTest, folder: Path) -> Answer:
    """The test through the ``aikg query`` command (in process), results read back from its JSON or CSV."""
    import pyoxigraph as ox
    from click.testing import CliRunner

    from aikg.cli import cli

    args = ["query", "--with", "none", str(test.query)]
    for path in input_files(test, folder):
        args += ["-i", path]
    if test.result.suffix == ".ttl":
        args += ["-f", "ntriples"]
    else:
        args += ["-f", "csv" if test.result.suffix == ".csv" else "json"]
    done = CliRunner().invoke(cli, args, catch_exceptions=False)
    if done.exit_code not in (0, 1):
        raise RuntimeError(f"exit {done.exit_code}: {done.output}")
    if test.result.suffix == ".ttl":
        return Answer("GRAPH", triples=[q.triple for q in ox.parse(done.stdout_bytes, format=ox.RdfFormat.N_TRIPLES)])
    if test.result.suffix == ".csv":
        return Answer("SELECT", csv=done.stdout)
    parsed = ox.parse_query_results(done.stdout_bytes, format=ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(parsed))
    names = [v.value for v in parsed.variables]
    return Answer("SELECT", vars=names, rows=[tuple(s[n] for n in names) for s in parsed])


def outcome(runner, test: W3cTest, folder: Path) -> str | None:
    """None when ``runner`` passes ``test``, else why it fails (an error counts as a failure)."""
    try:
        got = runner(test, folder)
    except Exception as exc:  # noqa: BLE001 - a runner's error is that test's failure
        return f"error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return mismatch(test, got, expected(test))
