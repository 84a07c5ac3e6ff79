#!/usr/bin/env python3
"""Deterministic Hugging-Face-like lineage graphs in aikg's vocabulary.

    python bench/gen_lineage.py --triples 100k -o bench/out/lineage-100k.nt

Labs release base models; most later models derive from earlier ones
(fine-tunes and quantizations common, adapters and merges less so,
distillations rare), so chains run several levels deep. Every derivation is
a node with its kind, and the matching shortcut property (fineTunedFrom, …)
is asserted too, as converters from Hugging Face's ``base_model`` do. Some
facts carry a reified claim with a source and a hedge. Same size and seed,
same bytes. Only instance data is written: pair it with the ontology.
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
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

TYPE = RDF + "type"
LABEL = RDFS + "label"
MODEL, ORGANIZATION, COMPANY, LICENSE, DERIVATION, CLAIM = (
    ONT + n for n in ("Model", "Organization", "Company", "License", "Derivation", "Claim")
)
DEVELOPED_BY, LICENSE_OF, ACCESS_LEVEL, RELEASE_DATE, HF_ID, OPENNESS = (
    ONT + n for n in ("developedBy", "license", "accessLevel", "releaseDate", "huggingFaceId", "opennessCategory")
)
DERIVED_MODEL, SOURCE_MODEL, DERIVATION_KIND, STUDENT, TEACHER = (
    ONT + n for n in ("derivedModel", "sourceModel", "derivationKind", "student", "teacher")
)
CLAIM_SOURCE, HEDGE = ONT + "source", ONT + "hedge"

# kind: (share of derived models, concept, shortcut property, number of sources)
DERIVATION_KINDS = {
    "finetune": (0.46, VOCAB + "finetune", ONT + "fineTunedFrom", 1),
    "quantized": (0.32, VOCAB + "quantized", ONT + "quantizedFrom", 1),
    "adapter": (0.14, VOCAB + "adapter", ONT + "adapterOf", 1),
    "merge": (0.06, VOCAB + "merge", ONT + "mergedFrom", 2),
    "distillation": (0.02, VOCAB + "distillation", ONT + "distilledFrom", 1),
}
# access level: share of models
ACCESS_LEVELS = {
    VOCAB + "open-weights-unrestricted": 0.55,
    VOCAB + "open-weights-restricted": 0.25,
    VOCAB + "open-weights-non-commercial": 0.08,
    VOCAB + "api-access": 0.08,
    VOCAB + "hosted-access": 0.04,
}
# license local name: openness concept
LICENSES = {
    "apache-2.0": "license-permissive",
    "mit": "license-permissive",
    "bsd-3-clause": "license-permissive",
    "llama-community": "license-restricted",
    "gemma-terms": "license-restricted",
    "openrail-m": "license-restricted",
    "cc-by-nc-4.0": "license-non-commercial",
    "research-only": "license-non-commercial",
    "proprietary-api": "license-proprietary",
    "proprietary-enterprise": "license-proprietary",
}
HEDGES = {VOCAB + "confirmed": 0.6, VOCAB + "reported": 0.25, VOCAB + "expected": 0.1, VOCAB + "possible": 0.05}
SOURCE_DOCS = 50

DERIVED_SHARE = 0.55  # share of models made from another model
CLAIM_SHARE = 0.10  # share of models whose license comes with a reified claim
TRIPLES_PER_MODEL = 10.8  # measured average, to size the graph


def parse_size(text: str) -> int:
    """``10k``, ``1M``, ``2.5m`` or a plain number of triples."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    return int(float(number) * scale)


def _pick(rng: random.Random, shares: dict):
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _claim(claim: str, triple: tuple, rng: random.Random):
    """A reified claim on ``triple`` with a random source and hedge."""
    subject, predicate, obj = triple
    yield claim, TYPE, CLAIM
    yield claim, RDF + "subject", subject
    yield claim, RDF + "predicate", predicate
    yield claim, RDF + "object", obj
    yield claim, CLAIM_SOURCE, f"{SOURCE}doc-{rng.randrange(SOURCE_DOCS)}"
    yield claim, HEDGE, _pick(rng, HEDGES)


FAULTS = ("no-label", "unknown-developer", "untyped-date", "no-kind", "self-derivation")


