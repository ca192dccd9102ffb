"""OCR: text-layer test, Tesseract words in PDF points, and accuracy on the scanned sample pages."""

from __future__ import annotations

import os
import re
from types import SimpleNamespace

import pdfplumber
import pytest

from pipeline.layout import ocr
from pipeline.layout.ocr import ink_extent, text_layer_usable, words_from_data, words_text

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
#: The issue's target for the character error rate of OCR against the text layer.
CER_TARGET = 0.03


@pytest.fixture(scope="module")
def tesseract():
    if not ocr.tesseract_available("rus+eng"):
        if IN_CI:
            pytest.fail("Tesseract with rus+eng is not installed (scripts/setup-system.sh installs it)")
        pytest.skip("Tesseract with rus+eng is not installed")


def _page(chars):
    return SimpleNamespace(chars=[{"text": c} for c in chars])


@pytest.mark.parametrize("chars, usable", [
    ([], False),                                            # scan / blank: no characters
    ([" ", "\n"], False),                                   # whitespace only
    (list("Закон о миграции"), True),
    (["(cid:12)"] * 9 + list("ab"), False),                 # font without ToUnicode map
    (["(cid:3)"] * 2 + list("Закон о миграции"), True),    # a few unmapped glyphs are tolerated
    (["\ue001"] * 10 + ["a"], False),                       # private-use glyphs
    (["\ufffd"] * 5 + list("ab"), False),                   # replacement characters
])
def test_text_layer_usable_table(chars, usable):
    assert text_layer_usable(_page(chars)) is usable


@pytest.mark.parametrize("path_fixture, page, usable", [
    ("sample_pdf", 0, True),
    ("image_only", 0, False),
    ("blank", 0, False),
])
def test_text_layer_usable_on_real_pages(request, path_fixture, page, usable):
    path = request.getfixturevalue(path_fixture)
    with pdfplumber.open(path) as pdf:
        assert text_layer_usable(pdf.pages[page]) is usable


@pytest.fixture(scope="module")
def image_only(bad_dir):
    return bad_dir / "image-only.pdf"


@pytest.fixture(scope="module")
def blank(bad_dir):
    return bad_dir / "blank.pdf"


@pytest.mark.parametrize("word, extent", [
    ("ЗАКОН", (ocr.CAP_HEIGHT, 0.0)),
    ("ВВЕДЕНИЕ", (ocr.CAP_HEIGHT, ocr.DESCENDER)),  # Д has feet below the baseline
    ("эпоху", (ocr.X_HEIGHT, ocr.DESCENDER)),
    ("Республика", (ocr.CAP_HEIGHT, ocr.DESCENDER)),
    ("миграции", (ocr.X_HEIGHT, ocr.DESCENDER)),   # р, ц
    ("новое", (ocr.X_HEIGHT, 0.0)),
    ("law", (ocr.CAP_HEIGHT, 0.0)),   # "l" is an ascender
    ("—", (ocr.X_HEIGHT, 0.0)),
])
def test_ink_extent(word, extent):
    assert ink_extent(word) == extent


def _tsv(rows):
    cols = ["text", "conf", "left", "top", "width", "height", "block_num", "par_num", "line_num"]
    return {c: [r[i] for r in rows] for i, c in enumerate(cols)}


def test_words_from_data_converts_pixels_to_points_and_drops_layout_rows():
    # 200 dpi: 1 px = 0.36 pt. Capitals 70 px tall → 25.2 pt of ink → 36 pt font.
    data = _tsv([
        ("", -1, 0, 0, 1000, 100, 1, 1, 1),           # a line row: no text, conf -1
        ("ЗАКОН", 91.0, 100, 200, 300, 70, 1, 1, 1),
        ("2022", 95.0, 420, 200, 150, 70, 1, 1, 1),
        ("   ", 50.0, 600, 200, 10, 10, 1, 1, 1),     # blank text
    ])
    words = words_from_data(data, scale=72 / 200, x_offset=10, y_offset=20)
    assert [w["text"] for w in words] == ["ЗАКОН", "2022"]
    w = words[0]
    assert w["x0"] == pytest.approx(10 + 100 * 0.36) and w["x1"] == pytest.approx(10 + 400 * 0.36)
    assert w["size"] == pytest.approx(70 * 0.36 / ocr.CAP_HEIGHT, rel=0.01)
    baseline = 20 + 270 * 0.36
    assert w["bottom"] - w["top"] == pytest.approx(w["size"])
    assert w["top"] == pytest.approx(baseline - ocr.EM_ASCENT * w["size"], abs=0.01)
    assert w["conf"] == 91.0 and w["fontname"] == ocr.OCR_FONTNAME
    assert words[1]["top"] == pytest.approx(w["top"])  # one line → one baseline


