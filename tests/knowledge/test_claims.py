"""Claims exactly as the sources say them: verbatim quotes, every article triple
claimed (or derived by a documented rule), source records that can be found
again, and only verified Wikidata ids."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from helpers import ARTICLE_TEXT, REPO

ARTICLE_DATA = REPO / "data" / "article-meta-avocado.ttl"
DOCS = REPO / "docs" / "knowledge-model.md"
TURTLE = sorted(list((REPO / "ontology").rglob("*.ttl")) + list((REPO / "data").glob("*.ttl")) + list((REPO / "seeds").glob("*.ttl")))
A = Namespace("https://w3id.org/aikg/ont#")
SCHEMA = Namespace("https://schema.org/")
ARTICLE_SOURCE = URIRef("https://w3id.org/aikg/source/bloomberg-2025-12-10-meta-avocado")
WIKIDATA = "http://www.wikidata.org/entity/"
# not facts: what a node is called and is, and the editors' notes on how it was modelled
NOT_FACTS = {RDF.type, RDFS.label, RDFS.comment}


def _section(title: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def paragraphs() -> list[str]:
    """Body paragraphs of the article copy, numbered from 1 (the headline is not counted)."""
    body = ARTICLE_TEXT.read_text(encoding="utf-8").split("\n", 1)[1]
    return [p for p in re.split(r"\n\s*\n", body) if p.strip()]


def misquoted(graph: Graph, paras: list[str]) -> list[tuple]:
    """Quotes of article claims that are not a substring of their paragraph, as printed."""
    bad = []
    for claim, quote in graph.subject_objects(A.quote):
        if graph.value(claim, A.source) != ARTICLE_SOURCE:
            continue
        number = graph.value(claim, A.paragraph)
        if number is None or not 1 <= int(number) <= len(paras) or str(quote) not in paras[int(number) - 1]:
            bad.append((str(claim), number, str(quote)))
    return bad


def derived_pairs() -> set[tuple[str, str]]:
    """(subject, predicate) pairs the docs list as derived, each with the rule that derives it."""
    return set(re.findall(r"^- `(\S+) (\S+)`: \S", _section("Derived triples of the article file"), flags=re.M))


def unclaimed(graph: Graph, derived: set[tuple[str, str]]) -> list[tuple]:
    """Asserted facts of ``graph`` that no claim of it names and no derivation rule covers."""
    claims = set(graph.subjects(RDF.type, A.Claim))
    claimed = {(graph.value(c, RDF.subject), graph.value(c, RDF.predicate), graph.value(c, RDF.object)) for c in claims}
    missing = []
    for s, p, o in graph:
        if s in claims or p in NOT_FACTS or (s, p, o) in claimed:
            continue
        if (graph.namespace_manager.normalizeUri(s), graph.namespace_manager.normalizeUri(p)) in derived:
            continue
        missing.append((s, p, o))
    return sorted(missing)


def unlocatable_sources(graph: Graph) -> list[str]:
    """Source records without a URL or document locator, or without a date or version."""
    cited = set(graph.objects(None, A.source)) | set(graph.objects(None, A.clauseSource)) | set(graph.objects(None, A.glossedBy))
    records = cited | {s for s in graph.subjects(SCHEMA.publisher, None) if str(s).startswith("https://w3id.org/aikg/source/")}
    bad = []
    for record in records:
        where = any(graph.objects(record, SCHEMA.url)) or any(graph.objects(record, A.documentLocator))
        when = any(graph.objects(record, SCHEMA.datePublished)) or any(graph.objects(record, SCHEMA.version))
        title = any(graph.objects(record, SCHEMA.name)) or any(graph.objects(record, SCHEMA.headline))
        publisher = any(graph.objects(record, SCHEMA.publisher))
        if not (where and when and title and publisher):
            bad.append(str(record))
    return sorted(bad)


def verified_wikidata_ids() -> dict[str, str]:
    """Q-id → where it was checked, from the docs' verified list."""
    rows = re.findall(r"^\| (Q\d+) \| [^|]+\| [^|]+\| ([^|]+\S) \|$", _section("Verified Wikidata identifiers"), flags=re.M)
    return dict(rows)


