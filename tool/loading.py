"""Reading RDF files strictly, with located diagnostics.

Every input is parsed by pyoxigraph, whose parsers follow the RDF 1.1
grammars to the letter and report ``line:column``; rdflib's own parsers
accept many invalid documents. The triples then go into an rdflib graph,
which stays the reference engine.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from aikg import bundle
from aikg.errors import Diagnostic, InputError, SyntaxProblems
from aikg.formats import RdfFormat, guess_format

STDIN = "-"
STDIN_BASE = "urn:aikg:stdin:"


@dataclass(frozen=True)
class Source:
    """One input: a file path or ``-`` for standard input, and its format."""

    path: str
    format: RdfFormat
    display: str | None = None  # shorter name for messages (bundled files)

    @property
    def label(self) -> str:
        return "<stdin>" if self.path == STDIN else (self.display or self.path)

    @property
    def base_iri(self) -> str:
        if self.path == STDIN:
            return STDIN_BASE
        return Path(self.path).resolve().as_uri()


def sources_for(paths, input_format: str | None = None) -> list[Source]:
    """Sources for the user's paths, or the bundled graph's files when none."""
    if not paths:
        root = bundle.root()
        return [Source(str(p), guess_format(p), str(p.relative_to(root))) for p in bundle.graph_files()]
    sources = []
    for path in paths:
        path = str(path)
        if path == STDIN:
            fmt = guess_format("stdin.ttl", input_format)
        else:
            if "://" in path and not Path(path).exists():
                shown = re.sub(r"://[^/@]*@", "://…@", path)  # never echo a password given in the URL
                raise InputError(
                    f"{shown}: URLs are not read as input",
                    hint="download the file and pass its path",
                )
            if not Path(path).is_file():
                raise InputError(
                    f"{path}: no such file",
                    hint="check the path; use - to read standard input",
                )
            fmt = guess_format(path, input_format)
        sources.append(Source(path, fmt))
    return sources


_stdin_cache: tuple[object, bytes] | None = None  # (the stdin object read, its bytes)


def read_bytes(source: Source) -> bytes:
    global _stdin_cache
    if source.path == STDIN:
        # stdin can be read once; keep it for a second pass (e.g. check + load),
        # but only for the same stdin (a notebook or test may swap it).
        if _stdin_cache is None or _stdin_cache[0] is not sys.stdin:
            _stdin_cache = (sys.stdin, sys.stdin.buffer.read())
        return _stdin_cache[1]
    try:
        return Path(source.path).read_bytes()
    except OSError as exc:
        raise InputError(f"{source.path}: cannot read: {exc.strerror}") from None


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
        line, column = locate(text, _REMOTE_CONTEXT, after=True)
        return _located(source, text, line, column, message, "put the context inline, or download it and inline its content")
    undeclared = re.match(r"The prefix (\S*): has not been declared", message)
    if undeclared:
        from aikg.querysyntax import prefix_hint

        prefix = undeclared.group(1)
        hint = prefix_hint(prefix, "@prefix {prefix}: <{iri}> .", "declare it before its first use")
        return _located(source, text, line, column, f"unknown prefix '{prefix}:'", hint)
    if line is None:  # RDF/XML and JSON-LD errors come unlocated: find what they quote
        quoted = re.search(r"'([^']+)'|`([^`]+)`", message)
        if quoted:
            line, column = locate(text, re.escape(quoted.group(1) or quoted.group(2)))
    return _located(source, text, line, column, message)


_REMOTE_CONTEXT = r'"@(?:context|import)"\s*:\s*\[?\s*"'


def locate(text: str, pattern: str, after: bool = False) -> tuple[int | None, int | None]:
    """1-based line and column of the first match of ``pattern`` (or of its end)."""
    found = re.search(pattern, text)
    if not found:
        return None, None
    index = found.end() if after else found.start()
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _located(source: Source, text: str, line, column, message: str, hint: str | None = None) -> Diagnostic:
    text_line = None
    if line:
        lines = text.split("\n")  # the parsers' notion of a line (not str.splitlines')
        if 0 < line <= len(lines):
            text_line = lines[line - 1].rstrip("\r")
    return Diagnostic(source.label, line, column, message, text_line, hint=hint)


_UTF8_BOM = b"\xef\xbb\xbf"


def parse_quads(source: Source) -> list:
    """All quads of one source, parsed strictly; SyntaxProblems on bad input.

    A leading UTF-8 byte-order mark is an encoding signature, not content,
    and is skipped. RDF/XML is checked as XML first (see :mod:`aikg.xmlguard`).
    """
    data = read_bytes(source)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    if source.format.name == "rdfxml":
        from aikg.xmlguard import xml_problem

        problem = xml_problem(data)
        if problem:
            text = data.decode("utf-8", "replace")
            raise SyntaxProblems([_located(source, text, problem.line, problem.column, problem.message)])
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
    _refuse_rdf12(source, data, quads)
    return quads


_LINE_FORMATS = ("ntriples", "nquads")


def iter_quads(source: Source):
    """The quads of one source, parsed strictly; SyntaxProblems on bad input.

    N-Triples and N-Quads files are streamed from disk, so a file larger than
    memory is never held whole; other formats (and stdin) go through
    :func:`parse_quads`. A streamed file is read whole only to report an error.
    """
    if source.path == STDIN or source.format.name not in _LINE_FORMATS:
        yield from parse_quads(source)
        return
    with open(source.path, "rb") as handle:
        if handle.read(len(_UTF8_BOM)) == _UTF8_BOM:
            yield from parse_quads(source)
            return
    stream = ox.parse(path=source.path, format=source.format.oxigraph_format, base_iri=source.base_iri, rename_blank_nodes=True)
    try:
        for quad in stream:
            if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, (ox.Triple, ox.Literal)) and _rdf12(quad.object):
                _refuse_rdf12(source, read_bytes(source), [quad])
            yield quad
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise SyntaxProblems([_diagnostic(source, read_bytes(source), exc)]) from None
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
            line, column = locate(text, problem[0])
            raise SyntaxProblems([_located(source, text, line, column, problem[1], problem[2])])


def _parsed(sources: list[Source]):
    """(source, quads) for each source; every file is parsed before any error
    is raised, so the error lists all broken files."""
    problems: list[Diagnostic] = []
    for source in sources:
        try:
            quads = parse_quads(source)
        except SyntaxProblems as exc:
            problems.extend(exc.diagnostics)
            continue
        if not problems:
            yield source, quads
    if problems:
        raise SyntaxProblems(problems)


def load_graph(paths=None, input_format: str | None = None):
    """An rdflib ``Graph`` of the given files (the bundled graph when none).

    Named graphs in quad formats are merged into the one graph.
    """
    from rdflib import Graph

    from aikg.terms import to_rdflib

    graph = Graph()
    _bind_prefixes(graph)
    for source, quads in _parsed(sources_for(paths, input_format)):
        bnodes: dict = {}
        add = graph.add
        for quad in quads:
            add((to_rdflib(quad.subject, bnodes), to_rdflib(quad.predicate), to_rdflib(quad.object, bnodes)))
        _bind_document_prefixes(graph, source)
    return graph


def load_store(paths=None, input_format: str | None = None, progress=None):
    """A pyoxigraph ``Store`` (in memory) of the given files, for the fast engine.

    Named graphs are merged into the default graph, as in load_graph. Files
    are streamed into pyoxigraph's bulk loader; ``progress(count)`` hears
    how many triples were read so far.
    """
    from aikg.progress import counted

    store = ox.Store()
    problems: list[Diagnostic] = []
    for source in sources_for(paths, input_format):
        already = len(store)
        report = None if progress is None else (lambda count, already=already: progress(already + count))
        quads = counted(iter_quads(source), report)
        try:
            if problems:  # still parse the rest, to report every broken file
                for _ in quads:
                    pass
            else:
                store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        except SyntaxProblems as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise SyntaxProblems(problems)
    return store


AIKG_PREFIXES = {
    "aikg": "https://w3id.org/aikg/ont#",
    "aikgd": "https://w3id.org/aikg/id/",
    "aikgs": "https://w3id.org/aikg/source/",
    "aikgv": "https://w3id.org/aikg/vocab/",
    "aikgsh": "https://w3id.org/aikg/shapes#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "wd": "http://www.wikidata.org/entity/",
    "sh": "http://www.w3.org/ns/shacl#",
}


def _bind_prefixes(graph) -> None:
    for prefix, iri in AIKG_PREFIXES.items():
        graph.bind(prefix, iri, override=False)


def _bind_document_prefixes(graph, source: Source) -> None:
    """Keep the prefixes a Turtle/TriG document declares, for compact output."""
    for prefix, iri in _declared_prefixes(source).items():
        graph.bind(prefix, iri, override=False)


def _declared_prefixes(source: Source) -> dict[str, str]:
    if source.format.name not in ("turtle", "trig"):
        return {}
    import re

    text = read_bytes(source).decode("utf-8", "replace")
    return dict(re.findall(r"(?im)^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>", text))


def document_prefixes(paths=None, input_format: str | None = None) -> dict[str, str]:
    """The prefixes the inputs declare (first declaration wins)."""
    prefixes: dict[str, str] = {}
    for source in sources_for(paths, input_format):
        for prefix, iri in _declared_prefixes(source).items():
            prefixes.setdefault(prefix, iri)
    return prefixes
