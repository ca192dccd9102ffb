"""Designed report pages (tests/fixtures/designs): figures against their truth files.

Each fixture shows designs real MGI profiles use (chapter openings with boxes and
misaligned columns, margin sidebars, contents pages, three columns, full-width notes,
an infographic, nested columns, tagged PDFs), in languages other than the sample's.
The floors are the figures reached; a change that lowers one fails here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from layout_cache import score  # also puts bench/ on sys.path

DESIGNS = Path(__file__).resolve().parent / "fixtures" / "designs"

#: name → (paragraphs matched share floor, contents entries found floor)
FLOORS = {
    "pt-alvorada-a4": (1.0, None),
    "es-valdoria-letter": (1.0, 11),
    "fr-maronie-a4": (1.0, 11),
    "en-orvania-letter": (1.0, None),
    "pt-marinhas-letter": (1.0, None),
    "es-bermeja-a4": (1.0, None),
    "fr-kandara-tagged": (1.0, None),
    "es-solana-tagged": (1.0, None),  # geometry alone: 9/11 (read band by band round the box)
}


@lru_cache(maxsize=None)
def figures(name: str) -> dict:
    return score(DESIGNS / f"{name}.pdf", DESIGNS / f"{name}.truth.json")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_paragraphs_and_footnotes(name):
    f = figures(name)
    assert f["matched_share"] >= FLOORS[name][0], f
    assert f["footnotes_found"] == f["footnotes_truth"] == f["footnotes_linked"], f
    assert f["glued_markers"] == 0


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_decoration_and_sidebars_stay_out_of_headings_and_body(name):
    f = figures(name)
    assert f.get("decoration_in_body", 0) == 0 and f.get("sidebar_in_body", 0) == 0, f
    assert f.get("sidebar_as_heading", 0) == 0, f
    assert f.get("decoration_as_heading", 0) == 0, f


@pytest.mark.parametrize("name", [n for n, (_, c) in FLOORS.items() if c])
def test_contents_entries_are_entries_with_their_page(name):
    f = figures(name)
    assert f["contents_found"] >= FLOORS[name][1], f
    assert f["contents_in_body"] <= f["contents_entry_truth"] - FLOORS[name][1], f


def test_sidebars_are_found():
    f = figures("es-valdoria-letter")
    assert f["sidebar_found"] == f["sidebar_truth"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_domain_and_assessment_of_every_domain_paragraph(name):
    """Every language's heading aliases name the domain chapters and their parts
    (before the es/fr/pt data, the Portuguese, Spanish and French fixtures had
    every domain paragraph wrong)."""
    f = figures(name)
    assert f["domain_paragraphs"] > 0, f
    assert f["wrong_domain"] == 0, f
    assert f["wrong_assessment"] == 0, f


def page_blocks(name: str, page: int) -> list:
    from layout_cache import layout_of

    return [b for b in layout_of(str(DESIGNS / f"{name}.pdf")).blocks if b.page == page]


def test_infographic_shapes_are_read_shape_by_shape():
    """Regression (en-orvania page 2): the captions of the staggered process steps were
    read line by line across two steps, and the key figures ("87" in a circle, "indicators"
    under it) were a decoration and a fragment."""
    blocks = page_blocks("en-orvania-letter", 2)
    texts = [b.text for b in blocks]
    steps = ["The Government and IOM agree", "Laws and policies are reviewed", "The findings are discussed",
             "The profile is published"]
    at = [next(k for k, t in enumerate(texts) if t.startswith(s)) for s in steps]
    assert at == sorted(at), texts  # left to right, as numbered
    assert texts[at[1]].endswith("entities are interviewed.") and texts[at[2]].endswith("entities concerned.")
    figures = [b for b in blocks if b.text in ("6 policy domains", "87 indicators", "23 government entities consulted")]
    assert [b.kind for b in figures] == ["box"] * 3, texts


def test_a_line_run_on_into_an_empty_right_column_ends_its_paragraph():
    """Regression (pt-marinhas page 2): "…centro de acolhi-" / "mento de vítimas…" at the top
    of the otherwise empty right column was read second on the page."""
    blocks = page_blocks("pt-marinhas-letter", 2)
    body = [b for b in blocks if b.kind == "paragraph"]
    assert body[-1].text.endswith("um centro de acolhimento de vítimas fora da ilha principal."), body[-1].text
    assert not any(b.text.startswith("mento") for b in blocks)
