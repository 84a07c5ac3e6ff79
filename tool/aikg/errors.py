"""The one exception hierarchy of aikg.

Each class carries the exit code the CLI turns it into (see README,
"Exit codes"). Messages say what went wrong, where, and what to do; they
are rendered only at the CLI edge.
"""

from __future__ import annotations

import re
from typing import NamedTuple

EXIT_OK = 0


EXIT_FINDINGS = 1


EXIT_USAGE = 2


EXIT_BAD_INPUT = 3


EXIT_STORE = 4


EXIT_INTERNAL = 5


class Diagnostic(NamedTuple):  # not a frozen dataclass: every command imports this module, and this is cheaper to make
    """One problem located in a file (or in a query given on the command line)."""

    source: str  # file path, "<stdin>", or "<query>"
    line: int | None
    column: int | None
    message: str
    text_line: str | None = None  # the offending line, for the caret display
    severity: str = "error"
    hint: str | None = None  # what to do about it, when there is one thing to do

    @property
    def location(self) -> str:
        if self.line is None:
            return self.source
        if self.column is None:
            return f"{self.source}:{self.line}"
        return f"{self.source}:{self.line}:{self.column}"

    def render(self) -> str:
        """``file:line:col: error: message`` plus the line and a caret."""
        head = printable(f"{self.location}: {self.severity}: {self.message}")  # file names come from strangers too
        lines = [head]
        if self.text_line is not None and self.column is not None:
            shown, column = _window(printable(self.text_line.rstrip("\n").expandtabs(1)), max(self.column, 1))
            lines += [f"  {shown}", "  " + " " * (column - 1) + "^"]
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


# How the parsers count lines, so that a diagnostic shows the line it names.
# pyoxigraph's RDF parsers (Turtle, TriG, N-Triples, N-Quads, JSON-LD) and
# expat end a line at "\n", "\r\n" or a lone "\r"; the SPARQL parsers
# (pyoxigraph's, and rdflib's pyparsing) at "\n" only. None of them ends a line
# at a form feed, a vertical tab, U+0085 or U+2028, as str.splitlines() does.
RDF_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


SPARQL_LINE_BREAKS = re.compile(r"\n")


def source_line(text: str, line: int | None, *, breaks: re.Pattern) -> str | None:
    """Line ``line`` (1-based) of ``text`` without its line break, lines ending at ``breaks``;
    None when ``text`` has no such line."""
    if not line or line < 1:
        return None
    lines = breaks.split(text, maxsplit=line)
    return lines[line - 1].rstrip("\r") if len(lines) >= line else None


def locate(text: str, pattern: str, *, breaks: re.Pattern, after: bool = False) -> tuple[int | None, int | None]:
    """1-based line and column of the first match of ``pattern`` (or of its end), lines ending at ``breaks``."""
    found = re.search(pattern, text)
    if not found:
        return None, None
    index = found.end() if after else found.start()
    line, line_start = 1, 0
    for line_break in breaks.finditer(text, 0, index):
        line, line_start = line + 1, line_break.end()
    return line, index - line_start + 1


_SHOWN_WIDTH = 100


def _window(line: str, column: int) -> tuple[str, int]:
    """At most about _SHOWN_WIDTH characters of ``line`` around ``column`` (a 10 MB line stays readable)."""
    if len(line) <= _SHOWN_WIDTH:
        return line, column
    start = max(0, min(column - _SHOWN_WIDTH // 2, len(line) - _SHOWN_WIDTH))
    shown = line[start : start + _SHOWN_WIDTH]
    prefix = "…" if start else ""
    suffix = "…" if start + _SHOWN_WIDTH < len(line) else ""
    return prefix + shown + suffix, column - start + len(prefix)


def printable(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with control characters shown as U+FFFD, one for one: the one
    sanitiser for everything aikg prints for people (diagnostics, messages,
    tables, text reports, file names).

    Input comes from strangers: an escape sequence (ESC, OSC, BEL, C1) in a bad
    file must not reach the user's terminal, and the caret must stay aligned.
    ``keep_lines`` keeps line breaks, for multi-line tables and reports.
    """
    kept = "\t\n" if keep_lines else "\t"
    return _CONTROL.sub(lambda found: found.group().translate(_KEEP[kept]), text) if _CONTROL.search(text) else text


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]+")


_KEEP = {
    kept: {code: (chr(code) if chr(code) in kept else "\ufffd") for code in [*range(32), *range(127, 160)]}
    for kept in ("\t", "\t\n")
}


class AikgError(Exception):
    """Base of every error aikg raises on purpose."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(AikgError):
    """The command was called with options that do not fit together."""

    exit_code = EXIT_USAGE


class InputError(AikgError):
    """An input (file, query, parameter) cannot be used as given."""

    exit_code = EXIT_BAD_INPUT


class SyntaxProblems(InputError):
    """One or more inputs failed to parse; each problem is a Diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic], *, hint: str | None = None):
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0].render() if self.diagnostics else "syntax error"
        super().__init__(first, hint=hint)


class UnknownQuery(InputError):
    """A query name that is neither in the catalogue nor a file."""


class ParameterError(InputError):
    """A query parameter is missing, unknown, or has a value of the wrong type."""


class UnsafeInput(InputError):
    """Input asks for something aikg refuses by default (network access, updates)."""


class StoreError(AikgError):
    """A triple store or endpoint could not be reached or refused a request."""

    exit_code = EXIT_STORE


class TimeLimitReached(AikgError):
    """The work did not finish within --timeout.

    Exit 4, like a store that does not answer: no answer was obtained, the
    input is not known to be wrong, and a retry with more time may succeed.
    """

    exit_code = EXIT_STORE


class WriteFailed(AikgError):
    """The disk failed under a write (full, quota, I/O error); the previous output is kept.

    Exit 4, like a store failure: the request was fine, the machine could not
    carry it out, and a retry once space is freed may succeed.
    """

    exit_code = EXIT_STORE
