"""The fast engine path gives the reference stack's answers.

Agreement on small graphs (CI must stay quick): the rule engine against
owlrl over aikg's vocabulary (the whole closure: tests/test_closure.py), pyshacl-turbo against pySHACL, pyoxigraph against rdflib on every
catalogue query; plus the CLI's engine selection, --db, streaming and
progress. Speed is measured in bench/, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ANCESTORS, FIXTURES, MINI, REPO, answer_rows, assert_exit, comparable, empty_on_bundled_graph

sys.path.insert(0, str(REPO / "bench"))
from gen_lineage import FAULTS, ONT, fault_list, write_lineage  # noqa: E402

SCALE = FIXTURES / "scale"
LINEAGE_ONTOLOGY = SCALE / "ontology.ttl"
BENCH_QUERIES = sorted((REPO / "bench" / "queries").glob("*.rq"))
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def bundled_ontology() -> list[Path]:
    from aikg import bundle

    return bundle.ontology_files()


@pytest.fixture(scope="session")
def lineage(tmp_path_factory):
    """A generated 2k-triple lineage graph with 10 % of models given a SHACL fault."""
    path = tmp_path_factory.mktemp("lineage") / "lineage-2k.nt"
    write_lineage(path, 2_000, faults=0.1)
    return path


ONTOLOGIES = [
    pytest.param([LINEAGE_ONTOLOGY], id="lineage-axioms"),
    pytest.param(bundled_ontology(), id="bundled-ontology"),
]


# ------------------------------------------------------------------ reasoning


def in_vocabulary(triples, namespace: str = ONT) -> set:
    """The triples about the ontology's vocabulary: its properties, and types of its classes.

    Literals compare as ``helpers.comparable`` makes them: owlrl rewrites numeric literals
    (1 becomes "1"^^xsd:positiveInteger under a range, 14300000000 becomes "14300000000.0").
    """
    from rdflib import Literal

    return {
        (s, p, comparable(o) if isinstance(o, Literal) else o)
        for s, p, o in triples
        if not isinstance(s, Literal)
        and (str(p).startswith(namespace) or (str(p) == RDF_TYPE and str(o).startswith(namespace)))
    }


def fast_closure(paths, profile="owlrl") -> set:
    from aikg.rdf.graphs import load_store
    from aikg.engines.fast import reason_store
    from aikg.rdf.rdflib_bridge import to_rdflib

    store = reason_store(load_store(paths), profile)
    return {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in store}


def reference_closure(paths, profile="owlrl") -> set:
    from aikg.rdf.rdflib_bridge import load_graph
    from aikg.engines.reference import reason

    return set(reason(load_graph(paths), profile))


@pytest.mark.parametrize("ontology", ONTOLOGIES)
def test_fast_reasoning_matches_owlrl_on_generated_graph(ontology, lineage):
    paths = [*ontology, lineage]
    fast, reference = in_vocabulary(fast_closure(paths)), in_vocabulary(reference_closure(paths))
    assert fast == reference
    # The axioms did fire: transitive derivation through derivation nodes, hasValue classes.
    predicates = {str(p) for _, p, _ in fast}
    classes = {str(o) for _, p, o in fast if str(p) == RDF_TYPE}
    assert {ONT + "derivedFrom", ONT + "accessCategory"} <= predicates
    assert {ONT + "ClosedModel", ONT + "OpenWeightModel"} <= classes


def test_keeping_only_matchable_triples_in_the_delta_changes_no_inference(lineage):
    """The delta holds only triples a rule body can match; recording every new triple gives the same closure."""
    import pyoxigraph as ox
    from aikg import bundle
    from aikg.engines.rules import materialise
    from aikg.rdf.graphs import load_store

    filtered, everything = load_store([*bundle.graph_files(), lineage]), ox.Store()
    everything.bulk_extend(filtered)  # the same blank nodes
    added = materialise(filtered)
    assert added == materialise(everything, new_triples=lambda store, graph: None)
    assert set(filtered) == set(everything)


def test_fast_reasoning_matches_owlrl_on_cli_fixture():
    mini = [MINI]
    namespace = "http://example.org/"
    for profile in ("owlrl", "rdfs"):
        fast = in_vocabulary(fast_closure(mini, profile), namespace)
        assert fast == in_vocabulary(reference_closure(mini, profile), namespace), profile
        assert fast, profile


def test_fast_reasoning_inferred_only_leaves_out_asserted(lineage):
    from aikg.rdf.graphs import load_store
    from aikg.engines.fast import reason_store

    import pyoxigraph as ox

    store, copy = load_store([LINEAGE_ONTOLOGY, lineage]), ox.Store()
    copy.bulk_extend(store)  # the same blank nodes (two loads would each name them afresh)
    asserted = set(store)
    inferred = set(reason_store(copy, inferred_only=True))
    closure = set(reason_store(store))
    assert inferred and not inferred & asserted
    assert inferred | asserted == closure  # every inferred triple, once (streamed turn by turn)


# ----------------------------------------------------------------- validation


def result_keys(outcome) -> list[tuple]:
    """Results without their shapes' blank-node ids, which differ between runs."""
    import pyoxigraph as ox

    def key(term):
        return "_:b" if isinstance(term, ox.BlankNode) else "-" if term is None else str(term)

    return sorted(
        (key(f.focus), key(f.path), key(f.value), key(f.component), f.severity, f.message, key(f.shape))
        for f in outcome.findings
    )


