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
from aikg.errors import Diagnostic, InputError, ParameterError, StoreError, SyntaxProblems, UnsafeInput
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


def parse_query(text: str, source: str = "<query>", prefixes: dict[str, str] | None = None, allow_service: bool = False):
    """The rdflib parse tree of a read-only query.

    Refuses updates, and SERVICE unless ``allow_service``. The query must
    also pass pyoxigraph's stricter parser (see :mod:`aikg.querysyntax`);
    ``prefixes`` are the ones the query may use without declaring them.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    from aikg.querysyntax import oxigraph_diagnostic

    prefixes = implicit_prefixes() if prefixes is None else prefixes
    try:
        tree = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
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


def _mentions(node, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_mentions(v, name) for v in node.values())
    if isinstance(node, (str, bytes)) or not hasattr(node, "__iter__"):
        return False
    return any(_mentions(v, name) for v in node)


_CORE_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def implicit_prefixes(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The prefixes a query may use undeclared: rdf/rdfs/owl/xsd, aikg's, and ``extra`` (the data's)."""
    prefixes = dict(_CORE_PREFIXES)
    prefixes.update(AIKG_PREFIXES)
    prefixes.update(extra or {})
    return prefixes


def query_prefixes(text: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The implicit prefixes and ``extra`` (the data's), overridden by the query's own."""
    prefixes = implicit_prefixes(extra)
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


def run_query(
    graph, text: str, bindings: dict | None = None, source: str = "<query>",
    prefixes: dict[str, str] | None = None, allow_service: bool = False,
) -> QueryResult:
    """Run a read-only query on an rdflib graph (the reference engine).

    ``prefixes`` may be used undeclared in the query; by default, the ones
    bound in ``graph``.
    """
    from rdflib.plugins.sparql.algebra import translateQuery

    from aikg.querysyntax import unknown_prefix_diagnostic

    if prefixes is None:
        prefixes = {p: str(iri) for p, iri in graph.namespace_manager.namespaces()}
    tree = parse_query(text, source, prefixes, allow_service)
    try:
        prepared = translateQuery(tree, base=None, initNs=prefixes)
    except Exception as exc:  # rdflib raises a bare Exception for an undeclared prefix
        prefix = re.match(r"Unknown namespace prefix : (.*)", str(exc))
        if not prefix:
            raise
        raise SyntaxProblems([unknown_prefix_diagnostic(text, source, prefix.group(1))]) from None
    try:
        result = graph.query(prepared, initBindings=bindings or {})
        rows = [tuple(r) for r in result] if result.type == "SELECT" else None
    except OSError as exc:  # only SERVICE reaches the network
        raise StoreError(f"{source}: a SERVICE endpoint could not be queried: {exc}") from None
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        out = result.graph
        for prefix, iri in graph.namespace_manager.namespaces():
            out.bind(prefix, iri, override=False)
        return QueryResult(result.type, graph=out)
    return QueryResult("SELECT", vars=[str(v) for v in result.vars], rows=rows)


def run_query_oxigraph(
    store, text: str, bindings: dict | None = None, source: str = "<query>",
    prefixes: dict[str, str] | None = None, allow_service: bool = False, union_default_graph: bool = False,
) -> QueryResult:
    """Run a read-only query on a pyoxigraph Store (the fast engine).

    ``prefixes`` may be used undeclared; by default :func:`implicit_prefixes`.
    With ``union_default_graph`` the query's default graph is the union of the
    store's graphs (how a database of named graphs, one per source, is read).
    """
    import pyoxigraph as ox
    from rdflib import Graph

    from aikg.terms import to_rdflib

    prefixes = implicit_prefixes() if prefixes is None else prefixes
    parse_query(text, source, prefixes, allow_service)  # the same checks and refusals as for rdflib
    # pyoxigraph's own `substitutions` binds projected variables only, after
    # evaluation; pre-binding needs the terms inside the WHERE group.
    bound = inline_bindings(text, bindings or {})
    try:
        result = store.query(bound, prefixes=prefixes, use_default_graph_as_union=union_default_graph)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = [tuple(to_rdflib(solution[name]) for name in names) for solution in result]
            return QueryResult("SELECT", vars=names, rows=rows)
        triples = list(result)
    except SyntaxError as exc:  # pragma: no cover - parse_query asked pyoxigraph already
        raise SyntaxProblems([Diagnostic(source, None, None, f"SPARQL syntax error: {exc}")]) from None
    except OSError as exc:
        raise StoreError(f"{source}: the query failed: {exc}") from None
    graph = Graph()
    bnodes: dict = {}
    for triple in triples:
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
