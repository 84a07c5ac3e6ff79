"""Running SPARQL queries: syntax checks, parameter binding, two engines.

rdflib is the reference engine; pyoxigraph answers the same queries much
faster. Both return a :class:`QueryResult` holding rdflib terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from aikg.catalogue import CatalogueQuery, Parameter
from aikg.errors import Diagnostic, ParameterError, SyntaxProblems, UnsafeInput
from aikg.loading import AIKG_PREFIXES

ENGINES = ("rdflib", "oxigraph")


@dataclass
class QueryResult:
    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    graph: object | None = None  # rdflib Graph for CONSTRUCT/DESCRIBE

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.vars, row)) for row in self.rows]


def _query_diagnostic(text: str, exc, source: str) -> Diagnostic:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc)
    lines = text.splitlines()
    text_line = lines[line - 1] if line and 0 < line <= len(lines) else None
    return Diagnostic(source, line, column, f"SPARQL syntax error: {message}", text_line)


def parse_query(text: str, source: str = "<query>"):
    """The rdflib parse tree of a read-only query; refuses updates and SERVICE."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
            raise SyntaxProblems([_query_diagnostic(text, exc, source)]) from None
        raise UnsafeInput(
            f"{source}: this is a SPARQL Update; aikg query only runs read-only queries",
            hint="write a SELECT, ASK, CONSTRUCT or DESCRIBE query",
        ) from None
    if _mentions(tree, "ServiceGraphPattern"):
        raise UnsafeInput(
            f"{source}: the query has a SERVICE clause, which would fetch data over the network",
            hint="aikg does not fetch data over the network; query a local copy instead",
        )
    return tree


def _mentions(node, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_mentions(v, name) for v in node.values())
    if isinstance(node, (str, bytes)) or not hasattr(node, "__iter__"):
        return False
    return any(_mentions(v, name) for v in node)


