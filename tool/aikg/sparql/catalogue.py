"""The catalogue of shipped SPARQL queries (``queries/*.rq``).

Each file starts with a comment header::

    # title: Closed models distilled from open-weight models
    # description: One or two sentences.
    # param: model iri optional — restrict to one student model
    # infer: owlrl

``# infer:`` names the reasoning the query needs (rdfs or owlrl): its answer
is empty or partial on the graph as asserted. A parameter is used in the query as ``?model`` and bound as an RDF term,
never spliced into the query text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from aikg import bundle
from aikg.errors import SPARQL_LINE_BREAKS, InputError, UnknownQuery

PARAM_TYPES = ("iri", "string", "integer", "decimal", "date", "boolean")


_HEADER = re.compile(r"^#\s*(title|description|param|infer)\s*:\s*(.*)$")


INFER_PROFILES = ("rdfs", "owlrl")


_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?P<optional>\s+optional)?"
    r"(?:\s*(?:—|--|-)\s*(?P<description>.*))?$"
)


# NamedTuples rather than frozen dataclasses: the same immutable records at a third of the start-up cost.
class Parameter(NamedTuple):
    """A ``# param:`` of a query: bound as a term of ``type`` (one of PARAM_TYPES)."""

    name: str
    type: str
    optional: bool
    description: str


class CatalogueQuery(NamedTuple):
    """A query with its header: from the catalogue, a .rq file, or inline text (name ``<query>``)."""

    name: str
    title: str
    description: str
    params: tuple[Parameter, ...]
    text: str
    path: Path | None = None
    checks: bool = False  # a *-violation quality check
    infer: str | None = None  # the reasoning the query needs (# infer: rdfs|owlrl), if any


def parse_query_file(path: Path, text: str | None = None) -> CatalogueQuery:
    """Read one query file and its header; bad headers are InputErrors."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 (byte {exc.start}: {exc.object[exc.start]:#04x}); SPARQL files are UTF-8",
                             hint="convert it, e.g. iconv -f latin1 -t utf-8") from None
    title = description = ""
    infer = None
    params: list[Parameter] = []
    # Lines are counted as the SPARQL parsers count them, so header and syntax errors agree.
    for number, line in enumerate(SPARQL_LINE_BREAKS.split(text), start=1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break  # the header ends at the first non-comment line
            continue
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.groups()
        if key == "title":
            title = value.strip()
        elif key == "description":
            description = (description + " " + value.strip()).strip()
        elif key == "infer":
            infer = _infer(value.strip(), f"{path}:{number}")
        else:
            params.append(_parameter(value.strip(), f"{path}:{number}"))
    return CatalogueQuery(
        name=path.stem,
        title=title or path.stem,
        description=description,
        params=tuple(params),
        text=text,
        path=path,
        checks=path.stem.endswith("-violation"),
        infer=infer,
    )


def _infer(value: str, where: str) -> str:
    if value not in INFER_PROFILES:
        raise InputError(f"{where}: unknown '# infer:' profile {value!r}", hint="write '# infer: rdfs' or '# infer: owlrl'")
    return value


def _parameter(header: str, where: str) -> Parameter:
    """The parameter a ``# param:`` header declares; InputError when it is malformed."""
    param = _PARAM.match(header)
    if not param or param["type"] not in PARAM_TYPES:
        raise InputError(
            f"{where}: malformed '# param:' header {header!r}",
            hint="write '# param: NAME TYPE [optional] — description' with TYPE one of " + ", ".join(PARAM_TYPES),
        )
    return Parameter(param["name"], param["type"], bool(param["optional"]), (param["description"] or "").strip())


def catalogue(folder: Path | None = None) -> list[CatalogueQuery]:
    """Every query of the catalogue, sorted by name."""
    folder = folder or bundle.queries_dir()
    return [parse_query_file(p) for p in sorted(folder.glob("*.rq"))]


def quality_checks(folder: Path | None = None) -> list[CatalogueQuery]:
    return [q for q in catalogue(folder) if q.checks]


def resolve_query(name_or_path: str) -> CatalogueQuery:
    """A catalogue query by name, or a ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix in (".rq", ".sparql") or path.exists():
        if not path.is_file():
            raise UnknownQuery(f"{name_or_path}: no such query file")
        return parse_query_file(path)
    folder = bundle.queries_dir()
    candidate = folder / f"{name_or_path}.rq"
    if candidate.is_file():
        return parse_query_file(candidate)
    names = [q.stem for q in sorted(folder.glob("*.rq"))]
    close = _close_matches(name_or_path, names)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise UnknownQuery(
        f"unknown query {name_or_path!r}",
        hint=hint + "run 'aikg queries' to list the catalogue, or pass a .rq file",
    )


def _close_matches(word: str, names: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(word, names, n=3, cutoff=0.5)
