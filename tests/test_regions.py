"""Reading order by regions (pipeline.layout.regions) on synthetic pages: table-driven, with negatives."""

from __future__ import annotations

import pytest

from pipeline.layout.page import ROW_OVERLAP, Word
from pipeline.layout.boxes import Box, ruled_boxes
from pipeline.layout.regions import Segmenter, contents_target

SIZE = 10.0
PITCH = 13.0
SPACE = 3.0
WORD = 30.0


def text_lines(tag: str, x0: float, x1: float, top: float, n: int, size: float = SIZE,
               stretch: dict[int, float] | None = None) -> list[Word]:
    """``n`` justified lines of words between ``x0`` and ``x1``, each word named ``tag:line``.

    ``stretch`` widens the space after word ``k`` to the given width on every line
    (stretched justification).
    """
    out = []
    for i in range(n):
        y = top + i * PITCH
        x, k = x0, 0
        while x + WORD <= x1:
            out.append(Word(f"{tag}:{i}", x, x + WORD, y, y + size, size))
            x += WORD + ((stretch or {}).get(k, SPACE))
            k += 1
    return out


def order(words: list[Word], boxes: list[Box] | None = None) -> list[str]:
    """Line tags in reading order (each tag once)."""
    seen: list[str] = []
    for leaf in Segmenter(ROW_OVERLAP, boxes or []).run(words):
        for w in sorted(leaf.words, key=lambda w: (round(w.top), w.x0)):
            if w.text not in seen:
                seen.append(w.text)
    return seen


def tags(name: str, n: int) -> list[str]:
    return [f"{name}:{i}" for i in range(n)]


def test_misaligned_columns_under_a_full_width_title_are_read_column_by_column():
    """Regression: a right column starting a few points above the left column's first
    line was read as a full-width row, and the columns line by line across the gutter."""
    words = (text_lines("title", 50, 540, 50, 1, size=20)
             + text_lines("L", 50, 280, 120, 8)
             + text_lines("R", 300, 540, 115.5, 8))  # 4.5 pt higher
    assert order(words) == ["title:0", *tags("L", 8), *tags("R", 8)]


def test_full_width_box_between_column_runs_is_read_where_it_stands():
    words = (text_lines("A", 50, 280, 50, 5) + text_lines("B", 300, 540, 50, 5)
             + text_lines("box", 60, 530, 130, 2)
             + text_lines("C", 50, 280, 180, 5) + text_lines("D", 300, 540, 180, 5))
    box = Box(55, 125, 535, 160)
    assert order(words, [box]) == [*tags("A", 5), *tags("B", 5), *tags("box", 2), *tags("C", 5), *tags("D", 5)]


def test_three_columns():
    words = text_lines("A", 50, 200, 50, 6) + text_lines("B", 215, 365, 50, 6) + text_lines("C", 380, 530, 50, 6)
    assert order(words) == [*tags("A", 6), *tags("B", 6), *tags("C", 6)]


def test_columns_nested_in_a_column():
    words = (text_lines("L", 50, 280, 50, 12)
             + text_lines("Rtop", 300, 540, 50, 3)
             + text_lines("Ra", 300, 410, 95, 5) + text_lines("Rb", 425, 540, 95, 5)
             + text_lines("Rend", 300, 540, 165, 3))
    assert order(words) == [*tags("L", 12), *tags("Rtop", 3), *tags("Ra", 5), *tags("Rb", 5), *tags("Rend", 3)]


def test_stretched_spaces_in_a_narrow_column_are_not_a_gutter():
    """Negative: three justified lines whose wide spaces line up do not split a column."""
    words = text_lines("P", 50, 290, 50, 2)
    for i, (end, start) in enumerate([(137, 147), (118, 194), (128, 151)]):  # seen in a real column
        y = 50 + (2 + i) * PITCH
        words += [Word(f"S:{i}", 50, end, y, y + SIZE, SIZE), Word(f"S:{i}", start, 290, y, y + SIZE, SIZE)]
    words += text_lines("Q", 50, 290, 50 + 5 * PITCH, 2)
    leaves = Segmenter(ROW_OVERLAP, []).run(words)
    assert len(leaves) == 1 and leaves[0].columns == 1


def test_a_page_number_in_the_gutter_does_not_merge_the_columns():
    words = text_lines("L", 50, 280, 50, 10) + text_lines("R", 300, 540, 50, 10)
    words.append(Word("page", 286, 294, 300, 310, 8.0))
    assert order(words)[:20] == [*tags("L", 10), *tags("R", 10)]


def test_a_boxed_sidebar_beside_the_body_is_its_own_region():
    words = text_lines("body", 150, 540, 50, 15) + text_lines("side", 40, 130, 50, 5, size=7.5)
    box = Box(35, 45, 135, 120)
    leaves = Segmenter(ROW_OVERLAP, [box]).run(words)
    side = [lf for lf in leaves if any(w.text.startswith("side") for w in lf.words)]
    assert len(side) == 1 and side[0].boxed and side[0].columns == 2
    assert not any(w.text.startswith("body") for w in side[0].words)


