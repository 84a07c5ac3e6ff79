"""Inputs resolved once: an operation stats and resolves each input once, and opens it once.

``aikg.api`` turns the user's paths, the input format and the bundled part
into one ``aikg.rdf.sources.Inputs`` value; every reader below it (the
prefixes, the store, the engine's size check, lint, the undeclared-term scan)
takes that value and learns nothing again from the file system.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import MINI

# Counts the opens (audit hook: it cannot be removed, hence the subprocess) and the
# os.stat / os.lstat calls naming the input during each api operation.
_COUNTER = r"""
import json, os, sys
from collections import Counter

target, operations = os.path.abspath(sys.argv[1]), sys.argv[2:]
counts = Counter()

def names_target(path):
    return not isinstance(path, int) and os.path.abspath(os.fsdecode(path)) == target

def audit(event, args):
    if event == "open" and args and args[0] is not None and names_target(args[0]):
        counts["open"] += 1

sys.addaudithook(audit)
for name in ("stat", "lstat"):
    def counted(path, *rest, _real=getattr(os, name), _name=name, **options):
        if names_target(path):
            counts[_name] += 1
        return _real(path, *rest, **options)
    setattr(os, name, counted)

from aikg import api

runs = {
    "query": lambda: api.query("claims-by-hedge", inputs=[target]),
    "validate": lambda: api.validate(inputs=[target]),
    "check": lambda: api.check([target]),
    "convert": lambda: api.convert(open(os.devnull, "wb"), to="nquads", inputs=[target]),
}
found = {}
for operation in operations:
    counts.clear()
    runs[operation]()
    found[operation] = dict(counts)
print(json.dumps(found))
"""


def _counts(tmp_path, *operations) -> dict[str, dict[str, int]]:
    data = tmp_path / "mine.ttl"
    data.write_bytes(MINI.read_bytes())
    env = {**os.environ, "AIKG_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", _COUNTER, str(data), *operations],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("operation", ["query", "validate", "check", "convert"])
def test_each_operation_opens_and_stats_a_user_file_once(tmp_path, operation):
    """The prefixes a query reads and the triples it loads come from one read; validate's term
    scan and check's warnings reread nothing; the size and kind come from the one stat."""
    counts = _counts(tmp_path, operation)[operation]
    assert counts.get("open") == 1, counts
    assert counts.get("stat", 0) + counts.get("lstat", 0) <= 2, counts  # its status, and resolving its path


def test_inputs_are_resolved_once_into_sources_that_know_their_file(tmp_path):
    from aikg import bundle
    from aikg.rdf.sources import resolve_inputs

    data = tmp_path / "mine.ttl"
    data.write_bytes(MINI.read_bytes())
    part = bundle.part_files("model")
    inputs = resolve_inputs([str(data), *part], user=1)
    mine = inputs.sources[0]
    assert (mine.size, mine.stream, mine.bundled) == (data.stat().st_size, False, False)
    assert mine.base_iri == data.resolve().as_uri() and mine.format.name == "turtle"
    assert [s.path for s in inputs.examined] == [str(data)]
    assert [s.path for s in inputs.background] == [str(p) for p in part]
    assert inputs.bundled_files() is None and inputs.background.bundled_files() == part
    assert resolve_inputs([]).bundled_files() == bundle.graph_files()  # no paths: the bundled graph, cacheable


def test_a_bundled_file_given_another_format_is_not_taken_from_the_cache(tmp_path):
    from aikg import bundle
    from aikg.rdf.sources import resolve_inputs

    first = str(bundle.graph_files()[0])
    assert resolve_inputs([first]).bundled_files() is not None
    assert resolve_inputs([first], "ntriples").bundled_files() is None


def test_declared_prefixes_and_base_come_from_the_bytes_the_parse_reads(tmp_path, monkeypatch):
    import aikg.rdf.sources as sources
    from aikg.rdf.graphs import document_base, document_prefixes, load_store

    data = tmp_path / "based.ttl"
    data.write_text("@base <http://example.org/base/> .\n@prefix ex: <http://example.org/ns#> .\n<a> ex:p <b> .\n")
    reads, read_bytes = [], sources.read_bytes
    monkeypatch.setattr(sources, "read_bytes", lambda source: reads.append(source.path) or read_bytes(source))
    inputs = sources.resolve_inputs([data])
    assert document_prefixes(inputs) == {"ex": "http://example.org/ns#"}
    assert document_base(inputs) == "http://example.org/base/"
    assert len(load_store(inputs)) == 1
    assert reads == [str(data)]
