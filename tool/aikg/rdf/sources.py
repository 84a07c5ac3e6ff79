"""Inputs: the user's files, standard input, or the bundled graph's files, each with its format."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from pathlib import Path
from typing import NamedTuple

from aikg import bundle
from aikg.errors import InputError
from aikg.limits import STDIN_BYTES
from aikg.rdf.formats import RdfFormat, guess_format

STDIN = "-"


STDIN_BASE = "urn:aikg:stdin:"


class Source(NamedTuple):  # not a frozen dataclass: on every command's start-up path, and cheaper to make
    """One input: a file path or ``-`` for standard input, and its format."""

    path: str
    format: RdfFormat
    display: str | None = None  # shorter name for messages (bundled files)

    @property
    def label(self) -> str:
        return "<stdin>" if self.path == STDIN else (self.display or self.path)

    @property
    def base_iri(self) -> str:
        if self.path == STDIN:
            return STDIN_BASE
        return Path(self.path).resolve().as_uri()


def bundled_sources(files: list[Path]) -> list[Source]:
    """Sources for bundled files, named by their path in the project."""
    root = bundle.root()
    return [Source(str(p), guess_format(p), str(p.relative_to(root))) for p in files]


def _bundled_name(path: Path) -> str | None:
    """The project path of a bundled file (for messages), else None."""
    try:
        return str(path.resolve().relative_to(bundle.root()))
    except ValueError:
        return None


def sources_for(paths, input_format: str | None = None) -> list[Source]:
    """Sources for the user's paths, or the bundled graph's files when none."""
    if not paths:
        return bundled_sources(bundle.graph_files())
    sources = []
    for path in paths:
        if isinstance(path, Path) and (name := _bundled_name(path)):
            sources.append(Source(str(path), guess_format(path), name))
            continue
        path = str(path)
        if path == STDIN:
            fmt = guess_format("stdin.ttl", input_format)
        else:
            if "://" in path and not Path(path).exists():
                shown = re.sub(r"://[^/@]*@", "://…@", path)  # never echo a password given in the URL
                raise InputError(
                    f"{shown}: URLs are not read as input",
                    hint="download the file and pass its path",
                )
            _refuse_unreadable(path)
            # A FIFO or <(cmd) has no extension: Turtle, as for stdin.
            fmt = guess_format("stream.ttl" if is_stream(path) and not Path(path).suffix else path, input_format)
        sources.append(Source(path, fmt))
    return sources


def _refuse_unreadable(path: str) -> None:
    """InputError saying why ``path`` cannot be read; FIFOs, ``<(cmd)`` and devices are readable."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        hint = "check the path; use - to read standard input"
        raise InputError(f"{path}: no such file" + (" (a broken symbolic link)" if os.path.islink(path) else ""), hint=hint) from None
    except OSError as exc:
        reason = "a symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror
        raise InputError(f"{path}: cannot read: {reason}") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder, not a file", hint="give the RDF files inside it")


def is_stream(path: str) -> bool:
    """Standard input, a FIFO, ``<(cmd)`` or a device: read once, bounded, never streamed from disk."""
    if path == STDIN:
        return True
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


_stdin_cache: tuple[object, bytes] | None = None  # (the stdin object read, its bytes)


_stream_cache: dict[str, bytes] = {}  # FIFOs can be read once too


_CHUNK = 1 << 20


def read_bytes(source: Source) -> bytes:
    global _stdin_cache
    if source.path == STDIN:
        # stdin can be read once; keep it for a second pass (e.g. check + load),
        # but only for the same stdin (a notebook or test may swap it).
        if _stdin_cache is None or _stdin_cache[0] is not sys.stdin:
            _stdin_cache = (sys.stdin, read_bounded(sys.stdin.buffer, "standard input"))
        return _stdin_cache[1]
    try:
        if is_stream(source.path):
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
