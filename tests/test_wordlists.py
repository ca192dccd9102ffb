"""Compiled word lists: same words as pyspellchecker's, cached once, robust to a bad cache."""

from __future__ import annotations

import os

import pytest

from pipeline.layout import wordlists
from pipeline.layout import textjoin
from pipeline.layout.textjoin import keep_hyphen


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A private cache folder, and no list remembered from earlier tests (before and after)."""
    monkeypatch.setenv(wordlists.CACHE_ENV, str(tmp_path))
    wordlists.word_list.cache_clear()
    yield tmp_path / "wordlists"
    wordlists.word_list.cache_clear()


@pytest.mark.parametrize("code,present,absent", [
    ("en", ["migration", "labor", "governance", "the"], ["migrashun", "zzqx", ""]),
    ("es", ["migración", "trabajo", "gobernanza"], ["migrashun", "zzqx"]),
    ("fr", ["migrants", "travailleurs", "gouvernance"], ["migrashun", "zzqx"]),
    ("pt", ["migração", "trabalhadores", "migrantes"], ["migrashun", "zzqx"]),
])
def test_compiled_list_has_the_source_words(cache, code, present, absent):
    words = wordlists.word_list(code)
    source = wordlists._source_words(code)
    assert all(w in words for w in source)  # every source word, none lost in compiling
    assert all(w in words for w in present)
    assert not any(w in words for w in absent)
    assert wordlists.cache_path(code).is_file()


def test_second_process_reads_the_cache_not_the_source(cache, monkeypatch):
    wordlists.word_list("en")
    wordlists.word_list.cache_clear()

    def no_source(code):
        raise AssertionError("the source list was read again")

    monkeypatch.setattr(wordlists, "_source_words", no_source)
    assert "migration" in wordlists.word_list("en")


@pytest.mark.parametrize("damage", [b"", b"garbage" * 10, "truncated"])
def test_damaged_cache_is_rebuilt(cache, damage):
    path = wordlists.cache_path("en")
    wordlists.word_list("en")
    good = path.read_bytes()
    path.write_bytes(good[:1000] if damage == "truncated" else damage)
    wordlists.word_list.cache_clear()
    words = wordlists.word_list("en")
    assert "migration" in words and "zzqx" not in words
    assert path.read_bytes() == good


def test_unwritable_cache_still_gives_the_list(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(wordlists.CACHE_ENV, str(blocker))  # <file>/wordlists cannot be made
    wordlists.word_list.cache_clear()
    try:
        assert "migration" in wordlists.word_list("en")
    finally:
        wordlists.word_list.cache_clear()


def test_unknown_language_has_no_list(cache):
    assert wordlists.word_list("xx") is None
    assert wordlists.word_list(None) is None
    assert not cache.exists() or not any(cache.iterdir())


def test_cache_name_carries_source_and_format_versions(cache, monkeypatch):
    first = wordlists.cache_path("en")
    assert wordlists._source_version() in first.name
    monkeypatch.setattr(wordlists, "FORMAT_VERSION", wordlists.FORMAT_VERSION + 1)
    assert wordlists.cache_path("en") != first


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(wordlists.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert wordlists.cache_dir() == tmp_path / "mgi-pipeline" / "wordlists"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert wordlists.cache_dir() == wordlists.Path.home() / ".cache" / "mgi-pipeline" / "wordlists"


@pytest.mark.parametrize("left,right,lang,kept", [
    ("immi", "gration", "en", False),       # a syllable break: the joined word is known
    ("labor", "market", "en", True),        # two known words, unknown join: a compound
    ("traba", "jadores", "es", False),
    ("migra", "ción", "es", False),
    ("travail", "leurs", "fr", False),
])
def test_hyphenation_decisions_use_the_compiled_lists(cache, left, right, lang, kept):
    keep_hyphen.cache_clear()
    textjoin._lookup.cache_clear()  # forget lists looked up before this cache folder was set
    try:
        assert keep_hyphen(left, right, lang) is kept
    finally:
        keep_hyphen.cache_clear()
        textjoin._lookup.cache_clear()
    assert os.listdir(cache)
