"""aikg: a knowledge-graph toolkit for AI-model provenance.

The operations live in :mod:`aikg.api` and are re-exported here: each takes
inputs (files, an on-disk store or an endpoint) and returns data (graphs,
dataclasses, results); none prints. Heavy dependencies (rdflib, pyshacl,
owlrl) are imported by the functions that need them, so ``import aikg``
stays cheap.
"""

__version__ = "0.1.0"

from aikg.errors import AikgError  # noqa: E402

_API = (
    "Answer", "CheckOutcome", "Closure", "Endpoint", "Obligations", "check", "connect", "convert", "diagram",
    "export_spdx3", "import_csv", "import_hf_cards", "import_spdx3",
    "info", "lineage", "list_queries", "load", "models", "obligations", "plan_load", "query", "reason", "report",
    "validate",
)

__all__ = ["AikgError", "__version__", *_API]


def __getattr__(name):
    # Lazy re-exports: aikg.api imports nothing heavy itself, but keep even it off `import aikg`.
    if name in _API:
        from aikg import api

        return getattr(api, name)
    raise AttributeError(f"module 'aikg' has no attribute {name!r}")
