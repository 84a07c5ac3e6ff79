"""Hugging Face repository ids: reading them from card metadata and from where a card lies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
REPO_ID = re.compile(rf"^(?:{_NAME}/)?{_NAME}$")
_HUB_URL = re.compile(rf"^https?://(?:www\.)?huggingface\.co/({_NAME}/{_NAME})(?:/(?:tree|blob|resolve)/[^\s]*)?/?$")
_CACHE_DIR = re.compile(rf"^models--({_NAME})--({_NAME})$")
_DOUBLE_DASH = re.compile(rf"^({_NAME}?[A-Za-z0-9])--({_NAME})$")
_SHA = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class RepoRef:
    """A repo id as read, and why it was read that way (a warning), or why it cannot be used."""

    repo_id: str | None
    warning: str | None = None


def read_repo_id(written: str) -> RepoRef:
    """A ``base_model``-style value as a repo id: kept as written where usable, with a warning where messy."""
    value = written.strip()
    url = _HUB_URL.match(value)
    if url:
        return RepoRef(url.group(1), f"{value!r} is a URL, not a repo id; read as {url.group(1)}")
    if value.startswith(("/", "./", "../", "~", "file:")) or "\\" in value or value.count("/") > 1:
        return RepoRef(None, f"{value!r} looks like a local path, not a Hub repo id; skipped")
    if value.startswith(("http://", "https://")):
        return RepoRef(None, f"{value!r} is a URL outside the Hub; skipped")
    if not REPO_ID.match(value):
        return RepoRef(None, f"{value!r} is not a Hub repo id (namespace/name); skipped")
    if "/" not in value:
        return RepoRef(value, f"{value!r} has no namespace; kept as written (its developer is not known)")
    return RepoRef(value)


@dataclass(frozen=True)
class CardLocation:
    """The repository a card file belongs to, and its revision when the path shows one."""

    repo_id: str | None
    revision: str | None = None


def locate_card(path: Path, root: Path | None) -> CardLocation:
    """Repo id (and revision) from a card's path: a Hub cache folder ``models--NS--NAME/snapshots/SHA``,
    a file or folder named ``NS--NAME``, or ``NS/NAME/README.md`` under the folder given (``root``)
    or as a relative path."""
    parts = path.resolve().parts
    for index, part in enumerate(parts):
        cache = _CACHE_DIR.match(part)
        if cache:
            rest = parts[index + 1:]
            revision = rest[1] if len(rest) > 2 and rest[0] == "snapshots" and _SHA.match(rest[1]) else None
            return CardLocation(f"{cache.group(1)}/{cache.group(2)}", revision)
    for name in (path.stem, path.parent.name):
        named = _DOUBLE_DASH.match(name)
        if named:
            return CardLocation(f"{named.group(1)}/{named.group(2)}")
    if root is not None and path.is_relative_to(root):
        folders = ((root.resolve().name,) + path.parent.relative_to(root).parts)[-2:]  # NS/ given as the folder
    else:  # a file named on its own: only a relative NS/NAME/README.md says its repository
        folders = path.parent.parts if not path.is_absolute() and len(path.parent.parts) == 2 else ()
    if len(folders) == 2 and all(REPO_ID.match(f) for f in folders):
        return CardLocation(f"{folders[0]}/{folders[1]}")
    return CardLocation(None)
