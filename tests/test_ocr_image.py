"""Typography and ruled tables read from a scanner-like scan of the sample (real pages, real OCR)."""

from __future__ import annotations


import numpy as np
import pdfplumber
import pytest
from PIL import Image
from rapidfuzz import fuzz

from pipeline.layout import ocr_image
from pipeline.layout import extract_layout
from pipeline.layout.tables import _cell_text
from pipeline.layout.tables import find_tables as text_layer_tables

from scans import ocr_pages, scan_of  # also puts bench/ on sys.path
from scanlike import scanner_scan  # noqa: E402

#: Sample pages scanned: a domain chapter with a bold subheading (10), a strength/gap
#: part title (16), the first two pages of the legislation table (34, 35).
PAGES = [10, 16, 34, 35]
#: A table row read from the scan matches the text layer's row at least this well.
ROW_MATCH = 90.0


@pytest.fixture(scope="module")
def scan(sample_pdf, tmp_path_factory):
    return scan_of(sample_pdf, PAGES, tmp_path_factory, "scanlike")


@pytest.fixture(scope="module")
def page_words(scan):
    """``ocr.ocr_page(page, "ru")`` of every scanned page (two at a time), by sample page."""
    words = ocr_pages(scan, range(1, len(PAGES) + 1), "ru")
    return {n: words[i] for i, n in enumerate(PAGES, start=1)}


def test_scanner_scan_is_deterministic(sample_pdf, tmp_path):
    a = scanner_scan(sample_pdf, [10], tmp_path / "a.pdf")
    b = scanner_scan(sample_pdf, [10], tmp_path / "b.pdf")
    with pdfplumber.open(a) as pa, pdfplumber.open(b) as pb:
        assert not pa.pages[0].chars and len(pa.pages[0].images) == 1
        # Same pixels (the PDF's trailer carries a creation date, the image does not).
        assert pa.pages[0].images[0]["stream"].get_data() == pb.pages[0].images[0]["stream"].get_data()


@pytest.mark.parametrize("turned", [-1.0, -0.4, 0.3, 0.8])
def test_skew_is_measured(sample_pdf, turned):
    with pdfplumber.open(sample_pdf) as pdf:
        image = pdf.pages[9].to_image(resolution=200).original.convert("L")
    grey = np.asarray(image.rotate(turned, resample=Image.BICUBIC, fillcolor=255))
    assert ocr_image.estimate_skew(ocr_image.ink_mask(grey)) == pytest.approx(-turned, abs=0.1)


@pytest.mark.parametrize(("page", "word", "bold"), [
    (10, "Безопасная,", True),       # subheading of a summary part, bold sans
    (10, "упорядоченная", True),
    (10, "Указ", False),              # body text, regular serif
    (10, "предписывает", False),
    (16, "Области,", True),           # "2.2. Области, имеющие потенциал…": the gap part title
    (16, "потенциал", True),
    (16, "Национальная", False),
    (34, "Миграционное", True),       # the annex title
    (34, "Конституция", False),       # a table cell
])
def test_word_weight(page_words, page, word, bold):
    hits = [w for w in page_words[page] if w["text"] == word]
    assert hits, f"{word!r} not read on page {page}"
    assert all(("Bold" in w["fontname"]) == bold for w in hits)


def test_ruled_table_found_on_image(page_words):
    assert not page_words[10].tables and not page_words[16].tables
    (table,) = page_words[34].tables
    cells = [c for _, c in table.rows]
    assert len(cells) == 16 and all(len(c) == 3 for c in cells)
    assert fuzz.ratio(cells[0][0], "Название нормативного правового акта (НПА)") >= ROW_MATCH
    assert cells[1][0].endswith("Законы Кыргызской Республики") and cells[1][1:] == ["", ""]
    # Rules are erased before reading: no divider read as a "|" at the end of a cell's line.
    assert not [ln for row in cells for c in row for ln in c.split("\n") if ln.endswith(" |")]


def test_scanned_table_rows_match_text_layer(scan, sample_pdf, page_words):
    # The pages' OCR (the same ``ocr_page`` call, made once for the module) read back
    # by page: this test is about the layout of OCR'd tables, and Tesseract is slow.
    def read(page, lang):
        assert lang == "ru"
        return page_words[PAGES[page.page_number - 1]]

    layout = extract_layout(scan, ocr=read, lang="ru")
    rows = [b for b in layout.blocks if b.kind == "table_row"]
    with pdfplumber.open(sample_pdf) as pdf:
        want = [cells for p in (34, 35) for t in text_layer_tables(pdf.pages[p - 1]) for _, cells in t.rows]
    want = [" ".join(_cell_text(c, "ru") for c in cells) for cells in want]
    want = want[:16] + want[17:]  # the header repeated on page 35 is dropped
    assert len(rows) == len(want)
    assert len({b.table_id for b in rows}) == 1
    for block, text in zip(rows, want):
        assert fuzz.ratio(" ".join(block.cells), text) >= ROW_MATCH, (block.cells, text)


def _page(fill: int | None, box=(900, 150, 1200, 330), noise: float = 7.0, seed: int = 3) -> np.ndarray:
    """A grey A4 page at 200 dpi: text lines, and a box ``(top, left, bottom, right)`` tinted ``fill``."""
    grey = np.full((2339, 1655), 252, dtype=np.float64)
    if fill is not None:
        top, left, bottom, right = box
        grey[top:bottom, left:right] = fill
    for y in range(300, 2100, 32):  # lines of "text": short dark strokes, in and out of the box
        for x in range(200, 1450, 14):
            grey[y:y + 18, x:x + 3] = 40
    grey += np.random.default_rng(seed).normal(0, noise, grey.shape)
    return np.clip(grey, 0, 255).astype(np.uint8)


@pytest.mark.parametrize(("case", "fill", "box", "found"), [
    ("light tint behind small text (a pull quote)", 240, (900, 150, 1200, 1500), 1),
    ("a lighter tint, still visible", 236, (400, 150, 600, 800), 1),
    ("untinted page", None, (900, 150, 1200, 1500), 0),
    ("fill the eye cannot tell from the paper", 250, (900, 150, 1200, 1500), 0),
    ("dark band (light text OCR does not read)", 60, (900, 150, 1200, 1500), 0),
    ("tinted strip thinner than a box", 240, (900, 150, 920, 1500), 0),
    ("tinted patch narrower than a box", 240, (900, 150, 1200, 200), 0),
])
def test_shaded_boxes(case, fill, box, found):
    boxes = ocr_image.shaded_boxes(_page(fill, box), 200.0)
    assert len(boxes) == found, case
    if found:
        x0, top, x1, bottom, lum = boxes[0]
        want_top, want_left, want_bottom, want_right = box
        assert abs(x0 - want_left) <= 6 and abs(x1 - want_right) <= 6, case
        assert abs(top - want_top) <= 6 and abs(bottom - want_bottom) <= 6, case
        assert lum < 0.97, case