def both_validators(data: list[Path], shapes: list[Path]):
    from aikg.rdf.graphs import load_store
    from aikg.rdf.rdflib_bridge import load_graph
    from aikg.engines.fast import validate_store
    from aikg.engines.reference import validate
    from aikg.validation import load_shapes

    return validate(load_graph(data), load_shapes(shapes)), validate_store(load_store(data), shapes)


def test_generated_duty_notices_come_from_a_stated_license_upstream(tmp_path):
    """A model the generator marks with an inherited notice has an ancestor whose license, as the graph
    states it, carries that duty: an injected fault that swaps a license must not leave notices behind
    (that once made an injected 'duty not shown' fault impossible to find)."""
    import pyoxigraph as ox

    path = tmp_path / "lineage.nt"
    subprocess.run([sys.executable, str(REPO / "bench" / "gen_lineage.py"), "--triples", "200k", "--faults", "0.05",
                    "-o", str(path)], check=True)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    orphaned = list(store.query("""
        PREFIX aikg: <https://w3id.org/aikg/ont#> PREFIX aikgd: <https://w3id.org/aikg/id/>
        SELECT ?model ?notice WHERE {
            ?model aikg:attributionNotice ?notice .
            VALUES (?notice ?license) { ("Built with Llama" aikgd:license-llama-4-community) ("Built with Qwen" aikgd:license-qwen) }
            FILTER NOT EXISTS {
                ?model (aikg:fineTunedFrom|aikg:quantizedFrom|aikg:adapterOf|aikg:mergedFrom|aikg:distilledFrom)+ ?ancestor .
                ?ancestor aikg:license ?license .
            }
        }"""))
    assert len(list(store.query("SELECT ?m { ?m <https://w3id.org/aikg/ont#attributionNotice> ?n } LIMIT 1"))) == 1
    assert orphaned == []


def test_generated_graph_conforms_to_the_shipped_shapes(tmp_path):
    """Without faults, the generator writes data the shipped shapes accept, with the bundled graph."""
    from aikg import bundle
    from aikg.engines.fast import validate_store
    from aikg.rdf.graphs import load_store

    clean = tmp_path / "clean.nt"
    assert write_lineage(clean, 5_000) == []
    outcome = validate_store(load_store([*bundle.graph_files(), clean]))
    assert outcome.conforms, outcome.findings[:3]


@pytest.mark.slow  # pySHACL runs the inherited-duties constraint once per model: ~20 s
def test_every_injected_fault_is_found_once_by_both_validators(tmp_path):
    """Both engines report exactly the injected faults: each on its focus node, from its constraint."""
    from aikg import bundle

    lineage = tmp_path / "faults.nt"
    write_lineage(lineage, 800, seed=8, faults=0.3)  # a seed that injects every kind of fault
    reference, fast = both_validators([*bundle.graph_files(), lineage], bundle.shape_files())
    assert result_keys(fast) == result_keys(reference)
    injected = [line.split("\t") for line in fault_list(lineage).read_text().splitlines()]
    assert {fault for _focus, fault, _shape in injected} == set(FAULTS)
    found = sorted((f.focus.value, f.shape.value.rsplit("#", 1)[-1]) for f in fast.findings)
    assert found == sorted((focus, shape) for focus, _fault, shape in injected)


def test_fast_validation_matches_pyshacl_on_bundled_graph():
    from aikg import bundle

    reference, fast = both_validators(bundle.graph_files(), bundle.shape_files())
    assert result_keys(fast) == result_keys(reference)
    assert fast.conforms is reference.conforms is True  # the bundled graph conforms to its shapes


