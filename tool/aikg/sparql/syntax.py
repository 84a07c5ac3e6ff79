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

from aikg.errors import SPARQL_LINE_BREAKS, Diagnostic, InputError, SyntaxProblems, UnsafeInput, locate, source_line
from aikg.namespaces import AIKG_PREFIXES, CORE_PREFIXES
from aikg.rdf.prefixes import prefix_hint

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
        diagnostic = query_diagnostic(text, str(exc), source)
        return None if rdflib_failed and diagnostic.message.endswith(_RULE_BROKEN) else diagnostic
    return None


def query_diagnostic(text: str, raw: str, source: str) -> Diagnostic:
    """pyoxigraph's SyntaxError message ``raw`` about ``text``, located and in plain words."""
    located = _LOCATION.match(raw)
    line = column = None
    if located:
        line, column = int(located.group(1)), int(located.group(2))
        raw = raw[located.end():]
    text_line = source_line(text, line, breaks=SPARQL_LINE_BREAKS)
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
    line, column = locate(text, rf"(?<![\w<?$:]){re.escape(prefix)}:(?!//)", breaks=SPARQL_LINE_BREAKS)
    text_line = source_line(text, line, breaks=SPARQL_LINE_BREAKS)
    return _prefix_diagnostic(source, line, column, text_line, prefix)


def _prefix_diagnostic(source: str, line, column, text_line, prefix: str) -> Diagnostic:
    return Diagnostic(
        source, line, column, f"unknown prefix '{prefix}:'", text_line,
        hint=prefix_hint(prefix, "PREFIX {prefix}: <{iri}>", "declare it at the top of the query"),
    )


def _query_diagnostic(text: str, exc, source: str) -> Diagnostic:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc)
    text_line = source_line(text, line, breaks=SPARQL_LINE_BREAKS)
    return Diagnostic(source, line, column, f"SPARQL syntax error: {message}", text_line)


def parse_query(text: str, source: str = "<query>", prefixes: dict[str, str] | None = None, allow_service: bool = False):
    """The rdflib parse tree of a read-only query (through aikg.rdf.rdflib_bridge).

    Refuses updates, and SERVICE unless ``allow_service``. The query must
    also pass pyoxigraph's stricter parser (see :func:`oxigraph_diagnostic`);
    ``prefixes`` are the ones the query may use without declaring them.
    """
    from aikg.rdf.rdflib_bridge import SparqlParseError, parse_sparql

    prefixes = implicit_prefixes() if prefixes is None else prefixes
    try:
        tree = parse_sparql(text)
    except SparqlParseError as exc:
        try:
            parse_sparql(text, update=True)
        except SparqlParseError:
            better = oxigraph_diagnostic(text, source, prefixes, rdflib_failed=True)
            raise SyntaxProblems([better or _query_diagnostic(text, exc, source)]) from None
        raise UnsafeInput(
            f"{source}: this is a SPARQL Update; aikg query only runs read-only queries",
            hint="write a SELECT, ASK, CONSTRUCT or DESCRIBE query",
        ) from None
    except RecursionError:
        raise InputError(f"{source}: the query is nested too deeply to parse") from None
    if not allow_service and _mentions(tree, "ServiceGraphPattern"):
        raise UnsafeInput(
            f"{source}: the query has a SERVICE clause, which would fetch data over the network",
            hint="pass --allow-service to let the query contact the endpoint it names",
        )
    problem = oxigraph_diagnostic(text, source, prefixes)
    if problem:
        raise SyntaxProblems([problem])
    return tree


def syntax_diagnostic(text: str, raw: str, source: str, prefixes: dict[str, str]) -> Diagnostic:
    """The better of two parsers' words for pyoxigraph's SyntaxError message ``raw`` about ``text``:
    only on this error path is rdflib's parser loaded."""
    try:
        parse_query(text, source, prefixes, allow_service=True)
    except SyntaxProblems as problems:
        return problems.diagnostics[0]
    return query_diagnostic(text, raw, source)


