"""SHACL validation with pySHACL, returned as data."""

from __future__ import annotations

from dataclasses import dataclass, field

from aikg import bundle
from aikg.namespaces import AIKG, AIKG_SHAPES, AIKG_VOCAB, SH

INFERENCE = ("none", "rdfs", "owlrl")
SEVERITIES = ("violation", "warning", "info")  # most to least severe


_SEVERITY_OF = {SH + "Violation": "violation", SH + "Warning": "warning", SH + "Info": "info"}


@dataclass(frozen=True)
class Finding:
    """One validation result of the SHACL report."""

    focus: object
    path: object | None
    value: object | None
    severity: str  # violation, warning or info
    message: str
    shape: object | None
    component: object | None
    result: object | None = field(default=None, compare=False, repr=False)  # its node in the report graph


@dataclass
class ValidationOutcome:
    conforms: bool
    findings: list[Finding] = field(default_factory=list)
    report_graph: object | None = None
    namespaces: object | None = None  # an rdflib NamespaceManager, to print terms compactly
    timings: list | None = None  # engines.shape_timing.ShapeTiming per shape, when asked for

    def counts(self) -> dict[str, int]:
        """How many findings of each severity, most severe first."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def failing(self, fail_on: str = "violation") -> list[Finding]:
        """The findings at or above the ``fail_on`` severity."""
        worst = SEVERITIES.index(fail_on)
        return [f for f in self.findings if SEVERITIES.index(f.severity) <= worst]


def load_shapes(paths=None):
    from aikg.rdf.rdflib_bridge import load_graph

    return load_graph(paths or bundle.shape_files())


def findings(report) -> list[Finding]:
    from aikg.rdf.rdflib_bridge import plain_strings
    from rdflib.namespace import RDF
    from rdflib.namespace import SH as SHACL

    findings = []
    for result in report.subjects(RDF.type, SHACL.ValidationResult):
        severity = report.value(result, SHACL.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SHACL.resultMessage))
        findings.append(
            Finding(
                focus=plain_strings(report.value(result, SHACL.focusNode)),
                path=report.value(result, SHACL.resultPath),
                value=plain_strings(report.value(result, SHACL.value)),
                severity=_SEVERITY_OF.get(str(severity), "violation"),
                message="; ".join(messages),
                shape=report.value(result, SHACL.sourceShape),
                component=report.value(result, SHACL.sourceConstraintComponent),
                result=result,
            )
        )
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), str(f.focus), str(f.path), f.message))
    return findings


def about_nodes(outcome: ValidationOutcome, iris: set[str]) -> ValidationOutcome:
    """Only the findings about the user's data: focus nodes among ``iris``, blank nodes and literals.

    Used when the bundled model is read as background (as pySHACL's
    ``ont_graph``, but with its instances: the license catalogue): a finding
    on a node only the background mentions is not the user's to fix. The
    bundled data holds no blank nodes (the ontology's are OWL class
    expressions no bundled shape targets), so a blank focus node is the user's.
    """
    from rdflib import URIRef

    kept = [f for f in outcome.findings if not isinstance(f.focus, URIRef) or str(f.focus) in iris]
    dropped = [f for f in outcome.findings if f not in kept]
    if outcome.report_graph is not None:
        for finding in dropped:
            _remove_tree(outcome.report_graph, finding.result)
    return _with_findings(outcome, kept)


def _remove_tree(graph, node) -> None:
    """Remove ``node``'s triples and those of the blank nodes it alone leads to (a result and its path)."""
    from rdflib import BNode

    if node is None:
        return
    for _s, _p, o in list(graph.triples((node, None, None))):
        graph.remove((node, _p, o))
        if isinstance(o, BNode) and not any(graph.subject_predicates(o)):
            _remove_tree(graph, o)
    for s, p, _o in list(graph.triples((None, None, node))):
        graph.remove((s, p, node))


def _with_findings(outcome: ValidationOutcome, kept: list[Finding]) -> ValidationOutcome:
    """``outcome`` with ``kept`` as its findings and the report's sh:conforms made to match."""
    from rdflib import Literal
    from rdflib.namespace import RDF
    from rdflib.namespace import SH as SHACL

    conforms = not any(f.severity == "violation" for f in kept)  # warnings and infos are allowed, as in validate
    report = outcome.report_graph
    if report is not None:
        for node in list(report.subjects(RDF.type, SHACL.ValidationReport)):
            report.set((node, SHACL.conforms, Literal(conforms)))
    kept.sort(key=lambda f: (SEVERITIES.index(f.severity), str(f.focus), str(f.path), f.message))
    return ValidationOutcome(conforms, kept, report, outcome.namespaces)


def _compact(iri: str) -> str:
    for prefix, namespace in (("aikg", AIKG), ("aikgv", AIKG_VOCAB)):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


UNDECLARED_TERM = AIKG_SHAPES + "UndeclaredTerm"  # names the check in the report; not a SHACL shape


def with_undeclared_terms(outcome: ValidationOutcome, uses) -> ValidationOutcome:
    """``outcome`` plus a violation for each use of an undeclared aikg term (:mod:`aikg.rdf.vocabulary`), naming the closest declared term."""
    from aikg.rdf.rdflib_bridge import to_rdflib
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF
    from rdflib.namespace import SH as SHACL

    added = []
    report = outcome.report_graph
    for use in uses:
        message = f"{_compact(use.term)} is not a term of the aikg ontology or its vocabularies"
        message += f": did you mean {_compact(use.suggestion)}?" if use.suggestion else " (no declared term is close to it)"
        finding = Finding(to_rdflib(use.subject), URIRef(use.predicate), URIRef(use.term), "violation", message,
                          URIRef(UNDECLARED_TERM), None, BNode())
        added.append(finding)
        if report is not None:
            for node in report.subjects(RDF.type, SHACL.ValidationReport):
                report.add((node, SHACL.result, finding.result))
            for p, o in ((RDF.type, SHACL.ValidationResult), (SHACL.focusNode, finding.focus),
                         (SHACL.resultPath, finding.path), (SHACL.value, finding.value),
                         (SHACL.resultSeverity, SHACL.Violation), (SHACL.resultMessage, Literal(message)),
                         (SHACL.sourceShape, finding.shape)):
                report.add((finding.result, p, o))
    return _with_findings(outcome, outcome.findings + added) if added else outcome
