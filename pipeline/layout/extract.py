"""Layout: PDF characters → words → lines → blocks, in reading order.

The stage is deliberately geometric and language-light: it finds what a reader sees
on a page (running headers and footers, body columns, the footnote area, tables,
superscript markers) and hands :mod:`pipeline.structure.build` a flat list of
:class:`Block` objects. The page-level pieces live in :mod:`pipeline.layout.page`;
this module drives pages, document-wide statistics (body font size, repeated
furniture) and the merging of paragraphs that run across page or column breaks.
Pages whose text runs another way than left to right are read turned
(:mod:`pipeline.layout.orient`); what the parser had to repair, and pages read short of
what PDFium reads, become ``LayoutDocument.problems`` (:mod:`pipeline.layout.textcheck`).

The result, a :class:`LayoutDocument`, is plain data (dataclasses of strings and
numbers), so that the batch runner can cache it as JSON by content hash
(:mod:`pipeline.batch.cache`) and re-apply later stages when only rules change.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from rapidfuzz import fuzz

from pipeline.layout.footnotes import (
    FootnoteSeries,
    assign_ref_series,
    continue_note,
    find_footnote_area,
    recover_ocr_markers,
    split_footnotes,
)
from pipeline.layout.orient import turned_size, unturn_page
from pipeline.layout.pagestore import FURNITURE_ZONE, LANGUAGE_PAGES, PageSpill, zone as _zone  # noqa: F401
from pipeline.layout.lines import reading_key, set_aside_glyphs, reading_regions
from pipeline.layout.page import (
    HEADING_SIZE_RATIO,
    SUPERSCRIPT_RAISE_EM,
    SUPERSCRIPT_SIZE_RATIO,
    Block,
    Line,
    PageLayout,
    bbox_of,
)
from pipeline.layout.blocks import _pitch_em, region_blocks, uses_indent, uses_spacing
from pipeline.layout.page_kinds import (
    ASIDE_KINDS,
    is_contents_page,
    mark_cover,
    mark_decorations,
    region_kinds,
    retag,
    split_contents,
)
from pipeline.layout.reading import OcrFn, PageRead, ProgressFn, _read_all
from pipeline.layout.shapes import join_key_figures, other_shape
from pipeline.layout.tables import inside, table_blocks
from pipeline.layout.tagged import apply_tags, notes_from_tags, order_by_tags
from pipeline.layout.textcheck import (
    XREF_REPAIRED,
    PageText,
    check_pages,
    damage_reasons,
    parser_messages,
    pdfium_text,
    xref_repaired,
)
from pipeline.layout.textjoin import warm_word_lists
from pipeline.lexicon import detect_language  # noqa: F401 - re-exported

log = logging.getLogger(__name__)

#: A margin line is furniture when its digit-folded text repeats on this share of pages.
FURNITURE_MIN_SHARE = 0.25
#: ...and on at least this many pages (short documents).
FURNITURE_MIN_PAGES = 2
#: Margin lines this many points below the body size are "small type".
SMALL_TYPE_PT = 0.5
#: Margin texts longer than this many characters match fuzzily (rapidfuzz ratio).
FURNITURE_FUZZY_MIN_CHARS = 12
FURNITURE_FUZZY_RATIO = 85
#: An OCR'd block with fewer letters than this is noise (specks, rules).
OCR_MIN_LETTERS = 3
#: Sentence-final punctuation: a block ending with one of these is complete.
TERMINAL = (".", "!", "?", ":", ";", "…", "»", '"', "”")
#: A last line reaching this share of the column width counts as a full line.
FULL_LINE_SHARE = 0.9

_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|стр\.?|страница|p\.)\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:/|of|из)\s*\d{1,4})?$",
    re.IGNORECASE,
)


@dataclass
class LayoutDocument:
    """The layout of one PDF: blocks in reading order plus what was set aside.

    ``warnings`` are notes for the user; ``problems`` are one-line reasons the
    document was not read in full (a damaged file, pages whose text was only
    partly read, see :mod:`pipeline.layout.textcheck`): a document with problems is
    ``partial``. Every field is plain data (the layout cache stores it as JSON).
    """

    path: str
    page_count: int
    page_sizes: list[tuple[float, float]]
    blocks: list[Block] = field(default_factory=list)
    furniture: list[Block] = field(default_factory=list)
    language: str = "ru"
    body_size: float = 10.0
    warnings: list[str] = field(default_factory=list)
    empty_pages: list[int] = field(default_factory=list)
    needs_ocr_pages: list[int] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    outline: list[tuple[int, str]] = field(default_factory=list)
    pages: list[PageLayout] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


class _Furniture:
    """Running headers, footers and page numbers: counted over the document, marked page by page.

    Why repetition: a running header is the same text (up to the page number) in the
    same margin on many pages, which no body line is. Page numbers alone are
    recognised by their shape. Only lines between the page edge and the first line
    that is not furniture are considered, so that a wrapped header (two lines on a
    small page) is caught while body text near the margin is not. The count needs
    only each page's margin texts (:func:`pipeline.layout.pagestore.summarize`), so
    pages are marked one at a time afterwards, as each is built.
    """

    def __init__(self, margins: list[list[tuple[str, str]]], body_size: float | None = None):
        self.counts: Counter[tuple[str, str]] = Counter()
        self.canon: dict[str, list[str]] = {"top": [], "bottom": []}
        self.body_size = body_size
        for page in margins:
            self.counts.update({self.key(z, text) for z, text in page})
        self.need = max(FURNITURE_MIN_PAGES, int(FURNITURE_MIN_SHARE * len(margins)))

    def key(self, zone: str, text: str) -> tuple[str, str]:
        # Near-identical margin texts (OCR noise, a changing chapter name in a
        # long header) count as one running header.
        folded = _fold(text)
        for seen in self.canon[zone]:
            if folded == seen or (len(folded) > FURNITURE_FUZZY_MIN_CHARS
                                  and fuzz.ratio(folded, seen) >= FURNITURE_FUZZY_RATIO):
                return zone, seen
        self.canon[zone].append(folded)
        return zone, folded

    def mark(self, lines: list[Line], height: float) -> None:
        """Flag one page's running headers, footers and page numbers in place."""
        ordered = sorted(lines, key=lambda ln: ln.top)
        for zone, seq in (("top", ordered), ("bottom", ordered[::-1])):
            for ln in seq:
                if _zone(ln, height) != zone:
                    break
                text = ln.text.strip()
                seen = self.counts[self.key(zone, text)]
                small = (zone == "top" and self.body_size is not None
                         and ln.size < self.body_size - SMALL_TYPE_PT)
                # A chapter name as running header repeats only over its chapter:
                # small type at the top edge on a few pages is enough for it (not at
                # the bottom, where "Ibid." notes repeat in small type too).
                if seen >= self.need or (small and seen >= FURNITURE_MIN_PAGES) or _PAGE_NUMBER.match(text):
                    ln.furniture = True
                else:
                    break