def lineage_triples(triples: int, seed: int = 7, faults: float = 0.0):
    """Yield (subject, predicate, object) tuples: IRIs as str, literals as (text, datatype).

    With ``faults`` > 0, that share of models gets one of FAULTS, which the
    lineage shapes report (one violation each).
    """
    rng = random.Random(seed)
    fault_rng = random.Random(seed + 1)  # the faults leave the graph's shape unchanged
    claim_rng = random.Random(seed + 2)  # so do the claims on distillation edges
    models = max(10, int(triples / TRIPLES_PER_MODEL))
    labs = max(3, models // 400)
    kinds = list(DERIVATION_KINDS)
    kind_weights = [DERIVATION_KINDS[k][0] for k in kinds]

    for name, openness in LICENSES.items():
        iri = ID + "license/" + name
        yield iri, TYPE, LICENSE
        yield iri, LABEL, (name, None)
        yield iri, OPENNESS, VOCAB + openness
    for n in range(labs):
        iri = f"{ID}org/lab-{n}"
        yield iri, TYPE, ORGANIZATION
        if n % 3 == 0:
            yield iri, TYPE, COMPANY
        yield iri, LABEL, (f"Lab {n}", None)

    license_names = list(LICENSES)
    for n in range(models):
        model = f"{ID}model/m{n}"
        lab = f"{ID}org/lab-{rng.randrange(labs)}"
        fault = fault_rng.choice(FAULTS) if faults and fault_rng.random() < faults else None
        name = f"lab-{lab.rsplit('-', 1)[1]}/model-{n}"
        yield model, TYPE, MODEL
        if fault != "no-label":
            yield model, LABEL, (name, None)
        yield model, DEVELOPED_BY, f"{ID}org/unknown-{n}" if fault == "unknown-developer" else lab
        yield model, HF_ID, (name, None)
        released = f"20{20 + n * 6 // models}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        yield model, RELEASE_DATE, (released, None if fault == "untyped-date" else XSD + "date")
        if fault == "self-derivation":
            yield model, DERIVATION_KINDS["finetune"][2], model
        license_iri = ID + "license/" + rng.choice(license_names)
        yield model, LICENSE_OF, license_iri
        yield model, ACCESS_LEVEL, _pick(rng, ACCESS_LEVELS)
        if rng.random() < CLAIM_SHARE:
            yield from _claim(f"{ID}claim/license-m{n}", (model, LICENSE_OF, license_iri), rng)
        if n < labs or rng.random() >= DERIVED_SHARE:
            continue
        kind = rng.choices(kinds, weights=kind_weights)[0]
        _share, concept, shortcut, sources = DERIVATION_KINDS[kind]
        derivation = f"{ID}derivation/d{n}"
        yield derivation, TYPE, DERIVATION
        if fault != "no-kind":
            yield derivation, DERIVATION_KIND, concept
        yield derivation, STUDENT if kind == "distillation" else DERIVED_MODEL, model
        # Recent models are the usual parents, which makes chains deep.
        for parent in {n - 1 - min(int(rng.expovariate(1 / 40)), n - 1) for _ in range(sources)}:
            parent_iri = f"{ID}model/m{parent}"
            yield derivation, TEACHER if kind == "distillation" else SOURCE_MODEL, parent_iri
            yield model, shortcut, parent_iri
            if kind == "distillation":
                # No model database records distillation: every such edge comes from a report.
                yield from _claim(f"{ID}claim/teacher-d{n}-m{parent}", (derivation, TEACHER, parent_iri), claim_rng)


def _term(value):
    import pyoxigraph as ox

    if isinstance(value, tuple):
        text, datatype = value
        return ox.Literal(text, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(text)
    return ox.NamedNode(value)


def write_lineage(path: Path | None, triples: int, seed: int = 7, fmt: str = "ntriples", faults: float = 0.0) -> None:
    """Write the graph to ``path`` (stdout when None), streaming."""
    import pyoxigraph as ox

    cache: dict = {}

    def term(value):
        node = cache.get(value)
        if node is None:
            node = _term(value)
            if not isinstance(value, tuple) and len(cache) < 100_000:
                cache[value] = node
        return node

    stream = (ox.Triple(term(s), term(p), term(o)) for s, p, o in lineage_triples(triples, seed, faults))
    rdf_format = {"ntriples": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE}[fmt]
    prefixes = {"aikg": ONT, "aikgv": VOCAB, "aikgd": ID, "rdfs": RDFS} if fmt == "turtle" else None
    if path is None:
        ox.serialize(stream, sys.stdout.buffer, rdf_format, prefixes=prefixes)
        return
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as handle:
        ox.serialize(stream, handle, rdf_format, prefixes=prefixes)
    tmp.replace(path)


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
