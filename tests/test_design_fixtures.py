"""The design fixtures (tests/fixtures/designs, made by bench/make_designs.py) agree with their truth files.

Checks the files only (no reportlab needed): the truth's structure, and that every
block's text is drawn on the pages it names. Each page's characters are read in
content-stream order, which for these PDFs is the reading order of each block, and
compared on letters only (markers, numbers, hyphens and spaces dropped).
"""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

DESIGNS = Path(__file__).parent / "fixtures" / "designs"
TRUTHS = sorted(DESIGNS.glob("*.truth.json"))
KINDS = {"heading", "paragraph", "list_item", "footnote", "box", "sidebar", "decoration", "contents_entry"}


def letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())


def drawn(text: str, streams: list[str]) -> bool:
    """``text`` is drawn across ``streams`` in order (a block may run on to later pages,
    with the footnotes and running header of the page break in between)."""
    rest = text
    for stream in streams:
        if rest in stream:
            return True
        lo, hi = 0, len(rest)  # longest prefix of ``rest`` drawn on this page
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if rest[:mid] in stream else (lo, mid - 1)
        if not lo:
            return False
        rest = rest[lo:]
    return False


def test_there_are_fixtures():
    assert len(TRUTHS) >= 6
    assert all(t.with_name(t.name.replace(".truth.json", ".pdf")).exists() for t in TRUTHS)


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_truth_matches_pdf(truth_path: Path):
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pdf = truth_path.with_name(truth["document"]["pdf"]["file"])
    assert pdf.stat().st_size < 300_000
    blocks = truth["blocks"]
    by_id = {b["id"]: b for b in blocks}
    assert len(by_id) == len(blocks)
    with pdfplumber.open(pdf) as doc:
        streams = [letters("".join(c["text"] for c in page.chars)) for page in doc.pages]
    assert truth["document"]["pdf"]["pages"] == len(streams) == len(truth["pages"])
    notes = [b for b in blocks if b["kind"] == "footnote"]
    assert [n["number"] for n in sorted(notes, key=lambda n: n["number"])] == list(range(1, len(notes) + 1))
    refs = []
    for b in blocks:
        assert b["kind"] in KINDS, b
        assert b["text"] == b["text"].strip() and "  " not in b["text"] and "\u00a0" not in b["text"]
        first, last = b["page"], b.get("page_end", b["page"])
        assert 1 <= first <= last <= len(streams)
        assert drawn(letters(b["text"]), streams[first - 1:last]), (b["id"], b["text"][:60])
        for h in b["section_path"]:
            assert by_id[h]["kind"] == "heading"
        if b["kind"] == "contents_entry":
            assert b["title"] in b["text"] and isinstance(b["target_page"], int)
            assert 1 <= b["target_page"] <= len(streams)
        if b["kind"] == "footnote":
            assert by_id[b["referenced_by"]]["footnote_refs"]
        for r in b.get("footnote_refs", []):
            assert 0 < r["offset"] <= len(b["text"])
            note = by_id[r["footnote_id"]]
            assert note["kind"] == "footnote" and note["number"] == r["number"] and note["referenced_by"] == b["id"]
            refs.append(r["number"])
    assert sorted(refs) == [n["number"] for n in sorted(notes, key=lambda n: n["number"])]