# -------------------------------------------------------------------- queries


def both_engines(paths, spec, bindings=None):
    from aikg.rdf.graphs import load_store
    from aikg.rdf.rdflib_bridge import load_graph
    from aikg.engines.fast import run_query_oxigraph
    from aikg.engines.reference import run_query
    from aikg.rdf.rdflib_bridge import to_rdflib

    reference = run_query(load_graph(paths), spec.text, bindings)
    fast = run_query_oxigraph(load_store(paths), spec.text, bindings)
    fast.rows = [tuple(map(to_rdflib, row)) for row in fast.rows]  # compared as rdflib terms
    return reference, fast


def catalogue_without_required_parameters() -> list:
    from aikg.sparql.catalogue import catalogue

    return [q for q in catalogue() if not any(not p.optional for p in q.params)]


@pytest.mark.parametrize("name", [q.name for q in catalogue_without_required_parameters()])
def test_engines_agree_on_catalogue_query_over_bundled_graph(name):
    from aikg.sparql.catalogue import resolve_query

    spec = resolve_query(name)
    reference, fast = both_engines(None, spec)
    assert (fast.kind, fast.vars, answer_rows(fast), fast.boolean) == (
        reference.kind, reference.vars, answer_rows(reference), reference.boolean
    )
    assert bool(reference.rows) is not empty_on_bundled_graph(name), f"{name}: {len(reference.rows)} row(s)"


def test_engines_agree_on_every_catalogue_query_over_generated_graph(lineage):
    answered = set()
    for spec in catalogue_without_required_parameters():
        reference, fast = both_engines([*bundled_ontology(), lineage], spec)
        assert answer_rows(fast) == answer_rows(reference), spec.name
        if reference.rows:
            answered.add(spec.name)
    # Lineage data answers the questions about releases, developers and licenses.
    assert {"released-models", "closed-models-of-developer", "license-catalogue"} <= answered, answered


@pytest.mark.parametrize("path", BENCH_QUERIES, ids=lambda p: p.stem)
def test_engines_agree_on_benchmark_queries(path, lineage):
    from aikg.sparql.catalogue import parse_query_file

    reference, fast = both_engines([LINEAGE_ONTOLOGY, lineage], parse_query_file(path))
    assert fast.vars == reference.vars
    assert answer_rows(fast) == answer_rows(reference)
    assert reference.rows  # the generated graph does answer the question


# ------------------------------------------------------------ engine selection


def test_one_default_engine_and_the_reference_on_request(run):
    """oxigraph at every size; reference on request (rdflib, its old name, still accepted); auto refused with a hint."""
    from aikg.engines.choice import choose_engine
    from aikg.errors import UsageError

    assert choose_engine(None) == choose_engine("oxigraph") == "oxigraph"
    assert choose_engine("reference") == choose_engine("rdflib") == "reference"
    with pytest.raises(UsageError):
        choose_engine("auto")
    result = run("validate", "-i", MINI, "--engine", "auto")
    assert_exit(result, 2)
    assert "--engine reference" in result.stderr


def test_query_with_inference_reasons_with_the_rules_at_every_size(run, monkeypatch):
    """--infer reasons with aikg's rules, owlrl never loaded, on a 3-line file as on 10M triples."""
    from aikg.engines import reference

    monkeypatch.setattr(reference, "reason", lambda *a, **k: pytest.fail("the reference reasoner ran"))
    result = run("query", "-i", MINI, ANCESTORS, "-p", "model=ex:a", "--infer", "owlrl", "-f", "csv")
    assert_exit(result, 0)
    assert sorted(result.stdout.splitlines()[1:]) == ["http://example.org/b,B", "http://example.org/c,C"]


def test_validate_on_fast_engine_reports_like_reference(run, tmp_path):
    from aikg import bundle

    lineage = tmp_path / "small.nt"
    write_lineage(lineage, 300, faults=0.3)
    inputs = [arg for path in [*bundle.graph_files(), lineage] for arg in ("-i", path)]
    shapes = [arg for path in bundle.shape_files() for arg in ("-s", path)]
    args = ("validate", *inputs, *shapes, "-f", "json")
    reference, fast = run(*args, "--engine", "reference"), run(*args)
    assert_exit(reference, 1)
    assert_exit(fast, 1)
    strip = lambda doc: sorted(  # noqa: E731
        json.dumps({k: v for k, v in r.items() if k != "sourceShape"}, sort_keys=True) for r in doc["results"]
    )
    assert strip(json.loads(fast.stdout)) == strip(json.loads(reference.stdout))


