#!/usr/bin/env python3
"""The default engine side by side with the reference: `aikg validate` and `aikg reason` on the bundled
graph, and importing then validating a 60-card Hugging Face folder.

    python bench/engines.py [--runs 5] [--reference-cards]

Each command runs in a fresh process, the commands taking turns (one run of
each per round, bench/startup.py's `medians`), so a change in the machine's
load touches all of them alike; the medians, their ratios and the load
average are printed.

- `aikg validate` and `aikg reason -o FILE` with no options (pyoxigraph,
  pyshacl-turbo, aikg's rule engine) against the same with `--engine
  reference` (rdflib, pySHACL, owlrl). Target (issue 22): the default ≥ 8×
  faster on each.
- A Hub-like folder of 60 model cards: the 27 readable cards of
  tests/fixtures/hf-cards (written the way people write them: URLs for
  repo ids, CRLF, misspelled keys …) and 33 more generated in the same
  style (fine-tunes, quantizations, adapters and merges of them, with the
  Hub's license ids, tags and datasets). `aikg import hf-card DIR -o
  cards.ttl`, then `aikg validate -i cards.ttl`. Target: the two ≤ 2 s
  together. With --reference-cards the validation runs on the reference
  engine too (the old default for such a file: tens of seconds).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

from startup import medians

BENCH = Path(__file__).resolve().parent
CARDS = BENCH.parent / "tests" / "fixtures" / "hf-cards"
CARD_COUNT = 60
TARGET_RATIO = 8.0
TARGET_CARDS_SECONDS = 2.0

# (repo id, license) of base models the generated cards derive from: fixture cards, so the tree joins up
BASES = [
    ("meta-llama/Llama-3.1-8B-Instruct", "llama3.1"), ("Qwen/Qwen2.5-7B-Instruct", "other"),
    ("google/gemma-2-9b", "gemma"), ("mistralai/Mistral-7B-v0.1", "apache-2.0"),
    ("acme-ai/llama-3.1-8b-chat", "llama3.1"),
]
RELATIONS = {  # relation -> repo-name suffix and tags the Hub's cards carry with it
    "finetune": ("-sft", ["trl", "sft"]), "quantized": ("-GGUF", ["gguf", "llama-cpp"]),
    "adapter": ("-lora", ["peft", "lora"]), "merge": ("-slerp", ["mergekit", "merge"]),
}


def _front_matter(rng: random.Random, bases: list[tuple[str, str]], relation: str) -> list[str]:
    """The YAML lines of one generated card: its base model(s), relation, license, tags and data."""
    parents = rng.sample(bases, 2) if relation == "merge" else [rng.choice(bases)]
    license_id = parents[0][1]
    lines = ["base_model:", *[f"- {repo}" for repo, _license in parents]] if relation == "merge" else [f"base_model: {parents[0][0]}"]
    if rng.random() < 0.8:  # the Hub infers the relation when a card leaves it out
        lines.append(f"base_model_relation: {relation}")
    lines.append(f"license: {license_id}")
    if license_id == "other":
        lines += ["license_name: qwen", "license_link: LICENSE"]
    lines += ["tags:", *[f"- {tag}" for tag in RELATIONS[relation][1]], "library_name: transformers",
              "pipeline_tag: text-generation", "language:", "- en"]
    if relation == "finetune":
        lines += ["datasets:", f"- {rng.choice(['HuggingFaceH4/ultrachat_200k', 'teknium/OpenHermes-2.5'])}"]
    return lines


def hub_folder(root: Path, count: int = CARD_COUNT, seed: int = 22) -> int:
    """Write a Hub-like folder of ``count`` cards under ``root`` (NAMESPACE/NAME/README.md); returns how many."""
    readable = [p for p in sorted(CARDS.rglob("README.md")) if "broken" not in p.parts]
    for card in readable:
        target = root / card.relative_to(CARDS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(card, target)
    rng, bases = random.Random(seed), list(BASES)
    for number in range(count - len(readable)):
        relation = rng.choice(sorted(RELATIONS))
        repo = f"{rng.choice(['lab-one', 'tinker', 'quant-house', 'open-merges'])}/model-{number:02d}{RELATIONS[relation][0]}"
        lines = _front_matter(rng, bases, relation)
        card = root / repo / "README.md"
        card.parent.mkdir(parents=True)
        card.write_text("\n".join(["---", *lines, "---", f"# {repo.split('/')[1]}", "",
                                   f"A {relation} of {lines[0].split(': ')[-1]} for chat."]) + "\n")
        bases.append((repo, next(line.split(": ")[1] for line in lines if line.startswith("license: "))))
    return count


def _tolerant(command: list[str]) -> list[str]:
    """``command`` run so that exit 1 (findings) counts as success, as for validation of imported cards."""
    return ["sh", "-c", '"$@"; [ $? -le 1 ]', "sh", *command]


def _engine_rows(aikg: str, folder: Path, runs: int) -> None:
    closure = str(folder / "closure.ttl")
    pairs = {
        "aikg validate": ([aikg, "validate"], [aikg, "validate", "--engine", "reference"]),
        "aikg reason -o FILE": ([aikg, "reason", "-o", closure], [aikg, "reason", "-o", closure, "--engine", "reference"]),
    }
    commands = {f"{label} {side}": command for label, pair in pairs.items() for side, command in zip(("default", "reference"), pair)}
    found = medians(commands, runs)
    print(f"| command (bundled graph) | default (s) | --engine reference (s) | × faster by default | target ≥ {TARGET_RATIO:.0f}× |")
    print("|---|---|---|---|---|")
    for label in pairs:
        fast, reference = found[f"{label} default"], found[f"{label} reference"]
        met = "met" if reference / fast >= TARGET_RATIO else "NOT met"
        print(f"| {label} | {fast:.3f} | {reference:.3f} | {reference / fast:.1f} | {met} |", flush=True)


def _card_rows(aikg: str, folder: Path, runs: int, reference: bool) -> None:
    tree, cards = folder / "hub", folder / "cards.ttl"
    count = hub_folder(tree)
    commands = {
        f"aikg import hf-card DIR -o cards.ttl ({count} cards)": [aikg, "import", "hf-card", str(tree), "-o", str(cards)],
        "aikg validate -i cards.ttl": _tolerant([aikg, "validate", "-i", str(cards)]),
    }
    if reference:
        commands["aikg validate -i cards.ttl --engine reference"] = _tolerant([aikg, "validate", "-i", str(cards), "--engine", "reference"])
    found = medians(commands, runs)
    print(f"\n| step (Hub-like folder) | median of {runs} (s) |")
    print("|---|---|")
    for label, seconds in found.items():
        print(f"| {label} | {seconds:.3f} |")
    total = sum(list(found.values())[:2])
    met = "met" if total <= TARGET_CARDS_SECONDS else "NOT met"
    print(f"| import + validate | {total:.3f} (target ≤ {TARGET_CARDS_SECONDS:.0f} s: {met}) |", flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reference-cards", action="store_true", help="also validate the cards on the reference engine (slow)")
    args = parser.parse_args(argv)
    aikg = shutil.which("aikg", path=str(Path(sys.executable).parent)) or "aikg"
    with tempfile.TemporaryDirectory(prefix="aikg-bench-engines-") as folder:
        _engine_rows(aikg, Path(folder), args.runs)
        _card_rows(aikg, Path(folder), args.runs, args.reference_cards)
    print("\nload average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg())
          + f" on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
