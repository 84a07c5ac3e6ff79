"""SPARQL text as tokens, so that code reading a query never mistakes a string, an IRI or a comment for syntax.

A ``$this`` inside ``"…"`` or ``<http://x/$this>``, a brace in a literal, a
``VALUES`` in a comment: each is one token of its kind here (a comment is
dropped), never a variable, a group or a keyword. The lexer follows the SPARQL
1.1 terminals that matter for that (the four string forms with their escapes,
IRIREF, VAR1/VAR2, comments); everything else is a word (keyword, prefixed
name, number) or one character of punctuation. pyoxigraph parses queries but
does not expose their algebra, hence this.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from aikg.sparql.syntax import NOT_CODE

# Comments, strings and IRIs as aikg.sparql.syntax reads them, then variables, words, punctuation.
_LEXEMES = re.compile(
    NOT_CODE.pattern + r"""
  | (?P<var> [?$][\w\u00b7\u0300-\u036f\u203f\u2040]+ )
  | (?P<word> [\w:\-%]+ (?:\.[\w:\-%]+)* )  # a dot inside a name or number; one that ends a triple is punctuation
  | (?P<space> \s+ )
  | (?P<punct> . )
    """,
    re.VERBOSE,
)


class Token(NamedTuple):
    kind: str  # "string", "iri", "var", "word" or "punct"
    text: str
    start: int  # where the token is in the query text: text == query[start:end]
    end: int

    def is_keyword(self, *names: str) -> bool:
        """Whether the token is one of the keywords ``names`` (upper case; SPARQL's keywords ignore case)."""
        return self.kind == "word" and self.text.upper() in names

    @property
    def variable(self) -> str | None:
        """The variable's name (``?x`` and ``$x`` both name ``x``), or None for any other token."""
        return self.text[1:] if self.kind == "var" else None


def tokens(query: str) -> list[Token] | None:
    """The tokens of ``query`` without comments and white space; None when a quote is left
    open (the rest of the text could then be read either way)."""
    found = []
    for match in _LEXEMES.finditer(query):
        kind = match.lastgroup
        if kind in ("comment", "space"):
            continue
        if kind == "punct" and match.group() in "'\"":
            return None
        found.append(Token(kind, match.group(), match.start(), match.end()))
    return found
