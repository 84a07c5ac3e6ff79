"""Limits on what aikg reads from strangers, each configurable by an environment variable.

Inputs and store answers come from outside; without a bound a stream of
zeros, a deeply nested JSON document or a store answering forever would
exhaust memory or hang. Each limit has a default large enough for real
graphs and is raised (or lowered) with its variable; sizes take K, M or G.
"""

from __future__ import annotations

import os
import re
from itertools import accumulate
from typing import NamedTuple

from aikg.errors import UsageError


class Limit(NamedTuple):  # not a frozen dataclass: on every command's start-up path, and cheaper to make
    variable: str
    default: int
    unit: str  # "bytes" or "levels"
    what: str

    def value(self) -> int:
        raw = os.environ.get(self.variable, "").strip()
        if not raw:
            return self.default
        match = re.fullmatch(r"(\d+)\s*([KMG]?)i?B?", raw, re.IGNORECASE)
        if not match or int(match.group(1)) < 1:
            raise UsageError(f"{self.variable}={raw!r} is not a positive number",
                             hint="give a whole number, with K, M or G for sizes (e.g. 512M)")
        return int(match.group(1)) * 1024 ** "_KMG".index((match.group(2) or "_").upper())

    def describe(self) -> str:
        shown = f"{self.default // 2**20} MiB" if self.unit == "bytes" else f"{self.default} {self.unit}"
        return f"{self.variable} (default {shown}): {self.what}"


STDIN_BYTES = Limit("AIKG_MAX_STDIN", 1024 * 2**20, "bytes",
                    "bytes read from standard input, a FIFO or a device given as -i")


JSON_DEPTH = Limit("AIKG_MAX_JSON_DEPTH", 512, "levels",
                   "nesting of JSON-LD inputs and JSON store answers, checked before parsing")


TERM_BYTES = Limit("AIKG_MAX_TERM", 16 * 2**20, "bytes", "length of one literal or IRI (16 MiB at most: the parser's own buffer)")


ANSWER_BYTES = Limit("AIKG_MAX_ANSWER", 512 * 2**20, "bytes", "size of one answer from a triple store")


ALL = (STDIN_BYTES, JSON_DEPTH, TERM_BYTES, ANSWER_BYTES)


def json_depth(data: bytes) -> int:
    """The deepest nesting of arrays and objects in ``data`` (strings skipped), without parsing it.

    A cheap scan, so that a document nested thousands deep is refused before
    a recursive parser (pyoxigraph's JSON-LD, Python's json) overflows its stack.
    """
    if data.count(b"{") + data.count(b"[") <= JSON_DEPTH.default // 4:
        return data.count(b"{") + data.count(b"[")  # an upper bound, small enough not to matter
    # "[" and "{" become 123, "]" and "}" 125: each step is 124 - byte (+1 or -1).
    brackets = _STRINGS.sub(b"", data).translate(_SAME_BRACKETS, _NOT_BRACKETS)
    return max(accumulate(map((124).__sub__, brackets)), default=0)


_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


_SAME_BRACKETS = bytes.maketrans(b"[]", b"{}")


_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
