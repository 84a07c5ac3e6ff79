"""SHACL validation as data: findings read from a report store, kept to the user's nodes, undeclared terms added.

Every term here is a pyoxigraph term and the report is a pyoxigraph Store:
whichever validator made a report (pyshacl-turbo, pySHACL), it is converted
once, where it leaves that validator (:mod:`aikg.rdf.rdflib_bridge`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aikg import bundle
from aikg.errors import InputError
from aikg.namespaces import AIKG, AIKG_PREFIXES, AIKG_SHAPES, AIKG_VOCAB, CORE_PREFIXES, RDF, SH

INFERENCE = ("none", "rdfs", "owlrl")
SEVERITIES = ("violation", "warning", "info")  # most to least severe


SEVERITY_OF = {SH + "Violation": "violation", SH + "Warning": "warning", SH + "Info": "info"}
_RESULT_FIELDS = {  # Finding field -> the report's predicate
    "focus": "focusNode", "path": "resultPath", "value": "value", "shape": "sourceShape",
    "component": "sourceConstraintComponent",
}


@dataclass(frozen=True)
class Finding:
    """One validation result of the SHACL report; terms are pyoxigraph terms."""

    focus: object
    path: object | None
    value: object | None
    severity: str  # violation, warning or info
    message: str
    shape: object | None
    component: object | None
    result: object | None = field(default=None, compare=False, repr=False)  # its node in the report store


@dataclass
class ValidationOutcome:
    conforms: bool
    findings: list[Finding] = field(default_factory=list)
    report_graph: object | None = None  # the SHACL report: a pyoxigraph Store (its default graph)
    namespaces: dict[str, str] = field(default_factory=dict)  # prefix -> IRI, to print terms compactly
    timings: list | None = None  # engines.shape_timing.ShapeTiming per shape, when asked for

    def counts(self) -> dict[str, int]:
        """How many findings of each severity, most severe first."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def failing(self, fail_on: str = "violation") -> list[Finding]:
        """The findings at or above the ``fail_on`` severity."""
        worst = SEVERITIES.index(fail_on)
        return [f for f in self.findings if SEVERITIES.index(f.severity) <= worst]


def unusable_shapes(reason) -> InputError:
    """The error for shapes a validator refuses (bad input, exit 3), in one wording whichever validator refused."""
    message = " ".join(str(getattr(reason, "message", reason)).split())
    return InputError(f"the shapes cannot be used: {message}",
                      hint="fix the shape named above; 'aikg validate -h' shows how to pass other shapes")


def report_namespaces() -> dict[str, str]:
    """The prefixes a report's terms are printed with (the same whichever engine validated)."""
    return {**CORE_PREFIXES, **AIKG_PREFIXES}


def load_shapes(paths=None):
    """The shapes (default: the bundled ones) as a pyoxigraph Store."""
    from aikg.rdf.graphs import load_store

    return load_store(list(paths or bundle.shape_files()))


def _node(name: str):
    import pyoxigraph as ox

    return ox.NamedNode(SH + name)


def _value(report, subject, name: str):
    for quad in report.quads_for_pattern(subject, _node(name), None):
        return quad.object
    return None


def _sorted(found: list[Finding]) -> list[Finding]:
    """Most severe first, then by focus node, path (their IRIs or lexical forms) and message."""
    def text(term) -> str:
        return "None" if term is None else term.value

    return sorted(found, key=lambda f: (SEVERITIES.index(f.severity), text(f.focus), text(f.path), f.message))


def findings(report) -> list[Finding]:
    """The findings of a SHACL report Store: every sh:ValidationResult a report lists (not nested sh:detail ones)."""
    import pyoxigraph as ox

    found = []
    for top in report.quads_for_pattern(None, ox.NamedNode(RDF + "type"), _node("ValidationReport")):
        for link in report.quads_for_pattern(top.subject, _node("result"), None):
            result = link.object
            terms = {name: _value(report, result, predicate) for name, predicate in _RESULT_FIELDS.items()}
            severity = _value(report, result, "resultSeverity")
            messages = sorted(q.object.value for q in report.quads_for_pattern(result, _node("resultMessage"), None))
            found.append(Finding(severity=SEVERITY_OF.get(getattr(severity, "value", ""), "violation"),
                                 message="; ".join(messages), result=result, **terms))
    return _sorted(found)


def report_conforms(report) -> bool:
    """The report's sh:conforms (every report node's, when merged from several)."""
    return all(q.object.value in ("true", "1") for q in report.quads_for_pattern(None, _node("conforms"), None))


def about_nodes(outcome: ValidationOutcome, iris: set[str]) -> ValidationOutcome:
    """Only the findings about the user's data: focus nodes among ``iris``, blank nodes and literals.

    Used when the bundled model is read as background (as pySHACL's
    ``ont_graph``, but with its instances: the license catalogue): a finding
    on a node only the background mentions is not the user's to fix. The
    bundled data holds no blank nodes (the ontology's are OWL class
    expressions no bundled shape targets), so a blank focus node is the user's.
    """
    import pyoxigraph as ox

    kept = [f for f in outcome.findings if not isinstance(f.focus, ox.NamedNode) or f.focus.value in iris]
    dropped = [f for f in outcome.findings if f not in kept]
    if outcome.report_graph is not None:
        for finding in dropped:
            _remove_tree(outcome.report_graph, finding.result)
    return _with_findings(outcome, kept)


