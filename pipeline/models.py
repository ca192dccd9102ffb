"""Typed objects that cross stage boundaries.

Every record keeps provenance: the document id (a content hash), the page, a
bounding box in PDF points on that page, and character offsets into the text the
record stores. Stages exchange these objects; :mod:`pipeline.output.records` turns them
into tables whose columns are declared once in :mod:`pipeline.output.schema`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

BlockKind = Literal[
    "heading",
    "paragraph",
    "list_item",
    "footnote",
    "table_row",
    "bibliography_entry",
    "furniture",
    "box",  # text inside a filled or framed box
    "sidebar",  # a margin frame of key facts, a pull quote
    "decoration",  # large numbers and letters, kickers, tabs, cover lines
    "contents_entry",  # a line of a contents page (``target_page``)
]
Assessment = Literal["strength", "gap"]


@dataclass(slots=True)
class FootnoteRef:
    """A superscript footnote marker removed from a paragraph's text.

    Attributes:
        number: The printed marker (``7`` for ``2019-20217``).
        offset: Index in the paragraph's clean ``text`` where the marker stood.
        series: Numbering series; a new series starts each time numbering restarts
            (annexes often restart at 1), so ``(series, number)`` is unique.
        footnote_id: ``paragraph_id`` of the linked footnote, when found.
    """

    number: int
    offset: int
    series: int = 0
    footnote_id: str | None = None


@dataclass(slots=True)
class Paragraph:
    """One reading-order unit of a report: paragraph, heading, footnote, table row…

    ``x0, top, x1, bottom`` are PDF points on ``page`` (pdfplumber's top-left
    origin). A paragraph that continues onto later pages keeps the box of its first
    page and records ``page_end``.
    """

    doc_id: str
    paragraph_id: str
    seq: int
    kind: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    page_end: int | None = None
    section_id: str | None = None
    level: int | None = None  # headings: 1 = chapter
    number: str | None = None  # heading numbering ("1.2") or list label
    footnote_number: int | None = None
    footnote_series: int | None = None
    footnote_refs: list[FootnoteRef] = field(default_factory=list)
    referenced_by: str | None = None  # footnotes: paragraph_id of the referencing block
    cells: list[str] | None = None  # table rows
    table_id: str | None = None
    target_page: int | None = None  # contents entries
    domain: int | None = None
    domain_source: str | None = None  # section | content | footnote | None
    domain_score: float | None = None
    assessment: str | None = None
    review: bool = False  # flagged for a human: no confident domain
    sub_area: str | None = None  # MGI sub-area id within the domain ("1.health"), pipeline/data/domains/subareas/
    sub_area_score: float | None = None
    ocr: bool = False
    ocr_confidence: float | None = None
    font_size: float | None = None
    bold: bool = False
    domain_evidence: dict | None = None  # content labels: {"sentence": [start, end], "terms": [...]}

    def as_record(self) -> dict:
        d = asdict(self)
        d["footnote_refs"] = [asdict(r) for r in self.footnote_refs]
        return d


@dataclass(slots=True)
class Section:
    """A node of the section tree.

    ``role`` says what the section is for MGI readers: ``domain_chapter``,
    ``strength`` / ``gap`` (the N.1 and N.2 parts), ``summary_domain`` (one
    domain's part of the summary of changes), ``summary``, ``annex``,
    ``bibliography``, ``legislation``, ``key_findings``, ``introduction`` or
    ``other``.
    """

    doc_id: str
    section_id: str
    parent_id: str | None
    level: int
    number: str | None
    title: str
    role: str = "other"
    domain: int | None = None
    assessment: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    heading_id: str | None = None  # paragraph_id of the heading block


@dataclass(slots=True)
class DocumentInfo:
    """One input file and what became of it.

    ``status`` is ``ok`` | ``partial`` | ``needs_ocr`` | ``failed``; ``error`` is a
    one-line reason a user can act on (never a traceback).
    """

    doc_id: str
    file: str
    sha256: str
    language: str | None = None
    pages: int = 0
    status: str = "ok"
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    ocr_pages: list[int] = field(default_factory=list)
    bytes: int = 0
    # Report metadata (pipeline.corpus.metadata); ``meta_sources`` names each value's source.
    country: str | None = None  # ISO 3166-1 alpha-3
    country_name: str | None = None
    level: str | None = None  # national | local
    place: str | None = None  # city or province of a local assessment
    year: int | None = None
    round: str | None = None  # first | second | third
    framework: str | None = None  # mgi | index2016
    meta_sources: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class DocumentResult:
    """Everything extracted from one document, before writing."""

    document: DocumentInfo
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    acts: list[dict] = field(default_factory=list)
