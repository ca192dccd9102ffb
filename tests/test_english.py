"""An English report in two columns on US Letter (bench/make_english.py), end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_cache import result_of
from pipeline.citations import extract_citations

PDF = Path(__file__).resolve().parent / "fixtures" / "english" / "mgi-norland-2022-en.pdf"


@pytest.fixture(scope="module")
def report():
    return result_of(str(PDF))


def test_language_and_running_header(report):
    assert report.document.language == "en"
    furniture = [p.text for p in report.paragraphs if p.kind == "furniture"]
    assert furniture.count("MIGRATION GOVERNANCE INDICATORS · NORLAND 2022") == 2
    assert not any("NORLAND 2022" in p.text for p in report.paragraphs if p.kind != "furniture")


def test_english_section_tree(report):
    chapters = [s for s in report.sections if s.role == "domain_chapter"]
    assert [c.domain for c in chapters] == [1, 2, 3, 4, 5, 6]
    assert "WHOLE-OF-GOVERNMENT" in chapters[1].title  # compound kept across the line break
    parts = [(s.domain, s.assessment) for s in report.sections if s.role in ("strength", "gap")]
    assert parts == [(d, a) for d in range(1, 7) for a in ("strength", "gap")]
    assert {s.role for s in report.sections} >= {"introduction", "key_findings", "annex", "bibliography"}


def test_contents_entries_open_no_sections(report):
    assert report.sections[0].role == "contents"
    titles = [s.title for s in report.sections]
    assert len(titles) == len(set(titles))  # each chapter once, not again from the contents
    toc = [p for p in report.paragraphs if p.section_id == report.sections[0].section_id
           and p.kind != "heading"]
    assert toc and all(p.domain is None for p in toc)


def test_glued_note_numbers_and_links(report):
    notes = [p for p in report.paragraphs if p.kind == "footnote"]
    assert [n.footnote_number for n in notes] == [1, 2, 3, 4]
    assert notes[0].text == "The assessment was conducted between March and October 2022."
    assert all(n.referenced_by for n in notes)
    law = next(p for p in report.paragraphs if p.text.startswith("Norland is party"))
    ref = law.footnote_refs[0]
    assert law.text[:ref.offset].endswith("employment services.")


@pytest.mark.parametrize(
    "act_type,number,year",
    [
        ("law", "4", 2006),
        ("resolution", "175", 2019),
        ("decree", "191", 2021),
        ("law", "115-FZ", None),
        ("law", "55", 2005),
        ("constitution", None, 2021),
        ("resolution", "112", 2020),
        ("law", None, 2002),  # the Law on Refugees (2002)
    ],
)
def test_english_citations(report, act_type, number, year):
    cits, _ = extract_citations(report.paragraphs, report.document.doc_id, "en")
    assert any(c["act_type"] == act_type and c["number"] == number and c["year"] == year for c in cits)


def test_domains_from_english_sections(report):
    for p in report.paragraphs:
        if p.kind == "paragraph" and p.text.startswith("Border agencies"):
            assert (p.domain, p.assessment, p.domain_source) == (6, "gap", "section")
