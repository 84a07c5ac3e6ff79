"""SPARQL syntax checked by two parsers, reported with the better diagnostic.

rdflib's parser (pyparsing) accepts queries SPARQL 1.1 forbids (a variable
bound twice by BIND or AS, an ungrouped variable in a GROUP BY query) and
locates many errors at the start of the clause ("Expected SelectQuery").
pyoxigraph's parser is strict and points at the first offending character,
but words its errors as raw grammar sets. A query must pass both; a failure
is reported at pyoxigraph's location in plain words.
"""

from __future__ import annotations

import re

from aikg.errors import Diagnostic

# pyoxigraph parses a query only on the way to running it; on an empty store
# that costs nothing, except that a SERVICE clause would be sent. Queries
# that mention SERVICE anywhere are never handed to it here.
_SERVICE = re.compile(r"(?i)\bSERVICE\b")
_LOCATION = re.compile(r"^error at (\d+):(\d+): ")
_CHAR_CLASS = re.compile(r"\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]")
_SENTENCE = re.compile(r"^[A-Za-z][\w*]*(?: [\w*]+)+$")


def oxigraph_diagnostic(text: str, source: str, prefixes: dict[str, str], rdflib_failed: bool = False) -> Diagnostic | None:
    """pyoxigraph's objection to ``text`` as a Diagnostic, or None when it parses.

    None too when pyoxigraph says no more than "unexpected" and rdflib
    failed as well: rdflib's diagnostic is then the better one.
    """
    import pyoxigraph as ox

    if _SERVICE.search(text):
        return None
    try:
        ox.Store().query(text, prefixes=prefixes)
    except SyntaxError as exc:
        diagnostic = _diagnostic(text, str(exc), source)
        return None if rdflib_failed and diagnostic.message.endswith(_RULE_BROKEN) else diagnostic
    return None


def _diagnostic(text: str, raw: str, source: str) -> Diagnostic:
    located = _LOCATION.match(raw)
    line = column = None
    if located:
        line, column = int(located.group(1)), int(located.group(2))
        raw = raw[located.end():]
    lines = text.split("\n")
    text_line = lines[line - 1].rstrip("\r") if line and 0 < line <= len(lines) else None
    sentences, tokens = _expected(raw)
    if "Prefix not found" in sentences and text_line is not None:
        return _unknown_prefix(source, line, column, text_line)
    if sentences:
        message = sentences[0]
    elif tokens:
        shown = ", ".join(tokens[:8]) + (", …" if len(tokens) > 8 else "")
        message = f"expected {shown}"
    elif raw.startswith("expected") and re.search(r"\[_\]", raw):
        message = _RULE_BROKEN  # pyoxigraph's checks after parsing (scoping) say only this
    elif raw.startswith("expected"):
        message = "unexpected text here"
    else:
        message = raw
    return Diagnostic(source, line, column, f"SPARQL syntax error: {message}", text_line)


_RULE_BROKEN = "the query breaks a SPARQL 1.1 rule (for example, BIND to a variable already in scope)"
# pyoxigraph's character classes, in words
_CLASS_WORDS = (("'0'..='9'", "a digit"), ("'A' ..= 'Z'", "a name"), ("'t' | 'b' | 'n'", "an escape (\\t \\n \\\" \\\\ …)"))


def _expected(raw: str) -> tuple[list[str], list[str]]:
    """The plain-word messages and the tokens in one of pyoxigraph's "expected …" sets."""
    if not raw.startswith("expected "):
        return [], []
    body = raw[len("expected ") :]
    body = body[len("one of ") :] if body.startswith("one of ") else body
    sentences, tokens = [], []
    for char_class in _CHAR_CLASS.findall(body):
        tokens += [words for pattern, words in _CLASS_WORDS if pattern in char_class and words not in tokens]
    body = _CHAR_CLASS.sub("", body)
    for item in (part.strip() for part in body.split(", ")):
        if not item:
            continue
        if item.startswith('"'):
            tokens.append(item)
        elif _SENTENCE.match(item):
            sentences.append(item)
        elif re.fullmatch(r"[A-Za-z_]+", item) and item != "_":
            tokens.append(item)
    return sentences, tokens


def _unknown_prefix(source: str, line: int, column: int, text_line: str) -> Diagnostic:
    before = text_line[: column - 1]
    name = re.search(r"([A-Za-z][\w.-]*)?:[\w.%\\-]*$", before)
    prefix = (name.group(1) or "") if name else ""
    start = name.start() + 1 if name else column
    return _prefix_diagnostic(source, line, start, text_line, prefix)


def unknown_prefix_diagnostic(text: str, source: str, prefix: str) -> Diagnostic:
    """An undeclared ``prefix``, located at its first use in the query ``text``."""
    from aikg.loading import locate

    line, column = locate(text, rf"(?<![\w<?$:]){re.escape(prefix)}:(?!//)")
    text_line = text.split("\n")[line - 1] if line else None
    return _prefix_diagnostic(source, line, column, text_line, prefix)


def _prefix_diagnostic(source: str, line, column, text_line, prefix: str) -> Diagnostic:
    return Diagnostic(
        source, line, column, f"unknown prefix '{prefix}:'", text_line,
        hint=prefix_hint(prefix, "PREFIX {prefix}: <{iri}>", "declare it at the top of the query"),
    )


def prefix_hint(prefix: str, declaration: str, where: str) -> str:
    """What to write to declare ``prefix``, with its usual IRI when it has one."""
    iri = well_known_namespace(prefix)
    if iri:
        return f"{where}: " + declaration.format(prefix=prefix, iri=iri)
    return f"{where}: " + declaration.format(prefix=prefix, iri="…")


def well_known_namespace(prefix: str) -> str | None:
    """The IRI ``prefix`` usually stands for (aikg's own and rdflib's list)."""
    from rdflib import Graph

    from aikg.loading import AIKG_PREFIXES

    if prefix in AIKG_PREFIXES:
        return AIKG_PREFIXES[prefix]
    return {p: str(iri) for p, iri in Graph(bind_namespaces="rdflib").namespaces()}.get(prefix)
