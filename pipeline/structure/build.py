"""Structure: layout blocks → section tree and paragraph records.

MGI reports share one architecture whatever the country or language: front matter
(objective, introduction, framework, key findings, a summary of changes for
follow-up assessments), six domain chapters each split into "well-developed"
(N.1, *strength*) and "potential for further development" (N.2, *gap*) parts, then
annexes, a bibliography and often a legislation table. Headings are recognised by
typography (size, weight, numbering) and named by the per-language aliases in
``pipeline/data/structure/<lang>.yaml``; the aliases, not the code, carry the words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from pipeline.layout.extract import LayoutDocument
from pipeline.layout.orient import turn_box, turned_size
from pipeline.layout.page import Block
from pipeline.lexicon import missing_language_warning
from pipeline.models import DocumentInfo, DocumentResult, FootnoteRef, Paragraph, Section
from pipeline.structure.headings import _NUMBER, _norm, heading_role, matchers

#: A heading at least this many points smaller than chapter titles is below chapter level.
CHAPTER_SIZE_TOLERANCE = 1.0
#: A chapter-named heading this many points below chapter size is a subsection.
CHAPTER_DEMOTE_PT = 3.0
#: Roles that open a chapter-level (level 1) section.
CHAPTER_ROLES = {
    "objective", "introduction", "framework", "key_findings", "summary", "annex",
    "bibliography", "legislation", "process", "domain_chapter", "contents",
}
#: A table-of-contents entry: a title, dot leaders, a page number.
_TOC_LEADERS = re.compile(r"(?:\.{3,}|…{2,}|_{3,})\s*\d{1,3}\s*$")
#: Inside a contents section, a page number after a space is enough.
_TOC_NUMBER = re.compile(r"\s\d{1,3}\s*$")
#: Bookmark titles match headings at this rapidfuzz ratio (hyphenation, markers).
OUTLINE_MATCH = 92.0
OUTLINE_FUZZY_MIN_CHARS = 12
#: A body-type block matching a bookmark is a heading only when this short.
OUTLINE_HEADING_MAX_CHARS = 200
#: A body-type block recognised as an MGI title by its words is at most this long.
NAMED_HEADING_MAX_CHARS = 150
#: A heading repeating the previous one this closely (OCR noise) is its repeat.
REPEAT_MATCH = 92.0
#: Sections under which a short domain name ("Partnerships") titles a domain's part
#: of the front matter rather than a domain chapter.
SUMMARY_ROLES = {"summary", "key_findings"}
#: Kinds that never carry a domain label.
NO_DOMAIN_KINDS = {"heading", "furniture", "table_row", "bibliography_entry", "decoration", "contents_entry"}


#: Display labels: a step number or letter set large ("1", "2", "A").
_LABEL = re.compile(r"^(?:\d{1,2}|[A-ZА-Я])[.)]?$")


def _is_label(text: str) -> bool:
    return bool(_LABEL.match(text.strip()))


def _numbering(text: str) -> str | None:
    m = _NUMBER.match(text)
    return m.group(1) if m else None


class Outline:
    """The PDF's bookmarks, when it has them: heading levels as the author set them.

    Why: word processors export headings as bookmarks, which settles levels that
    typography leaves ambiguous (a small-type section title, a large decorative
    word); typography remains the fallback, since many PDFs have no bookmarks.
    """

    def __init__(self, entries: list[tuple[int, str]]):
        self.levels: dict[str, int] = {}
        for level, title in entries:
            key = _norm(title or "")
            if key and key not in self.levels:
                self.levels[key] = int(level)

    def level(self, text: str) -> int | None:
        if not self.levels:
            return None
        key = _norm(text)
        if key in self.levels:
            return self.levels[key]
        if len(key) >= OUTLINE_FUZZY_MIN_CHARS:
            from rapidfuzz import process

            hit = process.extractOne(key, self.levels.keys(), scorer=fuzz.ratio,
                                     score_cutoff=OUTLINE_MATCH)
            if hit:
                return self.levels[hit[0]]
        return None


class _Tree:
    """Builds sections while walking headings in reading order."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.sections: list[Section] = []
        self.stack: list[tuple[Section, float]] = []  # (section, heading size)
        self.domain_order = 0

    @property
    def current(self) -> Section | None:
        return self.stack[-1][0] if self.stack else None

    def open(self, level: int, title: str, role: str, size: float, page: int,
             number: str | None, domain: int | None, assessment: str | None, heading_id: str) -> Section:
        while self.stack and self.stack[-1][0].level >= level:
            self.stack.pop()
        parent = self.current
        if domain is None and parent is not None and role not in CHAPTER_ROLES:
            domain = parent.domain
        sec = Section(
            doc_id=self.doc_id,
            section_id=f"{self.doc_id}:s{len(self.sections) + 1:03d}",
            parent_id=parent.section_id if parent else None,
            level=level,
            number=number,
            title=title,
            role=role,
            domain=domain,
            assessment=assessment if assessment else (parent.assessment if parent and role not in CHAPTER_ROLES else None),
            page_start=page,
            page_end=page,
            heading_id=heading_id,
        )
        self.sections.append(sec)
        self.stack.append((sec, size))
        return sec


