"""Rendering query results: a readable table, Markdown, and the W3C formats.

Columns always come in the query's own projection order.
"""

from __future__ import annotations

import io
import re

from aikg.namespaces import SPARQL_RESULTS
from aikg.sparql.results import QueryResult, iri_of, term_ntriples, term_parts

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml", "md")


_XML_HEAD = ['<?xml version="1.0"?>', f'<sparql xmlns="{SPARQL_RESULTS}">']


def render_answer(answer, fmt: str, *, iris: bool = False, width: int | None = None) -> str | bytes:
    """An :class:`~aikg.api.Answer` in ``fmt``: an RDF format for graphs, a result format otherwise.

    Tables and Markdown show labels (``iris``: compact IRIs instead); a table
    fits ``width`` columns. The W3C formats are unaffected by either.
    """
    result = answer.result
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        from aikg.rdf.convert import serialize

        return serialize(result.graph, fmt)
    if fmt not in RESULT_FORMATS:
        from aikg.errors import UsageError

        raise UsageError(f"unknown result format {fmt!r}", hint="use one of: " + ", ".join(RESULT_FORMATS))
    labels = {} if iris else answer.labels
    return render(result, fmt, answer.namespaces, labels=labels, width=width)


def render(result: QueryResult, fmt: str, namespaces: dict[str, str] | None = None, *, labels=None,
           width: int | None = None) -> str:
    """Text for a SELECT or ASK result in one of RESULT_FORMATS; tables and Markdown compact IRIs
    with ``namespaces`` (prefix → namespace IRI)."""
    if result.kind == "ASK":
        return _render_boolean(result.boolean, fmt)
    if fmt == "table":
        return _render_table(result, namespaces, labels or {}, width)
    if fmt == "md":
        return _render_markdown(result, namespaces, labels or {})
    return _RENDERERS[fmt](result)


def _render_boolean(value: bool, fmt: str) -> str:
    word = "true" if value else "false"
    if fmt == "json":
        import json

        return json.dumps({"head": {}, "boolean": value}, indent=2) + "\n"
    if fmt == "xml":
        return "\n".join(_XML_HEAD + ["  <head/>", f"  <boolean>{word}</boolean>", "</sparql>"]) + "\n"
    return word + "\n"


def short(term, namespaces: dict[str, str] | None = None) -> str:
    """A compact, human-readable form of a term for tables: a prefixed name, ``<iri>``, ``_:id`` or a literal's lexical form.

    ``namespaces`` maps prefixes to namespace IRIs.
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


def _compact(iri: str, namespaces: dict[str, str] | None) -> str | None:
    """``prefix:local`` for ``iri`` under the longest namespace that leaves a plain local name."""
    best = None
    for prefix, namespace in (namespaces or {}).items():
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace):]):
            if best is None or len(namespace) > len(best[1]):
                best = (prefix, namespace)
    return None if best is None else f"{best[0]}:{iri[len(best[1]):]}"



def _cell(term, namespaces, labels: dict[str, str]) -> str:
    """A table cell: the term's label when it has one, else its compact form."""
    iri = iri_of(term) if term is not None else None
    return labels.get(iri) or short(term, namespaces)


def _cells(result: QueryResult, namespaces, labels: dict[str, str]) -> list[list[str]]:
    return [[_cell(t, namespaces, labels) for t in row] for row in result.rows]


def _render_table(result: QueryResult, namespaces, labels: dict[str, str], width: int | None) -> str:
    """A table no wider than ``width``: long cells wrap inside their column, rows never wrap.

    aikg shares the width out (the widest columns give way first, words are
    kept whole); when even whole words do not fit side by side, each row is
    shown as a record of name | value lines instead (psql's expanded display).
    rich draws and wraps; it is imported here only, so start-up stays cheap.
    """
    from aikg.errors import printable

    width = width or 100
    head = [column_title(name) for name in result.vars]
    # Cells come from strangers' data: no control character reaches the terminal; line breaks become spaces.
    rows = [[printable(" ".join(c.splitlines())) for c in row] for row in _cells(result, namespaces, labels)]
    columns = [[h] + [r[i] for r in rows] for i, h in enumerate(head)]
    natural = [max(map(len, cells)) for cells in columns]
    words = [min(_WORD_CAP, max(len(w) for c in cells for w in c.split() or [""])) for cells in columns]
    available = width - (len(head) - 1)
    if sum(words) > available and len(head) > 1:
        text = _records(head, rows, width)
    else:
        text = _grid(head, rows, fit_widths(natural, words, available), natural)
    count = len(rows)
    return text + f"{count} row{'s' if count != 1 else ''}\n"


