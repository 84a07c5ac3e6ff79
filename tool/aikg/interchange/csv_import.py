"""Lineage kept in a spreadsheet (CSV) → aikg lineage with claims.

Columns (header row required, any order; only ``id`` and ``source`` are needed):
``id, label, developer, license, base, relation, source, hedge``. A row without
``base`` describes a model; a row with one is a derivation edge (several rows with
the same id and relation make one derivation with several sources, as a merge has).
A bad row is an error with its line and is skipped; the other rows are imported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aikg.errors import Diagnostic, InputError
from aikg.interchange.builder import HF, LineageGraph, Provenance, Imported, hf_agent, iri
from aikg.interchange.licences import resolve, unrecorded_licence
from aikg.interchange.repoids import REPO_ID
from aikg.namespaces import AIKG, AIKG_ID, AIKG_VOCAB

COLUMNS = ("id", "label", "developer", "license", "base", "relation", "source", "hedge")
RELATIONS = {"finetune": "FineTuning", "quantized": "Quantization", "merge": "Merge", "adapter": "AdapterTraining",
             "distillation": "Distillation"}
HEDGES = ("confirmed", "declared", "stated", "reported", "expected", "possible")
DEFAULT_HEDGE = "stated"
_IRI = re.compile(r"^(https?|urn):[^\s<>\"{}|\\^`]+$")


class BadRow(Exception):
    """A row that cannot be imported, with the column at fault."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


@dataclass
class Row:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()


def import_tables(paths) -> Imported:
    out, diagnostics = LineageGraph(), []
    for name in paths:
        diagnostics += _one_table(out, name)
    return Imported(out.store, diagnostics)


def _one_table(out: LineageGraph, name: str) -> list[Diagnostic]:
    try:
        text = Path(name).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        return [Diagnostic(name, None, None, f"cannot read the table: {error}")]
    try:
        rows, diagnostics = _rows(name, text)
    except csv.Error as error:
        return [Diagnostic(name, None, None, f"not a readable CSV table: {error}")]
    derivations: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        try:
            _check(row)
            _model_facts(out, row)
        except BadRow as bad:
            diagnostics.append(_bad(name, row, bad))
            continue
        if row.get("base"):
            derivations.setdefault((row.get("id"), row.get("relation").lower()), []).append(row)
    for (model, relation), edge_rows in derivations.items():
        _derivation(out, model, relation, edge_rows)
    return sorted(diagnostics, key=lambda d: d.line or 0)


def _bad(name: str, row: Row, bad: BadRow) -> Diagnostic:
    return Diagnostic(name, row.line, None, f"column {bad.column}: {bad} (row skipped)")


