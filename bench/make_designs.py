"""Typeset MGI-style report PDFs of real page designs, each with a truth file.

Real MGI country profiles are designed pages: chapter openings with a full-width
title and a shaded box, two or three columns, margin sidebars, pull quotes, contents
pages with dot leaders, infographic pages with text in coloured shapes, boxes with
columns of their own, footnotes under one column or under all of them. This script
draws such pages with reportlab (real TrueType fonts, so accented text has a real
text layer) and writes next to each ``NAME.pdf`` a ``NAME.truth.json`` in the format
of the shared sample's truth file: ``blocks`` in reading order, each with ``id``,
``page``, ``kind``, clean ``text`` (footnote markers removed, hyphenation undone),
``footnote_refs``, ``section_path``, ``domain`` and ``assessment``. Besides the
sample's kinds it uses ``box``, ``sidebar``, ``decoration`` and ``contents_entry``
(with ``title`` and ``target_page``). One more fixture is a tagged PDF exported by
LibreOffice (bench/office.py).

Everything is invented (an imaginary country per report), in Portuguese, Spanish,
French and English. The output is deterministic (reportlab's ``invariant`` mode).

Needs: reportlab, Debian's fonts-liberation, fonts-dejavu-core, fonts-dejavu-extra,
and for the tagged fixture libreoffice-writer-nogui.

Usage: python bench/make_designs.py [OUT_DIR] [--only NAME ...]
       (default OUT_DIR: tests/fixtures/designs)
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import design_texts as T  # noqa: E402
from office import TAGGED_PDF, fodt_to_pdf  # noqa: E402

OUT_DIR = ROOT / "tests" / "fixtures" / "designs"
MM = 72 / 25.4

# --------------------------------------------------------------------------- fonts

FONT_FILES = {
    # family: (regular, bold, italic, bold italic) file stems
    "LiberationSerif": ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic",
                        "LiberationSerif-BoldItalic"),
    "LiberationSans": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic",
                       "LiberationSans-BoldItalic"),
    "DejaVuSerif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
    "DejaVuSerifCondensed": ("DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold",
                             "DejaVuSerifCondensed-Italic", "DejaVuSerifCondensed-BoldItalic"),
    "DejaVuSans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    "DejaVuSansCondensed": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold",
                            "DejaVuSansCondensed-Oblique", "DejaVuSansCondensed-BoldOblique"),
}
FONT_DIRS = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]


@lru_cache(maxsize=None)
def font_file(stem: str) -> Path:
    for base in FONT_DIRS:
        if base.exists():
            for hit in sorted(base.rglob(f"{stem}.ttf")):
                return hit
    sys.exit(f"font {stem}.ttf is missing: apt-get install fonts-liberation fonts-dejavu-core fonts-dejavu-extra")


@lru_cache(maxsize=None)
def font(family: str, bold: bool = False, italic: bool = False) -> str:
    """Register (once) and return the reportlab name of a TrueType face."""
    stem = FONT_FILES[family][(2 if italic else 0) + (1 if bold else 0)]
    pdfmetrics.registerFont(TTFont(stem, str(font_file(stem))))
    return stem


def width_of(text: str, face: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, face, size)


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Style:
    family: str
    size: float
    leading: float = 0.0
    color: str = "#1f1f1f"
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify | left | center | right
    before: float = 0.0
    after: float = 0.0
    indent: float = 0.0  # first line
    left: float = 0.0  # all lines (hanging list items)
    hyphenate: bool = False
    tracking: float = 0.0  # letter spacing of single-piece lines (titles)

    @property
    def lead(self) -> float:
        return self.leading or round(self.size * 1.25, 2)

    @property
    def face(self) -> str:
        return font(self.family, self.bold, self.italic)

    def but(self, **kw) -> "Style":
        return replace(self, **kw)


SUPER_SIZE = 0.62  # superscript marker: size ratio
SUPER_RISE = 0.36  # and baseline raise, in ems


@dataclass
class Piece:
    text: str
    face: str
    size: float
    color: str
    rise: float = 0.0
    marker: bool = False

    @property
    def width(self) -> float:
        return width_of(self.text, self.face, self.size)


@dataclass
class Word:
    pieces: list[Piece]
    notes: list["Note"] = field(default_factory=list)

    @property
    def width(self) -> float:
        return sum(p.width for p in self.pieces)


# --------------------------------------------------------------------------- inline markup
# *italic*, **bold**, [[footnote text]] (the marker stands where the note is written).


def parse_inline(markup: str, style: Style, on_note: Callable[[str], "Note"] | None = None):
    """Markup → (clean text, words, footnote refs); refs carry the Note objects."""
    chars: list[tuple[str, bool, bool]] = []
    marks: dict[int, list[Note]] = {}
    refs = []
    bold = italic = False
    i = 0
    while i < len(markup):
        if markup.startswith("[[", i):
            j = markup.index("]]", i)
            if on_note is None:
                raise ValueError(f"footnote where none may stand: {markup[:60]}")
            note = on_note(markup[i + 2:j])
            marks.setdefault(len(chars), []).append(note)
            refs.append({"number": note.number, "offset": len(chars), "note": note})
            i = j + 2
        elif markup.startswith("**", i):
            bold, i = not bold, i + 2
        elif markup[i] == "*":
            italic, i = not italic, i + 1
        else:
            chars.append((markup[i], bold != style.bold, italic != style.italic))
            i += 1
    text = "".join(c for c, _, _ in chars)
    if text != text.strip() or "  " in text:
        raise ValueError(f"stray spaces in {text!r}")
    words = []
    for m in re.finditer(r"[^ ]+", text):
        s, e = m.span()
        if s in marks and s > 0:
            raise ValueError(f"marker after a space in {text!r}")
        pieces: list[Piece] = []
        word_notes: list[Note] = []
        k = s
        while k <= e:
            if k in marks and k > s:
                ns = marks[k]
                word_notes += ns
                pieces.append(Piece(",".join(str(n.number) for n in ns), font(style.family), style.size * SUPER_SIZE,
                                    style.color, rise=style.size * SUPER_RISE, marker=True))
            if k == e:
                break
            c0, b0, i0 = chars[k]
            run = [c0]
            k += 1
            while k < e and k not in marks and chars[k][1:] == (b0, i0):
                run.append(chars[k][0])
                k += 1
            pieces.append(Piece("".join(run), font(style.family, b0, i0), style.size, style.color))
        words.append(Word(pieces, word_notes))
    return text.replace("\u00a0", " "), words, refs


# --------------------------------------------------------------------------- hyphenation

VOWELS = set("aeiouyáàâãäéèêëíìîïóòôõöúùûüœæ")
KEEP_TOGETHER = {"ch", "lh", "nh", "qu", "gu", "ll", "rr", "pr", "br", "tr", "dr", "cr", "gr", "fr", "vr",
                 "pl", "bl", "cl", "gl", "fl", "ph", "th", "gn"}


def hyphen_points(text: str) -> list[tuple[int, bool]]:
    """Where ``text`` may break at a line end: (index, add a hyphen?).

    Existing hyphens (``bem-estar``) break without a new one; words of letters break
    between syllables by the Romance rules V-CV and VC-CV (no split inside ``ch``,
    ``lh``, ``qu``, ``tr``…), keeping three letters on each side.
    """
    points = []
    for m in re.finditer(r"(?<=\w\w)-(?=\w\w)", text):
        points.append((m.end(), False))
    m = re.fullmatch(r"([(«“\"']*)([^\W\d_]+)([)»”\"',.;:]*)", text)
    if m and len(m.group(2)) >= 7 and m.group(2)[1:].islower():
        pre, core = len(m.group(1)), m.group(2).lower()
        for i in range(3, len(core) - 2):
            a, b, nb = core[i - 1], core[i], core[i + 1]
            if b in VOWELS or nb not in VOWELS:
                continue
            if a in VOWELS or (core[i - 2] in VOWELS and a + b not in KEEP_TOGETHER):
                points.append((pre + i, True))
    return sorted(points)


def split_word(word: Word, room: float, style: Style) -> tuple[Word, Word] | None:
    """Break ``word`` so that its head (with a hyphen) fits ``room``; None if it can't."""
    if len(word.pieces) != 1 or word.notes:
        return None
    p = word.pieces[0]
    best = None
    for i, add in hyphen_points(p.text):
        head = p.text[:i] + ("-" if add else "")
        if width_of(head, p.face, p.size) <= room:
            best = (head, p.text[i:])
    if not best:
        return None
    return (Word([replace(p, text=best[0])]), Word([replace(p, text=best[1])]))


# --------------------------------------------------------------------------- lines


@dataclass
class Line:
    words: list[Word]
    width: float
    indent: float
    last: bool


def break_lines(words: list[Word], width: float, style: Style) -> list[Line]:
    space = width_of(" ", style.face, style.size)
    lines: list[Line] = []
    cur: list[Word] = []
    cur_w = 0.0
    indent = style.indent + style.left
    queue = list(words)
    while queue:
        w = queue.pop(0)
        avail = width - indent
        gap = space if cur else 0.0
        if cur_w + gap + w.width <= avail + 0.01:
            cur.append(w)
            cur_w += gap + w.width
            continue
        if style.hyphenate:
            parts = split_word(w, avail - cur_w - gap, style)
            if parts:
                cur.append(parts[0])
                lines.append(Line(cur, cur_w + gap + parts[0].width, indent, False))
                queue.insert(0, parts[1])
                cur, cur_w, indent = [], 0.0, style.left
                continue
        if not cur:
            lines.append(Line([w], w.width, indent, False))
            indent = style.left
            continue
        lines.append(Line(cur, cur_w, indent, False))
        cur, cur_w, indent = [w], w.width, style.left
    if cur:
        lines.append(Line(cur, cur_w, indent, True))
    elif lines:
        lines[-1].last = True
    return lines


def draw_line(c: canvas.Canvas, line: Line, x: float, baseline: float, width: float, style: Style) -> None:
    space = width_of(" ", style.face, style.size)
    n = len(line.words)
    avail = width - line.indent
    extra = 0.0
    xs = x + line.indent
    if style.align == "justify" and not line.last and n > 1:
        extra = (avail - line.width) / (n - 1)
        if extra > space * 5:
            extra = 0.0
    elif style.align == "center":
        xs += (avail - line.width) / 2
    elif style.align == "right":
        xs += avail - line.width
    for k, w in enumerate(line.words):
        cx = xs
        for p in w.pieces:
            c.setFont(p.face, p.size)
            c.setFillColor(HexColor(p.color))
            if style.tracking and not p.marker:
                c.drawString(cx, baseline + p.rise, p.text, charSpace=style.tracking)
                cx += p.width + style.tracking * len(p.text)
            else:
                c.drawString(cx, baseline + p.rise, p.text)
                cx += p.width
        if k < n - 1:
            c.setFont(style.face, style.size)
            c.drawString(cx, baseline, " ")
        xs = cx + space + extra


def baseline_of(top: float, style: Style) -> float:
    """Baseline of a line whose line box starts at ``top``."""
    return top - (style.lead + style.size * 0.62) / 2


# --------------------------------------------------------------------------- document model


class Note:
    def __init__(self, doc: "Doc", number: int, markup: str, style: Style):
        self.number = number
        self.style = style
        self.text, self.words, _ = parse_inline(markup, style)
        self.truth = {"kind": "footnote", "number": number, "series": "main", "text": self.text}
        self._lines: dict[float, list[Line]] = {}

    def lines(self, width: float) -> list[Line]:
        if width not in self._lines:
            self._lines[width] = break_lines(self.words, width - self.style.size * 1.3, self.style)
        return self._lines[width]

    def height(self, width: float) -> float:
        return len(self.lines(width)) * self.style.lead + 1.5


