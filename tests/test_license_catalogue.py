"""The license catalogue's ODRL terms, their triggers and sources, and the
shape that flags a naming or attribution duty a distributed model does not show."""

from __future__ import annotations

import pytest

from helpers import FIXTURES, assert_exit

D = "https://w3id.org/aikg/id/"
ALL = {"distillation", "finetune", "quantized", "merge", "adapter"}
WEIGHTS = ALL - {"distillation"}

# license → {clause: (rule, clause kind, triggered by, possibly triggered by)}, from the domain notes.
TERMS = {
    "license-apache-2-0": {"duty-apache-2-0-notice": ("Duty", "notice", WEIGHTS, set())},
    "license-mit": {"duty-mit-notice": ("Duty", "notice", WEIGHTS, set())},
    "license-gemma-terms-of-use": {
        "duty-gemma-pass-on": ("Duty", "pass-on", ALL, set()),
        "duty-gemma-notice": ("Duty", "notice", ALL, set()),
        "prohibition-gemma-prohibited-uses": ("Prohibition", "acceptable-use", ALL, set()),
    },
    "license-llama-4-community": {
        "duty-llama-4-name-prefix": ("Duty", "naming", ALL, set()),
        "duty-llama-4-built-with": ("Duty", "attribution", WEIGHTS, {"distillation"}),
        "duty-llama-4-user-threshold": ("Duty", "user-threshold", WEIGHTS, {"distillation"}),
        "prohibition-llama-4-acceptable-use": ("Prohibition", "acceptable-use", WEIGHTS, {"distillation"}),
    },
    "license-qwen": {
        "duty-qwen-notice": ("Duty", "notice", WEIGHTS, set()),
        "duty-qwen-built-with": ("Duty", "attribution", ALL, set()),
        "duty-qwen-user-threshold": ("Duty", "user-threshold", WEIGHTS, {"distillation"}),
    },
    "license-llama-2-community": {
        "duty-llama-2-notice": ("Duty", "notice", WEIGHTS, {"distillation"}),
        "duty-llama-2-user-threshold": ("Duty", "user-threshold", WEIGHTS, {"distillation"}),
        "prohibition-llama-2-acceptable-use": ("Prohibition", "acceptable-use", WEIGHTS, {"distillation"}),
        "prohibition-llama-2-improve-models": ("Prohibition", "no-improving-models", ALL, set()),
    },
    "license-llama-3-community": {
        "duty-llama-3-built-with": ("Duty", "attribution", WEIGHTS, {"distillation"}),
        "duty-llama-3-name-prefix": ("Duty", "naming", WEIGHTS, {"distillation"}),
        "duty-llama-3-user-threshold": ("Duty", "user-threshold", WEIGHTS, {"distillation"}),
        "prohibition-llama-3-acceptable-use": ("Prohibition", "acceptable-use", WEIGHTS, {"distillation"}),
        "prohibition-llama-3-improve-models": ("Prohibition", "no-improving-models", ALL, set()),
    },
    **{f"license-llama-{v}-community": {  # 3.2 and 3.3 follow 3.1; the ban on improving other models is gone
        f"duty-llama-{v}-built-with": ("Duty", "attribution", WEIGHTS, {"distillation"}),
        f"duty-llama-{v}-name-prefix": ("Duty", "naming", WEIGHTS, {"distillation"}),
        f"duty-llama-{v}-user-threshold": ("Duty", "user-threshold", WEIGHTS, {"distillation"}),
        f"prohibition-llama-{v}-acceptable-use": ("Prohibition", "acceptable-use", WEIGHTS, {"distillation"}),
    } for v in ("3-1", "3-2", "3-3")},
    "license-qwen-research": {"prohibition-qwen-research-commercial": ("Prohibition", "non-commercial", WEIGHTS, {"distillation"})},
    "license-tongyi-qianwen": {"prohibition-tongyi-improve-models": ("Prohibition", "no-improving-models", ALL, set())},
}

CLAUSES = """
PREFIX aikg: <https://w3id.org/aikg/ont#>
PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
SELECT ?clause ?type ?kind ?trigger ?possibly ?source WHERE {
  ?license aikg:policy ?policy .
  { ?policy odrl:permission/odrl:duty ?clause } UNION { ?policy odrl:prohibition ?clause }
  ?clause a ?type ; aikg:clauseKind ?kind ; aikg:clauseSource ?source ; aikg:summary ?summary .
  OPTIONAL { ?clause aikg:triggeredBy ?trigger }
  OPTIONAL { ?clause aikg:possiblyTriggeredBy ?possibly }
}
"""


def tail(term):
    return str(term).rsplit("/", 1)[1].removeprefix("clause-")


@pytest.mark.parametrize("license", sorted(TERMS))
def test_license_terms_and_triggers(bundled_graph, license):
    from rdflib import URIRef

    got: dict = {}
    for row in bundled_graph.query(CLAUSES, initBindings={"license": URIRef(D + license)}):
        entry = got.setdefault(tail(row.clause), [tail(row.type), tail(row.kind), set(), set()])
        if row.trigger is not None:
            entry[2].add(tail(row.trigger))
        if row.possibly is not None:
            entry[3].add(tail(row.possibly))
        assert any(bundled_graph.objects(row.source, URIRef("https://schema.org/name"))), f"{row.source} is not a recorded source"
    assert {k: tuple(v) for k, v in got.items()} == TERMS[license]


