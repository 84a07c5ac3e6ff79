"""Reading RDF files strictly, with located diagnostics.

Every input is parsed by pyoxigraph, whose parsers follow the RDF 1.1
grammars to the letter and report ``line:column``; rdflib's own parsers
accept many invalid documents. The quads then go into a pyoxigraph store
(or, for the reference engine only, an rdflib graph: aikg.rdf.rdflib_bridge).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pyoxigraph as ox
from aikg.errors import RDF_LINE_BREAKS, Diagnostic, InputError, SyntaxProblems, locate, source_line
from aikg.rdf.sources import Inputs, Source, read_bytes


def _diagnostic(source: Source, data: bytes, exc: Exception) -> Diagnostic:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "offset", None)
    message = getattr(exc, "msg", None) or str(exc)
    # pyoxigraph prefixes "Parser error at line … column …:" and appends
    # "(line N)"; the location is shown already.
    if message.startswith("Parser error") and ": " in message:
        message = message.split(": ", 1)[1]
    message = re.sub(r" \(line \d+\)$", "", message)
    text = data.decode("utf-8", "replace")
    if "LoadDocumentCallback" in message:
        message = "remote JSON-LD @context refused: aikg never fetches a URL named inside an input"
        line, column = locate(text, _REMOTE_CONTEXT, breaks=RDF_LINE_BREAKS, after=True)
        return _located(source, text, line, column, message, "put the context inline, or download it and inline its content")
    undeclared = re.match(r"The prefix (\S*): has not been declared", message)
    if undeclared:
        from aikg.rdf.prefixes import prefix_hint

        prefix = undeclared.group(1)
        hint = prefix_hint(prefix, "@prefix {prefix}: <{iri}> .", "declare it before its first use")
        return _located(source, text, line, column, f"unknown prefix '{prefix}:'", hint)
    if line is None:  # RDF/XML and JSON-LD errors come unlocated: find what they quote or name
        named = re.search(r"'([^']+)'|`([^`]+)`|^(\S+) is not a valid|\b(rdf:\w+)", message)
        if named:
            found = next(group for group in named.groups() if group)
            line, column = locate(text, re.escape(found), breaks=RDF_LINE_BREAKS)
    if line is None and source.format.name == "rdfxml":
        line, column = _rdfxml_failure_point(data)
    return _located(source, text, line, column, message)


class _OneByteAtATime:
    """A reader giving the parser one byte per read, so the bytes consumed at an error say where it is."""

    def __init__(self, data: bytes):
        self.data, self.position = data, 0

    def read(self, _size: int = -1) -> bytes:
        chunk = self.data[self.position : self.position + 1]
        self.position += len(chunk)
        return chunk


_REPLAY_LIMIT = 4 * 2**20  # replaying byte by byte costs about 1 s per MB; larger files stay unlocated


def _rdfxml_failure_point(data: bytes) -> tuple[int | None, int | None]:
    """Line and column of the tag the RDF/XML parser stopped in (its errors carry no position)."""
    if len(data) > _REPLAY_LIMIT:
        return None, None
    reader = _OneByteAtATime(data)
    try:
        for _ in ox.parse(reader, format=ox.RdfFormat.RDF_XML):
            pass
        return None, None
    except (SyntaxError, ValueError):
        pass
    start = data.rfind(b"<", 0, max(reader.position - 1, 0))
    before = data[: max(start, 0)].decode("utf-8", "replace")
    lines = RDF_LINE_BREAKS.split(before)
    return len(lines), len(lines[-1]) + 1


_REMOTE_CONTEXT = r'"@(?:context|import)"\s*:\s*\[?\s*"'


def _located(source: Source, text: str, line, column, message: str, hint: str | None = None) -> Diagnostic:
    text_line = source_line(text, line, breaks=RDF_LINE_BREAKS)
    return Diagnostic(source.label, line, column, message, text_line, hint=hint)


_UTF8_BOM = b"\xef\xbb\xbf"


def parse_quads(source: Source, read: Callable[[Source], bytes] = read_bytes) -> list:
    """All quads of one source, parsed strictly; SyntaxProblems on bad input.

    ``read`` gives the source's bytes (:meth:`Inputs.read`, which keeps them).
    A leading UTF-8 byte-order mark is an encoding signature, not content,
    and is skipped. RDF/XML is checked as XML first (see :mod:`aikg.rdf.xmlguard`).
    """
    data = read(source)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    if source.format.name == "rdfxml":
        data = _checked_xml(source, data)
    elif source.format.name == "jsonld":
        _check_json_ld(source, data)
    try:
        quads = list(
            ox.parse(
                data,
                format=source.format.oxigraph_format,
                base_iri=source.base_iri,
                rename_blank_nodes=True,
            )
        )
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise SyntaxProblems([_diagnostic(source, data, exc)]) from None
    except MemoryError:
        raise SyntaxProblems([_term_too_long(source, data)]) from None
    _refuse_rdf12(source, data, quads)
    _refuse_long_terms(source, data, quads)
    return quads


def _checked_xml(source: Source, data: bytes) -> bytes:
    """``data`` as UTF-8 XML (UTF-16/32 transcoded per its byte-order mark), checked by expat."""
    from aikg.rdf.xmlguard import as_utf8, xml_problem

    try:
        data = as_utf8(data)
    except UnicodeDecodeError as exc:
        raise SyntaxProblems([Diagnostic(source.label, None, None, f"not valid {exc.encoding.upper()}, the encoding its first bytes name: {exc.reason} at byte {exc.start}")]) from None
    problem = xml_problem(data)
    if problem:
        text = data.decode("utf-8", "replace")
        raise SyntaxProblems([_located(source, text, problem.line, problem.column, problem.message)])
    return data


def _check_json_ld(source: Source, data: bytes) -> None:
    """Refuse nesting deeper than the limit (pyoxigraph's recursive parser would crash) and
    language tags JSON-LD would silently drop with their values."""
    from aikg.limits import JSON_DEPTH, json_depth

    limit = JSON_DEPTH.value()
    if json_depth(data) > limit:
        text = data.decode("utf-8", "replace")
        line, column = locate(text, r"[\[{]", breaks=RDF_LINE_BREAKS)
        raise SyntaxProblems([_located(source, text, line, column,
                                       f"JSON nested more than {limit} levels deep; refused before parsing",
                                       f"flatten the document, or raise {JSON_DEPTH.variable}")])
    text = data.decode("utf-8", "replace")
    for found in _JSON_LD_LANGUAGE.finditer(text):
        if not _BCP47.fullmatch(found.group(1)):
            line, column = locate(text, re.escape(found.group(0)), breaks=RDF_LINE_BREAKS)
            raise SyntaxProblems([_located(
                source, text, line, column, f"invalid @language {found.group(1)!r}: JSON-LD would drop the value",
                "use a BCP 47 tag: letters and digits joined by '-', e.g. en-US")])


_JSON_LD_LANGUAGE = re.compile(r'"@language"\s*:\s*"([^"\\]*)"')


_BCP47 = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


_PARSER_TERM_MAX = 16 * 2**20  # pyoxigraph's buffer: a longer term is a MemoryError


def _term_too_long(source: Source, data: bytes) -> Diagnostic:
    from aikg.limits import TERM_BYTES

    limit = min(TERM_BYTES.value(), _PARSER_TERM_MAX)
    text = data.decode("utf-8", "replace")
    line, column = locate(text, r"[^\s]{%d}" % min(limit, 100_000), breaks=RDF_LINE_BREAKS)
    return _located(source, text, line, column, f"a literal or IRI longer than {limit:,} bytes; refused",
                    f"keep long text outside the graph and link to it; {TERM_BYTES.variable} sets the limit (16 MiB at most)")


def _lowered_term_limit() -> int | None:
    """AIKG_MAX_TERM when set below the parser's own limit (only then are terms measured: it costs a pass)."""
    from aikg.limits import TERM_BYTES

    limit = TERM_BYTES.value()
    return limit if limit < _PARSER_TERM_MAX else None


def _too_long(quad, limit: int) -> bool:
    return any(len(getattr(term, "value", "")) > limit for term in (quad.subject, quad.predicate, quad.object))


def _refuse_long_terms(source: Source, data: bytes, quads) -> None:
    limit = _lowered_term_limit()
    if limit is not None and len(data) > limit and any(_too_long(quad, limit) for quad in quads):
        raise SyntaxProblems([_term_too_long(source, data)])


_LINE_FORMATS = ("ntriples", "nquads")


def iter_quads(source: Source, read: Callable[[Source], bytes] = read_bytes):
    """The quads of one source, parsed strictly; SyntaxProblems on bad input.

    N-Triples and N-Quads files are streamed from disk, so a file larger than
    memory is never held whole; other formats (and stdin) go through
    :func:`parse_quads`. A streamed file is read whole only to report an error.
    """
    if source.stream or source.format.name not in _LINE_FORMATS:
        yield from parse_quads(source, read)
        return
    with open(source.path, "rb") as handle:
        if handle.read(len(_UTF8_BOM)) == _UTF8_BOM:
            yield from parse_quads(source, read)
            return
    stream = ox.parse(path=source.path, format=source.format.oxigraph_format, base_iri=source.base_iri, rename_blank_nodes=True)
    limit = _lowered_term_limit()
    try:
        for quad in stream:
            if limit is not None and _too_long(quad, limit):
                raise SyntaxProblems([_term_too_long(source, read(source))])
            if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, (ox.Triple, ox.Literal)) and _rdf12(quad.object):
                _refuse_rdf12(source, read(source), [quad])
            yield quad
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise SyntaxProblems([_diagnostic(source, read(source), exc)]) from None
    except MemoryError:
        raise SyntaxProblems([_term_too_long(source, read(source))]) from None
    except OSError as exc:
        raise InputError(f"{source.path}: cannot read: {exc.strerror}") from None


