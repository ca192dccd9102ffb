"""Page regions in reading order: bands of rows, columns inside bands, boxes as their own regions.

Why not one set of gutters per page: designed report pages mix full-width elements
(a chapter title, a shaded intro box, full-width notes) with column runs whose tops
do not align. Gutters found for the whole page fail there: a right-column line set
a few points above the left column's first heading looks like a full-width row,
and from then on the columns are read line by line across the gutter.

The method is a recursive X-Y cut (Nagy & Seth, 1984) adapted to running text,
in the spirit of the "recursive XY-cut with whitespace gutters" used by most
document-layout readers:

1. Filled or framed rectangles that hold text are *boxes*: their words are taken
   out and read as regions of their own, placed in the reading order where the box
   stands (a box is an obstacle in the page's rows, like a word as wide as the box).
2. Rows (words sharing a baseline band, boxes by their extent) are scanned top to
   bottom; a maximal run of consecutive rows that leaves a common vertical strip
   empty, with enough text on both sides, is a *column band*: it is cut at those
   strips (its gutters) and each column is read top to bottom, left column first,
   recursively (columns nested in a column). A row that joins no such run is a
   full-width row; consecutive full-width rows form one region. A stretch of empty
   page taller than :data:`RUN_BREAK_EM` ends a run first (rows of shapes on an
   infographic page, far apart, each have gutters of their own); only when the run so
   cut has no gutter is the uncut run tried.
3. Bands are read top to bottom; so a full-width element is read before the column
   run below it, and the columns of a run one after the other.

Every tolerance is relative to the font size or a named constant.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from pipeline.layout.boxes import Box, _outermost

#: A gutter is at least this wide (points) ...
GUTTER_MIN_PT = 9.0
#: ... and at least this many font sizes (wide justified spaces are not gutters).
GUTTER_MIN_EM = 0.9
#: Each side of a gutter holds text on at least this many rows (a column may end early).
COLUMN_MIN_ROWS = 3
#: A text column is at least this many font sizes wide (a list's label column is not one).
COLUMN_MIN_WIDTH_EM = 8.0
#: Lines of a column start within this many points of one left edge...
ALIGN_TOLERANCE_PT = 2.0
#: ...for at least this share of its rows (first-line indents and bullets aside).
ALIGNED_SHARE = 0.5
#: A line at most this many font sizes below a full-width line, flush with it and in its
#: size, continues that line's text.
RUN_ON_GAP_EM = 0.8
RUN_ON_SIZE_PT = 0.6
#: Columns nested in columns are looked for down to this depth.
MAX_DEPTH = 3
#: Words whose baselines differ by at most this many font sizes share a row in the band scan.
BASELINE_TOLERANCE_EM = 0.35
#: Words whose sizes differ more than this factor never share a row.
ROW_MAX_SIZE_RATIO = 2.2
#: Rows a box stands for when columns are counted: its height over this many font sizes.
BOX_ROW_PITCH_EM = 1.2
#: A stretch of empty page this many font sizes tall ends a column run (a horizontal cut of
#: the X-Y cut): the rows of shapes below it have gutters of their own.
RUN_BREAK_EM = 6.0
#: A column may hold fewer than :data:`COLUMN_MIN_ROWS` rows (the end of a paragraph run on
#: from the column before) when the column beside it holds at least this many rows...
LONG_COLUMN_MIN_ROWS = 10
#: ...and its rows stand at the top of the run, within this many font sizes of its first row.
SHORT_COLUMN_SPAN_EM = 4.0


#: A contents entry: a title, dot leaders (or a wide gap) and the page it points to.
CONTENTS_ENTRY = re.compile(
    r"^(?P<title>.*?[^\W\d_].*?)\s*(?:[.·…_‥⋯]\s*){3,}\s*(?P<page>\d{1,3})$")
#: Without leaders, the page number stands at least this many font sizes right of the title.
CONTENTS_GAP_EM = 2.0
#: The page number of a contents entry is at most this long.
CONTENTS_PAGE_DIGITS = 3


@dataclass
class Leaf:
    """One region of a page, in reading order.

    Attributes:
        words: The region's words.
        band: Index of the band (horizontal strip) the region belongs to, page-wide.
        column: Index of the column within its band; -1 for a full-width region.
        columns: How many columns its band has (1 for a full-width region).
        boxed: Read from inside a box.
        shape: The innermost box it was read from, ``(x0, top, x1, bottom)``; two
            regions of one page in different shapes never continue each other.
    """

    words: list
    band: int = 0
    column: int = -1
    columns: int = 1
    boxed: bool = False
    ruled: bool = False
    shape: tuple[float, float, float, float] | None = None


@dataclass
class _Entry:
    """A row of words, or a box, as the band scan sees it."""

    top: float
    bottom: float
    spans: list[tuple[float, float]]
    words: list = field(default_factory=list)
    box: Box | None = None
    weight: int = 1


def contents_target(row: list) -> int | None:
    """The page a row points to when it reads like a contents entry (title … page), else None.

    Why here: the gap before a right-aligned page number is wide enough to cut the
    row into two lines, so the entry must be recognised before rows are cut.
    """
    ws = sorted(row, key=lambda w: w.x0)
    if len(ws) < 2:
        return None
    last = ws[-1].text.lstrip(".·…_‥⋯")
    if not (last.isdigit() and len(last) <= CONTENTS_PAGE_DIGITS):
        return None
    m = CONTENTS_ENTRY.match(" ".join(w.text for w in ws))
    if m:
        return int(m.group("page"))
    size = max(w.size for w in ws)
    title = ws[:-1]
    if any(c.isalpha() for w in title for c in w.text) and ws[-1].x0 - title[-1].x1 >= CONTENTS_GAP_EM * size:
        return int(last)
    return None


def contents_title(text: str) -> str:
    """An entry's title without its leaders and page number."""
    m = CONTENTS_ENTRY.match(text)
    if m:
        return m.group("title").strip()
    return re.sub(r"\s*\d{1,3}$", "", text).rstrip(" .·…_‥⋯").strip()


