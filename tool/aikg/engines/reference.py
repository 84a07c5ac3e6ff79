"""The reference engine: rdflib for queries, owlrl for reasoning, pySHACL for validation."""

from __future__ import annotations

import json
import re
import sys

from aikg.engines.choice import PROFILES
from aikg.errors import StoreError, SyntaxProblems
from aikg.rdf.rdflib_bridge import bind_prefixes
from aikg.sparql.results import QueryResult
from aikg.sparql.syntax import parse_query
from aikg.validation import (
    INFERENCE, ValidationOutcome, findings, load_shapes, report_conforms, report_namespaces, unusable_shapes,
)


# The class of the nodes owlrl adds to the closure for each error it finds (owlrl/Closure.py, ERRNS)
_OWLRL_ERROR = "http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage"


def reason(graph, profile: str = "owlrl", inferred_only: bool = False):
    """A new graph: the closure of ``graph`` (or only what was inferred).

    The input graph is never changed. owlrl's by-products that carry no
    information (triples with a literal subject, which are not RDF, and
    reflexive ``owl:sameAs``) are dropped, as are its error messages
    (inconsistencies and ill-typed literals it reports as ``err:ErrorMessage``
    nodes in the graph): they are diagnostics, not entailments.
    """
    import owlrl
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import OWL, RDF

    if profile not in PROFILES:
        raise ValueError(f"unknown reasoning profile {profile!r}")
    closure = Graph()
    bind_prefixes(closure, graph.namespace_manager.namespaces())
    for triple in graph:
        closure.add(triple)
    semantics = owlrl.OWLRL_Semantics if profile == "owlrl" else owlrl.RDFS_Semantics
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    for s, p, o in list(closure):
        if isinstance(s, Literal) or (p == OWL.sameAs and s == o):
            closure.remove((s, p, o))
    for message in list(closure.subjects(RDF.type, URIRef(_OWLRL_ERROR))):
        closure.remove((message, None, None))
    if inferred_only:
        for triple in graph:
            closure.remove(triple)
    return closure


def run_query(
    graph, text: str, bindings: dict | None = None, source: str = "<query>",
    prefixes: dict[str, str] | None = None, allow_service: bool = False,
) -> QueryResult:
    """Run a read-only query on an rdflib graph (the reference engine).

    ``prefixes`` may be used undeclared in the query; by default, the ones
    bound in ``graph``.
    """
    from aikg.sparql.syntax import unknown_prefix_diagnostic
    from rdflib.plugins.sparql.algebra import translateQuery

    if prefixes is None:
        prefixes = {p: str(iri) for p, iri in graph.namespace_manager.namespaces()}
    tree = parse_query(text, source, prefixes, allow_service)
    try:
        prepared = translateQuery(tree, base=None, initNs=prefixes)
    except Exception as exc:  # rdflib raises a bare Exception for an undeclared prefix
        prefix = re.match(r"Unknown namespace prefix : (.*)", str(exc))
        if not prefix:
            raise
        raise SyntaxProblems([unknown_prefix_diagnostic(text, source, prefix.group(1))]) from None
    _clamp_slices(prepared.algebra)
    from aikg.rdf.rdflib_bridge import to_rdflib

    # parameters come bound as pyoxigraph terms (aikg.sparql.params); rdflib wants its own
    bindings = {name: term if hasattr(term, "n3") else to_rdflib(term) for name, term in (bindings or {}).items()}
    try:
        result = graph.query(prepared, initBindings=bindings)
        rows = [tuple(r) for r in result] if result.type == "SELECT" else None
    except OSError as exc:  # only SERVICE reaches the network
        raise StoreError(f"{source}: a SERVICE endpoint could not be queried: {exc}") from None
    except json.JSONDecodeError as exc:  # rdflib reads a SERVICE answer as JSON, whatever it is
        raise StoreError(f"{source}: a SERVICE endpoint answered something other than SPARQL JSON results ({exc})") from None
    # the answer crosses back into aikg's term model: pyoxigraph terms, as every engine returns
    from aikg.rdf.rdflib_bridge import oxigraph_triples, to_oxigraph

    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult(result.type, graph=oxigraph_triples(result.graph))
    rows = [tuple(None if term is None else to_oxigraph(term) for term in row) for row in rows]
    return QueryResult("SELECT", vars=[str(v) for v in result.vars], rows=rows)


def validate(data, shapes=None, inference: str = "none") -> ValidationOutcome:
    """Validate ``data`` against the bundled shapes (or ``shapes``) with pySHACL.

    ``data`` and ``shapes`` are rdflib graphs or pyoxigraph Stores (converted
    here, blank nodes keeping their ids); the outcome holds pyoxigraph terms
    and report, as the fast engine's does.
    """
    from aikg.rdf.rdflib_bridge import oxigraph_store

    report = pyshacl_report(_rdflib(data), _rdflib(load_shapes() if shapes is None else shapes), inference)
    store = oxigraph_store(report)
    return ValidationOutcome(bool(report_conforms(store)), findings(store), store, report_namespaces())


def _rdflib(graph):
    """An rdflib graph for pySHACL: ``graph`` itself, or a pyoxigraph Store's triples."""
    from aikg.rdf.rdflib_bridge import rdflib_graph

    return graph if hasattr(graph, "namespace_manager") else rdflib_graph(graph, keep_blank_ids=True)


def pyshacl_report(data_graph, shapes_graph, inference: str = "none"):
    """pySHACL's report graph (rdflib) for ``data_graph`` against ``shapes_graph``; a shape it cannot use is bad input."""
    from pyshacl import validate as pyshacl_validate
    from pyshacl.errors import ReportableRuntimeError

    if inference not in INFERENCE:
        raise ValueError(f"unknown inference {inference!r}")
    try:
        _conforms, report, _text = pyshacl_validate(
            data_graph,
            shacl_graph=shapes_graph,
            inference=inference,
            advanced=True,
            allow_warnings=True,
            inplace=False,
        )
    except ReportableRuntimeError as exc:  # a shape pySHACL cannot use (ShapeLoadError, …)
        raise unusable_shapes(exc) from None
    if not hasattr(report, "triples"):  # a ValidationFailure, returned rather than raised (e.g. a SPARQL constraint it refuses)
        raise unusable_shapes(report)
    return report


_SLICE_MAX = sys.maxsize // 2  # more rows than any graph holds; OFFSET + LIMIT stays a valid index


def _clamp_slices(node) -> None:
    """Cap LIMIT/OFFSET so rdflib's islice(start, start + length) never overflows (same answers)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "Slice":
            # dict.get: CompValue.get raises for a missing key (a slice without LIMIT has no length)
            node["start"] = min(dict.get(node, "start") or 0, _SLICE_MAX)
            if dict.get(node, "length") is not None:
                node["length"] = min(node["length"], _SLICE_MAX)
        for value in node.values():
            _clamp_slices(value)
    elif isinstance(node, list):
        for value in node:
            _clamp_slices(value)