def query_prefixes(text: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """aikg's usual prefixes and ``extra`` (the data's), overridden by the query's own."""
    prefixes = dict(AIKG_PREFIXES)
    prefixes.update(extra or {})
    for prefix, iri in re.findall(r"(?i)\bPREFIX\s+([\w.-]*):\s*<([^>]*)>", text):
        prefixes[prefix] = iri
    return prefixes


def bind_parameters(query: CatalogueQuery, values: dict[str, str], prefixes: dict[str, str] | None = None) -> dict:
    """rdflib terms for the given ``name=value`` strings, checked against the header."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        takes = ", ".join(declared) or "no parameters"
        raise ParameterError(
            f"query {query.name!r} has no parameter {unknown[0]!r}",
            hint=f"it takes: {takes}",
        )
    missing = [p.name for p in query.params if not p.optional and p.name not in values]
    if missing:
        raise ParameterError(
            f"query {query.name!r} needs the parameter {missing[0]!r}",
            hint=f"pass --param {missing[0]}=VALUE ({_describe(declared[missing[0]])})",
        )
    prefixes = query_prefixes(query.text, prefixes)
    return {name: to_term(declared[name], value, prefixes) for name, value in values.items()}


def _describe(param: Parameter) -> str:
    return f"{param.type}: {param.description}" if param.description else param.type


def to_term(param: Parameter, value: str, prefixes: dict[str, str]):
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    def bad(expected: str):
        return ParameterError(
            f"parameter {param.name!r}: {value!r} is not {expected}",
            hint=f"pass --param {param.name}=VALUE ({_describe(param)})",
        )

    if param.type == "iri":
        iri = _expand_iri(value, prefixes)
        if iri == "":
            prefix = value.split(":", 1)[0]
            raise ParameterError(
                f"parameter {param.name!r}: unknown prefix {prefix!r} in {value!r}",
                hint="write the full IRI, or declare the prefix in the query or the data",
            )
        if iri is None:
            raise bad("an IRI (write <http://…>, http://…, or prefix:name with a known prefix)")
        return URIRef(iri)
    if param.type == "string":
        return Literal(value)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise bad("an integer")
        return Literal(int(value), datatype=XSD.integer)
    if param.type == "decimal":
        try:
            return Literal(Decimal(value), datatype=XSD.decimal)
        except InvalidOperation:
            raise bad("a decimal number") from None
    if param.type == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise bad("a date (YYYY-MM-DD)") from None
        return Literal(value, datatype=XSD.date)
    if param.type == "boolean":
        if value.lower() not in ("true", "false"):
            raise bad("true or false")
        return Literal(value.lower() == "true", datatype=XSD.boolean)
    raise bad(param.type)  # pragma: no cover - header types are checked on parse


_IRI_CHARS = re.compile(r'^[^\s<>"{}|\\^`]+$')


_ABSOLUTE_SCHEMES = ("http", "https", "urn", "mailto", "file", "tag", "did", "doi", "info", "data")


def _expand_iri(value: str, prefixes: dict[str, str]) -> str | None:
    """The IRI ``value`` means; "" for an unknown prefix; None when it is no IRI."""
    bracketed = value.startswith("<") and value.endswith(">")
    if bracketed:
        value = value[1:-1]
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or not _IRI_CHARS.match(value):
        return None
    prefix, _, local = value.partition(":")
    if not bracketed and prefix in prefixes and not local.startswith("//"):
        return prefixes[prefix] + local
    if bracketed or local.startswith("//") or prefix.lower() in _ABSOLUTE_SCHEMES:
        return value
    return ""


def run_query(graph, text: str, bindings: dict | None = None, source: str = "<query>") -> QueryResult:
    """Run a read-only query on an rdflib graph (the reference engine)."""
    from rdflib.plugins.sparql.algebra import translateQuery

    tree = parse_query(text, source)
    prepared = translateQuery(tree, base=None, initNs=dict(graph.namespace_manager.namespaces()))
    result = graph.query(prepared, initBindings=bindings or {})
    kind = prepared.algebra.name.replace("Query", "").upper()
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        out = result.graph
        for prefix, iri in graph.namespace_manager.namespaces():
            out.bind(prefix, iri, override=False)
        return QueryResult(result.type, graph=out)
    names = [str(v) for v in result.vars]
    return QueryResult(kind if kind == "SELECT" else "SELECT", vars=names, rows=[tuple(r) for r in result])


def run_query_oxigraph(store, text: str, bindings: dict | None = None, source: str = "<query>") -> QueryResult:
    """Run a read-only query on a pyoxigraph Store (the fast engine)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from aikg.terms import to_rdflib

    parse_query(text, source)  # the same checks (syntax, updates, SERVICE) as rdflib
    # pyoxigraph's own `substitutions` binds projected variables only, after
    # evaluation; pre-binding needs the terms inside the WHERE group.
    text = inline_bindings(text, bindings or {})
    try:
        result = store.query(text)
    except SyntaxError as exc:  # grammar corners where the two parsers differ
        raise SyntaxProblems([Diagnostic(source, None, None, f"SPARQL syntax error: {exc}")]) from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [tuple(to_rdflib(solution[name]) for name in names) for solution in result]
        return QueryResult("SELECT", vars=names, rows=rows)
    graph = Graph()
    bnodes: dict = {}
    for triple in result:
        graph.add((to_rdflib(triple.subject, bnodes), to_rdflib(triple.predicate), to_rdflib(triple.object, bnodes)))
    kind = "DESCRIBE" if re.search(r"(?i)\bDESCRIBE\b", text) else "CONSTRUCT"
    return QueryResult(kind, graph=graph)


_TOKENS = re.compile(
    r"""(?P<comment>\#[^\n]*)
    |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\s]*>)
    |(?P<where>\bWHERE\b)
    |(?P<brace>\{)""",
    re.IGNORECASE | re.VERBOSE,
)


def inline_bindings(text: str, bindings: dict) -> str:
    """The query with ``VALUES`` for ``bindings`` as the first element of its WHERE group.

    Terms are written by rdflib's ``n3()`` (escaped, validated), never as raw
    user text, so a parameter cannot change the query's structure.
    """
    if not bindings:
        return text
    names = sorted(bindings)
    values = "VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(bindings[n].n3() for n in names) + ") } "
    first_brace = None
    for match in _TOKENS.finditer(text):
        if match.lastgroup == "where":
            brace = _TOKENS.search(text, match.end())
            while brace and brace.lastgroup == "comment":
                brace = _TOKENS.search(text, brace.end())
            if brace and brace.lastgroup == "brace":
                return text[: brace.end()] + " " + values + text[brace.end():]
        if match.lastgroup == "brace" and first_brace is None:
            first_brace = match
    if first_brace is None:  # pragma: no cover - parse_query accepted the text
        raise ValueError("query has no group pattern")
    return text[: first_brace.end()] + " " + values + text[first_brace.end():]
