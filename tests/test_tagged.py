"""Tagged PDFs: the structure tree confirms or corrects typography's headings."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pipeline.layout.page import HEADING_SIZE_RATIO, Block
from pipeline.layout.tagged import apply_tags, roles_by_mcid

TAGGED = Path(__file__).resolve().parent / "fixtures" / "designs" / "fr-kandara-tagged.pdf"
BODY = 10.0


def test_roles_come_from_the_structure_tree(sample_pdf):
    with pdfplumber.open(TAGGED) as pdf:
        roles = set(roles_by_mcid(pdf.pages[1]).values())
    assert {"H1", "H2", "P"} <= roles and "Note" in roles
    with pdfplumber.open(sample_pdf) as pdf:  # untagged: geometry alone decides
        assert roles_by_mcid(pdf.pages[5]) == {}


def block(kind: str, role: str | None, size: float = BODY, text: str = "Some text", label: str | None = None):
    return Block(kind=kind, page=1, x0=0, top=0, x1=100, bottom=10, text=text, size=size, role=role, label=label,
                 refs=[(1, 4, 0)])


@pytest.mark.parametrize("blocks, kinds", [
    ([block("heading", "H1", 16), block("paragraph", "H2")], ["heading", "heading"]),     # heading in body type
    ([block("heading", "H1", 16), block("heading", "P", BODY)], ["heading", "paragraph"]),  # bold run-in sentence
    ([block("heading", "H1", 16), block("heading", "P", 16)], ["heading", "heading"]),    # large stays a heading
    ([block("heading", "P", 16), block("heading", "P", 14), block("paragraph", "H2")],
     ["heading", "heading", "paragraph"]),                                                   # tags disagree: ignored
    ([block("paragraph", None)], ["paragraph"]),                                            # untagged
    ([block("heading", "H1", 16), block("paragraph", "H2", text="x" * 300)], ["heading", "paragraph"]),  # too long
])
def test_apply_tags(blocks, kinds):
    apply_tags(blocks, BODY, HEADING_SIZE_RATIO)
    assert [b.kind for b in blocks] == kinds


def test_a_numbered_heading_read_as_a_list_item_gets_its_number_back():
    b = block("list_item", "H1", 16, text="Droits des migrants", label="1.")
    apply_tags([b], BODY, HEADING_SIZE_RATIO)
    assert (b.kind, b.text, b.label, b.refs) == ("heading", "1. Droits des migrants", None, [(1, 7, 0)])


def test_tagged_fixture_chapter_titles_are_headings():
    from pipeline.layout.extract import extract_layout

    heads = [b.text for b in extract_layout(TAGGED).blocks if b.kind == "heading"]
    assert "1. Droits des migrants" in heads
