"""Page-level layout: words → lines → regions (columns) → blocks.

Every tolerance is a named constant expressed relative to the font size, so that
the same rules hold for 9-point two-column reports and 12-point single-column ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.layout.textjoin import join_lines

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
#: Column gutters, boxes and reading order: see :mod:`pipeline.layout.regions`.
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
    tag: tuple[int, int] | None = None  # tagged PDFs: (element, position) in the structure tree's order


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
    region: int = 0  # index of the region (pipeline.layout.regions) in the page's reading order
    band: int = 0  # index of the band (horizontal strip of regions) on the page
    columns: int = 1  # how many columns the line's band has
    boxed: bool = False  # inside a filled or framed box
    ruled: bool = False  # between two horizontal rules (a pull quote)
    shape: tuple[float, float, float, float] | None = None  # the box it was read from (pipeline.layout.regions)
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
    #: tagged PDFs: ``(element, first position, characters)`` per structure element its words
    #: belong to (element -1: untagged words), see :mod:`pipeline.layout.tagged`
    tags: list[tuple[int, int, int]] = field(default_factory=list)

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
    turn: int = 0  # degrees the page was turned to read its text (see pipeline.layout.orient)


def bbox_of(lines: list[Line]) -> tuple[float, float, float, float]:
    """``(x0, top, x1, bottom)`` around some lines."""
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines),
            max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))
