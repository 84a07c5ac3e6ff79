"""SPDX 3.0.1 JSON-LD documents (AI and Dataset profiles) → aikg lineage, keeping SPDX ids.

Documents are read as JSON by SPDX's compacted names (or as expanded JSON-LD), so the
remote context is never needed. AIPackage → model (suppliedBy → developer);
descendantOf / ancestorOf / hasVariant → derivations; hasDeclaredLicense → license,
hasConcludedLicense → concluded license; trainedOn / testedOn → datasets, through
``contains`` when a file carries them. Every fact is claimed: source = the document,
attribution = its creator, hedge = declared.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from aikg.errors import RDF_LINE_BREAKS, Diagnostic, locate
from aikg.interchange.builder import Imported, LineageGraph, Provenance, iri
from aikg.interchange.licences import is_catalogued, resolve
from aikg.interchange.spdx_export import KIND_NOTE
from aikg.interchange.spdxterms import CONTEXT_URL, NO_ASSERTION_LICENSE, NONE_LICENSE, compact
from aikg.namespaces import AIKG, AIKG_ID, AIKG_VOCAB, SCHEMA
from aikg.rdf.terms import is_absolute_iri

LINEAGE = {"descendantOf": False, "ancestorOf": True, "hasVariant": True}  # type -> is `from` the source?
AGENTS = {"Organization": "Organization", "Person": "Person", "Agent": "Agent", "SoftwareAgent": "Agent"}
LICENCES = ("simplelicensing_LicenseExpression", "expandedlicensing_CustomLicense", "expandedlicensing_ListedLicense")
KINDS = {"finetune": "FineTuning", "quantized": "Quantization", "merge": "Merge", "adapter": "AdapterTraining",
         "distillation": "Distillation"}
_SIMPLE_ID = re.compile(r"^[A-Za-z0-9.+-]+$")


def import_documents(paths, *, context: str | None = None) -> Imported:
    """Every document's lineage in one graph; a document that cannot be read is an error, the rest import."""
    known = _context_terms(context) if context else None
    out, diagnostics = LineageGraph(), []
    for name in paths:
        diagnostics += _one_document(out, name, known)
    return Imported(out.store, diagnostics)