def _chapter_size(blocks: list[Block], lang: str) -> float:
    sizes = [b.size for b in blocks if b.kind == "heading" and heading_role(b.text, lang)[0] in CHAPTER_ROLES]
    if not sizes:
        sizes = [b.size for b in blocks if b.kind == "heading"]
    return sorted(sizes)[len(sizes) // 2] if sizes else 0.0


def build_document(layout: LayoutDocument, info: DocumentInfo) -> DocumentResult:
    """Section tree and paragraph records for one document.

    Args:
        layout: The layout stage's result.
        info: The document record (its ``doc_id`` prefixes every id).
    """
    lang = layout.language
    info.language = info.language or lang
    warning = missing_language_warning(info.language or lang)
    if warning and warning not in info.warnings:
        # Why: a language without data still gets a tree (every language's aliases
        # are tried), but without its own aliases and lexicon much stays unnamed.
        info.warnings.append(warning)
    doc_id = info.doc_id
    tree = _Tree(doc_id)
    chapter_size = _chapter_size(layout.blocks, lang)
    outline = Outline(layout.outline)
    bib_start = matchers(lang)[0].bib_start
    paragraphs: list[Paragraph] = []
    last_heading_text = None
    pending_label: str | None = None
    for seq, b in enumerate(_with_furniture(layout), start=1):
        pid = f"{doc_id}:p{seq:05d}"
        p = Paragraph(
            doc_id=doc_id, paragraph_id=pid, seq=seq, kind=b.kind, page=b.page,
            x0=round(b.x0, 2), top=round(b.top, 2), x1=round(b.x1, 2), bottom=round(b.bottom, 2),
            text=b.text, page_end=b.page_end, font_size=round(b.size, 2) or None, bold=b.bold,
            footnote_number=b.footnote_number, footnote_series=b.footnote_series,
            footnote_refs=[FootnoteRef(n, off, s) for n, off, s in b.refs],
            cells=b.cells, table_id=b.table_id, number=b.label, target_page=b.target_page,
            ocr=b.ocr_conf is not None, ocr_confidence=b.ocr_conf,
        )
        in_bib = any(s.role == "bibliography" for s, _ in tree.stack)
        bib_label = in_bib and b.kind in ("heading", "paragraph") and bib_start.fullmatch(b.text.strip())
        if (b.kind == "heading" and _is_label(b.text)) or bib_label:
            # A step number or a bibliography year set as a display label: it names
            # the next block rather than opening a section.
            pending_label = b.text.strip()
            continue
        if pending_label is not None and b.kind != "footnote":
            p.number = p.number or pending_label
            pending_label = None
        in_contents = any(s.role == "contents" for s, _ in tree.stack)
        toc_entry = bool(_TOC_LEADERS.search(b.text) or (in_contents and _TOC_NUMBER.search(b.text)))
        if b.kind == "heading" and toc_entry:
            # A contents entry ("Права мигрантов ..... 15") names a chapter but is not it.
            b = replace(b, kind="paragraph")
            p.kind = "paragraph"
        if b.kind == "paragraph" and not toc_entry and (
            (outline.level(b.text) is not None and len(b.text) <= OUTLINE_HEADING_MAX_CHARS)
            or _named_heading(b.text, lang, tree)
        ):
            b = replace(b, kind="heading")  # a bookmarked or MGI-named title set in body type
            p.kind = "heading"
        elif b.kind == "list_item" and not toc_entry and _labelled_domain_title(b, lang, layout.body_size):
            # A chapter title whose number the layout read as a list label
            # ("5." + "Dimension « mobilité » des crises" in a chapter band).
            b = replace(b, kind="heading", text=f"{b.label.strip()} {b.text}")
            p.kind = "heading"
        elif b.kind == "box" and not toc_entry and _summary_tile_title(b.text, lang, tree):
            b = replace(b, kind="heading")  # a key-findings tile titled with a domain's name
            p.kind = "heading"
        if b.kind == "heading":
            norm = _norm(b.text)
            if (norm and last_heading_text and b.size <= last_heading_text[1] + 0.5
                    and fuzz.ratio(norm.replace(" ", ""), last_heading_text[0].replace(" ", "")) >= REPEAT_MATCH):
                p.kind = "furniture"  # a divider page's title repeated on the next page
            else:
                last_heading_text = (norm, b.size)
                _open_heading(tree, p, b, lang, chapter_size, outline)
        elif b.kind in ("paragraph", "list_item"):
            last_heading_text = None
            if in_bib and (b.kind == "paragraph" or bib_start.match(b.text)):
                p.kind = "bibliography_entry"
        if b.kind != "footnote":
            cur = tree.current
            if cur is not None:
                p.section_id = cur.section_id
                if p.kind != "furniture":
                    cur.page_end = max(cur.page_end or b.page, b.page_end or b.page)
                if p.kind not in NO_DOMAIN_KINDS and cur.domain is not None:
                    p.domain, p.domain_source, p.domain_score = cur.domain, "section", 1.0
                    p.assessment = cur.assessment
        paragraphs.append(p)
    link_footnotes(paragraphs)
    for s in tree.sections:
        if s.page_end is None:
            s.page_end = s.page_start
    return DocumentResult(document=info, sections=tree.sections, paragraphs=paragraphs)


def _named_heading(text: str, lang: str, tree: "_Tree") -> bool:
    """Whether a body-type block is an MGI heading by its words alone.

    Why: in scanned reports (no bold, sizes estimated) and in plain layouts, a
    title such as ``1.1. Управление миграцией: примеры…`` may look like body text.
    Only short blocks whose whole text is a known MGI title qualify: the N.1/N.2
    parts, a summary subsection inside the summary, or an upper-case chapter title.
    """
    text = text.strip()
    if len(text) > NAMED_HEADING_MAX_CHARS or text.endswith((".", ";", ",")):
        return False
    role, _ = heading_role(text, lang)
    if role in ("strength", "gap"):
        return True
    if role in ("summary_domain", "domain_name"):
        return any(s.role in SUMMARY_ROLES for s, _ in tree.stack)
    letters = [c for c in text if c.isalpha()]
    return role in CHAPTER_ROLES and len(letters) >= 4 and all(c.isupper() for c in letters)


def _labelled_domain_title(b: Block, lang: str, body_size: float) -> bool:
    """Whether a list item is a domain chapter's title numbered with its domain."""
    label = (b.label or "").strip().rstrip(".)")
    text = b.text.strip()
    if not label.isdigit() or not b.bold or b.size <= body_size or len(text) > NAMED_HEADING_MAX_CHARS:
        return False
    role, domain = heading_role(text, lang)
    return role in ("domain_chapter", "domain_name") and domain == int(label)


def _summary_tile_title(text: str, lang: str, tree: "_Tree") -> bool:
    """Whether a box is the title of a domain's tile in key findings or a summary.

    Why: designed profiles set the key findings as six coloured tiles, each a box
    whose first line is the domain's name ("Partnerships", "Migrants' rights (Page 4)").
    """
    text = text.strip()
    if len(text) > NAMED_HEADING_MAX_CHARS or text.endswith((".", ";", ",")):
        return False
    return (heading_role(text, lang)[0] in ("summary_domain", "domain_name")
            and any(s.role in SUMMARY_ROLES for s, _ in tree.stack))


def _with_furniture(layout: LayoutDocument) -> list[Block]:
    """Blocks in reading order with each page's furniture around its blocks.

    Furniture is kept as records (a user may want the running titles), placed
    where a reader meets it: headers before the page's text, footers after.
    """
    tops: dict[int, list[Block]] = {}
    bottoms: dict[int, list[Block]] = {}
    turns = {p.number: p.turn for p in layout.pages if p.turn}
    for f in layout.furniture:
        width, height = layout.page_sizes[f.page - 1]
        top = f.top
        if f.page in turns:  # a turned page's header is at the top as read, not as displayed
            turn = turns[f.page]
            top = turn_box((f.x0, f.top, f.x1, f.bottom), turn, width, height)[1]
            height = turned_size(turn, width, height)[1]
        (tops if top < height / 2 else bottoms).setdefault(f.page, []).append(f)
    out: list[Block] = []
    page = 0
    for b in layout.blocks:
        while page < b.page:
            if page:
                out.extend(bottoms.pop(page, []))
            page += 1
            out.extend(tops.pop(page, []))
        out.append(b)
    for p in sorted(set(tops) | set(bottoms)):
        out.extend(tops.get(p, []) + bottoms.get(p, []))
    return out


def _open_heading(tree: _Tree, p: Paragraph, b: Block, lang: str, chapter_size: float,
                  outline: "Outline | None" = None) -> None:
    role, domain = heading_role(b.text, lang)
    number = _numbering(b.text)
    p.number = number
    bookmarked = outline.level(b.text) if outline is not None else None
    if role == "domain_name":
        role, domain = _domain_name_role(tree, b, number, domain, chapter_size, bookmarked)
    assessment = role if role in ("strength", "gap") else None
    if role in CHAPTER_ROLES and bookmarked is not None and bookmarked > 1 and role != "domain_chapter":
        role = "other"  # the author's bookmarks place it below chapter level
    if role in CHAPTER_ROLES and b.size < chapter_size - CHAPTER_DEMOTE_PT:
        # Named like a chapter but set much smaller: a subsection that happens to
        # carry a chapter's words ("Комплексная основа…" inside the framework page).
        role = "other"
    if role in CHAPTER_ROLES:
        level = 1
    elif role in ("strength", "gap", "summary_domain"):
        level = 2
    elif bookmarked is not None:
        level = bookmarked
    elif number and "." in number:
        level = number.count(".") + 1
    elif b.size >= chapter_size - CHAPTER_SIZE_TOLERANCE:
        level = 1
    else:
        # Below the innermost open heading that is larger; a sibling of one as large.
        level = 1
        for sec, size in reversed(tree.stack):
            if b.size < size - 0.3:
                level = sec.level + 1
                break
            if abs(b.size - size) <= 0.3:
                level = sec.level
                break
    if role == "domain_chapter":
        tree.domain_order += 1
    if role in ("strength", "gap") and domain is None:
        chapter = next((s for s, _ in reversed(tree.stack) if s.role == "domain_chapter"), None)
        top = number.split(".")[0] if number and "." in number else None
        if (chapter is not None and top and top.isdigit() and chapter.number and chapter.number != top
                and chapter.number == str(chapter.domain) and 1 <= int(top) <= 6):
            # "5.1." under chapter "4.": chapter 5's title was missed, and this
            # report numbers its chapters with their domains.
            domain = int(top)
        elif chapter is not None:
            domain = chapter.domain
        elif number and number.split(".")[0].isdigit():
            domain = int(number.split(".")[0])  # MGI numbers domain chapters 1-6
    if role == "summary_domain" and not any(s.role in SUMMARY_ROLES for s, _ in tree.stack):
        role = "other"  # a page reference alone does not make a summary subsection
        domain = None
    p.level = level
    tree.open(level, b.text, role, b.size, b.page, number, domain, assessment, p.paragraph_id)


def _domain_name_role(tree: _Tree, b: Block, number: str | None, domain: int | None,
                      chapter_size: float, bookmarked: int | None) -> tuple[str, int | None]:
    """What a heading that is a domain's short name opens.

    Why: 2019+ profiles title domain chapters with the short names ("Alianzas"),
    and their key findings repeat the same names over one paragraph per domain.
    A chapter is numbered with its domain ("3. Alianzas"), bookmarked at level 1
    or set at chapter size; otherwise, inside key findings or a summary of
    changes, the name titles that domain's part of it; elsewhere it names nothing.
    """
    top_number = number is not None and "." not in number
    if (top_number and number.isdigit() and int(number) == domain) or bookmarked == 1 or (
            not top_number and bookmarked is None and chapter_size
            and b.size >= chapter_size - CHAPTER_SIZE_TOLERANCE):
        return "domain_chapter", domain
    if number is None and any(s.role in SUMMARY_ROLES for s, _ in tree.stack):
        return "summary_domain", domain
    return "other", None


def link_footnotes(paragraphs: list[Paragraph]) -> None:
    """Tie each footnote marker to its footnote, and footnotes to their referrer.

    A marker links to the first footnote with the same number and series on the
    marker's page or later (a note may flow to the next page). The footnote takes the
    section of the paragraph that references it.
    """
    notes: dict[tuple[int, int], list[Paragraph]] = {}
    for p in paragraphs:
        if p.kind == "footnote" and p.footnote_number is not None:
            notes.setdefault((p.footnote_number, p.footnote_series or 0), []).append(p)
    for p in paragraphs:
        for ref in p.footnote_refs:
            cands = notes.get((ref.number, ref.series), [])
            note = next((n for n in cands if n.page >= p.page and n.referenced_by is None), None)
            if note is None:
                note = next((n for n in cands if n.referenced_by is None), None)
            if note is None:
                continue
            ref.footnote_id = note.paragraph_id
            note.referenced_by = p.paragraph_id
            note.section_id = p.section_id
            if p.domain is not None:
                note.domain, note.assessment = p.domain, p.assessment
                note.domain_source, note.domain_score = "footnote", p.domain_score
