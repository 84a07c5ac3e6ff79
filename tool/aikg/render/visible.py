"""Control characters in text from strangers, shown as ``\\uXXXX`` instead of acting.

A label may carry bidi controls (U+202A–202E, U+2066–2069), which reorder
what a browser shows around them (a file name that reads backwards), or C0/C1
controls such as ESC. The report passes every piece of text through
``visible``; tabs and line breaks stay, as ordinary white space.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str, backslash: str = "\\") -> str:
    """``text`` with each control character written out as ``\\u`` and its code (``backslash`` escapes the
    backslash for a format that reads one, such as Graphviz's quoted strings)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda found: f"{backslash}u{ord(found.group()):04x}", text)
