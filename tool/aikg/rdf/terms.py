"""IRI checks on pyoxigraph's terms (RFC 3987, as the strict parser applies it)."""

from __future__ import annotations

import pyoxigraph as ox


def iri_problem(text: str) -> str | None:
    """Why ``text`` is not an absolute IRI (pyoxigraph's RFC 3987 check), or None when it is one."""
    try:
        ox.NamedNode(text)
    except ValueError as exc:
        return str(exc)
    return None


def is_absolute_iri(text: str) -> bool:
    return iri_problem(text) is None
