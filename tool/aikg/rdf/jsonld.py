"""aikg's one JSON-LD writer: compacted with a prefix context, or expanded on request.

pyoxigraph writes expanded JSON-LD; compaction here only turns IRIs into
compact IRIs (``aikg:Model``) with prefix definitions, so the document stays
the same RDF (tests round-trip it). The context holds only the prefixes the
document uses: aikg's published context (``ontology/context.jsonld``, shipped
in the package and usable as ``@context`` by anyone) and the input's own.
"""

from __future__ import annotations

import json

_KEYWORD_IRI_KEYS = ("@id",)  # keys whose value is an IRI (compacted as in @id position)


def published_context() -> dict[str, str]:
    """aikg's published JSON-LD context: prefix → namespace."""
    from aikg import bundle

    return json.loads((bundle.root() / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def write_jsonld(quads, out, prefixes: dict[str, str] | None = None, expanded: bool = False) -> None:
    """pyoxigraph quads as JSON-LD to the binary stream ``out``."""
    import pyoxigraph as ox

    document = json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD) or b"[]")
    if not expanded:
        document = compact(document, {**published_context(), **(prefixes or {})})
    out.write(json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n")


def compact(document, prefixes: dict[str, str]) -> dict:
    """Expanded JSON-LD with IRIs shortened by ``prefixes``, under an ``@context`` of the prefixes used."""
    usable = sorted(((p, ns) for p, ns in prefixes.items() if p and p != "_" and ns[-1:] in "/#:?"),
                    key=lambda item: -len(item[1]))  # the longest namespace gives the shortest name
    used: dict[str, str] = {}

    def iri(value: str) -> str:
        for prefix, namespace in usable:
            if value.startswith(namespace) and len(value) > len(namespace) and not value[len(namespace):].startswith("//"):
                used[prefix] = namespace
                return f"{prefix}:{value[len(namespace):]}"
        return value

    def walk(node):
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        result = {}
        for key, value in node.items():
            if key in ("@id", "@type") and not (isinstance(value, str) and value.startswith("_:")):
                value = [iri(v) for v in value] if isinstance(value, list) else iri(value)
            elif not key.startswith("@"):
                key, value = iri(key), walk(value)
            else:
                value = walk(value)
            result[key] = value
        return result

    body = walk(document)
    graph = body if isinstance(body, list) else [body]
    return {"@context": dict(sorted(used.items())), "@graph": graph}
