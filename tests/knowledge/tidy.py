"""Tidiness rules for the bundled Turtle files, and a fixer.

A tidy file is: ``@prefix`` lines sorted by prefix name, one blank line, then
subject blocks separated by one blank line, each starting at column 0. An
``owl:Ontology`` header block may come first; the other blocks are sorted by
their subject as written and no subject appears twice. Every declared prefix
is used, no line has trailing spaces, and the file ends with one newline.
Sorted blocks keep diffs small and make a duplicated subject impossible.

Run ``python tests/knowledge/tidy.py --fix FILE...`` to sort the prefixes and
blocks of files in place (comments inside blocks are kept with their block).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_PREFIX = re.compile(r"^@prefix ([A-Za-z][\w-]*)?: <[^>]*> \.$")


def _split(text: str) -> tuple[list[str], list[str]]:
    lines = text.split("\n")
    prefixes: list[str] = []
    i = 0
    while i < len(lines) and lines[i].startswith("@prefix"):
        prefixes.append(lines[i])
        i += 1
    body = "\n".join(lines[i:]).strip("\n")
    blocks = [b for b in re.split(r"\n\n+", body) if b.strip()] if body else []
    return prefixes, blocks


def _subject(block: str) -> str:
    first = next(line for line in block.split("\n") if not line.startswith("#"))
    return first.split()[0]


def _is_header(block: str) -> bool:
    return "a owl:Ontology" in block.split("\n")[0] or block.split("\n")[0].rstrip().endswith("owl:Ontology ;")


def problems(path: Path) -> list[str]:
    """What keeps ``path`` from being tidy (empty when it is tidy)."""
    text = path.read_text(encoding="utf-8")
    found: list[str] = []
    if not text.endswith("\n") or text.endswith("\n\n"):
        found.append("file must end with exactly one newline")
    for number, line in enumerate(text.split("\n"), 1):
        if line != line.rstrip():
            found.append(f"line {number}: trailing whitespace")
    prefixes, blocks = _split(text)
    if not prefixes:
        found.append("no @prefix lines at the top")
    for line in prefixes:
        if not _PREFIX.match(line):
            found.append(f"malformed prefix line: {line}")
    names = [line.split()[1] for line in prefixes]
    if names != sorted(names):
        found.append("@prefix lines are not sorted by prefix name")
    if prefixes and not text.split("\n")[len(prefixes)] == "":
        found.append("the prefix lines must be followed by one blank line")
    if "\n\n\n" in text:
        found.append("two blank lines in a row")
    body = "\n\n".join(blocks)
    for name in names:
        if not re.search(rf"(?<![\w-]){re.escape(name)}(?=[A-Za-z0-9_(]|\s|\b)", body):
            found.append(f"prefix {name} is declared but never used")
    if blocks and _is_header(blocks[0]):
        blocks = blocks[1:]
    subjects = [_subject(b) for b in blocks]
    for block in blocks:
        if block[0].isspace():
            found.append(f"block does not start at column 0: {block.split(chr(10))[0]!r}")
    seen = set()
    for subject in subjects:
        if subject in seen:
            found.append(f"subject {subject} has more than one block")
        seen.add(subject)
    if subjects != sorted(subjects):
        for a, b in zip(subjects, subjects[1:]):
            if a > b:
                found.append(f"subjects not sorted: {a} comes before {b}")
                break
    return found


def fix(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    prefixes, blocks = _split(text)
    header = [b for b in blocks[:1] if _is_header(b)]
    rest = sorted((b.rstrip() for b in blocks[len(header):]), key=_subject)
    prefixes = sorted(set(prefixes), key=lambda line: line.split()[1])
    out = "\n".join(prefixes) + "\n\n" + "\n\n".join(header + rest) + "\n"
    out = "\n".join(line.rstrip() for line in out.split("\n"))
    path.write_text(out, encoding="utf-8")


if __name__ == "__main__":
    args = sys.argv[1:]
    do_fix = "--fix" in args
    bad = 0
    for name in (a for a in args if a != "--fix"):
        p = Path(name)
        if do_fix:
            fix(p)
        for problem in problems(p):
            bad += 1
            print(f"{p}: {problem}")
    sys.exit(1 if bad else 0)