def _mark_furniture(pages: list[list[Line]], heights: list[float], body_size: float | None = None) -> None:
    """Flag running headers, footers and page numbers of whole pages in place (see :class:`_Furniture`)."""
    furniture = _Furniture([[(z, ln.text) for ln in lines if (z := _zone(ln, h))]
                            for lines, h in zip(pages, heights)], body_size)
    for lines, h in zip(pages, heights):
        furniture.mark(lines, h)


def _outline(pdf) -> list[tuple[int, str]]:
    """Bookmarks as ``(level, title)``; empty when the PDF has none or they fail."""
    try:
        from pdfminer.pdfdocument import PDFNoOutlines

        try:
            return [(lvl, title) for lvl, title, *_ in pdf.doc.get_outlines()]
        except PDFNoOutlines:
            return []
    except Exception:  # noqa: BLE001 - a broken outline must not cost the document
        return []


def extract_layout(
    path: Path | str,
    *,
    ocr: OcrFn | None = None,
    max_pages: int | None = None,
    progress: ProgressFn | None = None,
    lang: str = "auto",
    workers: int = 1,
    while_reading: Callable[[str, str], None] | None = None,
) -> LayoutDocument:
    """Read a PDF into a :class:`LayoutDocument`.

    Args:
        path: The PDF file.
        ocr: Called as ``ocr(page, lang)`` for pages without a usable text layer;
            returns word dicts (pdfplumber's ``extract_words`` keys plus ``conf``).
            Without it such pages are listed in ``needs_ocr_pages``.
        max_pages: Refuse documents with more pages (guard rail for hostile files).
        progress: Called as ``progress(page_number, page_count)``.
        lang: ``ru``, ``en`` or ``auto`` (detected from the text layer).
        workers: Processes for the per-page first pass (parsing dominates the
            cost; a single long report can use every core).
        while_reading: Called once while the page processes read (a caller warms
            up later stages there, on a core that would otherwise wait); with
            one process, before reading. Its arguments are ``lang``, or when that
            is ``auto`` a guess from PDFium's text of the first pages (a hint only:
            the layout's language comes from its own reading), and that text (to
            warm up on words of the report itself).

    Raises:
        ValueError: when the document has more than ``max_pages`` pages.
    """
    path = Path(path)
    with parser_messages() as opening, pdfplumber.open(path) as pdf:
        n = len(pdf.pages)
        if max_pages is not None and n > max_pages:
            raise ValueError(f"{n} pages exceeds the limit of {max_pages}")
        doc = LayoutDocument(
            path=str(path),
            page_count=n,
            page_sizes=[(float(p.width), float(p.height)) for p in pdf.pages],
            outline=_outline(pdf),
        )
        repaired = xref_repaired(pdf)
    pdfium: dict[str, list[int] | None] = {}

    def meanwhile() -> None:
        # Work that needs no page read, done while the page processes read.
        pdfium["counts"], sample = pdfium_text(str(path), LANGUAGE_PAGES)
        guess = lang if lang and lang != "auto" else detect_language(sample)
        warm_word_lists(guess)
        if while_reading is not None:
            while_reading(guess, sample)

    with PageSpill() as spill:
        # Summaries only: each page's lines wait on disk until its page is built.
        reads = _read_all(path, n, ocr, lang, workers, progress, meanwhile, spill)
        _check_text(doc, reads, repaired, opening, pdfium.get("counts"))
        for r in reads:
            if r.state == "needs_ocr":
                doc.needs_ocr_pages.append(r.number)
            elif r.state == "empty":
                doc.empty_pages.append(r.number)
            elif r.state == "ocr":
                doc.ocr_pages.append(r.number)
        sample = " ".join(text for r in reads[:LANGUAGE_PAGES] for text in r.texts)
        doc.language = lang if lang and lang != "auto" else detect_language(sample)
        sizes: Counter[float] = Counter()
        for r in reads:
            for size, chars in r.sizes.items():
                sizes[size] += chars
        doc.body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        furniture = _Furniture([r.margins for r in reads], doc.body_size)
        series = FootnoteSeries()
        table_state: dict = {}
        for r in spill.reads():
            if not r.lines and not r.tables:
                continue
            width, height = doc.page_sizes[r.number - 1]
            furniture.mark(r.lines, (r.size or (width, height))[1])
            rows = table_blocks(r.tables, r.number, doc.language, table_state)
            pl = build_page(r.number, *turned_size(r.turn, width, height), r.lines,
                            (rows, [t.bbox for t in r.tables]), doc.body_size, doc.language, series)
            unturn_page(pl, r.turn, width, height)
            doc.pages.append(pl)
            doc.furniture.extend(pl.furniture)
    doc.blocks = merge_continuations([b for p in doc.pages for b in p.blocks], doc.language)
    if not doc.blocks and not doc.needs_ocr_pages:
        doc.warnings.append("no text found in the document")
    return doc


