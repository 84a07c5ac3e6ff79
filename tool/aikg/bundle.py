"""Where the bundled graph, shapes and queries live, and its two parts.

The bundled graph is the *model* — the ontology, its vocabularies and
alignments, and the license catalogue with the agents and source records it
needs (``data/model-*.ttl``) — plus the *article dataset*: the facts of the
Bloomberg article and their background (the other ``data/`` files and
``seeds/``). The model validates on its own and is the base for anyone's
data; the article dataset is one such data set.

In an installed wheel they ship as ``aikg/_bundled/<dir>``; in a checkout
(or an editable install) they are the top-level folders next to ``tool/`` (this file is ``tool/aikg/bundle.py``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from aikg.errors import UsageError

_PACKAGE_DIR = Path(__file__).resolve().parent

# What -i FILE is read with: the model (default), the whole bundled graph, or nothing else.
PARTS = ("model", "all", "none")
_MODEL_DATA = "model-*.ttl"


@cache
def root() -> Path:
    """The folder holding ``ontology/``, ``data/``, ``queries/`` and ``seeds/``."""
    installed = _PACKAGE_DIR / "_bundled"
    if (installed / "ontology").is_dir():
        return installed
    return _PACKAGE_DIR.parent.parent


def _files(folder: str, pattern: str) -> list[Path]:
    return list(_listed(folder, pattern))


@cache
def _listed(folder: str, pattern: str) -> tuple[Path, ...]:
    # Listed once per process: a command asks several times, and globbing is most of what resolving the bundled inputs costs.
    return tuple(sorted((root() / folder).glob(pattern)))


def ontology_files() -> list[Path]:
    """The ontology and its alignment files (not the shapes)."""
    return _files("ontology", "*.ttl")


def model_files() -> list[Path]:
    """The model: ontology, vocabularies, alignments and the license catalogue with its agents and sources."""
    return ontology_files() + _files("data", _MODEL_DATA)


def article_files() -> list[Path]:
    """The article dataset: the article's facts, their background and the source records (``seeds/``)."""
    model = set(_files("data", _MODEL_DATA))
    return [p for p in _files("data", "*.ttl") if p not in model] + _files("seeds", "*.ttl")


def graph_files() -> list[Path]:
    """Everything the bundled graph is made of: the model and the article dataset."""
    return model_files() + article_files()


def part_files(part: str) -> list[Path]:
    """The files of a bundled part: ``model``, ``all`` (the whole graph) or ``none``."""
    if part not in PARTS:
        raise ValueError(f"unknown bundled part {part!r}")
    return {"model": model_files, "all": graph_files, "none": list}[part]()


def shape_files() -> list[Path]:
    return _files("ontology/shapes", "*.ttl")


def template_file() -> Path:
    """The Turtle template for hand-written lineage data (README: Bring your own data)."""
    return root() / "data" / "templates" / "my-models.ttl"


def queries_dir() -> Path:
    return root() / "queries"


def with_bundled(paths, part: str | None, default: str = "model") -> list:
    """The user's ``paths`` followed by the files of the bundled ``part`` (``default`` when None).

    Without paths the bundled graph is read: the part given (``all`` when
    none); ``none`` then leaves nothing to read, a usage error.
    """
    paths = list(paths or ())
    if not paths:
        if part == "none":
            raise UsageError("--with none reads only the -i files: give at least one -i FILE")
        return part_files(part or "all")
    return paths + part_files(part or default)
