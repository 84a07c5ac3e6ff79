"""A cache of the parsed bundled graph: one N-Quads file in the user's cache folder.

Reading the bundled graph is most of a catalogue query's work; from its own
N-Quads pyoxigraph builds the store faster than from the strict Turtle parse,
and the entry also keeps the prefixes the files declare, so a query need not
read the files at all.

An entry is named and checked by a key made of what any change to a bundled
file changes: each file's absolute path (the base of its relative IRIs),
size, inode, modification and change times (ns), plus pyoxigraph's version.
That is CPython's ``.pyc`` check (mtime and size) with the inode and ctime
added, which copying, checking out or editing a file always changes and no
tool can set back. Hashing the bytes instead would read and hash every file
on every run, costing more than half of what the cache saves. The one blind
spot of any time-based check, two same-size writes within one tick of the
file-system clock, is closed as git closes it: files changed in the last
:data:`SETTLE_SECONDS` are parsed but not cached.

Writing an entry removes the entries it supersedes: those for the same
files (by path) under an older key, left by an edit or another pyoxigraph,
so the folder holds one entry per installation, not one per edit.

Each entry starts with comment lines: the full key (compared byte for byte,
so two keys sharing a name never mix), the prefixes, and the number of quads
(compared after loading, so a truncated entry is never used). Entries are
written to a temporary file and renamed into place, so concurrent runs never
see half a file; where the folder cannot be written (a read-only home) aikg
parses the files as it would without a cache. ``AIKG_CACHE_DIR`` names
another folder; ``AIKG_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pyoxigraph as ox
from aikg.rdf.sources import as_inputs

SETTLE_SECONDS = 2.0


_FORMAT = "# aikg bundled-graph cache 2\n"


_PREFIX = re.compile(r"# prefix ([\w.-]*) <([^>\n]*)>\n")


_QUADS = re.compile(r"# quads (\d+)\n")


_FILE_PATH = re.compile(r"^# file \d+ \d+ \d+ \d+ (.*)$", re.MULTILINE)


def cache_folder() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    configured = os.environ.get("AIKG_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aikg"


def cache_key(files) -> str:
    """The header lines naming ``files`` (bundled Paths, or an Inputs value and the status it took) as they are now
    (see the module doc)."""
    lines = [_FORMAT, f"# pyoxigraph {ox.__version__}\n"]
    for source in as_inputs(files):
        status = source.status
        lines.append(f"# file {status.st_size} {status.st_ino} {status.st_mtime_ns} {status.st_ctime_ns} {os.fsencode(source.path)!r}\n")
    return "".join(lines)


class Entry:
    """A cache entry whose key matched: its file, the prefixes it keeps and its quad count."""

    __slots__ = ("path", "prefixes", "quads")

    def __init__(self, path: Path, prefixes: dict[str, str], quads: int):
        self.path, self.prefixes, self.quads = path, prefixes, quads


def entry_path(folder: Path, key: str) -> Path:
    import zlib  # a name, not a check: the whole key is compared on reading

    return folder / f"bundled-{zlib.crc32(key.encode()):08x}.nq"


def read_entry(files) -> Entry | None:
    """The valid entry for ``files`` (bundled Paths or an Inputs value), or None (no cache, no entry,
    another key, a damaged header). An Inputs value looks once and keeps what it found."""
    inputs = as_inputs(files)
    if inputs.cache_entry is None:
        inputs.cache_entry = _looked_up(inputs) or False
    return inputs.cache_entry or None


def _looked_up(files) -> Entry | None:
    folder = cache_folder()
    if folder is None:
        return None
    key = cache_key(files)
    path = entry_path(folder, key)
    try:
        with open(path, encoding="utf-8", newline="\n") as handle:
            if handle.read(len(key)) != key:
                return None
            prefixes, line = {}, handle.readline()
            while (prefix := _PREFIX.fullmatch(line)) is not None:
                prefixes[prefix.group(1)] = prefix.group(2)
                line = handle.readline()
    except (OSError, UnicodeDecodeError):
        return None
    quads = _QUADS.fullmatch(line)
    return Entry(path, prefixes, int(quads.group(1))) if quads else None


def cached_prefixes(files, read):
    """The prefixes bundled ``files`` declare: from their cache entry, or ``read()``."""
    entry = read_entry(files)
    return dict(entry.prefixes) if entry else read()


def cached_bundle_store(files, build, prefixes):
    """The Store of bundled ``files``: read from the cache, or ``build()`` and cached with
    ``prefixes()`` (the prefixes the files declare) for next time."""
    files = as_inputs(files)
    entry = read_entry(files)
    if entry is not None:
        store = ox.Store()
        try:
            # Lenient: the entry is pyoxigraph's own output of a strict parse, its key and count checked.
            # load, not bulk_load: faster into an in-memory store (6.4 ms against 7.8 on this graph).
            store.load(path=str(entry.path), format=ox.RdfFormat.N_QUADS, lenient=True)
            if len(store) == entry.quads:
                return store
        except (OSError, SyntaxError, ValueError):  # unreadable or damaged: parse afresh
            pass
    folder = cache_folder()
    key = cache_key(files) if folder else ""
    store = build()
    if folder and _settled(files):
        entry = entry_path(folder, key)
        if _write(entry, _header(key, prefixes(), len(store)), store):
            _remove_superseded(folder, key, entry)
    return store


def _settled(files) -> bool:
    """No file changed within SETTLE_SECONDS: a later change is sure to change its times."""
    newest = max((max(s.status.st_mtime_ns, s.status.st_ctime_ns) for s in files), default=0)
    return time.time_ns() - newest > SETTLE_SECONDS * 1e9


def _header(key: str, prefixes: dict[str, str], quads: int) -> str | None:
    """The entry's comment lines; None when a prefix would not read back as written."""
    lines = [f"# prefix {name} <{iri}>\n" for name, iri in prefixes.items()]
    if any(_PREFIX.fullmatch(line) is None for line in lines):
        return None
    return key + "".join(lines) + f"# quads {quads}\n"


def _write(entry: Path, header: str | None, store) -> bool:
    """Whether the entry was written."""
    import tempfile

    if header is None:
        return False
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".bundled-", suffix=".tmp")
    except OSError:
        return False  # a read-only home: no cache, same answers
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(header.encode("utf-8"))
            ox.serialize(store, out, format=ox.RdfFormat.N_QUADS)
        os.replace(temporary, entry)
        return True
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False


def _remove_superseded(folder: Path, key: str, kept: Path) -> None:
    """Remove the other entries for the same files (by path): an older key of this installation.

    Another run that still wants one parses afresh; nothing is lost.
    """
    paths = _FILE_PATH.findall(key)
    for other in folder.glob("bundled-*.nq"):
        if other == kept:
            continue
        try:
            with open(other, encoding="utf-8", errors="replace") as handle:
                head = handle.read(len(key) + 4096)
        except OSError:
            continue
        if _FILE_PATH.findall(head) == paths:  # only key lines start "# file"
            other.unlink(missing_ok=True)
