"""Choosing the engine for reasoning and validation: the reference stack or the fast one.

Queries do not choose: pyoxigraph answers every query (``aikg query`` has no
``--engine``); rdflib's SPARQL engine answers wrongly on data aikg did not
write. ``--infer`` on a query uses this choice for its reasoner.

``auto`` keeps the reference stack (rdflib, owlrl, pySHACL) for inputs up to
AUTO_THRESHOLD_BYTES and switches to the fast one (pyoxigraph, aikg.engines.rules,
pyshacl-turbo) above it. Measured on a 2-core machine (bench/run.py): the
reference stack's cost grows with the input
(~3.5 s at 100k triples for parsing alone, minutes for reasoning and
validation), while the fast path stays under 0.1 s at that size. Below
the threshold both give the same answers (tested) and the reference is
fast enough; above it, the reference stops being usable.
"""

from __future__ import annotations


ENGINES = ("auto", "rdflib", "oxigraph")


AUTO_THRESHOLD_BYTES = 1_000_000


def input_bytes(paths=None, input_format: str | None = None) -> int:
    """The total size of the inputs (the bundled graph when none)."""
    from aikg.rdf.sources import as_inputs

    inputs = as_inputs(paths, input_format)  # sizes as resolved; a stream's once read (kept for the parse)
    return sum(len(inputs.read(source)) if source.stream else source.size for source in inputs)


def choose_engine(requested: str, paths=None, input_format: str | None = None) -> str:
    """``rdflib`` or ``oxigraph`` for the ``requested`` engine (``auto`` decides by input size)."""
    if requested != "auto":
        return requested
    return "oxigraph" if input_bytes(paths, input_format) > AUTO_THRESHOLD_BYTES else "rdflib"


PROFILES = ("rdfs", "owlrl")
INFER_CHOICES = ("none", *PROFILES)  # --infer: no reasoning, or a profile
