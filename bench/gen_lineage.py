#!/usr/bin/env python3
"""Deterministic Hugging-Face-like lineage graphs that conform to aikg's shipped shapes.

    python bench/gen_lineage.py --triples 100k -o bench/out/lineage-100k.nt
    python bench/gen_lineage.py --triples 1M --faults 0.01 -o lineage.nt   # + lineage.faults.tsv

Labs release base models; most later models derive from earlier ones
(fine-tunes and quantizations common, adapters and merges less so,
distillations rare), so chains run several levels deep. Every derivation is
a node with its kind, and the matching shortcut property (fineTunedFrom, …)
is asserted too, as converters from Hugging Face's ``base_model`` do. Some
facts carry a reified claim with a source document, an attribution and a
hedge. Models use the bundled licenses (Llama 4, Qwen, Gemma, Apache, MIT)
or the generator's own proprietary and research ones, and a model whose
ancestry carries a Llama or Qwen naming or notice duty shows it, so the
graph, read with the bundled ontology and data, has no SHACL violation.
``--faults`` gives that share of models one known violation (FAULTS), listed
in a ``.faults.tsv`` file next to the output. Same size and seed, same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

# ---- the vocabulary, in one place (aligned with ontology/aikg.ttl) ---------
ONT = "https://w3id.org/aikg/ont#"
VOCAB = "https://w3id.org/aikg/vocab/"
ID = "https://w3id.org/aikg/id/"
SOURCE = "https://w3id.org/aikg/source/"
SCHEMA = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

TYPE = RDF + "type"
LABEL = RDFS + "label"
MODEL, ORGANIZATION, COMPANY, LICENSE, DERIVATION, CLAIM, SOURCE_DOCUMENT = (
    ONT + n for n in ("Model", "Organization", "Company", "License", "Derivation", "Claim", "SourceDocument")
)
DEVELOPED_BY, LICENSE_OF, ACCESS_LEVEL, RELEASE_DATE, HF_ID, OPENNESS, NOTICE = (
    ONT + n for n in ("developedBy", "license", "accessLevel", "releaseDate", "huggingFaceId", "opennessCategory",
                      "attributionNotice")
)
DERIVED_MODEL, SOURCE_MODEL, DERIVATION_KIND, STUDENT, TEACHER = (
    ONT + n for n in ("derivedModel", "sourceModel", "derivationKind", "student", "teacher")
)
CLAIM_SOURCE, HEDGE, ATTRIBUTION, ATTRIBUTION_KIND = ONT + "source", ONT + "hedge", ONT + "attribution", ONT + "attributionKind"

# kind: (share of derived models, concept, shortcut property, number of sources)
DERIVATION_KINDS = {
    "finetune": (0.46, VOCAB + "finetune", ONT + "fineTunedFrom", 1),
    "quantized": (0.32, VOCAB + "quantized", ONT + "quantizedFrom", 1),
    "adapter": (0.14, VOCAB + "adapter", ONT + "adapterOf", 1),
    "merge": (0.06, VOCAB + "merge", ONT + "mergedFrom", 2),
    "distillation": (0.02, VOCAB + "distillation", ONT + "distilledFrom", 1),
}
# access level: share of models; the closed ones (api, hosted) carry proprietary licenses
ACCESS_LEVELS = {
    VOCAB + "open-weights-unrestricted": 0.55,
    VOCAB + "open-weights-restricted": 0.25,
    VOCAB + "open-weights-non-commercial": 0.08,
    VOCAB + "api-access": 0.08,
    VOCAB + "hosted-access": 0.04,
}
CLOSED_ACCESS = {VOCAB + "api-access", VOCAB + "hosted-access"}
# The bundled licenses (data/background-licenses.ttl), with the duty a descendant must show.
BUNDLED_LICENSES = {
    ID + "license-apache-2-0": None,
    ID + "license-mit": None,
    ID + "license-gemma-terms-of-use": None,  # its duties name no notice text the shapes can check
    ID + "license-llama-4-community": "llama",
    ID + "license-qwen": "qwen",
}
OSI_LICENSE = ID + "license-apache-2-0"
# The generator's own licenses: local name -> openness concept.
OWN_LICENSES = {
    "research-only": "license-non-commercial",
    "proprietary-api": "license-proprietary",
    "proprietary-enterprise": "license-proprietary",
}
CLOSED_LICENSES = [ID + "license/proprietary-api", ID + "license/proprietary-enterprise"]
OPEN_LICENSES = [*BUNDLED_LICENSES, ID + "license/research-only"]
# duty tag: (required name prefix or None, required notice or None)
DUTIES = {"llama": ("Llama", "Built with Llama"), "qwen": (None, "Built with Qwen")}
FIRM_HEDGES = {VOCAB + "confirmed": 0.6, VOCAB + "stated": 0.15, VOCAB + "reported": 0.25}
HEDGES = {**FIRM_HEDGES, VOCAB + "expected": 0.1, VOCAB + "possible": 0.05}
SOURCE_DOCS = 50

DERIVED_SHARE = 0.55  # share of models made from another model
CLAIM_SHARE = 0.10  # share of models whose license comes with a reified claim
TRIPLES_PER_MODEL = 11.4  # measured average, to size the graph

# Each fault breaks exactly one constraint of the shipped shapes, once: fault -> the shape
# the validation result names (a property shape, or the node shape of a SPARQL constraint).
FAULTS = {
    "no-label": "Model-label",
    "unknown-developer": "Model-developedBy",
    "untyped-date": "Model-releaseDate",
    "self-derivation": "DerivationShape",  # aikgsh:DerivationFromItself
    "claim-without-source": "Claim-source",
    "closed-with-osi-license": "ModelShape",  # aikgsh:ClosedModelWithOsiLicense
    "duty-not-shown": "InheritedDutiesShape",  # aikgsh:InheritedNamingOrAttributionNotShown
}


def parse_size(text: str) -> int:
    """``10k``, ``1M``, ``2.5m`` or a plain number of triples."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    return int(float(number) * scale)