def _check_text(doc: LayoutDocument, reads: list[PageRead], repaired: bool, opening: list[str],
                counts: list[int] | None) -> None:
    """Fill ``doc.problems`` (and notes in ``doc.warnings``) from the text checks.

    Why here, after the first pass: the comparison with PDFium needs what each
    page yielded, and the parser's warnings are captured while pages are read
    (in whichever process read them). See :mod:`pipeline.layout.textcheck`.
    """
    if repaired:
        doc.problems.append(XREF_REPAIRED)
    messages = {0: list(opening)} | {r.number: r.messages for r in reads if r.messages}
    problems, notes = damage_reasons(messages)
    doc.problems.extend(problems)
    doc.warnings.extend(notes)
    pages = [PageText(r.number, r.chars, r.other_direction, compared=r.state in ("text", "empty"))
             for r in reads]
    problems, notes = check_pages(pages, counts)
    doc.problems.extend(problems)
    doc.warnings.extend(notes)


def _ocr_noise(text: str) -> bool:
    """An OCR'd block too short to be text: fewer than a few letters, not a number."""
    stripped = text.strip()
    letters = sum(c.isalpha() for c in stripped)
    return letters < OCR_MIN_LETTERS and not stripped.isdigit()


def _furniture_block(ln: Line, page: int) -> Block:
    return Block.around([ln], "furniture", page, ln.text, size=ln.size, bold=ln.bold, ocr_conf=ln.ocr_conf)


