"""Rendering query results: a readable table, Markdown, and the W3C formats.

Columns always come in the query's own projection order.
"""

from __future__ import annotations

import json
import re

from aikg.namespaces import SPARQL_RESULTS
from aikg.sparql.results import QueryResult, term_ntriples, term_parts

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml", "md")


_XML_HEAD = ['<?xml version="1.0"?>', f'<sparql xmlns="{SPARQL_RESULTS}">']


def render_answer(answer, fmt: str) -> str | bytes:
    """An :class:`~aikg.api.Answer` in ``fmt``: an RDF format for graphs, a result format otherwise."""
    result = answer.result
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        from aikg.rdf.convert import serialize

        return serialize(result.graph, fmt)
    if fmt not in RESULT_FORMATS:
        from aikg.errors import UsageError

        raise UsageError(f"unknown result format {fmt!r}", hint="use one of: " + ", ".join(RESULT_FORMATS))
    return render(result, fmt, answer.namespaces)


def render(result: QueryResult, fmt: str, namespace_manager=None) -> str:
    """Text for a SELECT or ASK result in one of RESULT_FORMATS."""
    if result.kind == "ASK":
        return _render_boolean(result.boolean, fmt)
    return _RENDERERS[fmt](result, namespace_manager)


def _render_boolean(value: bool, fmt: str) -> str:
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}, indent=2) + "\n"
    if fmt == "xml":
        return "\n".join(_XML_HEAD + ["  <head/>", f"  <boolean>{word}</boolean>", "</sparql>"]) + "\n"
    return word + "\n"


def short(term, namespaces=None) -> str:
    """A compact, human-readable form of a term for tables: a prefixed name, ``<iri>``, ``_:id`` or a literal's lexical form.

    ``namespaces`` is a ``{prefix: namespace}`` dict or an rdflib namespace manager.
    """
    if term is None:
        return ""
    kind, value, _datatype, _language = term_parts(term)
    if kind == "uri":
        return _compact(value, namespaces) or f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    return value


_LOCAL_NAME = re.compile(r"[\w][\w.-]*(?<!\.)")


def _compact(iri: str, namespaces) -> str | None:
    """``prefix:local`` for ``iri`` under the longest namespace that leaves a plain local name."""
    if namespaces is None:
        return None
    if hasattr(namespaces, "namespaces"):  # an rdflib NamespaceManager
        namespaces = {prefix: str(namespace) for prefix, namespace in namespaces.namespaces()}
    best = None
    for prefix, namespace in namespaces.items():
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace):]):
            if best is None or len(namespace) > len(best[1]):
                best = (prefix, namespace)
    return None if best is None else f"{best[0]}:{iri[len(best[1]):]}"


def _cells(result: QueryResult, namespace_manager) -> list[list[str]]:
    return [[short(t, namespace_manager) for t in row] for row in result.rows]


def _render_table(result: QueryResult, namespace_manager) -> str:
    rows = _cells(result, namespace_manager)
    widths = [len(v) for v in result.vars]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def fmt(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

    out = [line, fmt(result.vars), line.replace("-", "=")]
    out += [fmt(r) for r in rows]
    out.append(line)
    count = len(rows)
    out.append(f"{count} row{'s' if count != 1 else ''}")
    return "\n".join(out) + "\n"


def _render_markdown(result: QueryResult, namespace_manager) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(result.vars) + " |", "|" + "|".join("---" for _ in result.vars) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in _cells(result, namespace_manager)]
    return "\n".join(out) + "\n"


def _render_csv(result: QueryResult, _nm) -> str:
    # SPARQL 1.1 Query Results CSV: IRIs and literals as plain strings; an
    # unbound variable is an empty field (a row of one unbound one is an empty line).
    lines = [",".join(map(_csv_field, result.vars))]
    for row in result.rows:
        lines.append(",".join("" if t is None else _csv_field(_csv_value(t)) for t in row))
    return "\r\n".join(lines) + "\r\n"


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if re.search(r'[,"\r\n]', text) else text


def _csv_value(term) -> str:
    kind, value, _datatype, _language = term_parts(term)
    return f"_:{value}" if kind == "bnode" else value


def _render_tsv(result: QueryResult, _nm) -> str:
    # SPARQL 1.1 Query Results TSV: terms in Turtle/N-Triples syntax.
    lines = ["\t".join("?" + v for v in result.vars)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else term_ntriples(t) for t in row))
    return "\n".join(lines) + "\n"


def _json_term(term) -> dict:
    kind, value, datatype, language = term_parts(term)
    out = {"type": kind, "value": value}
    if language:
        out["xml:lang"] = language
    elif datatype:
        out["datatype"] = datatype
    return out


def _render_json(result: QueryResult, _nm) -> str:
    bindings = [
        {name: _json_term(t) for name, t in zip(result.vars, row) if t is not None}
        for row in result.rows
    ]
    doc = {"head": {"vars": result.vars}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def escape(text: str) -> str:
    """``text`` as XML character data (xml.sax.saxutils would import urllib: 80 ms at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value."""
    return '"' + escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def _xml_term(term) -> str:
    kind, value, datatype, language = term_parts(term)
    if kind != "literal":
        return f"<{kind}>{escape(value)}</{kind}>"
    attrs = ""
    if language:
        attrs = f" xml:lang={quoteattr(language)}"
    elif datatype:
        attrs = f" datatype={quoteattr(datatype)}"
    return f"<literal{attrs}>{escape(value)}</literal>"


def _render_xml(result: QueryResult, _nm) -> str:
    out = _XML_HEAD + ["  <head>"]
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.vars]
    out += ["  </head>", "  <results>"]
    for row in result.rows:
        out.append("    <result>")
        for name, term in zip(result.vars, row):
            if term is not None:
                out.append(f"      <binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("    </result>")
    out += ["  </results>", "</sparql>"]
    return "\n".join(out) + "\n"


_RENDERERS = {
    "table": _render_table,
    "md": _render_markdown,
    "csv": _render_csv,
    "tsv": _render_tsv,
    "json": _render_json,
    "xml": _render_xml,
}
