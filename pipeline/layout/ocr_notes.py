"""The footnote area of a scanned page, found from its separator rule.

In a text layer the footnote area is told by its smaller font
(:func:`pipeline.layout.footnotes.find_footnote_area` takes the run of small lines at
a region's bottom). OCR only estimates sizes, from the height of the ink, and the
estimate fails on lines that are mostly a web address: slashes, brackets and
digits reach above capitals and below the baseline, so ``act/view/ru-ru/157527.``
comes out at body size, breaks the run of small lines, and the notes above it stay
in the body. The page image shows more than the sizes: reports set a short
horizontal rule (a fifth of the text width, at the left margin) above their notes.

:func:`separator_rules` finds such rules with OpenCV morphology (as
:mod:`pipeline.layout.ocr_tables` finds table rules); :func:`set_note_sizes` gives
the words under a rule one size, the median of their estimates, when that is the
smaller text a footnote area has. The layout stage then finds the area as in a text
layer, and nothing downstream needs to know the page was scanned.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import numpy as np

from pipeline.layout.page import FOOTNOTE_SIZE_RATIO

#: A separator is at least this share of the page width (longer than any letter run
#: the opening keeps)…
MIN_RULE_SHARE = 0.06
#: …and at most this share: a full-width rule is a header line or a table's border.
MAX_RULE_SHARE = 0.45
#: A separator is thin: at most this many points (the sample's is 0.3 pt, a pixel or
#: two at 200 dpi after blur).
MAX_RULE_PT = 1.5
#: A separator sits in the lower part of the page: below this share of its height.
MIN_RULE_DEPTH = 0.35
#: Nothing else is inked on the rule's row within this many points of it (a table's
#: rule meets verticals, a signature line has text beside it).
CLEAR_PT = 3.0
#: Ink blots in that band up to this side (points) are dust, not ink: a scan's specks
#: are a pixel or two, a letter's stroke or a table's vertical is larger.
SPECK_PT = 0.6
#: The rule starts within this many points of the left edge of the text under it
#: (a note continued from the page before has no number and hangs indented).
ALIGN_PT = 24.0
#: A word whose em box reaches this many points above the rule still counts as under
#: it (the box is drawn from an estimated size).
ABOVE_SLACK_PT = 3.0
#: The first line under the rule starts within this many points below it.
MAX_RULE_TO_TEXT_PT = 30.0
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class Rule:
    """A separator rule, in the coordinates of the words it is compared with."""

    x0: float
    x1: float
    y: float


def separator_rules(ink: np.ndarray, resolution: float) -> list[Rule]:
    """Short thin horizontal rules with a clear row, in the lower part of the page (pixels).

    Args:
        ink: The binarised page (255 = ink), deskewed.
        resolution: Its dpi (to turn the point tolerances into pixels).

    Returns:
        Candidate separator rules, top to bottom; :func:`set_note_sizes` keeps those
        that have the footnotes' smaller text under them.
    """
    import cv2

    h, w = ink.shape
    px = resolution / POINTS_PER_INCH
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(2, int(w * MIN_RULE_SHARE)), 1))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines)
    clear = int(round(CLEAR_PT * px))
    rules = []
    for left, top, width, height, _area in stats[1:count]:
        if width > MAX_RULE_SHARE * w or height > MAX_RULE_PT * px or top < MIN_RULE_DEPTH * h:
            continue
        band = ink[max(0, top - clear):min(h, top + height + clear)]
        if any(_blots(part, (SPECK_PT * px) ** 2)
               for part in (band[:, :max(0, left - clear)], band[:, min(w, left + width + clear):])):
            continue
        rules.append(Rule(float(left), float(left + width), float(top + height)))
    return sorted(rules, key=lambda r: r.y)


def _blots(part: np.ndarray, speck_area: float) -> bool:
    """True when ``part`` of the binarised page holds ink larger than a speck."""
    import cv2

    if part.size == 0 or not part.any():
        return False
    count, _, stats, _ = cv2.connectedComponentsWithStats(part)
    return bool((stats[1:count, cv2.CC_STAT_AREA] > speck_area).any())


def scaled(rules: list[Rule], scale: float, x_offset: float = 0.0, y_offset: float = 0.0) -> list[Rule]:
    """Rules from image pixels to PDF points (``scale`` points per pixel)."""
    return [Rule(x_offset + r.x0 * scale, x_offset + r.x1 * scale, y_offset + r.y * scale) for r in rules]


def _under(rule: Rule, rules: list[Rule], words: list[dict]) -> list[dict]:
    """Words below ``rule`` in its column: from its left edge to the next rule on its right."""
    right = min((r.x0 for r in rules if r.x0 > rule.x1 and abs(r.y - rule.y) < MAX_RULE_TO_TEXT_PT),
                default=float("inf"))
    return [w for w in words if w["top"] >= rule.y - ABOVE_SLACK_PT and rule.x0 - ALIGN_PT <= w["x0"] < right]


def set_note_sizes(words: list[dict], rules: list[Rule], em_ascent: float) -> list[Rule]:
    """Give the words under a footnote separator one size, the footnotes' (in place).

    A rule is taken as a footnote separator when text starts just under it, level
    with its left end, and that text is smaller than the page's other text (by
    :data:`pipeline.layout.page.FOOTNOTE_SIZE_RATIO`, the test the layout stage applies).
    Its words then all take the median of their size estimates, so that one
    misjudged line (a web address) no longer cuts the area in two.

    Args:
        words: OCR word dicts (``x0, top, size`` in points), changed in place.
        rules: Candidate rules in points (:func:`separator_rules`, :func:`scaled`).
        em_ascent: Share of a word's em box above its baseline
            (:data:`pipeline.layout.ocr.EM_ASCENT`): the boxes are redrawn for the new size.

    Returns:
        The rules taken as footnote separators.
    """
    taken = []
    for rule in rules:
        under = _under(rule, rules, words)
        if not under:
            continue
        first = min(under, key=lambda w: w["top"])
        if first["top"] - rule.y > MAX_RULE_TO_TEXT_PT or min(w["x0"] for w in under) > rule.x0 + ALIGN_PT:
            continue
        above = [w["size"] for w in words if w["bottom"] <= rule.y]
        if not above:
            continue
        size = statistics.median(w["size"] for w in under)
        if size > FOOTNOTE_SIZE_RATIO * statistics.median(above):
            continue
        for w in under:  # same baseline, the em box of the new size (as words_from_data draws it)
            baseline = w["bottom"] - (1 - em_ascent) * w["size"]
            w["size"] = round(size, 2)
            w["top"], w["bottom"] = baseline - em_ascent * size, baseline + (1 - em_ascent) * size
        taken.append(rule)
    return taken