def query_kind(text: str, source: str = "<query>", prefixes: dict[str, str] | None = None) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form pyoxigraph gives the query's answer on an empty
    store; SyntaxProblems when it does not parse (never run with SERVICE: :func:`check_query` first)."""
    import pyoxigraph as ox

    prefixes = implicit_prefixes() if prefixes is None else prefixes
    try:
        answer = ox.Store().query(text, prefixes=prefixes)
    except SyntaxError as exc:
        raise SyntaxProblems([syntax_diagnostic(text, str(exc), source, prefixes)]) from None
    if isinstance(answer, ox.QueryBoolean):
        return "ASK"
    if isinstance(answer, ox.QuerySolutions):
        return "SELECT"
    return "DESCRIBE" if re.search(r"(?i)\bDESCRIBE\b", code_only(text)) else "CONSTRUCT"


def _mentions(node, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_mentions(v, name) for v in node.values())
    if isinstance(node, (str, bytes)) or not hasattr(node, "__iter__"):
        return False
    return any(_mentions(v, name) for v in node)


def implicit_prefixes(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The prefixes a query may use undeclared: rdf/rdfs/owl/xsd, aikg's, and ``extra`` (the data's)."""
    prefixes = dict(CORE_PREFIXES)
    prefixes.update(AIKG_PREFIXES)
    prefixes.update(extra or {})
    return prefixes


def query_prefixes(text: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The implicit prefixes and ``extra`` (the data's), overridden by the query's own."""
    prefixes = implicit_prefixes(extra)
    for prefix, iri in re.findall(r"(?i)\bPREFIX\s+([\w.-]*):\s*<([^>]*)>", text):
        prefixes[prefix] = iri
    return prefixes


# Comments, strings and IRIs, which may contain any word without it being a keyword.
NOT_CODE = re.compile(
    r"""(?P<comment>\#[^\n]*)
    |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\s]*>)""",
    re.VERBOSE,
)


def code_only(text: str) -> str:
    """``text`` with comments blanked, strings as ``""`` and IRIs as ``<>``: what is left are keywords, names, variables."""
    blank = {"comment": " ", "string": '""', "iri": "<>"}
    return NOT_CODE.sub(lambda m: blank[m.lastgroup], text)


_KEYWORD_SERVICE = re.compile(r"(?i)(?<![\w?$:])SERVICE\b(?!:)")


_UPDATE = re.compile(
    r"(?i)^\s*(?:(?:BASE\s*<>|PREFIX\s+[\w.-]*:\s*<>)\s*)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b"
)


# pyoxigraph's parser recurses per bracket and overflows the stack (a crash,
# not an error) somewhere between 2,000 and 20,000 levels; no real query nests 1,000 deep.
MAX_NESTING = 1000


def _nesting(code: str) -> int:
    depth = deepest = 0
    for char in re.findall(r"[{}()\[\]]", code):
        depth = depth + 1 if char in "{([" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def check_query(text: str, source: str = "<query>", allow_service: bool = False) -> None:
    """Refuse what aikg never runs as a query: SPARQL Update, SERVICE unless ``allow_service``,
    and nesting deep enough to crash the parser.

    Syntax itself is pyoxigraph's to judge when the query runs (see :func:`query_diagnostic`).
    """
    code = code_only(text)
    if _nesting(code) > MAX_NESTING:
        raise InputError(f"{source}: the query is nested too deeply to parse (over {MAX_NESTING} levels of brackets)",
                         hint="flatten the groups or expressions")
    if _UPDATE.match(code):
        raise UnsafeInput(
            f"{source}: this is a SPARQL Update; aikg query only runs read-only queries",
            hint="write a SELECT, ASK, CONSTRUCT or DESCRIBE query",
        )
    if not allow_service and _KEYWORD_SERVICE.search(code):
        raise UnsafeInput(
            f"{source}: the query has a SERVICE clause, which would fetch data over the network",
            hint="pass --allow-service to let the query contact the endpoint it names",
        )


def select_star(text: str) -> bool:
    """Whether the (outer) query is ``SELECT *``."""
    return re.search(r"(?i)\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", code_only(text)) is not None


def variables_in_order(text: str, names: list[str]) -> list[str]:
    """``names`` in the order the query first mentions them (those it never spells last, as given)."""
    first: dict[str, int] = {}
    for index, name in enumerate(re.findall(r"[?$]([\w]+)", code_only(text))):
        first.setdefault(name, index)
    return sorted(names, key=lambda name: (first.get(name, len(first)), names.index(name)))
