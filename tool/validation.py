"""SHACL validation with pySHACL, returned as data."""

from __future__ import annotations

from dataclasses import dataclass, field

from aikg import bundle
from aikg.namespaces import SH

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
    from aikg.rdf.graphs import load_graph

    return load_graph(paths or bundle.shape_files())


def findings(report) -> list[Finding]:
    from aikg.rdf.terms import plain_strings
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
            )
        )
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), str(f.focus), str(f.path), f.message))
    return findings