def _context_terms(path: str) -> set[str]:
    from aikg.errors import InputError

    try:
        return set(json.loads(Path(path).read_text(encoding="utf-8"))["@context"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{path}: not a JSON-LD context file ({error})",
                         hint="name a local copy of spdx-context.jsonld") from None


def _one_document(out: LineageGraph, name: str, known: set[str] | None) -> list[Diagnostic]:
    source = "<stdin>" if name == "-" else name
    try:
        import sys

        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [Diagnostic(source, None, None, f"cannot read the document: {error}")]
    try:
        data = json.loads(text)
    except RecursionError:
        return [Diagnostic(source, None, None, "the document is nested too deeply to read")]
    except json.JSONDecodeError as error:
        return [Diagnostic(source, error.lineno, error.colno, f"not JSON: {error.msg}",
                           text_line=text.splitlines()[error.lineno - 1] if text.splitlines() else None)]
    nodes, problem = _nodes(data)
    if problem:
        return [Diagnostic(source, 1, None, problem, hint="an SPDX 3 JSON-LD document has an @graph of elements")]
    document = _Document(out, source, text, {})
    document.elements = {n["spdxId"]: n for n in nodes if "spdxId" in n and document.usable(n["spdxId"])}
    document.check_terms(data, nodes, known)
    document.read(nodes)
    return document.diagnostics


def _nodes(data) -> tuple[list[dict], str | None]:
    """The document's node objects with compacted names, or why there are none."""
    graph = data.get("@graph") if isinstance(data, dict) else data
    if not isinstance(graph, list) or not all(isinstance(n, dict) for n in graph):
        return [], "not an SPDX 3 JSON-LD document: no @graph list of objects"
    expanded = any("@type" in n for n in graph)
    return [compact(n) if expanded else n for n in graph], None


def _values(node: dict, key: str) -> list:
    value = node.get(key)
    return [] if value is None else value if isinstance(value, list) else [value]


@dataclass
class _Document:
    out: LineageGraph
    source: str
    text: str
    elements: dict[str, dict]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)  # spdxIds warned about as no IRI

    def warn(self, spdx_id: str | None, message: str) -> None:
        line = locate(self.text, re.escape(json.dumps(spdx_id)), breaks=RDF_LINE_BREAKS)[0] if spdx_id else None
        self.diagnostics.append(Diagnostic(self.source, line, None, message, severity="warning"))

    def usable(self, spdx_id: str) -> bool:
        """Whether ``spdx_id`` can name a node: an absolute IRI (else a warning, and what it names is skipped)."""
        if isinstance(spdx_id, str) and is_absolute_iri(spdx_id):
            return True
        key = json.dumps(spdx_id, sort_keys=True)
        if key not in self.refused:  # once per id, however often the document names it
            self.refused.add(key)
            self.warn(spdx_id, f"spdxId {spdx_id!r} is not an absolute IRI; what it names is skipped")
        return False

    def of_type(self, *types: str) -> list[dict]:
        return [n for n in self.elements.values() if n.get("type") in types]

    def check_terms(self, data, nodes: list[dict], known: set[str] | None) -> None:
        context = data.get("@context") if isinstance(data, dict) else None
        if context is not None and context != CONTEXT_URL:
            self.warn(None, f"the document names the context {context!r}, not SPDX 3.0.1's; read with SPDX 3.0.1 names")
        if known is None:
            return
        for name in sorted({k for n in nodes for k in n} - known - {"spdxId", "type", "@id", "@type"}):
            self.diagnostics.append(Diagnostic(self.source, locate(self.text, re.escape(json.dumps(name)), breaks=RDF_LINE_BREAKS)[0],
                                               None, f"{name!r} is not a term of the context given; ignored", severity="warning"))

    def read(self, nodes: list[dict]) -> None:
        self.by = self._provenance(nodes)
        for agent in self.of_type(*AGENTS):
            self.agent(agent["spdxId"])
        for package in self.of_type("ai_AIPackage"):
            self.model(package)
        self.containers = self._containers()
        for relationship in self.of_type("Relationship"):
            self.relationship(relationship)

    def _provenance(self, nodes: list[dict]) -> Provenance:
        document = next(iter(self.of_type("SpdxDocument")), None)
        doc_iri = document["spdxId"] if document else Path(self.source).resolve().as_uri()
        name = (document or {}).get("name") or f"SPDX document {Path(self.source).name}"
        creators = [c for n in nodes if n.get("type") == "CreationInfo" for c in _values(n, "createdBy")]
        creators += [c for n in nodes if isinstance(n.get("creationInfo"), dict) for c in _values(n["creationInfo"], "createdBy")]
        creators = [c for c in creators if self.usable(c)]
        attribution = self.agent(creators[0]) if creators else self.out.agent(doc_iri + "#creator", f"creator of {name}")
        self.out.document(doc_iri, AIKG + "SourceDocument", name, None, attribution)
        return Provenance(doc_iri, attribution)

    def agent(self, spdx_id: str) -> str:
        node = self.elements.get(spdx_id, {})
        self.out.typed(spdx_id, AIKG + AGENTS.get(node.get("type"), "Agent"), node.get("name") or spdx_id)
        return spdx_id

    def model(self, package: dict) -> str:
        spdx_id = package["spdxId"]
        self.out.typed(spdx_id, AIKG + "Model", package.get("name") or spdx_id)
        suppliers = _values(package, "suppliedBy") + _values(package, "originatedBy")
        for supplier in [s for s in suppliers if self.usable(s)][:1]:
            self.out.fact(spdx_id, AIKG + "developedBy", iri(self.agent(supplier)), self.by, locator="suppliedBy")
        location = next(iter(_values(package, "software_downloadLocation")), "")
        hub = re.match(r"^https://huggingface\.co/([\w.-]+/[\w.-]+)/?$", location)
        if hub:
            self.out.fact(spdx_id, AIKG + "huggingFaceId", hub.group(1), self.by, locator="software_downloadLocation")
        if not suppliers and not hub:
            self.warn(spdx_id, "AIPackage without suppliedBy (the AI profile requires it): its developer is unknown")
        return spdx_id

    def _containers(self) -> dict[str, str]:
        """File (or other element) → the package that ``contains`` it."""
        inside = {}
        for rel in self.of_type("Relationship"):
            if rel.get("relationshipType") == "contains":
                for target in _values(rel, "to"):
                    inside[target] = rel.get("from")
        return inside

    def _through_container(self, spdx_id: str, types: tuple[str, ...]) -> str | None:
        """``spdx_id`` if it is of ``types``, else the package of those types containing it."""
        seen = set()
        while spdx_id and spdx_id not in seen:
            if self.elements.get(spdx_id, {}).get("type") in types:
                return spdx_id
            seen.add(spdx_id)
            spdx_id = self.containers.get(spdx_id)
        return None

    def relationship(self, rel: dict) -> None:
        kind, spdx_id = rel.get("relationshipType"), rel.get("spdxId")
        source, targets = rel.get("from"), _values(rel, "to")
        if not isinstance(source, str) or not targets:
            self.warn(spdx_id, f"relationship {spdx_id or '(no spdxId)'} lacks from or to; skipped")
        elif kind in LINEAGE:
            self.lineage(rel, kind, source, targets)
        elif kind in ("hasDeclaredLicense", "hasConcludedLicense"):
            self.licences(rel, kind, source, targets)
        elif kind in ("trainedOn", "testedOn"):
            self.datasets(rel, kind, source, targets)

    def _model_of(self, rel: dict, spdx_id: str) -> str | None:
        model = self._through_container(spdx_id, ("ai_AIPackage",))
        if model is None:
            self.warn(rel.get("spdxId"), f"{spdx_id} is not an AIPackage of this document (nor in one); "
                      f"its {rel.get('relationshipType')} relationship is skipped")
        return model

    def lineage(self, rel: dict, kind: str, source: str, targets: list[str]) -> None:
        """descendantOf: ``from`` is derived from each ``to``; ancestorOf / hasVariant: each ``to`` from ``from``."""
        ends = [(t, source) for t in targets] if LINEAGE[kind] else [(source, t) for t in targets]
        derived_groups: dict[str, list[str]] = {}
        for derived, base in ends:
            derived, base = self._model_of(rel, derived), self._model_of(rel, base)
            if derived and base:
                derived_groups.setdefault(derived, []).append(base)
        for n, (derived, bases) in enumerate(sorted(derived_groups.items())):
            node = rel["spdxId"] if len(derived_groups) == 1 else f"{rel['spdxId']}-{n + 1}"
            self.derivation(node, derived, bases, rel)

    def derivation(self, node: str, derived: str, bases: list[str], rel: dict) -> None:
        """A derivation node keeping the relationship's spdxId; its kind only from an aikg export's note."""
        comment = rel.get("comment") or ""
        kind = comment[len(KIND_NOTE):].strip() if comment.startswith(KIND_NOTE) else None
        kind = kind if kind in KINDS else None
        made, made_from = ("student", "teacher") if kind == "distillation" else ("derivedModel", "sourceModel")
        self.out.typed(node, AIKG + "Derivation", f"Derivation of {self.elements[derived].get('name') or derived}")
        self.out.fact(node, AIKG + made, iri(derived), self.by, locator=rel.get("relationshipType"))
        for base in bases:
            self.out.fact(node, AIKG + made_from, iri(base), self.by, locator=rel.get("relationshipType"))
        if kind:
            self.out.add(node, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", iri(AIKG + KINDS[kind]))
            self.out.fact(node, AIKG + "derivationKind", iri(AIKG_VOCAB + kind), self.by, locator="comment")

    def licences(self, rel: dict, kind: str, source: str, targets: list[str]) -> None:
        model = self._model_of(rel, source)
        predicate = AIKG + ("license" if kind == "hasDeclaredLicense" else "concludedLicense")
        for target in targets:
            if model and target not in (NO_ASSERTION_LICENSE, NONE_LICENSE) and self.usable(target):
                self.out.fact(model, predicate, iri(self.licence(target)), self.by, locator=kind)

    def licence(self, spdx_id: str) -> str:
        """The catalogue's license when the expression names one, else a license node keeping the spdxId."""
        node = self.elements.get(spdx_id, {})
        expression = (node.get("simplelicensing_licenseExpression") or "").strip()
        known = resolve(expression) if _SIMPLE_ID.match(expression) else None
        if known or (spdx_id.startswith(AIKG_ID) and is_catalogued(spdx_id)):
            return known or spdx_id
        self.out.typed(spdx_id, AIKG + "License", node.get("name") or expression or spdx_id)
        self.out.add(spdx_id, AIKG + "opennessCategory", iri(AIKG_VOCAB + "license-not-recorded"))
        if _SIMPLE_ID.match(expression) and not expression.startswith("LicenseRef-"):
            self.out.fact(spdx_id, AIKG + "spdxId", expression, self.by, locator="licenseExpression")
        else:
            self.out.add(self.by.source, SCHEMA + "about", iri(spdx_id))
        return spdx_id

    def datasets(self, rel: dict, kind: str, source: str, targets: list[str]) -> None:
        model = self._model_of(rel, source)
        for target in targets:
            dataset = self._through_container(target, ("dataset_DatasetPackage",)) or target
            if not self.usable(dataset):
                continue
            node = self.elements.get(dataset, {})
            self.out.typed(dataset, AIKG + "Dataset", node.get("name") or dataset)
            if model:
                self.out.fact(model, AIKG + kind, iri(dataset), self.by, locator=kind)
