"""Competency questions as data.

Each case names a query of the catalogue (``queries/<name>.rq``), the
parameters to bind, the graph to run it on ("plain" bundled graph or
"reasoned" OWL RL closure) and the rows expected, written from reading the
article (Bloomberg, 10 Dec 2025, paragraphs numbered 1-8) and the background
sources, not by copying query output. Rows are compared as sets. When
``columns`` is given only those result columns are compared (used to leave
out paraphrased text, which would only mirror the data).

Row values: IRIs are written with the short prefixes below and expanded by
``expand``; ``None`` is an unbound cell; other strings are literal lexical
forms; numbers are written as Python ints and compared by value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PREFIXES = {
    "aikg:": "https://w3id.org/aikg/ont#",
    "d:": "https://w3id.org/aikg/id/",
    "v:": "https://w3id.org/aikg/vocab/",
    "src:": "https://w3id.org/aikg/source/",
}
ARTICLE = "src:bloomberg-2025-12-10-meta-avocado"


def expand(value):
    if isinstance(value, str):
        for short, iri in PREFIXES.items():
            if value.startswith(short):
                return iri + value[len(short):]
    return value


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    query: str
    params: dict = field(default_factory=dict)
    expected: frozenset = frozenset()
    graph: str = "plain"
    columns: tuple = ()


def case(id, question, query, expected, params=None, graph="plain", columns=()):
    rows = frozenset(tuple(expand(v) for v in row) for row in expected)
    params = {k: expand(v) for k, v in (params or {}).items()}
    return Case(id, question, query, params, rows, graph, tuple(columns))


_HEADLINE = [
    # Avocado is only reported as possibly closed (paragraph 2); the teachers are
    # named by family only (paragraph 4); licenses come from the background sources.
    ("d:avocado", "aikg:plannedAccessLevel", "v:possible", "d:gemma-unspecified-version", "d:gemma", "d:google",
     "d:license-gemma-terms-of-use", "v:reported", ARTICLE, 4),
    ("d:avocado", "aikg:plannedAccessLevel", "v:possible", "d:gpt-oss-unspecified-version", "d:gpt-oss", "d:openai",
     "d:license-apache-2-0", "v:reported", ARTICLE, 4),
] + [
    ("d:avocado", "aikg:plannedAccessLevel", "v:possible", "d:qwen-unspecified-version", "d:qwen", "d:alibaba",
     lic, "v:reported", ARTICLE, 4)
    for lic in ("d:license-apache-2-0", "d:license-qwen", "d:license-qwen-research", "d:license-tongyi-qianwen")
]

CASES = [
    case("headline", "Which closed or planned-closed models were distilled from open-weight models, from which teachers, "
         "by whom developed, under which licenses, and how sure is the source?",
         "closed-models-distilled-from-open", _HEADLINE),
    case("headline-reasoned", "Does the headline question give the same answer on the reasoned graph?",
         "closed-models-distilled-from-open", _HEADLINE, graph="reasoned"),
    case("headline-open-student", "Is Llama 4, an open model, reported as a closed model distilled from open ones?",
         "closed-models-distilled-from-open", [], params={"model": "d:llama-4"}),
    case("planned-avocado", "Which models are planned, when are they expected, and how would they be offered?",
         "planned-models",
         [("d:avocado", "d:meta", "Avocado", "2026-03-01", "2026-05-31", "v:expected", "v:closed", "v:possible", "v:paid-access")]),
    case("possible-only", "What does the article present only as a possibility?", "claims-by-hedge",
         [("d:avocado", "aikg:plannedAccessLevel", "v:closed", "v:possible", "v:anonymous-sources", ARTICLE, 2),
          ("d:avocado", "aikg:plannedBusinessModel", "v:paid-access", "v:possible", "v:anonymous-sources", ARTICLE, 2),
          ("d:avocado-closed-launch-plan", "aikg:plannedAccessLevel", "v:closed", "v:possible", "v:anonymous-sources", ARTICLE, 2),
          ("d:avocado-closed-launch-plan", "aikg:departsFrom", "d:meta-open-source-strategy", "v:possible", "v:publication", ARTICLE, 2),
          ("d:meta-pivot-to-monetizable-model", "aikg:shiftFrom", "d:meta-open-source-strategy", "v:possible", "v:publication", ARTICLE, 2),
          ("d:avocado-closed-launch-plan", "aikg:concernsModel", "d:avocado", "v:possible", "v:anonymous-sources", ARTICLE, 2),
          ("d:avocado-closed-launch-plan", "aikg:plannedBy", "d:meta", "v:possible", "v:anonymous-sources", ARTICLE, 2),
          ("d:avocado-closed-launch-plan", "aikg:departureNote",
           "would be the largest break so far from the open-source strategy Meta has promoted for years", "v:possible", "v:publication", ARTICLE, 2),
          # Zuckerberg only hinted at pursuing open and closed models (paragraph 8)
          ("d:meta-open-and-closed-strategy", "aikg:strategyOf", "d:meta", "v:possible", "v:publication", ARTICLE, 8)],
         params={"hedge": "v:possible"}),
    case("expected-only", "What does the article say is expected to happen?", "claims-by-hedge",
         [("d:avocado", "aikg:expectedReleasePeriod", "d:spring-2026", "v:expected", "v:anonymous-sources", ARTICLE, 2)],
         params={"hedge": "v:expected"}),
    case("paragraph-6", "What does paragraph 6 say?", "claims-by-paragraph",
         [(ARTICLE, 6, "d:statement-meta-declined", "aikg:statementKind", "v:declined-to-comment", "v:stated", "d:bloomberg"),
          (ARTICLE, 6, "d:statement-meta-declined", "aikg:speaker", "d:meta-spokesperson", "v:stated", "d:bloomberg"),
          (ARTICLE, 6, "d:meta-spokesperson", "aikg:spokespersonFor", "d:meta", "v:stated", "d:bloomberg")],
         params={"paragraph": "6"}),
    case("paragraph-8", "What does paragraph 8 say?", "claims-by-paragraph",
         [(ARTICLE, 8, s, p, o, h, "d:bloomberg") for s, p, o, h in [
             ("d:statement-zuckerberg-earnings-call", "aikg:statedAt", "d:meta-earnings-call-2025-07", "v:stated"),
             ("d:statement-zuckerberg-earnings-call", "aikg:about", "d:meta-open-and-closed-strategy", "v:stated"),
             ("d:statement-zuckerberg-earnings-call", "aikg:date", "2025-07", "v:stated"),
             ("d:statement-zuckerberg-earnings-call", "aikg:speaker", "d:mark-zuckerberg", "v:stated"),
             ("d:statement-zuckerberg-earnings-call", "aikg:statementKind", "v:hinted", "v:stated"),
             ("d:statement-zuckerberg-earnings-call", "aikg:summary", "Meta would pursue both open and closed models from now on.", "v:stated"),
             ("d:meta-earnings-call-2025-07", "aikg:date", "2025-07", "v:stated"),
             ("d:meta-earnings-call-2025-07", "aikg:datePrecisionNote", "late in the month", "v:stated"),
             ("d:meta-earnings-call-2025-07", "aikg:heldBy", "d:meta", "v:stated"),
             ("d:meta-earnings-call-2025-07", "aikg:participant", "d:mark-zuckerberg", "v:stated"),
             # only hinted: the strategy is Meta's as a possibility
             ("d:meta-open-and-closed-strategy", "aikg:strategyOf", "d:meta", "v:possible")]],
         params={"paragraph": "8"}),
    case("paragraph-1", "What does paragraph 1 say about Zuckerberg, his team and the pivot?", "claims-by-paragraph",
         [("d:meta-new-ai-hires", "aikg:assembledBy"), ("d:meta-new-ai-hires", "aikg:characterization"),
          ("d:mark-zuckerberg", "aikg:involvedIn"), ("d:meta-pivot-to-monetizable-model", "aikg:ledBy"),
          ("d:meta-pivot-to-monetizable-model", "aikg:shiftTo"), ("d:meta-pivot-to-monetizable-model", "aikg:shiftOf"),
          ("d:meta-monetizable-model-focus", "aikg:strategyOf")],
         params={"paragraph": "1"}, columns=("subject", "predicate")),
    case("unnamed-sources", "Which facts in the article rest only on people familiar with the matter?", "unnamed-source-facts",
         [(s, p, o, h, "d:people-familiar-with-the-matter") for s, p, o, h in [
             ("d:avocado", "aikg:codename", "Avocado", "v:reported"),
             ("d:avocado", "aikg:developedBy", "d:meta", "v:reported"),
             ("d:avocado", "aikg:releaseState", "v:planned", "v:reported"),
             ("d:avocado-closed-launch-plan", "aikg:concernsModel", "d:avocado", "v:possible"),
             ("d:avocado-closed-launch-plan", "aikg:plannedBy", "d:meta", "v:possible"),
             ("d:stance-wang-closed-models", "aikg:stanceHolder", "d:alexandr-wang", "v:reported"),
             ("d:stance-wang-closed-models", "aikg:stanceKind", "v:advocates", "v:reported"),
             ("d:avocado-distillation", "aikg:derivationKind", "v:distillation", "v:reported"),
             ("d:avocado-distillation", "aikg:purpose", "part of the training process of Avocado, using third-party rival models as teachers", "v:reported"),
             ("d:avocado", "aikg:expectedReleasePeriod", "d:spring-2026", "v:expected"),
             ("d:avocado", "aikg:plannedAccessLevel", "v:closed", "v:possible"),
             ("d:avocado", "aikg:plannedBusinessModel", "v:paid-access", "v:possible"),
             ("d:avocado-closed-launch-plan", "aikg:plannedAccessLevel", "v:closed", "v:possible"),
             ("d:stance-wang-closed-models", "aikg:stanceTarget", "v:closed", "v:reported"),
             ("d:avocado-distillation", "aikg:performedBy", "d:tbd-lab", "v:reported"),
             ("d:avocado-distillation", "aikg:student", "d:avocado", "v:reported"),
             ("d:avocado-distillation", "aikg:derivationStatus", "v:status-in-progress", "v:reported"),
             ("d:avocado-distillation", "aikg:teacher", "d:gemma-unspecified-version", "v:reported"),
             ("d:avocado-distillation", "aikg:teacher", "d:gpt-oss-unspecified-version", "v:reported"),
             ("d:avocado-distillation", "aikg:teacher", "d:qwen-unspecified-version", "v:reported"),
             ("d:gemma-unspecified-version", "aikg:memberOfFamily", "d:gemma", "v:reported"),
             ("d:gpt-oss-unspecified-version", "aikg:memberOfFamily", "d:gpt-oss", "v:reported"),
             ("d:qwen-unspecified-version", "aikg:memberOfFamily", "d:qwen", "v:reported")]],
         params={"source": ARTICLE}),
    case("roles", "Who holds which role where, and how did they come in?", "people-and-roles",
         [("d:alexandr-wang", "v:chief-ai-officer", "d:meta", "d:investment-deal-14-3-billion-usd", 14300000000, "USD"),
          ("d:mark-zuckerberg", "v:chief-executive-officer", "d:meta", None, None, None),
          ("d:jensen-huang", "v:chief-executive-officer", "d:nvidia", None, None, None)]),
    case("roles-nvidia", "Who holds a role at Nvidia?", "people-and-roles",
         [("d:jensen-huang", "v:chief-executive-officer", "d:nvidia", None, None, None)], params={"organization": "d:nvidia"}),
    case("deals-and-pay", "What money moved to bring people into Meta?", "investment-deals",
         [("d:investment-deal-14-3-billion-usd", "aikg:InvestmentDeal", None, None, None, 14300000000, None, "USD", None),
          ("d:new-hire-pay-packages", "aikg:CompensationPackage", "d:mark-zuckerberg", "d:meta-new-ai-hires", None, None, 100000000, "USD", None)]),
    case("personnel", "Whom did Zuckerberg sideline and whom did he recruit?", "personnel-changes",
         [("d:recruitment-2025", "v:recruited", "d:mark-zuckerberg", "d:meta-new-ai-hires", "2025", None, "d:tbd-lab"),
          ("d:sidelining-llama-4-staff", "v:sidelined", "d:mark-zuckerberg", "d:llama-4-staff-sidelined", "2025", "d:llama-4", None)],
         params={"agent": "d:mark-zuckerberg"}),
    case("tbd-lab", "Which team inside Meta do the new hires work in, and who works closely with them?", "teams-and-members",
         [("d:tbd-lab", "d:meta", "d:meta-new-ai-hires", "d:alexandr-wang", "d:mark-zuckerberg")], params={"organization": "d:meta"}),
    case("stance-wang", "What does Wang advocate, and on whose word?", "stances",
         [("d:alexandr-wang", "v:advocates", "v:closed", None, "v:reported", "v:anonymous-sources")], params={"holder": "d:alexandr-wang"}),
    case("stances-zuckerberg", "What does Zuckerberg advocate or worry about?", "stances",
         [("d:mark-zuckerberg", "v:advocates", "d:meta-open-source-strategy", "v:stated"),
          ("d:mark-zuckerberg", "v:advocates", "d:us-government-support-for-us-ai", "v:stated"),
          ("d:mark-zuckerberg", "v:concerned-about", "d:chinese-ai-models", "v:stated")],
         params={"holder": "d:mark-zuckerberg"}, columns=("holder", "stanceKind", "target", "hedge")),
    case("statements-zuckerberg", "What did Zuckerberg say, when and where?", "statements",
         [("d:mark-zuckerberg", "v:raised-concern", "d:chinese-ai-models", "d:rogan-podcast-2025-01", "aikg:PodcastEpisode", "2025-01"),
          ("d:mark-zuckerberg", "v:hinted", "d:meta-open-and-closed-strategy", "d:meta-earnings-call-2025-07", "aikg:EarningsCall", "2025-07"),
          ("d:mark-zuckerberg", "v:said", "d:meta-open-source-strategy", None, None, None),
          ("d:mark-zuckerberg", "v:teased", "v:closed", None, None, None)],
         params={"speaker": "d:mark-zuckerberg"}),
    case("statement-huang", "What did Jensen Huang say, and when?", "statements",
         [("d:jensen-huang", "v:said", "d:china", None, None, "2025-12")], params={"speaker": "d:jensen-huang"}),
    case("comparisons", "Which comparisons does the article draw, and who draws them?", "comparisons",
         [("d:meta-open-source-strategy", "v:likened-to", "d:android", "d:mark-zuckerberg"),
          ("d:avocado-closed-launch-plan", "v:aligns-with", "d:google", "d:bloomberg"),
          ("d:avocado-closed-launch-plan", "v:aligns-with", "d:openai", "d:bloomberg")]),
    case("strategy-shifts", "How did Meta's strategy shift, and what would Avocado depart from?", "strategy-shifts",
         [("d:meta-pivot-to-monetizable-model", "d:meta", "d:meta-open-source-strategy", "d:meta-monetizable-model-focus", "d:mark-zuckerberg", None, "v:possible"),
          ("d:meta-strategy-shift-2025", "d:meta", None, None, None, "d:llama-4", None),
          ("d:avocado-closed-launch-plan", "d:meta", "d:meta-open-source-strategy", None, None, None, "v:possible")],
         params={"organization": "d:meta"}),
    case("qwen-versions", "Under which licenses were the versions of Qwen released?", "family-versions-and-licenses",
         [("d:qwen", "d:alibaba", "d:qwen-1", "d:license-tongyi-qianwen", "v:license-restricted", "v:open-weights-restricted", None, "tongyi-qianwen"),
          ("d:qwen", "d:alibaba", "d:qwen-1-5", "d:license-tongyi-qianwen", "v:license-restricted", "v:open-weights-restricted", None, "tongyi-qianwen"),
          ("d:qwen", "d:alibaba", "d:qwen2-small", "d:license-apache-2-0", "v:license-permissive", "v:open-weights-unrestricted", "Apache-2.0", "apache-2.0"),
          ("d:qwen", "d:alibaba", "d:qwen2-72b", "d:license-tongyi-qianwen", "v:license-restricted", "v:open-weights-restricted", None, "tongyi-qianwen"),
          ("d:qwen", "d:alibaba", "d:qwen2-5-72b", "d:license-qwen", "v:license-restricted", "v:open-weights-restricted", None, "qwen"),
          *[("d:qwen", "d:alibaba", f"d:qwen2-5-{size}", "d:license-apache-2-0", "v:license-permissive", "v:open-weights-unrestricted",
             "Apache-2.0", "apache-2.0") for size in ("0-5b", "1-5b", "7b", "14b", "32b")],
          ("d:qwen", "d:alibaba", "d:qwen2-5-3b", "d:license-qwen-research", "v:license-non-commercial", "v:open-weights-non-commercial", None, "qwen-research"),
          ("d:qwen", "d:alibaba", "d:qwen3", "d:license-apache-2-0", "v:license-permissive", "v:open-weights-unrestricted", "Apache-2.0", "apache-2.0")],
         params={"family": "d:qwen"}),
    case("qwen-versions-reasoned", "Does the reasoner's family-level license leave the per-version answer unchanged?",
         "family-versions-and-licenses",
         [("d:qwen-1",), ("d:qwen-1-5",), ("d:qwen2-small",), ("d:qwen2-72b",), ("d:qwen2-5-0-5b",), ("d:qwen2-5-1-5b",),
          ("d:qwen2-5-3b",), ("d:qwen2-5-7b",), ("d:qwen2-5-14b",), ("d:qwen2-5-32b",), ("d:qwen2-5-72b",), ("d:qwen3",)],
         params={"family": "d:qwen"}, graph="reasoned", columns=("version",)),
    case("gemma-license", "Under which license is Gemma released?", "family-versions-and-licenses",
         [("d:gemma", "d:google", None, "d:license-gemma-terms-of-use", "v:license-restricted", "v:open-weights-restricted", None, None)],
         params={"family": "d:gemma"}),
    case("permissive-licenses", "Which licenses are permissive open source, with which identifiers?", "license-catalogue",
         [("d:license-apache-2-0", "Apache License 2.0", "v:license-permissive", "Apache-2.0", None, "apache-2.0", None, None),
          ("d:license-mit", "MIT License", "v:license-permissive", "MIT", None, None, None, None)],
         params={"openness": "v:license-permissive"}),
    case("restricted-license-scancode", "Which restricted licenses have which ScanCode keys?", "license-catalogue",
         [("d:license-gemma-terms-of-use", "LicenseRef-scancode-gemma-tou-2024-04-01"),
          ("d:license-gemma-terms-of-use", "LicenseRef-scancode-gemma-tou-2025-03-24"),
          ("d:license-llama-2-community", None),
          ("d:license-llama-3-community", None),
          ("d:license-llama-3-1-community", None),
          ("d:license-llama-3-2-community", None),
          ("d:license-llama-3-3-community", None),
          ("d:license-llama-4-community", "LicenseRef-scancode-llama-4-cla-2025"),
          ("d:license-qwen", "LicenseRef-scancode-qwen-2024"),
          ("d:license-tongyi-qianwen", None)],
         params={"openness": "v:license-restricted"}, columns=("license", "scancodeId")),
    # Gemma and gpt-oss carry one license per family; Qwen's versions differ, so each
    # of their licenses is a candidate. Which clauses a distillation triggers is
    # aikg obligations' job (tests/test_obligations.py).
    case("avocado-teacher-clauses", "Which license clauses could Avocado's teachers pass on, and how is each teacher's license known?",
         "inherited-duties",
         [("d:gemma-unspecified-version", "d:license-gemma-terms-of-use", "family", "d:duty-gemma-pass-on"),
          ("d:gemma-unspecified-version", "d:license-gemma-terms-of-use", "family", "d:duty-gemma-notice"),
          ("d:gemma-unspecified-version", "d:license-gemma-terms-of-use", "family", "d:prohibition-gemma-prohibited-uses"),
          ("d:gpt-oss-unspecified-version", "d:license-apache-2-0", "family", "d:duty-apache-2-0-notice"),
          ("d:qwen-unspecified-version", "d:license-apache-2-0", "family version", "d:duty-apache-2-0-notice"),
          ("d:qwen-unspecified-version", "d:license-qwen", "family version", "d:duty-qwen-notice"),
          ("d:qwen-unspecified-version", "d:license-qwen", "family version", "d:duty-qwen-built-with"),
          ("d:qwen-unspecified-version", "d:license-qwen", "family version", "d:duty-qwen-user-threshold"),
          ("d:qwen-unspecified-version", "d:license-qwen-research", "family version", "d:prohibition-qwen-research-commercial"),
          ("d:qwen-unspecified-version", "d:license-tongyi-qianwen", "family version", "d:prohibition-tongyi-improve-models")],
         params={"model": "d:avocado"}, columns=("ancestor", "license", "licenseFrom", "clause")),
    case("chinese-teachers", "Which of Avocado's teachers come from a developer headquartered in China?", "teachers-by-developer-country",
         [("d:avocado", "d:qwen-unspecified-version", "d:alibaba", "d:china", "v:stated")], params={"country": "d:china"}),
    case("teacher-countries", "Where are the developers of all of Avocado's teachers headquartered?", "teachers-by-developer-country",
         # only the article's "Chinese tech giant" is sourced; no headquarters country is recorded for Google or OpenAI
         [("d:avocado", "d:qwen-unspecified-version", "d:alibaba", "d:china", "v:stated")]),
    case("meta-closed", "Which models does Meta keep closed or plan to launch closed?", "closed-models-of-developer",
         [("d:meta", "d:avocado", "aikg:plannedAccessLevel", "v:closed", "v:possible"),
          ("d:meta", "d:meta-internal-closed-models", "aikg:accessLevel", "v:internal-only", "v:stated")],
         params={"developer": "d:meta"}),
    case("released", "Which models or families have been released, when, and how open?", "released-models",
         [("d:llama-4", "d:meta", "2025", "v:open-weights"),
          ("d:llama-4", "d:meta", "2025", "v:open-weights-restricted"),
          ("d:gemini-2-5-pro", "d:google", "2025-06", "v:api-access"),
          ("d:gpt-4o", "d:openai", "2024-05", "v:api-access"),
          ("d:gpt-5", "d:openai", "2025-08-07", "v:api-access"),
          ("d:gpt-oss", "d:openai", "2025-08-05", "v:open-weights-unrestricted")]),
    case("ancestors-reasoned", "From which models is Avocado derived, per the reasoner?", "model-ancestors",
         [("d:avocado", "d:gemma-unspecified-version", "distilled"),
          ("d:avocado", "d:gpt-oss-unspecified-version", "distilled"),
          ("d:avocado", "d:qwen-unspecified-version", "distilled")],
         params={"model": "d:avocado"}, graph="reasoned"),
    case("glosses", "How does the article explain open-source and closed models?", "term-glosses",
         [("closed", "v:closed", ARTICLE), ("open-source", "v:open-weights", ARTICLE)], columns=("term", "concept", "source")),
    case("meta-rivals", "Which companies does the article call Meta's rivals?", "competitors",
         [("d:meta", "d:google"), ("d:meta", "d:openai")], params={"organization": "d:meta"}),
    case("google-rivals-reasoned", "Is Meta a rival of Google (competition is symmetric)?", "competitors",
         [("d:google", "d:meta")], params={"organization": "d:google"}, graph="reasoned"),
]
