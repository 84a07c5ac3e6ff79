"""``aikg report``: a self-contained static HTML site of a graph.

Every page carries its own CSS and no script; diagrams are SVG drawn by
Graphviz and inlined (without Graphviz the pages list the edges and give the
DOT source instead). Nothing is fetched from the network when a page is
opened. The site is built in a temporary folder beside the target and
renamed into place, so a failed run never leaves half a site.

The graph is read through the rdflib Graph methods: a StoreGraph over a
pyoxigraph store (the fast path, SPARQL inside pyoxigraph, pyshacl-turbo)
or an rdflib Graph (the reference: rdflib's SPARQL, pySHACL). The tests
hold the two to the same site.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from aikg.errors import InputError, UsageError
from aikg.namespaces import AIKG, AIKG_ONTOLOGY, AIKG_VOCAB, OWL, RDF, RDFS, SCHEMA, SH, SKOS, sparql_prologue
from aikg.provenance.lineage import (
    Labeller,
    Lineage,
    bundled_ontology_file,
    extract,
    local_name,
    models,
)

MARKER = ".aikg-report"  # marks a folder this command wrote, and may therefore replace


# Section pages: (file, title, the classes whose instances (with subclasses) it lists).
SECTIONS = (
    ("models.html", "Models", (AIKG + "Model", AIKG + "ModelFamily", AIKG + "ModelGroup")),
    ("organisations.html", "Organisations", (AIKG + "Organization",)),
    ("people.html", "People", (AIKG + "Person", AIKG + "PersonGroup")),
    ("licenses.html", "Licenses", (AIKG + "License",)),
    ("derivations.html", "Derivations", (AIKG + "Derivation",)),
    ("sources.html", "Sources", (AIKG + "SourceDocument",)),
)


# Vocabulary terms, shapes and ontology entities get no page of their own.
_META_TYPES = {
    OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty",
    OWL + "Ontology", OWL + "Restriction", RDF + "Property", RDFS + "Class", SKOS + "ConceptScheme",
    SH + "NodeShape", SH + "PropertyShape",
}


_META_NAMESPACES = (AIKG, AIKG_VOCAB, AIKG_ONTOLOGY)


@dataclass
class ReportSummary:
    """What was written: the folder, its pages, and whether diagrams were drawn."""

    folder: Path
    pages: int = 0
    diagrams: bool = False
    counts: dict[str, int] = field(default_factory=dict)


def write_report(graph, target, *, shapes_graph=None, title: str = "aikg report") -> ReportSummary:
    """Build the site for ``graph`` and put it at ``target`` in one rename."""
    target = Path(target)
    _check_target(target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{target}: the folder {parent} does not exist")
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    try:
        site = Site(graph, title, shapes_graph)
        summary = site.write(building)
        _write_marker(building)
        _swap_into_place(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    summary.folder = target
    return summary


def _check_target(target: Path) -> None:
    """Refuse to replace anything but a folder holding only an earlier report's files (listed in its marker)."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder", hint="give a folder for the site")
    if not target.is_dir() or not any(target.iterdir()):
        return
    if not (target / MARKER).is_file():
        raise UsageError(
            f"{target}: refusing to replace a folder that aikg report did not write",
            hint="give a new or empty folder",
        )
    listed = set((target / MARKER).read_text(encoding="utf-8", errors="replace").splitlines()[1:])
    others = sorted(name for name in _files_in(target) if name not in listed and name != MARKER)
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise UsageError(
            f"{target}: refusing to replace an earlier report that now holds other files too ({shown})",
            hint="move those files out, or give another folder",
        )


def _files_in(folder: Path) -> list[str]:
    return [path.relative_to(folder).as_posix() for path in folder.rglob("*") if not path.is_dir()]


def _write_marker(folder: Path) -> None:
    """The marker: a line saying what it is, then every file of the site (what a rerun may replace)."""
    files = sorted(_files_in(folder))
    (folder / MARKER).write_text("written by aikg report; replaced whole by a rerun when it holds only these files:\n"
                                 + "".join(f"{name}\n" for name in files), encoding="utf-8")


