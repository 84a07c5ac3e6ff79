"""Hugging Face model cards (README.md with YAML metadata) → aikg lineage with claims.

Every fact the metadata declares is asserted with a claim: source = the card
(its URL, at a revision when known), attribution = the repository owner,
hedge = declared. Messy metadata is kept where usable and reported as a
warning with its line; what the card does not say stays unsaid.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from aikg.errors import Diagnostic
from aikg.interchange.builder import HF, POSSIBLE, LineageGraph, Provenance, hf_agent, hf_dataset, hf_model, iri
from aikg.interchange.frontmatter import Located
from aikg.interchange.licences import resolve, unrecorded_licence
from aikg.interchange.repoids import read_repo_id
from aikg.namespaces import AIKG, AIKG_ID, AIKG_VOCAB

# base_model_relation values and what aikg calls them (aikgv:hf-* are exact matches of these).
RELATIONS = {"adapter": ("adapter", "AdapterTraining"), "merge": ("merge", "Merge"),
             "quantized": ("quantized", "Quantization"), "finetune": ("finetune", "FineTuning")}
# Tags that hint at a kind when base_model_relation is missing: at best an inferred, hedged claim.
TAG_HINTS = {"gguf": "quantized", "gptq": "quantized", "awq": "quantized", "exl2": "quantized", "mlx": "quantized",
             "4-bit": "quantized", "8-bit": "quantized", "bitsandbytes": "quantized", "quantized": "quantized",
             "merge": "merge", "mergekit": "merge", "lora": "adapter", "peft": "adapter", "adapter": "adapter",
             "distillation": "distillation", "distilled": "distillation"}
KNOWN_KEYS = ("base_model", "base_model_relation", "license", "license_name", "license_link", "datasets",
              "new_version", "pipeline_tag", "library_name", "language", "tags", "model-index", "metrics",
              "model_name", "inference", "widget", "thumbnail", "extra_gated_prompt", "extra_gated_fields")
_HUB_LICENCE_ID = re.compile(r"^[a-z0-9.-]+$")


@dataclass
class Card:
    """One card being read: its model, provenance, and where to put warnings."""

    path: str
    repo_id: str
    revision: str | None
    out: LineageGraph
    diagnostics: list[Diagnostic]

    def warn(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, None, message, severity="warning"))

    @property
    def model(self) -> str:
        return hf_model(self.repo_id)

    @property
    def owner(self) -> str | None:
        return self.repo_id.split("/")[0] if "/" in self.repo_id else None


def import_card(card: Card, fields: dict[str, Located] | None) -> None:
    """Add the card's model and everything its metadata declares to ``card.out``."""
    by = _provenance(card)
    _model(card.out, card.repo_id, by, own=True)
    if fields is None:
        card.warn(1, "no YAML metadata block; only the model itself is recorded")
        return
    _check_keys(card, fields)
    _derivation(card, fields, by)
    _licences(card, fields, by)
    for item in _strings(card, fields.get("datasets"), "datasets"):
        _dataset(card, item, by)
    if fields.get("new_version") is not None:
        _successor(card, fields["new_version"], by)


def _provenance(card: Card) -> Provenance:
    """The card as a source document, published by the repository owner."""
    out = card.out
    owner = out.agent(hf_agent(card.owner), card.owner) if card.owner else None
    revision = card.revision or "main"
    document = out.document(f"{HF}{card.repo_id}/blob/{revision}/README.md", AIKG + "RepositoryDocument",
                            f"Hugging Face model card of {card.repo_id}", f"{HF}{card.repo_id}", owner,
                            version=card.revision, about=iri(card.model))
    return Provenance(document, owner or _hub_agent(out))


def _hub_agent(out: LineageGraph) -> str:
    """The attribution of a card whose repository has no namespace: the Hub that hosts it."""
    return out.agent(HF, "Hugging Face Hub")


