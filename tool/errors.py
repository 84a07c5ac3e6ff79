"""The one exception hierarchy of aikg.

Each class carries the exit code the CLI turns it into (see README,
"Exit codes"). Messages say what went wrong, where, and what to do; they
are rendered only at the CLI edge.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_STORE = 4
EXIT_INTERNAL = 5


@dataclass(frozen=True)
class Diagnostic:
    """One problem located in a file (or in a query given on the command line)."""

    source: str  # file path, "<stdin>", or "<query>"
    line: int | None
    column: int | None
    message: str
    text_line: str | None = None  # the offending line, for the caret display
    severity: str = "error"

    @property
    def location(self) -> str:
        if self.line is None:
            return self.source
        if self.column is None:
            return f"{self.source}:{self.line}"
        return f"{self.source}:{self.line}:{self.column}"

    def render(self) -> str:
        """``file:line:col: error: message`` plus the line and a caret."""
        head = f"{self.location}: {self.severity}: {self.message}"
        if self.text_line is None or self.column is None:
            return head
        shown = self.text_line.rstrip("\n").expandtabs(1)
        caret = " " * (max(self.column, 1) - 1) + "^"
        return f"{head}\n  {shown}\n  {caret}"

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
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
