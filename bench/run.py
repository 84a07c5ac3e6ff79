#!/usr/bin/env python3
"""aikg's fast path against the pure rdflib/owlrl/pySHACL baseline, side by side.

    python bench/run.py                       # 10k, 100k, 1M; 3 runs per cell
    python bench/run.py --sizes 10k --quick   # the smoke run CI does

Every cell is one fresh process per run (so a stuck baseline is killed at
--limit seconds and peak memory is that process's own); the table shows
medians, the baseline/fast ratio, peak RSS, and each engine's answer
(rows, inferred triples, violations) so that agreement is visible. Timed
spans exclude start-up and, except for the load steps and `validate
command` (the whole library call `aikg validate -i DATA` makes: load,
validate, keep the findings about DATA), loading. Once a
cell passes the limit, larger sizes of it are not tried. Data come from
gen_lineage.py (1 % of models with a SHACL fault), cached in bench/out/,
read together with the bundled graph (ontology, data, seeds) and checked
with the shipped shapes; a validate answer gives a digest of the results
(equal digests: both engines found the same violations) and how many of
the injected faults were found.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

from gen_lineage import fault_list, parse_size, write_lineage  # noqa: E402

FAULTS = 0.01
LONG = 30  # seconds: a run longer than this is not repeated (its one time is shown)
ONT = "https://w3id.org/aikg/ont#"


def ontology_files() -> list[str]:
    """The bundled graph: the ontology with the data and source records the generated lineage points into."""
    from aikg import bundle

    return [str(f) for f in bundle.graph_files()]


def shape_files() -> list[str]:
    from aikg import bundle

    return [str(f) for f in bundle.shape_files()]


def bench_queries() -> dict[str, str]:
    """The benchmark's own queries (the headline question and a group-by), one step each."""
    return {p.stem: p.read_text() for p in sorted((BENCH / "queries").glob("*.rq"))}


def catalogue_queries() -> dict[str, str]:
    """Every catalogue query without a required parameter, timed one by one in one child."""
    from aikg.sparql.catalogue import catalogue

    return {q.name: q.text for q in catalogue() if not any(not p.optional for p in q.params)}


# ---------------------------------------------------------------- the steps
# Each runs in a child: child(step, engine, data) -> (seconds, answer).


def _timed(work):
    start = time.perf_counter()
    answer = work()
    return time.perf_counter() - start, answer


def _store(data):
    from aikg.rdf.graphs import load_store

    return load_store([*ontology_files(), data])


def _graph(data):
    from rdflib import Graph

    graph = Graph()
    for path in [*ontology_files(), data]:
        graph.parse(path)
    return graph


def child(step: str, engine: str, data: str):
    fast = engine == "fast"
    if step == "load":
        return _timed(lambda: len(_store(data) if fast else _graph(data)))
    if step == "load --db":
        return _load_db(data)
    if step.startswith("query ") or step == "catalogue":
        return _queries(step, fast, data)
    if step == "reason":
        return _reason(fast, data)
    if step == "obligations":
        return _obligations(data)
    if step == "validate command":  # what `aikg validate -i DATA` does: load, validate, sort out the findings
        from aikg import api

        seconds, outcome = _timed(lambda: api.validate(inputs=[data], engine="oxigraph" if fast else "reference"))
        return seconds, f"{len(outcome.findings)} results"
    if step == "validate":
        return _validate(fast, data)
    raise SystemExit(f"unknown step {step!r}")


def _load_db(data: str):
    import tempfile

    import pyoxigraph as ox

    folder = tempfile.TemporaryDirectory(dir=OUT, ignore_cleanup_errors=True)

    def bulk_load():
        store = ox.Store(folder.name)
        for path in [*ontology_files(), data]:
            store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES if path.endswith(".nt") else ox.RdfFormat.TURTLE)
        store.flush()
        return len(store)

    timed = _timed(bulk_load)
    folder.cleanup()
    return timed


def _queries(step: str, fast: bool, data: str):
    texts = catalogue_queries() if step == "catalogue" else {step: bench_queries()[step.split(" ", 1)[1]]}
    if fast:
        import aikg.rdf.terms  # noqa: F401  (rdflib's import is start-up, timed by startup.py)
        from aikg.engines.fast import run_query_oxigraph

        store = _store(data)
        answers = {name: _timed(lambda: f"{len(run_query_oxigraph(store, text).rows)} rows") for name, text in texts.items()}
    else:
        graph = _graph(data)
        answers = {name: _timed(lambda: f"{len(list(graph.query(text)))} rows") for name, text in texts.items()}
    return answers if step == "catalogue" else answers[step]