class Item:
    before = 0.0
    after = 0.0


class TextItem(Item):
    """A paragraph, heading or list item of a flow (broken into lines per width)."""

    def __init__(self, doc: "Doc", markup: str, style: Style, truth: dict, keep_next: bool = False,
                 bullet: str | None = None):
        self.style = style
        self.text, self.words, refs = parse_inline(markup, style, doc.new_note)
        truth["text"] = self.text
        truth["footnote_refs"] = refs
        for r in refs:
            doc.attach_note(r["note"], truth)
        self.truth = truth
        self.keep_next = keep_next
        self.bullet = bullet
        self.before, self.after = style.before, style.after
        self._lines: dict[float, list[Line]] = {}

    def lines(self, width: float) -> list[Line]:
        if width not in self._lines:
            self._lines[width] = break_lines(self.words, width, self.style)
        return self._lines[width]


class Unit(Item):
    """Something placed whole in a flow (a box, a pull quote, a nested two-column section)."""

    label = ""  # what it adds to the description of its page

    def height(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, doc: "Doc", x: float, top: float, width: float) -> None:
        raise NotImplementedError


class Break(Item):
    def __init__(self, page: bool = False):
        self.page = page


@dataclass
class Frame:
    x: float
    top: float
    width: float
    bottom: float


@dataclass
class Block:
    """Lines of one paragraph laid out for fixed pages and boxes."""
    item: TextItem
    lines: list[Line]
    width: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.item.style.lead


class Doc:
    """One PDF being drawn, with its truth blocks."""

    def __init__(self, name: str, pagesize, meta: dict, out: Path | io.BytesIO, anchors: dict | None = None):
        self.name = name
        self.W, self.H = pagesize
        self.meta = meta
        self.c = canvas.Canvas(out if isinstance(out, io.BytesIO) else str(out), pagesize=pagesize,
                               invariant=1, pageCompression=1)
        self.c.setTitle(meta["title"])
        self.c.setAuthor("MGI design fixtures (invented data)")
        self.c.setSubject("Test fixture of bench/make_designs.py")
        self.page = 0
        self.blocks: list[dict] = []
        self.pages: list[dict] = []
        self.notes_count = 0
        self.note_style: Style | None = None
        self.sections: list[dict] = []  # heading truths, by level
        self.domain: int | None = None
        self.assessment: str | None = None
        self.anchors: dict[str, int] = {}
        self.prev_anchors = anchors or {}
        self.furniture: Callable[["Doc"], dict] | None = None
        self.all_notes: list[Note] = []
        self.deferred: list[dict] = []  # decorations drawn early but read after the page's text

    # ---------------------------------------------------------------- truth helpers

    def new_note(self, markup: str) -> Note:
        self.notes_count += 1
        note = Note(self, self.notes_count, markup, self.note_style)
        self.all_notes.append(note)
        return note

    @staticmethod
    def attach_note(note: Note, truth: dict) -> None:
        note.truth.update(section_path=truth["section_path"], domain=truth["domain"],
                          assessment=truth["assessment"], referenced_by=truth)

    def truth(self, kind: str, **extra) -> dict:
        t = {"kind": kind, "section_path": list(self.sections), "domain": self.domain,
             "assessment": self.assessment}
        t.update(extra)
        return t

    def heading_truth(self, level: int, **extra) -> dict:
        del self.sections[level - 1:]
        t = self.truth("heading", level=level, **extra)
        self.sections.append(t)
        return t

    def emit(self, truth: dict) -> None:
        if "page" in truth:
            raise RuntimeError(f"block emitted twice: {truth.get('text', '')[:50]}")
        truth["page"] = self.page
        self.blocks.append(truth)
        if truth.get("anchor"):
            self.anchors[truth["anchor"]] = self.page

    def extend(self, truth: dict) -> None:
        if self.page != truth["page"]:
            truth["page_end"] = self.page

    def decoration(self, text: str, role: str, later: bool = False, **extra) -> None:
        t = self.truth("decoration", text=text.replace("\u00a0", " "), role=role, **extra)
        if later:
            self.deferred.append(t)
        else:
            self.emit(t)

    def emit_deferred(self) -> None:
        for t in self.deferred:
            self.emit(t)
        self.deferred = []

    # ---------------------------------------------------------------- items

    def para(self, markup: str, style: Style, kind: str = "paragraph", keep_next: bool = False,
             bullet: str | None = None, **extra) -> TextItem:
        return TextItem(self, markup, style, self.truth(kind, **extra), keep_next, bullet)

    def heading(self, markup: str, style: Style, level: int, **extra) -> TextItem:
        return TextItem(self, markup, style, self.heading_truth(level, **extra), keep_next=True)

    def chapter(self, domain: int | None) -> None:
        self.domain, self.assessment = domain, None

    def at(self, heading: dict | None, domain: int | None = None) -> None:
        """Context of fixed things drawn by a flow's page hooks (the flow's own items were
        given theirs when they were made): inside ``heading``'s section, of ``domain``."""
        self.sections = [heading] if heading else []
        self.domain, self.assessment = domain, None

    # ---------------------------------------------------------------- pages

    def new_page(self, furniture: bool = True, layout: str = "") -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        rec = {"page": self.page, "layout": layout, "header": None, "footer": None, "page_number": None}
        if furniture and self.furniture:
            rec.update(self.furniture(self))
        self.pages.append(rec)

    def fill_rect(self, x, y, w, h, color, stroke: str | None = None, radius: float = 0, width: float = 0.8):
        c = self.c
        c.saveState()
        c.setFillColor(HexColor(color))
        if stroke:
            c.setStrokeColor(HexColor(stroke))
            c.setLineWidth(width)
        if radius:
            c.roundRect(x, y, w, h, radius, fill=1, stroke=1 if stroke else 0)
        else:
            c.rect(x, y, w, h, fill=1, stroke=1 if stroke else 0)
        c.restoreState()

    def rule(self, x1, y, x2, color="#444444", width=0.5, y2: float | None = None):
        """A horizontal rule from x1 to x2 at y (or any line to (x2, y2))."""
        c = self.c
        c.saveState()
        c.setStrokeColor(HexColor(color))
        c.setLineWidth(width)
        c.line(x1, y, x2, y if y2 is None else y2)
        c.restoreState()

    def string(self, x, y, text, style: Style, align="left", angle: float = 0, emit_kind: str | None = None,
               **extra) -> None:
        """One line of text (furniture, big numbers, tabs); optionally a truth block."""
        c = self.c
        c.saveState()
        c.setFont(style.face, style.size)
        c.setFillColor(HexColor(style.color))
        c.translate(x, y)
        if angle:
            c.rotate(angle)
        w = width_of(text, style.face, style.size) + style.tracking * len(text)
        dx = {"left": 0, "center": -w / 2, "right": -w}[align]
        c.drawString(dx, 0, text, charSpace=style.tracking) if style.tracking else c.drawString(dx, 0, text)
        c.restoreState()
        if emit_kind:
            self.emit(self.truth(emit_kind, text=text.replace("\u00a0", " "), **extra))

    def block(self, markup: str, style: Style, width: float, kind: str = "paragraph", heading: int = 0,
              **extra) -> Block:
        """Lay out a paragraph for a fixed position (no footnotes)."""
        if heading:
            item = TextItem(self, markup, style, self.heading_truth(heading, **extra))
        else:
            item = TextItem(self, markup, style, self.truth(kind, **extra))
        return Block(item, break_lines(item.words, width, style), width)

    def draw_block(self, b: Block, x: float, top: float, emit: bool = True) -> float:
        """Draw a laid-out block with its line boxes from ``top``; returns the bottom."""
        st = b.item.style
        y = top
        for k, line in enumerate(b.lines):
            draw_line(self.c, line, x, baseline_of(y, st), b.width, st)
            if k == 0 and b.item.bullet:
                self.string(x + st.left - st.size * 1.1, baseline_of(y, st), b.item.bullet, st.but(bold=False))
            y -= st.lead
        if emit:
            self.emit(b.item.truth)
        return y

    def text(self, x: float, top: float, width: float, markup: str, style: Style, kind: str = "paragraph",
             heading: int = 0, **extra) -> float:
        b = self.block(markup, style, width, kind, heading, **extra)
        return self.draw_block(b, x, top)

    # ---------------------------------------------------------------- flows

    def flow(self, items: list[Item], frames_for: Callable[[int], list[Frame]], note_mode: str = "column",
             note_area: tuple[float, float] | None = None, before: Callable[[int], None] | None = None,
             after: Callable[[int], None] | None = None, layout: str | tuple[str, str] = "", furniture: bool = True,
             first_on_current_page: bool = False) -> None:
        """Pour ``items`` through the frames of as many pages as needed.

        ``note_mode`` "column": footnotes at the foot of the frame holding the marker,
        as wide as the frame; "page": under all frames, across ``note_area`` (x, width).
        ``before(k)`` draws fixed things of the flow's k-th page (chapter title, box,
        sidebar) before the flow text is read; ``after(k)`` draws decorations read after.
        ``layout`` describes the pages for the truth file: one text, or (first page, others);
        units with a ``label`` add it to the description of the page they land on.
        """
        first_layout, other_layout = (layout, layout) if isinstance(layout, str) else layout
        state = (0, 0)
        k = 0
        while state[0] < len(items):
            if not (k == 0 and first_on_current_page):
                self.new_page(furniture, other_layout if k else first_layout)
            if before:
                before(k)
            frames = frames_for(k)
            reserve = 0.0
            while True:
                placed, nstate, notes = self._fill(items, state, frames, note_mode, reserve)
                if note_mode != "page":
                    break
                need = self._notes_height([n for fn in notes for n in fn], note_area[1])
                if need <= reserve + 0.01:
                    break
                reserve = need
            if nstate == state:
                raise RuntimeError(f"{self.name}: nothing fits on page {self.page}")
            for fi, it, top, li in placed:
                fr = frames[fi]
                if isinstance(it, Unit):
                    it.draw(self, fr.x, top, fr.width)
                    if it.label and it.label not in self.pages[-1]["layout"]:
                        self.pages[-1]["layout"] += ", " + it.label
                    continue
                line = it.lines(fr.width)[li]
                if li == 0:
                    self.emit(it.truth)
                else:
                    self.extend(it.truth)
                st = it.style
                draw_line(self.c, line, fr.x, baseline_of(top, st), fr.width, st)
                if li == 0 and it.bullet:
                    self.string(fr.x + st.left - st.size * 1.1, baseline_of(top, st), it.bullet, st.but(bold=False))
            if note_mode == "page":
                flat = [n for fn in notes for n in fn]
                if flat:
                    self._draw_notes(flat, note_area[0], note_area[1], min(f.bottom for f in frames))
            else:
                for fi, fn in enumerate(notes):
                    if fn:
                        self._draw_notes(fn, frames[fi].x, frames[fi].width, frames[fi].bottom)
            if after:
                after(k)
            self.emit_deferred()
            state = nstate
            k += 1

    NOTE_SEP = 9.0

    def _notes_height(self, notes: list[Note], width: float) -> float:
        if not notes:
            return 0.0
        return self.NOTE_SEP + sum(n.height(width) for n in notes)

    def _fill(self, items, state, frames, note_mode, reserve):
        i, li = state
        placed = []
        notes: list[list[Note]] = [[] for _ in frames]
        for fi, fr in enumerate(frames):
            y = fr.top
            empty = True
            while i < len(items):
                it = items[i]
                if isinstance(it, Break):
                    i, li = i + 1, 0
                    if it.page:
                        return placed, (i, li), notes
                    break
                floor = fr.bottom + (reserve if note_mode == "page" else self._notes_height(notes[fi], fr.width))
                if isinstance(it, Unit):
                    sb = 0.0 if empty else it.before
                    h = it.height(fr.width)
                    if y - sb - h < floor and not empty:
                        break
                    placed.append((fi, it, y - sb, 0))
                    y -= sb + h + it.after
                    i, empty = i + 1, False
                    continue
                lines = it.lines(fr.width)
                st = it.style
                sb = 0.0 if (empty or li) else it.before
                if li == 0 and not empty:
                    need = sb + st.lead * min(len(lines), 2)
                    if it.keep_next:  # the heading, headings right after it, two lines of what follows
                        need = sb + st.lead * len(lines)
                        j = i + 1
                        while j < len(items) and isinstance(items[j], TextItem):
                            nxt = items[j]
                            nl = nxt.lines(fr.width)
                            need += nxt.before + nxt.style.lead * (len(nl) if nxt.keep_next else min(2, len(nl)))
                            if not nxt.keep_next:
                                break
                            j += 1
                    if y - need < floor:
                        break
                line = lines[li]
                new = [n for w in line.words for n in w.notes]
                if note_mode != "page" and new:
                    floor = fr.bottom + self._notes_height(notes[fi] + new, fr.width)
                if y - sb - st.lead < floor and not empty:
                    break
                y -= sb
                placed.append((fi, it, y, li))
                notes[fi] += new
                y -= st.lead
                li += 1
                empty = False
                if li == len(lines):
                    y -= it.after
                    i, li = i + 1, 0
        return placed, (i, li), notes

    def _draw_notes(self, notes: list[Note], x: float, width: float, bottom: float) -> None:
        total = self._notes_height(notes, width)
        top = bottom + total
        self.rule(x, top - 3, x + min(60.0, width * 0.33), color="#555555", width=0.5)
        y = top - self.NOTE_SEP
        for n in notes:
            st = n.style
            hang = st.size * 1.3
            label = str(n.number)
            if self.meta.get("note_label") == "plain":
                self.string(x, baseline_of(y, st), label, st)
            else:
                self.string(x, baseline_of(y, st) + st.size * 0.33, label, st.but(size=st.size * 0.72))
            for line in n.lines(width):
                draw_line(self.c, line, x + hang, baseline_of(y, st), width - hang, st)
                y -= st.lead
            y -= 1.5
            self.emit(n.truth)

    # ---------------------------------------------------------------- output

    def finish(self) -> dict:
        self.c.showPage()
        self.c.save()
        missing = [n.number for n in self.all_notes if "page" not in n.truth]
        if missing:
            raise RuntimeError(f"{self.name}: footnotes never placed: {missing}")
        return truth_file(self.blocks, self.meta, self.pages, self.name)