def _pick(rng: random.Random, shares: dict):
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _claim(claim: str, triple: tuple, rng: random.Random, hedges: dict, with_source: bool = True):
    """A reified claim on ``triple`` from a random source document, attributed to its publisher."""
    subject, predicate, obj = triple
    document = rng.randrange(SOURCE_DOCS)
    yield claim, TYPE, CLAIM
    yield claim, RDF + "subject", subject
    yield claim, RDF + "predicate", predicate
    yield claim, RDF + "object", obj
    if with_source:
        yield claim, CLAIM_SOURCE, f"{SOURCE}doc-{document}"
    yield claim, ATTRIBUTION, f"{ID}org/publisher-{document % 5}"
    yield claim, ATTRIBUTION_KIND, VOCAB + "publication"
    yield claim, HEDGE, _pick(rng, hedges)


def _background(labs: int):
    """The generator's own licenses, labs, publishers and source documents."""
    for name, openness in OWN_LICENSES.items():
        iri = ID + "license/" + name
        yield iri, TYPE, LICENSE
        yield iri, LABEL, (name, "@en")
        yield iri, HF_ID, (name, None)
        yield iri, OPENNESS, VOCAB + openness
    for n in range(labs):
        iri = f"{ID}org/lab-{n}"
        yield iri, TYPE, ORGANIZATION
        if n % 3 == 0:
            yield iri, TYPE, COMPANY
        yield iri, LABEL, (f"Lab {n}", "@en")
    for n in range(5):
        yield f"{ID}org/publisher-{n}", TYPE, ORGANIZATION
        yield f"{ID}org/publisher-{n}", LABEL, (f"Publisher {n}", "@en")
    for n in range(SOURCE_DOCS):
        doc = f"{SOURCE}doc-{n}"
        yield doc, TYPE, SOURCE_DOCUMENT
        yield doc, SCHEMA + "name", (f"Model card {n}", None)
        yield doc, SCHEMA + "publisher", f"{ID}org/publisher-{n % 5}"


