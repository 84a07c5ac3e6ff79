"""On-disk pyoxigraph databases: a big graph loaded once, queried many times."""

from __future__ import annotations

from pathlib import Path

from aikg.errors import InputError, StoreError


def open_database(path: str | Path):
    """The pyoxigraph Store in folder ``path``, opened read-only (queries never change it)."""
    import pyoxigraph as ox

    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{path}: no such database folder", hint="create it with: aikg load --db DIR FILE…")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the database: {exc}", hint="is it a folder made by 'aikg load --db'?") from None
