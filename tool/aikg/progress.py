"""Progress of long steps (loading, reasoning, validation) on a terminal.

The library reports progress through a callback and never prints; the CLI
passes a :class:`Progress` writing to stderr when stderr is a terminal.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator


class Progress:
    """One line on stderr, rewritten at most every ``interval`` seconds."""

    def __init__(self, label: str, unit: str = "triples", stream=None, interval: float = 0.25):
        self.label, self.unit = label, unit
        self.stream = stream or sys.stderr
        self.interval = interval
        self.start = self.shown = time.monotonic()
        self.count = 0

    def __call__(self, count: int, note: str = "") -> None:
        """Report ``count`` units done so far (and an optional ``note``)."""
        self.count = count
        now = time.monotonic()
        if now - self.shown >= self.interval:
            self.shown = now
            self._show(note)

    def _show(self, note: str = "", end: str = "") -> None:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.count / elapsed
        extra = f", {note}" if note else ""
        self.stream.write(f"\r\033[K{self.label}: {self.count:,} {self.unit} ({rate:,.0f}/s{extra}) {elapsed:.1f} s{end}")
        self.stream.flush()

    def done(self, note: str = "") -> None:
        self._show(note, end="\n")


def for_terminal(label: str, unit: str = "triples") -> Progress | None:
    """A Progress when stderr is a terminal, else None (no output at all)."""
    return Progress(label, unit) if sys.stderr.isatty() else None


def counted(items: Iterable, progress, every: int = 10_000) -> Iterator:
    """``items`` unchanged, reporting the running count to ``progress`` (None: no reporting)."""
    if progress is None:
        yield from items
        return
    count = 0
    for count, item in enumerate(items, start=1):
        if count % every == 0:
            progress(count)
        yield item
    progress(count)
