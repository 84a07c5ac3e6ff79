"""RDF serialisation formats: names, file extensions and pyoxigraph's handles."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from aikg.errors import UsageError


class RdfFormat(NamedTuple):  # not a frozen dataclass: on every command's start-up path, and cheaper to make
    name: str  # aikg's name, used on the command line
    extensions: tuple[str, ...]
    oxigraph: str  # attribute of pyoxigraph.RdfFormat
    datasets: bool  # can carry named graphs

    @property
    def oxigraph_format(self):
        import pyoxigraph

        return getattr(pyoxigraph.RdfFormat, self.oxigraph)


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", (".ttl", ".turtle"), "TURTLE", False),
        RdfFormat("ntriples", (".nt",), "N_TRIPLES", False),
        RdfFormat("nquads", (".nq",), "N_QUADS", True),
        RdfFormat("trig", (".trig",), "TRIG", True),
        RdfFormat("jsonld", (".jsonld", ".json"), "JSON_LD", True),
        RdfFormat("rdfxml", (".rdf", ".owl", ".xml"), "RDF_XML", False),
    )
}


ALIASES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "xml": "rdfxml",
    "rdf/xml": "rdfxml",
    "owl": "rdfxml",
}


FORMAT_NAMES = tuple(FORMATS)


def format_by_name(name: str) -> RdfFormat:
    key = ALIASES.get(name.lower(), name.lower())
    try:
        return FORMATS[key]
    except KeyError:
        raise UsageError(
            f"unknown RDF format {name!r}",
            hint="use one of: " + ", ".join(FORMAT_NAMES),
        ) from None


def guess_format(path: str | Path, explicit: str | None = None) -> RdfFormat:
    """The format named explicitly, else the one the file extension implies."""
    if explicit:
        return format_by_name(explicit)
    suffix = Path(str(path)).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    raise UsageError(
        f"cannot tell the RDF format of {path} from its extension",
        hint="name it with --input-format (" + ", ".join(FORMAT_NAMES) + ")",
    )
