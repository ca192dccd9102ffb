"""Layout on real pages: furniture, superscript markers, footnotes, tables, columns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from layout_cache import ALT_LAYOUTS, layout_of, prefetch
from pipeline.lexicon import detect_language
from pipeline.layout.extract import extract_layout

REPO = Path(__file__).resolve().parents[1]
GOLDEN = json.loads((REPO / "tests" / "data" / "golden" / "sample_pages.json").read_text(encoding="utf-8"))
RUNNING_HEADER = "ИНДИКАТОРЫ УПРАВЛЕНИЯ МИГРАЦИЕЙ / MGI"


@pytest.fixture(scope="module")
def alt_layouts():
    """The layout fixtures (each as long as the sample), parsed on both cores before they are read."""
    prefetch(ALT_LAYOUTS)


@pytest.fixture(scope="module")
def sample(sample_pdf):
    return layout_of(str(sample_pdf))


@pytest.mark.parametrize("page", sorted(GOLDEN, key=int))
def test_golden_pages(sample, page):
    """Blocks of real pages, in order, with kinds, texts, markers and cells."""
    got = [b for b in sample.blocks if b.page == int(page)]
    want = GOLDEN[page]
    assert [b.kind for b in got] == [w["kind"] for w in want]
    for b, w in zip(got, want):
        assert b.text.startswith(w["head"])
        assert b.text.endswith(w["tail"])
        assert [[n, o] for n, o, _ in b.refs] == w["refs"]
        assert b.footnote_number == w["footnote_number"]
        assert b.cells == w["cells"]


def test_running_headers_and_page_numbers_are_furniture(sample):
    pages_with_header = {f.page for f in sample.furniture if f.text.startswith(RUNNING_HEADER)}
    assert len(pages_with_header) >= 30
    numbers = {f.page for f in sample.furniture if f.text.strip().isdigit()}
    assert len(numbers) >= 30
    for b in sample.blocks:
        assert RUNNING_HEADER not in b.text, b.text[:80]


@pytest.mark.parametrize(
    "before,number,after",
    [
        ("на 2019-2021", 7, " гг."),  # 'на 2019-20217 гг.' in a naive extraction
        ("страхованию", 11, " для"),  # 'страхованию11'
        ("с 2018", 5, " года"),
        ("в мае 2020", 9, " года"),
        ("COVID-19", 2, ". "),
    ],
)
def test_superscript_markers_removed_and_recorded(sample, before, number, after):
    hits = [
        (b, off) for b in sample.blocks for n, off, _ in b.refs
        if n == number and b.text[:off].endswith(before) and b.text[off:].startswith(after)
    ]
    assert hits, f"marker {number} after {before!r} not found"


def test_no_marker_glued_to_words(sample):
    for b in sample.blocks:
        if b.kind in ("paragraph", "list_item"):
            assert not re.search(r"[а-яa-z]{3,}\d{1,2}\b(?![.,]\d)", b.text), b.text[:120]


def test_footnotes_numbered_in_two_series(sample):
    notes = [b for b in sample.blocks if b.kind == "footnote"]
    assert len(notes) == 37
    main = sorted(b.footnote_number for b in notes if b.footnote_series == 0)
    annex = sorted(b.footnote_number for b in notes if b.footnote_series == 1)
    assert main == list(range(1, 28))
    assert annex == list(range(1, 11))


def test_footnote_continued_overleaf_is_one_note(sample):
    note = next(b for b in sample.blocks if b.kind == "footnote" and b.footnote_series == 0
                and b.footnote_number == 10)
    assert note.text.rstrip().endswith("русского и кыргызского.")
    assert note.page_end == note.page + 1


def test_plain_number_inside_a_note_does_not_start_a_note(sample):
    note = next(b for b in sample.blocks if b.kind == "footnote" and b.footnote_number == 2)
    assert "сноска 1. Доступно по адресу" in note.text


def test_legislation_table_rows_are_cells(sample):
    rows = [b for b in sample.blocks if b.kind == "table_row" and b.cells and len(b.cells) == 3]
    numbered = [r for r in rows if re.fullmatch(r"\d+\.", r.cells[1] or "")]
    assert len(numbered) == 40
    assert len({r.table_id for r in numbered}) == 1  # one table over three pages
    first = numbered[0]
    assert first.cells[0].startswith("Конституция")
    # hyphenation undone inside cells, real hyphens kept
    assert any("Ведомости Жогорку Кенеша" in r.cells[2] for r in numbered)
    assert any("Эркин-Тоо" in r.cells[2] for r in numbered)


def test_paragraph_across_page_break_is_one(sample):
    """A MiGOF paragraph runs from page 37 onto page 38."""
    b = next(b for b in sample.blocks if b.text.startswith("MiGOF основан на понимании"))
    assert b.page == 37 and b.page_end == 38


def test_two_column_page_read_column_by_column(sample):
    """Page 4 sets what MGI is and is not beside the principles and objectives."""
    texts = [b.text for b in sample.blocks if b.page == 4]
    first_left = next(i for i, t in enumerate(texts) if t.startswith("Набор индикаторов"))
    first_right = next(i for i, t in enumerate(texts) if t.startswith("Соблюдения международных стандартов"))
    assert first_left < first_right
    assert any(t.startswith("Консультативный процесс, обеспечивающий диалог") for t in texts)


@pytest.mark.parametrize("pdf", ALT_LAYOUTS, ids=lambda p: p.stem)
def test_other_layouts_keep_header_out_of_text(alt_layouts, pdf):
    lay = layout_of(str(pdf))
    assert lay.furniture
    for b in lay.blocks:
        assert RUNNING_HEADER not in b.text


@pytest.mark.parametrize(
    "name,empty,needs_ocr",
    [("blank.pdf", [1], []), ("image-only.pdf", [], [1, 2, 3])],
)
def test_pages_without_text_are_reported(bad_dir, name, empty, needs_ocr):
    lay = extract_layout(bad_dir / name)
    assert lay.blocks == []
    assert lay.empty_pages == empty
    assert lay.needs_ocr_pages == needs_ocr


def test_page_limit_guard_rail(sample_pdf):
    with pytest.raises(ValueError, match="exceeds the limit"):
        extract_layout(sample_pdf, max_pages=5)


@pytest.mark.parametrize(
    "text,lang",
    [("Закон о внешней миграции", "ru"), ("Law on External Labour Migration", "en"),
     ("Закон (Law No. 4) о миграции", "ru")],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_parallel_first_pass_gives_the_same_layout(sample, sample_pdf):
    """Pages read in two processes assemble to exactly the single-process layout."""
    par = extract_layout(sample_pdf, workers=2)
    assert [(b.kind, b.page, b.text, b.refs, b.cells) for b in par.blocks] == [
        (b.kind, b.page, b.text, b.refs, b.cells) for b in sample.blocks
    ]
    assert [f.text for f in par.furniture] == [f.text for f in sample.furniture]


def _line(text, top, size=7.5):
    from pipeline.layout.page import Line

    return Line(words=[], x0=50, x1=50 + 5 * len(text), top=top, bottom=top + size, size=size,
                bold=False, text=text)


@pytest.mark.parametrize(
    "texts,size,furniture",
    [
        # a chapter name as running header on 2 of 12 pages, small type: furniture
        (["MIGRANT RIGHTS"] * 2 + [None] * 10, 7.5, [True] * 2),
        # the same text in body type at the top of 2 pages: a repeated title, kept
        (["MIGRANT RIGHTS"] * 2 + [None] * 10, 10.5, [False] * 2),
        # a report-wide header in body type on most pages: furniture
        (["REPORT 2022"] * 10 + [None] * 2, 10.5, [True] * 10),
        # small type at the top of one page only: not furniture
        (["Note to the reader"] + [None] * 11, 7.5, [False]),
    ],
)
def test_running_headers_by_repetition(texts, size, furniture):
    from pipeline.layout.extract import _mark_furniture

    pages = []
    for t in texts:
        body = [_line("Body text of the page " + str(len(pages)), 300, 10.5)]
        pages.append(([_line(t, 20, size)] if t else []) + body)
    _mark_furniture(pages, [842.0] * len(pages), body_size=10.5)
    got = [p[0].furniture for p, t in zip(pages, texts) if t]
    assert got == furniture
    assert not any(ln.furniture for p in pages for ln in p if ln.text.startswith("Body"))


def test_repeated_short_footnote_is_not_a_footer():
    """'3 Там же.' ending two pages in small type is a note, not furniture."""
    from pipeline.layout.extract import _mark_furniture

    pages = [[_line("Body text of page %d" % i, 300, 10.5), _line("%d Там же." % (i + 3), 780, 8.0)]
             for i in range(2)] + [[_line("Body text", 300, 10.5)] for _ in range(10)]
    _mark_furniture(pages, [842.0] * len(pages), body_size=10.5)
    assert not any(ln.furniture for p in pages for ln in p)


def _block(text: str, kind: str, x0: float, top: float, x1: float, size: float, light: bool = False):
    from pipeline.layout.page import Block

    return Block(kind=kind, page=2, x0=x0, top=top, x1=x1, bottom=top + size, text=text, size=size, light=light)


@pytest.mark.parametrize("figure, caption, joined", [
    # en-orvania page 2: "87" huge in a circle, "indicators" under it
    (("87", "box", 274, 625.6, 314, 36.0), ("indicators", "paragraph", 274.7, 695.2, 313.3, 9.0), True),
    (("41.500", "box", 250, 600, 330, 30.0), ("permits issued", "paragraph", 255, 640, 325, 9.0), True),
    (("45 %", "box", 270, 600, 320, 30.0), ("of migrants", "sidebar", 270, 640, 320, 9.0), True),
    # negatives: a light number (chapter or tile number), a title under a dark chapter number,
    # a caption far below, one beside the figure, a paragraph, a figure of body size
    (("3", "box", 274, 100, 300, 40.0, True), ("indicators", "paragraph", 270, 150, 310, 9.0), False),
    (("3", "paragraph", 60, 100, 90, 40.0), ("Migrant rights", "heading", 60, 150, 200, 18.0), False),
    (("87", "box", 274, 625.6, 314, 36.0), ("indicators", "paragraph", 274.7, 760, 313.3, 9.0), False),
    (("87", "box", 274, 625.6, 314, 36.0), ("indicators", "paragraph", 400, 640, 450, 9.0), False),
    (("87", "box", 274, 625.6, 314, 36.0),
     ("of the indicators were assessed in the three rounds of the exercise so far", "paragraph", 200, 670, 400, 9.0),
     False),
    (("87", "paragraph", 274, 625.6, 290, 10.5), ("indicators", "paragraph", 274, 640, 313, 9.0), False),
])
def test_key_figures_join_the_caption_under_them(figure, caption, joined):
    from pipeline.layout.shapes import join_key_figures

    fig, cap = _block(*figure), _block(*caption)
    got = join_key_figures([fig, cap], body_size=10.5)
    if joined:
        assert [(b.kind, b.text) for b in got] == [("box", f"{fig.text} {cap.text}")]
    else:
        assert got == [fig, cap]


def test_text_of_one_shape_does_not_run_on_into_another():
    from pipeline.layout.extract import merge_continuations

    a = _block("The first panel says something that goes on", "box", 50, 100, 250, 9.5)
    b = _block("and the second panel starts in lower case", "box", 300, 100, 500, 9.5)
    a.shape, b.shape, b.starts_region, a.last_line_full = (40, 90, 260, 200), (290, 90, 510, 200), True, True
    assert len(merge_continuations([a, b], "en")) == 2
    b.shape = a.shape  # the same box set in two columns: it runs on
    assert len(merge_continuations([a, b], "en")) == 1


@pytest.mark.parametrize("line, previous, item", [
    ("• first", "anything", True),
    ("2. Second point", "The first point ends here.", True),
    ("a) the first measure", "Measures include:", True),
    ("(i) по линии", "меры:", True),
    ("2. …", "статьи", False),  # a sentence wraps
    # regression: en-kyrgyzstan-2018 page 3, "(No." / "97) in 2008 …" read as a list item
    ("97) in 2008 and is a party", "Migration for Employment Convention (Revised), 1949 (No.", False),
    ("143) in 2011", "the Migrant Workers Convention (Nos.", False),
    ("4) of 2006", "Law (№", False),
    ("3) the third", "as listed (see the annex.", False),  # closes a parenthesis opened before
])
def test_a_line_opens_a_list_item(line, previous, item):
    from pipeline.layout.blocks import starts_item

    assert starts_item(line, previous) is item
