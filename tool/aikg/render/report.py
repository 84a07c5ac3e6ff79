"""``aikg report``: a self-contained static HTML site, filled from the gathered data by Jinja2 templates.

``aikg.report_data.gather`` asks the validator, the catalogue and the
provenance code; this module only decides how each term shows (a link to its
page, a label with its IRI as tooltip, a literal, a hedge badge) and fills
one template per page kind (``templates/``), autoescaped, every piece of text
passed through ``visible`` (control and bidi characters written out).

Every page carries its own CSS and no script; diagrams are SVG drawn by
Graphviz and inlined (without Graphviz the pages list the edges and give the
DOT source instead). Nothing is fetched from the network when a page is
opened. The site is built beside the target and renamed into place
(``site_folder``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pyoxigraph as ox

from aikg.namespaces import AIKG, AIKG_ONTOLOGY, AIKG_VOCAB
from aikg.render.site_folder import build_in_place
from aikg.render.visible import visible

if TYPE_CHECKING:
    from aikg.provenance.lineage import Lineage

HEDGE_NAMES = ("confirmed", "stated", "reported", "expected", "possible")  # aikgv:hedges, strongest first

META_NAMESPACES = (AIKG, AIKG_VOCAB, AIKG_ONTOLOGY)  # aikg's own terms: no page, nor a link to the web

# The overview card counts derivation records (aikg:Derivation nodes), not edges: say so.
_CARD_TITLES = {"Derivations": "Derivation records"}


@dataclass
class ReportSummary:
    """What was written: the folder, its pages, and whether diagrams were drawn."""

    folder: Path
    pages: int = 0
    diagrams: bool = False
    counts: dict[str, int] = field(default_factory=dict)


class Cell(NamedTuple):
    """How one term shows: ``kind`` picks the markup (templates/macros.html, ``term``)."""

    kind: str  # none, literal, blank, hedge, page, external or term
    text: str = ""
    href: str = ""
    title: str = ""  # the IRI, as tooltip
    note: str = ""  # a literal's language; a hedge's name
    web: tuple[str, ...] = ()  # where a page's subject can be read on the web


class Diagram(NamedTuple):
    """A lineage drawn (``svg``), or without Graphviz its edges listed and the DOT source."""

    caption: str
    svg: object  # markupsafe.Markup or None
    natural_width: str | None  # the drawing's own width in px, for phones to scroll
    dot: str
    edges: tuple  # (source IRI, derived IRI, its lines, certainty)


def write_report(data, target) -> ReportSummary:
    """Write the site of ``data`` (an ``aikg.report_data.ReportData``) to ``target`` in one rename."""
    summary = build_in_place(target, lambda folder: Site(data).write(folder))
    summary.folder = Path(target)
    return summary


class Site:
    """The pages of one report: the terms' cells and diagrams, and the templates that take them."""

    def __init__(self, data):
        from aikg.render.diagram import dot_available

        self.data = data
        self.pages = _page_names([r.iri.value for r in data.resources])
        self.draw = dot_available()
        self.drawn: dict[str, str] = {}  # DOT text → SVG (the whole lineage is drawn on two pages)
        self.env = _environment(self)
        self.term_macro = self.env.get_template("macros.html").module.term
        self.shown: dict = {}  # (term, as a hedge?) → its markup: pages show the same few hundred terms again and again

    def write(self, folder: Path) -> ReportSummary:
        data = self.data
        summary = ReportSummary(folder, diagrams=self.draw)
        written = {"index.html": self.fill("index.html", "index.html"),
                   "claims.html": self.fill("claims.html", "claims.html", hedges=self.hedge_counts()),
                   "validation.html": self.fill("validation.html", "validation.html"),
                   "queries.html": self.fill("queries.html", "queries.html")}
        for section in data.sections:
            written[section.file] = self.fill("section.html", section.file, section=section)
            summary.counts[section.title.lower()] = len(section.members)
        summary.counts["claims"] = len(data.claims)
        about, citing = _claims_by_term(data.claims)
        for resource in data.resources:
            iri = resource.iri.value
            written[self.pages[iri]] = self.fill("resource.html", "", resource=resource,
                                                 about=about.get(iri, []), citing=citing.get(iri, []))
        for name, text in written.items():
            (folder / name).write_text(text, encoding="utf-8")
        summary.pages = len(written)
        return summary

    def fill(self, template: str, current: str, **values) -> str:
        return self.env.get_template(template).render(data=self.data, current=current, **values)

    def label(self, iri: str) -> str:
        from aikg.provenance.lineage import local_name

        return self.data.labels.get(iri) or local_name(iri)

    def cell(self, term) -> Cell:
        """A term as it shows: a link to its page, its label with the IRI as tooltip, a web link, or a literal."""
        if term is None:
            return Cell("none")
        if isinstance(term, ox.Literal):
            return Cell("literal", term.value, note=term.language or "")
        if isinstance(term, ox.BlankNode):
            return Cell("blank")
        iri = term.value
        if iri.startswith(AIKG_VOCAB) and iri[len(AIKG_VOCAB):] in HEDGE_NAMES:
            return self.hedge(term)  # a hedge reads the same wherever it is shown
        label = self.label(iri)
        if iri in self.pages:
            return Cell("page", label, self.pages[iri], iri, web=self.data.web_links.get(iri, ()))
        if iri.startswith(("http://", "https://")) and not iri.startswith(META_NAMESPACES) and label == iri:
            return Cell("external", label, iri)  # a web address with no page or label of its own: link it
        return Cell("term", label, title=iri)

    def show(self, term):
        """A term's markup: the ``term`` macro (templates/macros.html) filled with its cell, once per term."""
        if (term, False) not in self.shown:
            self.shown[term, False] = self.term_macro(self.cell(term))
        return self.shown[term, False]

    def show_iri(self, iri: str):
        return self.show(ox.NamedNode(iri))

    def show_hedge(self, hedge):
        """A hedge's badge; "no claim" for None."""
        if (hedge, True) not in self.shown:
            self.shown[hedge, True] = self.term_macro(self.hedge(hedge))
        return self.shown[hedge, True]

    def hedge(self, hedge) -> Cell:
        """How sure the source is, as a coloured badge (colour, border and word all say it)."""
        from aikg.provenance.lineage import local_name

        if hedge is None:
            return Cell("hedge", "no claim", note="none")
        return Cell("hedge", self.label(hedge.value), note=local_name(hedge.value))

    def hedge_counts(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for claim in self.data.claims:
            name = self.label(claim.hedge.value) if claim.hedge is not None else "no hedge"
            counts[name] = counts.get(name, 0) + 1
        return sorted(counts.items())

    def diagram(self, lineage: Lineage | None, caption: str) -> Diagram | None:
        """The lineage as inline SVG, or (without Graphviz) its edges as a list and the DOT source."""
        from markupsafe import Markup

        from aikg.render.diagram import edge_lines, render_dot, render_graphviz

        if lineage is None or not lineage.edges:
            return None
        # The legend goes below as HTML, where it wraps: inside the picture it widened it past a phone's screen.
        dot_text = render_dot(lineage, link=self.pages.get, legend=False)
        if not self.draw:
            edges = tuple((e.source, e.derived, " · ".join(edge_lines(e)), e.certainty)
                          for e in lineage.edges)
            return Diagram(caption, None, None, dot_text, edges)
        if dot_text not in self.drawn:  # labels' control characters drawn as \uXXXX text, as on the pages
            self.drawn[dot_text] = render_graphviz(visible(dot_text, backslash="\\\\"), "svg").decode("utf-8")
        svg = re.sub(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", "", self.drawn[dot_text], flags=re.S).strip()
        width = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', svg)
        natural = f"{float(width.group(1)) * 4 / 3:.0f}px" if width else None
        return Diagram(caption, Markup(svg), natural, dot_text, ())  # Graphviz escaped the labels in it


def _environment(site: Site):
    """Templates from the package, autoescaped; every value shown passes through ``visible`` (``finalize``)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    from aikg.render.diagram import ACCESS_COLOURS, ACCESS_NAMES, LINE_LEGEND, node_lines
    from aikg.render.results import column_title

    def shown(value):
        return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value

    env = Environment(loader=PackageLoader("aikg.render", "templates"), autoescape=True, finalize=shown,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      auto_reload=False)  # one run: no need to look whether a template changed
    env.filters.update(visible=visible, plural=_plural, column_title=column_title)
    env.globals.update(
        site=site, show=site.show, show_iri=site.show_iri, show_hedge=site.show_hedge, label=site.label,
        node_lines=node_lines, hedge_names=HEDGE_NAMES, card_titles=_CARD_TITLES,
        access=[(ACCESS_NAMES[category], fill, border) for category, (fill, border) in ACCESS_COLOURS.items()],
        line_legend=LINE_LEGEND, vocab=AIKG_VOCAB,
        nav=[("index.html", "Overview"), *((s.file, s.title) for s in site.data.sections),
             ("claims.html", "Claims"), ("validation.html", "Validation"), ("queries.html", "Queries")],
    )
    return env


def _page_names(iris: list[str]) -> dict[str, str]:
    """Every IRI with a page → its file name (``r-<local name>.html``, made unique)."""
    from aikg.provenance.lineage import local_name

    names: dict[str, str] = {}
    used: set[str] = set()
    for iri in sorted(iris):
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", local_name(iri)).strip("-.")[:60] or "item"
        name = f"r-{stem}.html"
        if name.lower() in used:
            name = f"r-{stem}-{hashlib.sha1(iri.encode()).hexdigest()[:8]}.html"
        used.add(name.lower())
        names[iri] = name
    return names


def _claims_by_term(claims) -> tuple[dict[str, list], dict[str, list]]:
    """IRI → the claims about it, and → the claims citing or naming it (source, attribution or object), in order."""
    about: dict[str, list] = {}
    citing: dict[str, list] = {}
    for claim in claims:
        about.setdefault(claim.subject.value, []).append(claim)
        for value in dict.fromkeys(t.value for t in (claim.source, claim.attribution, claim.object) if t is not None):
            citing.setdefault(value, []).append(claim)
    return about, citing


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