def build_page(
    page_no: int,
    width: float,
    height: float,
    lines: list[Line],
    tables: tuple[list[Block], list],
    body_size: float,
    lang: str,
    series: FootnoteSeries,
) -> PageLayout:
    """Blocks of one page in reading order: body regions, table rows, then footnotes.

    Works on what the first pass kept (lines, table rows), not on the pdfplumber
    page, so that each page is parsed once.
    """
    pl = PageLayout(number=page_no, width=width, height=height)
    pl.furniture = [_furniture_block(ln, page_no) for ln in lines if ln.furniture]
    body = [ln for ln in lines if not ln.furniture]
    rows, boxes = tables
    pl.tables = boxes
    if boxes:
        body = [ln for ln in body if not any(inside(ln, b) for b in boxes)]
    body.sort(key=lambda ln: (ln.top, ln.x0))
    columns_regions, pl.columns = reading_regions(body)
    # Footnotes sit at the bottom of a page or, in multi-column layouts, of each
    # column: look for a footnote area at the end of every region.
    notes: list[Block] = []
    regions: list[list[Line]] = []
    kinds: list[str] = []
    for region, kind in zip(columns_regions, region_kinds(columns_regions, body_size)):
        region = set_aside_glyphs(sorted(region, key=reading_key))
        pl.regions.append((*bbox_of(region), kind))
        # Boxes and sidebars are set small but hold no footnotes.
        found = find_footnote_area(region, body_size, series) if kind == "body" else None
        if found is not None:
            start, first = found
            area = region[start:]
            continue_note(series, region[start:first], lang)
            if first > start and series.last_note is not None:
                series.last_note.page_end = page_no
            own = area[first - start:]
            notes.extend(split_footnotes(own, page_no, series, lang) if own else [])
            pl.footnote_areas.append(bbox_of(area))
            region = region[:start]
        if region:
            regions.append(region)
            kinds.append(kind)
    body = [ln for r in regions for ln in r]
    pitch = _pitch_em(regions)
    # Where paragraphs are marked by space or by indents, a short line before a
    # capital is not a paragraph end (ragged-right lines are all short).
    indents = uses_indent(regions)
    spaced = uses_spacing(regions, pitch) or indents
    contents = is_contents_page(body, body_size)
    blocks: list[Block] = []
    region_of: list[int] = []  # the geometric region of each block, for the tags' consistency check
    for k, (region, kind) in enumerate(zip(regions, kinds)):
        entries: list[Block] = []
        if contents:
            entries, region = split_contents(region, page_no)
        made = region_blocks(region, page_no, pitch, body_size, lang, spaced) if region else []
        retag(made, kind, body_size)
        for b in made:
            b.shape = region[0].shape
        blocks.extend(sorted(entries + made, key=lambda b: b.top) if entries else made)
        region_of.extend([k] * (len(entries) + len(made)))
    blocks = order_by_tags(blocks, region_of)
    apply_tags(blocks, body_size, HEADING_SIZE_RATIO)
    blocks = join_key_figures(blocks, body_size)
    if not (page_no == 1 and mark_cover(blocks)):
        mark_decorations(blocks, body_size)
    for b in blocks:
        b.indent_style = indents
    for b in blocks:
        if b.ocr_conf is not None and b.kind == "paragraph" and _ocr_noise(b.text):
            b.kind = "furniture"  # a speck or a rule read as letters: kept, not text
    if notes and any(b.ocr_conf is not None for b in blocks):
        recover_ocr_markers(blocks, notes)
    blocks = notes_from_tags(blocks, notes, series, lang)
    assign_ref_series(blocks, notes, series)
    for ln in body:
        for w in ln.words:
            if w.size <= SUPERSCRIPT_SIZE_RATIO * ln.size and w.bottom < ln.bottom - SUPERSCRIPT_RAISE_EM * ln.size:
                pl.markers.append((w.x0, w.top, w.x1, w.bottom))
    # Table rows take their place by vertical position among the body blocks.
    for row in rows:
        k = next((j for j, b in enumerate(blocks) if b.top > row.top and b.kind != "footnote"), len(blocks))
        blocks.insert(k, row)
    if blocks:
        blocks[0].starts_region = True
    pl.blocks = blocks + notes
    return pl


