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


# ---------------------------------------------------------------- reading order and notes from tags

from pipeline.layout import extract as extract_mod  # noqa: E402
from pipeline.layout.tagged import order_by_tags, tag_order_problem, tags_by_mcid  # noqa: E402

DESIGNS = TAGGED.parent
COLUMNS = DESIGNS / "es-solana-tagged.pdf"


def body_texts(pdf: Path) -> list[str]:
    from pipeline.layout.extract import extract_layout

    return [b.text for b in extract_layout(pdf).blocks if b.kind in ("paragraph", "list_item", "heading", "box")]


def truth_texts(pdf: Path) -> list[str]:
    import json

    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    return [b["text"] for b in truth["blocks"] if b["kind"] in ("paragraph", "list_item", "heading")]


def in_order(found: list[str], expected: list[str]) -> bool:
    """Every expected text is the start of one found text, in the same order."""
    k = 0
    for text in expected:
        k = next((j for j in range(k, len(found)) if found[j].startswith(text[:40])), -1)
        if k < 0:
            return False
        k += 1
    return True


@pytest.fixture
def geometry_only(monkeypatch):
    monkeypatch.setattr(extract_mod, "order_by_tags", lambda blocks, regions: blocks)


@pytest.mark.parametrize("pdf, tags_needed", [
    (COLUMNS, True),   # two columns flowing round a full-width box: geometry reads band by band
    (TAGGED, False),   # one column: the tags confirm the geometric order
])
def test_reading_order_follows_consistent_tags(pdf, tags_needed, request):
    expected = truth_texts(pdf)
    assert in_order(body_texts(pdf), expected)
    request.getfixturevalue("geometry_only")
    assert in_order(body_texts(pdf), expected) is (not tags_needed)


def test_the_units_of_the_tree_are_numbered_in_tree_order():
    with pdfplumber.open(COLUMNS) as pdf:
        tags = tags_by_mcid(pdf.pages[0])
    seqs = [tags[m].seq for m in sorted(tags, key=lambda m: tags[m].seq)]
    units = [tags[m].unit for m in sorted(tags, key=lambda m: tags[m].seq)]
    assert seqs == list(range(len(seqs))) and units == sorted(units)
    assert {t.role for t in tags.values()} >= {"H1", "H2", "H3", "P", "Note"}


def broken(kind: str):
    """A structure-tree walk made inconsistent in one way (see tag_order_problem)."""
    import random

    def walk(page):
        tags = tags_by_mcid(page)
        if kind == "shuffled":  # element order shuffled: columns read upwards
            units = sorted({t.unit for t in tags.values()})
            random.Random(7).shuffle(units)
            remap = dict(zip(sorted(units), units))
            return {m: type(t)(t.role, remap[t.unit], t.seq) for m, t in tags.items()}
        if kind == "sparse":  # most marked content missing from the tree
            return {m: t for m, t in tags.items() if m % 3 == 0}
        return tags
    return walk


@pytest.mark.parametrize("kind, reason", [("shuffled", "tags reverse"), ("sparse", "tags cover")])
def test_an_inconsistent_tree_falls_back_to_geometry(kind, reason, monkeypatch, caplog):
    import logging

    import pipeline.layout.lines as lines_mod

    monkeypatch.setattr(lines_mod, "tags_by_mcid", broken(kind))
    with caplog.at_level(logging.DEBUG, logger="pipeline.layout.tagged"):
        got = body_texts(COLUMNS)
    assert not any("from the structure tree" in r.message for r in caplog.records)
    assert any("geometric reading order" in r.message and reason in r.message for r in caplog.records)
    assert not in_order(got, truth_texts(COLUMNS))


def block_with(tags, top: float, role: str = "P") -> Block:
    b = Block(kind="paragraph", page=1, x0=0, top=top, x1=100, bottom=top + 10, text="x" * 10, size=BODY,
              role=role)
    b.tags = tags
    return b


@pytest.mark.parametrize("tags, regions, problem", [
    ([[(0, 0, 50)], [(1, 5, 50)], [(2, 9, 50)]], [0, 0, 1], None),                       # consistent
    ([[(0, 0, 50)], [(-1, 0, 50)], [(2, 9, 50)]], [0, 0, 1], "tags cover"),              # a third untagged
    ([[(0, 0, 25), (1, 5, 25)], [(2, 9, 50)]], [0, 1], "blocks mix"),                    # one block, two elements
    ([[(2, 9, 50)], [(1, 5, 50)], [(0, 0, 50)]], [0, 0, 0], "tags reverse"),             # a column read upwards
    ([[(0, 0, 50)], [(1, 5, 50)], [(0, 3, 50)]], [0, 0, 0], "split around"),             # element cut by another
    ([[(-1, 0, 50)]], [0], "untagged"),
])
def test_tag_order_problem(tags, regions, problem):
    got = tag_order_problem([block_with(t, 10.0 * k) for k, t in enumerate(tags)], regions)
    assert (got is None) if problem is None else (got is not None and problem in got), got


def test_order_by_tags_keeps_untagged_blocks_after_their_neighbour():
    a, deco, b, c = (block_with([(2, 9, 50)], 0), block_with([(-1, 0, 2)], 5), block_with([(0, 0, 50)], 10),
                     block_with([(1, 4, 50)], 20))
    assert order_by_tags([a, deco, b, c], [0, 0, 1, 1]) == [b, c, a, deco]


def test_note_elements_become_footnotes_when_geometry_misses_them(monkeypatch):
    """With the footnote area unseen, the Note elements still give the footnotes, numbered and linked."""
    from pipeline.layout.extract import extract_layout

    def notes(pdf):
        doc = extract_layout(pdf)
        return ({(b.footnote_number, b.text[:30]) for b in doc.blocks if b.kind == "footnote"},
                sorted(n for b in doc.blocks if b.kind != "footnote" for n, _, _ in b.refs))

    for pdf in (TAGGED, COLUMNS):
        found, refs = notes(pdf)
        monkeypatch.setattr(extract_mod, "find_footnote_area", lambda *a, **k: None)
        from_tags, refs_tags = notes(pdf)
        monkeypatch.undo()
        assert found and from_tags == found and refs_tags == refs, (pdf.name, found ^ from_tags)
