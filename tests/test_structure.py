"""Structure against the truth file: paragraphs, footnotes, domains, section tree."""

from __future__ import annotations

import pytest

from layout_cache import ALT_LAYOUTS, prefetch, result_of, score
from pipeline.structure.headings import heading_role

TRUTH = "mgi-kyrgyzstan-2022-ru.truth.json"


@pytest.fixture(scope="module")
def alt_layouts():
    """The layout fixtures (each as long as the sample), parsed on both cores before they are read."""
    prefetch(ALT_LAYOUTS)


@pytest.fixture(scope="module")
def sample(sample_pdf):
    return result_of(str(sample_pdf))


def test_sample_against_truth(sample_pdf, shared_dir):
    s = score(sample_pdf, shared_dir / "corpus" / TRUTH)
    assert s["matched_share"] >= 0.97
    assert s["footnotes_found"] == s["footnotes_truth"] == 37
    assert s["footnotes_linked"] == 37
    assert s["glued_markers"] == 0
    assert s["furniture_in_body"] == 0
    assert s["wrong_domain"] == 0 and s["wrong_assessment"] == 0


@pytest.mark.parametrize("pdf", ALT_LAYOUTS, ids=lambda p: p.stem)
def test_other_layouts_against_truth(alt_layouts, pdf, shared_dir):
    """The truth model typeset in layouts the rules were not written on."""
    s = score(pdf, shared_dir / "corpus" / TRUTH)
    assert s["matched_share"] >= 0.95
    assert s["footnotes_found"] == s["footnotes_linked"] == 37
    assert s["glued_markers"] == 0
    assert s["furniture_in_body"] == 0
    assert s["wrong_domain"] == 0


def test_domain_chapters_and_parts(sample):
    chapters = [s for s in sample.sections if s.role == "domain_chapter"]
    assert [c.domain for c in chapters] == [1, 2, 3, 4, 5, 6]
    for c in chapters:
        kids = [s for s in sample.sections if s.parent_id == c.section_id]
        assert [k.assessment for k in kids] == ["strength", "gap"]
        assert all(k.domain == c.domain and k.level == 2 for k in kids)
    gap5 = next(s for s in sample.sections if s.domain == 5 and s.assessment == "gap")
    assert gap5.title.startswith("5.2. Areas with potential")  # English title in a Russian report


def test_summary_subsections_carry_domains(sample):
    subs = [s for s in sample.sections if s.role == "summary_domain"]
    assert [s.domain for s in subs] == [1, 2, 3, 4, 5, 6]
    summary = next(s for s in sample.sections if s.role == "summary")
    assert all(s.parent_id == summary.section_id for s in subs)


def test_every_domain_paragraph_labelled_from_its_section(sample):
    by_id = {s.section_id: s for s in sample.sections}
    for p in sample.paragraphs:
        sec = by_id.get(p.section_id)
        if p.kind in ("paragraph", "list_item") and sec is not None and sec.domain is not None:
            assert p.domain == sec.domain and p.domain_source == "section" and p.domain_score == 1.0
            assert p.assessment == sec.assessment
        if p.kind in ("heading", "furniture", "table_row", "bibliography_entry"):
            assert p.domain is None


def test_footnotes_linked_both_ways(sample):
    by_id = {p.paragraph_id: p for p in sample.paragraphs}
    notes = [p for p in sample.paragraphs if p.kind == "footnote"]
    assert all(n.referenced_by for n in notes)
    for n in notes:
        ref = by_id[n.referenced_by]
        assert any(r.footnote_id == n.paragraph_id and r.number == n.footnote_number
                   for r in ref.footnote_refs)
        assert n.section_id == ref.section_id


def test_bibliography_entries_carry_their_labels(sample):
    entries = [p for p in sample.paragraphs if p.kind == "bibliography_entry"]
    assert len(entries) == 49
    assert sum(1 for e in entries if e.number) >= 45
    assert not any(s.title.strip() in ("2009", "2019b") for s in sample.sections)


def test_legislation_section_holds_the_table(sample):
    leg = next(s for s in sample.sections if s.role == "legislation")
    rows = [p for p in sample.paragraphs if p.kind == "table_row" and p.section_id == leg.section_id]
    assert len(rows) >= 40


def test_provenance_on_every_record(sample):
    for p in sample.paragraphs:
        assert p.doc_id and p.paragraph_id.startswith(p.doc_id)
        assert p.page >= 1 and p.x0 < p.x1 and p.top < p.bottom
        for r in p.footnote_refs:
            assert 0 <= r.offset <= len(p.text)
    assert [p.seq for p in sample.paragraphs] == sorted(p.seq for p in sample.paragraphs)