def test_reason_on_fast_engine_writes_closure(run, tmp_path):
    out = tmp_path / "closure.nt"
    result = run("reason", "-i", MINI, "--engine", "oxigraph", "--inferred-only", "-o", out, "-t", "ntriples")
    assert_exit(result, 0)
    inferred = out.read_text()
    assert "<http://example.org/a> <http://example.org/derivedFrom> <http://example.org/c> ." in inferred
    assert "<http://example.org/b> <http://example.org/distilledFrom> <http://example.org/c> ." not in inferred


# ------------------------------------------------------------------------- --db


@pytest.fixture
def database(tmp_path):
    """An on-disk pyoxigraph store with two sources as named graphs, as 'aikg load --db' makes."""
    import pyoxigraph as ox

    folder = tmp_path / "db"
    store = ox.Store(str(folder))
    ex = "http://example.org/"
    store.add(ox.Quad(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "fineTunedFrom"), ox.NamedNode(ex + "b"), ox.NamedNode(ex + "src1")))
    store.add(ox.Quad(ox.NamedNode(ex + "b"), ox.NamedNode(ex + "fineTunedFrom"), ox.NamedNode(ex + "c"), ox.NamedNode(ex + "src2")))
    store.flush()
    del store
    return folder


def test_query_db_reads_union_of_named_graphs(run, database):
    query = "SELECT ?a ?c WHERE { ?a <http://example.org/fineTunedFrom> ?b . ?b <http://example.org/fineTunedFrom> ?c }"
    result = run("query", "--db", database, "-e", query, "-f", "csv")
    assert_exit(result, 0)
    assert result.stdout.splitlines() == ["a,c", "http://example.org/a,http://example.org/c"]


def test_query_db_refuses_inputs_and_missing_folder(run, database, tmp_path):
    both = run("query", "--db", database, "-i", MINI, "-e", "ASK {}")
    assert_exit(both, 2)
    assert "--db" in both.stderr
    missing = run("query", "--db", tmp_path / "nope", "-e", "ASK {}")
    assert_exit(missing, 3)
    assert "no such database" in missing.stderr


# ------------------------------------------------------------------ streaming


def test_convert_streams_ntriples_to_nquads_and_back(run, lineage, tmp_path):
    quads = tmp_path / "lineage.nq"
    assert_exit(run("convert", "-i", lineage, "-o", quads), 0)
    back = tmp_path / "back.nt"
    assert_exit(run("convert", "-i", quads, "-o", back), 0)
    assert sorted(back.read_text().splitlines()) == sorted(lineage.read_text().splitlines())


def test_streaming_convert_error_leaves_no_partial_output(run, tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://x/s> <http://x/p> <http://x/o> .\n" * 3 + "<http://x/s> <http://x/p> .\n")
    out = tmp_path / "out.nq"
    result = run("convert", "-i", bad, "-o", out)
    assert_exit(result, 3)
    assert f"{bad}:4:" in result.stderr
    assert list(tmp_path.iterdir()) == [bad]


def test_progress_only_on_a_terminal(monkeypatch):
    import io

    from aikg.progress import Progress, counted, for_terminal

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert for_terminal("loading") is None
    stream = io.StringIO()
    progress = Progress("loading", stream=stream, interval=0)
    assert list(counted(range(25_000), progress)) == list(range(25_000))
    progress.done()
    assert "loading: 25,000 triples" in stream.getvalue()
    assert "/s" in stream.getvalue() and stream.getvalue().endswith("\n")


def test_a_step_shows_on_its_first_report():
    """A step that reports once, then works for seconds in one native call (validation), is on screen meanwhile."""
    import io

    from aikg.progress import Progress

    stream = io.StringIO()
    progress = Progress("validating", stream=stream, interval=60)
    progress(5_703)
    assert stream.getvalue().endswith("validating: 5,703 triples 0.0 s")  # no rate: one instant tells none
    progress(5_704)
    assert "5,704" not in stream.getvalue()  # later reports wait for the interval, as before


@pytest.mark.parametrize(
    "text,code,message",
    [
        ("INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }", 3, "SPARQL Update"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 3, "SERVICE"),
        ("SELECT ?x WHERE {\n  ?x ?y }", 3, "<query>:2:"),
    ],
)
def test_query_refuses_and_locates(run, text, code, message):
    result = run("query", "-i", MINI, "-e", text)
    assert_exit(result, code)
    assert message in result.stderr