@pytest.mark.parametrize("lang, spec", [("ru", "rus+eng"), ("en", "eng"), ("auto", "rus+eng"), (None, "rus+eng")])
def test_tesseract_langs(lang, spec):
    assert ocr.tesseract_langs(lang) == spec


def test_missing_language_pack_is_reported():
    assert ocr.tesseract_available("rus+xxx_not_a_language") is False


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_ocr_matches_the_text_layer_of_the_same_pages(tesseract, image_only, sample_pdf):
    from rapidfuzz.distance import Levenshtein

    with pdfplumber.open(image_only) as scan, pdfplumber.open(sample_pdf) as ref:
        page = scan.pages[1]
        assert ocr.render_resolution(page) == 200  # the scan's own dpi
        words = ocr.ocr_page(page, "ru")
        truth = _norm(ref.pages[1].extract_text())
        ref_words = ref.pages[1].extract_words(extra_attrs=["size"])
    text = _norm(words_text(words))
    cer = Levenshtein.distance(text, truth) / len(truth)
    assert cer <= CER_TARGET, f"CER {cer:.3%}"
    assert all(0 <= w["conf"] <= 100 for w in words)
    assert ocr.mean_confidence(words) > 80
    # Geometry in PDF points of the page: words sit where the text layer has them.
    first = next(w for w in ref_words if w["text"] == "ВВЕДЕНИЕ")
    mine = next(w for w in words if w["text"] == "ВВЕДЕНИЕ")
    assert abs(mine["x0"] - first["x0"]) < 6 and abs(mine["top"] - first["top"]) < 6
    assert mine["size"] == pytest.approx(first["size"], rel=0.15)


def test_blank_page_is_not_sent_to_tesseract(tesseract, blank, monkeypatch):
    import pytesseract

    def fail(*a, **k):
        raise AssertionError("tesseract called on a blank page")

    monkeypatch.setattr(pytesseract, "image_to_data", fail)
    with pdfplumber.open(blank) as pdf:
        assert ocr.ocr_page(pdf.pages[0], "ru") == []


def test_ocr_unavailable_raises(monkeypatch, image_only):
    monkeypatch.setattr(ocr, "tesseract_available", lambda langs="": False)
    with pdfplumber.open(image_only) as pdf, pytest.raises(ocr.OcrUnavailable):
        ocr.ocr_page(pdf.pages[0], "ru")


def _act_keys(result) -> set[tuple]:
    return {(c.get("act_type"), c.get("number")) for c in result.citations if c.get("number")}


def test_a_scanned_page_goes_through_structure_and_citations(tesseract, sample_pdf, tmp_path):
    """A page drawn as a JPEG (no text layer) yields the same acts as its text layer."""
    import pypdfium2 as pdfium

    from pipeline.batch.runner import process_document

    page = 8  # cites several numbered laws
    with pdfplumber.open(sample_pdf) as pdf:
        image = pdf.pages[page - 1].to_image(resolution=200).original.convert("RGB")
    scan = tmp_path / "scan.pdf"
    image.save(scan, "PDF", resolution=200.0, quality=85)
    src, one = pdfium.PdfDocument(str(sample_pdf)), pdfium.PdfDocument.new()
    one.import_pages(src, [page - 1])
    one.save(str(tmp_path / "text.pdf"))
    opts = SimpleNamespace(lang="ru", max_pages=10, timeout=120, force=True, ocr=True)
    scanned = process_document(scan, opts, None)
    text = process_document(tmp_path / "text.pdf", opts, None)
    assert scanned.document.status == "ok" and scanned.document.ocr_pages == [1]
    body = [p for p in scanned.paragraphs if p.kind == "paragraph"]
    assert body and all(p.ocr and p.ocr_confidence > 50 for p in body)
    want, got = _act_keys(text), _act_keys(scanned)
    assert len(want) >= 3
    assert len(want & got) / len(want) >= 0.75, (want, got)


@pytest.mark.parametrize(
    "raw,fixed",
    [
        ("(2020r.)", "(2020г.)"),
        ("2019-2021rr.", "2019-2021гг."),
        ("KP", "КР"),
        ("MOM", "МОМ"),
        ("Kыргызстан", "Кыргызстан"),  # one Latin letter inside a Cyrillic word
        # negatives: real Latin words and acronyms stay
        ("MGI", "MGI"),
        ("Economist", "Economist"),
        ("COVID-19", "COVID-19"),
        ("SECO", "SECO"),
        ("2020", "2020"),
        ("Law", "Law"),
    ],
)
def test_ocr_confusables_in_russian_text(raw, fixed):
    from pipeline.layout.ocr import fix_confusables

    assert fix_confusables([{"text": raw}], "ru")[0]["text"] == fixed


