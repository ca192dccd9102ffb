"""Boxes on a page: filled, framed or ruled rectangles that hold text, read as regions of
their own (:mod:`pipeline.layout.regions` places them in the reading order).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Protocol

#: A rectangle is a box when it is at least this wide and tall (points) ...
BOX_MIN_WIDTH_PT = 30.0
BOX_MIN_HEIGHT_PT = 12.0
#: ... and covers at most this share of the page (larger ones are backgrounds and frames).
BOX_MAX_PAGE_SHARE = 0.6
#: A fill lighter than this (0 black, 1 white) without a stroke is invisible on white paper.
BOX_WHITE_LUMINANCE = 0.97
#: A rule is a line or a rectangle at most this thick (points)...
RULE_MAX_THICKNESS_PT = 3.0
#: ...and two rules of nearly one length (this share) at most this many font sizes apart
#: frame the text between them (a pull quote, a highlighted statement).
RULE_PAIR_OVERLAP = 0.8
RULED_BOX_MAX_EM = 10.0


class WordLike(Protocol):
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Box:
    """A filled or framed rectangle that holds text."""

    x0: float
    top: float
    x1: float
    bottom: float
    filled: bool = True
    ruled: bool = False  # bounded by a horizontal rule above and below (a pull quote)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)

    def holds(self, w: WordLike) -> bool:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return self.x0 <= cx <= self.x1 and self.top <= cy <= self.bottom

    def inside(self, other: "Box") -> bool:
        return (other.x0 - 0.5 <= self.x0 and self.x1 <= other.x1 + 0.5
                and other.top - 0.5 <= self.top and self.bottom <= other.bottom + 0.5)


def luminance(color) -> float | None:
    """0 (black) … 1 (white) for a pdfplumber colour (gray, RGB or CMYK tuple)."""
    if color is None:
        return None
    if isinstance(color, (int, float)):
        return float(color)
    try:
        c = [float(v) for v in color]
    except (TypeError, ValueError):
        return None
    if len(c) == 1:
        return c[0]
    if len(c) == 3:
        return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]
    if len(c) == 4:
        k = c[3]
        r, g, b = ((1 - x) * (1 - k) for x in c[:3])
        return 0.299 * r + 0.587 * g + 0.114 * b
    return None


def find_boxes(shapes: list[dict], words: list, page_size: tuple[float, float],
               exclude: list | None = None) -> list[Box]:
    """Boxes among a page's rectangles and closed curves: visible, not a background, holding text.

    Nested boxes are all returned (a panel and the tiles inside it); the segmenter
    takes the outermost ones first and the inner ones when it reads a box.
    """
    width, height = page_size
    out: list[Box] = []
    for s in shapes:
        try:
            x0, top, x1, bottom = float(s["x0"]), float(s["top"]), float(s["x1"]), float(s["bottom"])
        except (KeyError, TypeError, ValueError):
            continue
        if x1 - x0 < BOX_MIN_WIDTH_PT or bottom - top < BOX_MIN_HEIGHT_PT:
            continue
        if (x1 - x0) * (bottom - top) > BOX_MAX_PAGE_SHARE * width * height:
            continue
        fill, stroke = bool(s.get("fill")), bool(s.get("stroke"))
        lum = luminance(s.get("non_stroking_color"))
        visible_fill = fill and (lum is None or lum < BOX_WHITE_LUMINANCE)
        if not (visible_fill or stroke):
            continue
        box = Box(x0, top, x1, bottom, filled=visible_fill)
        if exclude and any(box.inside(Box(*e)) for e in exclude):
            continue  # a table cell
        if any(box.holds(w) for w in words) and not any(box.inside(k) and k.inside(box) for k in out):
            out.append(box)
    return out


def ruled_boxes(shapes: list[dict], words: list) -> list[Box]:
    """Boxes framed by two horizontal rules of nearly one length with text between them.

    Why: pull quotes and highlighted statements are often set between rules, not in
    a frame; read as body text they break the paragraph they interrupt.
    """
    rules = []
    for s in shapes:
        try:
            x0, top, x1, bottom = float(s["x0"]), float(s["top"]), float(s["x1"]), float(s["bottom"])
        except (KeyError, TypeError, ValueError):
            continue
        if bottom - top <= RULE_MAX_THICKNESS_PT and x1 - x0 >= BOX_MIN_WIDTH_PT:
            rules.append((top, bottom, x0, x1))
    rules.sort()
    size = statistics.median(w.size for w in words) if words else 10.0
    out = []
    for k, (t1, b1, a0, a1) in enumerate(rules):
        for t2, b2, c0, c1 in rules[k + 1:]:
            if t2 - b1 < BOX_MIN_HEIGHT_PT:
                continue
            overlap = min(a1, c1) - max(a0, c0)
            if overlap < RULE_PAIR_OVERLAP * min(a1 - a0, c1 - c0) or overlap < RULE_PAIR_OVERLAP * max(a1 - a0, c1 - c0):
                continue
            if t2 - b1 > RULED_BOX_MAX_EM * size:
                break
            box = Box(max(a0, c0), b1, min(a1, c1), t2, filled=False, ruled=True)
            if any(box.holds(w) for w in words):
                out.append(box)
            break  # the next rule below closes the frame
    return out


def _outermost(boxes: list[Box], words: list, scope: Box | None) -> list[Box]:
    """The largest boxes strictly inside ``scope`` that hold some of ``words``, none inside another."""
    cands = [b for b in boxes
             if (scope is None or (b.inside(scope) and not scope.inside(b))) and any(b.holds(w) for w in words)]
    cands.sort(key=lambda b: -((b.x1 - b.x0) * (b.bottom - b.top)))
    kept: list[Box] = []
    for b in cands:
        if not any(b.inside(k) for k in kept):
            kept.append(b)
    return kept
