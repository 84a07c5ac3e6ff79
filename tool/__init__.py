"""aikg: a knowledge-graph toolkit for AI-model provenance.

The library returns data (graphs, dataclasses); only :mod:`aikg.cli` prints.
Heavy dependencies (rdflib, pyshacl, owlrl) are imported lazily by the
functions that need them, so ``import aikg`` stays cheap.
"""

__version__ = "0.1.0"

from aikg.errors import AikgError  # noqa: E402

__all__ = [
    "AikgError",
    "__version__",
    "list_queries",
    "load_graph",
    "reason",
    "run_query",
    "validate",
]


def __getattr__(name):
    # Lazy re-exports: keep `import aikg` free of rdflib's ~100 ms start-up.
    if name == "load_graph":
        from aikg.rdf.graphs import load_graph

        return load_graph
    if name == "list_queries":
        from aikg.query.catalogue import catalogue

        return catalogue
    if name == "run_query":
        from aikg.engines.reference import run_query

        return run_query
    if name == "reason":
        from aikg.engines.reference import reason

        return reason
    if name == "validate":
        from aikg.engines.reference import validate

        return validate
    raise AttributeError(f"module 'aikg' has no attribute {name!r}")
