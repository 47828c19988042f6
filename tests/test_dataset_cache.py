"""The per-user cache of checked datasets: used when it matches the file, rebuilt when it does
not, bounded in size, and never left with the garbage collector switched off."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from kzlaw import dataset as ds

MINI = Path(__file__).parent / "data" / "mini.yaml"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("KZLAW_NO_CACHE", raising=False)
    monkeypatch.setattr(ds, "_LOADED", {})
    return home / "kzlaw"


def _copy(tmp_path: Path, i: int) -> Path:
    path = tmp_path / f"d{i}.yaml"
    shutil.copy(MINI, path)
    return path


def test_a_loaded_dataset_is_cached_and_read_back_equal(cache_home, tmp_path):
    path = _copy(tmp_path, 0)
    first = ds.load(path)
    (entry,) = cache_home.glob("*.pickle")
    ds._LOADED.clear()
    again = ds.load(path)
    assert again == first and again is not first
    os.utime(path, ns=(1, 1))  # touched, not changed: the same content answers from the same entry
    ds._LOADED.clear()
    assert ds.load(path) == first
    assert list(cache_home.glob("*.pickle")) == [entry]


def test_an_edit_that_keeps_size_and_modification_time_is_not_served_stale(cache_home, tmp_path):
    path = _copy(tmp_path, 0)
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    old = ds.load(path)
    assert "max: 5, unit: years" in text
    path.write_text(text.replace("max: 5, unit: years", "max: 6, unit: years", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    ds._LOADED.clear()
    new = ds.load(path)
    assert new != old
    assert len(list(cache_home.glob("*.pickle"))) == 2


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage"])
def test_a_damaged_cache_entry_is_detected_and_rebuilt(cache_home, tmp_path, damage):
    path = _copy(tmp_path, 0)
    first = ds.load(path)
    (entry,) = cache_home.glob("*.pickle")
    blob = bytearray(entry.read_bytes())
    if damage == "flip":
        blob[len(blob) // 2] ^= 0x10
    elif damage == "truncate":
        blob = blob[: len(blob) // 3]
    else:
        blob = bytearray(b"not a pickle at all")
    entry.write_bytes(bytes(blob))
    ds._LOADED.clear()
    again = ds.load(path)  # every article read: a damaged entry must not be half used
    assert again == first
    assert [a.number for c in again.codes for a in c.articles] == [a.number for c in first.codes for a in c.articles]
    assert entry.read_bytes() != bytes(blob)  # rebuilt


def test_the_cache_folder_is_private_and_one_others_can_write_is_not_used(cache_home, tmp_path):
    path = _copy(tmp_path, 0)
    ds.load(path)
    assert cache_home.stat().st_mode & 0o777 == 0o700
    (entry,) = cache_home.glob("*.pickle")
    assert entry.stat().st_mode & 0o077 == 0
    cache_home.chmod(0o777)
    entry.write_bytes(b"forged")
    ds._LOADED.clear()
    assert ds.load(path) is not None  # parsed again, the forged entry neither read nor replaced
    assert entry.read_bytes() == b"forged"


def test_the_cache_keeps_only_the_most_recently_used_datasets(cache_home, tmp_path, monkeypatch):
    monkeypatch.setattr(ds, "_KEEP", 5)
    paths = [_copy(tmp_path, i) for i in range(9)]
    for i, path in enumerate(paths):
        ds.load(path)
        entry = ds._cache_file(path)
        os.utime(entry, ns=(i * 10**9, i * 10**9))  # in the order they were used
    left = sorted(cache_home.glob("*.pickle"))
    assert len(left) == 5
    assert set(left) == {ds._cache_file(p) for p in paths[-5:]}


def test_the_garbage_collector_is_on_again_after_a_load_and_after_a_failed_one(cache_home, tmp_path):
    assert gc.isenabled()
    ds.load(_copy(tmp_path, 0))
    assert gc.isenabled()
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nfacts: [", encoding="utf-8")
    with pytest.raises(ds.DatasetError):
        ds.load(broken)
    assert gc.isenabled()
    gc.disable()
    try:
        ds.load(_copy(tmp_path, 1))
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_the_cached_dataset_reads_an_article_only_when_it_is_used(cache_home, tmp_path):
    from kzlaw.model import LazyArticles

    path = tmp_path / "shipped.yaml"
    shutil.copy(ds.default_path(), path)
    for sub in ds.default_path().parent.iterdir():  # the files it includes
        if sub.is_dir():
            shutil.copytree(sub, tmp_path / sub.name)
    fresh = ds.load(path)
    ds._LOADED.clear()
    cached = ds.load(path)
    code = cached.by_id["kz-cc-2014"]
    articles = code.articles
    assert isinstance(articles, LazyArticles)
    assert articles._items.count(None) == len(articles)  # nothing unpickled yet
    assert code.by_number["311"] == fresh.by_id["kz-cc-2014"].by_number["311"]
    assert "311" in code.by_number and "9999" not in code.by_number and code.by_number.get("9999") is None
    assert len(articles) - articles._items.count(None) == 1
    # successors need only numbers and `replaces`: still one article read
    assert [r.article for r in cached.successors("kz-cc-1997", "273")] == ["311"]
    assert len(articles) - articles._items.count(None) == 1
    # and the whole stands for the tuple it replaces
    assert articles == fresh.by_id["kz-cc-2014"].articles and hash(articles) == hash(fresh.by_id["kz-cc-2014"].articles)
    assert cached == fresh
    assert (
        articles[-1] == fresh.by_id["kz-cc-2014"].articles[-1]
        and articles[:2] == fresh.by_id["kz-cc-2014"].articles[:2]
    )


def test_a_cached_assess_reads_only_the_articles_its_acts_can_reach(cache_home, tmp_path):
    from kzlaw.engine import assess
    from kzlaw.model import LazyArticles

    path = _copy(tmp_path, 0)
    fresh = ds.load(path)
    ds._LOADED.clear()
    cached = ds.load(path)
    old = cached.by_id["old"].articles
    assert isinstance(old, LazyArticles) and old.needs is not None
    facts = {"act": ["malware"], "info_damage": True}
    answer = assess(cached, facts, code="old")
    read = [n for n, item in zip(old.numbers, old._items, strict=True) if item is not None]
    assert read == ["20"]  # Art. 10 (assault) needs another act: never unpickled
    assert answer.to_json() == assess(fresh, facts, code="old").to_json()
