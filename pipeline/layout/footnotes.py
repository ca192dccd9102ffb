"""The footnote area at a page's bottom, split into numbered footnotes.

A footnote area is the run of small-type lines at the bottom of a page's body, its
first line starting with a number. Within it a footnote starts at a line whose
leading number is set apart from the text that follows — by weight, size, a raised
baseline, or a hanging indent — or, for plainly typeset notes, at the next number
in sequence. Numbering may restart (annexes): each restart opens a new *series*,
and a later continuation of an older series is recognised by its next number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.layout.page import FOOTNOTE_SIZE_RATIO, Block, Line, _FOOTNOTE_START
from pipeline.layout.textjoin import join_lines

#: A footnote number sits at least this far (points) left of continuation lines.
HANGING_INDENT_PT = 2.0
#: A note number glued to the note's first word ("1The", "2«О…»").
_GLUED_NUMBER = re.compile(r"^(\d{1,3})(?=[A-ZА-ЯЁ«\"“„(\[])")
#: A note ending with one of these is complete; otherwise it may continue overleaf.
NOTE_END = (".", "!", "?", ")", "»", '"', "”")
#: Footnote lines are at most this many body-line pitches apart.
MAX_FOOTNOTE_GAP_EM = 3.0


@dataclass
class FootnoteSeries:
    """Tracks numbering across pages: ``last[s]`` is the last number of series ``s``."""

    last: list[int] = field(default_factory=lambda: [0])
    current: int = 0
    last_note: Block | None = None  # to receive a note's continuation on the next page

    def assign(self, number: int) -> int:
        """The series a footnote numbered ``number`` belongs to (opening one if needed)."""
        if number == self.last[self.current] + 1:
            series = self.current
        else:
            cands = [s for s, last in enumerate(self.last) if last + 1 == number]
            if cands:
                series = cands[-1]
            elif number == 1:
                self.last.append(0)
                series = len(self.last) - 1
            else:
                series = self.current
        self.last[series] = max(self.last[series], number)
        self.current = series
        return series


def _starts_note(line: Line, body_x0: float) -> int | None:
    """The footnote number a line starts with, if its first word is set apart."""
    if line.markers and line.markers[0][0] == 0:
        num = line.markers[0][1]
        return int(num) if num.isdigit() else None
    first = line.words[0]
    m = _FOOTNOTE_START.match(first.text)
    if not m:
        glued = _GLUED_NUMBER.match(first.text)
        # "1The assessment…": a number set tight against a capital is a note number
        # (word processors put no space after it), never running text.
        return int(glued.group(1)) if glued else None
    rest = line.words[1] if len(line.words) > 1 else None
    styled = rest is not None and (
        first.bold != rest.bold or first.size < rest.size - 0.3 or first.bottom < rest.bottom - 0.5
    )
    hanging = line.x0 < body_x0 - HANGING_INDENT_PT
    if styled or hanging:
        return int(m.group(1))
    return -int(m.group(1))  # plain number: accepted only in sequence


def _has_text(line: Line) -> bool:
    return any(c.isalnum() for c in line.text)


def find_footnote_area(
    lines: list[Line], body_size: float, series: FootnoteSeries | None = None
) -> tuple[int, int] | None:
    """Where the footnote area begins in ``lines`` (sorted top to bottom).

    Returns:
        ``(area_start, first_note)``: lines from ``area_start`` to ``first_note``
        continue the previous page's last note (it ended mid-sentence); from
        ``first_note`` on they are this page's notes. ``None`` when the page has no
        footnote area.
    """
    small = FOOTNOTE_SIZE_RATIO * body_size
    i = len(lines)
    while i > 0 and lines[i - 1].size <= small:
        i -= 1
    if i == len(lines):
        return None
    area = lines[i:]
    # Lines with no letter or digit (a frame's edge or a rule OCR read as «|» marks)
    # are not text: they neither set the notes' left edge nor come before the first note.
    textual = [ln for ln in area if _has_text(ln)] or area
    xs = sorted(ln.x0 for ln in textual)
    body_x0 = xs[len(xs) // 2]
    first = None
    for j, ln in enumerate(area):
        n = _starts_note(ln, body_x0)
        opens = not any(_has_text(prev) for prev in area[:j])
        if (n is not None and n > 0) or (n is not None and n < 0 and opens):
            first = i + j
            break
    carried = series is not None and series.last_note is not None and not series.last_note.text.rstrip().endswith(NOTE_END)
    if first is None:
        return (i, len(lines)) if carried else None
    return (i, first) if carried else (first, first)


def split_footnotes(
    area: list[Line], page: int, series: FootnoteSeries, lang: str
) -> list[Block]:
    """Split footnote-area lines into footnote blocks, numbered and in a series."""
    xs = sorted(ln.x0 for ln in area)
    body_x0 = xs[len(xs) // 2] if len(xs) > 2 else xs[-1]
    groups: list[tuple[int, list[Line]]] = []
    expected = series.last[series.current] + 1
    starts = [_starts_note(ln, body_x0) for ln in area]
    # When the notes set their numbers apart (bold, raised, hanging), a plain number
    # at a line start is text ("1. Доступно…" continuing a note), never a new note.
    styled = any(n is not None and n > 0 for n in starts)
    note_x0 = min(ln.x0 for ln in area)
    for ln, n in zip(area, starts):
        if n is not None and n < 0:
            plain = -n
            ok = not styled and ln.x0 <= note_x0 + HANGING_INDENT_PT and (
                not groups or plain in (expected, 1)
            )
            n = plain if ok else None
        if n is not None and n > 0:
            groups.append((n, [ln]))
            expected = n + 1
        elif groups:
            groups[-1][1].append(ln)
    notes = []
    for number, lines in groups:
        texts = [ln.text for ln in lines]
        first = texts[0]
        if lines[0].markers and lines[0].markers[0][0] == 0:
            pass  # the superscript number was already removed from the text
        else:
            head = lines[0].words[0].text
            glued = _GLUED_NUMBER.match(head)
            first = first[len(glued.group(1)) if glued else len(head):].lstrip()
        text, _ = join_lines([first] + texts[1:], lang)
        s = series.assign(number)
        note = Block.around(
            lines,
            "footnote",
            page,
            text,
            size=lines[0].size,
            footnote_number=number,
            footnote_series=s,
            ocr_conf=lines[0].ocr_conf,
        )
        series.last_note = note
        notes.append(note)
    return notes


def continue_note(series: FootnoteSeries, lines: list[Line], lang: str) -> None:
    """Append a note's continuation (top of the next page's area) to that note."""
    note = series.last_note
    if note is None or not lines:
        return
    note.text = join_lines([note.text] + [ln.text for ln in lines], lang)[0]
    note.n_lines += len(lines)


def assign_ref_series(blocks: list[Block], notes: list[Block], series: FootnoteSeries) -> None:
    """Give each body marker the series of the same-numbered note on its page."""
    by_number = {n.footnote_number: n.footnote_series for n in notes}
    for b in blocks:
        if b.refs:
            b.refs = [
                (num, off, by_number.get(num, series.current)) for num, off, _ in b.refs
            ]


#: OCR renders a small raised note number glued to the word ("20185" for 2018⁵)…
_OCR_GLUED = re.compile(r"(?:(?<=[^\W\d_])|(?<=[»\")\]”’]))(\d{1,2})(?=[\s.,;:)»”]|$)")
_OCR_YEAR_GLUED = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{1,2})(?=[\s.,;:)]|$)")
#: …or as a stray mark after a word or punctuation ("актуальной‘.", "стране.?").
_OCR_STRAY = re.compile(r"(?:(?<=[^\W\d_])|(?<=[.,;:»\"”)]))([‘’“”\"'?!*°^])(?=[\s.,;:)]|$)")


def recover_ocr_markers(blocks: list[Block], notes: list[Block]) -> None:
    """Find the markers of a scanned page's footnotes in its OCR'd body text.

    Why: Tesseract does not report superscripts; a note number comes out glued to
    the word before it (``2019-20217`` for 2019-2021⁷) or as a stray mark
    (``актуальной‘.``). The page's own footnotes say which numbers to look for, so
    only those are taken, in reading order, each at the first plausible place after
    the previous one; a candidate that matches no expected number stays text.
    """
    numbers = [n.footnote_number for n in notes if n.footnote_number is not None]
    series = {n.footnote_number: n.footnote_series for n in notes}
    body = [b for b in blocks if b.kind in ("paragraph", "list_item", "heading") and b.ocr_conf is not None]
    if not numbers or not body:
        return
    candidates: list[tuple[int, int, int, int, str]] = []  # (block, start, end, value, kind)
    for i, b in enumerate(body):
        for m in _OCR_YEAR_GLUED.finditer(b.text):
            candidates.append((i, m.start(2), m.end(2), int(m.group(2)), "digits"))
        for m in _OCR_GLUED.finditer(b.text):
            if not _OCR_YEAR_GLUED.match(b.text, max(0, m.start(1) - 4)):
                candidates.append((i, m.start(1), m.end(1), int(m.group(1)), "digits"))
        for m in _OCR_STRAY.finditer(b.text):
            candidates.append((i, m.start(1), m.end(1), -1, "mark"))
    candidates.sort()
    cuts: dict[int, list[tuple[int, int, int]]] = {}
    pos = (-1, -1)
    for n in numbers:
        pick = next((c for c in candidates if (c[0], c[1]) > pos
                     and (c[3] == n or c[4] == "mark")), None)
        if pick is None:
            continue
        # a glued digit that matches beats a stray mark just before it in the same block
        exact = next((c for c in candidates if (c[0], c[1]) > pos and c[0] == pick[0] and c[3] == n), None)
        if pick[4] == "mark" and exact is not None:
            pick = exact
        cuts.setdefault(pick[0], []).append((pick[1], pick[2], n))
        pos = (pick[0], pick[1])
    for i, spans in cuts.items():
        b = body[i]
        text, refs, removed, last = "", [], 0, 0
        for start, end, n in sorted(spans):
            text += b.text[last:start]
            refs.append((n, start - removed, series.get(n, 0)))
            removed += end - start
            last = end
        b.text = text + b.text[last:]
        b.refs = sorted(b.refs + refs, key=lambda r: r[1])
