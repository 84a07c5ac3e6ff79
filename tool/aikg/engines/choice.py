"""The engine for reasoning and validation: the fast one by default, the reference on request.

``oxigraph`` (the default, at every input size): pyoxigraph holds the data,
aikg.engines.rules reasons, pyshacl-turbo validates — with the shapes it is
known to get wrong handed to pySHACL over the same data (aikg.engines.routing).
``reference``: rdflib, owlrl and pySHACL, for whoever wants the reference
answer (the tests hold the fast engine to it).

Queries do not choose: pyoxigraph answers every query (``aikg query`` has no
``--engine``); rdflib's SPARQL engine answers wrongly on data aikg did not write.
"""

from __future__ import annotations

from aikg.errors import UsageError

ENGINES = ("oxigraph", "reference")
DEFAULT_ENGINE = "oxigraph"
_ALIASES = {"rdflib": "reference"}  # the reference stack's old name, still accepted (scripts use it)


def choose_engine(requested: str | None) -> str:
    """``oxigraph`` or ``reference`` for the engine a caller named (None: the default).

    ``auto`` chose by input size until both engines gave the same answers; it is
    refused with a hint rather than quietly mapped, so a script that relied on
    it learns that the fast engine now serves every size.
    """
    name = DEFAULT_ENGINE if requested is None else _ALIASES.get(requested, requested)
    if name in ENGINES:
        return name
    if requested == "auto":
        raise UsageError("--engine auto is gone: the oxigraph engine is the default at every input size",
                         hint="drop --engine, or give --engine reference for rdflib, owlrl and pySHACL")
    raise UsageError(f"unknown engine {requested!r}", hint="use " + " or ".join(ENGINES))


PROFILES = ("rdfs", "owlrl")
INFER_CHOICES = ("none", *PROFILES)  # --infer: no reasoning, or a profile
