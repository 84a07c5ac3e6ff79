"""The one place rdflib and pyoxigraph terms meet.

Inside aikg, data is pyoxigraph terms and stores. rdflib is the reference
engine (rdflib, owlrl, pySHACL) and the library some formats and validators
need; what crosses to or from it is converted here, and only here.
"""

from __future__ import annotations

import pyoxigraph as ox
from aikg.namespaces import RDF, XSD
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
    store.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph)
    return store


def plain_strings(term):
    """``term`` with an explicit ``^^xsd:string`` dropped: RDF 1.1 makes the two the
    same literal, rdflib does not (Rust engines such as pyshacl-turbo write it)."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term