def rows_of(words: list, overlap: float) -> list[list]:
    """Cluster words into rows by vertical overlap with the row's main words.

    A word joins a row when it shares ``overlap`` of the smaller height with the
    row's band and its size is within :data:`ROW_MAX_SIZE_RATIO` of the row's largest
    word: a superscript marker (about 0.6 of the size) joins its line, while a small
    label set beside a huge chapter number does not become part of the number's row.
    """
    rows: list[list] = []
    bands: list[tuple[float, float, float]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        h = w.bottom - w.top
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom, size = bands[i]
            fits = max(size, w.size) <= ROW_MAX_SIZE_RATIO * max(min(size, w.size), 0.1)
            if fits and min(bottom, w.bottom) - max(top, w.top) >= overlap * min(h, bottom - top):
                rows[i].append(w)
                if h > bottom - top:  # the larger words define the band
                    bands[i] = (w.top, w.bottom, max(size, w.size))
                break
        else:
            rows.append([w])
            bands.append((w.top, w.bottom, w.size))
    return rows


def _merge_spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _gaps(spans: list[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """The empty stretches of ``[lo, hi]`` between ``spans`` (merged, sorted)."""
    out = []
    x = lo
    for a, b in spans:
        if a > x:
            out.append((x, a))
        x = max(x, b)
    if hi > x:
        out.append((x, hi))
    return out


def _intersect(a: list[tuple[float, float]], b: list[tuple[float, float]], min_width: float):
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi - lo >= min_width:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _valid_gutters(run: list[_Entry], strips: list[tuple[float, float]], lo: float, hi: float,
                   size: float) -> list[tuple[float, float]]:
    """The interior strips with enough text on both sides and wide enough columns.

    Enough text: :data:`COLUMN_MIN_ROWS` rows each side, those right of the strip
    flush or centred (:func:`_aligned`); or a line or two at the top of the run beside
    a long column (:func:`_ends_early`).
    """
    inner = [(a, b) for a, b in strips if a > lo + 0.5 and b < hi - 0.5]
    kept: list[tuple[float, float]] = []
    edge = lo
    for k, (a, b) in enumerate(inner):
        nxt = inner[k + 1][0] if k + 1 < len(inner) else hi
        lefts = [e for e in run if any(s1 <= a + 0.5 and s0 >= edge - 0.5 for s0, s1 in e.spans)]
        rights = [e for e in run if any(s0 >= b - 0.5 and s1 <= nxt + 0.5 for s0, s1 in e.spans)]
        left, right = sum(e.weight for e in lefts), sum(e.weight for e in rights)
        left_w = max((s1 for e in run for s0, s1 in e.spans if s1 <= a + 0.5 and s0 >= edge - 0.5), default=edge)
        left_w -= min((s0 for e in run for s0, s1 in e.spans if s1 <= a + 0.5 and s0 >= edge - 0.5), default=edge)
        extents = [(min(s0 for s0, s1 in e.spans if s0 >= b - 0.5 and s1 <= nxt + 0.5),
                    max(s1 for s0, s1 in e.spans if s0 >= b - 0.5 and s1 <= nxt + 0.5), e.weight) for e in rights]
        both = left >= COLUMN_MIN_ROWS and right >= COLUMN_MIN_ROWS and _aligned(extents)
        if left_w >= COLUMN_MIN_WIDTH_EM * size and (
                both or _ends_early(run, rights, lefts, size, extents) or _ends_early(run, lefts, rights, size)):
            kept.append((a, b))
            edge = b
    if kept:
        last = [(s0, s1) for e in run for s0, s1 in e.spans if s0 >= kept[-1][1] - 0.5]
        if not last or max(s1 for _, s1 in last) - min(s0 for s0, _ in last) < COLUMN_MIN_WIDTH_EM * size:
            kept.pop()
    return kept


def _ends_early(run: list[_Entry], side: list[_Entry], other: list[_Entry], size: float,
                extents: list[tuple[float, float, int]] | None = None) -> bool:
    """Whether ``side`` is a column of a line or two set at the top of a long column's run.

    Why: a paragraph that runs on from the left column into the right one may end
    after a line or two, and the right column stays empty below it (the end of a
    chapter, a page whose notes or next chapter follow under both columns). Without
    this, the gutter has too few rows on that side, the page is read as full-width
    rows, and the run-on line is read right after the left column's first line.
    The short column is text in the long column's type size (not a running header's
    other half, not a caption) standing at the top of the run; the long column is
    rows of text, not a box.
    """
    rows = sum(e.weight for e in side)
    text_rows = [e for e in other if e.box is None]
    if (not side or rows >= COLUMN_MIN_ROWS or len(text_rows) < LONG_COLUMN_MIN_ROWS
            or any(e.box is not None for e in side)):
        return False
    if max(e.bottom for e in side) > run[0].top + SHORT_COLUMN_SPAN_EM * size:
        return False
    own = statistics.median(w.size for e in side for w in e.words)
    if abs(own - statistics.median(w.size for e in text_rows for w in e.words)) >= RUN_ON_SIZE_PT:
        return False
    return extents is None or _aligned(extents, need=rows)


def _runs_on(prev: _Entry, row: _Entry, size: float) -> bool:
    """Whether ``row`` is the next line of the full-width text row ``prev`` ends.

    Why: the short last line of a full-width paragraph leaves the gutter of the
    columns below it empty, and would otherwise open their run as a left-column line.
    """
    if prev.box is not None or row.box is not None or not prev.words or not row.words:
        return False
    gap = row.top - prev.bottom
    return (gap <= RUN_ON_GAP_EM * size and abs(prev.spans[0][0] - row.spans[0][0]) <= ALIGN_TOLERANCE_PT
            and abs(statistics.median(w.size for w in prev.words) - statistics.median(w.size for w in row.words))
            < RUN_ON_SIZE_PT)


def _aligned(extents: list[tuple[float, float, int]], need: int = COLUMN_MIN_ROWS) -> bool:
    """Whether the rows right of a gutter start at one left edge, or are centred on one axis,
    as a column's lines are.

    Why: in narrow justified text a few consecutive lines can have stretched spaces
    that line up into a strip as wide as a gutter; the text after such spaces starts
    anywhere (and ends at the column's edge, so its centres scatter too), while a real
    column's lines start flush (indents and bullets aside). Text set beside shapes on
    infographic pages (a step's caption under its numbered circle) is centred instead.

    Args:
        extents: ``(x0, x1, weight)`` of each row's text right of the gutter.
        need: Rows that must share the edge or the axis.
    """
    total = sum(w for _, _, w in extents)

    def best(points: list[float]) -> int:
        return max((sum(w for x, (_, _, w) in zip(points, extents) if abs(x - x0) <= ALIGN_TOLERANCE_PT)
                    for x0 in points), default=0)

    top = max(best([x0 for x0, _, _ in extents]), best([(x0 + x1) / 2 for x0, x1, _ in extents]))
    return top >= need and top >= ALIGNED_SHARE * total


def _baseline_rows(words: list) -> list[list]:
    """Words grouped by shared baseline, for the band scan.

    Why baselines, not overlap: a five-line heading set large beside the last lines
    of a paragraph in the next column overlaps two of them at once; grouped by
    overlap they would be one row and the short column beside the heading would
    count fewer rows than it has.
    """
    rows: list[list] = []
    for w in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if rows and abs(w.bottom - rows[-1][-1].bottom) <= BASELINE_TOLERANCE_EM * min(w.size, rows[-1][-1].size):
            rows[-1].append(w)
        else:
            rows.append([w])
    return rows


def _entries(words: list, boxes: list[Box], overlap: float, size: float) -> list[_Entry]:
    loose = [w for w in words if not any(b.holds(w) for b in boxes)]
    entries = []
    for row in _baseline_rows(loose):
        entries.append(_Entry(min(w.top for w in row), max(w.bottom for w in row),
                              _merge_spans([(w.x0, w.x1) for w in row]), words=row))
    for b in boxes:
        held = [w for w in words if b.holds(w)]
        entries.append(_Entry(b.top, b.bottom, [(b.x0, b.x1)], words=held, box=b,
                              weight=max(1, round((b.bottom - b.top) / (BOX_ROW_PITCH_EM * size)))))
    entries.sort(key=lambda e: (e.top, e.spans[0][0]))
    return entries


def _run(entries: list[_Entry], i: int, lo: float, hi: float, min_gap: float,
         break_gap: float | None) -> tuple[int, list[tuple[float, float]]]:
    """The end (exclusive) of the run of rows from ``entries[i]`` that keep a strip empty, and its strips.

    The run ends where its last interior strip closes; a row that only keeps a margin
    strip open (a page number in the gutter) does not extend it. With ``break_gap``, it
    also ends before a row standing that far below every row above it.
    """
    strips = [(a, b) for a, b in _gaps(entries[i].spans, lo, hi) if b - a >= min_gap]
    j = i + 1
    good = (j, strips)
    bottom = entries[i].bottom
    while j < len(entries) and strips:
        if break_gap is not None and entries[j].top - bottom > break_gap:
            break
        nxt = _intersect(strips, _gaps(entries[j].spans, lo, hi), min_gap)
        if not nxt:
            break
        strips = nxt
        bottom = max(bottom, entries[j].bottom)
        j += 1
        if any(a > lo + 0.5 and b < hi - 0.5 for a, b in strips):
            good = (j, strips)
    return good


class Segmenter:
    """Splits a page's words into :class:`Leaf` regions in reading order.

    Args:
        overlap: Share of the smaller height two words must share to be in one row.
        boxes: Every box of the page (:func:`find_boxes`), nested ones included.
    """

    def __init__(self, overlap: float, boxes: list[Box] | None = None):
        self.overlap = overlap
        self.boxes = boxes or []
        self.leaves: list[Leaf] = []
        self.band = 0

    def run(self, words: list) -> list[Leaf]:
        self.leaves, self.band = [], 0
        self._segment(words, None, 0, boxed=False)
        return self.leaves

    def _emit(self, words: list, boxed: bool, ruled: bool = False) -> None:
        if words:
            self.leaves.append(Leaf(words, self.band, -1, 1, boxed, ruled))

    def _segment(self, words: list, scope: Box | None, depth: int, boxed: bool) -> None:
        if not words:
            return
        size = statistics.median(w.size for w in words) or 10.0
        min_gap = max(GUTTER_MIN_PT, GUTTER_MIN_EM * size)
        entries = _entries(words, _outermost(self.boxes, words, scope), self.overlap, size)
        lo = min(s0 for e in entries for s0, _ in e.spans)
        hi = max(s1 for e in entries for _, s1 in e.spans)
        full: list[_Entry] = []
        i = 0
        while i < len(entries):
            if full and full[-1] is entries[i - 1] and _runs_on(entries[i - 1], entries[i], size):
                full.append(entries[i])  # the short last line of a full-width paragraph
                i += 1
                continue
            gutters: list[tuple[float, float]] = []
            for gap in (RUN_BREAK_EM * size, None):  # cut at a wide empty stretch first
                j, strips = _run(entries, i, lo, hi, min_gap, gap)
                gutters = _valid_gutters(entries[i:j], strips, lo, hi, size) if depth < MAX_DEPTH else []
                if gutters:
                    break
            if not gutters:
                full.append(entries[i])
                i += 1
                continue
            self._flush_full(full, scope, depth, boxed)
            full = []
            self._columns(entries[i:j], gutters, scope, depth, boxed)
            i = j
        self._flush_full(full, scope, depth, boxed)

    def _flush_full(self, full: list[_Entry], scope: Box | None, depth: int, boxed: bool) -> None:
        """Consecutive full-width rows make one region; a box among them is read as its own."""
        run: list = []
        for e in full:
            if e.box is None:
                run.extend(e.words)
                continue
            self._emit(run, boxed)
            run = []
            self.band += 1
            first = len(self.leaves)
            self._segment(e.words, e.box, depth + 1, boxed=True)
            for leaf in self.leaves[first:]:
                leaf.ruled = e.box.ruled
                leaf.shape = leaf.shape or e.box.bbox  # a tile inside a panel keeps its own
            self.band += 1
        self._emit(run, boxed)
        if full:
            self.band += 1

    def _columns(self, run: list[_Entry], gutters: list[tuple[float, float]], scope: Box | None,
                 depth: int, boxed: bool) -> None:
        """Read a column band: each column on its own, left to right (nested columns too)."""
        parts: list[list] = [[] for _ in range(len(gutters) + 1)]
        for e in run:
            if e.box is not None:
                k = sum(1 for _, g1 in gutters if (e.box.x0 + e.box.x1) / 2 >= g1 - 1)
                parts[k].extend(e.words)
                continue
            for w in e.words:
                parts[sum(1 for _, g1 in gutters if (w.x0 + w.x1) / 2 >= g1 - 1)].append(w)
        band = self.band
        for k, words in enumerate(parts):
            sub = Segmenter(self.overlap, self.boxes)
            sub._segment(words, scope, depth + 1, boxed)
            for leaf in sub.leaves:
                if leaf.column < 0:
                    leaf.column, leaf.columns = k, len(parts)
                leaf.band = band
                self.leaves.append(leaf)
        self.band = band + 1
