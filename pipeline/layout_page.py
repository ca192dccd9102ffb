"""Page-level layout: words → lines → regions (columns) → blocks.

Every tolerance is a named constant expressed relative to the font size, so that
the same rules hold for 9-point two-column reports and 12-point single-column ones.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace

from pipeline.regions import Box, Segmenter, contents_target, find_boxes, luminance, rows_of, ruled_boxes
from pipeline.tagged import majority_role, roles_by_mcid
from pipeline.textjoin import collapse_letter_spacing, join_lines

#: Minimum vertical overlap (share of the smaller height) for two words to share a row.
ROW_OVERLAP = 0.45
#: A horizontal gap wider than this many font sizes splits a row into separate lines
#: (columns, table cells, side labels).
SEGMENT_GAP_EM = 3.0
#: ...and this many times the row's median gap.
SEGMENT_GAP_RATIO = 2.5
#: A gap wider than this share of the font size is a space between words.
SPACE_GAP_EM = 0.12
#: Superscript: at most this share of the line's font size...
SUPERSCRIPT_SIZE_RATIO = 0.85
#: ...and its baseline raised by at least this share of the line's font size.
SUPERSCRIPT_RAISE_EM = 0.12
#: Footnote text is at most this share of the body font size.
FOOTNOTE_SIZE_RATIO = 0.9
#: OCR line sizes within this share of the page's common size are that size.
OCR_SIZE_SNAP = 0.15
#: OCR line sizes differing by less than this share count as the same size.
OCR_SIZE_TOLERANCE = 0.15
#: Lines of one large OCR title may differ this much in estimated size...
OCR_TITLE_SIZE_TOLERANCE = 0.3
#: ...when set this close (gap in font sizes).
OCR_TITLE_GAP_EM = 0.5
#: An OCR line shorter than this share of its column, ending no clause, is a title.
OCR_TITLE_LINE_SHARE = 0.7
#: Line endings after which the next line continues the sentence.
RUN_ON_ENDINGS = (",", "-", "–", "—", "(", "«", "“", ":", ";")
#: A title is at least this share of letters (not a URL, a date or a figure).
TITLE_MIN_LETTERS = 0.6
#: Headings: at least this share of the body size, or bold, and short.
HEADING_SIZE_RATIO = 1.12
HEADING_MAX_CHARS = 250
HEADING_MAX_LINES = 6
#: Line pitch above this multiple of the region's usual pitch starts a new block.
PARAGRAPH_PITCH_FACTOR = 1.22
#: Usual line pitch (as a multiple of font size) when a page has too few lines to tell.
DEFAULT_PITCH_EM = 1.3
#: A font-size change larger than this (points) starts a new block.
SIZE_CHANGE_PT = 0.6
#: A line starting this many font sizes right of the previous one is a first-line indent.
INDENT_EM = 0.8
#: A region with at least this many flush-then-indented entries may use hanging indents...
HANGING_MIN_ENTRIES = 2
#: ...when fewer than this share of its entries' first lines end a sentence.
HANGING_MAX_ENDED_SHARE = 0.5
#: A line starting within this many points of the region's left edge is flush left.
EDGE_TOLERANCE_PT = 1.5
#: A line ending this many font sizes short of the region's right edge is "short".
SHORT_LINE_EM = 2.5
#: A last line ending within this many font sizes of the right edge is flush
#: (justified), which a paragraph's closing line almost never is.
FLUSH_EM = 0.3
#: Column gutters, boxes and reading order: see :mod:`pipeline.regions`.
#: A line of at most this many characters set this many times the size of its region's
#: text is a glyph (a tile number, large letters) read after the region's text.
GLYPH_SIZE_RATIO = 2.5
GLYPH_MAX_CHARS = 4
#: A word this many times the size of its row's text is set apart from it (a chapter number).
STYLE_SPLIT_RATIO = 1.4
#: Text this light (0 black … 1 white) is set in a light colour (watermark-like letters).
LIGHT_LUMINANCE = 0.7
#: Tables smaller than this are not tables (boxes, callouts).
TABLE_MIN_ROWS = 2
TABLE_MIN_COLS = 2

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_MARKER = re.compile(r"^\d{1,3}(?:[,–-]\d{1,3})*$|^[*†‡]+$")
_FOOTNOTE_START = re.compile(r"^(\d{1,3})[.)]?$")
#: Typographic ligatures some fonts emit as single characters (ﬁ, ﬂ…), spelled out
#: so that words match dictionaries and citation patterns.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                           "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
#: Bullets that open a list item wherever they stand.
STRONG_BULLETS = set("•●▪■◦‣∙·")
#: A dash, number or letter opens an item only after a line ending with one of these.
ITEM_LEAD_IN = (".", ":", ";", "!", "?")
#: A line ending with a number sign ("No.", "Nos.", "núm.", "n°", "Art.") wraps before the number.
_NUMBER_SIGN_END = re.compile(r"(?:\b(?:No|Nos|núm|nº|n\.º|art|Art|p|pp)\.|[№°º])$")
_BULLET = re.compile(r"^(?:[•●▪■◦‣∙·–—-]|\(?\d{1,2}[.)]|\(?[a-zа-я][.)]|\(?[ivx]{1,4}\))(?=\s)")


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    conf: float | None = None
    light: bool = False  # set in a light colour (watermark-like large letters)
    role: str | None = None  # tagged PDFs: the structure role of its marked content


@dataclass
class Line:
    """A run of words on one baseline, within one column."""

    words: list[Word]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str = ""
    markers: list[tuple[int, str]] = field(default_factory=list)  # (offset, marker)
    furniture: bool = False
    ocr_conf: float | None = None
    column: int = 0  # index of the column in its band; -1 for a full-width line
    region: int = 0  # index of the region (pipeline.regions) in the page's reading order
    band: int = 0  # index of the band (horizontal strip of regions) on the page
    columns: int = 1  # how many columns the line's band has
    boxed: bool = False  # inside a filled or framed box
    ruled: bool = False  # between two horizontal rules (a pull quote)
    shape: tuple[float, float, float, float] | None = None  # the box it was read from (pipeline.regions)
    light: bool = False  # set in a light colour
    contents: int | None = None  # a contents entry's target page (title … page)
    role: str | None = None  # tagged PDFs: the role most of its characters have


@dataclass
class Block:
    """A paragraph-like unit on a page, in reading order."""

    kind: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float
    bold: bool = False
    refs: list[tuple[int, int, int]] = field(default_factory=list)  # (number, offset, series)
    page_end: int | None = None
    footnote_number: int | None = None
    footnote_series: int | None = None
    cells: list[str] | None = None
    table_id: str | None = None
    label: str | None = None
    starts_region: bool = False
    last_line_full: bool = False
    last_line_flush: bool = False  # last line reaches the right edge (justified)
    indented_first: bool = False  # first line indented: the block opens a paragraph
    indent_style: bool = False  # its page marks paragraphs by first-line indents
    n_lines: int = 1
    ocr_conf: float | None = None
    light: bool = False  # set in a light colour
    boxed: bool = False  # read from a box or a sidebar
    shape: tuple[float, float, float, float] | None = None  # the box its region was read from
    target_page: int | None = None  # contents entries: the page the entry points to
    role: str | None = None  # tagged PDFs: the structure role (H1, P, Note…) of most of its text

    @classmethod
    def around(cls, lines: list["Line"], kind: str, page: int, text: str, **fields) -> "Block":
        """A block of ``kind`` whose box encloses ``lines``."""
        x0, top, x1, bottom = bbox_of(lines)
        return cls(kind=kind, page=page, x0=x0, top=top, x1=x1, bottom=bottom, text=text,
                   n_lines=len(lines), **fields)

    def merged_with(self, other: "Block", lang: str) -> "Block":
        """This block continued by ``other`` (next page or column)."""
        text, starts = join_lines([self.text, other.text], lang)
        shift = starts[1]
        refs = self.refs + [(n, off + shift, s) for n, off, s in other.refs]
        end = other.page_end or other.page
        return replace(
            self,
            text=text,
            refs=refs,
            page_end=end if end != self.page else self.page_end,
            last_line_full=other.last_line_full,
            last_line_flush=other.last_line_flush,
            n_lines=self.n_lines + other.n_lines,
        )


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    blocks: list[Block] = field(default_factory=list)
    furniture: list[Block] = field(default_factory=list)
    footnote_areas: list[tuple[float, float, float, float]] = field(default_factory=list)
    columns: list[tuple[float, float]] = field(default_factory=list)
    tables: list[tuple[float, float, float, float]] = field(default_factory=list)
    markers: list[tuple[float, float, float, float]] = field(default_factory=list)
    #: Regions in reading order: ``(x0, top, x1, bottom, kind)``, kind ``body``, ``box`` or ``sidebar``.
    regions: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    turn: int = 0  # degrees the page was turned to read its text (see pipeline.orient)


# --------------------------------------------------------------------------- lines


def _words(page) -> list[Word]:
    upright = page.filter(lambda o: o.get("object_type") != "char" or o.get("upright", True))
    roles = roles_by_mcid(page)
    attrs = ["size", "fontname", "non_stroking_color"] + (["mcid"] if roles else [])
    raw = upright.extract_words(extra_attrs=attrs, keep_blank_chars=False, use_text_flow=False)
    return [
        Word(w["text"].translate(LIGATURES), w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]),
             bool(_BOLD.search(w.get("fontname", ""))),
             light=(lum := luminance(w.get("non_stroking_color"))) is not None and lum >= LIGHT_LUMINANCE,
             role=roles.get(w.get("mcid")) if roles else None)
        for w in raw
        if w["text"].strip()
    ]


def _ocr_words(words: list[dict]) -> list[Word]:
    return [
        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"],
             float(w.get("size") or (w["bottom"] - w["top"])),
             bool(_BOLD.search(w.get("fontname", "") or "")), w.get("conf"))
        for w in words
        if str(w.get("text", "")).strip()
    ]


def _segments(row: list[Word]) -> list[list[Word]]:
    """Split a row where a gap is both wide and far wider than the row's usual gap.

    Why both: justified text in narrow columns stretches every space, sometimes
    beyond any fixed threshold, but evenly; a gap between side-by-side texts
    stands out against the row's other gaps.
    """
    row = sorted(row, key=lambda w: w.x0)
    size = max(w.size for w in row)
    gaps = sorted(b.x0 - a.x1 for a, b in zip(row, row[1:]))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    out = [[row[0]]]
    for w in row[1:]:
        gap = w.x0 - out[-1][-1].x1
        if gap > SEGMENT_GAP_EM * size and gap > SEGMENT_GAP_RATIO * max(usual, SPACE_GAP_EM * size):
            out.append([w])
        else:
            out[-1].append(w)
    return out


def _style_runs(row: list[Word]) -> list[list[Word]]:
    """Split a row where a much larger or differently coloured word stands beside its text.

    Why: a huge light chapter number set beside the chapter title shares the title's
    baseline band; read as one line, "01 Direitos…" would open the heading with a
    decoration. Smaller words (superscript markers) stay with their line.
    """
    row = sorted(row, key=lambda w: w.x0)
    weights: dict[float, int] = {}
    for w in row:
        weights[round(w.size, 1)] = weights.get(round(w.size, 1), 0) + len(w.text)
    main = max(weights, key=lambda k: (weights[k], k))
    light = sum(len(w.text) for w in row if w.light) * 2 > sum(len(w.text) for w in row)

    def odd(w: Word) -> bool:
        return w.size >= STYLE_SPLIT_RATIO * main or (w.light != light and w.size > main * SUPERSCRIPT_SIZE_RATIO)

    runs: list[list[Word]] = []
    for w in row:
        if runs and odd(runs[-1][-1]) == odd(w):
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def _make_line(words: list[Word]) -> Line:
    """Compose a line: main size, superscript markers removed, spacing from gaps."""
    weights: dict[float, int] = {}
    for w in words:
        weights[round(w.size, 1)] = weights.get(round(w.size, 1), 0) + len(w.text)
    size = max(weights, key=lambda s: (weights[s], s))
    main = [w for w in words if abs(w.size - size) < 0.3] or words
    baseline = statistics.median(w.bottom for w in main)
    text = ""
    markers: list[tuple[int, str]] = []
    prev: Word | None = None
    for w in words:
        is_marker = (
            prev is not None
            and w.size <= SUPERSCRIPT_SIZE_RATIO * size
            and baseline - w.bottom >= SUPERSCRIPT_RAISE_EM * size
            and _MARKER.match(w.text)
        )
        if is_marker:
            markers.append((len(text), w.text))
            prev = w
            continue
        if text and prev is not None and w.x0 - prev.x1 > SPACE_GAP_EM * size:
            text += " "
        elif text and prev is None:
            text += " "
        text += w.text
        prev = w
    chars = sum(len(w.text) for w in main)
    bold = sum(len(w.text) for w in main if w.bold) * 2 > chars
    confs = [w.conf for w in words if w.conf is not None]
    return Line(
        words=words,
        x0=min(w.x0 for w in main),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in main),
        bottom=max(w.bottom for w in main),
        size=size,
        bold=bold,
        text=text,
        markers=markers,
        ocr_conf=round(sum(confs) / len(confs), 2) if confs else None,
    )


def page_lines(page, words: list[dict] | None = None, exclude: list | None = None) -> list[Line]:
    """All lines of a page in reading order: region by region, top to bottom inside one.

    Args:
        page: A pdfplumber page (or a turned view of one).
        words: Word dicts from OCR; when given, the text layer is ignored.
        exclude: Boxes ``(x0, top, x1, bottom)`` whose words are left out (ruled
            tables, read as rows of cells; their cell gaps are not column gutters).
    """
    ws = _ocr_words(words) if words is not None else _words(page)
    if exclude:
        ws = [w for w in ws if not any(
            x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1
            for x0, top, x1, bottom in exclude)]
    boxes = []
    if words is None and page is not None:
        shapes = list(getattr(page, "rects", []) or []) + list(getattr(page, "curves", []) or [])
        boxes = find_boxes(shapes, ws, (float(page.width), float(page.height)), exclude)
        rules = shapes + list(getattr(page, "lines", []) or [])
        boxes += [b for b in ruled_boxes(rules, ws)
                  if not (exclude and any(b.inside(Box(*e)) for e in exclude))]
    lines = []
    # Rows are formed again inside each region: baselines of neighbouring columns
    # (and their footnotes, set smaller) do not line up.
    for k, leaf in enumerate(Segmenter(ROW_OVERLAP, boxes).run(ws)):
        for row in rows_of(leaf.words, ROW_OVERLAP):
            target = contents_target(row)
            segs = [sorted(row, key=lambda w: w.x0)] if target is not None else [
                seg for run in _style_runs(row) for seg in _segments(run)]
            for seg in segs:
                line = _make_line(seg)
                line.column, line.region, line.band = leaf.column, k, leaf.band
                line.columns, line.boxed, line.contents = leaf.columns, leaf.boxed, target
                line.ruled, line.shape = leaf.ruled, leaf.shape
                line.role = majority_role(seg)
                line.light = sum(len(w.text) for w in seg if w.light) * 2 > sum(len(w.text) for w in seg)
                lines.append(line)
    if words is not None:
        _snap_ocr_sizes(lines)
    lines.sort(key=lambda ln: (ln.region, *reading_key(ln)))
    return lines


def _snap_ocr_sizes(lines: list[Line]) -> None:
    """Give OCR lines near the page's common size exactly that size.

    Why: sizes estimated from OCR boxes wobble from line to line (a line of
    x-height letters looks smaller than one with capitals); without snapping, that
    noise reads as font changes and cuts paragraphs into pieces.
    """
    weights: dict[float, int] = {}
    for ln in lines:
        key = round(ln.size * 2) / 2
        weights[key] = weights.get(key, 0) + len(ln.text)
    if not weights:
        return
    common = max(weights, key=weights.get)
    for ln in lines:
        if abs(ln.size - common) <= OCR_SIZE_SNAP * common:
            ln.size = common


# ------------------------------------------------------------------------- columns


def reading_key(line: Line) -> tuple[float, float]:
    """Order of lines inside a region: top to bottom, then left to right."""
    return (round(line.top), line.x0)


def set_aside_glyphs(region: list[Line]) -> list[Line]:
    """A region's lines in reading order, huge short glyphs last.

    Why: a tile's big "2" or large light letters "MGI" behind a text start above
    some of its lines and end below them; in top-to-bottom order they would cut a
    paragraph in two. Read after the text, they become blocks of their own.
    """
    if len(region) < 2:
        return region
    body = statistics.median(ln.size for ln in region)
    huge = [ln for ln in region if ln.size >= GLYPH_SIZE_RATIO * body and len(ln.text.strip()) <= GLYPH_MAX_CHARS]
    if not huge:
        return region
    return [ln for ln in region if ln not in huge] + huge


def reading_regions(lines: list[Line]) -> tuple[list[list[Line]], list[tuple[float, float]]]:
    """Group body lines into the regions found by :mod:`pipeline.regions`, in reading order.

    Returns the regions (each top to bottom) and the horizontal extents of the
    page's columns (for the debug drawing).
    """
    groups: dict[int, list[Line]] = {}
    for ln in lines:
        groups.setdefault(ln.region, []).append(ln)
    regions = [sorted(groups[k], key=reading_key) for k in sorted(groups)]
    cols: dict[tuple[int, int], list[Line]] = {}
    for ln in lines:
        if ln.column >= 0 and ln.columns > 1:
            cols.setdefault((ln.band, ln.column), []).append(ln)
    extents = [(min(ln.x0 for ln in c), max(ln.x1 for ln in c)) for _, c in sorted(cols.items())]
    return regions, extents


# -------------------------------------------------------------------------- blocks


def starts_item(text: str, prev_text: str | None) -> bool:
    """Whether a line opens a list item.

    Symbol bullets always do. Dashes, numbers and letters also occur where a
    sentence wraps (``… союза`` / ``– ЕАЭС) …``, ``меры:`` / ``(i) по …`` is an item,
    ``статьи`` / ``2. …`` is not), so they open an item only after a line that ends
    a sentence or a clause.
    """
    m = _BULLET.match(text)
    if not m:
        return False
    if m.group(0) in STRONG_BULLETS or prev_text is None:
        return True
    prev = prev_text.rstrip()
    if _NUMBER_SIGN_END.search(prev):
        return False  # "… Convention, 1949 (No." / "97) in 2008 …": the number of a sign, not an item
    if m.group(0).endswith(")") and "(" not in m.group(0) and prev.count("(") > prev.count(")"):
        return False  # "97)" closes a parenthesis the line before opened
    return prev.endswith(ITEM_LEAD_IN)


def _pitch_em(regions: list[list[Line]]) -> float:
    ratios = []
    for region in regions:
        for a, b in zip(region, region[1:]):
            if abs(a.size - b.size) < 0.3 and b.top > a.top:
                ratios.append(round((b.top - a.top) / a.size, 2))
    if len(ratios) < 3:
        return DEFAULT_PITCH_EM
    # The most common pitch is the line spacing; paragraph gaps are rarer.
    counts: dict[float, int] = {}
    for r in ratios:
        key = round(r * 20) / 20
        counts[key] = counts.get(key, 0) + 1
    return min(counts, key=lambda k: (-counts[k], k))


def _is_heading_like(line: Line, body_size: float) -> bool:
    return line.size >= HEADING_SIZE_RATIO * body_size or (line.bold and line.size >= 0.95 * body_size)


def _new_block(prev: Line, line: Line, pitch: float, right: float, body_size: float,
               spaced: bool = False, group: list[Line] | None = None,
               left: float | None = None, hanging: bool = False) -> bool:
    """Whether ``line`` starts a new block after ``prev`` in the same region.

    ``spaced`` says the page separates paragraphs by vertical space; then a short
    line followed by a capital is a forced line break inside a paragraph, not a
    paragraph end (that rule is only for pages set without paragraph spacing).
    """
    ocr = line.ocr_conf is not None and prev.ocr_conf is not None
    size_tolerance = SIZE_CHANGE_PT
    if ocr:
        # OCR sizes are estimates from letter shapes: compare them loosely, and
        # more loosely still between the tightly set lines of a large title.
        tight = line.top - prev.bottom < OCR_TITLE_GAP_EM * prev.size
        share = OCR_TITLE_SIZE_TOLERANCE if tight and _is_heading_like(prev, body_size) else OCR_SIZE_TOLERANCE
        size_tolerance = max(SIZE_CHANGE_PT, share * max(line.size, prev.size))
    if abs(line.size - prev.size) > size_tolerance or line.bold != prev.bold:
        return True
    if line.top - prev.top > PARAGRAPH_PITCH_FACTOR * pitch * prev.size:
        return True
    if line.top < prev.top - 0.5 * prev.size:
        return True  # went back up: a side-by-side label
    if starts_item(line.text, prev.text):
        return True
    if _is_heading_like(line, body_size):
        return False
    if hanging and line.x0 - prev.x0 > INDENT_EM * line.size:
        return False  # the indented continuation of an entry (bibliography style)
    if hanging and prev.x0 - line.x0 > INDENT_EM * line.size:
        return True  # back at the margin: the next entry
    if line.text[:1].islower() or prev.text.endswith("-"):
        return False  # a sentence or a hyphenated word runs on
    if ocr and (line.text[:1].isupper() or line.text[:1].isdigit()) and not prev.text.rstrip().endswith(RUN_ON_ENDINGS) and (
        prev.x1 - prev.x0 < OCR_TITLE_LINE_SHARE * (right - (left if left is not None else prev.x0))
    ):
        # OCR has no bold: a short line that ends no clause, then a capital, is a
        # body-size title (a summary subsection's name) above its paragraph.
        return True
    short = prev.x1 < right - SHORT_LINE_EM * prev.size
    in_list = bool(group) and bool(_BULLET.match(group[0].text))
    if in_list and len(group) > 1:
        # A list item with a hanging indent ends where a line starts left of it.
        if short and line.x0 < group[1].x0 - INDENT_EM * line.size:
            return True
    if line.x0 - prev.x0 > INDENT_EM * line.size:
        # A first-line indent after a line at the region's left edge opens a
        # paragraph (ragged-right text gives no "short last line" to rely on);
        # inside a list item it is the hanging indent of its continuation.
        if short or (not in_list and left is not None and prev.x0 <= left + EDGE_TOLERANCE_PT):
            return True
    if not spaced and short and line.text[:1].isupper() and prev.text.rstrip().endswith((".", ":", ";", "!", "?")):
        return True
    return False


def bbox_of(lines: list[Line]) -> tuple[float, float, float, float]:
    """``(x0, top, x1, bottom)`` around some lines."""
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines),
            max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))


def _compose(lines: list[Line], page: int, kind: str, lang: str, right: float) -> Block:
    text, starts = join_lines([ln.text for ln in lines], lang)
    refs: list[tuple[int, int, int]] = []
    for ln, start in zip(lines, starts):
        for off, marker in ln.markers:
            for num in re.findall(r"\d+", marker):
                refs.append((int(num), min(start + off, len(text)), 0))
    if not refs and kind == "heading":
        text = collapse_letter_spacing(text)
    confs = [ln.ocr_conf for ln in lines if ln.ocr_conf is not None]
    last = lines[-1]
    return Block.around(
        lines,
        kind,
        page,
        text,
        size=statistics.median(ln.size for ln in lines),
        bold=all(ln.bold for ln in lines),
        refs=refs,
        last_line_full=last.x1 >= right - SHORT_LINE_EM * last.size,
        last_line_flush=len(lines) > 1 and last.x1 >= right - FLUSH_EM * last.size,
        indented_first=len(lines) > 1 and lines[0].x0 - lines[1].x0 > INDENT_EM * lines[0].size,
        ocr_conf=sum(confs) / len(confs) if confs else None,
        light=all(ln.light for ln in lines),
        role=majority_role(lines),
    )


def _classify(lines: list[Line], text: str, body_size: float, prev_text: str | None = None) -> str:
    first = lines[0]
    if starts_item(first.text, prev_text):
        return "list_item"
    if (
        _is_heading_like(first, body_size)
        and len(text) <= HEADING_MAX_CHARS
        and len(lines) <= HEADING_MAX_LINES
        and _title_like(text, ocr=first.ocr_conf is not None)
    ):
        return "heading"
    return "paragraph"


def _title_like(text: str, ocr: bool = False) -> bool:
    """Whether a short large-type text can be a title: mostly letters, not a URL.

    Why: a URL or a number set large (or, in OCR, a line whose size was
    over-estimated) is not a heading; OCR headings also never end a sentence.
    """
    chars = [c for c in text if not c.isspace()]
    if not chars or "://" in text or text.count("/") >= 2 or "www." in text:
        return False
    if sum(c.isalpha() for c in chars) < TITLE_MIN_LETTERS * len(chars):
        return False
    return not (ocr and text.rstrip().endswith("."))


def uses_spacing(regions: list[list[Line]], pitch: float) -> bool:
    """Whether paragraphs on this page are separated by vertical space."""
    return any(
        abs(a.size - b.size) < 0.3 and b.top - a.top > PARAGRAPH_PITCH_FACTOR * pitch * a.size
        for region in regions
        for a, b in zip(region, region[1:])
    )


def uses_hanging(region: list[Line]) -> bool:
    """Whether a region sets its entries with a hanging indent (bibliographies, references).

    Lines are flush (F) or indented (I). Hanging entries read F I… F I…: a flush line
    that does not end a sentence, then indented continuation lines; first-line
    indents read I F F…, and the line before an indented one ends a paragraph.
    """
    if len(region) < 4:
        return False
    common = statistics.median(ln.size for ln in region)
    region = [ln for ln in region if abs(ln.size - common) <= SIZE_CHANGE_PT and not ln.bold]  # no headings
    if len(region) < 4:
        return False
    left = min(ln.x0 for ln in region)
    marks = []
    for ln in region:
        off = ln.x0 - left
        marks.append("F" if off <= EDGE_TOLERANCE_PT else "I" if off > INDENT_EM * ln.size else "?")
    pairs = list(zip(marks, marks[1:]))
    into = [k for k, (a, b) in enumerate(pairs) if (a, b) == ("F", "I")]
    if len(into) < HANGING_MIN_ENTRIES or pairs.count(("I", "I")) < pairs.count(("F", "F")):
        return False
    ended = sum(1 for k in into if region[k].text.rstrip().endswith((".", "!", "?")))
    return ended < HANGING_MAX_ENDED_SHARE * len(into)


def _hanging_runs(region: list[Line], body_size: float) -> list[bool]:
    """For each line, whether the run of text it belongs to uses hanging indents.

    Runs are cut at heading-like lines: a page may hold a chapter's first-line
    indented paragraphs and, under the next heading, a bibliography set hanging.
    """
    flags = [False] * len(region)
    start = 0
    for k in range(len(region) + 1):
        if k == len(region) or _is_heading_like(region[k], body_size):
            if uses_hanging(region[start:k]):
                flags[start:k] = [True] * (k - start)
            start = k + 1
    return flags


def uses_indent(regions: list[list[Line]]) -> bool:
    """Whether paragraphs on this page open with a first-line indent."""
    for region in regions:
        left = min(ln.x0 for ln in region)
        for a, b in zip(region, region[1:]):
            if (a.x0 - left > INDENT_EM * a.size and b.x0 <= left + EDGE_TOLERANCE_PT
                    and abs(a.size - b.size) < 0.3 and not _BULLET.match(a.text)):
                return True
    return False


def region_blocks(region: list[Line], page: int, pitch: float, body_size: float, lang: str,
                  spaced: bool = False) -> list[Block]:
    right = max(ln.x1 for ln in region)
    left = min(ln.x0 for ln in region)
    groups: list[list[Line]] = [[region[0]]]
    hanging = _hanging_runs(region, body_size)
    for k, (prev, line) in enumerate(zip(region, region[1:]), start=1):
        if _new_block(prev, line, pitch, right, body_size, spaced, groups[-1], left, hanging[k]):
            groups.append([line])
        else:
            groups[-1].append(line)
    blocks = []
    prev_text: str | None = None
    for g in groups:
        probe = " ".join(ln.text for ln in g)
        kind = _classify(g, probe, body_size, prev_text)
        # After a heading a list may start without a lead-in sentence.
        prev_text = None if kind == "heading" else g[-1].text
        b = _compose(g, page, kind, lang, right)
        if kind == "list_item":
            m = _BULLET.match(b.text)
            b.label = m.group(0)
            b.text = b.text[m.end():].lstrip()
            cut = len(b.label) + (len(probe) - len(probe[len(b.label):].lstrip()) - len(b.label))
            b.refs = [(n, max(0, off - cut), s) for n, off, s in b.refs]
        blocks.append(b)
    if blocks:
        blocks[0].starts_region = True
    return blocks
