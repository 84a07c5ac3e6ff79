"""Writing outputs safely: all or nothing, never over an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from aikg.errors import InputError, UsageError


def refuse_overwriting_inputs(output: str | Path, inputs) -> None:
    out = Path(output).resolve()
    for path in inputs or ():
        if str(path) != "-" and Path(path).resolve() == out:
            raise UsageError(
                f"{output}: refusing to write the output over one of the inputs",
                hint="write to another file, then move it",
            )


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write to a temporary file beside ``path``, then rename it into place.

    An interrupted or failed run leaves the old file (if any) untouched.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file 0600; give it the mode the old file had, or the umask's.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
