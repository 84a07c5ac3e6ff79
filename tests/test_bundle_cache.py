"""The cache of the parsed bundled graph: same triples, rebuilt when a file changes, harmless when unwritable."""

from __future__ import annotations

def _bundled(monkeypatch, folder):
    from aikg.rdf.graphs import load_store

    monkeypatch.setenv("AIKG_CACHE_DIR", str(folder))
    return load_store()


def test_the_cached_store_holds_what_parsing_gives(monkeypatch, tmp_path):
    monkeypatch.setenv("AIKG_CACHE_DIR", "")
    from aikg.rdf.graphs import load_store

    parsed = load_store()
    first = _bundled(monkeypatch, tmp_path)  # builds the cache
    assert len(list(tmp_path.glob("bundled-*.nq"))) == 1
    second = _bundled(monkeypatch, tmp_path)  # reads it
    assert len(parsed) == len(first) == len(second) > 1000
    assert {q for q in second if not _has_bnode(q)} == {q for q in parsed if not _has_bnode(q)}


def _has_bnode(quad) -> bool:
    import pyoxigraph as ox

    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def test_a_changed_bundled_file_gets_a_new_entry(monkeypatch, tmp_path):
    from aikg.rdf import cache

    before = cache.bundle_digest()
    monkeypatch.setattr(cache.ox, "__version__", "0.0.0-other")  # any input of the hash
    assert cache.bundle_digest() != before


def test_an_unwritable_cache_folder_changes_nothing(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")  # the cache folder cannot be made under a file, even by root
    store = _bundled(monkeypatch, blocker / "aikg")
    assert len(store) > 1000 and sorted(tmp_path.iterdir()) == [blocker]
