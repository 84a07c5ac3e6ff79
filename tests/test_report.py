"""aikg report: a static site that links up, loads nothing from the network, and reads in a browser."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import FIXTURES, assert_exit, invoke

LINEAGE = FIXTURES / "viz" / "lineage.ttl"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (tests/run.sh installs it as root)")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")


class References(HTMLParser):
    """Every reference a page makes: what the browser loads by itself, and links."""

    LOADED = {("img", "src"), ("script", "src"), ("link", "href"), ("iframe", "src"), ("source", "src"),
              ("image", "href"), ("image", "xlink:href"), ("object", "data"), ("embed", "src"), ("video", "src")}

    def __init__(self):
        super().__init__()
        self.loaded, self.links, self.styles = [], [], []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if (tag, name) in self.LOADED or name == "srcset":
                self.loaded.append(value)
            elif tag == "a" and name in ("href", "xlink:href"):
                self.links.append(value)
            elif name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def references(page: Path) -> References:
    parser = References()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    from aikg.rdf.graphs import load_graph
    from aikg.render.report import write_report

    target = tmp_path_factory.mktemp("fixture-report") / "site"
    write_report(load_graph([LINEAGE]), target)
    return target


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory):
    target = tmp_path_factory.mktemp("bundled-report") / "site"
    assert_exit(invoke("report", "-o", target), 0)
    return target


def test_report_of_the_bundled_graph(bundled_site):
    pages = {p.name for p in bundled_site.glob("*.html")}
    assert {"index.html", "models.html", "organisations.html", "people.html", "licenses.html", "derivations.html",
            "sources.html", "claims.html", "validation.html", "queries.html", "r-avocado.html"} <= pages
    avocado = (bundled_site / "r-avocado.html").read_text()
    assert "Avocado (codename)" in avocado and "planned: closed" in avocado
    distillation = (bundled_site / "r-avocado-distillation.html").read_text()
    assert "<svg" in distillation or "DOT" in distillation  # its diagram, drawn or as DOT
    claims = (bundled_site / "claims.html").read_text()
    # A claim row: subject, predicate, object, hedge, attribution, source with paragraph.
    assert re.search(r'teacher.*Qwen \(version not stated\).*hedge-reported.*people familiar.*¶ 4', claims, re.I | re.S)
    assert "The graph conforms to the shapes." in (bundled_site / "validation.html").read_text()
    index = re.sub(r"<[^>]+>", " ", (bundled_site / "index.html").read_text())
    assert "Derivation records" in index and not re.search(r"\b1 derivations\b|\b1 models\b", index)
    edges = re.search(r"(\d+) derivation edges? between", index)
    records = re.search(r"\((\d+) from derivation records, (\d+) from direct links\)", index)
    assert edges and records and int(edges.group(1)) == int(records.group(1)) + int(records.group(2))


def test_queries_page_shows_result_terms_by_label_with_links(bundled_site):
    """The catalogue's rows come from pyoxigraph: their IRIs link to their pages and literals show their value."""
    queries = (bundled_site / "queries.html").read_text()
    cells = re.findall(r'<td data-label="[^"]*">(.*?)</td>', queries)
    assert len(cells) > 100
    assert not [c for c in cells if "&lt;http" in c or c.endswith("&gt;</span>")]  # no '<iri>' taken for a name
    linked = {name for cell in cells for name in re.findall(r'^<a href="(r-[^"]+)"', cell)}
    assert len(linked) > 10 and all((bundled_site / name).is_file() for name in linked)
    assert any(re.fullmatch(r'<span class="lit">\d+</span>', c) for c in cells)  # paragraph numbers, as on the claims page


def _site_by_engine(files, folder: Path) -> dict[str, dict[str, str]]:
    """The report of ``files`` written on each engine from the same parsed triples: engine → page → text."""
    from aikg.rdf.graphs import load_store
    from aikg.rdf.rdflib_bridge import rdflib_graph
    from aikg.render.report import write_report

    store = load_store(files)
    graphs = {"pyshacl-turbo": store, "pySHACL": rdflib_graph(store)}
    sites = {}
    for validator, graph in graphs.items():
        write_report(graph, folder / validator)
        pages = {p.name: p.read_text(encoding="utf-8") for p in (folder / validator).glob("*.html")}
        note = f'<p class="note">Validated by {validator}.</p>'
        assert note in pages["validation.html"]  # the page names the validator that ran
        pages["validation.html"] = pages["validation.html"].replace(note, "")
        sites[validator] = pages
    return sites


