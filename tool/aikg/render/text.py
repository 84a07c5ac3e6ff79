"""Text and JSON renderings of the library's reports: validation, check, info, load, the catalogue."""

from __future__ import annotations

import dataclasses
import json

from aikg.namespaces import SH
from aikg.render.results import short


def _json(doc) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _text(term) -> str | None:
    """A term's value (IRI, lexical form, blank-node label), for JSON."""
    from aikg.sparql.results import term_parts

    return None if term is None else term_parts(term)[1]


# ------------------------------------------------------------------ validate


def findings_text(outcome) -> str:
    """The validation results for a reader: severity, message, focus, path, value, shape."""
    if not outcome.findings:
        return "Conforms: no validation results.\n"
    namespaces = outcome.namespaces
    lines = []
    for f in outcome.findings:
        lines.append(f"{f.severity.upper()}: {f.message or '(no message)'}")
        lines.append(f"  focus: {short(f.focus, namespaces)}")
        if f.path is not None:
            lines.append(f"  path:  {short(f.path, namespaces)}")
        if f.value is not None:
            lines.append(f"  value: {short(f.value, namespaces)}")
        component = f"  ({short(f.component, namespaces)})" if f.component is not None else ""
        lines.append(f"  shape: {short(f.shape, namespaces)}{component}")
    lines.append(findings_count(outcome))
    return "\n".join(lines) + "\n"


def findings_count(outcome) -> str:
    """``N violation(s), N warning(s), N info(s)``."""
    return ", ".join(f"{n} {severity}(s)" for severity, n in outcome.counts().items())


def findings_json(outcome, failing) -> str:
    """The validation results as JSON, with SHACL's property names."""
    return _json({
        "conforms": outcome.conforms,
        "failing": len(failing),
        "results": [
            {
                "severity": f.severity,
                "focusNode": _text(f.focus),
                "resultPath": _text(f.path),
                "value": _text(f.value),
                "message": f.message,
                "sourceShape": _text(f.shape),
                "sourceConstraintComponent": _text(f.component),
            }
            for f in outcome.findings
        ],
    })


def validation_report(outcome, fmt: str, fail_on: str) -> str:
    """The report in ``fmt``: text, json, or the SHACL report graph as Turtle."""
    if fmt == "turtle":
        return report_turtle(outcome.report_graph, outcome.namespaces)
    if fmt == "json":
        return findings_json(outcome, outcome.failing(fail_on))
    return findings_text(outcome)


def report_turtle(report, namespaces: dict[str, str]) -> str:
    """The SHACL report Store as Turtle, each node's triples together: the report first, then its results."""
    import pyoxigraph as ox

    reports = {q.subject for q in report.quads_for_pattern(None, None, ox.NamedNode(SH + "ValidationReport"))}
    quads = sorted(report, key=lambda q: (q.subject not in reports, str(q.subject), str(q.predicate), str(q.object)))
    return ox.serialize([q.triple for q in quads], format=ox.RdfFormat.TURTLE, prefixes=namespaces).decode("utf-8")


# --------------------------------------------------------------------- check


def check_json(outcome) -> str:
    return json.dumps({
        "diagnostics": [d.as_dict() for d in outcome.diagnostics],
        "checks": outcome.checks_run,
        "failures": [
            {"check": f.query.name, "rows": [[_text(t) for t in r] for r in f.rows]}
            for f in outcome.failures
        ],
    }, indent=2) + "\n"


def check_text(outcome, syntax_only: bool) -> str:
    """Failed checks with their first rows, or the OK line (diagnostics go to stderr separately)."""
    lines = []
    for failure in outcome.failures:
        lines.append(f"FAILED {failure.query.name}: {failure.query.title} ({len(failure.rows)} row(s))")
        for row in failure.rows[:20]:
            lines.append("  " + "  ".join(f"{v}={short(t)}" for v, t in zip(failure.vars, row)))
    if outcome.clean:
        ran = len(outcome.checks_run)
        lines.append(f"OK: every input parses; {ran} quality check(s) found nothing."
                     if ran or not syntax_only else "OK: every input parses.")
        if outcome.diagnostics:
            lines.append(f"{len(outcome.diagnostics)} warning(s)")
    return "".join(line + "\n" for line in lines)


# ---------------------------------------------------------------------- info