def truth_file(blocks: list[dict], meta: dict, pages: list[dict], name: str) -> dict:
    ids = {id(b): f"b{k:04d}" for k, b in enumerate(blocks, 1)}
    out = []
    for b in blocks:
        if "page" not in b:
            raise RuntimeError(f"{name}: block never placed: {b.get('text', '')[:60]}")
        d = {"id": ids[id(b)], "page": b["page"]}
        if "page_end" in b:
            d["page_end"] = b["page_end"]
        d["kind"] = b["kind"]
        for key in ("level", "number", "series", "label", "title", "target_page"):
            if key in b:
                d[key] = b[key]
        d["text"] = b["text"]
        if b["kind"] not in ("footnote", "decoration", "contents_entry"):
            d["footnote_refs"] = [{"series": "main", "number": r["number"], "offset": r["offset"],
                                   "footnote_id": ids[id(r["note"].truth)]} for r in b.get("footnote_refs", [])]
        d["section_path"] = [ids[id(h)] for h in b["section_path"]]
        d["domain"] = b["domain"]
        d["assessment"] = b["assessment"]
        for key, value in b.items():
            if key in d or key in ("footnote_refs", "anchor", "page_end"):
                continue
            d[key] = ids[id(value)] if key == "referenced_by" else value
        d["pdf_page"] = b["page"]
        out.append(d)
    counts: dict[str, int] = {}
    for d in out:
        counts[d["kind"]] = counts.get(d["kind"], 0) + 1
    return {
        "document": {k: v for k, v in meta.items() if not k.startswith("note_")} | {
            "pdf": {"file": f"{name}.pdf", "pages": len(pages), **meta.get("pdf", {})}},
        "schema": SCHEMA,
        "counts": dict(sorted(counts.items())),
        "notes": NOTES,
        "pages": pages,
        "blocks": out,
    }


SCHEMA = {
    "block": ("id, page (PDF page, 1-based, where the block starts), page_end (if it continues on later pages), "
              "kind (heading|paragraph|list_item|footnote|box|sidebar|decoration|contents_entry), level (headings), "
              "number (chapter 1..6, 'N.K' for subsections, footnote number), series (footnotes: main), label "
              "(list items: the bullet), text (clean: footnote markers removed, hyphenation undone, no-break "
              "spaces as spaces), footnote_refs [{series, number, offset, footnote_id}] (offset = str index in "
              "text where the marker stood), section_path (heading ids from the top), domain (1..6 or null), "
              "assessment (strength|gap|null), referenced_by (footnotes), title and target_page "
              "(contents_entry: the entry's title and the page number it prints), role, pdf_page (= page)."),
    "pages": ("per PDF page: layout (what the page shows), header / footer (running text, null if none) and "
              "page_number (the number printed on it, null if none); printed numbers equal PDF page numbers."),
}

NOTES = [
    "Invented report: the country, laws, institutions and figures are imaginary; only the MGI structure "
    "(six domains, N.1 well-developed areas / N.2 areas with potential for further development) is real.",
    "Reading order: a page's fixed elements that open it (chapter number, chapter title, intro box, "
    "key-facts sidebar) come first, then the flowing text in column order, then the footnotes of the page, "
    "then decorations read last (section tabs, large light letters). A paragraph that runs on to the next "
    "column or page is one block (page_end when it changes page).",
    "Kinds beyond the sample: box = one paragraph of a shaded or framed box; sidebar = one paragraph of a "
    "margin key-facts frame or a pull quote (role tells which; a pull quote repeats a sentence of the body); "
    "decoration = large light letters, section tabs, cover lines, big figure labels; contents_entry = one "
    "line of a contents page (text = title and page number as read, without the dot leaders).",
    "Text inside infographic shapes is given as heading/paragraph with role 'infographic' in a logical order "
    "(the order a reader follows the shapes).",
    "Footnote blocks carry the section_path, domain and assessment of the block that references them.",
]


# --------------------------------------------------------------------------- shared page pieces

MGI = {
    "pt": {"title": "INDICADORES DE GOVERNANÇA DA MIGRAÇÃO", "contents": "ÍNDICE", "intro": "INTRODUÇÃO",
           "findings": "PRINCIPAIS CONCLUSÕES", "domain": "Domínio",
           "s1": "Governança da migração: exemplos de áreas bem desenvolvidas",
           "s2": "Áreas com potencial para desenvolvimento adicional", "page": "Página",
           "names": ["Direitos dos migrantes", "Abordagem de governo integrado", "Parcerias",
                     "Bem-estar dos migrantes", "Dimensões de mobilidade das crises",
                     "Migração segura, ordenada e regular"]},
    "es": {"title": "INDICADORES DE GOBERNANZA DE LA MIGRACIÓN", "contents": "ÍNDICE", "intro": "INTRODUCCIÓN",
           "findings": "CONCLUSIONES PRINCIPALES", "domain": "Dimensión",
           "s1": "Gobernanza de la migración: ejemplos de áreas bien desarrolladas",
           "s2": "Áreas con potencial de desarrollo adicional", "page": "Página",
           "names": ["Derechos de los migrantes", "Enfoque de gobierno integral", "Alianzas",
                     "Bienestar de los migrantes", "Dimensión de movilidad de las crisis",
                     "Migración segura, ordenada y regular"]},
    "fr": {"title": "INDICATEURS DE GOUVERNANCE DES MIGRATIONS", "contents": "TABLE DES MATIÈRES",
           "intro": "INTRODUCTION", "findings": "PRINCIPALES CONCLUSIONS", "domain": "Domaine",
           "s1": "Gouvernance des migrations\u00a0: exemples de domaines bien développés",
           "s2": "Domaines pouvant être développés davantage", "page": "Page",
           "names": ["Droits des migrants", "Approche pangouvernementale", "Partenariats",
                     "Bien-être des migrants", "Dimension «\u00a0mobilité\u00a0» des crises",
                     "Migration sûre, ordonnée et régulière"]},
    "en": {"title": "MIGRATION GOVERNANCE INDICATORS", "contents": "CONTENTS", "intro": "INTRODUCTION",
           "findings": "KEY FINDINGS", "domain": "Domain",
           "s1": "Migration governance: examples of well-developed areas",
           "s2": "Areas with potential for further development", "page": "Page",
           "names": ["Migrants' rights", "Whole-of-government approach", "Partnerships",
                     "Well-being of migrants", "Mobility dimensions of crises",
                     "Safe, orderly and regular migration"]},
}


def chapter_items(doc: Doc, lang: str, ch: dict, styles: dict, with_heading: bool = False,
                  extra: Callable[[str, int], list[Item]] | None = None, numbered: bool = False) -> list[Item]:
    """The flowing part of a domain chapter: N.1 strengths, N.2 gaps (and units by hook)."""
    n = ch["domain"]
    words = MGI[lang]
    items: list[Item] = []
    doc.chapter(n)
    if with_heading:
        title = (f"{n}. " if numbered else "") + words["names"][n - 1]
        items.append(doc.heading(title, styles["h1"], 1, number=n, role="domain_chapter", anchor=f"ch{n}"))
        if ch.get("lead") and "lead" in styles:
            items.append(doc.para(ch["lead"], styles["lead"], role="chapter_lead"))
    elif not doc.sections or doc.sections[0].get("number") != n:
        raise RuntimeError("chapter heading must be made before its items")
    for key, assessment, sub in (("strengths", "strength", 1), ("gaps", "gap", 2)):
        doc.assessment = assessment
        items.append(doc.heading(f"{n}.{sub}. {words['s' + str(sub)]}", styles["h2"], 2, number=f"{n}.{sub}",
                                 role=assessment, anchor=f"ch{n}.{sub}"))
        for k, p in enumerate(ch[key]):
            if isinstance(p, tuple):  # ("list", [items]) or ("unit", name)
                kind, payload = p
                if kind == "h3":
                    items.append(doc.heading(payload, styles["h3"], 3))
                elif kind == "list":
                    for entry in payload:
                        items.append(doc.para(entry, styles["li"], "list_item", bullet="•", label="•"))
                elif extra:
                    items += extra(payload, n)
                continue
            items.append(doc.para(p, styles["body"]))
        del doc.sections[1:]
    doc.assessment = None
    return items


# --------------------------------------------------------------------------- units