def _model(out: LineageGraph, repo_id: str, by: Provenance, own: bool) -> str:
    """A model known by its repo id: the id as label, the namespace as developer (claimed)."""
    model = hf_model(repo_id)
    out.typed(model, AIKG + "Model", repo_id)
    out.fact(model, AIKG + "huggingFaceId", repo_id, by)
    if "/" in repo_id:
        namespace = repo_id.split("/")[0]
        hedge = by.hedge if own else POSSIBLE
        where = "repository namespace" if own else f"namespace of the repo id {repo_id}"
        out.fact(model, AIKG + "developedBy", iri(out.agent(hf_agent(namespace), namespace)),
                 Provenance(by.source, by.attribution, hedge), locator=where)
    return model


def _check_keys(card: Card, fields: dict[str, Located]) -> None:
    """Warn about keys that look like misspelled metadata keys (the Hub ignores them, so does aikg)."""
    for key, value in fields.items():
        if key in KNOWN_KEYS:
            continue
        close = difflib.get_close_matches(key.lower().replace("-", "_"), KNOWN_KEYS, n=1, cutoff=0.8)
        if close:
            card.warn(value.line, f"unknown metadata key {key!r} (did you mean {close[0]!r}?); ignored")


def _strings(card: Card, located: Located | None, key: str) -> list[Located]:
    """A string-or-list value as a list of strings, each with its line; empty or odd items reported."""
    if located is None:
        return []
    items = located.value if isinstance(located.value, list) else [located]
    if isinstance(located.value, list) and not items:
        card.warn(located.line, f"{key} is an empty list")
    kept = []
    for item in items:
        if isinstance(item.value, str) and item.value.strip():
            kept.append(item)
        else:
            card.warn(item.line, f"{key}: {_shown(item.value)} is not a repo id string; skipped")
    return kept