def _rdf12(term) -> bool:
    return isinstance(term, ox.Triple) or term.direction is not None


def _refuse_rdf12(source: Source, data: bytes, quads: list) -> None:
    """pyoxigraph also reads RDF 1.2 (triple terms, text direction); aikg reads RDF 1.1."""
    for quad in quads:
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.Triple):
                problem = ("<<", "RDF 1.2 triple term (<< … >>): not RDF 1.1, which aikg reads",
                           "state the triple itself, or describe it with rdf:Statement reification")
            elif isinstance(term, ox.Literal) and term.direction is not None:
                problem = ("--(ltr|rtl)", "RDF 1.2 base direction (@lang--ltr/--rtl): not RDF 1.1, which aikg reads",
                           "drop the --ltr/--rtl suffix from the language tag")
            else:
                continue
            text = data.decode("utf-8", "replace")
            line, column = locate(text, problem[0], breaks=RDF_LINE_BREAKS)
            raise SyntaxProblems([_located(source, text, line, column, problem[1], problem[2])])


def parse_all(
    sources: Iterable[Source],
    use: Callable[[Source, Iterable], object],
    *,
    parse: Callable[[Source, Callable[[Source], bytes]], Iterable] = parse_quads,
    after_error: bool = False,
) -> None:
    """Parse every source, handing its quads to ``use(source, quads)``; then, if any
    failed, raise one SyntaxProblems listing the problems of every broken source.

    ``parse`` is :func:`parse_quads` (a list per source) or :func:`iter_quads`
    (streamed: a syntax error surfaces while ``use`` reads the quads). Once a
    source has failed, the later ones are still parsed, for their errors, but
    handed to ``use`` only with ``after_error`` (what ``use`` builds is not
    going to be used otherwise). Sources given as :class:`Inputs` are read through it (each file once).
    """
    read = sources.read if isinstance(sources, Inputs) else read_bytes
    problems: list[Diagnostic] = []
    for source in sources:
        try:
            quads = parse(source, read)
            if problems and not after_error:
                for _ in quads:
                    pass
            else:
                use(source, quads)
        except SyntaxProblems as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise SyntaxProblems(problems)