def info_text(result) -> str:
    width = max([len("total (distinct)")] + [len(label) for label, _ in result.sources])
    lines = [f"{label.ljust(width)}  {count:>7} triples" for label, count in result.sources]
    lines.append(f"{'total (distinct)'.ljust(width)}  {result.triples:>7} triples")
    lines.append(f"classes: {result.classes}  properties: {result.properties}  individuals: {result.individuals}")
    for iri, version_iri, version in result.ontologies:
        lines.append(f"ontology: {iri}  version {version or '?'}  ({version_iri or 'no versionIRI'})")
    return "\n".join(lines) + "\n"


def info_json(result) -> str:
    return json.dumps(dataclasses.asdict(result), indent=2) + "\n"


# ---------------------------------------------------------------------- load


def load_plan_text(plan, target, db, method: str, append: bool, batch_size: int) -> str:
    """What ``aikg load --dry-run`` would send where (``target``: a connected store, or None for ``db``)."""
    from aikg.stores.load import batches, choose_method

    if target is not None:
        how = choose_method(target, method)
        verb = {"gsp": "POST" if append else "PUT", "update": "INSERT" if append else "DROP + INSERT"}[how]
        where = target.endpoints.gsp if how == "gsp" else target.endpoints.update
        lines = [f"plan: {verb} into {target.endpoints.profile.name} store at {where} ({how}), then count each graph"]
    else:
        lines = [f"plan: {'add to' if append else 'replace'} graphs of the Oxigraph store in {db}, then count each graph"]
    for g in plan.graphs:
        requests = len(batches(g.triples, batch_size)) if target is not None else 1
        lines.append(f"  <{g.iri}>  {len(g.triples)} triples in {requests} request(s)  from {', '.join(g.sources)}")
    if plan.inferred_blank_skipped:
        lines.append(f"  ({plan.inferred_blank_skipped} inferred triples about blank nodes are not loaded: "
                     "a blank node cannot be shared between graphs)")
    lines.append(f"total: {plan.triples} triples in {len(plan.graphs)} graph(s); nothing sent (--dry-run)")
    return "\n".join(lines) + "\n"


def load_report_text(report) -> str:
    width = max(len(g.iri) for g in report.graphs) if report.graphs else 5
    lines = [f"{'graph'.ljust(width)}  {'sent':>8}  {'in store':>8}  status"]
    for g in report.graphs:
        in_store = "?" if g.in_store is None else str(g.in_store)
        status = g.state + (f": {g.error}" if g.error else "")
        lines.append(f"{g.iri.ljust(width)}  {g.sent:>8}  {in_store:>8}  {status}")
    done = sum(1 for g in report.graphs if g.state == "complete")
    loaded = sum(g.sent for g in report.graphs if g.state == "complete")
    lines.append(f"{done} of {len(report.graphs)} graph(s) complete, {loaded} of {report.triples_sent} triples "
                 f"in {report.target} ({report.method}) after {report.seconds:.1f} s")
    return "\n".join(lines) + "\n"


def load_report_json(report) -> str:
    doc = dataclasses.asdict(report)
    doc["ok"] = report.ok
    return json.dumps(doc, indent=2) + "\n"


# ----------------------------------------------------------------- catalogue


def _params_text(q) -> str:
    return ", ".join(f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in q.params)


def catalogue_text(entries, fmt: str) -> str:
    """The catalogue as an aligned listing (``table``), Markdown (``md``), CSV or JSON."""
    if fmt == "json":
        return _json([
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "quality_check": q.checks,
                "infer": q.infer,
                "params": [{"name": p.name, "type": p.type, "optional": p.optional, "description": p.description}
                           for p in q.params],
            }
            for q in entries
        ])
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["name", "title", "parameters", "infer", "quality_check"])
        for q in entries:
            writer.writerow([q.name, q.title, _params_text(q), q.infer or "", "true" if q.checks else "false"])
        return buffer.getvalue()
    if fmt == "md":
        rows = [f"| `{q.name}` | {q.title} | {_params_text(q) or '–'} | {q.infer or '–'} |" for q in entries]
        return "\n".join(["| name | title | parameters | reasoning |", "|---|---|---|---|", *rows]) + "\n"
    width = max((len(q.name) for q in entries), default=0)
    lines = []
    for q in entries:
        lines.append(f"{q.name.ljust(width)}  {q.title}")
        if q.params:
            lines.append(f"{' ' * width}  params: {_params_text(q)}")
        if q.infer:
            lines.append(f"{' ' * width}  needs reasoning: --infer {q.infer} (applied when you give no --infer)")
    return "".join(line + "\n" for line in lines)
