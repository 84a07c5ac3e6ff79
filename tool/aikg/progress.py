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
        """Report ``count`` units done so far (and an optional ``note``); the first report shows at once,
        so a step that then works for seconds in one native call (validation) is on screen meanwhile."""
        first = self.count == 0 and self.shown == self.start
        self.count = count
        now = time.monotonic()
        if first or now - self.shown >= self.interval:
            self.shown = now
            self._show(note, rate=not first)  # a rate over a step's first instant says nothing

    def _show(self, note: str = "", end: str = "", rate: bool = True) -> None:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        details = ([f"{self.count / elapsed:,.0f}/s"] if rate else []) + ([note] if note else [])
        shown = f" ({', '.join(details)})" if details else ""
        self.stream.write(f"\r\033[K{self.label}: {self.count:,} {self.unit}{shown} {elapsed:.1f} s{end}")
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


def step(progress_for, label: str, work):
    """``work(progress)`` given the callback ``progress_for(label)`` returns (None: no reporting),
    marked done when it returns; ``progress_for`` None reports nothing at all."""
    progress = progress_for(label) if progress_for else None
    value = work(progress)
    if progress:
        progress.done()
    return value
