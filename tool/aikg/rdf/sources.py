"""Inputs: the user's files, standard input, or the bundled graph's files, each with its format.

An operation's inputs are one :class:`Inputs` value, resolved once by
:func:`resolve_inputs` (``aikg.api`` builds it from the user's paths, the
input format and the bundled part read beside them): each :class:`Source`
knows its path, format, name for messages, file status (size, kind), whether
it is a bundled file and its base IRI, so no reader stats or resolves a path
again. The bytes read from a file are kept with the value (up to the stream
limit) and the prefixes and base a Turtle/TriG input declares are read from
those same bytes, so a command that reads an input twice (its prefixes, then
its triples) opens it once; standard input and FIFOs are read once per process.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from functools import cache
from pathlib import Path
from typing import NamedTuple

from aikg import bundle
from aikg.errors import InputError
from aikg.limits import STDIN_BYTES
from aikg.rdf.formats import RdfFormat, guess_format

STDIN = "-"


STDIN_BASE = "urn:aikg:stdin:"


class Source(NamedTuple):  # not a frozen dataclass: on every command's start-up path, and cheaper to make
    """One input, resolved: a file path or ``-`` for standard input, its format and what its status says."""

    path: str
    format: RdfFormat
    display: str | None = None  # shorter name for messages (bundled files)
    status: os.stat_result | None = None  # the file's, taken once; None for standard input
    bundled: bool = False  # a file of the bundled graph, in its own format: its parse may come from the cache
    base_iri: str = STDIN_BASE  # the file's URI, against which its relative IRIs resolve

    @property
    def label(self) -> str:
        return "<stdin>" if self.path == STDIN else (self.display or self.path)

    @property
    def stream(self) -> bool:
        """Standard input, a FIFO, ``<(cmd)`` or a device: read once, bounded, never streamed from disk."""
        return self.status is None or not stat.S_ISREG(self.status.st_mode)

    @property
    def size(self) -> int | None:
        """Bytes in the file (None for a stream, whose size is known once read)."""
        return None if self.stream else self.status.st_size


class Declared(NamedTuple):
    """The prefixes (prefix → namespace IRI, the last declaration of each) and the first base a document declares."""

    prefixes: dict[str, str]
    base: str | None


_NOTHING_DECLARED = Declared({}, None)


_PREFIX_DECLARATION = re.compile(r"(?im)^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>")


_BASE_DECLARATION = re.compile(r"(?im)^\s*@?base\s+<([^>]*)>")


class Inputs:
    """An operation's inputs, resolved once: the user's sources first (``user`` of them), then the
    bundled part read beside them (or, when the user gave none, the bundled graph alone).

    Iterating gives the Sources; a slice is an ``Inputs`` sharing the bytes read and
    the declarations found. ``cache_entry`` is kept by :mod:`aikg.rdf.cache` (read once per value).
    The value is a snapshot for one operation: the files' status is taken when it is made, and
    what it read is what every later reader sees.
    """

    __slots__ = ("sources", "user", "cache_entry", "_kept", "_declared")

    def __init__(self, sources, user: int = 0, _kept: dict | None = None, _declared: dict | None = None):
        self.sources: tuple[Source, ...] = tuple(sources)
        self.user = user
        self.cache_entry: object = None  # None: not looked up yet; False: no entry
        self._kept: dict[Source, bytes] = {} if _kept is None else _kept
        self._declared: dict[Source, Declared] = {} if _declared is None else _declared

    def __iter__(self):
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self.sources[index]
        user = sum(1 for i in range(len(self.sources))[index] if i < self.user)
        return Inputs(self.sources[index], user, self._kept, self._declared)

    def __repr__(self) -> str:
        return f"Inputs({[s.label for s in self.sources]!r}, user={self.user})"

    @property
    def examined(self) -> Inputs:
        """What the user asked about: their inputs, or the bundled graph when they gave none."""
        return self[: self.user] if self.user else self

    @property
    def background(self) -> Inputs:
        """The bundled part read beside the user's inputs (nothing when there are none)."""
        return self[self.user:] if self.user else self[:0]

    def bundled_files(self) -> list[Path] | None:
        """The files when every input is a bundled graph file in its own format (cacheable), else None."""
        if self.sources and all(source.bundled for source in self.sources):
            return [Path(source.path) for source in self.sources]
        return None

    def read(self, source: Source) -> bytes:
        """The bytes of ``source``, read once: a file's are kept with this value (up to the stream limit)."""
        if source.stream:
            return read_bytes(source)  # standard input and FIFOs: kept per process, see read_bytes
        data = self._kept.get(source)
        if data is None:
            data = read_bytes(source)
            if len(data) <= STDIN_BYTES.value():
                self._kept[source] = data
        return data

    def declared(self, source: Source) -> Declared:
        """The prefixes and base a Turtle or TriG input declares, found in the bytes it is parsed from."""
        if source.format.name not in ("turtle", "trig"):
            return _NOTHING_DECLARED
        found = self._declared.get(source)
        if found is None:
            text = self.read(source).decode("utf-8", "replace")
            base = _BASE_DECLARATION.search(text)
            found = Declared(dict(_PREFIX_DECLARATION.findall(text)), base.group(1) if base else None)
            self._declared[source] = found
        return found


