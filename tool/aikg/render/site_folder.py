"""The folder a static site is written to: built beside the target and renamed into place.

A failed run never leaves half a site, and a rerun replaces only a folder an
earlier run wrote (its marker lists the files it may replace).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from aikg.errors import InputError, UsageError

MARKER = ".aikg-report"  # marks a folder this command wrote, and may therefore replace


def build_in_place(target, fill: Callable[[Path], object]):
    """Run ``fill(folder)`` on a new folder beside ``target``, then put it at ``target`` in one rename; ``fill``'s value."""
    target = Path(target)
    _check_target(target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{target}: the folder {parent} does not exist")
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    try:
        filled = fill(building)
        _write_marker(building)
        _swap_into_place(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return filled


def _check_target(target: Path) -> None:
    """Refuse to replace anything but a folder holding only an earlier report's files (listed in its marker)."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder", hint="give a folder for the site")
    if not target.is_dir() or not any(target.iterdir()):
        return
    if not (target / MARKER).is_file():
        raise UsageError(
            f"{target}: refusing to replace a folder that aikg report did not write",
            hint="give a new or empty folder",
        )
    listed = set((target / MARKER).read_text(encoding="utf-8", errors="replace").splitlines()[1:])
    others = sorted(name for name in _files_in(target) if name not in listed and name != MARKER)
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise UsageError(
            f"{target}: refusing to replace an earlier report that now holds other files too ({shown})",
            hint="move those files out, or give another folder",
        )


def _files_in(folder: Path) -> list[str]:
    return [path.relative_to(folder).as_posix() for path in folder.rglob("*") if not path.is_dir()]


def _write_marker(folder: Path) -> None:
    """The marker: a line saying what it is, then every file of the site (what a rerun may replace)."""
    files = sorted(_files_in(folder))
    (folder / MARKER).write_text("written by aikg report; replaced whole by a rerun when it holds only these files:\n"
                                 + "".join(f"{name}\n" for name in files), encoding="utf-8")


def _swap_into_place(building: Path, target: Path) -> None:
    os.chmod(building, 0o755)  # mkdtemp's 0700 would hide the site from a web server
    if not target.exists():
        os.replace(building, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=building.parent))
    os.replace(target, old / "site")
    try:
        os.replace(building, target)
    except BaseException:
        os.replace(old / "site", target)  # put the previous site back
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