def _swap_into_place(building: Path, target: Path) -> None:
    os.chmod(building, 0o755)  # mkdtemp's 0700 would hide the site from a web server
    if not target.exists():
        os.replace(building, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=building.parent))
    os.replace(target, old / "site")
    try:
        os.replace(building, target)
    except BaseException:
        os.replace(old / "site", target)  # put the previous site back
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


class Site:
    def __init__(self, graph, title: str, shapes_graph=None):
        self.graph = graph
        self.title = title
        self.shapes_graph = shapes_graph
        self.labels = Labeller(graph)
        self.web_links: dict[str, str] = {}  # IRI → its ↗ links (web_link)
        self.lineage = extract(graph)
        self.models = models(graph)
        self.instances = self._instances()
        self.pages = self._page_names()
        self.claims = self._claims()
        self.fact_hedges = self._fact_hedges()
        self.claims_about, self.claims_citing = self._claims_by_term()

    def store(self, graph):
        """``graph`` as a pyoxigraph Store: the checks and queries run there (seconds faster than rdflib)."""
        import pyoxigraph as ox
        from aikg.provenance.store_graph import StoreGraph
        from aikg.rdf.rdflib_bridge import to_oxigraph

        if isinstance(graph, StoreGraph):
            return graph.store
        if isinstance(graph, ox.Store):  # the shapes, as aikg.validation.load_shapes gives them
            return graph
        store = ox.Store()
        store.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph)
        return store

    # -------------------------------------------------------------- what gets a page

    def _instances(self) -> dict[str, set[str]]:
        """Section file → the IRIs typed with its classes or their subclasses."""
        from rdflib import URIRef

        hierarchies = [g for g in (self.graph, bundled_ontology_file("aikg.ttl")) if g is not None]
        found: dict[str, set[str]] = {}
        for page, _title, classes in SECTIONS:
            subclasses = {sub for cls in classes for g in hierarchies for sub in _subclasses(g, URIRef(cls))}
            found[page] = {
                str(s) for sub in subclasses for s in self.graph.subjects(URIRef(RDF + "type"), sub) if isinstance(s, URIRef)
            }
        found["models.html"] |= set(self.models)
        return found

    def _page_names(self) -> dict[str, str]:
        """Every IRI with a page → its file name (``r-<local name>.html``, made unique)."""
        from rdflib import URIRef

        subjects = {str(s) for s in self.graph.subjects() if isinstance(s, URIRef)}
        meta = {str(s) for t in _META_TYPES for s in self.graph.subjects(URIRef(RDF + "type"), URIRef(t))}
        wanted = sorted(
            iri for iri in subjects - meta if not iri.startswith(_META_NAMESPACES)
        )
        names: dict[str, str] = {}
        used: set[str] = set()
        for iri in wanted:
            stem = re.sub(r"[^A-Za-z0-9._-]+", "-", local_name(iri)).strip("-.")[:60] or "item"
            name = f"r-{stem}.html"
            if name.lower() in used:
                name = f"r-{stem}-{hashlib.sha1(iri.encode()).hexdigest()[:8]}.html"
            used.add(name.lower())
            names[iri] = name
        return names

    def _claims(self) -> list[dict]:
        from aikg.provenance.store_graph import select

        text = sparql_prologue("aikg", "rdf") + """
        SELECT ?claim ?subject ?predicate ?object ?hedge ?attribution ?source ?paragraph ?locator ?quote WHERE {
          ?claim rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
          OPTIONAL { ?claim aikg:hedge ?hedge } OPTIONAL { ?claim aikg:attribution ?attribution }
          OPTIONAL { ?claim aikg:source ?source } OPTIONAL { ?claim aikg:paragraph ?paragraph }
          OPTIONAL { ?claim aikg:locator ?locator } OPTIONAL { ?claim aikg:quote ?quote }
        }"""
        rows = select(self.graph, text)

        def order(row):
            paragraph = row["paragraph"]
            return (str(row["source"] or ""), int(paragraph) if paragraph is not None and str(paragraph).isdigit() else 0, str(row["claim"]))

        return sorted(rows, key=order)

    def _claims_by_term(self) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
        """IRI → the claims about it, and → the claims citing or naming it (source, attribution or object), in order."""
        about: dict[str, list[dict]] = defaultdict(list)
        citing: dict[str, list[dict]] = defaultdict(list)
        for claim in self.claims:
            about[str(claim["subject"])].append(claim)
            for iri in dict.fromkeys(str(claim[key]) for key in ("source", "attribution", "object")):
                citing[iri].append(claim)
        return about, citing

    def _fact_hedges(self) -> dict[tuple[str, str, str], str]:
        """(subject, predicate, object) → the strongest hedge of the claims stating it."""
        from aikg.provenance.lineage import hedge_rank

        found: dict[tuple[str, str, str], str] = {}
        for c in self.claims:
            if c["hedge"] is None:
                continue
            key = (str(c["subject"]), str(c["predicate"]), str(c["object"]))
            hedge = str(c["hedge"])
            if key not in found or hedge_rank(hedge) < hedge_rank(found[key]):
                found[key] = hedge
        return found

    # -------------------------------------------------------------- writing

    def write(self, folder: Path) -> ReportSummary:
        from aikg.render.diagram import dot_available

        self.draw = dot_available()
        self.drawn: dict[str, str] = {}  # DOT text → SVG
        summary = ReportSummary(folder, diagrams=self.draw)
        written = {
            "index.html": self.index_page(),
            "claims.html": self.claims_page(),
            "validation.html": self.validation_page(),
            "queries.html": self.queries_page(),
        }
        for page, title, _classes in SECTIONS:
            written[page] = self.section_page(page, title)
            summary.counts[title.lower()] = len(self.instances[page])
        summary.counts["claims"] = len(self.claims)
        for iri, name in self.pages.items():
            written[name] = self.resource_page(iri)
        for name, text in written.items():
            (folder / name).write_text(text, encoding="utf-8")
        summary.pages = len(written)
        return summary

    # -------------------------------------------------------------- pieces

    def label(self, term) -> str:
        return self.labels.label(term)

    def link(self, term) -> str:
        """A term as HTML: a link to its page, its label with the IRI as tooltip, or a literal."""
        from rdflib import BNode, Literal

        if term is None:
            return ""
        if isinstance(term, Literal):
            text = html.escape(str(term))
            return f'<span class="lit">{text}</span>' + (f' <small>@{term.language}</small>' if term.language else "")
        if isinstance(term, BNode):
            return "<i>(blank node)</i>"
        iri = str(term)
        if iri.startswith(AIKG_VOCAB) and iri[len(AIKG_VOCAB):] in _HEDGE_NAMES:
            return self.hedge_badge(term)  # a hedge reads the same wherever it is shown
        name = self.pages.get(iri)
        label = html.escape(self.label(iri))
        if name:
            return f'<a href="{name}" title="{html.escape(iri)}">{label}</a>' + self.web_link(term)
        if iri.startswith(("http://", "https://")) and not iri.startswith(_META_NAMESPACES) and label == html.escape(iri):
            return _external(iri, label)  # a web address with no page or label of its own: link it
        return f'<span class="term" title="{html.escape(iri)}">{label}</span>'

    def hedge_badge(self, hedge) -> str:
        """How sure the source is, as a coloured badge (colour, border and word all say it)."""
        name = html.escape(local_name(str(hedge))) if hedge is not None else "none"
        text = html.escape(self.label(hedge)) if hedge is not None else "no claim"
        return f'<span class="hedge hedge-{name}">{text}</span>'

    def diagram(self, lineage: Lineage, caption: str) -> str:
        """The lineage as inline SVG, or (without Graphviz) its edges as a list and the DOT source."""
        from aikg.render.diagram import edge_lines, render_dot, render_graphviz

        if not lineage.edges:
            return ""
        # The legend goes below as HTML, where it wraps: inside the picture it widened it past a phone's screen.
        dot_text = render_dot(lineage, link=self.pages.get, legend=False)
        if self.draw:
            if dot_text not in self.drawn:  # the whole lineage is drawn on two pages
                self.drawn[dot_text] = render_graphviz(dot_text, "svg").decode("utf-8")
            svg = re.sub(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", "", self.drawn[dot_text], flags=re.S).strip()
            width = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', svg)
            natural = f' style="--natural:{float(width.group(1)) * 4 / 3:.0f}px"' if width else ""
            return ('<figure class="diagram"><p class="scroll-cue" aria-hidden="true">Scroll sideways to see the whole diagram →</p>'
                    f'<div class="scroll-x"{natural} tabindex="0" role="region" aria-label="{html.escape(caption)}">{svg}</div>'
                    f"<figcaption>{html.escape(caption)}</figcaption>{_diagram_legend()}</figure>")
        items = "".join(
            f"<li>{self.link(_ref(e.source))} → {self.link(_ref(e.derived))}: "
            f"{html.escape(' · '.join(edge_lines(e)))} <small>({e.certainty})</small></li>"
            for e in lineage.edges
        )
        return (
            f'<figure class="diagram"><figcaption>{html.escape(caption)}</figcaption><ul>{items}</ul>'
            '<p class="note">Install Graphviz to see this as a picture; its DOT source:</p>'
            f"<details><summary>DOT</summary><pre>{html.escape(dot_text)}</pre></details></figure>"
        )

    def web_link(self, term) -> str:
        """A ↗ link to where a source document can be read (its schema:url), if it has one."""
        from rdflib import URIRef

        iri = str(term)
        if iri not in self.web_links:  # asked for at every link: 8,000 times for the bundled graph's 800 terms
            urls = sorted(str(u) for u in self.graph.objects(URIRef(iri), URIRef(SCHEMA + "url")))
            self.web_links[iri] = "".join(" " + _external(u, "↗") for u in urls if u.startswith(("http://", "https://")))
        return self.web_links[iri]

    def table(self, head: list[str], rows: list[list[str]], empty: str = "None.") -> str:
        if not rows:
            return f'<p class="note">{html.escape(empty)}</p>'
        thead = "".join(f"<th>{html.escape(h)}</th>" for h in head)
        # data-label names each cell's column where phones show rows as stacked cards.
        body = "".join(
            "<tr>" + "".join(f'<td data-label="{html.escape(h)}">{c}</td>' for h, c in zip(head, row)) + "</tr>"
            for row in rows
        )
        return f'<div class="scroll"><table><thead><tr>{thead}</tr></thead><tbody>{body}</tbody></table></div>'

    def claim_rows(self, claims) -> list[list[str]]:
        from rdflib import URIRef

        rows = []
        for c in claims:
            where = f"¶ {c['paragraph']}" if c["paragraph"] is not None else html.escape(str(c["locator"] or ""))
            rows.append([
                self.link(c["subject"]),
                self.link(URIRef(str(c["predicate"]))),
                self.link(c["object"]),
                self.hedge_badge(c["hedge"]),
                self.link(c["attribution"]),
                self.link(c["source"]) + (f" <small>{where}</small>" if where else ""),
                f"<q>{html.escape(str(c['quote']))}</q>" if c["quote"] is not None else "",
            ])
        return rows

    CLAIM_HEAD = ["subject", "predicate", "object", "hedge", "attribution", "source", "quote"]

    # -------------------------------------------------------------- pages

    def page(self, title: str, body: str, current: str = "") -> str:
        nav = [("index.html", "Overview")] + [(p, t) for p, t, _ in SECTIONS] + [
            ("claims.html", "Claims"), ("validation.html", "Validation"), ("queries.html", "Queries"),
        ]
        current_mark = ' aria-current="page"'
        links = "".join(
            f'<a href="{p}"{current_mark if p == current else ""}>{html.escape(t)}</a>' for p, t in nav
        )
        return (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)} · {html.escape(self.title)}</title><style>{CSS}</style></head>"
            f'<body><header><div class="brand">{html.escape(self.title)}</div><nav>{links}</nav></header>'
            f"<main><h1>{html.escape(title)}</h1>{body}</main>"
            '<footer>Generated by aikg report. Every fact links to the claims and sources behind it.</footer>'
            "</body></html>\n"
        )

    def index_page(self) -> str:
        counts = [(p, _CARD_TITLES.get(t, t), len(self.instances[p])) for p, t, _ in SECTIONS]
        counts += [("claims.html", "Claims", len(self.claims))]
        cards = "".join(f'<a class="card" href="{p}"><b>{n}</b><span>{html.escape(t)}</span></a>' for p, t, n in counts)
        hedged = sum(1 for e in self.lineage.edges if e.hedged)
        recorded = sum(1 for e in self.lineage.edges if e.derivation)
        lineage_text = (
            f"<p>{_plural(len(self.lineage.edges), 'derivation edge')} between {_plural(len(self.lineage.nodes), 'model')} "
            f"({recorded} from derivation records, {len(self.lineage.edges) - recorded} from direct links); "
            f"{hedged} of them rest only on hedged claims (drawn dashed).</p>"
        )
        return self.page(
            "Overview",
            f'<div class="cards">{cards}</div><h2>Lineage</h2>{lineage_text}'
            + self.diagram(self.lineage, "Every derivation in the graph: source model → derived model.")
            + '<p>See also the <a href="validation.html">validation summary</a> and the '
            '<a href="queries.html">competency queries</a>.</p>',
            "index.html",
        )

    def section_page(self, page: str, title: str) -> str:
        from rdflib import URIRef

        rows = []
        for iri in sorted(self.instances[page], key=lambda i: (self.label(i).casefold(), i)):
            types = ", ".join(self.label(t) for t in sorted(self.graph.objects(URIRef(iri), URIRef(RDF + "type"))))
            rows.append([self.link(URIRef(iri)), html.escape(types), f"<code>{html.escape(iri)}</code>"])
        body = self.table(["name", "type", "IRI"], rows, f"No {title.lower()} in this graph.")
        if page == "derivations.html":
            body += self.diagram(self.lineage, "All derivations.")
        return self.page(title, body, page)

    def claims_page(self) -> str:
        hedges = defaultdict(int)
        for c in self.claims:
            hedges[self.label(c["hedge"]) if c["hedge"] else "no hedge"] += 1
        summary = ", ".join(f"{n} {html.escape(h)}" for h, n in sorted(hedges.items()))
        intro = f"<p>{_plural(len(self.claims), 'claim')}{': ' + summary if summary else ''}.</p>"
        return self.page("Claims", intro + HEDGE_LEGEND + self.table(self.CLAIM_HEAD, self.claim_rows(self.claims), "No claims."), "claims.html")

    def validate(self):
        """The outcome and the validator's name: pyshacl-turbo over the store (the fast path, whose results the
        agreement tests hold to pySHACL's), or pySHACL itself over an rdflib graph (the reference)."""
        from aikg.provenance.store_graph import StoreGraph

        if isinstance(self.graph, StoreGraph):
            from aikg.engines.fast import validate_store

            shapes = self.store(self.shapes_graph) if self.shapes_graph is not None else None
            return validate_store(self.graph.store, shapes), "pyshacl-turbo"
        from aikg.engines.reference import validate

        return validate(self.graph, self.shapes_graph), "pySHACL"

    def validation_page(self) -> str:
        from aikg.rdf.rdflib_bridge import to_rdflib
        from aikg.render.text import findings_count

        try:
            outcome, validator = self.validate()
        except Exception as error:  # a report still helps when the shapes cannot run
            return self.page("Validation", f'<p class="bad">Validation could not run: {html.escape(str(error))}</p>', "validation.html")
        verdict = (
            '<p class="good">The graph conforms to the shapes.</p>' if outcome.conforms
            else '<p class="bad">The graph does not conform to the shapes.</p>'
        )
        verdict += f'<p>{findings_count(outcome)}.</p><p class="note">Validated by {validator}.</p>'
        rows = [
            [html.escape(f.severity), html.escape(f.message), *(self.link(to_rdflib(t)) for t in (f.focus, f.path, f.value))]
            for f in outcome.findings
        ]
        return self.page("Validation", verdict + self.table(["severity", "message", "focus", "path", "value"], rows, "No findings."), "validation.html")

    def queries_page(self) -> str:
        from aikg.engines.fast import run_query_oxigraph
        from aikg.sparql.catalogue import catalogue

        store = self.store(self.graph)
        sections = []
        for query in catalogue():
            head = f'<h2 id="{html.escape(query.name)}">{html.escape(query.title)}</h2><p><code>{html.escape(query.name)}</code> {html.escape(query.description)}</p>'
            required = [p.name for p in query.params if not p.optional]
            if required:
                sections.append(head + f'<p class="note">Needs the parameter(s) {html.escape(", ".join(required))}; run it with <code>aikg query {html.escape(query.name)} -p …</code>.</p>')
                continue
            try:
                result = run_query_oxigraph(store, query.text, source=str(query.path))
            except Exception as error:  # one broken query must not sink the report
                sections.append(head + f'<p class="bad">Could not run: {html.escape(str(error))}</p>')
                continue
            if result.kind == "ASK":
                body = f"<p>Answer: <b>{'yes' if result.boolean else 'no'}</b></p>"
            elif result.kind != "SELECT":
                body = f"<p>{len(result.graph)} triple(s) constructed.</p>"
            elif query.checks:
                body = '<p class="good">Passed: no rows.</p>' if not result.rows else f'<p class="bad">Failed: {len(result.rows)} row(s).</p>'
                body += self.result_table(result, "") if result.rows else ""
            else:
                body = self.result_table(result, "No rows.")
            sections.append(head + body)
        if not sections:
            sections.append('<p class="note">The catalogue has no queries.</p>')
        return self.page("Competency queries", "".join(sections), "queries.html")

    def result_table(self, result, empty: str) -> str:
        """A SELECT result's rows, its pyoxigraph terms read as rdflib's (labels and page links are keyed by those)."""
        from aikg.rdf.rdflib_bridge import to_rdflib

        rows = [[self.link(to_rdflib(term)) for term in row] for row in result.rows]
        return self.table(_headers(result.vars), rows, empty)

    def resource_page(self, iri: str) -> str:
        from rdflib import URIRef

        node = URIRef(iri)
        types = sorted(self.graph.objects(node, URIRef(RDF + "type")))
        parts = [
            f'<p class="iri"><code>{html.escape(iri)}</code></p>',
            "<p>" + ", ".join(self.link(t) for t in types) + "</p>" if types else "",
        ]
        for prop in (RDFS + "comment", SKOS + "definition"):
            for text in self.graph.objects(node, URIRef(prop)):
                parts.append(f'<p class="comment">{html.escape(str(text))}</p>')
        if iri in self.models:
            parts.append(self.model_section(iri))
        derivation_edges = [e for e in self.lineage.edges if e.derivation == iri]
        if derivation_edges:
            parts.append(self.diagram(Lineage({i: n for i, n in self.lineage.nodes.items()
                                               if any(i in (e.source, e.derived) for e in derivation_edges)},
                                              derivation_edges), "This derivation."))
        facts = [
            [self.link(p), self.link(o), self.hedge_badge(self.fact_hedges.get((iri, str(p), str(o))))]
            for p, o in sorted(self.graph.predicate_objects(node), key=lambda po: (self.label(po[0]), str(po[1])))
            if str(p) not in (RDF + "type", RDFS + "comment", SKOS + "definition")
        ]
        parts.append("<h2>Facts</h2>" + HEDGE_LEGEND + self.table(["property", "value", "how sure"], facts, "No further facts."))
        about = self.claims_about.get(iri, [])
        parts.append("<h2>Claims about it</h2>" + self.table(self.CLAIM_HEAD, self.claim_rows(about), "No claims about it."))
        cited = self.claims_citing.get(iri, [])
        if cited:
            parts.append("<h2>Claims citing or naming it</h2>" + self.table(self.CLAIM_HEAD, self.claim_rows(cited)))
        incoming = [
            [self.link(s), self.link(p)]
            for s, p in sorted(self.graph.subject_predicates(node), key=lambda sp: (self.label(sp[0]), str(sp[1])))
            if str(p) not in (RDF + "subject", RDF + "object", AIKG + "source", AIKG + "attribution")
        ]
        if incoming:
            parts.append("<h2>Referred to by</h2>" + self.table(["subject", "property"], incoming))
        return self.page(self.label(iri), "".join(parts))

    def model_section(self, iri: str) -> str:
        from aikg.provenance.lineage import describe_model
        from aikg.render.diagram import node_lines

        node = self.lineage.nodes.get(iri) or describe_model(self.graph, _ref(iri), self.labels)
        summary = "<br>".join(html.escape(line) for line in node_lines(node)[1:])
        part = f'<p class="summary access-{node.access_category}">{summary}</p>'
        around = self.lineage.around([iri])
        return (part + self.diagram(around, "Its sources above, the models derived from it below.")
                + self.obligations_section(iri))

    def obligations_section(self, iri: str) -> str:
        """The license clauses the model may inherit through its derivations, one row per clause."""
        from aikg.provenance.obligations import by_clause, obligations

        if not any(e.derived == iri for e in self.lineage.edges):  # nothing to inherit from; skip the work
            return ('<h2 id="obligations">Inherited obligations</h2>'
                    '<p class="note">None: no derivation of this model from another is recorded.</p>')
        try:
            found = by_clause(obligations(self.graph, iri))
        except Exception as error:  # a report still helps when one model's obligations cannot be worked out
            return f'<h2 id="obligations">Inherited obligations</h2><p class="bad">Could not work them out: {html.escape(str(error))}</p>'
        rows = [[
            self.link(_ref(g.first.clause.iri)) + (f"<br><small>{html.escape(g.first.summary)}</small>" if g.first.summary else ""),
            html.escape(g.first.rule),
            ", ".join(self.link(_ref(lic.iri)) for lic in g.licenses),
            "<br>".join(html.escape(o.path_text) for o in g.routes),
            self.hedge_badge(_ref(AIKG_VOCAB + g.certainty)) if g.certainty in _HEDGE_NAMES else html.escape(g.certainty),
            (self.link(_ref(g.first.source.iri)) if g.first.source else "")
            + (f" <small>{html.escape(g.first.locator)}</small>" if g.first.locator else ""),
        ] for g in found]
        return ('<h2 id="obligations">Inherited obligations</h2>'
                '<p class="note">License clauses that may reach this model through its derivations; '
                "how sure is the weakest link of the best path.</p>"
                + self.table(["clause", "rule", "license", "path", "how sure", "source"], rows,
                             "It inherits no license clause through its derivations."))