class BoxUnit(Unit):
    """A shaded/framed box of paragraphs, in one or two columns of its own."""

    def __init__(self, doc: Doc, paras: list[tuple[str, Style, str, dict]], fill: str | None,
                 stroke: str | None = None, pad: float = 8.0, columns: int = 1, gap: float = 12.0,
                 before: float = 8.0, after: float = 8.0, title: tuple[str, Style] | None = None,
                 title_kind: str = "box", rule_color: str | None = None, title_extra: dict | None = None,
                 label: str = ""):
        self.doc = doc
        self.label = label
        self.fill, self.stroke, self.pad, self.columns, self.gap = fill, stroke, pad, columns, gap
        self.before, self.after = before, after
        self.rule_color = rule_color
        self.title = None
        if title:
            extra = title_extra if title_extra is not None else {"role": "box_title"}
            truth = (doc.heading_truth(extra.pop("level"), **extra) if title_kind == "heading"
                     else doc.truth(title_kind, **extra))
            self.title = TextItem(doc, title[0], title[1], truth)
        self.items = [TextItem(doc, m, st, doc.truth(kind, **extra), bullet=extra.get("label"))
                      for m, st, kind, extra in paras]
        self._cache: dict[float, tuple] = {}

    def _layout(self, width: float):
        if width in self._cache:
            return self._cache[width]
        inner = width - 2 * self.pad
        title_lines = self.title.lines(inner) if self.title else []
        title_h = (len(title_lines) * self.title.style.lead + self.title.style.after) if self.title else 0.0
        colw = (inner - self.gap * (self.columns - 1)) / self.columns
        rows = []  # (item, line index, height incl. space before)
        for k, it in enumerate(self.items):
            for li, _ in enumerate(it.lines(colw)):
                sb = it.before if (li == 0 and k) else 0.0
                rows.append((it, li, it.style.lead + sb, sb))
        cols: list[list] = [rows]
        if self.columns == 2:
            total = sum(r[2] for r in rows)
            acc, cut = 0.0, len(rows)
            for j, r in enumerate(rows):
                if acc >= total / 2:
                    cut = j
                    break
                acc += r[2]
            cols = [rows[:cut], rows[cut:]]
            if cols[1] and cols[1][0][3]:  # no space before at the top of the second column
                it, li, h, sb = cols[1][0]
                cols[1][0] = (it, li, h - sb, 0.0)
        body_h = max(sum(r[2] for r in col) for col in cols) if rows else 0.0
        out = (inner, title_lines, title_h, colw, cols, 2 * self.pad + title_h + body_h)
        self._cache[width] = out
        return out

    def height(self, width: float) -> float:
        return self._layout(width)[-1]

    def draw(self, doc: Doc, x: float, top: float, width: float) -> None:
        inner, title_lines, title_h, colw, cols, h = self._layout(width)
        if self.fill or self.stroke:
            doc.fill_rect(x, top - h, width, h, self.fill or "#ffffff", stroke=self.stroke)
        if self.rule_color:
            doc.rule(x, top, x + width, self.rule_color, 1.6)
            doc.rule(x, top - h, x + width, self.rule_color, 1.6)
        y = top - self.pad
        if self.title:
            st = self.title.style
            for line in title_lines:
                draw_line(doc.c, line, x + self.pad, baseline_of(y, st), inner, st)
                y -= st.lead
            doc.emit(self.title.truth)
            y -= st.after
        seen = set()
        for ci, col in enumerate(cols):
            cy = y
            cx = x + self.pad + ci * (colw + self.gap)
            for it, li, rh, sb in col:
                cy -= sb
                st = it.style
                draw_line(doc.c, it.lines(colw)[li], cx, baseline_of(cy, st), colw, st)
                if li == 0 and it.bullet:
                    doc.string(cx + st.left - st.size * 1.1, baseline_of(cy, st), it.bullet, st.but(bold=False))
                if id(it) not in seen:
                    seen.add(id(it))
                    doc.emit(it.truth)
                cy -= st.lead


# --------------------------------------------------------------------------- contents pages


def contents_lines(doc: Doc, entries: list[tuple[str, str, int]], x: float, top: float, width: float,
                   st: Style, st_main: Style, leader: str = ".") -> float:
    """Contents entries (title, anchor, depth) with dot leaders and right-aligned page numbers."""
    y = top
    for title, anchor, depth in entries:
        s = st_main if depth == 0 else st
        if depth == 0:
            y -= s.before
        page = doc.prev_anchors.get(anchor, 0)
        num = str(page)
        indent = depth * 14.0
        num_w = width_of(num, s.face, s.size)
        avail = width - indent - num_w - 14
        parts = break_lines(parse_inline(title, s)[1], avail, s.but(align="left", indent=0, left=0))
        base = baseline_of(y, s)
        for k, line in enumerate(parts):
            draw_line(doc.c, line, x + indent, baseline_of(y, s), avail, s.but(align="left"))
            base = baseline_of(y, s)
            if k < len(parts) - 1:
                y -= s.lead
        end = x + indent + parts[-1].width + 4
        dot_w = width_of(leader + " ", s.face, s.size)
        n_dots = int((x + width - num_w - 4 - end) / dot_w)
        if n_dots > 0:
            doc.string(x + width - num_w - 4 - n_dots * dot_w, base, (leader + " ") * n_dots, s.but(color="#777777"))
        doc.string(x + width, base, num, s, align="right")
        clean = parse_inline(title, s)[0]
        doc.emit(doc.truth("contents_entry", text=f"{clean} {num}", title=clean, target_page=page))
        y -= s.lead + s.after
    return y


# --------------------------------------------------------------------------- the documents
# Each builder draws one PDF on a Doc; see design_texts.py for the words.


def cover(doc: Doc, lang: str, country: str, year: str, band: str, accent: str, family: str,
          subtitle: str) -> None:
    doc.new_page(furniture=False, layout="cover")
    W, H = doc.W, doc.H
    c = doc.c
    doc.fill_rect(0, H * 0.42, W, H * 0.58, band)
    for k in range(7):  # a pattern of light circles
        c.saveState()
        c.setFillColor(HexColor("#ffffff"), alpha=0.08 + 0.02 * k)
        c.circle(W * (0.15 + 0.13 * k), H * (0.55 + 0.05 * (k % 3)), 40 + 9 * k, fill=1, stroke=0)
        c.restoreState()
    doc.fill_rect(0, H * 0.42 - 6, W, 6, accent)
    top = H * 0.36
    doc.text(54, top, W - 108, MGI[lang]["title"], Style(family, 26, 30, color=band, bold=True, align="left"),
             heading=1, role="cover_title")
    doc.string(54, top - 84, subtitle, Style(family, 15, color="#444444"), emit_kind="decoration", role="cover")
    doc.string(54, top - 120, country, Style(family, 20, color=accent, bold=True), emit_kind="decoration",
               role="cover")
    doc.string(W - 54, 60, year, Style(family, 40, color="#d9d9d9", bold=True), align="right",
               emit_kind="decoration", role="cover")


def running(header_left: str, header_right: str, family: str, color: str, margin: float, number_pos: str = "outer",
            rule: bool = True, footer_text: str | None = None):
    """A furniture function: running header with a rule, page number in the footer."""
    def draw(doc: Doc) -> dict:
        st = Style(family, 7.5, color=color)
        y = doc.H - margin * 0.62
        doc.string(margin, y, header_left, st.but(bold=True))
        doc.string(doc.W - margin, y, header_right, st, align="right")
        if rule:
            doc.rule(margin, y - 4, doc.W - margin, color, 0.4)
        num = str(doc.page)
        fy = margin * 0.45
        pos = number_pos
        if pos == "outer":
            pos = "right" if doc.page % 2 else "left"
        x = {"left": margin, "right": doc.W - margin, "center": doc.W / 2}[pos]
        doc.string(x, fy, num, Style(family, 9, color=color, bold=True), align=pos if pos != "center" else "center")
        if footer_text:
            fx, fal = (doc.W - margin, "right") if pos == "left" else (margin, "left")
            doc.string(fx, fy, footer_text, st, align=fal)
        return {"header": f"{header_left} {header_right}".strip(), "footer": footer_text, "page_number": num}
    return draw


# ---- 1. Portuguese, A4: chapter openings, misaligned columns, full-width notes ----------------------


def findings_items(doc: Doc, lang: str, t: dict, styles: dict, with_pages: bool = True) -> list[Item]:
    """Introduction (if any) and key findings with one subheading per domain."""
    words = MGI[lang]
    doc.chapter(None)
    items: list[Item] = []
    if t.get("intro"):
        items.append(doc.heading(words["intro"], styles["h1"], 1, role="introduction", anchor="intro"))
        items += [doc.para(p, styles["body"]) for p in t["intro"]]
    items.append(doc.heading(words["findings"], styles["h1"].but(before=styles["h1"].before or 12), 1,
                             role="key_findings", anchor="findings"))
    items += [doc.para(p, styles["body"]) for p in t.get("findings_intro", [])]
    chapters = {ch["domain"] for ch in t["chapters"]}
    for n, paras in t["findings"]:
        doc.domain = n
        title = words["names"][n - 1]
        if with_pages and n in chapters:
            title += f" ({words['page']} {doc.prev_anchors.get(f'ch{n}', 0)})"
        items.append(doc.heading(title, styles["h2"], 2, role="summary_domain", summary_domain=n))
        items += [doc.para(p, styles["body"]) for p in paras]
    doc.domain = None
    return items


def build_alvorada(doc: Doc) -> None:
    t = T.ALVORADA
    lang = "pt"
    fam, sans = "LiberationSerif", "LiberationSans"
    blue, teal = "#0b4f8a", "#1a9e8f"
    W, H = doc.W, doc.H
    m = 18 * MM
    body = Style(fam, 10, 13, after=4, hyphenate=True)
    styles = {"body": body, "h1": Style(sans, 16, 19, color=blue, bold=True, align="left", after=6),
              "h2": Style(sans, 11, 13.5, color=teal, bold=True, align="left", before=8, after=5),
              "li": body.but(left=12, after=2)}
    doc.note_style = Style(fam, 7.5, 9, color="#333333", hyphenate=True)
    cover(doc, lang, t["country"], "2023", blue, teal, sans, t["subtitle"])
    doc.furniture = running(MGI[lang]["title"] + " | PERFIL 2023", t["country"].upper(), sans, blue, m)
    gap = 16
    colw = (W - 2 * m - gap) / 2
    top, bottom = H - m - 12, m + 8

    def two_cols(k: int, first_top: float | None = None, lift: float = 0.0) -> list[Frame]:
        ft = first_top if (k == 0 and first_top) else top
        return [Frame(m, ft, colw, bottom), Frame(m + colw + gap, ft + (lift if k == 0 else 0), colw, bottom)]

    doc.flow(findings_items(doc, lang, t, styles), lambda k: two_cols(k), note_mode="page",
             note_area=(m, W - 2 * m), layout="two columns, full-width footnotes")

    # chapters: full-width title, shaded intro box, then two columns with misaligned tops
    for ch in t["chapters"]:
        n = ch["domain"]
        doc.chapter(n)
        title = doc.heading(MGI[lang]["names"][n - 1], styles["h1"].but(size=24, leading=28), 1, number=n,
                            role="domain_chapter", anchor=f"ch{n}")
        box_st = Style(sans, 10, 13.5, color="#123a5c", align="left")
        box = BoxUnit(doc, [(p, box_st, "box", {}) for p in ch["intro"]], fill="#e3eef7", pad=12)
        items = chapter_items(doc, lang, ch, styles)
        opening: dict = {}

        def before(k: int, title=title, box=box, n=n, opening=opening) -> None:
            if k:
                return
            doc.at(title.truth, n)
            y = top - 6
            doc.string(m, y - 30, f"{n:02d}", Style(sans, 40, color="#c9dced", bold=True))
            doc.decoration(f"{n:02d}", "chapter_number", later=True)
            doc.string(m + 64, y - 4, f"{MGI[lang]['domain']} {n}".upper(), Style(sans, 9, color=teal, bold=True),
                       emit_kind="decoration", role="kicker")
            b = Block(title, title.lines(W - 2 * m - 64), W - 2 * m - 64)
            y2 = doc.draw_block(b, m + 64, y - 8)
            y2 = min(y2, y - 40) - 10
            box.draw(doc, m, y2, W - 2 * m)
            opening["top"] = y2 - box.height(W - 2 * m) - 16

        doc.flow(items, lambda k, o=opening: two_cols(k, o.get("top"), lift=4.5), note_mode="page",
                 note_area=(m, W - 2 * m), before=before,
                 layout=("chapter opening: number, title, shaded intro box, two columns (the right column starts "
                         "higher), full-width footnotes", "two columns, full-width footnotes"))


