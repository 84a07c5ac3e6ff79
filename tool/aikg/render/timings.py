"""The --explain-time table: seconds per shape, slowest first."""

from __future__ import annotations


def shape_timings(timings, namespaces: dict[str, str] | None = None) -> str:
    """A plain-text table of ``ShapeTiming``s with each one's share of the total."""
    import pyoxigraph as ox
    from aikg.render.results import short

    def name(iri: str) -> str:
        return iri if iri.startswith("(") else short(ox.NamedNode(iri), namespaces)

    total = sum(t.seconds for t in timings) or 1.0
    rows = [(f"{t.seconds:.3f}", f"{100 * t.seconds / total:.0f}%", str(t.results), t.kind, name(t.shape)) for t in timings]
    header = ("seconds", "share", "results", "kind", "shape")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *rows]]
    lines.append(f"{total:.3f} s over {len(timings)} shapes and constraints, each validated alone")
    return "\n".join(lines)