def _subclasses(graph, cls) -> set:
    """``cls`` and every class below it by rdfs:subClassOf."""
    from rdflib import URIRef

    found, todo = {cls}, [cls]
    while todo:
        for sub in graph.subjects(URIRef(RDFS + "subClassOf"), todo.pop()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


# The overview card counts derivation records (aikg:Derivation nodes), not edges: say so.
_CARD_TITLES = {"Derivations": "Derivation records"}


_HEDGE_NAMES = ("confirmed", "stated", "reported", "expected", "possible")  # aikgv:hedges, strongest first


def _diagram_legend() -> str:
    from aikg.render.diagram import ACCESS_COLOURS, ACCESS_NAMES, LINE_LEGEND

    swatches = " ".join(
        f'<span class="swatch" style="background:{fill};border-color:{border}">{html.escape(ACCESS_NAMES[category])}</span>'
        for category, (fill, border) in ACCESS_COLOURS.items()
    )
    return f'<p class="legend">{swatches}<br>{html.escape(LINE_LEGEND)}</p>'


def _headers(names) -> list[str]:
    from aikg.render.results import column_title

    return [column_title(n) for n in names]


def _external(url: str, text: str) -> str:
    return f'<a class="ext" href="{html.escape(url)}" rel="noopener noreferrer">{text}</a>'


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _ref(iri: str):
    from rdflib import URIRef

    return URIRef(iri)


HEDGE_LEGEND = (
    '<p class="legend">How sure the source is: '
    + " ".join(f'<span class="hedge hedge-{h}">{h}</span>' for h in _HEDGE_NAMES)
    + ' <span class="hedge hedge-none">no claim</span> (a fact no claim states).</p>'
)


CSS = """
:root{--fg:#1d1d1f;--muted:#5f6368;--line:#d9dce1;--bg:#fff;--accent:#2155a3}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#f4f6f9;border-bottom:1px solid var(--line);padding:.5rem 1rem}
.brand{font-weight:700}
nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem;margin-top:.25rem}
nav a{color:var(--accent);text-decoration:none}
nav a[aria-current=page]{font-weight:700;text-decoration:underline}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin-top:2rem}
a{color:var(--accent)}
code{font-size:.9em;overflow-wrap:anywhere}
.iri,.note,footer{color:var(--muted)}
footer{border-top:1px solid var(--line);padding:1rem;font-size:.85rem;text-align:center}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f9;position:sticky;top:0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.75rem}
.card{display:flex;flex-direction:column;border:1px solid var(--line);border-radius:.5rem;padding:.75rem;text-decoration:none;color:var(--fg)}
.card b{font-size:1.5rem;color:var(--accent)}
figure.diagram{margin:1rem 0}
.scroll-x{overflow-x:auto;-webkit-overflow-scrolling:touch}
figure.diagram svg{max-width:none;height:auto}
.scroll-cue{display:none;color:var(--muted);font-size:.85rem;margin:.25rem 0}
figcaption{color:var(--muted);font-size:.9rem}
.hedge{border-radius:.25rem;padding:0 .35rem;white-space:nowrap;border:2px solid;font-size:.9em}
.hedge-confirmed{background:#0072b2;border-color:#0072b2;color:#fff}
.hedge-stated{background:#c9ede1;border-color:#009e73;color:#1d1d1f}
.hedge-reported{background:#ffe2a8;border-color:#e69f00;color:#1d1d1f}
.hedge-expected{background:#d4ecfa;border-color:#56b4e9;color:#1d1d1f;border-style:dashed}
.hedge-possible{background:#f6dcea;border-color:#cc79a7;color:#1d1d1f;border-style:dotted}
.hedge-none{background:#f2f2f2;border-color:#bbb;color:#5f6368}
.legend{font-size:.9rem;color:var(--muted)}
.swatch{display:inline-block;border:1px solid;padding:0 .4rem;margin:.1rem 0;color:var(--fg)}
td{overflow-wrap:break-word}
.summary{border-left:4px solid #888;padding-left:.75rem}
.access-open-weights{border-color:#1b7837}.access-closed{border-color:#b2182b}
.good{color:#1b7837;font-weight:600}.bad{color:#b2182b;font-weight:600}
pre{overflow-x:auto;background:#f4f6f9;padding:.5rem}
@media (max-width:40rem){
body{font-size:15px}main{padding:.6rem}
thead{display:none}
table,tbody,tr,td{display:block;width:100%}
tr{border-bottom:1px solid var(--line);padding:.4rem 0}
td{border:0;padding:.1rem 0}
td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85em}
.scroll-cue{display:block}
.scroll-x[style] svg{width:calc(var(--natural) * .7)}
}
"""