# ---- 2. Spanish, US Letter: one column, key-facts sidebar in the outer margin, pull quote, contents -


def sidebar(doc: Doc, x: float, top: float, width: float, title: str, lines: list[str], fill: str, accent: str,
            family: str, source_last: bool = False) -> float:
    """A filled key-facts frame; each line is a sidebar block. Returns its bottom."""
    pad = 8
    st_t = Style(family, 8.5, 11, color=accent, bold=True, align="left")
    st = Style(family, 7.5, 9.6, color="#333333", align="left", after=5)
    blocks = [doc.block(title, st_t, width - 2 * pad, "sidebar", role="key_facts_title")]
    for k, line in enumerate(lines):
        last = source_last and k == len(lines) - 1
        blocks.append(doc.block(line, st.but(italic=last, size=6.8 if last else 7.5), width - 2 * pad, "sidebar",
                                role="source" if last else "key_fact"))
    h = 2 * pad + sum(b.height + b.item.style.after for b in blocks) + 4
    doc.fill_rect(x, top - h, width, h, fill)
    doc.fill_rect(x, top - 3, width, 3, accent)
    y = top - pad - 2
    for b in blocks:
        y = doc.draw_block(b, x + pad, y) - b.item.style.after
        if b is blocks[0]:
            y -= 3
    return top - h


def build_valdoria(doc: Doc) -> None:
    t = T.VALDORIA
    lang = "es"
    fam = "DejaVuSans"
    green, sand = "#2f6b3a", "#efe6d2"
    W, H = doc.W, doc.H
    body = Style(fam, 9, 12.6, align="left", after=5)
    styles = {"body": body, "h1": Style(fam, 15, 18, color=green, bold=True, align="left", after=8),
              "h2": Style(fam, 10, 12.5, color=green, bold=True, align="left", before=9, after=5),
              "li": body.but(left=12)}
    doc.note_style = Style(fam, 7, 8.6, color="#333333", align="left")
    cover(doc, lang, t["country"], "2022", green, "#c98b2b", fam, t["subtitle"])
    doc.furniture = running(MGI[lang]["title"], t["country"].upper(), fam, green, 40)
    inner, outer, side_w, gap = 54.0, 36.0, 118.0, 18.0
    body_w = W - inner - outer - side_w - gap
    top, bottom = H - 62, 50

    def geometry() -> tuple[float, float]:
        """(body x, sidebar x) of the current page: the sidebar sits in the outer margin."""
        if doc.page % 2:
            return inner, inner + body_w + gap
        return outer + side_w + gap, outer

    def frames(k: int) -> list[Frame]:
        return [Frame(geometry()[0], top, body_w, bottom)]

    # contents, one column
    doc.new_page(layout="contents, one column, dot leaders")
    doc.chapter(None)
    y = doc.text(72, H - 90, W - 144, MGI[lang]["contents"], Style(fam, 22, 26, color=green, bold=True, align="left"),
                 heading=1, role="contents")
    entries = [(MGI[lang]["intro"].capitalize(), "intro", 0), (MGI[lang]["findings"].capitalize(), "findings", 0)]
    for ch in t["chapters"]:
        n = ch["domain"]
        entries += [(f"{n}. {MGI[lang]['names'][n - 1]}", f"ch{n}", 0),
                    (f"{n}.1. {MGI[lang]['s1']}", f"ch{n}.1", 1), (f"{n}.2. {MGI[lang]['s2']}", f"ch{n}.2", 1)]
    contents_lines(doc, entries, 72, y - 18, W - 144, Style(fam, 9.5, 13, align="left"),
                   Style(fam, 10.5, 14, bold=True, color=green, align="left", before=8))

    # introduction and key findings with the key-facts sidebar
    doc.chapter(None)
    items = [doc.heading(MGI[lang]["intro"], styles["h1"], 1, role="introduction", anchor="intro")]
    items += [doc.para(p, body) for p in t["intro"]]
    items.append(doc.heading(MGI[lang]["findings"], styles["h1"].but(before=14), 1, role="key_findings",
                             anchor="findings"))
    items += [doc.para(p, body) for p in t["findings"]]
    facts = (t["facts_title"], t["facts"])

    def key_facts(k: int, facts=facts) -> None:
        if k == 0:
            doc.at(None)
            sidebar(doc, geometry()[1], top, side_w, facts[0], facts[1], sand, green, fam, source_last=True)

    doc.flow(items, frames, note_mode="column", before=key_facts,
             layout="one column, key-facts sidebar in the outer margin")

    for ch in t["chapters"]:
        n = ch["domain"]

        def pull_quote(name: str, n: int, ch=ch) -> list[Item]:
            quote, source = ch[name].split("» ", 1)
            quote += "»"
            return [BoxUnit(doc, [(quote, Style(fam, 12.5, 16, color=green, italic=True, align="left"), "sidebar",
                                   {"role": "pull_quote"}),
                                  (source, Style(fam, 7.5, 10, color="#555555", align="right", before=3), "sidebar",
                                   {"role": "pull_quote_source"})],
                            fill=None, pad=8, rule_color="#c98b2b", before=10, after=12, label="pull quote")]

        items = chapter_items(doc, lang, ch, styles, with_heading=True, extra=pull_quote)
        facts = (MGI[lang]["names"][n - 1].upper(), ch["facts"])

        def chapter_facts(k: int, facts=facts, head=items[0].truth, n=n) -> None:
            if k == 0:
                doc.at(head, n)
                sidebar(doc, geometry()[1], top, side_w, facts[0], facts[1], sand, green, fam)

        doc.flow(items, frames, note_mode="column", before=chapter_facts,
                 layout=("one column, key-facts sidebar in the outer margin", "one column"))


# ---- 3. French, A4: two-column contents page, three columns --------------------------------------


def build_maronie(doc: Doc) -> None:
    t = T.MARONIE
    lang = "fr"
    fam, head = "DejaVuSerif", "DejaVuSansCondensed"
    red, grey = "#8c1d2f", "#5b5b5b"
    W, H = doc.W, doc.H
    m, gap = 42.0, 12.0
    body = Style(fam, 9, 11.6, after=3, hyphenate=True)
    styles = {"body": body, "h1": Style(head, 13, 15.5, color=red, bold=True, align="left", before=10, after=6),
              "h2": Style(head, 10, 12, color=red, bold=True, align="left", before=7, after=4),
              "li": body.but(left=10), "lead": body.but(italic=True, color="#5a2630", after=5)}
    doc.note_style = Style(fam, 6.8, 8.2, color="#333333", align="left", hyphenate=True)
    doc.meta["note_label"] = "plain"
    cover(doc, lang, t["country"], "2023", red, "#d9a441", head, t["subtitle"])
    doc.furniture = running(MGI[lang]["title"], t["country"].upper(), head, grey, m, number_pos="center")
    colw = (W - 2 * m - 2 * gap) / 3
    top, bottom = H - m - 16, m + 6

    def three(first_top: float | None = None):
        return lambda k: [Frame(m + i * (colw + gap), first_top if (k == 0 and first_top) else top, colw, bottom)
                          for i in range(3)]

    # two-column contents page
    doc.new_page(layout="contents in two columns, dot leaders")
    doc.chapter(None)
    doc.string(W - m, 70, "IGM", Style(head, 150, color="#f4e8ea", bold=True), align="right")
    y = doc.text(m, H - 80, W - 2 * m, MGI[lang]["contents"], Style(head, 24, 28, color=red, bold=True, align="left"),
                 heading=1, role="contents")
    doc.decoration("IGM", "large_letters", later=True)
    doc.rule(m, y - 6, W - m, red, 1.2)
    words = MGI[lang]
    left = [(words["intro"].capitalize(), "intro", 0), (words["findings"].capitalize(), "findings", 0)]
    right = []
    for k, ch in enumerate(t["chapters"]):
        n = ch["domain"]
        group = [(f"{n}. {words['names'][n - 1]}", f"ch{n}", 0), (f"{n}.1. {words['s1']}", f"ch{n}.1", 1),
                 (f"{n}.2. {words['s2']}", f"ch{n}.2", 1)]
        (left if k == 0 else right).extend(group)
    half = (W - 2 * m - 28) / 2
    st, st0 = Style(fam, 8.8, 11.5, align="left"), Style(head, 10.5, 13, bold=True, color=red, align="left", before=9)
    contents_lines(doc, left, m, y - 24, half, st, st0)
    doc.rule(m + half + 14, y - 30, m + half + 14, "#cccccc", y2=y - 330)
    contents_lines(doc, right, m + half + 28, y - 24, half, st, st0)
    doc.emit_deferred()

    # introduction and key findings, three columns
    doc.flow(findings_items(doc, lang, t, styles), three(), note_mode="column", layout="three columns")

    # chapter 4 opens with a band across the page; chapters 5 and 6 follow it in the three columns
    band_h = 92.0
    first = t["chapters"][0]
    n = first["domain"]
    doc.chapter(n)
    title = doc.heading(f"{n}. {words['names'][n - 1]}", Style(head, 20, 23, color="#ffffff", bold=True, align="left"),
                        1, number=n, role="domain_chapter", anchor=f"ch{n}")
    lead = doc.block(first["lead"], Style(fam, 9.5, 12.5, color="#3a1a1f", italic=True, align="left"), W - 2 * m,
                     "box", role="chapter_lead")
    items = chapter_items(doc, lang, first, styles)
    for ch in t["chapters"][1:]:
        items += chapter_items(doc, lang, ch, styles, with_heading=True, numbered=True)
    info: dict = {}

    def before(k: int) -> None:
        if k:
            return
        doc.at(title.truth, n)
        ytop = top + 4
        doc.fill_rect(m, ytop - band_h, W - 2 * m, band_h, red)
        doc.string(W - m - 10, ytop - band_h + 14, str(n), Style(head, 80, color="#a8475a", bold=True), align="right")
        doc.decoration(str(n), "chapter_number", later=True)
        doc.string(m + 12, ytop - 22, f"{words['domain']} {n}".upper(), Style(head, 8.5, color="#f3d9a4", bold=True),
                   emit_kind="decoration", role="kicker")
        doc.draw_block(Block(title, title.lines(W - 2 * m - 110), W - 2 * m - 110), m + 12, ytop - 32)
        y2 = doc.draw_block(lead, m, ytop - band_h - 10)
        info["top"] = y2 - 12

    doc.flow(items, lambda k: three(info.get("top"))(k), note_mode="column", before=before,
             layout=("chapter band, lead across the page, three columns, footnotes under each column",
                     "three columns, footnotes under each column"))