def test_user_thresholds_are_odrl_constraints(bundled_graph):
    rows = bundled_graph.query("""
        PREFIX aikg: <https://w3id.org/aikg/ont#>
        PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
        SELECT ?clause ?n WHERE { ?clause odrl:constraint ?c . ?c odrl:leftOperand aikg:monthlyActiveUsers ;
                                  odrl:operator odrl:gt ; odrl:rightOperand ?n }""")
    llama = {(f"duty-llama-{v}-user-threshold", 700_000_000) for v in ("2", "3", "3-1", "3-2", "3-3", "4")}
    assert {(tail(r.clause), int(r.n)) for r in rows} == llama | {("duty-qwen-user-threshold", 100_000_000)}


def test_required_texts(bundled_graph):
    from rdflib import URIRef

    a = "https://w3id.org/aikg/ont#"
    assert {str(v) for v in bundled_graph.objects(URIRef(D + "duty-llama-4-name-prefix"), URIRef(a + "requiredNamePrefix"))} == {"Llama"}
    assert {str(v) for v in bundled_graph.objects(URIRef(D + "duty-qwen-built-with"), URIRef(a + "requiredNotice"))} == {
        "Built with Qwen", "Improved using Qwen"}


@pytest.mark.parametrize("version, hub, notice, prefix", [
    ("2", "llama2", None, None), ("3", "llama3", "Built with Meta Llama 3", "Llama 3"),
    ("3-1", "llama3.1", "Built with Llama", "Llama"), ("3-2", "llama3.2", "Built with Llama", "Llama"),
    ("3-3", "llama3.3", "Built with Llama", "Llama"),
])
def test_llama_notices_and_name_prefixes(bundled_graph, version, hub, notice, prefix):
    """The texts each Llama license requires, from the domain notes (Llama 2 has no naming duty), and its Hub id."""
    from rdflib import URIRef

    a = "https://w3id.org/aikg/ont#"
    lic = URIRef(D + f"license-llama-{version}-community")
    assert [str(v) for v in bundled_graph.objects(lic, URIRef(a + "huggingFaceId"))] == [hub]
    assert list(bundled_graph.objects(lic, URIRef(a + "opennessCategory"))) == [URIRef("https://w3id.org/aikg/vocab/license-restricted")]
    notices = {str(v) for v in bundled_graph.objects(URIRef(D + f"duty-llama-{version}-built-with"), URIRef(a + "requiredNotice"))}
    prefixes = {str(v) for v in bundled_graph.objects(URIRef(D + f"duty-llama-{version}-name-prefix"), URIRef(a + "requiredNamePrefix"))}
    assert notices == ({notice} if notice else set())
    assert prefixes == ({prefix} if prefix else set())


def test_gemma_has_no_unsourced_version_note(bundled_graph):
    """No source dates the Gemma editions' coverage, so no version note claims it."""
    from rdflib import URIRef

    assert list(bundled_graph.objects(URIRef(D + "gemma"), URIRef("https://w3id.org/aikg/ont#versionNote"))) == []


def test_policies_name_target_and_profile(bundled_graph):
    """Every ODRL policy names the profile of its custom terms and the models that carry it; the Qwen threshold binds commercial use."""
    rows = bundled_graph.query("""
        PREFIX aikg: <https://w3id.org/aikg/ont#>
        PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
        SELECT ?policy WHERE { ?license aikg:policy ?policy .
            FILTER NOT EXISTS { ?policy odrl:profile <https://w3id.org/aikg/ont> } }""")
    assert list(rows) == []
    # the targets are the models carrying the license; they live with the models (the article dataset)
    rows = bundled_graph.query("""
        PREFIX aikg: <https://w3id.org/aikg/ont#>
        PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
        SELECT ?policy ?carrier WHERE { ?carrier aikg:license ?license . ?license aikg:policy ?policy .
            FILTER NOT EXISTS { ?policy odrl:target ?carrier } }""")
    assert list(rows) == []
    rows = bundled_graph.query("""
        PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
        SELECT ?v WHERE { <https://w3id.org/aikg/id/duty-qwen-user-threshold> odrl:constraint ?c .
            ?c odrl:leftOperand odrl:purpose ; odrl:operator odrl:eq ; odrl:rightOperand ?v }""")
    assert {str(r.v) for r in rows} == {"https://w3id.org/aikg/vocab/commercial-use"}


def test_shape_flags_missing_name_prefix_and_notice(run):
    from aikg import bundle

    args = [a for f in bundle.graph_files() for a in ("-i", f)]
    result = run("validate", *args, "-i", FIXTURES / "licenses" / "naming.ttl")
    assert_exit(result, 1)
    flagged = {line.split("focus: ")[1] for line in result.stdout.splitlines() if "focus: " in line}
    assert flagged == {"ex:bad-llama", "ex:bad-qwen"}
    assert "InheritedDutiesShape" in result.stdout and "value: Llama" in result.stdout and "value: Built with Qwen" in result.stdout
