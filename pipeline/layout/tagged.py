"""Tagged PDFs: the producer's own structure tree, used to confirm or correct headings,
reading order and notes.

A tagged PDF (exported by Word, InDesign or LibreOffice with accessibility on)
says for each piece of marked content what it is: ``H1``–``H6``, ``P``, ``L``/``LI``,
``Note``, ``Table``, ``TOCI``. Typography guesses the same things and sometimes
guesses wrong (a bold run-in sentence looks like a heading; a heading set in body
type does not). When a page carries a tree that agrees with typography on most
headings, the tags decide the doubtful blocks; when it is missing, or contradicts
the typography on most headings (tag trees made by careless converters tag
everything ``P``), the geometry alone decides.

The tree's order is the author's reading order, which geometry can only guess:
a box set across two columns whose text flows down each column around it reads,
band by band, as the top halves of both columns first. When the tags cover a
page's text and agree with what geometry is sure of (lines of one column read
down), the page's blocks follow the tags (:func:`order_by_tags`). ``Note``
elements the geometry did not find in a footnote area become footnotes
(:func:`notes_from_tags`).

Each word carries the role of its marked content (:func:`tags_by_mcid`, through
the chars' ``mcid``) and its place in the tree; each block the role most of its
characters have and the elements its words belong to (:func:`tag_units`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from pipeline.layout.footnotes import FootnoteSeries, NOTE_END
from pipeline.layout.textjoin import join_lines

log = logging.getLogger(__name__)

#: Roles kept from the structure tree; other element types inherit their parent's role.
HEADING_ROLES = {f"H{k}" for k in range(1, 7)} | {"H", "Title"}
BLOCK_ROLES = HEADING_ROLES | {"P", "LI", "Lbl", "LBody", "Note", "TOCI", "Caption", "Quote", "BlockQuote"}
#: Note-like roles of the various producers (PDF 2.0 ``FENote``), all read as ``Note``.
NOTE_ROLES = {"Note", "FENote", "Footnote", "Endnote"}
#: Elements read as one unit of reading order: a paragraph, a heading, a whole list item or
#: note (its label and body paragraphs), a contents entry. The outermost one counts.
UNIT_ROLES = HEADING_ROLES | NOTE_ROLES | {"P", "LI", "TOCI", "Caption", "Table", "Figure", "Formula"}
#: Share of typographic headings that must be tagged as headings for the tags to be trusted.
AGREEMENT_SHARE = 0.5
#: A block tagged as a heading but longer than this is not turned into one.
TAGGED_HEADING_MAX_CHARS = 250
#: Reading order follows the tags only when their elements hold this share of the page's
#: block characters (decorations and artifacts untagged, everything read is tagged).
TAG_COVERAGE = 0.9
#: A block "maps to one element" when that element holds this share of its tagged characters...
BLOCK_PURITY = 0.8
#: ...and blocks that do hold this share of the page's tagged characters.
PURE_SHARE = 0.9
#: Within one geometric region (a column's run of lines) the tags may put at most this share
#: of neighbouring blocks in the other order: lines of one column read downwards, whatever
#: a tree says, so a tree that reverses them is broken (or made by a careless converter).
MAX_INVERSION_SHARE = 0.1
#: A note number at the start of a note's text ("1 ", "12. ", "3) ").
_NOTE_NUMBER = re.compile(r"^(\d{1,3})[.)]?\s+")


@dataclass(frozen=True)
class Tag:
    """What the structure tree says about one marked-content id."""

    role: str | None  # the role kept (BLOCK_ROLES), inherited from the nearest ancestor
    unit: int  # the reading unit (UNIT_ROLES) it belongs to, numbered in tree order; -1: none
    seq: int  # its position among all marked content, in tree order


def tags_by_mcid(page) -> dict[int, Tag]:
    """Marked-content id → :class:`Tag` on one page (empty for untagged pages).

    The tree is walked depth first, which is its reading order: an element's own
    marked content, then its children's.
    """
    try:
        tree = page.structure_tree
    except Exception:  # noqa: BLE001 - a broken or unsupported tree means "untagged"
        return {}
    out: dict[int, Tag] = {}
    units = [0]

    def walk(nodes, inherited: str | None, unit: int) -> None:
        for node in nodes or []:
            kind = node.get("type")
            kind = "Note" if kind in NOTE_ROLES else kind
            role = kind if kind in BLOCK_ROLES else inherited
            if inherited in ("Note", "TOCI"):
                role = inherited  # a note's or a contents entry's paragraphs keep that role
            own = unit
            if unit < 0 and kind in UNIT_ROLES:
                own, units[0] = units[0], units[0] + 1
            for mcid in node.get("mcids") or []:
                if isinstance(mcid, int) and mcid not in out:
                    out[mcid] = Tag(role, own, len(out))
            walk(node.get("children"), role, own)

    walk(tree, None, -1)
    return out


def roles_by_mcid(page) -> dict[int, str]:
    """Marked-content id → structure role on one page (empty for untagged pages)."""
    return {mcid: tag.role for mcid, tag in tags_by_mcid(page).items() if tag.role is not None}


def tag_units(lines) -> list[tuple[int, int, int]]:
    """``(element, first position, characters)`` for each element the words of ``lines`` belong to.

    Untagged words count under element -1, so that the share of a page's text the
    tags cover can be told.
    """
    units: dict[int, list[int]] = {}
    for ln in lines:
        for w in ln.words:
            unit, seq = getattr(w, "tag", None) or (-1, 0)
            got = units.setdefault(unit, [seq, 0])
            got[0], got[1] = min(got[0], seq), got[1] + len(w.text)
    return [(u, seq, n) for u, (seq, n) in units.items()]


def majority_role(items) -> str | None:
    """The role most characters of ``items`` (objects with ``text`` and ``role``) carry."""
    weights: dict[str, int] = {}
    for it in items:
        role = getattr(it, "role", None)
        if role:
            weights[role] = weights.get(role, 0) + len(it.text)
    return max(weights, key=weights.get) if weights else None


def apply_tags(blocks: list, body_size: float, heading_ratio: float) -> int:
    """Correct heading/paragraph kinds by the tags when they agree with typography; returns changes.

    Only ``heading`` ↔ ``paragraph`` are decided here: boxes, sidebars, notes and
    decoration come from geometry, which sees what tags do not (a tagged sidebar is
    still a ``P``).
    """
    tagged = [b for b in blocks if getattr(b, "role", None)]
    if not tagged:
        return 0
    heads = [b for b in tagged if b.kind == "heading"]
    agree = sum(1 for b in heads if b.role in HEADING_ROLES)
    if heads and agree < AGREEMENT_SHARE * len(heads):
        log.info("structure tree disagrees with typography on %d of %d headings: ignored",
                 len(heads) - agree, len(heads))
        return 0
    changed = 0
    for b in tagged:
        if b.kind == "list_item" and b.role in HEADING_ROLES and b.label:
            # A numbered heading ("1. Migrants' rights") read as a list item: the
            # number goes back into its text, where the structure stage reads it.
            shift = len(b.label) + 1
            b.text, b.label = f"{b.label} {b.text}", None
            b.refs = [(n, off + shift, series) for n, off, series in b.refs]
            b.kind = "paragraph"
        if b.kind == "paragraph" and b.role in HEADING_ROLES and len(b.text) <= TAGGED_HEADING_MAX_CHARS:
            b.kind, changed = "heading", changed + 1
        elif b.kind == "heading" and b.role == "P" and b.size < heading_ratio * body_size:
            # Only a heading guessed from weight alone (a bold run-in sentence) is
            # demoted; a heading set large stays one whatever its tag.
            b.kind, changed = "paragraph", changed + 1
    return changed


def starts_other_element(prev, line) -> bool:
    """Whether ``line`` opens another structure element than the one ``prev`` ends in.

    Why: paragraphs set one after the other without space or indent (notes in small
    type when no footnote area is recognised, the paragraphs of a box) read as one
    block; the tree says where each element starts, so that each becomes its own
    block (a footnote of its own, :func:`notes_from_tags`).
    """
    first = next((w.tag for w in line.words if getattr(w, "tag", None)), None)
    last = next((w.tag for w in reversed(prev.words) if getattr(w, "tag", None)), None)
    return first is not None and last is not None and first[0] != last[0]


def _main_unit(block) -> tuple[int, int, int, int] | None:
    """``(element, first position, its characters, tagged characters)`` of a block's main element."""
    tagged = [t for t in block.tags if t[0] >= 0]
    if not tagged:
        return None
    unit, seq, chars = max(tagged, key=lambda t: (t[2], -t[1]))
    return unit, seq, chars, sum(t[2] for t in tagged)