# ---- 4. English, US Letter: infographic page, key-finding tiles, two columns with section tabs -----


DOMAIN_COLORS = ["#1f5fa8", "#2a9d8f", "#7b4fa1", "#e07a1f", "#c0392b", "#3d7d3a"]
TILE_FILLS = ["#e4eef9", "#e2f3f1", "#eee7f5", "#fcefe2", "#f8e5e3", "#e6f1e5"]


def build_orvania(doc: Doc) -> None:
    t = T.ORVANIA
    lang = "en"
    fam = "LiberationSans"
    navy, orange = "#14365d", "#e07a1f"
    W, H = doc.W, doc.H
    m = 54.0
    body = Style(fam, 10.5, 14, after=5)
    styles = {"body": body, "h1": Style(fam, 18, 21, color=navy, bold=True, align="left", after=8),
              "h2": Style(fam, 11, 13.5, color=navy, bold=True, align="left", before=9, after=5),
              "li": body.but(left=12)}
    doc.note_style = Style(fam, 7.5, 9, color="#333333", align="left")
    cover(doc, lang, t["country"], "2023", navy, orange, fam, t["subtitle"])
    words = MGI[lang]

    # infographic page: no running header, shapes with text, large light letters, a section tab
    doc.new_page(furniture=False, layout="infographic: text in coloured shapes, large light letters, section tab")
    c = doc.c
    doc.chapter(None)
    doc.string(W - 40, H - 250, "MGI", Style(fam, 190, color="#edf2f8", bold=True), align="right")
    y = doc.text(m, H - 64, 380, "THE MIGRATION GOVERNANCE INDICATORS", Style(fam, 22, 26, color=navy, bold=True,
                                                                             align="left"),
                 heading=1, role="infographic")
    pw = (W - 2 * m - 40 - 18) / 2
    for k, (label, text, color) in enumerate((("WHAT IT IS", t["what_is"], "#2a9d8f"),
                                              ("WHAT IT IS NOT", t["what_is_not"], orange))):
        x = m + k * (pw + 18)
        ptop = y - 22 - k * 14  # the second panel sits lower
        hb = doc.block(label, Style(fam, 11, 13, color="#ffffff", bold=True, align="left"), pw - 24,
                       heading=2, role="infographic")
        pb = doc.block(text, Style(fam, 9.5, 12.5, color="#ffffff", align="left"), pw - 24, role="infographic")
        h = hb.height + pb.height + 30
        doc.fill_rect(x, ptop - h, pw, h, color, radius=10)
        yy = doc.draw_block(hb, x + 12, ptop - 10)
        doc.draw_block(pb, x + 12, yy - 6)
    y = y - 170
    doc.sections = doc.sections[:1]
    y = doc.text(m, y, 300, "THE MGI PROCESS", Style(fam, 14, 17, color=navy, bold=True, align="left"), heading=2,
                 role="infographic")
    step_w = (W - 2 * m - 40) / 4
    for k, (title, text) in enumerate(t["steps"]):
        cx = m + step_w * k + step_w / 2
        cy = y - 50 - (36 if k % 2 else 0)
        c.saveState()
        c.setFillColor(HexColor(DOMAIN_COLORS[k]))
        c.circle(cx, cy, 30, fill=1, stroke=0)
        c.restoreState()
        doc.string(cx, cy - 11, str(k + 1), Style(fam, 30, color="#ffffff", bold=True), align="center")
        hb = doc.block(title, Style(fam, 9.5, 11.5, color=DOMAIN_COLORS[k], bold=True, align="center"), step_w - 8,
                       heading=3, role="infographic", label=str(k + 1))
        yy = doc.draw_block(hb, cx - step_w / 2 + 4, cy - 38)
        doc.sections = doc.sections[:2]
        doc.text(cx - step_w / 2 + 4, yy - 2, step_w - 8, text, Style(fam, 8, 10, color="#333333", align="center"),
                 role="infographic")
    doc.sections = doc.sections[:1]
    fy = 150.0
    for k, (num, label) in enumerate(t["figures"]):
        cx = m + 70 + k * 170
        c.saveState()
        c.setFillColor(HexColor(["#e4eef9", "#fcefe2", "#e2f3f1"][k]))
        c.circle(cx, fy, 46, fill=1, stroke=0)
        c.restoreState()
        doc.string(cx, fy - 12, num, Style(fam, 36, color=navy, bold=True), align="center")
        b = doc.block(f"{num} {label}", Style(fam, 9, 11, color="#333333", align="center"), 110, role="infographic")
        # the number is drawn big inside the circle, the words below it: draw only the words
        words_only = doc.block(label, Style(fam, 9, 11, color="#333333", align="center"), 110)
        doc.draw_block(words_only, cx - 55, fy - 52, emit=False)
        doc.emit(b.item.truth)
    doc.fill_rect(W - 26, 330, 26, 200, navy)
    doc.string(W - 9, 430, "INTRODUCTION", Style(fam, 10, color="#ffffff", bold=True, tracking=1.5), align="center",
               angle=90)
    doc.string(W / 2, 36, str(doc.page), Style(fam, 9, color=navy, bold=True), align="center")
    doc.pages[-1]["page_number"] = str(doc.page)
    doc.decoration("MGI", "large_letters")
    doc.decoration("INTRODUCTION", "section_tab")

    # key findings: six coloured tiles
    doc.furniture = running(words["title"], t["country"].upper(), fam, navy, m)
    doc.new_page(layout="key findings in six coloured tiles (2 x 3)")
    doc.chapter(None)
    y = doc.text(m, H - 80, W - 2 * m, words["findings"], styles["h1"], heading=1, role="key_findings",
                 anchor="findings")
    y = doc.text(m, y - 4, W - 2 * m, t["findings_intro"], body.but(align="left"))
    tw, th, g = (W - 2 * m - 14) / 2, 150.0, 14.0
    chapters = {ch["domain"] for ch in t["chapters"]}
    for n in range(1, 7):
        col, row = (n - 1) % 2, (n - 1) // 2
        x, ttop = m + col * (tw + g), y - 16 - row * (th + g)
        doc.fill_rect(x, ttop - th, tw, th, TILE_FILLS[n - 1], radius=8)
        doc.fill_rect(x, ttop - th, 6, th, DOMAIN_COLORS[n - 1])
        doc.string(x + tw - 12, ttop - th + 12, str(n), Style(fam, 54, color="#ffffff", bold=True), align="right")
        doc.domain = n
        del doc.sections[1:]
        doc.string(x + 18, ttop - 18, f"{words['domain']} {n}".upper(), Style(fam, 7.5, color=DOMAIN_COLORS[n - 1],
                                                                              bold=True),
                   emit_kind="decoration", role="kicker", describes_domain=n)
        title = words["names"][n - 1] + (f" ({words['page']} {doc.prev_anchors.get(f'ch{n}', 0)})"
                                         if n in chapters else "")
        yy = doc.text(x + 18, ttop - 26, tw - 36, title, Style(fam, 11.5, 14, color=DOMAIN_COLORS[n - 1], bold=True,
                                                              align="left"),
                      heading=2, role="summary_domain", summary_domain=n)
        doc.text(x + 18, yy - 4, tw - 50, t["findings"][n], Style(fam, 9.5, 12.5, color="#222222", align="left"))
        doc.decoration(str(n), "tile_number")
    doc.domain = None

    # chapters in two columns, footnotes under each column, section tab on every page
    colw = (W - 2 * m - 18) / 2
    top, bottom = H - m - 10, m + 4
    for ch in t["chapters"]:
        n = ch["domain"]
        doc.chapter(n)
        title = doc.heading(words["names"][n - 1], styles["h1"].but(size=24, leading=28), 1, number=n,
                            role="domain_chapter", anchor=f"ch{n}")
        lead = doc.block(ch["lead"], Style(fam, 11, 15, color=DOMAIN_COLORS[n - 1], align="left"), W - 2 * m - 150,
                         role="chapter_lead")
        items = chapter_items(doc, lang, ch, styles)
        info: dict = {}

        def before(k: int, title=title, lead=lead, n=n, info=info) -> None:
            if k:
                return
            doc.at(title.truth, n)
            doc.string(W - m, top - 74, f"{n:02d}", Style(fam, 88, color="#e9eef5", bold=True), align="right")
            doc.decoration(f"{n:02d}", "large_number", later=True)
            y = doc.draw_block(Block(title, title.lines(W - 2 * m - 90), W - 2 * m - 90), m, top - 10)
            y = doc.draw_block(lead, m, y - 6)
            doc.rule(m, y - 8, W - m, DOMAIN_COLORS[n - 1], 1.5)
            info["top"] = y - 22

        def tab(k: int, n=n, title=title) -> None:
            doc.at(title.truth, n)
            x = W - 22 if doc.page % 2 else 0
            doc.fill_rect(x, H / 2 - 100, 22, 200, DOMAIN_COLORS[n - 1])
            doc.string(x + 15, H / 2, words["names"][n - 1].upper(), Style(fam, 8.5, color="#ffffff", bold=True,
                                                                          tracking=1.2),
                       align="center", angle=90)
            doc.decoration(words["names"][n - 1].upper(), "section_tab")

        doc.flow(items, lambda k, info=info: [Frame(m, info["top"] if k == 0 else top, colw, bottom),
                                              Frame(m + colw + 18, info["top"] if k == 0 else top, colw, bottom)],
                 note_mode="column", before=before, after=tab,
                 layout=("chapter opening with a large light number, two columns, footnotes under each column, "
                         "section tab on the page edge",
                         "two columns, footnotes under each column, section tab on the page edge"))


# ---- 5. Portuguese, US Letter: two columns with a two-column section nested in a column -----------


def build_marinhas(doc: Doc) -> None:
    t = T.MARINHAS
    lang = "pt"
    fam, head = "DejaVuSerifCondensed", "DejaVuSansCondensed"
    sea, coral = "#0f5e6e", "#e2725b"
    W, H = doc.W, doc.H
    m, gap = 48.0, 20.0
    body = Style(fam, 9.5, 12.2, indent=10, hyphenate=True)
    styles = {"body": body, "h1": Style(head, 14, 16.5, color=sea, bold=True, align="left", before=14, after=6),
              "h2": Style(head, 10.5, 12.5, color=coral, bold=True, align="left", before=8, after=4),
              "li": Style(fam, 8.3, 10, align="left", left=8, after=2)}
    doc.note_style = Style(fam, 7.3, 8.8, color="#333333", hyphenate=True)
    cover(doc, lang, t["country"], "2023", sea, coral, head, t["subtitle"])
    doc.furniture = running(t["country"].upper(), "PERFIL DE GOVERNANÇA DA MIGRAÇÃO 2023", head, sea, m,
                            number_pos="outer", footer_text="MGI · " + t["country"])
    colw = (W - 2 * m - gap) / 2
    top, bottom = H - m - 14, m + 8

    def two(k: int) -> list[Frame]:
        return [Frame(m, top, colw, bottom), Frame(m + colw + gap, top, colw, bottom)]

    def after(k: int) -> None:
        doc.rule(m + colw + gap / 2, top, m + colw + gap / 2, "#c7dadd", 0.6, y2=bottom + 40)

    doc.flow(findings_items(doc, lang, t, styles), two, note_mode="page", note_area=(m, W - 2 * m), after=after,
             layout="two columns with a column rule, full-width footnotes")

    def laws(name: str, n: int) -> list[Item]:
        lst = Style(fam, 8.3, 10.2, align="left", left=8, after=3)
        unit = BoxUnit(doc, [], fill=None, pad=4, columns=2, gap=10, before=6, after=8,
                       title=(t["laws_title"], Style(head, 9, 11, color=sea, bold=True, align="left", after=4)),
                       title_kind="heading", title_extra={"level": 3, "role": "nested_section"}, rule_color="#9fc3c9",
                       label="a two-column section nested in a column")
        unit.items = [TextItem(doc, law, lst, doc.truth("list_item", label="•"), bullet="•") for law in t["laws"]]
        del doc.sections[2:]
        return [unit]

    items: list[Item] = []
    for ch in t["chapters"]:
        items += chapter_items(doc, lang, ch, styles, with_heading=True, extra=laws)
    doc.flow(items, two, note_mode="page", note_area=(m, W - 2 * m), after=after,
             layout="two columns with a column rule, full-width footnotes")


