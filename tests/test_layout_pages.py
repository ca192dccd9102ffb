"""The layout stage's first pass as a stream: page reads kept on disk, summaries in memory."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from pipeline.layout import extract
from pipeline.layout.pagestore import PageSpill
from pipeline.layout.reading import read_pages


def test_spilled_reads_are_the_reads_and_summaries_keep_no_lines(sample_pdf):
    """With a spill file, read_pages returns summaries; the file holds exactly the full reads."""
    full = read_pages(str(sample_pdf), 0, 6, None, "auto")
    with PageSpill() as spill:
        summaries = read_pages(str(sample_pdf), 0, 6, None, "auto", spill=spill.file(0))
        spilled = list(spill.reads())
    assert spilled == full
    assert all(not s.lines and not s.tables for s in summaries)
    for s, r in zip(summaries, full):
        assert (s.number, s.state, s.chars, s.messages) == (r.number, r.state, r.chars, r.messages)
        assert s.texts == [ln.text for ln in r.lines]
        assert sum(s.sizes.values()) == sum(len(ln.text) for ln in r.lines)
    assert any(s.margins for s in summaries)  # the sample's page numbers and running headers


#: Eight pages: enough for the page pool (two processes), a fifth of the sample's time.
SHORT_REPORT = Path(__file__).resolve().parent / "fixtures" / "reports" / "en-kyrgyzstan-2018-first-round.pdf"


def test_page_reads_leave_no_files_behind(tmp_path, monkeypatch):
    """The spill folder is removed after the layout, and when building a page fails."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    doc = extract.extract_layout(SHORT_REPORT, max_pages=50, workers=2)
    assert doc.blocks
    assert not list(tmp_path.iterdir())

    def broken(*args, **kwargs):
        raise RuntimeError("page")

    monkeypatch.setattr(extract, "build_page", broken)
    with pytest.raises(RuntimeError):
        extract.extract_layout(SHORT_REPORT)
    assert not list(tmp_path.iterdir())
