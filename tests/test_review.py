"""The review page: markup unit tests, and the real page in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import truth_tables as tt
from chromium import browser  # noqa: F401  (fixture)
from pipeline.output.evidence import build_evidence
from pipeline.review import chart_svg, mark_up, render_report

REPO = Path(__file__).resolve().parents[1]
#: Screenshots are kept for a human to look at (extracted/ is git-ignored).
SHOTS = REPO / "extracted" / "review-test"


@pytest.fixture(scope="module")
def tables():
    return tt.tables()


@pytest.fixture(scope="module")
def page(tables, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review") / tt.doc_id() / "report.html"
    return render_report(tt.doc_id(), tables, path)


@pytest.fixture(scope="module")
def html_text(page) -> str:
    return page.read_text(encoding="utf-8")


@pytest.mark.parametrize("text, cits, refs, want", [
    ("Закон № 4 действует.", [(0, 9, "a")], [], '<mark class="cite" tabindex="0" data-act="a" id="c-x">Закон № 4</mark> действует.'),
    # marker right after the citation goes after the closing tag
    ("Закон № 4 и", [(0, 9, "a")], [(9, 7, "f7")], '</mark><sup id="ref-p-7"><a href="#p-f7" class="fnref">7</a></sup> и'),
    # overlapping citation is dropped, the longer first one kept
    ("Закон № 4 «О миграции»", [(0, 22, "a"), (6, 9, "b")], [], 'data-act="a"'),
    # text is escaped, citation outside the text ignored
    ("a <b> & c", [(50, 60, "z")], [], "a &lt;b&gt; &amp; c"),
    # unlinked marker: number without a link
    ("текст", [], [(5, 3, None)], '<sup id="ref-p-3">3</sup>'),
])
def test_mark_up(text, cits, refs, want):
    c = [dict(start=s, end=e, act_id=a, citation_id="x") for s, e, a in cits]
    r = [dict(offset=o, number=n, footnote_id=f) for o, n, f in refs]
    out = mark_up(text, c, r, "p")
    assert want in out
    assert out.count("<mark") == out.count("</mark>") <= 1
    plain = text
    for off, n, _ in sorted(refs, reverse=True):
        plain = plain[:off] + str(n) + plain[off:]
    assert re.sub(r"<[^>]+>", "", out).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == plain


def test_chart_counts_mentions_per_domain_and_assessment(tables):
    svg = chart_svg(build_evidence(tables), {d: f"D{d}" for d in range(1, 7)})
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "D4: 2 strength" in svg and "D4: 1 gap" in svg and "D4: 1 no assessment" in svg
    assert "D3:" not in svg  # nothing cited in domain 3


def test_page_is_self_contained(html_text):
    assert not re.search(r'(?:src|href)\s*=\s*"(?:https?:)?//', html_text)
    assert "<link rel=\"stylesheet\"" not in html_text and "<script src" not in html_text
    assert 'rel="icon" href="data:,"' in html_text  # no favicon request either


def test_sections_in_reading_order(html_text, tables):
    heads = [h for h in tables["paragraphs"].itertuples() if h.kind == "heading"]
    positions = [html_text.index(f'id="p-{h.paragraph_id}"') for h in heads]
    assert positions == sorted(positions) and len(positions) == 48


def test_contents_link_to_the_chapters(html_text, tables):
    secs = tables["sections"]
    chapters = secs[secs.role == "domain_chapter"]
    assert len(chapters) == 6
    for s in chapters.itertuples():
        assert f'<a href="#p-{s.heading_id}">' in html_text


def test_footnotes_linked_both_ways(html_text, tables):
    fns = tables["paragraphs"]
    fns = fns[(fns.kind == "footnote") & fns.referenced_by.notna()]
    assert len(fns) >= 30
    for f in fns.itertuples():
        num = int(f.footnote_number)
        assert f'id="ref-{f.referenced_by}-{num}"><a href="#p-{f.paragraph_id}"' in html_text
        assert f'href="#ref-{f.referenced_by}-{num}"' in html_text


def test_domain_tint_and_badges(html_text):
    assert re.search(r'<div class="blk paragraph d1 strength" id="p-b0088" data-domain="1" '
                     r'data-assessment="strength"', html_text)
    assert re.search(r'<div class="blk paragraph d1 gap" id="p-b0098"', html_text)
    assert '<span class="badge gap">' in html_text and '<span class="badge review">' in html_text
    assert 'id="p-b0005"' not in html_text  # furniture is not shown


# --------------------------------------------------------------------------- browser

def _click(driver, element) -> None:
    """Scroll the element to mid-screen first: the sticky filter bar covers the top."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _visible(driver, selector: str):
    from selenium.webdriver.common.by import By

    return [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


@pytest.mark.browser
def test_page_in_chromium(browser, page, tables):
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SHOTS / "report.png"))

    pars = tables["paragraphs"]
    shown = pars[~pars.kind.isin(["furniture", "heading"])]
    blocks = "#report .blk"
    assert len(_visible(browser, blocks)) == len(shown)

    # filter: domain 4 only
    browser.find_element(By.CSS_SELECTOR, '.flt[data-domain="4"]').click()
    visible = _visible(browser, blocks)
    assert visible and {e.get_attribute("data-domain") for e in visible} == {"4"}
    assert len(visible) == int((shown.domain == 4).sum())
    assert "on" in browser.find_element(By.CSS_SELECTOR, '.flt[data-domain="4"]').get_attribute("class")
    headings = {e.text for e in _visible(browser, "#report .heading")}
    assert "4.2. Области, имеющие потенциал для дальнейшего развития" in headings
    assert "1.2. Области, имеющие потенциал для дальнейшего развития" not in headings  # empty under the filter
    assert browser.save_screenshot(str(SHOTS / "report-domain4.png"))

    # review-only on top of "no domain"
    browser.find_element(By.CSS_SELECTOR, '.flt[data-domain="0"]').click()
    browser.find_element(By.ID, "review-only").click()
    flagged = _visible(browser, blocks)
    assert len(flagged) == int((shown.domain.isna() & shown.review.astype(bool)).sum()) > 0
    assert {e.get_attribute("data-review") for e in flagged} == {"true"}
    browser.find_element(By.ID, "review-only").click()
    browser.find_element(By.CSS_SELECTOR, '.flt[data-domain="all"]').click()
    assert len(_visible(browser, blocks)) == len(shown)

    # a citation: the panel shows the canonical act and all its mentions
    mark = browser.find_element(By.CSS_SELECTOR, '#p-b0132 mark.cite')
    assert "О внешней трудовой миграции" in mark.get_attribute("title")
    _click(browser, mark)
    panel = browser.find_element(By.ID, "act-panel")
    assert panel.is_displayed()
    assert browser.find_element(By.ID, "act-title").text == "О внешней трудовой миграции"
    items = browser.find_elements(By.CSS_SELECTOR, "#act-mentions li")
    cits = tables["citations"]
    assert len(items) == int((cits.act_id == "law-4-2006").sum()) == 6
    assert sum("here" in (li.get_attribute("class") or "") for li in items) == 1
    assert browser.save_screenshot(str(SHOTS / "report-act.png"))

    # footnote marker leads to the footnote, whose back-link returns to the marker
    _click(browser, browser.find_element(By.CSS_SELECTOR, '#p-b0088 sup a.fnref'))
    assert browser.execute_script("return location.hash") == "#p-b0092"
    _click(browser, browser.find_element(By.CSS_SELECTOR, '#p-b0092 a.backref'))
    assert browser.execute_script("return location.hash") == "#ref-b0088-11"
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []


