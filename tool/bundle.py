"""Where the bundled graph, shapes and queries live.

In an installed wheel they ship as ``aikg/_bundled/<dir>``; in a checkout
(or an editable install) they are the top-level folders next to ``tool/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def root() -> Path:
    """The folder holding ``ontology/``, ``data/``, ``queries/`` and ``seeds/``."""
    installed = _PACKAGE_DIR / "_bundled"
    if (installed / "ontology").is_dir():
        return installed
    return _PACKAGE_DIR.parent


def _files(folder: str, pattern: str) -> list[Path]:
    return sorted((root() / folder).glob(pattern))


def ontology_files() -> list[Path]:
    """The ontology and its alignment files (not the shapes)."""
    return _files("ontology", "*.ttl")


def data_files() -> list[Path]:
    """The encoded facts (``data/``) and the source records (``seeds/``)."""
    return _files("data", "*.ttl") + _files("seeds", "*.ttl")


def graph_files() -> list[Path]:
    """Everything the bundled graph is made of: ontology, data and seeds."""
    return ontology_files() + data_files()


def shape_files() -> list[Path]:
    return _files("ontology/shapes", "*.ttl")


def queries_dir() -> Path:
    return root() / "queries"
