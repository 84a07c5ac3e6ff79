"""SHACL validation with pySHACL, returned as data."""

from __future__ import annotations

from dataclasses import dataclass, field

from aikg import bundle
from aikg.errors import InputError

INFERENCE = ("none", "rdfs", "owlrl")
SEVERITIES = ("violation", "warning", "info")  # most to least severe
_SEVERITY_OF = {
    "http://www.w3.org/ns/shacl#Violation": "violation",
    "http://www.w3.org/ns/shacl#Warning": "warning",
    "http://www.w3.org/ns/shacl#Info": "info",
}


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

    def failing(self, fail_on: str = "violation") -> list[Finding]:
        """The findings at or above the ``fail_on`` severity."""
        worst = SEVERITIES.index(fail_on)
        return [f for f in self.findings if SEVERITIES.index(f.severity) <= worst]


def load_shapes(paths=None):
    from aikg.loading import load_graph

    return load_graph(paths or bundle.shape_files())


def validate(data_graph, shapes_graph=None, inference: str = "none") -> ValidationOutcome:
    """Validate ``data_graph`` against the bundled shapes (or ``shapes_graph``)."""
    from pyshacl import validate as pyshacl_validate
    from pyshacl.errors import ReportableRuntimeError

    if inference not in INFERENCE:
        raise ValueError(f"unknown inference {inference!r}")
    if shapes_graph is None:
        shapes_graph = load_shapes()
    try:
        conforms, report, _text = pyshacl_validate(
            data_graph,
            shacl_graph=shapes_graph,
            inference=inference,
            advanced=True,
            allow_warnings=True,
            inplace=False,
        )
    except ReportableRuntimeError as exc:  # a shape pySHACL cannot use (ShapeLoadError, …)
        message = " ".join(str(getattr(exc, "message", exc)).split())
        raise InputError(
            f"the shapes cannot be used: {message}",
            hint="fix the shape named above; 'aikg validate -h' shows how to pass other shapes",
        ) from None
    return ValidationOutcome(bool(conforms), _findings(report), report)


def _findings(report) -> list[Finding]:
    from rdflib.namespace import RDF, SH

    from aikg.terms import plain_strings

    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        findings.append(
            Finding(
                focus=plain_strings(report.value(result, SH.focusNode)),
                path=report.value(result, SH.resultPath),
                value=plain_strings(report.value(result, SH.value)),
                severity=_SEVERITY_OF.get(str(severity), "violation"),
                message="; ".join(messages),
                shape=report.value(result, SH.sourceShape),
                component=report.value(result, SH.sourceConstraintComponent),
            )
        )
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), str(f.focus), str(f.path), f.message))
    return findings


def validate_store(store, shapes=None) -> ValidationOutcome:
    """The fast path: validate a pyoxigraph Store with pyshacl-turbo (Rust), no inference.

    ``shapes`` is a Store of shapes, or shape files (default: the bundled
    shapes). Data and shapes both go in as Stores: turbo compares literals
    wrongly when one side is an rdflib Graph (plain vs xsd:string). The
    agreement tests compare the results with pySHACL's.
    """
    from pyshacl_turbo import validate as turbo_validate

    from aikg.loading import load_store

    if shapes is None or isinstance(shapes, (list, tuple)):
        shapes = load_store(list(shapes or bundle.shape_files()))
    conforms, report, _text = turbo_validate(store, shacl_graph=shapes, advanced=True, allow_warnings=True)
    if not hasattr(report, "subjects"):  # turbo returns a failure object for shapes it cannot use
        from aikg.errors import InputError

        raise InputError(f"the shapes cannot be used: {report}")
    return ValidationOutcome(bool(conforms), _findings(report), report)
