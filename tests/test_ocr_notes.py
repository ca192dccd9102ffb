"""Footnote areas of scanned pages, found from the separator rule (real scan of the sample, real OCR)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from rapidfuzz import fuzz

from pipeline.layout import extract_layout, ocr, ocr_image, ocr_notes
from pipeline.layout.boxes import Box
from pipeline.layout.footnotes import find_footnote_area
from pipeline.layout.lines import on_box_edge
from pipeline.layout.page import FOOTNOTE_SIZE_RATIO, Line, Word

from scans import PreparedOcr, scan_of  # also puts bench/ on sys.path
from scanlike import SCAN_DPI  # noqa: E402

#: Sample pages scanned: notes whose web addresses OCR sizes as body text (28: note 5
#: ends "act/view/ru-ru/157527."; 29: note 8 ends in a URL line; 37: note 24's second
#: line is a URL), a framed box above the notes (27), and a page without notes (5).
PAGES = [5, 27, 28, 29, 37]
#: (sample page, separator rule's top in points or None): the rule is 0.3 pt thick,
#: 119 pt long, at the left margin; page 27's box frame and page 5 have no separator.
RULES = [(5, None), (27, 643.0), (28, 721.0), (29, 644.0), (37, 733.0)]
#: Points either way a found rule may lie from the born-digital rule (deskewing, pixels).
RULE_SLACK_PT = 3.0
#: A note of the truth is found when an extracted note's text matches it this well.
NOTE_MATCH = 90.0


@pytest.fixture(scope="module")
def scan(sample_pdf, tmp_path_factory):
    return scan_of(sample_pdf, PAGES, tmp_path_factory, "notes")


@pytest.fixture(scope="module")
def scan_ocr(scan) -> PreparedOcr:
    """``ocr.ocr_page(page, "ru")`` of every page of the scan, read two at a time."""
    return PreparedOcr(scan, range(1, len(PAGES) + 1), "ru")


@pytest.fixture(scope="module")
def layout(scan, scan_ocr):
    return extract_layout(scan, ocr=scan_ocr, workers=2, lang="ru")


def _page_ink(scan: Path, page: int) -> np.ndarray:
    with pdfplumber.open(scan) as pdf:
        image = pdf.pages[PAGES.index(page)].to_image(resolution=SCAN_DPI).original
    grey, _ = ocr_image.deskew(ocr_image.to_grey(image))
    return ocr_image.ink_mask(grey)


@pytest.mark.parametrize("page, top", RULES)
def test_separator_rule_found_on_the_image(scan, page, top):
    rules = ocr_notes.scaled(ocr_notes.separator_rules(_page_ink(scan, page), SCAN_DPI), 72.0 / SCAN_DPI)
    if top is None:
        assert rules == []
    else:
        assert len(rules) == 1
        assert abs(rules[0].y - top) <= RULE_SLACK_PT
        assert 110 <= rules[0].x1 - rules[0].x0 <= 130


def _ink(*marks: tuple[int, int, int, int]) -> np.ndarray:
    """A blank A4 page at 200 dpi (binarised) with ink rectangles (top, left, width, height)."""
    ink = np.zeros((2339, 1655), dtype=np.uint8)
    for top, left, width, height in marks:
        ink[top:top + height, left:left + width] = 255
    return ink


SEPARATOR = (2000, 160, 330, 2)


@pytest.mark.parametrize("case, marks, found", [
    ("short rule in the lower page", [SEPARATOR], 1),
    ("rule at the top (a header line)", [(150, 160, 330, 2)], 0),
    ("full-width rule (a table border)", [(2000, 160, 1300, 2)], 0),
    ("thick bar (a filled band)", [(2000, 160, 330, 12)], 0),
    ("a word beside it (a signature line)", [SEPARATOR, (1990, 600, 40, 20)], 0),
    ("the rule goes on past a gap (a table's border)", [SEPARATOR, (2000, 500, 300, 2)], 0),
    ("dust beside it", [SEPARATOR, (2001, 900, 1, 1), (1998, 1200, 2, 1)], 1),
])
def test_separator_rule_shapes(case, marks, found):
    assert len(ocr_notes.separator_rules(_ink(*marks), SCAN_DPI)) == found, case


def _word(text, x0, top, size):
    return {"text": text, "x0": x0, "x1": x0 + 40, "top": top, "bottom": top + size, "size": size}


@pytest.mark.parametrize("case, under, changed", [
    ("notes under the rule, one misjudged", [(660, 8.5), (671, 8.4), (682, 11.0)], True),
    ("body-size text under the rule", [(660, 11.0), (676, 11.2), (692, 10.9)], False),
])
def test_note_sizes_set_only_under_smaller_text(case, under, changed):
    words = [_word("текст", 62, 100 + 16 * i, 11.0) for i in range(20)]
    words += [_word("сноска", 62 if i == 0 else 76, top, size) for i, (top, size) in enumerate(under)]
    rule = ocr_notes.Rule(62, 181, 650)
    taken = ocr_notes.set_note_sizes(words, [rule], ocr.EM_ASCENT)
    assert bool(taken) is changed, case
    sizes = {w["size"] for w in words[20:]}
    assert (len(sizes) == 1) is changed, case
    assert all(w["size"] == 11.0 for w in words[:20])


def test_notes_under_the_rule_have_footnote_size(scan_ocr):
    words = scan_ocr.words[PAGES.index(29) + 1]  # ocr.ocr_page of the page, made for the module
    body = np.median([w["size"] for w in words if w["top"] < 600])
    notes = [w for w in words if w["top"] >= 644 and w["text"] != "29"]
    assert notes and all(w["size"] <= FOOTNOTE_SIZE_RATIO * body for w in notes)


@pytest.mark.parametrize("page, numbers", [(27, [1, 2, 3, 4]), (28, [5, 6]), (29, [7, 8, 9, 10]), (37, [24, 25]),
                                           (5, [])])
def test_scanned_notes_found_and_not_in_body(layout, sample_pdf, page, numbers):
    """Every note of the page is a footnote with its number, and none of its text is in the body."""
    with pdfplumber.open(sample_pdf) as pdf:
        text_layer = pdf.pages[page - 1].extract_text()
    blocks = layout.pages[PAGES.index(page)].blocks
    notes = [b for b in blocks if b.kind == "footnote"]
    assert [n.footnote_number for n in notes] == numbers
    body = " ".join(b.text for b in blocks if b.kind in ("paragraph", "list_item", "heading"))
    for note in notes:  # its end: the body quotes some notes' act titles, never their sources
        end = note.text[-40:]
        assert fuzz.partial_ratio(end, text_layer) >= NOTE_MATCH
        assert fuzz.partial_ratio(end, body) < NOTE_MATCH


def test_scanned_tinted_box_is_a_box(layout):
    """The tinted box above page 27's notes is read as a box, its small text neither body nor notes."""
    blocks = layout.pages[PAGES.index(27)].blocks
    boxed = [b for b in blocks if b.kind == "box"]
    assert boxed and all(b.footnote_number is None for b in boxed)
    assert not any("|" in b.text for b in blocks if b.kind in ("paragraph", "box", "footnote"))