@pytest.mark.parametrize("row, target", [
    ([("Introduction", 72, 130), ("....................", 132, 520), ("3", 525, 531)], 3),
    ([("1.1.", 86, 100), ("Gobernanza", 102, 150), (". . . . . .", 152, 520), ("14", 525, 535)], 14),
    ([("Annex", 72, 100), ("I", 102, 105), ("45", 525, 535)], 45),          # wide gap, no leaders
    ([("Law", 72, 90), ("No.", 92, 105), ("4", 107, 111)], None),           # a citation, not an entry
    ([("adopted", 72, 110), ("in", 112, 120), ("2023", 122, 145)], None),   # a year ending a line
    ([("Conclusions", 72, 130), ("....", 132, 200), ("1234", 205, 225)], None),  # not a page number
    ([("12", 72, 82)], None),
])
def test_contents_entries(row, target):
    words = [Word(t, x0, x1, 100, 110, 10.0) for t, x0, x1 in row]
    assert contents_target(words) == target


@pytest.mark.parametrize("rules, text_top, found", [
    ([(100, 101, 100, 500), (160, 161, 100, 500)], 120, True),    # a pull quote between rules
    ([(100, 101, 100, 500), (160, 161, 100, 300)], 120, False),   # rules of different lengths
    ([(100, 101, 100, 500), (400, 401, 100, 500)], 120, False),   # too far apart to frame a quote
    ([(100, 101, 100, 500), (160, 161, 100, 500)], 200, False),   # no text between them
])
def test_ruled_boxes(rules, text_top, found):
    shapes = [{"top": t, "bottom": b, "x0": x0, "x1": x1} for t, b, x0, x1 in rules]
    words = [Word("quote", 150, 300, text_top, text_top + 12, 12.0)]
    assert bool(ruled_boxes(shapes, words)) == found


def test_the_short_last_line_of_a_full_width_paragraph_stays_with_it():
    """Regression: the last line left the gutter below it empty and opened the column run."""
    words = text_lines("P", 50, 540, 50, 2) + text_lines("Plast", 50, 200, 50 + 2 * PITCH, 1)
    words += text_lines("L", 50, 280, 100, 6) + text_lines("R", 300, 540, 100, 6)
    leaves = Segmenter(ROW_OVERLAP, []).run(words)
    first = {w.text for w in leaves[0].words}
    assert first == {"P:0", "P:1", "Plast:0"} and leaves[0].columns == 1
    assert order(words) == ["P:0", "P:1", "Plast:0", *tags("L", 6), *tags("R", 6)]


@pytest.mark.parametrize("gap, flush, joins", [
    (3.0, True, True),     # the next line of the paragraph
    (30.0, True, False),   # a new block after space: the columns' first line
    (3.0, False, False),   # indented: a right column starting just below
])
def test_runs_on_needs_a_close_flush_line(gap, flush, joins):
    top = 50 + SIZE + gap
    words = text_lines("P", 50, 540, 50, 1) + text_lines("x", 50 if flush else 300, 200 if flush else 540, top, 1)
    words += text_lines("L", 50, 280, top + 40, 6) + text_lines("R", 300, 540, top + 40, 6)
    leaves = Segmenter(ROW_OVERLAP, []).run(words)
    assert ("x:0" in {w.text for w in leaves[0].words}) == joins


def test_a_short_column_beside_a_large_heading_keeps_its_rows():
    """Regression: a five-line heading overlapped two lines of the short column beside it;
    grouped by overlap they made one row, the column counted too few rows and the
    heading's words were mixed with the column's ("Citizenshipcitizens' accessAct")."""
    words = []
    for i in range(5):  # the heading, 18 pt on a 22 pt pitch
        words.append(Word(f"H:{i}", 50, 230, 80 + 22 * i, 98 + 22 * i, 18.0))
    words += text_lines("R", 300, 540, 67, 3)  # the end of a paragraph from the previous column
    words += text_lines("L", 50, 280, 200, 10)
    got = order(words)
    assert got.index("R:2") == len(got) - 1 or got[-3:] == tags("R", 3)
    assert got[:5] == tags("H", 5)


def _line(x0: float, text: str, x1: float = 500.0, size: float = SIZE, bold: bool = False):
    from pipeline.layout.page import Line

    return Line(words=[], x0=x0, x1=x1, top=0, bottom=size, size=size, bold=bold, text=text)


