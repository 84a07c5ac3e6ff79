"""Writing outputs safely: all or nothing, never over an input, never over a device.

A regular file (or a new path) is written to a temporary file beside it and
renamed into place, so an interrupted run leaves the old file whole. A
device, a FIFO or ``/dev/stdout`` cannot be renamed over: it is written
directly. A symbolic link is followed and its target replaced.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from aikg.errors import InputError, UsageError, WriteFailed


def refuse_overwriting_inputs(output: str | Path, inputs) -> None:
    """UsageError when ``output`` is one of the files the command reads (inputs, shapes, query file)."""
    out = Path(output).resolve()
    for path in inputs or ():
        if str(path) != "-" and _same_file(Path(path), out):
            raise UsageError(
                f"{output}: refusing to write the output over {path}, which this command reads",
                hint="write to another file, then move it",
            )


def _same_file(path: Path, out: Path) -> bool:
    """Both exist and are one file (through links or other names); a catalogue query name is no file."""
    try:
        return os.path.samefile(path, out)
    except OSError:
        return False


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` all or nothing (see :func:`atomic_file`)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with atomic_file(path) as handle:
        handle.write(data)


@contextmanager
def atomic_file(path: str | Path):
    """A binary file to write: renamed over ``path`` only when the block succeeds,
    or, for a device, FIFO or /dev/stdout, ``path`` itself opened for writing.

    Outputs too large to hold in memory are streamed through it.
    """
    path = Path(path)
    target = _target(path)
    if target is None:
        with _failures_explained(path), _open_special(path) as handle:
            yield handle
        return
    folder = target.parent
    with _failures_explained(path):
        if not folder.is_dir():
            raise InputError(f"{path}: the folder {folder} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with _failures_explained(path):
            # mkstemp makes the file 0600; give it the mode the old file had, or the umask's.
            os.fchmod(fd, _mode_for(target))
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _target(path: Path) -> Path | None:
    """The regular file to replace (symbolic links followed), or None to write ``path`` directly."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return Path(os.path.realpath(path))  # a new file (through a dangling link: its target)
    except OSError as exc:
        raise InputError(f"{path}: cannot write there: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder", hint="give a file name for the output")
    real = os.path.realpath(path)
    named = os.path.abspath(path)
    if not stat.S_ISREG(mode) or any(p.startswith(("/proc/", "/dev/")) for p in (named, real)):
        return None  # a device, FIFO or socket; /dev/stdout even when the shell redirected it to a file
    return Path(real)


@contextmanager
def _open_special(path: Path):
    """``path`` opened for writing without truncating or replacing it; a FIFO nobody reads is refused.

    /dev/stdout or /dev/stderr redirected to a file is written through the
    descriptor the shell opened (its offset, its O_APPEND), not reopened.
    """
    for fd in (1, 2):
        if _same_file_as_descriptor(path, fd):
            with os.fdopen(os.dup(fd), "wb") as handle:
                yield handle
            return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(f"{path}: a FIFO that no process is reading", hint="start the reader first") from None
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as handle:
        yield handle


def _same_file_as_descriptor(path: Path, fd: int) -> bool:
    try:
        return os.path.samestat(os.stat(path), os.fstat(fd))
    except OSError:
        return False


# Failures of the disk, not of the path the user gave: a retry elsewhere or later may work.
_RESOURCE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG}


@contextmanager
def _failures_explained(path: Path):
    """OSError while writing ``path`` as an AikgError saying what happened (the old file is kept)."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or exc.errno is None:
            raise  # the reader went away: the CLI stops quietly
        if exc.errno in _RESOURCE_ERRORS:
            raise WriteFailed(f"{path}: writing failed: {exc.strerror}; nothing was replaced",
                             hint="free some space (or fix the disk) and run the command again") from None
        raise InputError(f"{path}: cannot write there: {exc.strerror}",
                         hint="give a path in a writable folder") from None


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
