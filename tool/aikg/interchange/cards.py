"""Reading model-card files and folders: one import for many cards, each bad file reported and skipped."""

from __future__ import annotations

import sys
from pathlib import Path

from aikg.errors import Diagnostic, InputError, SyntaxProblems
from aikg.interchange.builder import Imported, LineageGraph
from aikg.interchange.frontmatter import NoFrontMatter, read_front_matter
from aikg.interchange.hfcard import Card, import_card
from aikg.interchange.repoids import REPO_ID, locate_card

CARD_NAMES = ("README.md", "readme.md")


def card_files(paths) -> list[tuple[str, Path | None]]:
    """Each card to read with the folder it was found under: folders are searched for README.md
    (and ``NS--NAME.md``) files; ``-`` is standard input."""
    found = []
    for given in paths:
        if given == "-":
            found.append(("-", None))
            continue
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.md") if p.name in CARD_NAMES or "--" in p.stem)
            if not files:
                raise InputError(f"{given}: no model cards (README.md) in this folder")
            found += [(str(p), path) for p in files]
        elif path.is_file():
            found.append((given, None))
        else:
            raise InputError(f"{given}: no such file or folder")
    return found


def import_cards(paths, *, repo_id: str | None = None, revision: str | None = None) -> Imported:
    """The lineage every card declares, joined by repo id into one graph; a card that cannot be
    read gives an error diagnostic and the others are still imported."""
    files = card_files(paths)
    if repo_id is not None and len(files) != 1:
        raise InputError("--repo-id names the repository of one card; give exactly one card file",
                         hint="lay several cards out as NAMESPACE/NAME/README.md under one folder")
    out, diagnostics = LineageGraph(), []
    for name, root in files:
        diagnostics += _one_card(out, name, root, repo_id, revision)
    return Imported(out.store, diagnostics)


def _one_card(out: LineageGraph, name: str, root: Path | None, repo_id: str | None, revision: str | None) -> list[Diagnostic]:
    source = "<stdin>" if name == "-" else name
    location = locate_card(Path(name), root) if name != "-" else None
    repo = repo_id or (location.repo_id if location else None)
    if repo is None or not REPO_ID.match(repo):
        return [Diagnostic(source, None, None, "cannot tell which repository this card belongs to; skipped",
                           hint="give --repo-id NAMESPACE/NAME, or lay cards out as NAMESPACE/NAME/README.md")]
    try:
        text = _read(name)
        try:
            front = read_front_matter(text, source)
            fields, notes = front.fields, front.diagnostics
        except NoFrontMatter:
            fields, notes = None, []
    except SyntaxProblems as problems:
        return problems.diagnostics
    except OSError as error:
        return [Diagnostic(source, None, None, f"cannot read the card: {error.strerror}")]
    card = Card(source, repo, revision or (location.revision if location else None), out, list(notes))
    import_card(card, fields)
    return card.diagnostics


def _read(name: str) -> str:
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise SyntaxProblems([Diagnostic("<stdin>" if name == "-" else name, line, None,
                                         "the card is not UTF-8 text")])
