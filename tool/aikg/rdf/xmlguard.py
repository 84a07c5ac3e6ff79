"""RDF/XML checked as XML before the RDF parser sees it.

pyoxigraph's RDF/XML parser expands internal entities without any limit
(a "billion laughs" document of 1 kB takes gigabytes) and accepts a
truncated document as a shorter one. Expat, with its amplification guard
(expat >= 2.4), checks well-formedness first, locates the problem, and
refuses entity bombs; external and parameter entities are refused here
outright, so no file or URL named inside an input is ever read.
"""

from __future__ import annotations

import re
import xml.parsers.expat as expat
from dataclasses import dataclass


@dataclass(frozen=True)
class XmlProblem:
    line: int | None
    column: int | None
    message: str


class _Refused(Exception):
    def __init__(self, problem: XmlProblem):
        self.problem = problem


_EXPAT_GUARDS_BOMBS = expat.version_info >= (2, 4, 0)


_AMPLIFICATION = "limit on input amplification factor"


def xml_problem(data: bytes) -> XmlProblem | None:
    """The first reason not to hand ``data`` to the RDF/XML parser, or None."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def on_entity(name, is_parameter, value, _base, system_id, public_id, _notation):
        kind = "parameter entity" if is_parameter else "entity"
        if system_id is not None or public_id is not None:
            target = system_id or public_id
            raise _Refused(XmlProblem(*here(), f"external {kind} {name!r} ({target}) refused: aikg never reads a file or URL named inside an input"))
        if is_parameter:
            raise _Refused(XmlProblem(*here(), f"parameter entity {name!r} refused"))
        if not _EXPAT_GUARDS_BOMBS and "&" in (value or ""):
            # Without expat's amplification guard, refuse what makes bombs possible.
            raise _Refused(XmlProblem(*here(), f"entity {name!r} refers to other entities; nested entities are refused"))

    parser.EntityDeclHandler = on_entity
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return refused.problem
    except expat.ExpatError as error:
        message = expat.ErrorString(error.code)
        if message.startswith(_AMPLIFICATION):
            message = "entity expansion is out of proportion to the document (an entity bomb, like 'billion laughs'); refused"
        elif message == "recursive entity reference":
            message = "recursive entity reference refused"
        else:
            message = f"not well-formed XML: {message}"
        return XmlProblem(error.lineno, error.offset + 1, message)
    return None


# Byte-order marks and, without one, how "<?" starts in each encoding (XML 1.0, appendix F).
_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "utf-32-be", 4), (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\xfe\xff", "utf-16-be", 2), (b"\xff\xfe", "utf-16-le", 2),
    (b"\x00\x00\x00<", "utf-32-be", 0), (b"<\x00\x00\x00", "utf-32-le", 0),
    (b"\x00<\x00?", "utf-16-be", 0), (b"<\x00?\x00", "utf-16-le", 0),
)


_ENCODING_DECLARATION = re.compile(r"""^(<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def as_utf8(data: bytes) -> bytes:
    """UTF-16 and UTF-32 XML (legal, and named by its first bytes) as UTF-8, its declaration
    changed to match; other documents unchanged. The RDF/XML parser reads UTF-8 only."""
    for signature, encoding, skip in _SIGNATURES:
        if data.startswith(signature):
            text = data[skip:].decode(encoding)  # UnicodeDecodeError when it lies
            return _ENCODING_DECLARATION.sub(r"\1", text, count=1).encode("utf-8")
    return data