def about_inputs(outcome: ValidationOutcome, inputs, input_format: str | None = None) -> ValidationOutcome:
    """The findings about the user's inputs alone (the bundled part of ``inputs`` is background, see
    :func:`about_nodes`), plus a violation for each aikg term they use that the ontology does not declare.

    ``inputs`` is an :class:`~aikg.rdf.sources.Inputs` value. One streaming
    pass over the examined files (the bundled graph when no inputs); a
    second one only when some aikg term they use is undeclared.
    """
    import pyoxigraph as ox
    from aikg.rdf.vocabulary import declared_terms, scan_terms, stream_quads, undeclared_uses

    examined, background = inputs.examined, bool(inputs.background)
    asked = {f.focus.value for f in outcome.findings if isinstance(f.focus, ox.NamedNode)} if examined and background else set()
    scan = scan_terms(stream_quads(examined, input_format), asked)
    if examined and background:
        outcome = about_nodes(outcome, scan.mentioned)
    declared = declared_terms(stream_quads(bundle.ontology_files())) | scan.declared
    uses = undeclared_uses(stream_quads(examined, input_format), declared) if scan.used - declared else []
    return with_undeclared_terms(outcome, uses)


def _remove_tree(report, node) -> None:
    """Remove ``node``'s triples and those of the blank nodes it alone leads to (a result and its path)."""
    import pyoxigraph as ox

    if node is None:
        return
    for quad in list(report.quads_for_pattern(node, None, None)):
        report.remove(quad)
        target = quad.object
        if isinstance(target, ox.BlankNode) and not any(True for _ in report.quads_for_pattern(None, None, target)):
            _remove_tree(report, target)
    for quad in list(report.quads_for_pattern(None, None, node)):
        report.remove(quad)


def _with_findings(outcome: ValidationOutcome, kept: list[Finding]) -> ValidationOutcome:
    """``outcome`` with ``kept`` as its findings and the report's sh:conforms made to match."""
    import pyoxigraph as ox

    conforms = not any(f.severity == "violation" for f in kept)  # warnings and infos are allowed, as in validate
    report = outcome.report_graph
    if report is not None:
        for flag in list(report.quads_for_pattern(None, _node("conforms"), None)):
            report.remove(flag)
            report.add(ox.Quad(flag.subject, flag.predicate, ox.Literal(conforms)))
    return ValidationOutcome(conforms, _sorted(kept), report, outcome.namespaces, outcome.timings)


def _compact(iri: str) -> str:
    for prefix, namespace in (("aikg", AIKG), ("aikgv", AIKG_VOCAB)):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


UNDECLARED_TERM = AIKG_SHAPES + "UndeclaredTerm"  # names the check in the report; not a SHACL shape


def with_undeclared_terms(outcome: ValidationOutcome, uses) -> ValidationOutcome:
    """``outcome`` plus a violation for each use of an undeclared aikg term (:mod:`aikg.rdf.vocabulary`), naming the closest declared term."""
    import pyoxigraph as ox

    added = []
    for use in uses:
        message = f"{_compact(use.term)} is not a term of the aikg ontology or its vocabularies"
        message += f": did you mean {_compact(use.suggestion)}?" if use.suggestion else " (no declared term is close to it)"
        finding = Finding(use.subject, ox.NamedNode(use.predicate), ox.NamedNode(use.term), "violation", message,
                          ox.NamedNode(UNDECLARED_TERM), None, ox.BlankNode())
        added.append(finding)
        if outcome.report_graph is not None:
            add_result(outcome.report_graph, finding)
    return _with_findings(outcome, outcome.findings + added) if added else outcome


def add_result(report, finding: Finding, extra=()) -> None:
    """Write ``finding`` into the report Store as an sh:ValidationResult of its report node (``extra``: more (predicate, object) pairs)."""
    import pyoxigraph as ox

    node = finding.result
    severity = next(iri for iri, word in SEVERITY_OF.items() if word == finding.severity)
    for top in list(report.quads_for_pattern(None, ox.NamedNode(RDF + "type"), _node("ValidationReport"))):
        report.add(ox.Quad(top.subject, _node("result"), node))
    pairs = [(ox.NamedNode(RDF + "type"), _node("ValidationResult")), (_node("resultSeverity"), ox.NamedNode(severity))]
    pairs += [(_node(predicate), getattr(finding, name)) for name, predicate in _RESULT_FIELDS.items()]
    pairs += [(_node("resultMessage"), ox.Literal(finding.message))] if finding.message else []
    for predicate, value in [*pairs, *extra]:
        if value is not None:
            report.add(ox.Quad(node, predicate, value))