def tag_order_problem(blocks: list, regions: list[int]) -> str | None:
    """Why the tags cannot order these blocks (``None`` when they can).

    Args:
        blocks: A page's body blocks in geometric reading order.
        regions: The geometric region each block was read from (same length).

    The tags must cover the page's text (:data:`TAG_COVERAGE`), each block must
    map mostly to one element (:data:`BLOCK_PURITY`, :data:`PURE_SHARE`), and
    inside one region — the lines of one column — the tags must read downwards
    (:data:`MAX_INVERSION_SHARE`) and must not split an element around another
    element's block: geometry is sure of those, so a tree that contradicts them
    is wrong, not the geometry.
    """
    total = sum(t[2] for b in blocks for t in b.tags)
    mains = [_main_unit(b) for b in blocks]
    tagged = sum(m[3] for m in mains if m)
    if not tagged:
        return "untagged"
    if tagged < TAG_COVERAGE * total:
        return f"tags cover {tagged / total:.0%} of the text"
    pure = sum(m[3] for m in mains if m and m[2] >= BLOCK_PURITY * m[3])
    if pure < PURE_SHARE * tagged:
        return f"blocks mix elements ({1 - pure / tagged:.0%} of the text)"
    by_region: dict[int, list[tuple[int, int]]] = {}
    for m, region in zip(mains, regions):
        if m:
            by_region.setdefault(region, []).append(m[:2])
    pairs = inversions = 0
    for keys in by_region.values():
        pairs += len(keys) - 1
        inversions += sum(1 for a, b in zip(keys, keys[1:]) if b < a)
        seen: set[int] = set()
        for k, (unit, _) in enumerate(keys):
            if unit in seen and keys[k - 1][0] != unit:
                return f"element {unit} split around another element in one column"
            seen.add(unit)
    if inversions > MAX_INVERSION_SHARE * pairs:
        return f"tags reverse {inversions} of {pairs} neighbouring blocks in a column"
    return None


