"""Drawing a :class:`~aikg.provenance.lineage.Lineage`: Graphviz DOT, Mermaid, and SVG/PNG via ``dot``.

One legend for all three: a node's colour is its access category (green open
weights, red closed, grey unreleased, white unknown; a dashed border when the
access level is only planned); an edge goes from the source model to the
derived one, coloured by derivation kind; a solid edge is confirmed, a dashed
one only hedged (reported, expected, possible), a dotted one has no claim
behind it at all. Models the user asked about get a thick border.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from aikg.errors import AikgError, UsageError
from aikg.provenance.categories import CLOSED, CONFIRMED, HEDGED, OPEN, UNKNOWN, UNRELEASED

if TYPE_CHECKING:
    from aikg.provenance.lineage import Lineage, LineageEdge, ModelNode

FORMATS = ("dot", "mermaid", "svg", "png", "pdf", "jpg")


RENDERED = ("svg", "png", "pdf", "jpg")  # drawn by Graphviz


EXTENSIONS = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid", ".svg": "svg", ".png": "png",
              ".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg"}


GRAPHVIZ_DPI = {"png": 96, "jpg": 96, "svg": 72, "pdf": 72}  # Graphviz's defaults: natural size at scale 1


# (fill, border) per access category.
ACCESS_COLOURS = {
    OPEN: ("#d9f0d3", "#1b7837"),
    CLOSED: ("#fddbc7", "#b2182b"),
    UNRELEASED: ("#e0e0e0", "#616161"),
    UNKNOWN: ("#ffffff", "#888888"),
}


ACCESS_NAMES = {OPEN: "open weights", CLOSED: "closed", UNRELEASED: "unreleased", UNKNOWN: "access unknown"}


KIND_COLOURS = {
    "distillation": "#762a83",
    "finetune": "#2166ac",
    "quantized": "#4d4d4d",
    "merge": "#b35806",
    "adapter": "#1b7837",
}


DEFAULT_EDGE_COLOUR = "#555555"


DOT_EDGE_STYLE = {CONFIRMED: "solid", HEDGED: "dashed"}  # anything else (unsourced): dotted


def format_for(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the one the output's extension names (UsageError for another), else DOT."""
    if fmt:
        return fmt
    if output and output != "-":
        from pathlib import Path

        suffix = Path(output).suffix.lower()
        if suffix not in EXTENSIONS:
            raise UsageError(
                f"cannot tell the diagram format from the name {output}",
                hint="give -o one of the extensions " + ", ".join(EXTENSIONS) + ", or name the format with -f/--format ("
                + ", ".join(FORMATS) + ")",
            )
        return EXTENSIONS[suffix]
    return "dot"


def node_lines(node: ModelNode) -> list[str]:
    """What a node says under the model's name: developer, access, license."""
    lines = [node.label]
    if node.developers:
        lines.append("by " + ", ".join(d.label for d in node.developers))
    if len(node.access_levels) > 1:
        access = f"{ACCESS_NAMES[node.access_category]} (varies by version)"
    elif node.access_levels:
        access = node.access_levels[0].label
    else:
        access = ACCESS_NAMES[UNKNOWN]
    if node.access_hedge is not None:
        access = f"{access} ({node.access_hedge.label})"  # how sure the source is, beside the fact
    lines.append(f"planned: {access}" if node.access_planned else access)
    if node.licenses_vary:
        lines.append(f"licenses vary by version ({len(node.licenses)})")
    elif node.licenses:
        lines.append("license: " + ", ".join(lic.label for lic in node.licenses))
    else:
        lines.append("license: none recorded")
    if node.family is not None:
        lines.append(f"(from the {node.family.label} family)")
    return lines


def edge_lines(edge: LineageEdge) -> list[str]:
    lines = [edge.kind.label if edge.kind else "derived from"]
    notes = []
    if edge.certainty == HEDGED and edge.hedge:
        notes.append(edge.hedge.label)
    elif edge.certainty not in (CONFIRMED, HEDGED):
        notes.append("no claim")
    if edge.status:
        notes.append(edge.status.label)
    if notes:
        lines.append(" · ".join(notes))
    return lines


def edge_colour(edge: LineageEdge) -> str:
    if edge.kind is None:
        return DEFAULT_EDGE_COLOUR
    return KIND_COLOURS.get(edge.kind.iri.rsplit("/", 1)[-1], DEFAULT_EDGE_COLOUR)


def _ids(lineage: Lineage) -> dict[str, str]:
    """Short, stable node ids (n1, n2, …) in the order of the labels."""
    ordered = sorted(lineage.nodes.values(), key=lambda n: (n.label.casefold(), n.iri))
    return {node.iri: f"n{i}" for i, node in enumerate(ordered, start=1)}


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_dot(lineage: Lineage, link: Callable[[str], str | None] | None = None, legend: bool = True) -> str:
    """Graphviz DOT text; ``link(iri)`` gives each node's URL (the report links nodes to pages)."""
    ids = _ids(lineage)
    focus = set(lineage.focus)
    out = [
        "digraph lineage {",
        '  graph [rankdir=TB, fontname="Helvetica,Arial,sans-serif", fontsize=11, nodesep=0.4, ranksep=0.6];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica,Arial,sans-serif", fontsize=11, margin="0.15,0.08"];',
        '  edge [fontname="Helvetica,Arial,sans-serif", fontsize=10];',
    ]
    for iri, node_id in sorted(ids.items(), key=lambda item: int(item[1][1:])):
        node = lineage.nodes[iri]
        fill, border = ACCESS_COLOURS[node.access_category]
        style = "rounded,filled,dashed" if node.access_planned else "rounded,filled"
        attrs = {
            "label": "\n".join(node_lines(node)),
            "tooltip": iri,
            "style": style,
            "fillcolor": fill,
            "color": border,
            "penwidth": "3" if iri in focus else "1.2",
        }
        url = link(iri) if link else None
        if url:
            attrs["URL"] = url
            attrs["target"] = "_top"
        out.append(f"  {node_id} [{_attrs(attrs)}];")
    for edge in lineage.edges:
        colour = edge_colour(edge)
        attrs = {
            "label": "\n".join(edge_lines(edge)),
            "style": DOT_EDGE_STYLE.get(edge.certainty, "dotted"),
            "color": colour,
            "fontcolor": colour,
            "penwidth": "1.6",
            "tooltip": _edge_tooltip(edge),
        }
        out.append(f"  {ids[edge.source]} -> {ids[edge.derived]} [{_attrs(attrs)}];")
    if legend and lineage.nodes:
        out.append(f"  graph [labelloc=b, labeljust=l, label=<{_dot_legend()}>];")
    out.append("}")
    return "\n".join(out) + "\n"