BOX = Box(62.0, 514.0, 539.0, 628.0)


@pytest.mark.parametrize("case, text, x0, width, top, edge", [
    ("a «|» on the box's left edge", "|", 62.0, 0.5, 568.0, True),
    ("a «|» just inside the right edge", "|", 536.5, 1.0, 590.0, True),
    ("an «l» on the edge", "l", 61.0, 1.5, 600.0, True),
    ("a «|» in the middle of the box (a separator in the text)", "|", 300.0, 0.5, 568.0, False),
    ("a «|» on the edge's line but below the box", "|", 62.0, 0.5, 700.0, False),
    ("a word at the box's edge", "Кыргызской", 62.0, 48.0, 568.0, False),
    ("a wide bar on the edge (not a thin mark)", "||||", 60.0, 12.0, 568.0, False),
])
def test_frame_edge_marks(case, text, x0, width, top, edge):
    word = Word(text, x0, x0 + width, top, top + 8.5, 8.5)
    assert on_box_edge(word, [BOX]) is edge, case


def _line(text: str, x0: float, top: float, size: float = 8.4) -> Line:
    words = [Word(t, x0 + 30 * i, x0 + 30 * i + 25, top, top + size, size) for i, t in enumerate(text.split())]
    return Line(words=words, x0=x0, x1=words[-1].x1, top=top, bottom=top + size, size=size, bold=False, text=text)


NOTES = [_line("1 Закон № 06 от 9 января 2005 года.", 63, 648), _line("но по адресу http://cbd.kg/act/1602.", 76, 658),
         _line("2 Международная организация по миграции.", 62, 671),
         _line("3 Министерство здравоохранения Кыргызстана,", 62, 683),
         _line("последний раз была доступна 3 января 2021 года.", 76, 694),
         _line("4 Предложение правительства Кыргызстана", 62, 706),
         _line("ной мерой в первом пакете политики,", 76, 717), _line("было предоставление помощи.", 76, 728)]
MARKS = [_line("|", 62, 568 + 11 * k) for k in range(5)]
BODY = [_line("Текст основного раздела страницы.", 63, 100 + 16 * k, 11.0) for k in range(10)]


@pytest.mark.parametrize("case, lines, first", [
    ("notes under the body", BODY + NOTES, len(BODY)),
    ("frame-edge marks above the notes (no letter, no digit)", BODY + MARKS + NOTES, len(BODY) + len(MARKS)),
    ("no numbered line: no area", BODY + MARKS + NOTES[1:2], None),
])
def test_footnote_area_ignores_lines_without_text(case, lines, first):
    found = find_footnote_area(lines, 11.0)
    assert (found[1] if found else None) == first, case
