"""What the import and export tests share: the namespaces they look up, and validation of
an imported graph together with the bundled model."""

from __future__ import annotations

from rdflib import Namespace

HF = Namespace("https://huggingface.co/")
AIKG = Namespace("https://w3id.org/aikg/ont#")
VOCAB = Namespace("https://w3id.org/aikg/vocab/")
AIKGD = Namespace("https://w3id.org/aikg/id/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")


def assert_valid_with_the_bundle(graph, tmp_path) -> None:
    """The graph, written to Turtle, validates as `aikg validate -i out.ttl` does: with the bundled model."""
    from aikg import api

    out = tmp_path / "imported.ttl"
    graph.serialize(out, format="turtle", encoding="utf-8")
    outcome = api.validate(inputs=[str(out)])
    assert outcome.conforms, [f.message for f in outcome.findings][:5]
