"""Page layout, lines → blocks: paragraph breaks by spacing, indent or hanging lists,
headings by size and weight, list items, block kinds.
"""

from __future__ import annotations

import re
import statistics

from pipeline.layout.page import (
    Block,
    DEFAULT_PITCH_EM,
    EDGE_TOLERANCE_PT,
    FLUSH_EM,
    HANGING_MAX_ENDED_SHARE,
    HANGING_MIN_ENTRIES,
    HEADING_MAX_CHARS,
    HEADING_MAX_LINES,
    HEADING_SIZE_RATIO,
    INDENT_EM,
    ITEM_LEAD_IN,
    Line,
    OCR_SIZE_TOLERANCE,
    OCR_TITLE_GAP_EM,
    OCR_TITLE_LINE_SHARE,
    OCR_TITLE_SIZE_TOLERANCE,
    PARAGRAPH_PITCH_FACTOR,
    RUN_ON_ENDINGS,
    SHORT_LINE_EM,
    SIZE_CHANGE_PT,
    STRONG_BULLETS,
    TITLE_MIN_LETTERS,
    _BULLET,
    _NUMBER_SIGN_END,
)
from pipeline.layout.tagged import majority_role, starts_other_element, tag_units
from pipeline.layout.textjoin import collapse_letter_spacing, join_lines


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
    if starts_item(line.text, prev.text) or starts_other_element(prev, line):
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
        tags=tag_units(lines),
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
