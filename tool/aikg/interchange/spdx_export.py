"""aikg lineage as one SPDX 3.0.1 JSON-LD document (Core, Software, AI, Dataset, SimpleLicensing).

Models become ai_AIPackage elements, developers their suppliers, each derivation a
descendantOf relationship (its aikg kind in the comment, as SPDX has no kinds),
licenses LicenseExpression elements in hasDeclaredLicense / hasConcludedLicense
relationships (NoAssertionLicense where nothing is recorded), datasets
dataset_DatasetPackage elements in trainedOn / testedOn relationships. aikg IRIs
are kept as spdxIds, so importing the document gives the same lineage back.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time

import pyoxigraph as ox

from aikg.interchange.spdxterms import CONTEXT_URL, NO_ASSERTION_LICENSE, SPDX_VERSION, expand
from aikg.namespaces import AIKG, AIKG_ID, RDF, RDFS, XSD

CREATION = "_:creationinfo"
AIKG_AGENT = AIKG_ID + "aikg-software"
PROFILES = ["core", "software", "simpleLicensing", "ai", "dataset"]
KIND_NOTE = "aikg derivation kind: "


def export_document(store, lineage, *, expanded: bool = False) -> str:
    """The document as JSON text (``lineage`` with the facts ``store``, a pyoxigraph Store, holds about
    its models): compacted with the official context URL, or ``expanded``."""
    elements = _Elements(store)
    for iri in sorted(lineage.nodes):
        elements.model(lineage.nodes[iri])
    for derivation, edges in sorted(_by_derivation(lineage.edges).items()):
        elements.derivation(derivation, edges)
    nodes = [_creation_info(), *elements.nodes.values()]
    nodes.append(_document(sorted(lineage.nodes), [n["spdxId"] for n in elements.nodes.values()]))
    if expanded:
        return json.dumps([expand(n) for n in nodes], indent=2, ensure_ascii=False) + "\n"
    return json.dumps({"@context": CONTEXT_URL, "@graph": nodes}, indent=2, ensure_ascii=False) + "\n"


def _by_derivation(edges) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for edge in edges:
        key = edge.derivation if edge.derivation and edge.derivation.startswith("http") else None
        key = key or f"{AIKG_ID}spdx/derivation-{_digest(edge.derived, edge.source)}"
        grouped.setdefault(key, []).append(edge)
    return grouped


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def _created() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible output."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _creation_info() -> dict:
    return {"type": "CreationInfo", "@id": CREATION, "specVersion": SPDX_VERSION, "created": _created(),
            "createdBy": [AIKG_AGENT]}


def _document(models: list[str], element_ids: list[str]) -> dict:
    return {"type": "SpdxDocument", "spdxId": f"{AIKG_ID}spdx/document-{_digest(*models)}",
            "creationInfo": CREATION, "name": "aikg lineage export", "profileConformance": PROFILES,
            "rootElement": models, "element": element_ids}


class _Elements:
    """The document's elements by spdxId, each added once."""

    def __init__(self, store):
        self.store = store
        self.nodes: dict[str, dict] = {}
        self._add({"type": "SoftwareAgent", "spdxId": AIKG_AGENT, "name": "aikg"})

    def _add(self, node: dict) -> str:
        node.setdefault("creationInfo", CREATION)
        self.nodes.setdefault(node["spdxId"], node)
        return node["spdxId"]

    def _objects(self, subject: str, name: str) -> list:
        """The objects of ``subject aikg:name`` (pyoxigraph terms), in a stable order."""
        return self._values(subject, AIKG + name)

    def _values(self, subject: str, predicate: str) -> list:
        try:
            quads = self.store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, None)
        except ValueError:  # a blank node's id: no IRI, so in no triple as one
            return []
        return sorted({q.object for q in quads}, key=lambda term: (term.value, str(term)))

    def model(self, node) -> None:
        package = {"type": "ai_AIPackage", "spdxId": node.iri, "name": node.label, "software_primaryPurpose": "model"}
        if node.developers:
            package["suppliedBy"] = self.agent(node.developers[0])
        hub_ids = [v.value for v in self._objects(node.iri, "huggingFaceId")]
        if hub_ids:
            package["software_downloadLocation"] = f"https://huggingface.co/{hub_ids[0]}"
        released = [v for v in self._objects(node.iri, "releaseDate")
                    if isinstance(v, ox.Literal) and v.datatype.value == XSD + "date"]
        if released:
            package["releaseTime"] = f"{released[0].value}T00:00:00Z"
        self._add(package)
        declared = [self.licence(t.iri, t.label) for t in node.licenses]
        concluded = [self.licence(v.value, None) for v in self._objects(node.iri, "concludedLicense")]
        self.relationship(node.iri, "hasDeclaredLicense", declared or [NO_ASSERTION_LICENSE])
        self.relationship(node.iri, "hasConcludedLicense", concluded or [NO_ASSERTION_LICENSE])
        for relation in ("trainedOn", "testedOn"):
            datasets = [self.dataset(v.value) for v in self._objects(node.iri, relation)]
            if datasets:
                self.relationship(node.iri, relation, datasets)

    def agent(self, term) -> str:
        person = any(t.value == AIKG + "Person" for t in self._values(term.iri, RDF + "type"))
        return self._add({"type": "Person" if person else "Organization", "spdxId": term.iri, "name": term.label})

    def licence(self, iri: str, label: str | None) -> str:
        return self._add({"type": "simplelicensing_LicenseExpression", "spdxId": iri,
                          "name": label or self._label(iri), "simplelicensing_licenseExpression": self._expression(iri)})

    def _expression(self, iri: str) -> str:
        """The SPDX license-list id where there is one, else a LicenseRef- id (ScanCode's, or aikg's)."""
        for name in ("spdxId", "scancodeId"):
            values = self._objects(iri, name)
            if values:
                return values[0].value
        hub = self._objects(iri, "huggingFaceId")
        local = hub[0].value if hub else iri.rstrip("/").rsplit("/", 1)[-1]
        return "LicenseRef-aikg-" + re.sub(r"[^A-Za-z0-9.-]", "-", local)

    def dataset(self, iri: str) -> str:
        return self._add({"type": "dataset_DatasetPackage", "spdxId": iri, "name": self._label(iri),
                          "software_primaryPurpose": "data", "dataset_datasetType": ["noAssertion"]})

    def _label(self, iri: str) -> str:
        labels = self._values(iri, RDFS + "label")  # sorted: the same one every run
        return labels[0].value if labels else iri

    def relationship(self, source: str, kind: str, targets: list[str], iri: str | None = None,
                     comment: str | None = None) -> None:
        node = {"type": "Relationship", "spdxId": iri or f"{AIKG_ID}spdx/{kind}-{_digest(source, *targets)}",
                "from": source, "relationshipType": kind, "to": targets}
        if comment:
            node["comment"] = comment
        self._add(node)

    def derivation(self, iri: str, edges) -> None:
        """One descendantOf relationship: the derived model is a descendant of each source."""
        kinds = {e.kind.iri.rsplit("/", 1)[-1] for e in edges if e.kind}
        comment = KIND_NOTE + kinds.pop() if len(kinds) == 1 else None
        self.relationship(edges[0].derived, "descendantOf", sorted({e.source for e in edges}), iri, comment)
