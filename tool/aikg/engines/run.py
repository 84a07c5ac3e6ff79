"""Running reason and validate on local inputs: load, reason, validate, each step reporting its progress.

``progress_for`` is a callable that returns a progress callback for a step
label, or None for no progress at all (see :func:`aikg.progress.step`).
The api calls these with inputs already resolved (an
:class:`~aikg.rdf.sources.Inputs` value) and an engine already chosen
(:func:`aikg.engines.choice.choose_engine`).
"""

from __future__ import annotations

from aikg.engines import fast  # its functions looked up when called (tests replace them)
from aikg.progress import step


def closure(inputs, input_format: str | None, profile: str, inferred_only: bool, engine: str, progress_for=None):
    """The inputs' closure under ``profile`` as pyoxigraph quads: a Store, or with ``inferred_only``
    an iterator over the inferred triples alone. ``engine``: ``oxigraph`` (aikg's rules) or ``reference`` (owlrl)."""
    if engine == "reference":
        from aikg.engines.reference import reason as reason_graph
        from aikg.rdf.rdflib_bridge import load_graph, oxigraph_quads

        graph = step(progress_for, "loading", lambda progress: load_graph(inputs, input_format))
        reasoned = step(progress_for, "reasoning (owlrl)",
                        lambda progress: reason_graph(graph, profile, inferred_only=inferred_only))
        return oxigraph_quads(reasoned)
    store = fast.reasoned_store(inputs, input_format, "none", progress_for)
    return step(progress_for, "reasoning", lambda progress: fast.reason_store(store, profile, inferred_only, progress))


def validate_data(data, shapes, infer: str, engine: str):
    """Validate data already read (a pyoxigraph Store, or a store's graph) on ``engine``, reasoned first with ``infer``."""
    from aikg.validation import load_shapes

    shapes_store = load_shapes(list(shapes) or None)
    if engine == "reference":
        from aikg.engines.reference import validate as validate_reference

        return validate_reference(data, shapes_store, inference=infer)
    return fast.validate_store(fast.reason_store(data, infer) if infer != "none" else data, shapes_store)


def validate_inputs(inputs, input_format: str | None, shapes, infer: str, engine: str, progress_for=None,
                    explain_time: bool = False):
    """Validate the inputs against ``shapes`` (default: the bundled shapes) on ``engine``, reasoned first with
    ``infer``; with ``explain_time`` (oxigraph only) the outcome's ``timings`` say how long each shape takes alone."""
    if engine == "oxigraph":
        return _validate_fast(inputs, input_format, shapes, infer, progress_for, explain_time)
    from aikg.rdf.rdflib_bridge import load_graph

    # read by rdflib: the pyoxigraph store canonicalises literals ("1.50" is 1.5, xsd:int is xsd:integer)
    data = step(progress_for, "loading", lambda _progress: load_graph(inputs, input_format))
    return step(progress_for, "validating", lambda _progress: validate_data(data, shapes, infer, engine))


def _validate_fast(inputs, input_format, shapes, infer, progress_for, explain_time=False):
    """The oxigraph engine over the inputs' store (reasoned first with aikg's rules when ``infer``).

    No reference to the store is kept here, so the validator can let it go
    once it has read it (see :func:`aikg.engines.fast.validate_loaded`).
    """
    from aikg.rdf.vocabulary import stream_quads
    from aikg.validation import load_shapes

    shapes_store = load_shapes(list(shapes) or None)

    def loaded(store):
        timings = None
        if explain_time:
            from aikg.engines.shape_timing import time_shapes

            timings = time_shapes(store, shapes_store)
        progress = progress_for("validating") if progress_for else None
        if progress:
            progress(len(store))
        return progress, timings

    written = (lambda: stream_quads(inputs, input_format)) if infer == "none" else None  # a closure is the store's
    outcome, (progress, timings) = fast.validate_loaded(
        lambda: fast.reasoned_store(inputs, input_format, infer, progress_for), shapes_store, loaded, written=written)
    if progress:
        progress.done(f"{len(outcome.findings)} result(s)")
    outcome.timings = timings
    return outcome