def wikidata_ids(paths) -> set[str]:
    found = set()
    for path in paths:
        graph = Graph().parse(path, format="turtle")
        for term in (t for triple in graph for t in triple):
            if isinstance(term, URIRef) and str(term).startswith(WIKIDATA):
                found.add(str(term)[len(WIKIDATA):])
    return found


@pytest.fixture(scope="module")
def article_graph():
    return Graph().parse(ARTICLE_DATA, format="turtle")


@pytest.mark.skipif(not ARTICLE_TEXT.exists(), reason="the article copy (../shared/seeds) is not beside this checkout")
def test_every_quote_is_in_its_paragraph_verbatim(bundled_graph):
    paras = paragraphs()
    assert len(paras) == 8
    quotes = [q for c, q in bundled_graph.subject_objects(A.quote) if bundled_graph.value(c, A.source) == ARTICLE_SOURCE]
    assert len(quotes) > 50
    assert misquoted(bundled_graph, paras) == []


@pytest.mark.skipif(not ARTICLE_TEXT.exists(), reason="the article copy (../shared/seeds) is not beside this checkout")
def test_a_straight_apostrophe_or_a_wrong_paragraph_is_caught(bundled_graph):
    g = Graph()
    bad = URIRef("https://w3id.org/aikg/id/fault-quote")
    g.add((bad, A.source, ARTICLE_SOURCE))
    g.add((bad, A.paragraph, Literal(4)))
    g.add((bad, A.quote, Literal("Google's Gemma")))
    wrong = URIRef("https://w3id.org/aikg/id/fault-paragraph")
    g.add((wrong, A.source, ARTICLE_SOURCE))
    g.add((wrong, A.paragraph, Literal(3)))
    g.add((wrong, A.quote, Literal("Google’s Gemma")))
    assert {row[0] for row in misquoted(g, paragraphs())} == {str(bad), str(wrong)}


def test_every_article_triple_is_claimed_or_derived(article_graph):
    derived = derived_pairs()
    assert derived, "the docs list no derived triples"
    assert unclaimed(article_graph, derived) == []


def test_every_derivation_rule_names_a_real_triple(article_graph):
    nm = article_graph.namespace_manager
    asserted = {(nm.normalizeUri(s), nm.normalizeUri(p)) for s, p, _ in article_graph}
    assert derived_pairs() <= asserted


def test_an_unclaimed_triple_is_caught(article_graph):
    g = Graph()
    for prefix, namespace in article_graph.namespaces():
        g.bind(prefix, namespace)
    for triple in article_graph:
        g.add(triple)
    extra = (URIRef("https://w3id.org/aikg/id/avocado"), A.codename, Literal("Guacamole"))
    g.add(extra)
    assert unclaimed(g, derived_pairs()) == [extra]


def test_every_source_record_can_be_found_again(bundled_graph):
    assert unlocatable_sources(bundled_graph) == []


def test_a_source_record_without_date_is_caught():
    g = Graph()
    rec = URIRef("https://w3id.org/aikg/source/fault-undated")
    g.add((rec, SCHEMA.name, Literal("Undated page")))
    g.add((rec, SCHEMA.publisher, URIRef("https://w3id.org/aikg/id/google")))
    g.add((rec, SCHEMA.url, URIRef("https://example.org/page")))
    assert unlocatable_sources(g) == [str(rec)]


def test_every_wikidata_id_is_in_the_verified_list():
    verified = verified_wikidata_ids()
    assert verified and all(where for where in verified.values())
    used = wikidata_ids(TURTLE)
    assert used, "no Wikidata id is used"
    assert sorted(used - set(verified)) == []