def resolve_inputs(paths, input_format: str | None = None, user: int | None = None) -> Inputs:
    """The one place paths become Sources: each stat'd and resolved once, here.

    ``paths``: the user's (``-`` for standard input) followed by bundled
    ones; ``user`` counts the user's (default: all). No paths: the bundled
    graph. Paths already resolved (Sources) are kept as they are.
    """
    paths = list(paths or ())
    if not paths:
        return Inputs([_bundled_source(path) for path in bundle.graph_files()], 0)
    return Inputs([_resolved(path, input_format) for path in paths], len(paths) if user is None else user)


def as_inputs(inputs, input_format: str | None = None) -> Inputs:
    """``inputs`` when it is an Inputs value, else the paths resolved (for Python callers giving paths)."""
    return inputs if isinstance(inputs, Inputs) else resolve_inputs(inputs, input_format)


def _bundled_source(path: Path) -> Source:
    """A file of the bundle, as bundle lists it (absolute, under the resolved root): nothing to resolve."""
    return Source(str(path), guess_format(path), str(path.relative_to(bundle.root())), _status(str(path)),
                  _bundle_files().get(path, False), path.as_uri())


@cache
def _bundle_files() -> dict[Path, bool]:
    """The bundle's RDF files (listed once per process, as bundle lists them), each with whether it is a graph file."""
    return {**dict.fromkeys(bundle.shape_files(), False), **dict.fromkeys(bundle.graph_files(), True)}


def _resolved(path, input_format: str | None) -> Source:
    if isinstance(path, Source):
        return path
    if isinstance(path, Path) and path in _bundle_files():
        return _bundled_source(path)
    name = str(path)
    if name == STDIN:
        return Source(STDIN, guess_format("stdin.ttl", input_format))
    if "://" in name and not os.path.exists(name):
        shown = re.sub(r"://[^/@]*@", "://…@", name)  # never echo a password given in the URL
        raise InputError(f"{shown}: URLs are not read as input", hint="download the file and pass its path")
    status = _status(name)
    resolved = Path(os.path.realpath(name))  # not Path.resolve, which stats the file again
    project_name = _project_name(resolved) if isinstance(path, Path) else None
    if project_name:  # a file of the project given as a Path (the api's callers): its own format
        fmt = guess_format(resolved)
    else:  # a FIFO or <(cmd) has no extension: Turtle, as for stdin
        fmt = guess_format("stream.ttl" if not stat.S_ISREG(status.st_mode) and not resolved.suffix else name, input_format)
    bundled = _bundle_files().get(resolved, False) and fmt == guess_format(resolved)
    return Source(name, fmt, project_name, status, bundled, resolved.as_uri())


def _project_name(resolved: Path) -> str | None:
    """The project path of a file inside the project (for messages), else None."""
    try:
        return str(resolved.relative_to(bundle.root()))
    except ValueError:
        return None


def _status(path: str) -> os.stat_result:
    """The file's status; InputError saying why ``path`` cannot be read (FIFOs, ``<(cmd)`` and devices can)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        hint = "check the path; use - to read standard input"
        raise InputError(f"{path}: no such file" + (" (a broken symbolic link)" if os.path.islink(path) else ""), hint=hint) from None
    except OSError as exc:
        reason = "a symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror
        raise InputError(f"{path}: cannot read: {reason}") from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(f"{path}: is a folder, not a file", hint="give the RDF files inside it")
    return status


_stdin_cache: tuple[object, bytes] | None = None  # (the stdin object read, its bytes)


_stream_cache: dict[str, bytes] = {}  # FIFOs can be read once too


_CHUNK = 1 << 20


def read_bytes(source: Source) -> bytes:
    """The bytes of ``source`` (a stream's from its per-process cache); readers go through :meth:`Inputs.read`."""
    global _stdin_cache
    if source.path == STDIN:
        # stdin can be read once; keep it for a second pass (e.g. check + load),
        # but only for the same stdin (a notebook or test may swap it).
        if _stdin_cache is None or _stdin_cache[0] is not sys.stdin:
            _stdin_cache = (sys.stdin, read_bounded(sys.stdin.buffer, "standard input"))
        return _stdin_cache[1]
    try:
        if source.stream:
            if source.path not in _stream_cache:
                with open(source.path, "rb") as handle:
                    _stream_cache[source.path] = read_bounded(handle, source.path)
            return _stream_cache[source.path]
        return Path(source.path).read_bytes()
    except OSError as exc:
        raise InputError(f"{source.path}: cannot read: {exc.strerror}") from None


def read_bounded(handle, name: str) -> bytes:
    """All of ``handle``, read in chunks (so Ctrl-C stops it) up to the stdin limit."""
    limit = STDIN_BYTES.value()
    chunks, size = [], 0
    while chunk := handle.read(min(_CHUNK, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(f"{name}: more than {limit:,} bytes, the limit for a stream ({STDIN_BYTES.variable})",
                             hint=f"save it to a file and pass its path, or raise {STDIN_BYTES.variable}")
    return b"".join(chunks)
