"""What the import and export tests share: the namespaces they look up, and validation of
an imported graph together with the bundled model."""

from __future__ import annotations

from rdflib import Namespace

HF = Namespace("https://huggingface.co/")
AIKG = Namespace("https://w3id.org/aikg/ont#")
VOCAB = Namespace("https://w3id.org/aikg/vocab/")
AIKGD = Namespace("https://w3id.org/aikg/id/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")


def graph_of(imported):
    """An import's store as an rdflib Graph, for the tests' triple-pattern checks."""
    from aikg.rdf.rdflib_bridge import rdflib_graph

    return rdflib_graph(imported.store)


def write_turtle(imported, path) -> None:
    """The import written as `aikg import ... -o out.ttl` writes it."""
    from aikg.rdf.convert import serialize

    path.write_bytes(serialize(imported.store, "turtle"))


def assert_valid_with_the_bundle(imported, tmp_path) -> None:
    """The import, written to Turtle, validates as `aikg validate -i out.ttl` does: with the bundled model."""
    from aikg import api

    out = tmp_path / "imported.ttl"
    write_turtle(imported, out)
    outcome = api.validate(inputs=[str(out)])
    assert outcome.conforms, [f.message for f in outcome.findings][:5]
