"""A cache of the parsed bundled graph: one N-Quads file in the user's cache folder.

Parsing the bundled Turtle strictly costs more than the rest of a catalogue
query; pyoxigraph reads N-Quads it wrote itself several times faster. The
file is named by a hash of the bundled files' bytes (and pyoxigraph's
version), so an edited file gets a new cache entry and a stale one is never
read. It is written to a temporary file and renamed into place, so
concurrent runs never see half a file; where the folder cannot be written
(a read-only home) aikg parses the files as it would without a cache.
``AIKG_CACHE_DIR`` names another folder; ``AIKG_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from aikg import bundle


def cache_folder() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    configured = os.environ.get("AIKG_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aikg"


def bundled_only(paths) -> list[Path] | None:
    """The files ``paths`` names when every one is a bundled graph file (none: the whole
    bundled graph), else None."""
    bundled = bundle.graph_files()
    if not paths:
        return bundled
    files = [Path(p).resolve() for p in paths if isinstance(p, (str, Path)) and str(p) != "-"]
    known = {p.resolve() for p in bundled}
    return files if len(files) == len(list(paths)) and all(f in known for f in files) else None


def bundle_digest(files: list[Path] | None = None) -> str:
    """A hash of the bundled files (name and bytes, in order) and the pyoxigraph version."""
    digest = hashlib.sha256(ox.__version__.encode())
    root = bundle.root().resolve()
    for path in bundle.graph_files() if files is None else files:
        digest.update(str(path.resolve().relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cached_bundle_store(files: list[Path], build):
    """The Store of bundled ``files``: read from the cache, or ``build()`` and cached for next time."""
    folder = cache_folder()
    if folder is None:
        return build()
    entry = folder / f"bundled-{bundle_digest(files)}.nq"
    if entry.is_file():
        store = ox.Store()
        try:
            store.bulk_load(path=str(entry), format=ox.RdfFormat.N_QUADS)
            return store
        except (OSError, SyntaxError, ValueError):  # unreadable or damaged: parse afresh
            pass
    store = build()
    _write(entry, store)
    return store


def _write(entry: Path, store) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".bundled-", suffix=".tmp")
    except OSError:
        return  # a read-only home: no cache, same answers
    try:
        with os.fdopen(handle, "wb") as out:
            ox.serialize(store, out, format=ox.RdfFormat.N_QUADS)
        os.replace(temporary, entry)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