def _continues(prev: Block, nxt: Block) -> bool:
    """Whether ``nxt`` (first text block of a page/column) continues ``prev``.

    Why: a paragraph cut by a page or column break looks like two blocks. It
    continues when the later part starts in lower case, when the earlier part does
    not end a sentence and its last line is (nearly) full, or when that last line is
    flush with the right edge (the closing line of a justified paragraph never is).
    """
    if prev.kind != nxt.kind or prev.kind not in ("paragraph", "box"):
        return False
    if abs(prev.size - nxt.size) > 0.6 or prev.bold != nxt.bold:
        return False
    head = nxt.text.lstrip()[:1]
    if head.islower():
        return True
    if nxt.indented_first:
        return False  # an indented first line opens a paragraph
    tail = prev.text.rstrip()
    if not tail.endswith(TERMINAL) and (prev.last_line_full or prev.indent_style or nxt.indent_style):
        # Mid-sentence at the break: a full last line says so in justified text;
        # in indented text a new paragraph would have opened with an indent.
        return True
    # A justified paragraph's closing line is short; a flush one was cut by the break.
    return prev.last_line_flush


def _runs_on(prev: Block, nxt: Block) -> bool:
    """Whether the next block in the same region finishes ``prev``'s sentence.

    Why: a split the line grouping should not have made (an OCR size estimate that
    wobbled, a stray mark between lines) leaves a block that starts in lower case
    right after one that ends mid-sentence; no paragraph starts that way.
    """
    return (
        prev.kind == nxt.kind == "paragraph"
        and nxt.text[:1].islower()
        and not prev.text.rstrip().endswith(TERMINAL)
        and abs(prev.size - nxt.size) <= 0.15 * max(prev.size, nxt.size)
    )


def merge_continuations(blocks: list[Block], lang: str) -> list[Block]:
    """Merge paragraphs split by page or column breaks.

    Footnotes, furniture and headings between the two parts stay where they are:
    the merged paragraph takes the place of its first part.
    """
    out: list[Block] = []
    last_text: int | None = None  # index in ``out`` of the last body paragraph
    last_box: int | None = None  # ...and of the last box paragraph (a box has columns too)
    for b in blocks:
        if b.kind == "box":
            if (last_box is not None and b.starts_region and not other_shape(out[last_box], b)
                    and _continues(out[last_box], b)):
                out[last_box] = out[last_box].merged_with(b, lang)
                continue
            last_box = len(out)
        if b.kind in ASIDE_KINDS:
            out.append(b)  # a paragraph split around a box, a sidebar or a note continues
            continue
        if last_text is not None and (
            (b.starts_region and _continues(out[last_text], b))
            or (last_text == len(out) - 1 and _runs_on(out[last_text], b))
        ):
            out[last_text] = out[last_text].merged_with(b, lang)
            continue
        out.append(b)
        if b.kind in ("paragraph", "list_item"):
            last_text = len(out) - 1
        elif b.kind in ("heading", "table_row"):
            last_text = None
    return out
