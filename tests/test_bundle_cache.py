"""The cache of the parsed bundled graph: same triples and prefixes, never used for files
that changed since it was written, never used when damaged, harmless when unwritable."""

from __future__ import annotations

import os
import time

import pytest


def _bundled(monkeypatch, folder):
    from aikg.rdf.graphs import load_store

    monkeypatch.setenv("AIKG_CACHE_DIR", str(folder))
    return load_store()


def test_the_cached_store_holds_what_parsing_gives(monkeypatch, tmp_path):
    monkeypatch.setenv("AIKG_CACHE_DIR", "")
    from aikg.rdf.graphs import document_prefixes, load_store

    parsed, prefixes = load_store(), document_prefixes()
    first = _bundled(monkeypatch, tmp_path)  # builds the cache
    assert len(list(tmp_path.glob("bundled-*.nq"))) == 1
    second = _bundled(monkeypatch, tmp_path)  # reads it
    assert len(parsed) == len(first) == len(second) > 1000
    assert {q for q in second if not _has_bnode(q)} == {q for q in parsed if not _has_bnode(q)}
    from aikg import bundle
    from aikg.rdf.cache import read_entry

    assert read_entry(bundle.graph_files()).prefixes == prefixes == document_prefixes()  # the last from the entry
    assert "aikg" in prefixes


def _has_bnode(quad) -> bool:
    import pyoxigraph as ox

    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


# ----------------------------------------------------- the key, on files of our own


@pytest.fixture
def files(monkeypatch, tmp_path):
    """One Turtle file, last changed a minute ago, and a cache folder."""
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data.ttl"
    _write(data, "a")
    return [data]


def _write(path, letter: str, age: float = 60.0) -> None:
    path.write_text(f"@prefix ex: <http://example.org/> .\nex:{letter} ex:p ex:o .\n")
    then = time.time() - age
    os.utime(path, (then, then))
    # ctime cannot be set back: sleep past the settling time only where a test needs it (see below)


def _store(files):
    import pyoxigraph as ox

    from aikg.rdf.cache import cached_bundle_store
    from aikg.rdf.graphs import _read_prefixes

    def build():
        store = ox.Store()
        for path in files:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        return store

    return cached_bundle_store(files, build, lambda: _read_prefixes(files))


def _subjects(store) -> set[str]:
    return {q.subject.value for q in store}


def _settle(monkeypatch):
    from aikg.rdf import cache

    monkeypatch.setattr(cache, "SETTLE_SECONDS", 0.0)


def test_an_entry_is_written_and_read_back(monkeypatch, files):
    from aikg.rdf.cache import read_entry

    _settle(monkeypatch)
    assert _subjects(_store(files)) == {"http://example.org/a"}
    entry = read_entry(files)
    assert entry is not None and entry.quads == 1 and entry.prefixes == {"ex": "http://example.org/"}
    assert _subjects(_store(files)) == {"http://example.org/a"}


def test_a_file_rewritten_with_the_same_size_and_mtime_is_not_read_from_the_cache(monkeypatch, files):
    from aikg.rdf.cache import read_entry

    _settle(monkeypatch)
    _store(files)
    stat = os.stat(files[0])
    time.sleep(0.01)  # past one tick of the file-system clock
    _write(files[0], "b")  # same size, and the same mtime set back below: only ctime tells
    os.utime(files[0], ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert os.stat(files[0]).st_size == stat.st_size
    assert read_entry(files) is None
    assert _subjects(_store(files)) == {"http://example.org/b"}


def test_a_new_entry_removes_the_one_it_supersedes_and_no_other(monkeypatch, files, tmp_path):
    from aikg.rdf.cache import read_entry

    _settle(monkeypatch)
    other_files = [tmp_path / "elsewhere.ttl"]  # another installation's files share the folder
    _write(other_files[0], "z")
    _store(other_files)
    _store(files)
    first = read_entry(files).path
    time.sleep(0.01)
    _write(files[0], "b")  # an edit: a new key for the same file
    _store(files)
    entries = set((tmp_path / "cache").glob("bundled-*.nq"))
    assert entries == {read_entry(files).path, read_entry(other_files).path}
    assert first not in entries


def test_files_changed_within_the_settling_time_are_not_cached(files):
    _store(files)  # the file's ctime is now: a second same-size write in this tick would go unseen
    assert not list(files[0].parent.glob("cache/bundled-*.nq"))


def test_another_pyoxigraph_is_another_key(monkeypatch, files):
    from aikg.rdf import cache

    _settle(monkeypatch)
    _store(files)
    assert cache.read_entry(files) is not None
    monkeypatch.setattr(cache.ox, "__version__", "0.0.0-other")
    assert cache.read_entry(files) is None


def test_a_truncated_entry_is_not_used(monkeypatch, files):
    from aikg.rdf.cache import read_entry

    _settle(monkeypatch)
    files.append(files[0].with_name("more.ttl"))
    _write(files[1], "c")
    _store(files)
    entry = read_entry(files)
    text = entry.path.read_text()
    entry.path.write_text(text[: text.rstrip("\n").rindex("\n") + 1])  # one quad short, whole lines
    assert _subjects(_store(files)) == {"http://example.org/a", "http://example.org/c"}


def test_an_unwritable_cache_folder_changes_nothing(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")  # the cache folder cannot be made under a file, even by root
    store = _bundled(monkeypatch, blocker / "aikg")
    assert len(store) > 1000 and sorted(tmp_path.iterdir()) == [blocker]