# ---- 6. Spanish, A4: one column with shaded two-column boxes ----------------------------------------


def build_bermeja(doc: Doc) -> None:
    t = T.BERMEJA
    lang = "es"
    fam = "LiberationSans"
    wine, gold = "#7a1f3d", "#d8a31a"
    W, H = doc.W, doc.H
    m = 62.0
    body = Style(fam, 11, 14.6, after=7)
    styles = {"body": body, "h1": Style(fam, 17, 20, color=wine, bold=True, align="left", after=8),
              "h2": Style(fam, 12, 14.5, color=wine, bold=True, align="left", before=10, after=6),
              "li": body.but(left=14)}
    doc.note_style = Style(fam, 8, 9.6, color="#333333", align="left")
    cover(doc, lang, t["country"], "2023", wine, gold, fam, t["subtitle"])
    doc.furniture = running(MGI[lang]["title"], t["country"].upper(), fam, wine, 44, number_pos="right")
    top, bottom = H - 74, 56
    words = MGI[lang]

    doc.flow(findings_items(doc, lang, t, styles), lambda k: [Frame(m, top, W - 2 * m, bottom)], note_mode="column",
             layout="one column")

    for ch in t["chapters"]:
        n = ch["domain"]
        doc.chapter(n)
        title = doc.heading(words["names"][n - 1], Style(fam, 22, 26, color="#ffffff", bold=True, align="left"), 1,
                            number=n, role="domain_chapter", anchor=f"ch{n}")
        intro = BoxUnit(doc, [(p, Style(fam, 10.5, 14, color="#3b1020", italic=True, align="left"), "box", {})
                              for p in ch["intro"]], fill="#f6e8ed", pad=12)

        def box(name: str, n: int, ch=ch) -> list[Item]:
            head, paras = ch[name]
            st = Style(fam, 9.5, 12.5, color="#2b2b2b", align="left", before=5)
            return [BoxUnit(doc, [(p, st, "box", {}) for p in paras], fill="#fbf3dc", stroke=gold, pad=12, columns=2,
                            gap=18, before=8, after=12, label="a shaded two-column box",
                            title=(head, Style(fam, 10.5, 13, color=wine, bold=True, align="left", after=6)))]

        items = chapter_items(doc, lang, ch, styles, extra=box)
        info: dict = {}

        def before(k: int, title=title, intro=intro, n=n, info=info) -> None:
            if k:
                return
            doc.at(title.truth, n)
            band = 70.0
            doc.fill_rect(0, top - band + 18, W, band, wine)
            doc.string(m, top + 2, f"{words['domain']} {n}".upper(), Style(fam, 9, color=gold, bold=True),
                       emit_kind="decoration", role="kicker")
            doc.draw_block(Block(title, title.lines(W - 2 * m), W - 2 * m), m, top - 14)
            intro.draw(doc, m, top - band + 2, W - 2 * m)
            info["top"] = top - band + 2 - intro.height(W - 2 * m) - 14

        doc.flow(items, lambda k, info=info: [Frame(m, info["top"] if k == 0 else top, W - 2 * m, bottom)],
                 note_mode="column", before=before,
                 layout=("chapter opening band, shaded intro box, one column", "one column"))


# ---- 7. French, A4: a tagged PDF exported by LibreOffice -----------------------------------------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">{title}</dc:title></office:meta>
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties fo:language="fr" fo:country="FR"/></style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.25cm" fo:text-align="justify" fo:line-height="120%"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:hyphenate="false"/></style:style>
 <style:style style:name="ListPara" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-bottom="0.12cm" fo:text-align="start"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.4cm" fo:text-indent="-0.4cm"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="8.5pt"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.6cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="16pt" fo:font-weight="bold" fo:color="#1d4e89"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.45cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="12.5pt" fo:font-weight="bold" fo:color="#1d4e89"/></style:style>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:default-outline-level="3"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt" fo:font-weight="bold" fo:font-style="italic" fo:color="#333333"/></style:style>
 <style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="7.5pt" fo:color="#1d4e89"/></style:style>
 <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt"/></style:style>
 <style:style style:name="Italic" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 <text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
 <text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.7cm" fo:text-indent="-0.5cm" fo:margin-left="0.7cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.0cm" fo:page-height="29.7cm" fo:margin-top="1.6cm" fo:margin-bottom="1.6cm" fo:margin-left="2.6cm" fo:margin-right="2.6cm"><style:footnote-sep style:width="0.018cm" style:rel-width="25%" style:color="#000000" style:line-style="solid" style:adjustment="left" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm"/></style:page-layout-properties><style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.4cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p text:style-name="Header">{header}</text:p></style:header><style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer></style:master-page>