def test_ocr_confusables_leave_english_reports_alone():
    from pipeline.layout.ocr import fix_confusables

    assert fix_confusables([{"text": "KP"}, {"text": "(2020r.)"}], "en")[0]["text"] == "KP"


def _ocr_block(text, kind="paragraph", number=None):
    from pipeline.layout.page import Block

    return Block(kind=kind, page=1, x0=0, top=0, x1=1, bottom=1, text=text, size=10,
                 ocr_conf=90.0, footnote_number=number, footnote_series=0 if number else None)


@pytest.mark.parametrize(
    "body,notes,text,refs",
    [
        # glued to a year: 2018⁵ read as 20185
        ("с 20185 года", [5], "с 2018 года", [(5, 6)]),
        # glued to a year range: 2019-2021⁷
        ("на 2019-20217 гг.", [7], "на 2019-2021 гг.", [(7, 12)]),
        # glued to a word, and a stray mark standing for the next marker
        ("актуальной‘. Признание политики»”.", [1, 2], "актуальной. Признание политики».",
         [(1, 10), (2, 31)]),
        # a number that is no note on this page stays text (negative)
        ("в 2021 и 15 человек", [3], "в 2021 и 15 человек", []),
        ("с 20185 года", [], "с 20185 года", []),  # no notes on the page: nothing to find
    ],
)
def test_ocr_markers_recovered_from_page_notes(body, notes, text, refs):
    from pipeline.layout.footnotes import recover_ocr_markers

    b = _ocr_block(body)
    recover_ocr_markers([b], [_ocr_block("note", "footnote", n) for n in notes])
    assert b.text == text
    assert [(n, off) for n, off, _ in b.refs] == refs


def _seg(*items):
    """OCR words of one line: (text, x0, x1) at size 11."""
    from pipeline.layout.page import Word

    return [Word(t, x0, x1, 100.0, 111.0, 11.0, False, 90.0) for t, x0, x1 in items]


@pytest.mark.parametrize("seg, text", [
    # a bullet read as a dot, a low comma, with specks before the item's first word
    (_seg((".", 58, 61), ("Набор", 79, 108), ("индикаторов", 111, 178)), "• Набор индикаторов"),
    (_seg(("‚", 58, 61), ("_", 72, 75), ("Методика,", 79, 129)), "• Методика,"),
    # negative: no hanging indent, a wide mark, nothing after, or no word after the gap
    (_seg((".", 58, 61), ("Набор", 64, 93)), ". Набор"),
    (_seg(("...", 58, 70), ("Набор", 85, 114)), "... Набор"),
    (_seg((".", 58, 61),), "."),
    (_seg((".", 58, 61), ("—", 79, 85), ("текст", 88, 110)), ". — текст"),
    (_seg(("а", 58, 61), ("Набор", 79, 108)), "а Набор"),
])
def test_ocr_bullet_misread_as_a_dot(seg, text):
    from pipeline.layout.lines import ocr_bullet

    assert " ".join(w.text for w in ocr_bullet(seg)) == text


@pytest.mark.parametrize("page_no,crop", [
    (5, (0, 0, 1000, 500)),    # body text at the top of a page
    (34, (0, 300, 1200, 900)),  # the legislation table's ruled rows
])
def test_tesseract_reads_the_raw_image_as_it_reads_png(tesseract, sample_pdf, page_no, crop):
    """Page images go to Tesseract uncompressed (PNG encoding cost ~0.4 s a page), and
    Tesseract must read them exactly as the PNG pytesseract writes by default."""
    import numpy as np
    import pytesseract
    from PIL import Image

    with pdfplumber.open(sample_pdf) as pdf:
        image = pdf.pages[page_no - 1].to_image(resolution=200).original.convert("L")
    pixels = np.asarray(image)[crop[1]:crop[3], crop[0]:crop[2]]
    raw = ocr.tesseract_image(pixels)
    assert raw.format == ocr.TESSERACT_IMAGE_FORMAT != "PNG"
    png = Image.fromarray(pixels)
    assert png.format is None  # pytesseract's default: PNG
    want = pytesseract.image_to_data(png, lang="rus+eng", output_type=pytesseract.Output.DICT)
    got = pytesseract.image_to_data(raw, lang="rus+eng", output_type=pytesseract.Output.DICT)
    assert got["text"] == want["text"] and got["left"] == want["left"]
    assert any(t.strip() for t in got["text"])
