"""The layout cache is data, never code: what it can and cannot bring back."""

from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path

import pytest

from pipeline.batch import cache, BatchOptions
from pipeline.batch.inputs import file_sha256
from pipeline.batch.runner import cache_key, load_layout, process_document, sweep_cache
from layout_cache import layout_of


def _entry(layout, key: str) -> dict:
    return json.loads(gzip.decompress(cache.dumps(layout, key)))


def _write(path: Path, doc) -> None:
    path.write_bytes(gzip.compress(json.dumps(doc).encode()))


def test_round_trip_gives_an_equal_layout(sample_pdf):
    layout = layout_of(str(sample_pdf))
    back = cache.loads(cache.dumps(layout, "k"), "k")
    assert back == layout  # dataclass equality: every block, line, word, tuple
    assert isinstance(back.page_sizes[0], tuple) and isinstance(back.pages[0].blocks[0].refs, list)


class Boom:  # noqa: D101 - stands for any class an attacker would name
    def __reduce__(self):
        return (Path.write_text, (Path("/tmp/mgi-pwned"), "x"))


@pytest.mark.parametrize("tamper, why", [
    (lambda d: d["layout"].update({"__t": "Popen"}), "class not allowed"),
    (lambda d: d["layout"].update({"__t": "os.system"}), "class not allowed"),
    (lambda d: d["layout"]["pages"][0].update({"__t": "BatchOptions"}), "class not allowed"),
    (lambda d: d["layout"]["pages"][0].update({"evil": 1}), "fields do not fit"),
    (lambda d: d.update({"key": "another-file"}), "another file"),
    (lambda d: d.update({"format": 1}), "another file"),
    (lambda d: d.update({"layout": [1, 2]}), "no layout"),
])
def test_tampered_entries_are_refused(sample_pdf, tamper, why):
    doc = _entry(layout_of(str(sample_pdf)), "k")
    tamper(doc)
    with pytest.raises(cache.CacheError, match=why):
        cache.loads(gzip.compress(json.dumps(doc).encode()), "k")


@pytest.mark.parametrize("data", [
    b"",
    b"not gzip at all",
    gzip.compress(b"{not json"),
    gzip.compress(b"[" * 100_000),  # nesting deep enough to overflow a recursive decoder
    gzip.compress(pickle.dumps(Boom())),
])
def test_damaged_entries_are_refused(data):
    with pytest.raises(cache.CacheError):
        cache.loads(data, "k")


def test_a_pickle_or_foreign_entry_in_the_cache_is_never_loaded(sample_pdf, tmp_path):
    """A file planted in the cache folder runs no code and the layout is simply made again."""
    (tmp_path / "in").mkdir()
    pdf = tmp_path / "in" / "a.pdf"
    pdf.write_bytes(sample_pdf.read_bytes())
    sha = file_sha256(pdf)
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    opts = BatchOptions(out=tmp_path, ocr=False)
    key = cache_key(sha, opts, False)
    planted = cache_dir / f"{key}.pkl"
    planted.write_bytes(pickle.dumps(Boom()))
    # An entry under the right name, but written for another file.
    foreign = cache_dir / f"{key}{cache.SUFFIX}"
    _write(foreign, {**_entry(layout_of(str(sample_pdf)), "other-key")})
    layout, cached = load_layout(pdf, sha, opts, cache_dir)
    assert not cached and layout.page_count == 39
    assert not Path("/tmp/mgi-pwned").exists()
    # The foreign entry was replaced by a good one; the sweep removes the pickle.
    assert cache.load(foreign, key) is not None
    assert sweep_cache(cache_dir) == 1 and not planted.exists()


def test_cached_run_gives_identical_records(sample_pdf, tmp_path):
    opts = BatchOptions(out=tmp_path, ocr=False)
    first = process_document(sample_pdf, opts, tmp_path / "cache", stats=(s1 := {}))
    second = process_document(sample_pdf, opts, tmp_path / "cache", stats=(s2 := {}))
    assert (s1["cached"], s2["cached"]) == (False, True)
    assert [p.as_record() for p in first.paragraphs] == [p.as_record() for p in second.paragraphs]
    assert first.citations == second.citations


def test_saved_entry_is_streamed_as_the_json_of_dumps(sample_pdf, tmp_path):
    """``save`` writes page by page (issue #14, peak memory) the very JSON ``dumps`` makes."""
    layout = layout_of(str(sample_pdf))
    cache.save(tmp_path / "e.json.gz", layout, "k")
    assert gzip.decompress((tmp_path / "e.json.gz").read_bytes()) == gzip.decompress(cache.dumps(layout, "k"))
    assert cache.load(tmp_path / "e.json.gz", "k") == layout


def test_a_layout_that_cannot_be_cached_leaves_no_entry(sample_pdf, tmp_path):
    import copy

    layout = copy.deepcopy(layout_of(str(sample_pdf)))  # layout_of's is shared by other tests
    layout.pages[-1].blocks.append(object())  # not plain data: found mid-stream
    cache.save(tmp_path / "e.json.gz", layout, "k")
    assert not list(tmp_path.iterdir())  # neither an entry nor a temporary file