def test_fast_and_reference_engines_write_the_same_site(tmp_path):
    """Lineage, claims, obligations and SHACL findings (the fixture has 14) read the same from pyoxigraph
    and pyshacl-turbo as from rdflib and pySHACL."""
    from aikg.bundle import with_bundled

    fast, reference = _site_by_engine(with_bundled([LINEAGE], None), tmp_path).values()  # as `report -i` reads it
    assert "14 violation(s)" in fast["validation.html"]
    assert sorted(fast) == sorted(reference) and len(fast) > 100
    assert [name for name in fast if fast[name] != reference[name]] == []


@pytest.mark.slow
def test_fast_and_reference_engines_write_the_same_site_of_the_bundled_graph(tmp_path):
    from aikg.bundle import with_bundled

    fast, reference = _site_by_engine(with_bundled([], None, "model"), tmp_path).values()
    assert "Inherited obligations" in fast["r-avocado.html"] and "Gemma" in fast["r-avocado.html"]
    assert sorted(fast) == sorted(reference) and len(fast) > 400
    assert [name for name in fast if fast[name] != reference[name]] == []


def test_report_engines_are_named(tmp_path):
    from aikg import api
    from aikg.errors import UsageError

    with pytest.raises(UsageError, match="unknown engine"):
        api.report(str(tmp_path / "site"), inputs=[LINEAGE], engine="owlrl")
    assert not (tmp_path / "site").exists()


def test_every_link_resolves_and_nothing_is_loaded_from_elsewhere(fixture_site):
    pages = sorted(fixture_site.glob("*.html"))
    assert len(pages) > 10
    for page in pages:
        refs = references(page)
        assert refs.loaded == [], f"{page.name} loads {refs.loaded}"  # CSS is inline, SVG inlined
        assert not any(re.search(r"url\(|@import", style) for style in refs.styles), page.name
        for href in refs.links:
            if re.match(r"https?://", href):  # a source's web address: a link, never loaded
                continue
            if re.match(r"[a-z]+:", href):  # otherwise only links to the site's own pages
                pytest.fail(f"{page.name} links out to {href}")
            assert (fixture_site / href.split("#")[0]).is_file(), f"{page.name}: broken link {href}"


def test_pages_for_each_kind_link_by_iri(fixture_site):
    models = (fixture_site / "models.html").read_text()
    assert '<a href="r-student.html" title="http://example.org/viz/student">Student</a>' in models
    assert "r-lab-one.html" in (fixture_site / "organisations.html").read_text()
    assert "r-ada.html" in (fixture_site / "people.html").read_text()
    assert "r-open-license.html" in (fixture_site / "licenses.html").read_text()
    assert "r-student-distillation.html" in (fixture_site / "derivations.html").read_text()
    student = (fixture_site / "r-student.html").read_text()
    assert "http://example.org/viz/student" in student
    claims = (fixture_site / "claims.html").read_text()
    assert claims.count("<tr>") == 1 + 5  # header and the fixture's five claims
    assert "hedge-possible" in claims and "<q>we distilled</q>" in claims


@needs_dot
def test_model_pages_inline_their_lineage_as_svg(fixture_site):
    student = (fixture_site / "r-student.html").read_text()
    svg = student[student.index("<svg"): student.index("</svg>")]
    assert "Teacher B" in svg and "Student Chat" in svg
    assert "Merged" not in svg  # a cousin, not an ancestor or descendant
    assert 'href="r-teacher-b.html"' in svg  # nodes link to their pages
    assert "<!DOCTYPE" not in student.split("\n", 1)[1]


