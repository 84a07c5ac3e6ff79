"""Where validation time goes: each node shape, and each SPARQL constraint run over the whole graph, timed alone."""

from __future__ import annotations

import time
from dataclasses import dataclass

from aikg.namespaces import SH

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class ShapeTiming:
    shape: str  # the node shape's IRI, or the SPARQL constraint's
    kind: str  # "node shape" (its property shapes and core constraints) or "SPARQL constraint"
    seconds: float
    results: int


def _node_shapes(shapes) -> list:
    import pyoxigraph as ox

    found = {q.subject for q in shapes.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), ox.NamedNode(SH + "NodeShape"))}
    return sorted((s for s in found if isinstance(s, ox.NamedNode)), key=lambda s: s.value)


def time_shapes(store, shapes) -> list[ShapeTiming]:
    """One timing per node shape (validated alone by pyshacl-turbo) and per whole-graph SPARQL constraint, slowest first.

    The shapes run one by one, so the total is more than one validation of
    them all; the point is which shape dominates.
    """
    import pyoxigraph as ox
    from aikg.engines import sparql_constraints
    from aikg.engines.fast import turbo_report

    whole_graph = sparql_constraints.whole_graph_constraints(shapes)
    rest = sparql_constraints.without(shapes, whole_graph) if whole_graph else shapes
    is_result = ox.NamedNode(SH + "ValidationResult")

    def turbo(shape_iri: str) -> tuple[float, int]:
        start = time.perf_counter()
        report = turbo_report(store, rest, use_shapes=[shape_iri])
        results = sum(1 for _ in report.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), is_result))
        return time.perf_counter() - start, results

    # Every call hands the data to turbo again: that fixed cost is measured once and taken off each shape.
    overhead, _none = turbo("urn:aikg:no-such-shape")
    timings = [ShapeTiming("(handing the data to pyshacl-turbo, once per shape)", "overhead", overhead, 0)]
    for shape in _node_shapes(rest):
        seconds, results = turbo(shape.value)
        timings.append(ShapeTiming(shape.value, "node shape", max(seconds - overhead, 0.0), results))
    for constraint in whole_graph:
        start = time.perf_counter()
        results = len(sparql_constraints.run(store, constraint))
        timings.append(ShapeTiming(constraint.constraint.value, "SPARQL constraint", time.perf_counter() - start, results))
    return sorted(timings, key=lambda t: -t.seconds)
