"""Reading a pyoxigraph Store the way the provenance code asks: SELECT rows as dicts of
terms, ASK, and triple-pattern walks over every graph.

Parameters are bound as terms (pyoxigraph's ``substitutions``, SPARQL SEP-0007),
never written into the query text.
"""

from __future__ import annotations

import pyoxigraph as ox


def select(store: ox.Store, text: str, **bindings) -> list[dict]:
    """A SELECT's rows as ``{variable: term}`` (None when unbound), with ``bindings`` (name → term) substituted.

    pyoxigraph substitutes only variables the SELECT projects.
    """
    result = store.query(text, substitutions=_substitutions(bindings))
    names = [v.value for v in result.variables]
    return [{name: solution[name] for name in names} for solution in result]


def ask(store: ox.Store, text: str, **bindings) -> bool:
    """An ASK's answer, with ``bindings`` (name → term) substituted."""
    return bool(store.query(text, substitutions=_substitutions(bindings)))


def _substitutions(bindings: dict) -> dict | None:
    return {ox.Variable(name): term for name, term in bindings.items()} or None


def named(iri: str) -> ox.NamedNode | None:
    """``iri`` as a NamedNode, None when it is no IRI (a blank node's id): such a node is in no triple as an IRI."""
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def objects(store: ox.Store, subject, predicate) -> set:
    """The objects of ``subject predicate ?o`` in any graph (none when ``subject`` is None or a literal)."""
    if not isinstance(subject, (ox.NamedNode, ox.BlankNode)):
        return set()
    return {q.object for q in store.quads_for_pattern(subject, predicate, None, None)}


def subjects(store: ox.Store, predicate, obj) -> set:
    """The subjects of ``?s predicate obj`` in any graph (none for a None object)."""
    if obj is None:
        return set()
    return {q.subject for q in store.quads_for_pattern(None, predicate, obj, None)}


def holds(store: ox.Store, subject, predicate, obj) -> bool:
    """Whether the triple is in some graph of ``store``."""
    return next(iter(store.quads_for_pattern(subject, predicate, obj, None)), None) is not None


def value(term) -> str | None:
    """A term's IRI, blank-node id or lexical form; None for None."""
    return None if term is None else term.value
