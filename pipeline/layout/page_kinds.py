"""What a designed page's regions are: body text, boxes, sidebars, decoration, contents.

Designed MGI profiles put more than running text on a page: a shaded intro box
under a chapter title, a key-facts frame in the outer margin, a huge light chapter
number, a "DOMAIN 1" kicker above the title, a coloured section tab, a cover, a
contents page. Read as body text these become headings and empty sections, or run
into paragraphs. This module names them, from geometry and typography only (no
words of any language), so that later stages can keep them apart:

- ``box``: text inside a filled or framed rectangle (kept in reading order);
- ``sidebar``: a narrow region beside a wider column, boxed or in smaller type;
- ``decoration``: large numbers, large light letters, kickers, tabs, cover lines;
- ``contents_entry``: a contents line (title, leaders, page number), with its target page.
"""

from __future__ import annotations

import re
import statistics

from pipeline.layout.page import GLYPH_MAX_CHARS, GLYPH_SIZE_RATIO, HEADING_SIZE_RATIO, Block, Line
from pipeline.layout.regions import contents_title
from pipeline.layout.tagged import tag_units

#: A region at most this share as wide as the widest column beside it may be a sidebar...
SIDEBAR_MAX_WIDTH_SHARE = 0.6
#: ...when boxed, or set at most this share of the body size.
SIDEBAR_SIZE_RATIO = 0.95
#: Text between rules set at least this share of the body size is a pull quote.
PULL_QUOTE_SIZE_RATIO = 1.1
#: A pull quote opens with a quotation mark or ends a sentence (a title between rules does not).
QUOTES = "«“„\"'‘‹"
SENTENCE_END = (".", "!", "?", "»", "”", '"', "…")
#: A number standing alone at this many times the body size is a decoration (chapter number).
DECORATION_NUMBER_SIZE_RATIO = 1.6
#: Text in a light colour at this many times the body size is a decoration (large light letters).
DECORATION_LIGHT_SIZE_RATIO = 1.3
#: A kicker ("DOMAIN 1" above a chapter title) or a tab has at most this many words.
LABEL_MAX_WORDS = 3
#: A tab's text is at most this share of the body size (a reversed chapter title is larger).
TAB_SIZE_RATIO = 1.1
#: A first page with at most this many words and no paragraph of several lines is a cover.
COVER_MAX_WORDS = 60
COVER_PARAGRAPH_LINES = 3
#: A page is a contents page when at least this many lines are entries...
CONTENTS_MIN_ENTRIES = 3
#: ...and they are at least this share of its non-heading lines.
CONTENTS_MIN_SHARE = 0.5
#: Kinds that are not running text: a paragraph split around them still continues.
ASIDE_KINDS = frozenset({"footnote", "box", "sidebar", "decoration", "contents_entry"})

#: On a contents page, a line ending in a page number after a leader dot or two is an entry.
LOOSE_ENTRY = re.compile(r"^(?P<title>.*[^\W\d_].*?)\s*[.·…]{1,2}\s*(?P<page>\d{1,3})$")
_NUMBER = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6})\.?$")
_KICKER = re.compile(r"^[^\W\d_][^\W_]*(?:\s+[^\W\d_][^\W_]*)*\s+(?:\d{1,2}|[IVXLC]{1,6})$")


def region_kinds(regions: list[list[Line]], body_size: float) -> list[str]:
    """``body``, ``box`` or ``sidebar`` for each region (lines carry band, column and box flags)."""
    info = []
    for r in regions:
        info.append((r[0].band, r[0].column, any(ln.boxed for ln in r), min(ln.x0 for ln in r),
                     max(ln.x1 for ln in r), statistics.median(ln.size for ln in r)))
    kinds = []
    for r, (band, column, boxed, x0, x1, size) in zip(regions, info):
        kind = "box" if boxed else "body"
        if all(ln.ruled for ln in r):
            # Between rules: a pull quote (a large sentence or quotation) is a sidebar;
            # a title set between rules is what it looks like.
            kind = "sidebar" if _pull_quote(r, size, body_size) else "body"
        others = [b_x1 - b_x0 for b, c, _, b_x0, b_x1, _ in info if b == band and c != column and c >= 0]
        if column >= 0 and others and (x1 - x0) <= SIDEBAR_MAX_WIDTH_SHARE * max(others) and (
                boxed or size <= SIDEBAR_SIZE_RATIO * body_size):
            kind = "sidebar"
        kinds.append(kind)
    return kinds


