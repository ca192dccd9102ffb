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


#: A piece of a block drawn apart from the rest of it on one page (a paragraph a box or a
#: column of a tagged page interrupts in the content stream) is at least this many letters.
MIN_PIECE = 12


def _longest_prefix(rest: str, stream: str, pos: int) -> int:
    lo, hi = 0, len(rest)  # longest prefix of ``rest`` drawn in ``stream`` from ``pos``
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if stream.find(rest[:mid], pos) >= 0 else (lo, mid - 1)
    return lo


def drawn(text: str, streams: list[str]) -> bool:
    """``text`` is drawn across ``streams`` in order (a block may run on to later pages,
    with the footnotes and running header of the page break in between, and on one page
    it may be drawn in pieces when something else is drawn in its middle)."""
    rest = text
    for k, stream in enumerate(streams):
        pos, drawn_here = 0, False
        while True:
            if stream.find(rest, pos) >= 0:
                return True
            n = _longest_prefix(rest, stream, pos)
            if not n or (drawn_here and n < MIN_PIECE):
                break
            pos = stream.find(rest[:n], pos) + n
            rest, drawn_here = rest[n:], True
        if k == 0 and not drawn_here:
            return False
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


A = "losniñosniñasyadolescentes"
B = "extranjerossematriculanen"


@pytest.mark.parametrize("text, streams, ok", [
    (A + B, ["xx" + A + B + "yy"], True),
    (A + B, ["xx" + A + "cajaconcifras" + B], True),  # a box drawn in the paragraph's middle
    (A + B, [A, B + "zz"], True),  # runs on to the next page
    (A + B, ["xx" + B + "yy" + A], False),  # pieces out of order
    (A + B, ["nothinghere", A + B], False),  # must start on its first page
    (A + B, [A + "x" + B[:5] + "y" + B[5:]], False),  # a piece shorter than MIN_PIECE in between
])
def test_drawn_checks_order_and_pieces(text, streams, ok):
    assert drawn(text, streams) is ok