def _attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f"{key}={_dot_string(value)}" for key, value in attrs.items())


def _edge_tooltip(edge: LineageEdge) -> str:
    parts = [edge.derivation or "direct derivation triple", f"certainty: {edge.certainty}"]
    parts += [f"claim: {c}" for c in edge.claims]
    return "\n".join(parts)


LINE_LEGEND = "dashed border: planned access · arrow: source → derived model · solid: confirmed · dashed: hedged · dotted: no claim"


def _dot_legend() -> str:
    cells = "".join(
        f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1">{_html(ACCESS_NAMES[cat])}</TD>'
        for cat, (fill, border) in ACCESS_COLOURS.items()
    )
    return (
        '<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="3">'
        f"<TR>{cells}</TR>"
        f'<TR><TD COLSPAN="4" ALIGN="LEFT">{_html(LINE_LEGEND)}</TD></TR></TABLE>'
    )


def _mermaid_text(text: str) -> str:
    escaped = text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return escaped.replace("\n", "<br/>")


def render_mermaid(lineage: Lineage) -> str:
    """A Mermaid flowchart: the same nodes, edges and styles as the DOT output."""
    ids = _ids(lineage)
    focus = set(lineage.focus)
    out = ["flowchart TB"]
    for category, (fill, border) in ACCESS_COLOURS.items():
        out.append(f"  classDef {category.replace('-', '_')} fill:{fill},stroke:{border},color:#000")
    out.append("  classDef planned stroke-dasharray:5 4")
    out.append("  classDef focus stroke-width:4px")
    for iri, node_id in sorted(ids.items(), key=lambda item: int(item[1][1:])):
        node = lineage.nodes[iri]
        classes = [node.access_category.replace("-", "_")]
        if node.access_planned:
            classes.append("planned")
        if iri in focus:
            classes.append("focus")
        out.append(f'  {node_id}["{_mermaid_text(chr(10).join(node_lines(node)))}"]')
        out.extend(f"  class {node_id} {name}" for name in classes)
    for edge in lineage.edges:
        arrow = "-->" if edge.certainty == CONFIRMED else "-.->"
        label = _mermaid_text("\n".join(edge_lines(edge)))
        out.append(f'  {ids[edge.source]} {arrow}|"{label}"| {ids[edge.derived]}')
    for number, edge in enumerate(lineage.edges):  # styles by the edges' order of definition
        dash = "" if edge.certainty in (CONFIRMED, HEDGED) else ",stroke-dasharray:2 3"
        out.append(f"  linkStyle {number} stroke:{edge_colour(edge)},stroke-width:2px{dash}")
    return "\n".join(out) + "\n"


def dot_available() -> bool:
    import shutil  # here and below: `aikg obligations` imports this module for its format names only

    return shutil.which("dot") is not None


def render_graphviz(dot_text: str, fmt: str, dpi: float | None = None) -> bytes:
    """SVG, PNG, PDF or JPEG bytes from Graphviz's ``dot`` at ``dpi`` (raster pixels per inch; vector
    output scales by the same factor); UsageError (exit 2) when Graphviz is not installed."""
    import shutil
    import subprocess

    if fmt not in RENDERED:
        raise ValueError(f"{fmt!r} is not a rendered format")
    executable = shutil.which("dot")
    if executable is None:
        raise UsageError(
            f"--format {fmt} needs Graphviz's 'dot' program, which is not installed",
            hint="install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz), "
            "or ask for --format dot or --format mermaid",
        )
    try:
        done = subprocess.run(
            [executable, f"-T{fmt}"] + ([f"-Gdpi={dpi:g}"] if dpi else []),
            input=dot_text.encode("utf-8"), capture_output=True, timeout=120, check=False
        )
    except subprocess.TimeoutExpired:
        raise AikgError("Graphviz 'dot' did not finish within 120 s") from None
    if done.returncode != 0:
        raise AikgError(f"Graphviz 'dot' failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def render(lineage: Lineage, fmt: str, *, scale: float = 1.0, dpi: float | None = None) -> str | bytes:
    """The lineage in one of FORMATS: text for dot/mermaid, bytes for the drawn ones.

    ``dpi`` (default Graphviz's: 96 for raster, 72 for vector output, the
    natural size) sets the resolution and ``scale`` multiplies it.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown diagram format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))
    if fmt == "mermaid":
        return render_mermaid(lineage)
    dot_text = render_dot(lineage)
    if fmt == "dot":
        return dot_text
    resolution = None if (dpi is None and scale == 1.0) else (dpi or GRAPHVIZ_DPI[fmt]) * scale
    return render_graphviz(dot_text, fmt, resolution)
