"""Query parameters: ``name=value`` strings checked against a query's header and bound as RDF terms."""

from __future__ import annotations

import re

from aikg.errors import ParameterError
from aikg.sparql.catalogue import CatalogueQuery, Parameter, resolve_query
from aikg.namespaces import XSD
from aikg.sparql.results import term_ntriples
from aikg.sparql.syntax import query_prefixes


def parse_assignments(items) -> dict[str, str]:
    """``{name: value}`` from ``NAME=VALUE`` strings (``--param``)."""
    from aikg.errors import UsageError

    values = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r} is not NAME=VALUE")
        if name.strip() in values:
            raise UsageError(f"--param {name.strip()} is given twice", hint="give each parameter once")
        values[name.strip()] = value
    return values


def guess_param_type(value: str) -> str:
    """``iri`` for what looks like an IRI or a prefixed name, else ``string`` (parameters of inline queries)."""
    if re.match(r"^<.*>$|^[a-z][a-z0-9+.-]*://|^[A-Za-z][\w-]*:[^/]", value):
        return "iri"
    return "string"


def query_spec(name: str | None, text: str | None, values: dict[str, str], prefixes: dict[str, str] | None = None):
    """(the query, its bound parameters) for a catalogue ``name``/path or inline ``text``.

    An inline query declares no header: each given value becomes a binding
    typed by its look (an IRI or a string).
    """
    if text is None:
        spec = resolve_query(name)
    else:
        guessed = tuple(Parameter(n, guess_param_type(v), True, "") for n, v in values.items())
        spec = CatalogueQuery(name="<query>", title="", description="", params=guessed, text=text)
    return spec, bind_parameters(spec, values, prefixes)


def bind_parameters(query: CatalogueQuery, values: dict[str, str], prefixes: dict[str, str] | None = None) -> dict:
    """pyoxigraph terms for the given ``name=value`` strings, checked against the header."""
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


def labels_to_iris(name: str | None, values: dict[str, str], inputs, input_format: str | None = None) -> dict[str, str]:
    """``-p model=Avocado``: an IRI parameter of the catalogue query ``name`` given as a label becomes
    the IRI the local ``inputs`` (an :class:`~aikg.rdf.sources.Inputs` value) label so.

    A value with a colon or angle brackets is an IRI or prefixed name and is
    left alone; so are the values of queries without a catalogue header. The
    inputs are read only when some value is a label.
    """
    from aikg.errors import UsageError

    if not name or not values:
        return values
    iri_params = {p.name for p in resolve_query(name).params if p.type == "iri"}
    labels = {k: v for k, v in values.items() if k in iri_params and ":" not in v and not v.startswith("<")}
    if not labels:
        return values
    from aikg.rdf.graphs import load_store
    from aikg.rdf.labels import iris_labelled

    store = load_store(inputs, input_format)  # read as the query reads them (the bundled graph: from the cache)
    resolved = dict(values)
    for key, label in labels.items():
        found = iris_labelled(store, label)
        if len(found) > 1:
            raise UsageError(f"parameter {key!r}: the label {label!r} names {len(found)} things",
                             hint="give one IRI instead: " + ", ".join(f"<{iri}>" for iri in found[:5]))
        if found:
            resolved[key] = f"<{found[0]}>"
    return resolved


def _describe(param: Parameter) -> str:
    return f"{param.type}: {param.description}" if param.description else param.type


def to_term(param: Parameter, value: str, prefixes: dict[str, str]):
    """The pyoxigraph term ``value`` means as a parameter of ``param``'s type."""
    import pyoxigraph as ox

    def bad(expected: str):
        return ParameterError(
            f"parameter {param.name!r}: {value!r} is not {expected}",
            hint=f"pass --param {param.name}=VALUE ({_describe(param)})",
        )

    def typed(lexical: str, datatype: str):
        return ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))

    if param.type == "iri":
        iri = expand_iri(value, prefixes)
        if iri == "":
            prefix = value.split(":", 1)[0]
            raise ParameterError(
                f"parameter {param.name!r}: unknown prefix {prefix!r} in {value!r}",
                hint="write the full IRI, or declare the prefix in the query or the data",
            )
        if iri is None:
            raise bad("an IRI (write <http://…>, http://…, or prefix:name with a known prefix)")
        return ox.NamedNode(iri)
    if param.type == "string":
        return ox.Literal(value)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise bad("an integer")
        return typed(str(int(value)), "integer")
    if param.type == "decimal":
        from decimal import Decimal, InvalidOperation

        try:
            number = Decimal(value)
        except InvalidOperation:
            raise bad("a decimal number") from None
        if not number.is_finite():
            raise bad("a decimal number")
        return typed(format(number, "f"), "decimal")
    if param.type == "date":
        from datetime import date

        try:
            date.fromisoformat(value)
        except ValueError:
            raise bad("a date (YYYY-MM-DD)") from None
        return typed(value, "date")
    if param.type == "boolean":
        if value.lower() not in ("true", "false"):
            raise bad("true or false")
        return typed(value.lower(), "boolean")
    raise bad(param.type)  # pragma: no cover - header types are checked on parse


_IRI_CHARS = re.compile(r'^[^\s<>"{}|\\^`]+$')


_ABSOLUTE_SCHEMES = ("http", "https", "urn", "mailto", "file", "tag", "did", "doi", "info", "data")


def expand_iri(value: str, prefixes: dict[str, str]) -> str | None:
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


def inline_bindings(text: str, bindings: dict) -> str:
    """The query with ``VALUES`` for ``bindings`` as the first element of its WHERE group
    (found among the query's tokens: a brace or a WHERE in a string, an IRI or a comment is none).

    Terms are written in N-Triples syntax by the term itself (pyoxigraph's
    ``str``: escaped, validated), never as raw user text,
    so a parameter cannot change the query's structure.
    """
    if not bindings:
        return text
    from aikg.sparql.tokens import tokens  # only a query with parameters pays for the lexer

    names = sorted(bindings)
    values = "VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(term_ntriples(bindings[n]) for n in names) + ") } "
    found = tokens(text) or []
    braces = [i for i, token in enumerate(found) if token.kind == "punct" and token.text == "{"]
    where = next((i for i in braces if i and found[i - 1].is_keyword("WHERE")), braces[0] if braces else None)
    if where is None:  # pragma: no cover - parse_query accepted the text
        raise ValueError("query has no group pattern")
    end = found[where].end
    return text[:end] + " " + values + text[end:]
