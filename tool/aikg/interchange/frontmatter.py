"""The YAML metadata block at the top of a model card, read with the file line of every key and item.

PyYAML is imported here only, when a card is read: the rest of aikg never needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aikg.errors import Diagnostic

_FENCE = re.compile(r"^---[ \t]*$")


@dataclass(frozen=True)
class Located:
    """A metadata value and the file line it is written on. Scalars are strings (or None);
    lists are lists of Located; mappings are dicts of str to Located."""

    value: object
    line: int


@dataclass
class FrontMatter:
    fields: dict[str, Located]
    diagnostics: list[Diagnostic]


class NoFrontMatter(Exception):
    """The card has no metadata block."""


def read_front_matter(text: str, source: str) -> FrontMatter:
    """The card's metadata with file lines; raises ``SyntaxProblems`` when the block cannot be read."""
    from aikg.errors import SyntaxProblems

    notes: list[Diagnostic] = []
    if "\r\n" in text:
        notes.append(Diagnostic(source, 1, None, "CRLF line endings; read as LF", severity="warning"))
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next((n for n, line in enumerate(lines) if line.strip()), None)
    if start is None or not _FENCE.match(lines[start]):
        raise NoFrontMatter()
    if start > 0:
        notes.append(Diagnostic(source, start + 1, None, "the metadata block does not begin on line 1 "
                                "(the Hub may not read it); read anyway", severity="warning"))
    end = next((n for n in range(start + 1, len(lines)) if _FENCE.match(lines[n])), None)
    if end is None:
        raise SyntaxProblems([Diagnostic(source, start + 1, 1, "the metadata block opened here is never closed with ---",
                                         hint="end the YAML block with a line holding only ---")])
    block = "\n".join(lines[start + 1:end])
    return FrontMatter(_parse(block, source, first_line=start + 2), notes)


def _parse(block: str, source: str, first_line: int) -> dict[str, Located]:
    import yaml

    from aikg.errors import SyntaxProblems

    try:
        node = yaml.compose(block, Loader=yaml.SafeLoader)
    except RecursionError:
        raise SyntaxProblems([Diagnostic(source, first_line, None, "metadata YAML is nested too deeply to read")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark else first_line
        column = mark.column + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        text_line = block.split("\n")[mark.line] if mark and mark.line < len(block.split("\n")) else None
        raise SyntaxProblems([Diagnostic(source, line, column, f"metadata YAML does not parse: {problem}",
                                         text_line=text_line, hint="fix the YAML between the --- lines")])
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise SyntaxProblems([Diagnostic(source, first_line + node.start_mark.line, None,
                                         "the metadata block is not a mapping of keys to values")])
    try:
        return _value(node, first_line, {}, 0).value
    except _TooDeep:
        raise SyntaxProblems([Diagnostic(source, first_line, None, f"metadata YAML is nested more than {_MAX_DEPTH} "
                                         "levels deep (or an alias refers to itself)")]) from None


_MAX_DEPTH = 50  # card metadata is a few levels deep; deeper means a hostile or broken block


class _TooDeep(Exception):
    pass


def _value(node, first_line: int, seen: dict, depth: int) -> Located:
    """The node as Located values; an aliased node is read once (``seen``), so aliases cannot blow up."""
    import yaml

    if id(node) in seen:
        return seen[id(node)]
    if depth > _MAX_DEPTH:
        raise _TooDeep()
    line = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        located = Located({str(_value(k, first_line, seen, depth + 1).value): _value(v, first_line, seen, depth + 1)
                           for k, v in node.value}, line)
    elif isinstance(node, yaml.SequenceNode):
        located = Located([_value(item, first_line, seen, depth + 1) for item in node.value], line)
    else:
        located = _scalar(node, line)
    seen[id(node)] = located
    return located


def _scalar(node, line: int) -> Located:
    if node.tag == "tag:yaml.org,2002:null" or (node.value == "" and node.style is None):
        return Located(None, line)
    return Located(str(node.value), line)