def _rows(name: str, text: str) -> tuple[list[Row], list[Diagnostic]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return [], [Diagnostic(name, 1, None, "the table is empty; it needs a header row")]
    missing = [c for c in ("id", "source") if c not in header]
    if missing:
        return [], [Diagnostic(name, 1, None, f"the header lacks the column(s) {', '.join(missing)}",
                               hint=f"columns: {', '.join(COLUMNS)}")]
    notes = [Diagnostic(name, 1, None, f"unknown column {h!r}; ignored", severity="warning")
             for h in header if h and h not in COLUMNS]
    rows = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            notes.append(Diagnostic(name, line, None, f"{len(cells)} cells where the header has {len(header)} (row skipped)"))
            continue
        rows.append(Row(line, dict(zip(header, cells))))
    return rows, notes


def _check(row: Row) -> None:
    """Raise BadRow for the first cell that cannot be used."""
    for column in ("id", "source"):
        if not row.get(column):
            raise BadRow(column, f"{column} is empty; every row needs one")
    _model_iri(row.get("id"), "id")
    if not _IRI.match(row.get("source")):
        raise BadRow("source", f"{row.get('source')!r} is not an absolute URL")
    hedge = row.get("hedge").lower()
    if hedge and hedge not in HEDGES:
        raise BadRow("hedge", f"{row.get('hedge')!r} is not one of {', '.join(HEDGES)}")
    relation = row.get("relation").lower()
    if relation and relation not in RELATIONS:
        raise BadRow("relation", f"{row.get('relation')!r} is not one of {', '.join(RELATIONS)} (or empty: unknown)")
    if relation and not row.get("base"):
        raise BadRow("base", "a relation needs a base model")
    licence = row.get("license")
    if licence and not _IRI.match(licence) and not re.match(r"^[A-Za-z0-9.+-]+$", licence):
        raise BadRow("license", f"{licence!r} is neither a license id (such as apache-2.0 or MIT) nor an IRI")
    if row.get("base"):
        if _model_iri(row.get("base"), "base") == _model_iri(row.get("id"), "id"):
            raise BadRow("base", "a model cannot be derived from itself")


def _model_iri(value: str, column: str) -> str:
    """A model's IRI: an absolute IRI as given, or a Hub repo id's URL."""
    if _IRI.match(value):
        return value
    if REPO_ID.match(value):
        return HF + value
    raise BadRow(column, f"{value!r} is neither an absolute IRI nor a Hugging Face repo id (namespace/name)")


def _provenance(out: LineageGraph, row: Row) -> Provenance:
    """The row's source document, attributed to the site that publishes it."""
    url = row.get("source")
    host = urlsplit(url).netloc or url
    publisher = out.agent(f"{urlsplit(url).scheme}://{host}/" if urlsplit(url).netloc else url, host)
    out.document(url, AIKG + "SourceDocument", url, url, publisher)
    return Provenance(url, publisher, AIKG_VOCAB + (row.get("hedge").lower() or DEFAULT_HEDGE))


def _model(out: LineageGraph, value: str, label: str | None, by: Provenance) -> str:
    model = _model_iri(value, "id")
    out.typed(model, AIKG + "Model", label or value)
    if not _IRI.match(value):
        out.fact(model, AIKG + "huggingFaceId", value, by)
    return model


def _model_facts(out: LineageGraph, row: Row) -> None:
    by = _provenance(out, row)
    model = _model(out, row.get("id"), row.get("label"), by)
    developer = row.get("developer")
    if developer:
        agent = developer if _IRI.match(developer) else f"{AIKG_ID}{_slug(developer)}"
        out.fact(model, AIKG + "developedBy", iri(out.agent(agent, developer)), by, locator=f"row {row.line}")
    elif "/" in row.get("id") and not _IRI.match(row.get("id")):
        namespace = row.get("id").split("/")[0]
        out.fact(model, AIKG + "developedBy", iri(out.agent(hf_agent(namespace), namespace)),
                 Provenance(by.source, by.attribution, AIKG_VOCAB + "possible"), locator="namespace of the repo id")
    licence = row.get("license")
    if licence:
        # An unknown id in mixed case is an SPDX id (Hub ids are lower-case).
        node = licence if _IRI.match(licence) else resolve(licence) or unrecorded_licence(
            out, licence, by, spdx=licence != licence.lower())
        out.fact(model, AIKG + "license", iri(node), by, locator=f"row {row.line}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or hashlib.sha1(text.encode()).hexdigest()[:12]


def _derivation(out: LineageGraph, model_id: str, relation: str, rows: list[Row]) -> None:
    """One derivation of ``model_id`` with every base its rows name; its kind from ``relation``."""
    model = _model_iri(model_id, "id")
    node = f"{AIKG_ID}derivation-{hashlib.sha1(f'{model} {relation}'.encode()).hexdigest()[:16]}"
    made, made_from = ("student", "teacher") if relation == "distillation" else ("derivedModel", "sourceModel")
    out.typed(node, AIKG + "Derivation", f"Derivation of {model_id}")
    for row in rows:
        by = _provenance(out, row)
        out.fact(node, AIKG + made, iri(model), by, locator=f"row {row.line}")
        base = _model(out, row.get("base"), None, by)
        out.fact(node, AIKG + made_from, iri(base), by, locator=f"row {row.line}")
        if relation:
            out.fact(node, AIKG + "derivationKind", iri(AIKG_VOCAB + relation), by, locator=f"row {row.line}")
    if relation:
        out.add(node, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", iri(AIKG + RELATIONS[relation]))
