"""The namespace a prefix usually stands for, and what to write to declare it."""

from __future__ import annotations

from aikg.namespaces import AIKG_PREFIXES


def well_known_namespace(prefix: str) -> str | None:
    """The IRI ``prefix`` usually stands for (aikg's own and rdflib's list)."""
    if prefix in AIKG_PREFIXES:
        return AIKG_PREFIXES[prefix]
    from aikg.rdf.rdflib_bridge import usual_namespaces  # only on the way to a hint

    return usual_namespaces().get(prefix)


def prefix_hint(prefix: str, declaration: str, where: str) -> str:
    """What to write to declare ``prefix``, with its usual IRI when it has one.

    ``declaration`` is a format string with ``{prefix}`` and ``{iri}``, such as
    ``"@prefix {prefix}: <{iri}> ."``.
    """
    iri = well_known_namespace(prefix) or "…"
    return f"{where}: " + declaration.format(prefix=prefix, iri=iri)
