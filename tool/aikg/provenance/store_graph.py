"""A pyoxigraph Store read through the few rdflib Graph methods the provenance code uses.

Lineage, obligations and the report then run their SPARQL inside pyoxigraph,
without parsing the input into an rdflib graph (seconds on the bundled graph
alone). Terms come back as rdflib terms, as from an rdflib graph.
"""

from __future__ import annotations

from collections import namedtuple


class StoreGraph:
    """``query``, the triple-pattern walks and ``namespace_manager`` over a pyoxigraph Store."""

    def __init__(self, store, namespace_manager=None):
        self.store = store
        self.namespace_manager = namespace_manager

    def query(self, text: str, bindings: dict | None = None):
        """SELECT rows (named tuples of rdflib terms, None when unbound), or an ASK's bool."""
        import pyoxigraph as ox
        from aikg.rdf.rdflib_bridge import to_rdflib
        from aikg.sparql.params import inline_bindings

        from aikg.rdf.rdflib_bridge import to_oxigraph

        bindings = {name: to_oxigraph(term) for name, term in (bindings or {}).items()}  # bound as pyoxigraph terms
        result = self.store.query(inline_bindings(text, bindings) if bindings else text)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        names = [v.value for v in result.variables]
        row = namedtuple("Row", names, rename=True)
        return [row(*(to_rdflib(solution[name]) for name in names)) for solution in result]

    def objects(self, subject=None, predicate=None):
        for quad in self._quads(subject, predicate, None):
            yield self._rdflib(quad.object)

    def subjects(self, predicate=None, obj=None):
        for quad in self._quads(None, predicate, obj):
            yield self._rdflib(quad.subject)

    def predicate_objects(self, subject):
        for quad in self._quads(subject, None, None):
            yield self._rdflib(quad.predicate), self._rdflib(quad.object)

    def subject_predicates(self, obj):
        for quad in self._quads(None, None, obj):
            yield self._rdflib(quad.subject), self._rdflib(quad.predicate)

    def __contains__(self, triple) -> bool:
        """``(s, p, o) in graph``, as on an rdflib graph (None matches anything)."""
        return next(iter(self._quads(*triple)), None) is not None

    def __len__(self) -> int:
        return len(self.store)

    def _quads(self, subject, predicate, obj):
        from aikg.rdf.rdflib_bridge import to_oxigraph

        def term(value):
            return None if value is None else to_oxigraph(value)

        try:
            return self.store.quads_for_pattern(term(subject), term(predicate), term(obj))
        except ValueError:  # not a valid IRI, so in no triple: nothing found, as rdflib answers
            return iter(())

    @staticmethod
    def _rdflib(term):
        from aikg.rdf.rdflib_bridge import to_rdflib

        return to_rdflib(term)


def select(graph, text: str, bindings: dict | None = None, source: str = "<query>") -> list[dict]:
    """A SELECT's rows as dicts (None when unbound): inside pyoxigraph for a StoreGraph (fast), else on rdflib (reference)."""
    if isinstance(graph, StoreGraph):
        return [row._asdict() for row in graph.query(text, bindings)]
    from aikg.engines.reference import run_query

    from aikg.rdf.rdflib_bridge import to_rdflib

    return [{k: to_rdflib(v) for k, v in row.items()} for row in run_query(graph, text, bindings, source).as_dicts()]