def _fault_for(fault_rng: random.Random, share: float, duties: frozenset, licensed: str, claimed: bool):
    """A fault this model can carry without breaking a second constraint, or None."""
    if not share or fault_rng.random() >= share:
        return None
    ruled_out = {
        "claim-without-source": not claimed,
        "duty-not-shown": "llama" not in duties,
        "no-label": "llama" in duties,  # the Llama name-prefix check would fire too
        "self-derivation": BUNDLED_LICENSES.get(licensed) is not None,  # it would inherit its own license's duty
    }
    return fault_rng.choice([fault for fault in FAULTS if not ruled_out.get(fault)])


def lineage_triples(triples: int, seed: int = 7, faults: float = 0.0, injected: list | None = None):
    """Yield (subject, predicate, object) tuples: IRIs as str, literals as (text, datatype or "@en").

    With ``faults`` > 0, about that share of models gets one of FAULTS; each
    is appended to ``injected`` as (focus IRI, fault, reporting shape).
    """
    rng = random.Random(seed)
    fault_rng = random.Random(seed + 1)  # the faults leave the graph's shape unchanged
    claim_rng = random.Random(seed + 2)  # so do the claims
    models = max(10, int(triples / TRIPLES_PER_MODEL))
    labs = max(3, models // 400)
    kinds = list(DERIVATION_KINDS)
    kind_weights = [DERIVATION_KINDS[k][0] for k in kinds]
    passed_on: list[frozenset] = []  # per model: the duties its descendants inherit
    yield from _background(labs)

    for n in range(models):
        model = f"{ID}model/m{n}"
        lab = f"{ID}org/lab-{rng.randrange(labs)}"
        access = _pick(rng, ACCESS_LEVELS)
        license_iri = rng.choice(CLOSED_LICENSES if access in CLOSED_ACCESS else OPEN_LICENSES)
        claimed = rng.random() < CLAIM_SHARE
        derivation = None
        if n >= labs and rng.random() < DERIVED_SHARE:
            kind = rng.choices(kinds, weights=kind_weights)[0]
            sources = DERIVATION_KINDS[kind][3]
            parents = sorted({n - 1 - min(int(rng.expovariate(1 / 40)), n - 1) for _ in range(sources)})
            derivation = (kind, parents)
        duties = frozenset().union(*(passed_on[p] for p in derivation[1])) if derivation else frozenset()
        fault = _fault_for(fault_rng, faults, duties, license_iri, claimed)
        if fault == "closed-with-osi-license":
            access, license_iri = VOCAB + "api-access", OSI_LICENSE
        own_duty = BUNDLED_LICENSES.get(license_iri)  # of the license the graph states, after any fault
        passed_on.append(duties | {own_duty} if own_duty else duties)
        if fault and injected is not None:
            focus = f"{ID}claim/license-m{n}" if fault == "claim-without-source" else model
            focus = f"{ID}derivation/self-d{n}" if fault == "self-derivation" else focus
            injected.append((focus, fault, FAULTS[fault]))
        yield from _model(model, n, models, lab, access, license_iri, duties, fault)
        if claimed:
            claim = f"{ID}claim/license-m{n}"
            yield from _claim(claim, (model, LICENSE_OF, license_iri), claim_rng, FIRM_HEDGES, fault != "claim-without-source")
        if fault == "self-derivation":
            yield f"{ID}derivation/self-d{n}", TYPE, DERIVATION
            yield f"{ID}derivation/self-d{n}", DERIVATION_KIND, VOCAB + "finetune"
            yield f"{ID}derivation/self-d{n}", DERIVED_MODEL, model
            yield f"{ID}derivation/self-d{n}", SOURCE_MODEL, model
        if derivation:
            yield from _derivation(n, model, *derivation, claim_rng)


def _model(model, n, models, lab, access, license_iri, duties, fault):
    name = f"lab-{lab.rsplit('-', 1)[1]}/model-{n}"
    prefixed = "llama" in duties and fault != "duty-not-shown"
    yield model, TYPE, MODEL
    if fault != "no-label":
        yield model, LABEL, (f"Llama {name}" if prefixed else name, "@en")
    for duty in sorted(duties):
        if DUTIES[duty][1]:
            yield model, NOTICE, (DUTIES[duty][1], None)
    yield model, DEVELOPED_BY, f"{ID}org/unknown-{n}" if fault == "unknown-developer" else lab
    yield model, HF_ID, (name, None)
    released = f"20{20 + n * 6 // models}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    yield model, RELEASE_DATE, (released, None if fault == "untyped-date" else XSD + "date")
    yield model, LICENSE_OF, license_iri
    yield model, ACCESS_LEVEL, access


def _derivation(n, model, kind, parents, claim_rng):
    _share, concept, shortcut, _sources = DERIVATION_KINDS[kind]
    derivation = f"{ID}derivation/d{n}"
    yield derivation, TYPE, DERIVATION
    yield derivation, DERIVATION_KIND, concept
    yield derivation, STUDENT if kind == "distillation" else DERIVED_MODEL, model
    for parent in parents:
        parent_iri = f"{ID}model/m{parent}"
        yield derivation, TEACHER if kind == "distillation" else SOURCE_MODEL, parent_iri
        yield model, shortcut, parent_iri
        if kind == "distillation":
            # No model database records distillation: every such edge comes from a report.
            yield from _claim(f"{ID}claim/teacher-d{n}-m{parent}", (derivation, TEACHER, parent_iri), claim_rng, HEDGES)


def _term(value):
    import pyoxigraph as ox

    if isinstance(value, tuple):
        text, datatype = value
        if datatype == "@en":
            return ox.Literal(text, language="en")
        return ox.Literal(text, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(text)
    return ox.NamedNode(value)


def write_lineage(path: Path | None, triples: int, seed: int = 7, fmt: str = "ntriples", faults: float = 0.0) -> list:
    """Write the graph to ``path`` (stdout when None), streaming; return the injected faults.

    With a path and faults, they are also written to ``<path stem>.faults.tsv``
    (focus, fault, shape), so a benchmark can check each one is found.
    """
    import pyoxigraph as ox

    cache: dict = {}

    def term(value):
        node = cache.get(value)
        if node is None:
            node = _term(value)
            if not isinstance(value, tuple) and len(cache) < 100_000:
                cache[value] = node
        return node

    injected: list = []
    stream = (ox.Triple(term(s), term(p), term(o)) for s, p, o in lineage_triples(triples, seed, faults, injected))
    rdf_format = {"ntriples": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE}[fmt]
    prefixes = {"aikg": ONT, "aikgv": VOCAB, "aikgd": ID, "aikgs": SOURCE, "rdfs": RDFS, "schema": SCHEMA} if fmt == "turtle" else None
    if path is None:
        ox.serialize(stream, sys.stdout.buffer, rdf_format, prefixes=prefixes)
        return injected
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as handle:
        ox.serialize(stream, handle, rdf_format, prefixes=prefixes)
    if faults:
        fault_list(path).write_text("".join("\t".join(row) + "\n" for row in injected))
    tmp.replace(path)
    return injected


def fault_list(path: Path) -> Path:
    """Where the faults injected into the graph at ``path`` are listed."""
    return path.with_name(path.name.split(".")[0] + ".faults.tsv")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", default="10k", help="approximate size: 10k, 100k, 1M, 10M (default 10k)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=("ntriples", "turtle"), default="ntriples")
    parser.add_argument("--faults", type=float, default=0.0, help="share of models given one SHACL fault (e.g. 0.01)")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    write_lineage(args.output, parse_size(args.triples), args.seed, args.format, args.faults)


if __name__ == "__main__":
    main()
