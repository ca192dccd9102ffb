"""Ruled tables on a page image: grid lines found with OpenCV, cells filled from OCR words.

In a born-digital PDF, pdfplumber finds ruled tables from the drawn lines
(:mod:`pipeline.layout.tables`). A scan has only pixels: without this module the
legislation table of a scanned report is read as prose, and its rows then count
as citations in running text. Here:

1. Rules are found by morphological opening of the binarised page with long thin
   kernels (a horizontal one keeps horizontal rules and drops letters, a vertical
   one the same for vertical rules), the standard OpenCV approach.
2. A table is a connected group of horizontal and vertical rules spanning at least
   :data:`pipeline.layout.page.TABLE_MIN_ROWS` rows and
   :data:`pipeline.layout.page.TABLE_MIN_COLS` columns.
3. Rows lie between consecutive horizontal rules; in each row a column divider
   counts only where ink runs down most of the row's height, so that a spanning
   group row ("I. Законы …") is one cell, and a dark header band keeps its columns.
4. Each OCR word goes to the cell holding its centre; a cell's lines are joined
   with newlines, as pdfplumber's cell texts are, so that the same clean-up applies.

Everything is in image pixels here; :func:`pipeline.layout.ocr.ocr_page` converts to points.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from pipeline.layout.page import TABLE_MIN_COLS, TABLE_MIN_ROWS

#: Horizontal rules are at least this share of the page width (letters never are).
H_RULE_SHARE = 0.08
#: Vertical rules are at least this many points tall (taller than any body letter,
#: shorter than the lowest table row of the sample, 17 pt).
V_RULE_PT = 12.0
#: A horizontal rule belongs to a table's row structure when it spans this share of the table.
H_RULE_SPAN = 0.6
#: A vertical rule is a column divider when it runs down this share of the table's height.
V_RULE_SPAN = 0.3
#: Within a row, a divider is drawn when ink covers this share of the row's height
#: at its position (a few pixels either side, for rules a pixel or two off vertical).
DIVIDER_COVER = 0.6
DIVIDER_SLACK_PX = 2
#: Rule pixels closer than this (points) are one rule (thick or double rules).
RULE_MERGE_PT = 2.5
#: Rows thinner than this (points) are the gap of a double rule, not a row.
MIN_ROW_PT = 5.0
#: Rule pixels are widened this much either way before their coverage is measured.
RULE_SLACK_PX = 2
#: A run of rule pixels thicker than this (points) is a filled band, not a rule.
THICK_RULE_PT = 4.0
#: Rules are joined into one grid across gaps up to this many points.
GRID_JOIN_PT = 3.0
POINTS_PER_INCH = 72.0


@dataclass
class PixelTable:
    """A table found on the image: its box and rows of (row box, cell texts), in pixels."""

    bbox: tuple[int, int, int, int]
    rows: list[tuple[tuple[int, int, int, int], list[str]]]


@dataclass
class PixelWord:
    """An OCR word's ink box in pixels and the Tesseract line it belongs to."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    line: tuple


