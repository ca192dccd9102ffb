"""Page layout, words → lines → reading order: rows of words split into line segments
(columns, cells, side labels) by style and gap, OCR sizes snapped, lines grouped into
the page's reading regions (:mod:`pipeline.layout.regions`).
"""

from __future__ import annotations

import dataclasses
import statistics

from pipeline.layout.page import (
    GLYPH_MAX_CHARS,
    GLYPH_SIZE_RATIO,
    LIGATURES,
    LIGHT_LUMINANCE,
    Line,
    OCR_SIZE_SNAP,
    ROW_OVERLAP,
    SEGMENT_GAP_EM,
    SEGMENT_GAP_RATIO,
    SPACE_GAP_EM,
    STYLE_SPLIT_RATIO,
    SUPERSCRIPT_RAISE_EM,
    SUPERSCRIPT_SIZE_RATIO,
    Word,
    _BOLD,
    _MARKER,
)
from pipeline.layout.boxes import Box, find_boxes, luminance, ruled_boxes
from pipeline.layout.regions import Segmenter, contents_target, rows_of
from pipeline.layout.tagged import majority_role, tags_by_mcid

#: What Tesseract reads for a small round bullet («•»): a dot, a low comma, a middle dot.
OCR_BULLET_MISREADS = frozenset(".,‚·°*")
#: Specks it reads beside the bullet (dropped when the bullet is read back).
OCR_BULLET_NOISE = frozenset("_‚,.'`")
#: What Tesseract reads for a box's vertical edge: a narrow mark of these characters...
OCR_EDGE_MARKS = frozenset("|¦[]!lI")
#: ...at most this wide (font sizes), within this distance (font sizes) of the edge.
OCR_EDGE_MAX_EM = 0.3
OCR_EDGE_NEAR_EM = 0.5
#: A misread bullet is at most this wide (font sizes) ...
OCR_BULLET_MAX_EM = 0.5
#: ... and stands this far (font sizes) before the item's first word (a hanging indent).
OCR_BULLET_GAP_EM = 1.0


def _words(page) -> list[Word]:
    upright = page.filter(lambda o: o.get("object_type") != "char" or o.get("upright", True))
    tags = tags_by_mcid(page)
    attrs = ["size", "fontname", "non_stroking_color"] + (["mcid"] if tags else [])
    raw = upright.extract_words(extra_attrs=attrs, keep_blank_chars=False, use_text_flow=False)
    return [
        Word(w["text"].translate(LIGATURES), w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]),
             bool(_BOLD.search(w.get("fontname", ""))),
             light=(lum := luminance(w.get("non_stroking_color"))) is not None and lum >= LIGHT_LUMINANCE,
             role=tag.role if (tag := tags.get(w.get("mcid"))) else None,
             tag=(tag.unit, tag.seq) if tag and tag.unit >= 0 else None)
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
    elif page is not None and getattr(words, "boxes", None):
        # A scan's tinted boxes, found on the image (pipeline.layout.ocr_image.shaded_boxes).
        boxes = find_boxes(list(words.boxes), ws, (float(page.width), float(page.height)), exclude)
        ws = [w for w in ws if not on_box_edge(w, boxes)]
    lines = []
    # Rows are formed again inside each region: baselines of neighbouring columns
    # (and their footnotes, set smaller) do not line up.
    for k, leaf in enumerate(Segmenter(ROW_OVERLAP, boxes).run(ws)):
        for row in rows_of(leaf.words, ROW_OVERLAP):
            target = contents_target(row)
            segs = [sorted(row, key=lambda w: w.x0)] if target is not None else [
                seg for run in _style_runs(row) for seg in _segments(run)]
            for seg in segs:
                if words is not None:
                    seg = ocr_bullet(seg)
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


def on_box_edge(word: Word, boxes: list[Box]) -> bool:
    """Whether an OCR word is a box's frame read as a mark («|», «[», «l»): a thin mark on its left or right edge.

    Why: Tesseract reads the vertical edge of a framed box as a «|» beside each line;
    left in, it opens every line of the box's text.
    """
    text = word.text.strip()
    if not text or any(c not in OCR_EDGE_MARKS for c in text):
        return False
    size = word.size or 1.0
    if word.x1 - word.x0 > OCR_EDGE_MAX_EM * size:
        return False
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    near = OCR_EDGE_NEAR_EM * size
    return any(b.top - near <= cy <= b.bottom + near and min(abs(cx - b.x0), abs(cx - b.x1)) <= near
               for b in boxes)


def ocr_bullet(seg: list[Word]) -> list[Word]:
    """A line segment whose bullet OCR misread, with the bullet read back as «•».

    Why: Tesseract reads a small round bullet as ``.`` or ``‚`` (often with specks,
    ``_``), so an OCR'd list loses its items and runs into one paragraph. A narrow mark
    of :data:`OCR_BULLET_MISREADS` opening a segment, a hanging indent (at least
    :data:`OCR_BULLET_GAP_EM`) before the first word, and a word that opens like text
    is a bullet; specks between them are dropped.
    """
    if len(seg) < 2:
        return seg
    first = seg[0]
    size = first.size or 1.0
    if first.text not in OCR_BULLET_MISREADS or first.x1 - first.x0 > OCR_BULLET_MAX_EM * size:
        return seg
    i = 1
    while i < len(seg) - 1 and all(ch in OCR_BULLET_NOISE for ch in seg[i].text):
        i += 1
    nxt = seg[i]
    if nxt.x0 - first.x1 < OCR_BULLET_GAP_EM * size or not nxt.text[:1].isalnum():
        return seg
    return [dataclasses.replace(first, text="•"), *seg[i:]]


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
    """Group body lines into the regions found by :mod:`pipeline.layout.regions`, in reading order.

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