def test_without_graphviz_diagrams_degrade_to_edge_lists(tmp_path, run, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    result = run("report", "-i", LINEAGE, "-o", tmp_path / "site")
    assert_exit(result, 0)
    assert "Graphviz" in result.stderr
    index = (tmp_path / "site" / "index.html").read_text()
    assert "<svg" not in index
    assert "digraph lineage" in index and "Teacher B</a> → " in index


def test_site_is_replaced_whole_or_not_at_all(tmp_path, run, monkeypatch):
    site = tmp_path / "site"
    assert_exit(run("report", "-i", LINEAGE, "-o", site), 0)
    before = {p.name: p.read_bytes() for p in site.iterdir()}

    from aikg.render import report

    def fail_half_way(self, folder):
        (folder / "index.html").write_text("half a site")
        raise RuntimeError("disk full")

    monkeypatch.setattr(report.Site, "write", fail_half_way)
    assert_exit(run("report", "-i", LINEAGE, "-o", site), 5)
    assert {p.name: p.read_bytes() for p in site.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary folder left
    monkeypatch.undo()
    assert_exit(run("report", "-i", LINEAGE, "--title", "Second run", "-o", site), 0)  # replaces its own site
    assert "Second run" in (site / "index.html").read_text()


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path, run):
    (tmp_path / "notes.txt").write_text("mine")
    result = run("report", "-i", LINEAGE, "-o", tmp_path)
    assert_exit(result, 2)
    assert "refusing" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


# ------------------------------------------------------------------ in a real browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    """Serve a folder on 127.0.0.1 (a free port); yields a function folder → origin."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def chromium(url: str, tmp_path: Path, *args: str) -> tuple[str, list[tuple[str, str]]]:
    """Open ``url`` headless; returns stdout and the requests the page made, as (url, initiator)."""
    net_log = tmp_path / "net-log.json"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--log-net-log={net_log}",
         # Should a page ask for another host, the request fails here rather than leave the machine.
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
         *args, url],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    log = json.loads(net_log.read_text())
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    requests = [
        (event["params"]["url"], event["params"].get("initiator", ""))
        for event in log["events"]
        if names.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in event.get("params", {})
    ]
    return done.stdout, requests


def page_requests(requests, origin: str) -> list[str]:
    """The requests the page caused: its navigation and whatever it initiated (not the browser's own)."""
    return [url for url, initiator in requests if initiator == origin or url.startswith(origin + "/")]


@needs_chromium
def test_browser_shows_the_report_and_nothing_leaves_the_machine(bundled_site, bundled_graph, serve, tmp_path):
    origin = serve(bundled_site)
    dom, requests = chromium(f"{origin}/index.html", tmp_path, "--dump-dom")
    text = re.sub(r"<[^>]+>", " ", dom)
    assert "Overview" in text and "Lineage" in text and "Avocado (codename)" in text
    from rdflib import RDF, URIRef

    claims = set(bundled_graph.subjects(RDF.type, URIRef("https://w3id.org/aikg/ont#Claim")))
    assert f" {len(claims)} " in text  # the claims card
    made = page_requests(requests, origin)
    assert made and made[0] == f"{origin}/index.html"
    assert all(url.startswith(origin + "/") for url in made), made

    shot = tmp_path / "avocado-phone.png"
    _, requests = chromium(f"{origin}/r-avocado.html", tmp_path, f"--screenshot={shot}", "--window-size=390,1200")
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
    assert all(url.startswith(origin + "/") for url in page_requests(requests, origin))


@needs_chromium
def test_the_request_check_catches_a_page_that_loads_from_elsewhere(serve, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text('<p>hi</p><img src="http://example.com/x.png">')
    origin = serve(tmp_path / "site")
    _, requests = chromium(f"{origin}/index.html", tmp_path, "--dump-dom")
    assert "http://example.com/x.png" in page_requests(requests, origin)


@needs_chromium
@pytest.mark.parametrize("width", [1280, 390])
def test_avocado_page_shows_the_hedge_and_its_obligations_in_a_browser(bundled_site, serve, tmp_path, width):
    """Desktop and phone: the node says how sure the planned access is, and the inherited clauses are listed."""
    origin = serve(bundled_site)
    url = f"{origin}/r-avocado.html"
    dom, requests = chromium(url, tmp_path, "--dump-dom", f"--window-size={width},1600")
    svg = dom[dom.index("<svg"): dom.index("</svg>")]
    assert ">planned: closed (possible)<" in svg  # on the node itself
    section = dom.split('id="obligations"', 1)[1].split("<h2", 1)[0]
    rows = re.findall(r"<tr>", section)
    assert len(rows) > 1, "no inherited obligations listed"
    assert "Gemma Terms of Use" in section and "possible" in section and 'class="ext"' in section
    facts = dom.split(">Facts<", 1)[1].split("<h2", 1)[0]
    assert re.search(r"planned access level.*?closed.*?hedge-possible", facts, re.S)
    shot = tmp_path / f"avocado-{width}.png"
    _, more = chromium(url, tmp_path, f"--screenshot={shot}", f"--window-size={width},1600")
    assert shot.read_bytes().startswith(b"\x89PNG")
    made = page_requests(requests + more, origin)
    assert made and all(url.startswith(origin + "/") for url in made), made