def _reason(fast: bool, data: str):
    """The OWL 2 RL closure: aikg's rules in the store, or owlrl on an rdflib graph; the answer counts aikg's triples."""
    if fast:
        from aikg.engines.fast import reason_store

        store = _store(data)
        seconds, _ = _timed(lambda: reason_store(store))
        in_vocabulary = store.query(
            f"SELECT (COUNT(*) AS ?n) {{ ?s ?p ?o FILTER (STRSTARTS(STR(?p), '{ONT}') "
            f"|| (?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && STRSTARTS(STR(?o), '{ONT}'))) }}"
        )
        return seconds, f"{next(iter(in_vocabulary))['n'].value} aikg triples"
    import owlrl

    graph = _graph(data)
    seconds, _ = _timed(
        lambda: owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    )
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    in_vocabulary = sum(
        1 for s, p, o in graph
        if not hasattr(s, "language") and (str(p).startswith(ONT) or (str(p) == rdf_type and str(o).startswith(ONT)))
    )
    return seconds, f"{in_vocabulary} aikg triples"


def _validate(fast: bool, data: str):
    if fast:
        from aikg.engines.fast import validate_loaded

        held = [_store(data)]  # handed over whole, as `aikg validate` does: the validator lets it go
        seconds, (outcome, _none) = _timed(lambda: validate_loaded(held.pop, shape_files()))
        text = lambda term: str(None) if term is None else term.value  # noqa: E731  (pyoxigraph terms; rdflib's str below)
        keys = [(text(f.focus), text(f.shape), text(f.path), f.message) for f in outcome.findings]
    else:
        seconds, keys = _timed(lambda: _pyshacl_results(_graph(data)))
    return seconds, _validation_answer(keys, data)


# A model five derivation hops below a Llama-4-licensed model: what `aikg obligations` walks.
_FIVE_HOPS_DOWN = """PREFIX aikg: <https://w3id.org/aikg/ont#>
SELECT ?m WHERE {
  ?m aikg:fineTunedFrom|aikg:quantizedFrom|aikg:adapterOf ?a1 . ?a1 aikg:fineTunedFrom|aikg:quantizedFrom|aikg:adapterOf ?a2 .
  ?a2 aikg:fineTunedFrom|aikg:quantizedFrom|aikg:adapterOf ?a3 . ?a3 aikg:fineTunedFrom|aikg:quantizedFrom|aikg:adapterOf ?a4 .
  ?a4 aikg:fineTunedFrom|aikg:quantizedFrom|aikg:adapterOf ?a5 .
  ?a5 aikg:license <https://w3id.org/aikg/id/license-llama-4-community> } ORDER BY ?m LIMIT 1"""


def _obligations(data: str):
    """Obligations of a model five hops down, read from the store (the provenance code has no rdflib path)."""
    from aikg.provenance.obligations import obligations

    store = _store(data)
    model = next(iter(store.query(_FIVE_HOPS_DOWN)))["m"].value
    seconds, found = _timed(lambda: obligations(store, model))
    return seconds, f"{len(found)} obligations of {model.rsplit('/', 1)[-1]}"


def _pyshacl_results(graph) -> list[tuple]:
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    shapes = Graph()
    for path in shape_files():
        shapes.parse(path)
    _conforms, report, _text = pyshacl.validate(graph, shacl_graph=shapes, advanced=True, allow_warnings=True)
    return [
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)), str(report.value(r, SH.resultPath)),
         "; ".join(sorted(str(m) for m in report.objects(r, SH.resultMessage))))
        for r in set(report.subjects(RDF.type, SH.ValidationResult))
    ]


def _validation_answer(keys: list[tuple], data: str) -> str:
    """How many results, a digest of them (same digest, same results) and how many injected faults were found."""
    import hashlib

    digest = hashlib.sha256(repr(sorted(keys)).encode()).hexdigest()[:8]
    faults = [line.split("\t") for line in fault_list(Path(data)).read_text().splitlines()]
    found = {(focus, shape.rsplit("#", 1)[-1]) for focus, shape, _path, _message in keys}
    missed = sum(1 for focus, _fault, shape in faults if (focus, shape) not in found)
    return f"{len(keys)} results #{digest}, {len(faults) - missed}/{len(faults)} faults found"


# ------------------------------------------------------------------ running