def _console(width: int):
    from rich.console import Console

    return Console(file=io.StringIO(), width=width, color_system=None, emoji=False, markup=False, highlight=False)


def _printed(console, *renderables) -> str:
    with console.capture() as capture:
        for renderable in renderables:
            console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in capture.get().splitlines())


def _grid(head: list[str], rows: list[list[str]], widths: list[int], natural: list[int]) -> str:
    from rich import box
    from rich.table import Table

    table = Table(box=box.ASCII2, show_edge=False, show_lines=widths != natural, header_style="", padding=0)
    for name, column_width in zip(head, widths):
        table.add_column(name, width=column_width, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return _printed(_console(sum(widths) + len(head)), table)


def _records(head: list[str], rows: list[list[str]], width: int) -> str:
    """Each row as its own two-column block, for results too wide to lay side by side."""
    from rich import box
    from rich.table import Table

    name_width = min(max(map(len, head)), width // 3)
    blocks = []
    for number, row in enumerate(rows, start=1):
        table = Table(box=box.ASCII2, show_edge=False, show_header=False, padding=0, title=f"-[ row {number} ]-",
                      title_justify="left", title_style="")
        table.add_column(width=name_width, overflow="fold")
        table.add_column(width=max(4, width - name_width - 1), overflow="fold")
        for name, cell in zip(head, row):
            table.add_row(name, cell)
        blocks.append(table)
    return _printed(_console(width), *blocks)


_WORD_CAP = 14  # a longer word (an IRI, a hash) may be folded rather than widen its column


def fit_widths(natural: list[int], words: list[int], available: int) -> list[int]:
    """Column widths summing to at most ``available`` where possible.

    The widest column gives way one character at a time: first down to its
    longest word (so words stay whole), then down to a few characters.
    """
    widths = list(natural)
    for floor in (words, [min(4, n) for n in natural]):
        while sum(widths) > available:
            shrinkable = [i for i in range(len(widths)) if widths[i] > floor[i]]
            if not shrinkable:
                break
            widths[max(shrinkable, key=lambda i: widths[i] - floor[i])] -= 1
    return widths


def column_title(name: str) -> str:
    """A variable name as words: ``closedHedge`` → ``closed hedge``, so headers wrap between words."""
    import re

    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|_", " ", name).lower() if name else name


def _render_markdown(result: QueryResult, namespaces, labels: dict[str, str]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(result.vars) + " |", "|" + "|".join("---" for _ in result.vars) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in _cells(result, namespaces, labels)]
    return "\n".join(out) + "\n"


def _render_csv(result: QueryResult) -> str:
    # SPARQL 1.1 Query Results CSV: IRIs and literals as plain strings; an
    # unbound variable is an empty field (a row of one unbound one is an empty line).
    import pyoxigraph as ox

    plain = (ox.NamedNode, ox.Literal)  # the common case, without term_parts' datatype lookups
    lines = [_csv_line(result.vars)]
    for row in result.rows:
        lines.append(_csv_line(["" if t is None else t.value if isinstance(t, plain) else _csv_value(t) for t in row]))
    return "\r\n".join(lines) + "\r\n"


def _csv_line(fields: list[str]) -> str:
    line = ",".join(fields)
    if line.count(",") == len(fields) - 1 and _CSV_QUOTED_IN_LINE.search(line) is None:
        return line  # no field holds a comma, quote or line break: one check for the row
    return ",".join('"' + text.replace('"', '""') + '"' if _CSV_QUOTED.search(text) else text for text in fields)


_CSV_QUOTED = re.compile(r'[,"\r\n]')


_CSV_QUOTED_IN_LINE = re.compile(r'["\r\n]')


def _csv_value(term) -> str:
    kind, value, _datatype, _language = term_parts(term)
    return f"_:{value}" if kind == "bnode" else value


def _render_tsv(result: QueryResult) -> str:
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


def _render_json(result: QueryResult) -> str:
    import json

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


def _render_xml(result: QueryResult) -> str:
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
    "csv": _render_csv,
    "tsv": _render_tsv,
    "json": _render_json,
    "xml": _render_xml,
}
