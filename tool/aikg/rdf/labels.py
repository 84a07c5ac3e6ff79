"""Human labels of IRIs, read from a pyoxigraph store (any graph).

The first label property that has a value wins; among its values an English
(or untagged) one, the smallest for a stable answer.
"""

from __future__ import annotations

import re

from aikg.namespaces import DCTERMS, RDFS, SCHEMA, SCHEMA_HTTP, SKOS

LABEL_PROPERTIES = (
    SKOS + "prefLabel",
    RDFS + "label",
    SCHEMA + "name",
    SCHEMA_HTTP + "name",
    SCHEMA + "headline",
    DCTERMS + "title",
)


def pick_label(values) -> str | None:
    """The label to show among ``(text, language)`` pairs of one property, or None."""
    values = list(values)
    if not values:
        return None
    english = [v for v in values if v[1] in (None, "", "en")]
    return sorted(english or values)[0][0]


def store_label(store, iri: str) -> str | None:
    """The label of ``iri`` in a pyoxigraph store (any graph), or None (also for a string that is no IRI)."""
    from pyoxigraph import Literal, NamedNode

    try:
        subject = NamedNode(iri)
    except ValueError:  # a blank node's id or a malformed IRI: in no triple as a subject IRI
        return None
    for prop in LABEL_PROPERTIES:
        quads = store.quads_for_pattern(subject, NamedNode(prop), None, None)
        found = pick_label((q.object.value, q.object.language) for q in quads if isinstance(q.object, Literal))
        if found:
            return found
    return None


def labels_for(store, iris) -> dict[str, str]:
    """IRI → label for those of ``iris`` that ``store`` labels."""
    found = {}
    for iri in set(iris):
        label = store_label(store, iri)
        if label:
            found[iri] = label
    return found


def iris_labelled(store, text: str) -> list[str]:
    """The labelled IRIs of ``store`` that ``text`` names: by a label, else by the IRI's last segment.

    Case and spacing are ignored, as ``aikg diagram`` and ``obligations`` match model names.
    """
    wanted = " ".join(text.split()).casefold()
    labelled = [(iri, " ".join(value.split()).casefold()) for iri, value in _labelled(store)]
    by_label = {iri for iri, label in labelled if label == wanted}
    if by_label:
        return sorted(by_label)
    return sorted({iri for iri, _ in labelled if re.split(r"[/#]", iri.rstrip("/#"))[-1].casefold() == wanted})


def _labelled(store) -> list[tuple[str, str]]:
    """(IRI, label) for every value of every label property on an IRI of ``store`` (any graph)."""
    from pyoxigraph import NamedNode

    return [(q.subject.value, q.object.value) for prop in LABEL_PROPERTIES
            for q in store.quads_for_pattern(None, NamedNode(prop), None, None) if isinstance(q.subject, NamedNode)]