def run_cell(step: str, engine: str, data: Path, limit: float):
    """(seconds, answer, peak MB) of one child, or (None, 'timeout', peak MB)."""
    command = [sys.executable, __file__, "--child", step, engine, str(data)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + limit
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(process.pid, 0)
            return None, "timeout", usage.ru_maxrss / 1024
        time.sleep(0.05)
    out, err = process.stdout.read(), process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        return None, "error: " + err.decode(errors="replace").strip().splitlines()[-1][:60], usage.ru_maxrss / 1024
    return json.loads(out), None, usage.ru_maxrss / 1024


def dataset(size: int) -> Path:
    """The generated graph of ``size``, cached under a name that changes whenever the generator does."""
    import hashlib

    OUT.mkdir(exist_ok=True)
    generator = hashlib.sha256((BENCH / "gen_lineage.py").read_bytes()).hexdigest()[:8]
    path = OUT / f"lineage-{size}-{generator}.nt"
    if not (path.exists() and fault_list(path).exists()):
        write_lineage(path, size, faults=FAULTS)
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M", help="comma-separated sizes (default 10k,100k,1M)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell; the median is shown (default 3)")
    parser.add_argument("--limit", type=float, default=300, help="seconds before a run is killed (default 300)")
    parser.add_argument("--baseline-limit", type=float, help="seconds before a baseline run is killed (default: --limit)")
    parser.add_argument("--steps", help="comma-separated steps to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="one run per cell and a 30 s limit (the CI smoke run)")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "ENGINE", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    if args.quick:
        args.repeat, args.limit = 1, min(args.limit, 30)
    limits = {"fast": args.limit, "baseline": args.baseline_limit or args.limit}
    steps = ["load", "load --db", *(f"query {name}" for name in bench_queries()), "catalogue", "obligations", "reason",
             "validate", "validate command"]
    if args.steps:
        steps = [s for s in steps if s in args.steps.split(",") or s.split(" ", 1)[-1] in args.steps.split(",")]
    timed_out: set[tuple[str, str]] = set()  # cells that passed the limit: not tried at larger sizes
    print("| triples | step | fast (s) | baseline (s) | ratio | fast peak MB | baseline peak MB | fast answer | baseline answer |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size_text in args.sizes.split(","):
        size = parse_size(size_text)
        data = dataset(size)
        triples = sum(1 for _ in open(data, "rb"))
        for step in steps:
            cells = {}
            for engine in ("fast", "baseline"):
                if step in _NO_BASELINE and engine == "baseline":
                    cells[engine] = {step: ("–", "–", _NO_BASELINE[step])}
                elif (step, engine) in timed_out:
                    cells[engine] = {step: (f"> {limits[engine]:.0f}", "–", "not run (a smaller size passed the limit)")}
                else:
                    cells[engine] = measure(step, engine, data, args.repeat, limits[engine], timed_out)
            for name in cells["fast"] if step == "catalogue" else [step]:
                fast = cells["fast"].get(name) or cells["fast"].get(step)
                base = cells["baseline"].get(name) or cells["baseline"].get(step)
                label = f"catalogue {name}" if step == "catalogue" else step
                print(f"| {triples:,} | {label} | {show(fast[0])} | {show(base[0])} | {ratio(fast[0], base[0], limits['baseline'])} "
                      f"| {fast[1]} | {base[1]} | {fast[2]} | {base[2]} |", flush=True)


# Steps the reference stack has no way to do.
_NO_BASELINE = {"load --db": "no on-disk store", "obligations": "no rdflib path (provenance reads a store)"}


def measure(step, engine, data, repeat: int, limit: float, timed_out) -> dict:
    """{row name: (median seconds or "> limit", peak MB, answer)} for one step on one engine."""
    runs = []
    for _ in range(repeat):
        runs.append(run_cell(step, engine, data, limit))
        if runs[-1][0] is None or _longest(runs[-1][0]) > LONG:
            break  # a run that long, or stuck, is not repeated
    peak = f"{max(r[2] for r in runs):.0f}"
    failed = [r for r in runs if r[0] is None]
    if failed:
        timed_out.add((step, engine))
        return {step: (f"> {limit:.0f}" if failed[0][1] == "timeout" else "error", peak, failed[0][1])}
    results = [r[0] if step == "catalogue" else {step: r[0]} for r in runs]
    return {
        name: (statistics.median(r[name][0] for r in results), peak, results[0][name][1])
        for name in results[0]
    }


def _longest(result) -> float:
    return max(v[0] for v in result.values()) if isinstance(result, dict) else result[0]


def show(value) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def ratio(fast, base, limit) -> str:
    if not isinstance(fast, float) or fast <= 0:
        return "–"
    if isinstance(base, float):
        return f"{base / fast:.0f}×" if base >= fast else f"{base / fast:.2f}×"
    if not str(base).startswith(">") or limit < fast:  # no baseline, or a bound that says nothing
        return "–"
    return f"> {limit / fast:.0f}×"


if __name__ == "__main__":
    main()
