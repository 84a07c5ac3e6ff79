"""The default validator (aikg.api.validate, oxigraph engine) on the W3C SHACL core and SHACL-SPARQL suites.

Reads the suites from ../shared/w3c/shacl (skips with a reason where they
are absent). Each case goes through the library function the CLI uses, with
the case's file as data and shapes and nothing bundled; sh:conforms and the
validation results (focus node, path, value, component, severity, shape;
blank nodes as "_:b") are compared, as pyoxigraph terms, with the expected
report, parsed by pyoxigraph too (rdflib would rewrite ill-typed literals
such as "none"^^xsd:boolean). A case whose expected result is a failure must
be refused as bad input. Cases the default engine is known to fail are
listed in KNOWN_FAILURES, run, and reported as xfail (strict: a fix makes
them fail until the list is updated); pySHACL, the reference, fails each of
them too (checked by test_pyshacl_fails_the_known_failures).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import SHARED

SUITES = SHARED / "w3c" / "shacl"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SHT = "http://www.w3.org/ns/shacl-test#"
SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_BOTH_FAIL = "pyshacl-turbo 0.6.5 and pySHACL 0.40 give the same wrong report"
# test id (suite/folder/name) -> why the default engine fails it (pySHACL fails each of them too)
KNOWN_FAILURES: dict[str, str] = {
    "core/node/qualified-001": _BOTH_FAIL + ": no violation of a sh:qualifiedValueShape reached through sh:node",
    "core/node/xone-duplicate": _BOTH_FAIL + ": a shape listed twice in sh:xone counts once",
    "core/path/path-complex-002": _BOTH_FAIL + ": none of the results through a nested path expression",
    "core/path/path-unused-001": _BOTH_FAIL + ": a shape reached only as a path node is not validated",
    "core/property/datatype-ill-formed": _BOTH_FAIL + ": ill-formed literals of the right datatype are accepted",
    "core/validation-reports/shared": _BOTH_FAIL + ": results of a property shape shared by two node shapes are not reported per shape",
}
# test id -> why aikg departs from the suite on purpose (pySHACL passes these)
def _store(path: Path):
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())
    return store


def _objects(store, subject, predicate):
    import pyoxigraph as ox

    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _entries(manifest_path: Path) -> list[tuple[str, Path]]:
    """(id, file) of every test the manifest lists, following its includes."""
    if not manifest_path.is_file():
        return []
    manifest = _store(manifest_path)
    entries = []
    for include in sorted(_objects(manifest, None, MF + "include"), key=str):
        entries += _entries(Path(include.value.removeprefix("file://")))
    for head in _objects(manifest, None, MF + "entries"):
        while head.value != RDF + "nil":
            test = _objects(manifest, head, RDF + "first")[0]
            suite = manifest_path.parent.parent.name
            entries.append((f"{suite}/{manifest_path.parent.name}/{test.value.rsplit('/', 1)[-1]}", manifest_path))
            head = _objects(manifest, head, RDF + "rest")[0]
    return entries


ENTRIES = _entries(SUITES / "core" / "manifest.ttl") + _entries(SUITES / "sparql" / "manifest.ttl")


def _results(store, report) -> list[tuple]:
    """The sorted keys of the report node's sh:result results (not nested sh:detail ones)."""
    import pyoxigraph as ox

    def term(result, predicate):
        values = _objects(store, result, SH + predicate)
        if not values:
            return "-"
        return "_:b" if isinstance(values[0], ox.BlankNode) else str(values[0])

    fields = ("focusNode", "resultPath", "value", "sourceConstraintComponent", "resultSeverity", "sourceShape")
    return sorted(tuple(term(r, p) for p in fields) for r in _objects(store, report, SH + "result"))


def _expected(path: Path, test_id: str):
    """(conforms, results) of the case's expected report, or None when the validator must refuse the shapes."""
    import pyoxigraph as ox

    store = _store(path)
    name = test_id.rsplit("/", 1)[1]
    cases = [q.subject for q in store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(SHT + "Validate"))]
    test = next(t for t in cases if t.value.endswith("/" + name))
    report = _objects(store, test, MF + "result")[0]
    if report == ox.NamedNode(SHT + "Failure"):
        return None
    results = _results(store, report)
    return not results, results  # SHACL: a report conforms when it has no results, whatever their severity


def _actual(path: Path):
    """(conforms, results) of the default engine's report, or None when it refuses the shapes."""
    import pyoxigraph as ox
    from aikg import api
    from aikg.errors import InputError

    try:
        report = api.validate(inputs=[path], shapes=[path], bundled="none").report_graph
    except InputError:
        return None
    top = next(q.subject for q in report.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(SH + "ValidationReport")))
    results = _results(report, top)
    return not results, results


def _pyshacl(path: Path):
    """(conforms, results) of pySHACL's report (the reference engine), or None when it refuses the shapes."""
    import pyoxigraph as ox
    from aikg.engines.reference import validate
    from aikg.errors import InputError

    try:
        report = validate(_store(path), _store(path)).report_graph
    except (InputError, NotImplementedError):
        return None
    top = next(q.subject for q in report.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(SH + "ValidationReport")))
    results = _results(report, top)
    return not results, results


@pytest.mark.skipif(not ENTRIES, reason=f"the W3C SHACL suites are not at {SUITES}")
@pytest.mark.parametrize(
    "test_id,path",
    [
        pytest.param(i, p, marks=pytest.mark.xfail(reason=KNOWN_FAILURES[i], strict=True))
        if i in KNOWN_FAILURES else (i, p)
        for i, p in ENTRIES
    ]
    or [("none", None)],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_w3c_shacl(test_id, path):
    assert _actual(path) == _expected(path, test_id)


@pytest.mark.skipif(not ENTRIES, reason=f"the W3C SHACL suites are not at {SUITES}")
@pytest.mark.parametrize("test_id", sorted(KNOWN_FAILURES))
def test_pyshacl_fails_the_known_failures(test_id):
    """A known failure is allowed only where the reference fails too."""
    path = dict(ENTRIES)[test_id]
    assert _pyshacl(path) != _expected(path, test_id)