def _shown(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "an empty value" if value is None else repr(value)


def _bases(card: Card, located: Located | None) -> list[tuple[str, int]]:
    """The usable base models, once each, never the model itself."""
    bases, seen = [], set()
    for item in _strings(card, located, "base_model"):
        ref = read_repo_id(item.value)
        if ref.warning:
            card.warn(item.line, f"base_model {ref.warning}")
        if ref.repo_id is None:
            continue
        if ref.repo_id == card.repo_id:
            card.warn(item.line, f"base_model names the model itself ({ref.repo_id}); skipped")
        elif ref.repo_id in seen:
            card.warn(item.line, f"base_model {ref.repo_id} is listed again; kept once")
        else:
            seen.add(ref.repo_id)
            bases.append((ref.repo_id, item.line))
    return bases


def _derivation(card: Card, fields: dict[str, Located], by: Provenance) -> None:
    """One derivation from the card's base models; its kind from base_model_relation, else unknown."""
    relation = fields.get("base_model_relation")
    bases = _bases(card, fields.get("base_model"))
    if not bases:
        if relation is not None:
            card.warn(relation.line, "base_model_relation without a usable base_model; ignored")
        return
    out, derivation = card.out, f"{AIKG_ID}hf/{card.repo_id}/derivation"
    out.typed(derivation, AIKG + "Derivation", f"Derivation of {card.repo_id}")
    out.fact(derivation, AIKG + "derivedModel", iri(card.model), by)
    for repo_id, line in bases:
        out.fact(derivation, AIKG + "sourceModel", iri(_model(out, repo_id, by, own=False)), by,
                 locator=f"base_model (line {line})")
    kind = _declared_kind(card, relation)
    if kind:
        concept, cls = RELATIONS[kind]
        out.add(derivation, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", iri(AIKG + cls))
        out.fact(derivation, AIKG + "derivationKind", iri(AIKG_VOCAB + concept), by, locator="base_model_relation")
    else:
        _hinted_kinds(card, fields.get("tags"), derivation, by)


def _declared_kind(card: Card, relation: Located | None) -> str | None:
    if relation is None:
        return None
    value = relation.value.strip().lower() if isinstance(relation.value, str) else None
    if value in RELATIONS:
        if value != relation.value:
            card.warn(relation.line, f"base_model_relation {relation.value!r} read as {value!r}")
        return value
    card.warn(relation.line, f"base_model_relation {_shown(relation.value)} is not one of "
              f"{', '.join(RELATIONS)}; the kind is left unknown")
    return None


def _hinted_kinds(card: Card, tags: Located | None, derivation: str, by: Provenance) -> None:
    """Kinds the tags hint at, as inferred claims hedged 'possible' (the card declares no kind)."""
    hints = {}
    for tag in _strings(card, tags, "tags"):
        kind = TAG_HINTS.get(tag.value.strip().lower())
        if kind and kind not in hints:
            hints[kind] = tag
    for kind, tag in hints.items():
        card.out.fact(derivation, AIKG + "inferredDerivationKind", iri(AIKG_VOCAB + kind),
                      Provenance(by.source, by.attribution, POSSIBLE),
                      locator=f"tag {tag.value} (line {tag.line}); inferred, the card declares no base_model_relation")


def _licences(card: Card, fields: dict[str, Located], by: Provenance) -> None:
    """license (or license_name when it is 'other'), resolved to the catalogue by Hub id."""
    located = fields.get("license")
    if located is None:
        return
    if isinstance(located.value, list):
        card.warn(located.line, "license is given as a list; each license is kept")
    link = _licence_link(card, fields.get("license_link"))
    for item in _strings(card, located, "license"):
        hub_id = item.value.strip()
        if hub_id.lower() == "other":
            name = fields.get("license_name")
            if name is None or not isinstance(name.value, str) or not name.value.strip():
                card.warn(item.line, "license: other without a license_name; no license recorded")
                continue
            hub_id, item = name.value.strip(), name
        _licence(card, hub_id, item.line, link, by)


def _licence(card: Card, hub_id: str, line: int, link: str | None, by: Provenance) -> None:
    licence = resolve(hub_id)
    if licence is None:
        if not _HUB_LICENCE_ID.match(hub_id.lower()):
            card.warn(line, f"license {hub_id!r} is not a Hub license id; skipped")
            return
        card.warn(line, f"license {hub_id!r} is not in aikg's license catalogue; recorded with its id, terms not recorded")
        licence = unrecorded_licence(card.out, hub_id, by, link)
    elif hub_id != hub_id.lower():
        card.warn(line, f"license {hub_id!r} read as the Hub id {hub_id.lower()!r}")
    card.out.fact(card.model, AIKG + "license", iri(licence), by, locator=f"license (line {line})")


def _licence_link(card: Card, located: Located | None) -> str | None:
    """license_link as an absolute URL (a repo-relative path points into the repository)."""
    if located is None or not isinstance(located.value, str) or not located.value.strip():
        return None
    link = located.value.strip()
    if link.startswith(("http://", "https://")):
        return link if " " not in link else None
    return f"{HF}{card.repo_id}/blob/{card.revision or 'main'}/{link.lstrip('./')}"


def _dataset(card: Card, item: Located, by: Provenance) -> None:
    ref = read_repo_id(item.value)
    if ref.warning:
        card.warn(item.line, f"datasets {ref.warning}")
    if ref.repo_id is None:
        return
    dataset = hf_dataset(ref.repo_id)
    card.out.typed(dataset, AIKG + "Dataset", ref.repo_id)
    card.out.add(dataset, AIKG + "huggingFaceId", ref.repo_id)
    card.out.fact(card.model, AIKG + "trainedOn", iri(dataset), by, locator=f"datasets (line {item.line})")


def _successor(card: Card, located: Located, by: Provenance) -> None:
    if not isinstance(located.value, str) or not located.value.strip():
        card.warn(located.line, f"new_version: {_shown(located.value)} is not a repo id; skipped")
        return
    ref = read_repo_id(located.value)
    if ref.warning:
        card.warn(located.line, f"new_version {ref.warning}")
    if ref.repo_id is None or ref.repo_id == card.repo_id:
        return
    successor = _model(card.out, ref.repo_id, by, own=False)
    card.out.fact(card.model, AIKG + "newVersion", iri(successor), by, locator=f"new_version (line {located.line})")
