"""Rotated pages are read in order; damaged files never pass as clean ones (issue 8, items 4-5).

The hostile inputs are built once per session from the sample with pikepdf:
pages turned by ``/Rotate`` or drawn turned through ``cm``, a page drawn turned
through ``Tm`` from scratch, 50 KB of junk spliced into the file, a content
stream declaring a 1 GB ``/Length``. The negatives (the sample, every fixture)
must yield no problems at all.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import random
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from rapidfuzz import fuzz

from layout_cache import layout_of, prefetch, result_of
from pipeline.layout.extract import LayoutDocument, extract_layout
from pipeline.layout.orient import TURNS, char_turn, turn_box, turned_size
from pipeline.layout.textcheck import (
    MAX_PAGE_REASONS,
    MIN_MISSING_CHARS,
    XREF_REPAIRED,
    PageText,
    check_pages,
    damage_reasons,
    parser_messages,
)

try:  # builds the hostile inputs; the unit tests and negatives run without it
    import pikepdf
except ImportError:  # pragma: no cover - a test extra
    pikepdf = None

REPO = Path(__file__).resolve().parents[1]
FIXTURES = sorted((REPO / "tests" / "fixtures").rglob("*.pdf"))
#: Page text read from a turned page must match the upright original this closely.
MIN_PAGE_RATIO = 95
#: Junk spliced into the file (bytes), and a seed so that every run splices the same junk.
JUNK_BYTES = 50_000
JUNK_SEED = 8
HUGE_LENGTH = 1_000_000_000

# page (1-based) → (how it is turned, /Rotate value, turn the reader must apply)
TURNED_PAGES = {
    3: ("rotate", 90, 90),
    35: ("rotate", 90, 90),  # a ruled table
    11: ("rotate", 180, 180),
    5: ("rotate", 270, 270),  # two columns
    4: ("cm", None, 270),  # two columns drawn turned, no /Rotate: text runs up the page
    14: ("cm", 90, 0),  # a landscape page done right: drawn turned, /Rotate turns it back
}
# page (1-based) → page overlaid on it, turned: page 6 is short (a side table), page 10 is longer
# than page 3 itself, so page 3 is read turned and its own text is what runs "another way".
MIXED_PAGES = {9: 6, 3: 10}
TM_LINES = [
    "First line of a table drawn turned through the text matrix,",
    "second line of the same paragraph, which runs on below it,",
    "third line, still in reading order for anyone turning the page,",
    "and the fourth and last line of the turned paragraph.",
]


# ----------------------------------------------------------------------------- builders


def _rebuild_xref(data: bytes) -> bytes:
    """A classic xref table for ``data`` (objects found by scanning), so that an edit is not also damage."""
    body = data[: data.rindex(b"\nxref") + 1]
    offsets = {int(m.group(1)): m.start(1) for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", body)}
    trailer = re.search(rb"trailer\s*(<<.*?>>)\s*startxref", data, re.S).group(1)
    size = max(offsets) + 1
    rows = [b"%010d 00000 n \n" % offsets[i] if i in offsets else b"0000000000 65535 f \n" for i in range(1, size)]
    table = b"xref\n0 %d\n0000000000 65535 f \n" % size + b"".join(rows)
    return body + table + b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % len(body)


def _classic(src: Path) -> bytes:
    """The sample re-saved with a classic xref table and no object streams (easy to edit by bytes)."""
    buf = io.BytesIO()
    with pikepdf.open(src) as pdf:
        pdf.save(buf, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return buf.getvalue()


def _turned(src: Path, out: Path) -> Path:
    with pikepdf.open(src) as pdf:
        for number, (how, rotate, _) in TURNED_PAGES.items():
            page = pdf.pages[number - 1]
            if how == "cm":
                x0, y0, x1, y1 = (float(v) for v in page.mediabox)
                w, h = x1 - x0, y1 - y0
                page.contents_coalesce()
                page.contents_add(pdf.make_stream(b"q 0 1 -1 0 %.3f 0 cm\n" % h), prepend=True)
                page.contents_add(pdf.make_stream(b"\nQ"))
                page.obj.MediaBox = pikepdf.Array([0, 0, h, w])
            if rotate is not None:
                page.obj.Rotate = rotate
        pdf.save(out)
    return out


def _tm_turned(out: Path) -> Path:
    """One portrait page whose lines are drawn running up the page with ``0 1 -1 0 x y Tm``."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica,
                                                Encoding=pikepdf.Name.WinAnsiEncoding))
    # Glyphs' "up" points left: the next line of the paragraph is further right.
    ops = [f"BT /F1 11 Tf 0 1 -1 0 {100 + 14 * k} 120 Tm ({text}) Tj ET" for k, text in enumerate(TM_LINES)]
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                              Contents=pdf.make_stream("\n".join(ops).encode("latin-1")))
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(out)
    return out


