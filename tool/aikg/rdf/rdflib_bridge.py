"""The one place rdflib and pyoxigraph terms meet.

Inside aikg, data is pyoxigraph terms and stores. rdflib is the reference
engine (rdflib, owlrl, pySHACL) and the library some formats and validators
need; what crosses to or from it is converted here, and only here: terms and
graphs both ways, the rdflib graph of the inputs the reference engine reads,
rdflib's SPARQL parser (the reference engine's, and the second opinion on a
syntax error), its table of well-known prefixes and its lexical-space check.
Importing this module imports rdflib: only those paths import it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from aikg.namespaces import AIKG_PREFIXES, RDF, XSD
from rdflib import BNode, Graph, Literal, URIRef

_XSD_STRING = XSD + "string"
_RDF_LANG_STRING = RDF + "langString"


def to_rdflib(term, bnodes: dict | None = None):
    """An rdflib term for a pyoxigraph term (None stays None).

    ``bnodes`` maps blank-node ids to fresh rdflib BNodes so that blank nodes
    of different documents never merge by accident.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        if bnodes is None:
            return BNode(term.value)
        node = bnodes.get(term.value)
        if node is None:
            node = bnodes[term.value] = BNode()
        return node
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported pyoxigraph term {term!r}")


def rdflib_graph(quads, graph=None, keep_blank_ids: bool = False):
    """``graph`` (a new rdflib Graph when None) with pyoxigraph quads or triples added.

    Named graphs are merged. Blank nodes become fresh rdflib BNodes, the same
    one for the same id within ``quads`` only (see :func:`to_rdflib`); with
    ``keep_blank_ids`` they keep their ids, so that what a validator says of
    them can be read back against the store they came from.
    """
    graph = Graph() if graph is None else graph
    bnodes: dict | None = None if keep_blank_ids else {}
    add = graph.add
    for quad in quads:
        add((to_rdflib(quad.subject, bnodes), to_rdflib(quad.predicate), to_rdflib(quad.object, bnodes)))
    return graph


def to_oxigraph(term):
    """A pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _RDF_LANG_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported rdflib term {term!r}")


def oxigraph_store(graph):
    """A pyoxigraph Store holding an rdflib graph's triples (blank nodes keep their ids), in its default graph."""
    store = ox.Store()
    store.bulk_extend(oxigraph_quads(graph))
    return store



def oxigraph_triples(graph) -> list:
    """An rdflib graph's triples as pyoxigraph Triples (a reference answer handed back to aikg)."""
    return [ox.Triple(*(to_oxigraph(term) for term in triple)) for triple in graph]


def bind_prefixes(target, extra: Mapping[str, str] | Iterable[tuple[str, str]] | None = None) -> None:
    """Bind aikg's prefixes, and ``extra`` (which wins for the same prefix), on an
    rdflib Graph or NamespaceManager.

    A prefix the target has bound already keeps its namespace, and a namespace
    bound already keeps its prefix: what a document declared wins.
    """
    for prefix, iri in {**AIKG_PREFIXES, **dict(extra or {})}.items():
        target.bind(prefix, iri, override=False)


def load_graph(paths=None, input_format: str | None = None) -> Graph:
    """An rdflib ``Graph`` of the given inputs (an Inputs value or paths; the bundled graph when none), for the reference engine.

    Parsed strictly by pyoxigraph, as every input is; named graphs in quad
    formats are merged into the one graph. Every file is parsed before an
    error is raised, so the error lists all broken files.
    """
    from aikg.rdf.parse import parse_all
    from aikg.rdf.sources import as_inputs

    graph = Graph()
    bind_prefixes(graph)
    inputs = as_inputs(paths, input_format)

    def add(source, quads) -> None:
        rdflib_graph(quads, graph)
        bind_prefixes(graph, inputs.declared(source).prefixes)  # for compact output

    parse_all(inputs, add)
    return graph


class SparqlParseError(Exception):
    """rdflib's SPARQL parser refused the text: its message and, where it knows them, line and column."""

    def __init__(self, msg: str, lineno: int | None, col: int | None):
        super().__init__(msg)
        self.msg, self.lineno, self.col = msg, lineno, col


def parse_sparql(text: str, update: bool = False):
    """rdflib's parse tree of a query (or with ``update`` an update): the reference engine's input, and the
    second opinion aikg.sparql.syntax asks for; SparqlParseError when it does not parse."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return (parseUpdate if update else parseQuery)(text)
    except ParseException as exc:
        raise SparqlParseError(getattr(exc, "msg", None) or str(exc), getattr(exc, "lineno", None),
                               getattr(exc, "col", None)) from None


def usual_namespaces() -> dict[str, str]:
    """rdflib's table of well-known prefixes (brick, dcat, foaf, prov, …): prefix → namespace."""
    return {prefix: str(iri) for prefix, iri in Graph(bind_namespaces="rdflib").namespaces()}


def ill_typed(value: str, datatype: str) -> bool:
    """Whether ``value`` is outside ``datatype``'s lexical space, as rdflib judges it."""
    return bool(Literal(value, datatype=URIRef(datatype)).ill_typed)


def oxigraph_quads(graph):
    """pyoxigraph quads (default graph) for the triples of an rdflib graph, blank-node labels kept."""
    for s, p, o in graph:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))