@pytest.mark.parametrize(
    "title,lang,role,domain",
    [
        ("СОБЛЮДЕНИЕ МЕЖДУНАРОДНЫХ СТАНДАРТОВ И СОБЛЮДЕНИЕ ПРАВ МИГРАНТОВ", "ru", "domain_chapter", 1),
        ("1.2. Области, имеющие потенциал для дальнейшего развития", "ru", "gap", None),
        ("5.2. Areas with potential for further development", "ru", "gap", None),
        ("4.1. Управление миграцией: примеры хорошо разработанных мер политики", "ru", "strength", None),
        ("Сотрудничество (Страница 21)", "ru", "summary_domain", 3),
        ("ADVANCING THE SOCIOECONOMIC WELL-BEING OF MIGRANTS AND SOCIETY", "en", "domain_chapter", 4),
        ("Migration governance: examples of well-developed areas", "en", "strength", None),
        ("Partnerships (Page 21)", "en", "summary_domain", 3),
        ("KEY FINDINGS", "en", "key_findings", None),
        ("БИБЛИОГРАФИЯ", "ru", "bibliography", None),
        ("ПРИЛОЖЕНИЕ: COVID-19", "ru", "annex", None),
        # negatives: body-like or unrelated headings
        ("ЗАДАЧА 10.7", "ru", "other", None),
        ("Закон № 4 «О внешней трудовой миграции»", "ru", "other", None),
        ("Права человека и бизнес", "ru", "other", None),
        ("Labour market information systems", "en", "other", None),
    ],
)
def test_heading_roles(title, lang, role, domain):
    assert heading_role(title, lang) == (role, domain)


def test_furniture_kept_as_records_outside_body_text(sample):
    furniture = [p for p in sample.paragraphs if p.kind == "furniture"]
    headers = [p for p in furniture if p.text.startswith("ИНДИКАТОРЫ УПРАВЛЕНИЯ МИГРАЦИЕЙ")]
    page_numbers = [p for p in furniture if p.text.strip().isdigit()]
    assert len(headers) >= 30 and len(page_numbers) >= 30
    # a page number record sits on its own page, after that page's text
    p8 = next(p for p in page_numbers if p.page == 8)
    assert p8.text.strip() == "8"
    assert all(q.seq < p8.seq for q in sample.paragraphs if q.page == 8 and q.kind == "paragraph")


OUTLINE = [(1, "Концептуальная основа"), (2, "ЗАДАЧА 10.7"),
           (2, "1.2. Области, имеющие потенциал для дальнейшего развития")]


@pytest.mark.parametrize(
    "text,level",
    [
        ("ЗАДАЧА 10.7", 2),
        ("Концептуальная основа", 1),
        ("1.2. Области, имеющие потенциал для дальнейшего развития", 2),
        ("1.2. Области, имеющие потенциал для дальнейшего развития1", 2),  # stray marker
        ("ЗАДАЧА 10.8", None),  # short texts match exactly only
        ("Права человека", None),
    ],
)
def test_outline_levels(text, level):
    from pipeline.structure.build import Outline

    assert Outline(OUTLINE).level(text) == level


def test_heading_levels_follow_the_bookmarks(sample):
    task = next(s for s in sample.sections if s.title == "ЗАДАЧА 10.7")
    framework = next(s for s in sample.sections if s.title == "Концептуальная основа")
    assert task.level == 2 and task.parent_id == framework.section_id


def test_english_headings_make_the_same_tree():
    """The sample with its headings in English (another font and measure)."""
    pdf = next(p for p in ALT_LAYOUTS if p.stem == "en-headings-sans")
    res = result_of(str(pdf))
    chapters = [s for s in res.sections if s.role == "domain_chapter"]
    assert [c.domain for c in chapters] == [1, 2, 3, 4, 5, 6]
    assert "WELL-BEING" in chapters[3].title  # an English compound kept in a Russian report
    parts = [(s.domain, s.assessment) for s in res.sections if s.role in ("strength", "gap")]
    assert parts == [(d, a) for d in range(1, 7) for a in ("strength", "gap")]
    assert [s.domain for s in res.sections if s.role == "summary_domain"] == [1, 2, 3, 4, 5, 6]
    assert any(s.role == "annex" for s in res.sections)
    assert any(s.role == "bibliography" for s in res.sections)
