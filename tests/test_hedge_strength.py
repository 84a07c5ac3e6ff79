"""The strongest hedge of the claims behind a derivation names the edge, in the scheme's order."""

from __future__ import annotations

import pytest

TEMPLATE = """
@prefix aikg: <https://w3id.org/aikg/ont#> .
@prefix aikgv: <https://w3id.org/aikg/vocab/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
ex:teacher a aikg:Model ; rdfs:label "Teacher" .
ex:student a aikg:Model ; rdfs:label "Student" ; aikg:distilledFrom ex:teacher .
{claims}
"""
CLAIM = """ex:claim-{n} a aikg:Claim ; aikg:hedge {hedge} ;
    rdf:subject ex:student ; rdf:predicate aikg:distilledFrom ; rdf:object ex:teacher ."""


def edge_for(hedges):
    import pyoxigraph as ox
    from aikg.provenance.lineage import lineage_for

    claims = "\n".join(CLAIM.format(n=n, hedge=h) for n, h in enumerate(hedges))
    store = ox.Store()
    store.load(TEMPLATE.format(claims=claims).encode(), format=ox.RdfFormat.TURTLE)
    (edge,) = lineage_for(store).edges
    return edge


@pytest.mark.parametrize(("hedges", "named"), [
    (["aikgv:reported", "aikgv:stated"], "stated"),  # the publication's own voice over unnamed sources
    (["aikgv:stated", "aikgv:declared"], "declared"),  # the publisher's own metadata over a newspaper
    (["aikgv:declared", "aikgv:confirmed"], "confirmed"),
    (["aikgv:possible", "aikgv:expected"], "expected"),
    (["aikgv:expected", "<http://example.org/rumoured>"], "http://example.org/rumoured"),  # unknown: as reported
])
def test_strongest_hedge_names_the_edge(hedges, named):
    edge = edge_for(hedges)
    assert edge.hedge.iri.endswith(named) or edge.hedge.label == named
    assert edge.certainty == ("confirmed" if named == "confirmed" else "hedged")


def test_declared_and_stated_hops_count_as_reported_in_obligations():
    from aikg.provenance.obligations import _hop_certainty

    assert _hop_certainty(edge_for(["aikgv:declared"])) == "reported"
    assert _hop_certainty(edge_for(["aikgv:stated"])) == "reported"
    assert _hop_certainty(edge_for(["aikgv:expected"])) == "expected"