def order_by_tags(blocks: list, regions: list[int]) -> list:
    """The page's blocks in the tags' order when the tags are usable, else as given.

    Blocks without tagged text (decorations, artifacts) keep their place after the
    block geometry read before them. A block that continues the element of the
    block now before it (a paragraph carried round a box or into the next column)
    is marked as starting a region, so that :func:`pipeline.layout.extract.merge_continuations`
    may join the two.

    Args:
        blocks: A page's body blocks in geometric reading order.
        regions: The geometric region each block was read from (same length).
    """
    if not blocks:
        return blocks
    problem = tag_order_problem(blocks, regions)
    page = blocks[0].page
    if problem is not None:
        if problem != "untagged":
            log.debug("page %d: geometric reading order (%s)", page, problem)
        return blocks
    groups: list[tuple[tuple[int, int], list]] = []
    lead: list = []  # untagged blocks before the first tagged one stay first
    for b in blocks:
        m = _main_unit(b)
        if m is None:
            (groups[-1][1] if groups else lead).append(b)
        else:
            groups.append((m[:2], [b]))
    groups.sort(key=lambda g: g[0])  # stable: one element's blocks keep their geometric order
    out = lead + [b for _, members in groups for b in members]
    for (prev, _), (key, members) in zip(groups, groups[1:]):
        if key[0] == prev[0]:
            members[0].starts_region = True
    if out != blocks:
        log.debug("page %d: reading order from the structure tree (%d blocks moved)",
                  page, sum(1 for a, b in zip(out, blocks) if a is not b))
    else:
        log.debug("page %d: the structure tree confirms the geometric reading order", page)
    return out


def notes_from_tags(blocks: list, notes: list, series: FootnoteSeries, lang: str) -> list:
    """Move blocks tagged ``Note`` that geometry left in the body to ``notes``; returns the body.

    Why only these: a note the geometry found in a footnote area is already a
    footnote and stays as it is; a ``Note`` element set where no footnote area was
    recognised (small type among boxes, notes under a column geometry did not see)
    would otherwise be read as body text. Its number is the label it starts with;
    a note block without one continues the note before it (a note carried over).
    """
    body: list = []
    for b in blocks:
        if b.role != "Note" or b.kind in ("footnote", "table_row"):
            body.append(b)
            continue
        m = _NOTE_NUMBER.match(b.text)
        if m is None and b.refs and b.refs[0][1] == 0:  # a raised label read as a marker
            number, text, refs = b.refs[0][0], b.text, b.refs[1:]
        elif m is not None:
            shift = m.end()
            number, text = int(m.group(1)), b.text[shift:]
            refs = [(n, off - shift, s) for n, off, s in b.refs if off >= shift]
        else:
            last = series.last_note
            if last is not None and not last.text.rstrip().endswith(NOTE_END):
                last.text = join_lines([last.text, b.text], lang)[0]
                last.n_lines += b.n_lines
                continue
            body.append(b)  # a Note element with neither label nor note before it: left as read
            continue
        b.kind, b.text, b.refs, b.footnote_number = "footnote", text, refs, number
        b.footnote_series = series.assign(number)
        series.last_note = b
        notes.append(b)
        log.debug("page %d: note %d found from the structure tree", b.page, number)
    return body