</office:master-styles>
<office:body><office:text>
"""


def odf_inline(markup: str, counter: list[int]) -> str:
    """*italic* and [[footnotes]] as ODF inline XML."""
    out = []
    for part in re.split(r"(\[\[.*?\]\]|\*[^*]+\*)", markup):
        if part.startswith("[["):
            counter[0] += 1
            n = counter[0]
            out.append(f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}'
                       f'</text:note-citation><text:note-body><text:p text:style-name="Footnote">'
                       f'{odf_inline(part[2:-2], counter)}</text:p></text:note-body></text:note>')
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append(f'<text:span text:style-name="Italic">{html.escape(part[1:-1], quote=False)}</text:span>')
        else:
            out.append(html.escape(part, quote=False))
    return "".join(out)


def fix_dates(pdf: Path) -> None:
    """Give LibreOffice's PDF a fixed creation date and document ID (same bytes each run).

    Uses pikepdf (in the test extras); without it the PDF is left as LibreOffice wrote it.
    """
    try:
        import pikepdf
    except ImportError:
        return
    with pikepdf.open(pdf, allow_overwriting_input=True) as p:
        for key in ("/CreationDate", "/ModDate"):
            if key in p.docinfo:
                p.docinfo[key] = "D:20230101000000Z"
        for key in ("/ID", "/DocChecksum"):  # the checksum is LibreOffice's, of its own random ID
            if key in p.trailer:
                del p.trailer[key]
        p.save(pdf, deterministic_id=True)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u00ad", "")).lower()


def build_kandara_tagged(name: str, out_dir: Path, meta: dict) -> Path:
    import pdfplumber  # the pipeline's own PDF reader, to find the page of each block

    t = T.KANDARA
    lang = "fr"
    words = MGI[lang]
    doc = Doc(name, A4, meta, io.BytesIO())
    st = Style("LiberationSerif", 11)
    doc.note_style = st.but(size=8.5)
    counter = [0]
    xml: list[str] = []
    body: list[dict] = []

    def h(text: str, level: int, **extra) -> None:
        item = doc.heading(text, st, level, **extra)
        body.append(item.truth)
        xml.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                   f'{odf_inline(text, counter)}</text:h>')

    def p(markup: str, style: str = "Body", kind: str = "paragraph", **extra) -> str:
        item = doc.para(markup, st, kind, **extra)
        body.append(item.truth)
        return f'<text:p text:style-name="{style}">{odf_inline(markup, counter)}</text:p>'

    doc.chapter(None)
    h(f"Profil de gouvernance des migrations\u00a0: {t['country']}", 1, role="document_title")
    h(words["intro"].capitalize(), 1, role="introduction")
    xml += [p(x) for x in t["intro"]]
    h(words["findings"].capitalize(), 1, role="key_findings")
    xml.append(p(t["findings_intro"]))
    xml.append('<text:list text:style-name="L1">' + "".join(
        f"<text:list-item>{p(x, 'ListPara', 'list_item', label='•')}</text:list-item>" for x in t["findings"])
        + "</text:list>")
    for ch in t["chapters"]:
        n = ch["domain"]
        doc.chapter(n)
        h(f"{n}. {words['names'][n - 1]}", 1, number=n, role="domain_chapter")
        for key, assessment, sub in (("strengths", "strength", 1), ("gaps", "gap", 2)):
            doc.assessment = assessment
            h(f"{n}.{sub}. {words['s' + str(sub)]}", 2, number=f"{n}.{sub}", role=assessment)
            for x in ch[key]:
                if isinstance(x, tuple):
                    h(x[1], 3)
                else:
                    xml.append(p(x))
        doc.assessment = None
    header = f"{words['title']} · {t['country'].upper()} 2022"
    fodt = FODT_HEAD.format(title=html.escape(meta["title"]), header=html.escape(header)) + "\n".join(xml) + \
        "\n</office:text></office:body></office:document>\n"
    pdf = fodt_to_pdf({name: fodt}, out_dir, convert_to=TAGGED_PDF)[0]
    fix_dates(pdf)

    with pdfplumber.open(pdf) as src:
        pages = [squash(pg.extract_text() or "") for pg in src.pages]
    truth = tagged_truth(name, body, doc.all_notes, pages, meta, header,
                         "one column (LibreOffice, tagged PDF: H1-H3, P, L/LI, Note)")
    (out_dir / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    return pdf


# ---- 9. Spanish, A4: a tagged two-column PDF whose flow geometry cannot see ---------------------

#: The Solana fixture's styles: FODT_HEAD in Spanish, Liberation Sans 10 pt, two page columns, and a
#: shaded frame style (set across both columns, no text beside it: each column flows round it).
SOLANA_HEAD = (FODT_HEAD
               .replace('xmlns:svg=', 'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"\n xmlns:svg=')
               .replace('fo:language="fr" fo:country="FR"', 'fo:language="es" fo:country="ES"')
               .replace('style:font-name="Liberation Serif" fo:font-size="11pt"',
                        'style:font-name="Liberation Sans" fo:font-size="10pt"')
               .replace('fo:text-align="justify" fo:line-height="120%"', 'fo:text-align="start" fo:line-height="125%"')
               .replace('style:font-name="Liberation Serif" fo:font-size="8.5pt"',
                        'style:font-name="Liberation Sans" fo:font-size="8pt"')
               .replace('fo:margin-left="2.6cm" fo:margin-right="2.6cm">',
                        'fo:margin-left="2.0cm" fo:margin-right="2.0cm"><style:columns fo:column-count="2" '
                        'fo:column-gap="0.8cm"/>')
               .replace('<office:automatic-styles>', '<office:automatic-styles>\n <style:style style:name="Box" '
                        'style:family="graphic"><style:graphic-properties style:wrap="none" '
                        'style:vertical-pos="from-top" style:vertical-rel="page" style:horizontal-pos="from-left" '
                        'style:horizontal-rel="page" fo:background-color="#e3ecf5" fo:border="0.5pt solid #1d4e89" '
                        'fo:padding="0.3cm"/></style:style>\n <style:style '
                        'style:name="BoxTitle" style:family="paragraph"><style:paragraph-properties '
                        'fo:margin-bottom="0.15cm"/><style:text-properties style:font-name="Liberation Sans" '
                        'fo:font-size="10pt" fo:font-weight="bold" fo:color="#1d4e89"/></style:style>\n '
                        '<style:style style:name="BoxPara" style:family="paragraph"><style:paragraph-properties '
                        'fo:margin-bottom="0.12cm"/><style:text-properties style:font-name="Liberation Sans" '
                        'fo:font-size="9pt" fo:color="#12395e"/></style:style>'))
#: Where the Solana box stands: across both columns, this far from the page's top edge.
SOLANA_BOX_TOP_CM = 13.2


def build_solana_tagged(name: str, out_dir: Path, meta: dict) -> Path:
    """A LibreOffice tagged PDF in two page columns with a full-width box in the middle of page 1.

    The text flows down the left column round the box, then down the right column:
    read band by band (above the box both columns, then the box, then below it) the
    left column's paragraph cut by the box is read in halves with the right column's
    top between them. The structure tree holds the flow; the box, anchored to the
    chapter's first paragraph, is tagged (and read) before the page's text.
    """
    import pdfplumber  # the pipeline's own PDF reader, to find the page of each block

    t = T.SOLANA
    lang = "es"
    words = MGI[lang]
    doc = Doc(name, A4, meta, io.BytesIO())
    st = Style("LiberationSans", 10)
    doc.note_style = st.but(size=8)
    counter = [0]
    xml: list[str] = []
    body: list[dict] = []

    def h(text: str, level: int, **extra) -> None:
        body.append(doc.heading(text, st, level, **extra).truth)
        xml.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                   f'{odf_inline(text, counter)}</text:h>')

    def p(markup: str, style: str = "Body", kind: str = "paragraph", lead: str = "", **extra) -> str:
        body.append(doc.para(markup, st, kind, **extra).truth)
        return f'<text:p text:style-name="{style}">{lead}{odf_inline(markup, counter)}</text:p>'

    doc.chapter(None)
    # LibreOffice tags a frame's text before the page's text (an aside read first, like the
    # other fixtures' intro boxes and key-facts sidebars): the truth reads it there too.
    box = [f'<text:p text:style-name="BoxTitle">{odf_inline(t["box_title"], counter)}</text:p>']
    body.append(doc.para(t["box_title"], st, "box", role="box_title").truth)
    for x in t["box"]:
        box.append(f'<text:p text:style-name="BoxPara">{odf_inline(x, counter)}</text:p>')
        body.append(doc.para(x, st, "box").truth)
    h(f"Perfil de gobernanza de la migración: {t['country']}", 1, role="document_title")
    h(words["intro"].capitalize(), 2, role="introduction")
    xml += [p(x) for x in t["intro"]]
    frame = (f'<draw:frame draw:style-name="Box" draw:name="Recuadro" text:anchor-type="paragraph" svg:x="2.0cm" '
             f'svg:y="{SOLANA_BOX_TOP_CM}cm" svg:width="17.0cm" draw:z-index="0"><draw:text-box fo:min-height="2cm">'
             + "".join(box) + "</draw:text-box></draw:frame>")
    for k, ch in enumerate(t["chapters"]):
        n = ch["domain"]
        doc.chapter(n)
        h(f"{n}. {words['names'][n - 1]}", 2, number=n, role="domain_chapter")
        for key, assessment, sub in (("strengths", "strength", 1), ("gaps", "gap", 2)):
            doc.assessment = assessment
            h(f"{n}.{sub}. {words['s' + str(sub)]}", 3, number=f"{n}.{sub}", role=assessment)
            for j, x in enumerate(ch[key]):
                first = k == 0 and sub == 1 and j == 0
                xml.append(p(x, lead=frame if first else ""))
        doc.assessment = None
    header = f"{words['title']} · {t['country'].upper()} 2022"
    fodt = SOLANA_HEAD.format(title=html.escape(meta["title"]), header=html.escape(header)) + "\n".join(xml) + \
        "\n</office:text></office:body></office:document>\n"
    pdf = fodt_to_pdf({name: fodt}, out_dir, convert_to=TAGGED_PDF)[0]
    fix_dates(pdf)
    with pdfplumber.open(pdf) as src:  # content-stream order keeps each column's text together
        pages = [squash("".join(c["text"] for c in pg.chars)) for pg in src.pages]
    layout = "two page columns (LibreOffice, tagged PDF); page 1: a full-width box across both columns"
    truth = tagged_truth(name, body, doc.all_notes, pages, meta, header, layout)
    (out_dir / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    return pdf


def tagged_truth(name: str, body: list[dict], all_notes: list, pages: list[str], meta: dict, header: str,
                 layout: str) -> dict:
    """The truth of a LibreOffice fixture: each block's page found in the PDF, each page's notes after its text."""
    def find(text: str, start: int = 1) -> int:
        for probe in (squash(text)[:40], squash(text)[:20]):
            for k in range(start - 1, len(pages)):
                if probe in pages[k]:
                    return k + 1
        raise RuntimeError(f"{name}: not found in the PDF: {text[:60]}")

    page = 1
    for b in body:
        b["page"] = page = find(b["text"], page)
        end = find(b["text"][-30:], page) if len(b["text"]) > 60 else page
        if end != page:
            b["page_end"] = end
    for n in all_notes:
        n.truth["page"] = find(n.text, 1)
    ordered: list[dict] = []
    notes = sorted((n.truth for n in all_notes), key=lambda x: (x["page"], x["number"]))
    for b in body:
        while notes and notes[0]["page"] < b["page"]:
            ordered.append(notes.pop(0))
        ordered.append(b)
    ordered += notes
    recs = [{"page": k, "layout": layout, "header": header, "footer": None, "page_number": str(k)}
            for k in range(1, len(pages) + 1)]
    meta["pdf"]["tagged"] = True
    return truth_file(ordered, meta, recs, name)


# --------------------------------------------------------------------------- driver

DOCS: dict[str, tuple] = {
    # name: (builder, page size, language, key in design_texts, designs shown)
    "pt-alvorada-a4": (build_alvorada, A4, "pt", "ALVORADA", [
        "1: chapter openings (chapter number, full-width title, shaded intro box) then two columns whose "
        "tops are misaligned (the right column starts 4.5 pt higher than the left column's first heading); "
        "paragraphs run on from the left column into the right one and onto the next page",
        "5: full-width footnotes under two columns",
        "serif body (Liberation Serif 10 pt), hyphenated, A4"]),
    "es-valdoria-letter": (build_valdoria, letter, "es", "VALDORIA", [
        "2: key-facts sidebar (filled frame, small text) in the outer margin beside a one-column body; "
        "pull quote between rules inside the body",
        "3: one-column contents page with dot leaders and page numbers",
        "sans body (DejaVu Sans 9 pt), ragged right, US Letter, page numbers on the outer corner"]),
    "fr-maronie-a4": (build_maronie, A4, "fr", "MARONIE", [
        "3: two-column contents page with dot leaders",
        "4: three columns (key findings and chapters), footnotes at the foot of each column",
        "chapter band with the title reversed out of a dark fill and a large light chapter number",
        "serif body (DejaVu Serif 9 pt), hyphenated, A4, plain footnote numbers"]),
    "en-orvania-letter": (build_orvania, letter, "en", "ORVANIA", [
        "6: infographic page (text inside coloured panels and circles, big numbers, large light letters "
        "'MGI', a vertical section tab on the page edge, no running header)",
        "key findings as six coloured tiles (2 x 3), each with a big light number",
        "two columns with footnotes under each column, vertical section tab on every chapter page, "
        "large light chapter number",
        "sans body (Liberation Sans 10.5 pt), US Letter"]),
    "pt-marinhas-letter": (build_marinhas, letter, "pt", "MARINHAS", [
        "7: a two-column section (list of laws under its own heading) nested in one column of a "
        "two-column page",
        "5: full-width footnotes under two columns; a rule between the columns",
        "condensed serif body (DejaVu Serif Condensed 9.5 pt) with first-line indents, hyphenated, "
        "US Letter; footer text beside the page number"]),
    "es-bermeja-a4": (build_bermeja, A4, "es", "BERMEJA", [
        "7: one-column page with a shaded, framed box set in two columns of its own",
        "1 (variant): chapter opening band with the title reversed out, shaded intro box, one column",
        "sans body (Liberation Sans 11 pt), A4, footnotes at the page foot"]),
}

#: The LibreOffice fixture (design 8), made by build_kandara_tagged.
TAGGED = ("fr-kandara-tagged", "KANDARA", [
    "8: tagged PDF exported by LibreOffice (structure tree: H1-H3, P, L/LI, Note/footnotes)",
    "serif body (Liberation Serif 11 pt), one column, A4, footnotes numbered by LibreOffice"])


#: The second LibreOffice fixture (design 9), made by build_solana_tagged.
TAGGED_COLUMNS = ("es-solana-tagged", "SOLANA", [
    "9: tagged PDF exported by LibreOffice, two page columns flowing down round a full-width box "
    "(band by band, geometry reads the columns' halves out of order; the structure tree has the flow)",
    "sans body (Liberation Sans 10 pt), A4, footnotes under each column, numbered by LibreOffice"])


def doc_meta(lang: str, country: str, size, designs: list[str]) -> dict:
    return {"title": f"{MGI[lang]['title'].capitalize()} — {country} (fixture)", "language": lang,
            "source": "invented (bench/design_texts.py)", "generator": "bench/make_designs.py",
            "designs": designs,
            "domains": {str(k): v.replace("\u00a0", " ") for k, v in enumerate(MGI[lang]["names"], 1)},
            "pdf": {"page_size": "A4" if size == A4 else "US Letter",
                    "page_numbers": "footer, arabic; printed page number = PDF page number; none on the cover"}}


def build(name: str, out_dir: Path) -> Path:
    if name == TAGGED[0]:
        meta = doc_meta("fr", T.KANDARA["country"], A4, TAGGED[2])
        meta["pdf"]["page_numbers"] = "footer, arabic, from 1 (LibreOffice page field)"
        return build_kandara_tagged(name, out_dir, meta)
    if name == TAGGED_COLUMNS[0]:
        meta = doc_meta("es", T.SOLANA["country"], A4, TAGGED_COLUMNS[2])
        meta["pdf"]["page_numbers"] = "footer, arabic, from 1 (LibreOffice page field)"
        return build_solana_tagged(name, out_dir, meta)
    builder, size, lang, key, designs = DOCS[name]
    meta = doc_meta(lang, getattr(T, key)["country"], size, designs)
    anchors: dict = {}
    for attempt in range(3):  # contents pages and page references need the pages of the first pass
        doc = Doc(name, size, dict(meta), io.BytesIO(), anchors)
        builder(doc)
        truth = doc.finish()
        if doc.anchors == anchors:
            break
        anchors = doc.anchors
    else:
        raise RuntimeError(f"{name}: page references do not settle")
    pdf = out_dir / f"{name}.pdf"
    doc = Doc(name, size, dict(meta), pdf, anchors)
    builder(doc)
    truth = doc.finish()
    (out_dir / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    return pdf


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", nargs="?", default=str(OUT_DIR))
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args()
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in [*DOCS, TAGGED[0], TAGGED_COLUMNS[0]]:
        if args.only and name not in args.only:
            continue
        print(build(name, out))


if __name__ == "__main__":
    main()