def _mixed(src: Path, out: Path) -> Path:
    """Pages carrying another page turned by 90°, overlaid in a box: a minority and a majority of their text."""
    with pikepdf.open(src) as pdf, pikepdf.open(src) as donors:
        for target, donor in MIXED_PAGES.items():
            page = donors.pages[donor - 1]
            page.obj.Rotate = 90
            pdf.pages[target - 1].add_overlay(page, pikepdf.Rectangle(420, 80, 590, 400))
        pdf.save(out)
    return out


def _junk(data: bytes, share: float) -> bytes:
    pos = int(len(data) * share)
    rnd = random.Random(JUNK_SEED)
    return data[:pos] + bytes(rnd.randrange(256) for _ in range(JUNK_BYTES)) + data[pos:]


def _huge_length(data: bytes, page: int) -> bytes:
    """The classic sample with one page's content stream declaring a 1 GB ``/Length``."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        objnum = pdf.pages[page - 1].obj.Contents.objgen[0]
    m = re.search(rb"(?m)^%d 0 obj\s*<<[^>]*?/Length (\d+)" % objnum, data)
    assert m, "content stream with a direct /Length not found"
    return _rebuild_xref(data[:m.start(1)] + b"%d" % HUGE_LENGTH + data[m.end(1):])


HUGE_LENGTH_PAGE = 5


@pytest.fixture(scope="session")
def hostile(tmp_path_factory, sample_pdf) -> dict[str, Path]:
    """Every hostile input, built once: name → file."""
    if pikepdf is None:
        pytest.skip("pikepdf is not installed (a test extra: pip install -e '.[test]')")
    d = tmp_path_factory.mktemp("hostile")
    data = sample_pdf.read_bytes()
    classic = _classic(sample_pdf)
    files = {
        "turned": _turned(sample_pdf, d / "turned.pdf"),
        "tm-turned": _tm_turned(d / "tm-turned.pdf"),
        "mixed": _mixed(sample_pdf, d / "mixed.pdf"),
        "resaved": d / "resaved.pdf",
        "huge-length": d / "huge-length.pdf",
        "junk-10": d / "junk-10.pdf",
        "junk-50": d / "junk-50.pdf",
        "junk-90": d / "junk-90.pdf",
    }
    files["resaved"].write_bytes(_rebuild_xref(classic))
    files["huge-length"].write_bytes(_huge_length(classic, HUGE_LENGTH_PAGE))
    for share in (10, 50, 90):
        files[f"junk-{share}"].write_bytes(_junk(data, share / 100))
    prefetch(files.values())  # each is as long as the sample: parsed on both cores
    return files


_layouts: dict[str, LayoutDocument | Exception] = {}


def _layout(path: Path) -> LayoutDocument:
    """``extract_layout`` once per file and session (a parse takes seconds); errors are replayed."""
    key = str(path)
    if key not in _layouts:
        try:
            _layouts[key] = layout_of(key)  # extract_layout(path), or its result from prefetch
        except Exception as err:  # noqa: BLE001 - replayed to the test that asks
            _layouts[key] = err
    got = _layouts[key]
    if isinstance(got, Exception):
        raise got
    return got


def _page_text(layout: LayoutDocument, page: int) -> str:
    return "\n".join(b.text for b in layout.blocks if b.page == page)


def _plain(value, path="layout") -> None:
    """Assert ``value`` is plain data (the layout cache is JSON, not pickle)."""
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            _plain(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _plain(v, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str), f"{path}: key {k!r}"
            _plain(v, f"{path}[{k!r}]")
    else:
        assert value is None or isinstance(value, (str, int, float, bool)), f"{path}: {type(value).__name__}"


@pytest.fixture(scope="module")
def sample(sample_pdf) -> LayoutDocument:
    return layout_of(str(sample_pdf))


@pytest.fixture(scope="module")
def turned(hostile) -> LayoutDocument:
    return _layout(hostile["turned"])


# ----------------------------------------------------------------------------- rotated pages


@pytest.mark.parametrize("page", sorted(TURNED_PAGES))
def test_turned_page_reads_like_the_upright_original(sample, turned, page):
    how, rotate, turn = TURNED_PAGES[page]
    want, got = _page_text(sample, page), _page_text(turned, page)
    assert len(want) > 200
    assert fuzz.ratio(want, got) >= MIN_PAGE_RATIO, (how, rotate, got[:300])
    layout = next(p for p in turned.pages if p.number == page)
    assert layout.turn == turn
    # Boxes are on the displayed page, as the records document.
    width, height = turned.page_sizes[page - 1]
    assert (layout.width, layout.height) == (width, height)
    for b in [x for x in turned.blocks if x.page == page]:
        assert -1 <= b.x0 < b.x1 <= width + 1 and -1 <= b.top < b.bottom <= height + 1


def test_turned_table_keeps_its_rows_in_order(sample, turned):
    want = [b.cells for b in sample.blocks if b.page == 35 and b.kind == "table_row"]
    got = [b.cells for b in turned.blocks if b.page == 35 and b.kind == "table_row"]
    assert len(want) >= 10 and got == want


def test_turned_pages_are_not_problems(sample, turned):
    assert turned.problems == [] and turned.warnings == sample.warnings
    untouched = [n for n in range(1, sample.page_count + 1) if n not in TURNED_PAGES]
    assert all(_page_text(turned, n) == _page_text(sample, n) for n in untouched)
    _plain(turned)


def test_text_matrix_turned_lines_read_in_order(hostile):
    layout = _layout(hostile["tm-turned"])
    text = " ".join(b.text for b in layout.blocks)
    positions = [text.find(line.split(",")[0]) for line in TM_LINES]
    assert -1 not in positions and positions == sorted(positions), text
    assert layout.pages[0].turn == 270 and layout.problems == []


def test_turned_document_is_ok_end_to_end(hostile, sample_pdf):
    """Same records as the upright sample, running headers and page numbers in their places."""
    from pipeline.batch.runner import process_document

    opts = SimpleNamespace(lang="auto", max_pages=500, timeout=300.0, force=True, ocr=False)
    res = process_document(hostile["turned"], opts, None)
    assert res.document.status == "ok", res.document.error
    want = result_of(str(sample_pdf)).paragraphs
    assert [(p.kind, p.text) for p in res.paragraphs] == [(p.kind, p.text) for p in want]


def test_text_running_two_ways_is_never_silent(hostile):
    """A turned box beside the text is a note; a page whose own text was left out is a problem."""
    layout = _layout(hostile["mixed"])
    assert [w for w in layout.warnings if w.startswith("page 9: ")] == [
        "page 9: 265 chars running in another direction than the text read on the page "
        "(side labels, a rotated table?) were left out"]
    assert len(layout.problems) == 1 and layout.problems[0].startswith("page 3: 1 367 of ")
    assert "another direction" in layout.problems[0]


# ----------------------------------------------------------------------------- damaged files


@pytest.mark.parametrize("name, must_say", [
    ("junk-10", ["xref table damaged", "PDFium reads"]),  # a page lost its text
    ("junk-50", ["xref table damaged"]),  # text intact, structure guessed
])
def test_junk_in_the_middle_is_a_problem(hostile, name, must_say):
    layout = _layout(hostile[name])
    assert layout.problems
    joined = " | ".join(layout.problems)
    for words in must_say:
        assert words in joined
    assert all("\n" not in p for p in layout.problems)
    _plain(layout)


def test_junk_makes_the_document_partial_with_the_reason(hostile):
    from pipeline.batch.runner import process_document

    opts = SimpleNamespace(lang="auto", max_pages=500, timeout=300.0, force=True, ocr=False)
    info = process_document(hostile["junk-10"], opts, None).document
    assert info.status == "partial"
    assert "xref table damaged" in info.error and "PDFium reads" in info.error


def test_junk_near_the_end_fails_or_is_a_problem(hostile):
    try:
        layout = _layout(hostile["junk-90"])
    except Exception as err:  # noqa: BLE001 - a parser error is a loud failure, which is fine
        assert "pdfminer" in type(err).__module__ or "pdfplumber" in type(err).__module__ or "EOF" in str(err)
        return
    assert layout.problems


def test_huge_declared_length_is_a_problem_or_read_in_full(hostile, sample):
    layout = _layout(hostile["huge-length"])
    read_in_full = all(fuzz.ratio(_page_text(sample, n), _page_text(layout, n)) >= MIN_PAGE_RATIO
                       for n in range(1, sample.page_count + 1))
    assert layout.problems or read_in_full
    if not read_in_full:  # the page that lost its text is named
        assert any(f"page {HUGE_LENGTH_PAGE}" in p for p in layout.problems), layout.problems


def test_the_byte_editing_itself_is_not_damage(hostile, sample):
    """Control for the builders: the sample re-saved with a rebuilt xref table is clean."""
    layout = _layout(hostile["resaved"])
    assert layout.problems == []
    assert [b.text for b in layout.blocks] == [b.text for b in sample.blocks]


# ----------------------------------------------------------------------------- negatives


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixtures_have_no_problems(path):
    layout = layout_of(str(path))
    assert layout.problems == []
    assert not any("direction" in w or "parser" in w for w in layout.warnings)
    assert all(p.turn == 0 for p in layout.pages)


def test_sample_has_no_problems(sample):
    assert sample.problems == [] and sample.warnings == []
    _plain(sample)


@pytest.mark.parametrize("name", ["blank.pdf", "image-only.pdf"])
def test_bad_corpus_pages_without_text_are_not_damage(bad_dir, name):
    assert extract_layout(bad_dir / name).problems == []


# ----------------------------------------------------------------------------- units


@pytest.mark.parametrize("matrix, turn", [
    ((1, 0, 0, 1, 0, 0), 0),
    ((0.2, 0, 0.05, 0.2, 0, 0), 0),  # italic shear
    ((0, -1, 1, 0, 0, 0), 90),  # runs down the page
    ((-1, 0, 0, -1, 0, 0), 180),
    ((0, 1, -1, 0, 0, 0), 270),  # runs up the page
    ((0.98, 0.17, -0.17, 0.98, 0, 0), 0),  # 10° is level
    ((0.17, -0.98, 0.98, 0.17, 0, 0), 90),
    (None, 0),
])
def test_char_turn(matrix, turn):
    assert char_turn({"matrix": matrix}) == turn


@pytest.mark.parametrize("turn", TURNS)
def test_turn_box_round_trip(turn):
    w, h = 595.0, 842.0
    box = (10.0, 20.0, 110.0, 35.0)
    there = turn_box(box, turn, w, h)
    tw, th = turned_size(turn, w, h)
    assert 0 <= there[0] < there[2] <= tw and 0 <= there[1] < there[3] <= th
    assert turn_box(there, (360 - turn) % 360, tw, th) == pytest.approx(box)


_FULL = 2000
_LONG = MAX_PAGE_REASONS + 2


@pytest.mark.parametrize("pages, pdfium, problem, note", [
    ([PageText(1, _FULL)], [_FULL], None, None),
    ([PageText(1, int(_FULL * 0.8))], [_FULL], None, None),  # within the slack for side labels
    ([PageText(3, 12)], [1840], "page 3: text layer reads 12 chars but PDFium reads 1 840", None),
    ([PageText(1, 0)], [MIN_MISSING_CHARS - 1], None, None),  # too little to judge
    ([PageText(1, 0, compared=False)], [_FULL], None, None),  # OCR pages are reported elsewhere
    ([PageText(1, 0)], None, None, None),  # no second reader
    ([PageText(2, 400, other_direction=1500)], [1900], "page 2: 1 500 of 1 900 chars run in another direction",
     None),
    ([PageText(2, 1800, other_direction=300)], [2100], None, "page 2: 300 chars running in another direction"),
    ([PageText(n, 0) for n in range(1, _LONG + 1)], [_FULL] * _LONG, f"pages 1-{_LONG}: text layer reads 0", None),
    ([PageText(1, _FULL)], [_FULL, _FULL], "disagree on the page count", None),
])
def test_check_pages(pages, pdfium, problem, note):
    problems, notes = check_pages(pages, pdfium)
    assert problems == [] if problem is None else (len(problems) == 1 and problem in problems[0]), problems
    assert notes == [] if note is None else (len(notes) == 1 and notes[0].startswith(note)), notes


@pytest.mark.parametrize("messages, problem, note", [
    ({5: ["Execute called on non-indirect object (inline image?) <PDFStream>"]}, "page 5: a page's content", None),
    ({2: ["Data-loss while decompressing corrupted data"], 3: ["Data-loss while decompressing corrupted data"]},
     "pages 2-3: a compressed stream is damaged", None),
    ({0: ["Not adding object 7 to xref because position b'x' or generation number 0 cannot be parsed"]},
     "PDF damaged: cross-reference entries", None),
    ({4: ["Cannot set gray level because 'x' is an invalid float value"]}, None, "PDF parser warnings on page 4"),
    ({}, None, None),
])
def test_damage_reasons(messages, problem, note):
    problems, notes = damage_reasons(messages)
    assert problems == [] if problem is None else (len(problems) == 1 and problems[0].startswith(problem)), problems
    assert notes == [] if note is None else (len(notes) == 1 and notes[0].startswith(note)), notes


def test_parser_messages_capture_only_inside_the_block():
    log = logging.getLogger("pdfminer.pdftypes")
    with parser_messages() as seen:
        log.warning("Data-loss while decompressing corrupted data")
    log.warning("outside")
    assert seen == ["Data-loss while decompressing corrupted data"]


def test_parser_messages_heard_when_the_application_silenced_pdfminer():
    logger = logging.getLogger("pdfminer")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with parser_messages() as seen:
            logging.getLogger("pdfminer.pdfinterp").warning("Execute called on non-indirect object")
        assert seen and logger.level == logging.ERROR and logger.propagate
    finally:
        logger.setLevel(old)


def test_xref_repair_reason_is_one_line():
    assert "\n" not in XREF_REPAIRED and "xref" in XREF_REPAIRED
