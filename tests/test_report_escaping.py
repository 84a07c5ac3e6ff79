"""aikg report with hostile labels: markup, quotes, bidi controls and ESC stay text on every page kind."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest

from helpers import FIXTURES

HOSTILE = FIXTURES / "report" / "hostile.ttl"
TITLE = "<script>alert('title')</script> \u202e \x1b"

# Page → the hostile labels (by their alert number) it must show, escaped: one page of each kind.
SHOWN = {
    "index.html": [1, 2, 3],  # the lineage diagram's nodes: model, developer, license
    "models.html": [1],
    "organisations.html": [2],
    "licenses.html": [3],
    "sources.html": [5],
    "derivations.html": [1],
    "claims.html": [1, 2, 5, 7, 8, 10],  # subject, object, source, locator, quote, paragraph
    "validation.html": [9, 10],  # the focus node and the offending value
    "queries.html": [1],
    "r-avocado.html": [1, 2, 3, 4, 5],  # a model: its summary, diagram and inherited obligations
    "r-avocado-distillation.html": [1],  # a derivation record
    "r-gemma-terms-of-use-2025-03-24.html": [5],  # a source, with its web address
    "r-meta.html": [2],
}

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module", params=["svg", "dot source"])
def site(request, tmp_path_factory):
    """The bundled graph with the hostile labels, as a site with Graphviz's drawings and as one without."""
    from aikg import api

    target = tmp_path_factory.mktemp("hostile") / "site"
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "dot source":
            patch.setattr(shutil, "which", lambda name, *a, **k: None)
        elif shutil.which("dot") is None:
            pytest.skip("Graphviz 'dot' is not installed")
        api.report(str(target), inputs=[HOSTILE], bundled="all", title=TITLE)
    return target


class Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.names += [(tag, name) for name, _value in attrs]


@pytest.mark.parametrize("page", sorted(SHOWN))
def test_hostile_labels_stay_text(site, page):
    text = (site / page).read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert not CONTROLS.findall(text), f"{page} carries raw control or bidi characters"
    for number in SHOWN[page]:  # shown, as text
        assert f"&lt;script&gt;alert({number})&lt;/script&gt;" in text, f"{page} lost the label with alert({number})"
    assert "\\u202e" in text and "\\u001b" in text  # the controls written out where the labels show
    attributes = Attributes()
    attributes.feed(text)
    wrong = [(tag, name) for tag, name in attributes.names
             if name.startswith("on") or not re.fullmatch(r"[a-z][a-z0-9:-]*", name)]
    assert not wrong, f"{page}: a value broke out of its attribute quotes: {wrong}"


def test_a_web_address_with_quotes_stays_one_attribute(site):
    page = (site / "r-gemma-terms-of-use-2025-03-24.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/terms?a=1&amp;b=&#34;onclick=&#34;alert(6)"' in page


def test_the_title_is_text_on_every_page(site):
    shown = "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; \\u202e \\u001b"
    pages = list(site.glob("*.html"))
    assert len(pages) > 400
    assert [p.name for p in pages if f'<div class="brand">{shown}</div>' not in p.read_text(encoding="utf-8")] == []


def test_visible_writes_out_controls_and_keeps_white_space():
    from aikg.render.visible import visible

    assert visible("a\u202eb\u2066c\x1b[31md\x85e") == "a\\u202eb\\u2066c\\u001b[31md\\u0085e"
    assert visible("line\n\tnext «ok» ‏") == "line\n\tnext «ok» ‏"  # white space and other text untouched
    assert visible("\u202e", backslash="\\\\") == "\\\\u202e"  # for Graphviz, which reads one backslash away