def _runs(indices: np.ndarray, merge: int) -> list[tuple[int, int]]:
    """Group sorted indices into runs (first, last) whose gaps are at most ``merge``."""
    out: list[tuple[int, int]] = []
    for i in indices.tolist():
        if out and i - out[-1][1] <= merge:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def rule_masks(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rule masks of a binarised page (255 = ink)."""
    import cv2

    h, w = ink.shape
    h_len = max(3, int(w * H_RULE_SHARE))
    v_len = max(3, int(V_RULE_PT * dpi / POINTS_PER_INCH))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    return horizontal, vertical


def find_grids(ink: np.ndarray, dpi: float) -> list[tuple[list[tuple[int, int]], list[int], tuple[int, int, int, int]]]:
    """Ruled grids of a page: (horizontal rules as (top, bottom), divider xs, box), in pixels."""
    import cv2

    horizontal, vertical = rule_masks(ink, dpi)
    join = max(1, int(GRID_JOIN_PT * dpi / POINTS_PER_INCH))
    merge = max(1, int(RULE_MERGE_PT * dpi / POINTS_PER_INCH))
    grid = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((join, join), np.uint8))
    # A one-pixel rule left a fraction of a degree off straight runs over two pixel
    # rows, each covering only part of the table: measure coverage on thickened rules.
    horizontal = cv2.dilate(horizontal, np.ones((2 * RULE_SLACK_PX + 1, 1), np.uint8))
    vertical = cv2.dilate(vertical, np.ones((1, 2 * RULE_SLACK_PX + 1), np.uint8))
    thick = THICK_RULE_PT * dpi / POINTS_PER_INCH + 2 * RULE_SLACK_PX
    count, _, stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    out = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k][:4])
        # Inside a filled band, text cuts the opened rule rows; the raw ink does not.
        hs = np.maximum((horizontal[y:y + h, x:x + w] > 0).sum(axis=1), (ink[y:y + h, x:x + w] > 0).sum(axis=1))
        rules = []
        for a, b in _runs(np.flatnonzero(hs >= H_RULE_SPAN * w), merge):
            # A filled band (a dark header row) bounds a row at its top and its bottom.
            rules.extend([(a, a), (b, b)] if b - a > thick else [(a, b)])
        vs = (vertical[y:y + h, x:x + w] > 0).sum(axis=0)
        xs = [x + (a + b) // 2 for a, b in _runs(np.flatnonzero(vs >= V_RULE_SPAN * h), merge)]
        if len(rules) < TABLE_MIN_ROWS + 1 or len(xs) < TABLE_MIN_COLS + 1:
            continue
        out.append(([(y + a, y + b) for a, b in rules], xs, (x, y, x + w, y + h)))
    return out


def clean_table(grey: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> np.ndarray:
    """The table's image with its rules erased and filled bands inverted, for a second reading.

    Why: read with the page, a cell divider comes out as "|" glued to the cell's
    words, white header text on a dark band is half lost, and a lone row number in
    a narrow column is often misread. Without rules and with dark text on white, the
    table reads as plain text in columns.
    """
    import cv2

    x0, y0, x1, y1 = box
    crop = grey[y0:y1, x0:x1].copy()
    sub = ink[y0:y1, x0:x1]
    horizontal, vertical = rule_masks(sub, dpi)
    thick = int(THICK_RULE_PT * dpi / POINTS_PER_INCH)
    filled = (sub > 0).mean(axis=1) >= H_RULE_SPAN
    for a, b in _runs(np.flatnonzero(filled), max(1, int(RULE_MERGE_PT * dpi / POINTS_PER_INCH))):
        if b - a > thick:
            crop[a:b + 1] = 255 - crop[a:b + 1]
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    rules[filled] = 0  # the inverted band's own text must stay
    crop[rules > 0] = 255
    return crop


def _has_divider(ink: np.ndarray, x: int, top: int, bottom: int) -> bool:
    """Whether ink runs down most of ``top..bottom`` at ``x`` (± a little slack)."""
    if bottom <= top:
        return False
    strip = ink[top:bottom, max(0, x - DIVIDER_SLACK_PX): x + DIVIDER_SLACK_PX + 1] > 0
    return strip.any(axis=1).mean() >= DIVIDER_COVER


def _cell_text(words: list[PixelWord]) -> str:
    """Words of one cell as lines (top to bottom, left to right), joined with newlines."""
    lines: dict[tuple, list[PixelWord]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    ordered = sorted(lines.values(), key=lambda ws: min(w.top for w in ws))
    return "\n".join(" ".join(w.text for w in sorted(ws, key=lambda w: w.left)) for ws in ordered)


def find_tables(ink: np.ndarray, words: list[PixelWord], dpi: float,
                reread: Callable[[tuple[int, int, int, int]], list[PixelWord]] | None = None) -> list[PixelTable]:
    """Ruled tables of a page image with their cells filled from OCR words.

    Args:
        ink: Binarised (deskewed) page, 255 = ink.
        words: Tesseract's words in the same pixel frame.
        dpi: The image's resolution (tolerances are in points).
        reread: Given a table's box, returns its words read again (see
            :func:`clean_table`); the page's words are used without it.

    Returns:
        Tables in top-to-bottom order. A row's cells follow the table's columns; a
        cell that spans its neighbours (no divider drawn in that row) holds the text
        and the spanned cells are empty, as in pdfplumber's extraction.
    """
    min_row = MIN_ROW_PT * dpi / POINTS_PER_INCH
    tables = []
    for rules, xs, (x0, y0, x1, y1) in sorted(find_grids(ink, dpi), key=lambda g: g[2][1]):
        table_words = reread((x0, y0, x1, y1)) if reread is not None else words
        rows = []
        for (_, top), (bottom, _) in zip(rules, rules[1:]):
            if bottom - top < min_row:
                continue
            inner_top, inner_bottom = top + 1, bottom
            inside = [w for w in table_words if top <= (w.top + w.bottom) / 2 <= bottom
                      and xs[0] <= (w.left + w.right) / 2 <= xs[-1]]
            cells: list[str] = []
            start = 0
            for k in range(1, len(xs)):
                if k < len(xs) - 1 and not _has_divider(ink, xs[k], inner_top, inner_bottom):
                    continue  # this column's cell spans on to the next divider
                span = [w for w in inside if xs[start] <= (w.left + w.right) / 2 < xs[k]]
                cells.append(_cell_text(span))
                cells.extend([""] * (k - start - 1))
                start = k
            rows.append(((xs[0], top, xs[-1], bottom), cells))
        if len(rows) >= TABLE_MIN_ROWS and len(xs) - 1 >= TABLE_MIN_COLS:
            tables.append(PixelTable((x0, y0, x1, y1), rows))
    return tables
