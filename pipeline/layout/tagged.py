"""Tagged PDFs: the producer's own structure tree, used to confirm or correct headings.

A tagged PDF (exported by Word, InDesign or LibreOffice with accessibility on)
says for each piece of marked content what it is: ``H1``–``H6``, ``P``, ``L``/``LI``,
``Note``, ``Table``, ``TOCI``. Typography guesses the same things and sometimes
guesses wrong (a bold run-in sentence looks like a heading; a heading set in body
type does not). When a page carries a tree that agrees with typography on most
headings, the tags decide the doubtful blocks; when it is missing, or contradicts
the typography on most headings (tag trees made by careless converters tag
everything ``P``), the geometry alone decides.

Each word carries the role of its marked content (:func:`roles_by_mcid`, through
the chars' ``mcid``); each block the role most of its characters have.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

#: Roles kept from the structure tree; other element types inherit their parent's role.
HEADING_ROLES = {f"H{k}" for k in range(1, 7)} | {"H", "Title"}
BLOCK_ROLES = HEADING_ROLES | {"P", "LI", "Lbl", "LBody", "Note", "TOCI", "Caption", "Quote", "BlockQuote"}
#: Share of typographic headings that must be tagged as headings for the tags to be trusted.
AGREEMENT_SHARE = 0.5
#: A block tagged as a heading but longer than this is not turned into one.
TAGGED_HEADING_MAX_CHARS = 250


def roles_by_mcid(page) -> dict[int, str]:
    """Marked-content id → structure role on one page (empty for untagged pages)."""
    try:
        tree = page.structure_tree
    except Exception:  # noqa: BLE001 - a broken or unsupported tree means "untagged"
        return {}
    out: dict[int, str] = {}

    def walk(nodes, inherited: str | None) -> None:
        for node in nodes or []:
            kind = node.get("type")
            role = kind if kind in BLOCK_ROLES else inherited
            if inherited in ("Note", "TOCI"):
                role = inherited  # a note's or a contents entry's paragraphs keep that role
            for mcid in node.get("mcids") or []:
                if role is not None and isinstance(mcid, int):
                    out[mcid] = role
            walk(node.get("children"), role)

    walk(tree, None)
    return out


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