@pytest.mark.browser
def test_subarea_filter_in_chromium(browser, tables, tmp_path):
    """Sub-areas are shown as badges and filter the page, on top of the domain filter."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    pars = tables["paragraphs"].copy()
    pars["sub_area"] = [("4.labour_migration" if d == 4 else "1.health" if d == 1 else None)
                        for d in pars["domain"]]
    page = render_report(tt.doc_id(), {**tables, "paragraphs": pars}, tmp_path / "report.html")
    browser.get(page.as_uri())
    shown = pars[~pars.kind.isin(["furniture", "heading"])]
    Select(browser.find_element(By.ID, "subarea-filter")).select_by_value("4.labour_migration")
    visible = _visible(browser, "#report .blk")
    assert visible and {e.get_attribute("data-subarea") for e in visible} == {"4.labour_migration"}
    assert len(visible) == int((shown.sub_area == "4.labour_migration").sum())
    browser.find_element(By.CSS_SELECTOR, '.flt[data-domain="1"]').click()
    assert _visible(browser, "#report .blk") == []  # domain 1 and sub-area 4.x: nothing
    Select(browser.find_element(By.ID, "subarea-filter")).select_by_value("")
    assert len(_visible(browser, "#report .blk")) == int((shown.domain == 1).sum())
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []
    assert browser.save_screenshot(str(SHOTS / "report-subarea.png"))


def test_page_streamed_around_its_body_equals_the_page_filled_whole(tables, tmp_path):
    """The body is written block by block (issue #14, peak memory); a report whose text holds
    the mark standing for the body is filled whole, as before: the same page either way."""
    from pipeline import review

    def rendered(title: str) -> str:
        docs = tables["documents"].assign(title=title)
        return render_report(tt.doc_id(), {**tables, "documents": docs}, tmp_path / "p.html").read_text(encoding="utf-8")

    plain, marked = rendered("T"), rendered(f"A{review.BODY_MARK}B")
    assert plain.count('id="p-') > 10 and review.BODY_MARK not in plain  # streamed
    assert marked.replace(f"A{review.BODY_MARK}B", "T") == plain  # filled whole: the same page