def _pull_quote(region: list[Line], size: float, body_size: float) -> bool:
    text = " ".join(ln.text for ln in region).strip()
    return (size >= PULL_QUOTE_SIZE_RATIO * body_size and not all(ln.bold for ln in region)
            and bool(text) and (text[0] in QUOTES or text.endswith(SENTENCE_END)))


def retag(blocks: list[Block], kind: str, body_size: float) -> None:
    """Give a box's or a sidebar's blocks their region's kind (large titles in a box stay headings)."""
    if kind == "body":
        return
    for b in blocks:
        b.boxed = True
        if b.kind == "footnote":
            continue
        if kind == "sidebar":
            b.kind = "sidebar"
        elif b.kind in ("paragraph", "list_item") or (b.kind == "heading" and b.size < HEADING_SIZE_RATIO * body_size):
            b.kind = "box"


def _label(text: str) -> bool:
    """A short upper-case label ("DOMÍNIO 1", "INTRODUCTION")."""
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    return 0 < len(words) <= LABEL_MAX_WORDS and bool(letters) and all(c.isupper() for c in letters)


def mark_decorations(blocks: list[Block], body_size: float) -> None:
    """Large numbers, large light letters, kickers above titles and tabs become ``decoration``."""
    text_blocks = [b for b in blocks if b.kind not in ("footnote", "table_row")]
    for i, b in enumerate(text_blocks):
        t = b.text.strip()
        if not t:
            continue
        nxt = next((n for n in text_blocks[i + 1:] if n.kind != "decoration"), None)
        if _NUMBER.match(t) and b.size >= DECORATION_NUMBER_SIZE_RATIO * body_size:
            b.kind = "decoration"
        elif b.light and not b.boxed and b.size >= DECORATION_LIGHT_SIZE_RATIO * body_size:
            b.kind = "decoration"
        elif b.light and b.size >= GLYPH_SIZE_RATIO * body_size and len(t) <= GLYPH_MAX_CHARS:
            b.kind = "decoration"  # huge light letters on a tinted panel ("MGI" behind a text)
        elif (_label(t) and _KICKER.match(t) and nxt is not None and nxt.kind == "heading"
              and nxt.size > b.size):
            b.kind = "decoration"
        elif b.boxed and _label(t) and b.size <= TAB_SIZE_RATIO * body_size and b.kind in ("heading", "box"):
            b.kind = "decoration"


def mark_cover(blocks: list[Block]) -> bool:
    """On a cover (few words, no paragraph of several lines) only the largest title is a heading."""
    text = [b for b in blocks if b.kind not in ("footnote", "furniture")]
    words = sum(len(b.text.split()) for b in text)
    if not text or words > COVER_MAX_WORDS or any(
            b.kind == "paragraph" and b.n_lines >= COVER_PARAGRAPH_LINES for b in text):
        return False
    title = max(text, key=lambda b: (b.size, len(b.text)))
    for b in text:
        if b is not title:
            b.kind = "decoration"
    if title.kind not in ("heading",):
        title.kind = "heading"
    return True


def is_contents_page(lines: list[Line], body_size: float) -> bool:
    """Whether most non-heading lines of a page are contents entries."""
    entries = sum(1 for ln in lines if ln.contents is not None)
    plain = sum(1 for ln in lines if ln.size < HEADING_SIZE_RATIO * body_size or ln.contents is not None)
    return entries >= CONTENTS_MIN_ENTRIES and entries >= CONTENTS_MIN_SHARE * max(plain, 1)


def split_contents(region: list[Line], page: int) -> tuple[list[Block], list[Line]]:
    """Contents entries of a region (a wrapped title joins its entry line), and the other lines."""
    entries: list[Block] = []
    rest: list[Line] = []
    pending: list[Line] = []
    for k, ln in enumerate(region):
        if ln.contents is None and (loose := LOOSE_ENTRY.match(ln.text)):
            ln.contents = int(loose.group("page"))  # a long title leaves room for one leader dot
        if ln.contents is None:
            nxt = region[k + 1] if k + 1 < len(region) else None
            if nxt is not None and nxt.contents is not None and abs(nxt.size - ln.size) < 0.6 and not pending:
                pending.append(ln)  # the first line of a wrapped title
            else:
                rest.extend(pending)
                pending = []
                rest.append(ln)
            continue
        lines = pending + [ln]
        pending = []
        title = contents_title(" ".join(x.text for x in lines))
        entries.append(Block.around(lines, "contents_entry", page, title, size=ln.size, bold=ln.bold,
                                    target_page=ln.contents, tags=tag_units(lines)))
    rest.extend(pending)
    return entries, rest
