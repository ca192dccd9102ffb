"""A mixed PDF (born-digital, scanned, broken-layer pages) is read page by page (real pages, real OCR).

The fixture is built from the sample by :func:`bench.make_mixed.mixed_pdf`: pages 2 and
3 as they are, page 9 with its fonts' Unicode maps removed (``(cid:NN)``), page 11
scanned with a wrong-language OCR layer, pages 28 and 29 scanned (image only), page 37
scanned with a sound OCR layer.
"""

from __future__ import annotations


import pdfplumber
import pytest
from rapidfuzz import fuzz, process

from pipeline.layout import extract_layout, ocr
from pipeline.layout.ocr_layer import broken_ocr_layer, layer_quality, well_formed

from layout_cache import layout_of
from scans import PreparedOcr, require_tesseract  # also puts bench/ on sys.path
from make_mixed import MIXED_PAGES, mixed_pdf  # noqa: E402

#: Mixed-PDF page → how it must be read.
READ_AS = {1: "text", 2: "text", 3: "ocr", 4: "ocr", 5: "ocr", 6: "ocr", 7: "text"}
#: A truth paragraph is matched when an extracted one has at least this ratio (as score_structure).
MATCH = 95.0
#: Share of a re-OCR'd page's paragraphs (as the born-digital run of the same pages
#: reads them) matched: the scan's figure over the whole sample is 0.945
#: (bench/score_scanned.py).
MIN_OCR_MATCHED = 0.9


@pytest.fixture(scope="module")
def mixed(sample_pdf, tmp_path_factory):
    require_tesseract()
    return mixed_pdf(sample_pdf, tmp_path_factory.mktemp("mixed") / "mixed.pdf")


@pytest.fixture(scope="module")
def layouts(mixed, sample_pdf, tmp_path_factory):
    """The mixed PDF read with OCR, the sample, and the same pages all born-digital.

    The pages expected to need OCR are OCR'd beforehand two at a time (scans.PreparedOcr:
    any other page the reading asks OCR for is read then). The sample's layout is the session's (layout_cache): reading it in two processes
    with ``lang="ru"`` gives an equal layout (test_layout checks the two-process read).
    """
    same_pages = tuple((number, "text") for number, _ in MIXED_PAGES)
    born = mixed_pdf(sample_pdf, tmp_path_factory.mktemp("born") / "born.pdf", same_pages)
    scanned = PreparedOcr(mixed, [n for n, how in READ_AS.items() if how == "ocr"], "ru")
    return (extract_layout(mixed, ocr=scanned, workers=2, lang="ru"),
            layout_of(str(sample_pdf)),
            extract_layout(born, workers=2, lang="ru"))


def test_pages_read_as_their_kind(layouts):
    layout = layouts[0]
    assert layout.ocr_pages == [n for n, how in READ_AS.items() if how == "ocr"]
    assert not layout.needs_ocr_pages


@pytest.mark.parametrize("page, usable", [(1, True), (2, True), (3, False), (4, False), (5, False),
                                          (6, False), (7, True)])
def test_text_layer_usable_page_by_page(mixed, page, usable):
    with pdfplumber.open(mixed) as pdf:
        assert ocr.text_layer_usable(pdf.pages[page - 1]) is usable


@pytest.mark.parametrize("token, ok", [
    ("Правительство", True), ("COVID-19", True), ("2019-2021", True), ("«Об", True), ("№", True),
    ("Mpaburenbcrbo", True),  # one script: caught by the share of function words, not here
    ("Пpaвитeльcтвo", False), ("Kbiprbi3cTaHa", False), ("пРавит", False), ("I|I", False),
])
def test_well_formed_words(token, ok):
    assert well_formed(token) is ok


@pytest.mark.parametrize("text, broken", [
    ("Правительство Кыргызстана приняло меры для обеспечения того, чтобы срок действия виз " * 4, False),
    ("MHAMKATOPbI YPABNEHMA MUIPALIMEM KbIPFbIsCKAA PECNYBAMKA Mpaburenbcrbo Kbiprbi3cTaHa " * 6, True),
    ("Ïðàâèòåëüñòâî Êûðãûçñòàíà ïðèíÿëî ìåðû îáåñïå÷åíèÿ òîãî ÷òîáû ñðîê " * 6, True),
])
def test_layer_quality_tells_text_from_garbage(text, broken):
    words, function, formed = layer_quality(text)
    assert words >= 40
    assert (function < 0.03 or formed < 0.7) is broken


def test_born_digital_page_never_second_guessed(sample_pdf):
    with pdfplumber.open(sample_pdf) as pdf:
        assert not any(broken_ocr_layer(p) for p in pdf.pages)


def _page_blocks(layout, page: int) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in layout.pages[page - 1].blocks]


@pytest.mark.parametrize("mixed_page, sample_page", [(1, 2), (2, 3)])
def test_text_pages_match_the_born_digital_run(layouts, mixed_page, sample_page):
    layout, born = layouts[:2]
    assert _page_blocks(layout, mixed_page) == _page_blocks(born, sample_page)


@pytest.mark.parametrize("mixed_page", [3, 4, 5, 6])
def test_ocr_pages_match_the_born_digital_pages(layouts, mixed_page):
    """A re-read page's paragraphs are those of the same page born-digital (at the scan's rate)."""
    layout, _, born = layouts
    kinds = ("paragraph", "list_item")
    got = [b.text for b in layout.pages[mixed_page - 1].blocks if b.kind in kinds]
    want = [b.text for b in born.pages[mixed_page - 1].blocks if b.kind in kinds]
    matched = sum(1 for t in want if (hit := process.extractOne(t, got, scorer=fuzz.ratio)) and hit[1] >= MATCH)
    assert want and matched >= MIN_OCR_MATCHED * len(want)


@pytest.mark.parametrize("mixed_page, numbers", [(5, [5, 6]), (6, [7, 8, 9, 10])])
def test_scanned_pages_keep_their_notes(layouts, mixed_page, numbers):
    layout = layouts[0]
    notes = [b for b in layout.pages[mixed_page - 1].blocks if b.kind == "footnote"]
    assert [n.footnote_number for n in notes] == numbers