@pytest.mark.parametrize("marks, hanging", [
    # bibliography: flush first lines that end no sentence, indented continuations
    ([(50, "Brasil (2017). Lei nº 13.445, de 24 de maio de 2017. Institui a"), (66, "Lei de Migração. Brasília."),
      (50, "Brasil (2017). Decreto nº 9.199, de 20 de novembro de"), (66, "2017. Regulamenta a Lei."),
      (50, "OIM (2020). Relatório anual"), (66, "2020. Genebra.")], True),
    # first-line indents: the line before each indented one ends a paragraph
    ([(66, "A Lei nº 13.344/2016 dispõe sobre a prevenção e a"), (50, "repressão ao tráfico de pessoas."),
      (66, "Não existe um programa público de apoio ao"), (50, "retorno dos brasileiros."),
      (66, "O país participa em processos regionais e"), (50, "bilaterais.")], False),
    # flush paragraphs: no indents at all
    ([(50, "One line of text that runs on"), (50, "and ends here."), (50, "Another one that"), (50, "ends too.")], False),
    # too short to tell
    ([(50, "Brasil (2017). Lei"), (66, "de Migração.")], False),
])
def test_uses_hanging(marks, hanging):
    from pipeline.layout.blocks import uses_hanging

    assert uses_hanging([_line(x0, text) for x0, text in marks]) == hanging


def centred(tag: str, centre: float, top: float, widths: list[float], size: float = 8.0) -> list[Word]:
    """Centred lines (a caption under a shape), one word per line, each ``widths[i]`` wide."""
    return [Word(f"{tag}:{i}", centre - w / 2, centre + w / 2, top + i * 10, top + i * 10 + size, size)
            for i, w in enumerate(widths)]


@pytest.mark.parametrize("stagger, shapes", [(0.0, True), (36.0, True), (0.0, False), (36.0, False)])
def test_captions_under_shapes_at_staggered_heights_are_read_shape_by_shape(stagger, shapes):
    """Regression (en-orvania page 2): four numbered circles, each with a centred caption
    under it, every other one set lower. Centred lines share no left edge, so no gutter
    was found and two neighbouring captions were read line by line across, one's last
    line glued to the other's first ("entities concerned. Laws and policies are…").
    Without shapes (icons drawn as images) only the captions' common axes tell."""
    words, boxes, want = [], [], []
    for k in range(4):
        cx, top = 112 + 116 * k, 323 + (stagger if k % 2 else 0)
        if shapes:
            boxes.append(Box(cx - 30, top, cx + 30, top + 60))
            words.append(Word(f"n{k}:0", cx - 8, cx + 8, top + 17, top + 47, 30.0))
            want.append(f"n{k}:0")
        words += centred(f"cap{k}", cx, top + 70, [60, 92, 88, 94, 40])
        want += tags(f"cap{k}", 5)
    assert order(words, boxes) == want


def test_a_wide_empty_stretch_ends_a_column_run():
    """Regression: the rows of shapes far below (key figures) kept the strips between the
    step captions above closed; cut at the empty stretch, each row of shapes has gutters."""
    words = []
    for k in range(3):  # captions above, centred on 112, 228, 344
        words += centred(f"top{k}", 112 + 116 * k, 100, [80, 92, 70])
    for k in range(2):  # figures far below, centred between them
        words += centred(f"low{k}", 170 + 116 * k, 400, [90, 60, 80])
    assert order(words) == [*tags("top0", 3), *tags("top1", 3), *tags("top2", 3), *tags("low0", 3), *tags("low1", 3)]


@pytest.mark.parametrize("extents, aligned", [
    ([(300, 540, 1)] * 4, True),                                             # flush left
    ([(296, 392, 1), (300, 388, 1), (310, 378, 1), (316, 372, 1)], True),   # centred on 344
    ([(147, 290, 1), (194, 290, 1), (151, 290, 1), (170, 290, 1)], False),  # text after stretched spaces
])
def test_aligned_rows_start_at_one_edge_or_share_one_axis(extents, aligned):
    from pipeline.layout.regions import _aligned

    assert _aligned(extents) == aligned


def test_a_line_run_on_into_an_otherwise_empty_right_column_is_read_after_the_left_column():
    """Regression (pt-marinhas page 2): the last paragraph of the left column ends with one
    line at the top of the right column, which stays empty. One row is too few for a
    column, so the page was read as full-width rows and that line came second."""
    words = text_lines("R", 300, 540, 49.5, 1) + text_lines("L", 50, 280, 50, 20)
    words += text_lines("notes", 50, 540, 50 + 22 * PITCH, 2, size=7.0)
    assert order(words) == [*tags("L", 20), "R:0", *tags("notes", 2)]


@pytest.mark.parametrize("right_top, right_size", [
    (50 + 12 * PITCH, SIZE),   # a line beside the middle of the column: not a column's start
    (49.5, 7.0),               # smaller type at the top: a running header's other half
])
def test_a_short_text_beside_a_long_column_is_no_column_otherwise(right_top, right_size):
    words = text_lines("R", 300, 540, right_top, 1, size=right_size) + text_lines("L", 50, 280, 50, 20)
    assert all(leaf.columns == 1 for leaf in Segmenter(ROW_OVERLAP, []).run(words))
