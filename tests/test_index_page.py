"""The corpus index page and evidence matrix, on records of a real run.

The pipeline runs once per module on the Russian sample report, the Spanish and
French fixture reports and one bad file (``not-a-pdf.pdf``), so that the index
lists three countries and one failed document. Matrix values are checked
against counts made independently (plain loops over the paragraph rows), and the
page is loaded in headless Chromium.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest

from chromium import browser  # noqa: F401  (fixture)
from pipeline.output import records, schema
from pipeline.corpus.index_page import write_index
from pipeline.corpus.matrix import build_evidence_matrix, instrument_matrix, instrument_names

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "reports"
FIXTURE_PDFS = ("es-colombia-2021.pdf", "fr-maroc-2019.pdf")
BAD_PDF = "not-a-pdf.pdf"
SCREENSHOT = Path("/tmp/mgi-index.png")
#: Country, year and round each good report must be listed with.
EXPECTED = {"mgi-kyrgyzstan-2022-ru.pdf": ("KGZ", "Kyrgyzstan", 2022, "second"),
            "es-colombia-2021.pdf": ("COL", "Colombia", 2021, "second"),
            "fr-maroc-2019.pdf": ("MAR", "Morocco", 2019, "first")}
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TABLE_NAMES = ("documents", "sections", "paragraphs", "citations", "acts", "evidence")


@pytest.fixture(scope="module")
def out(tmp_path_factory, sample_pdf, bad_dir) -> Path:
    from pipeline.batch.options import EXIT_FAILED, BatchOptions
    from pipeline.batch import run_batch

    base = tmp_path_factory.mktemp("index")
    raw = base / "raw"
    raw.mkdir()
    for src in (sample_pdf, *(FIXTURES / n for n in FIXTURE_PDFS), bad_dir / BAD_PDF):
        shutil.copy(src, raw / src.name)
    code = run_batch([raw], BatchOptions(out=base / "extracted", workers=1, progress=False))
    assert code == EXIT_FAILED  # the bad file fails, the others are processed
    return base / "extracted"


@pytest.fixture(scope="module")
def tables(out) -> dict[str, pd.DataFrame]:
    return {n: records.read_table(out, n) for n in TABLE_NAMES}


@pytest.fixture(scope="module")
def page(out, tables) -> Path:
    return write_index(out, tables)


@pytest.fixture(scope="module")
def html_text(page) -> str:
    return page.read_text(encoding="utf-8")


def _doc(tables, file_name: str) -> dict:
    docs = tables["documents"]
    return docs[docs["file"].map(lambda f: Path(f).name) == file_name].iloc[0].to_dict()


def _row(html_text: str, doc_id: str) -> str:
    m = re.search(rf'<tr data-status="[^"]*" data-doc="{doc_id}">.*?</tr>', html_text, re.S)
    assert m, f"no row for {doc_id}"
    return m.group(0)


def _expected_cells(tables, doc_ids: set[str], links: dict | None = None) -> dict[int, dict]:
    """Counts per domain made by hand: loops over rows, no groupby."""
    pars = tables["paragraphs"].to_dict("records")
    domain_of = {(p["doc_id"], p["paragraph_id"]): p["domain"] for p in pars}
    intl = {(a["doc_id"], a["act_id"]) for a in tables["acts"].to_dict("records")
            if a["jurisdiction"] == "intl"}
    out = {d: {"strengths": 0, "gaps": 0, "acts": set(), "instruments": set()} for d in range(1, 7)}
    for p in pars:
        if p["doc_id"] in doc_ids and p["kind"] in ("paragraph", "list_item") and not pd.isna(p["domain"]):
            if p["assessment"] == "strength":
                out[int(p["domain"])]["strengths"] += 1
            elif p["assessment"] == "gap":
                out[int(p["domain"])]["gaps"] += 1
    for c in tables["citations"].to_dict("records"):
        d = domain_of.get((c["doc_id"], c["paragraph_id"]))
        if c["doc_id"] not in doc_ids or pd.isna(d) or pd.isna(c["act_id"]):
            continue
        key = links[(c["doc_id"], c["act_id"])] if links else (c["doc_id"], c["act_id"])
        out[int(d)]["acts"].add(key)
        if (c["doc_id"], c["act_id"]) in intl:
            out[int(d)]["instruments"].add(key if links else c["act_id"])
    return {d: {k: (len(v) if isinstance(v, set) else v) for k, v in cell.items()} for d, cell in out.items()}


# --------------------------------------------------------------------------- matrix

def test_matrix_shape(tables):
    m = build_evidence_matrix(tables)
    assert list(m.columns) == schema.EVIDENCE_MATRIX.names
    assert list(m["country"].unique()) == ["COL", "KGZ", "MAR"]  # failed document skipped, no ZZZ
    assert m.groupby("country")["domain"].apply(list).map(lambda d: d == [1, 2, 3, 4, 5, 6]).all()
    kgz = m[m.country == "KGZ"].iloc[0]
    assert kgz.country_name == "Kyrgyzstan"
    assert kgz.documents == f'["{_doc(tables, "mgi-kyrgyzstan-2022-ru.pdf")["doc_id"]}"]'


@pytest.mark.parametrize("file_name", list(EXPECTED))
def test_matrix_matches_hand_counts(tables, file_name):
    doc = _doc(tables, file_name)
    m = build_evidence_matrix(tables)
    want = _expected_cells(tables, {doc["doc_id"]})
    got = m[m.country == doc["country"]].set_index("domain")
    for d in range(1, 7):
        assert got.loc[d, ["strengths", "gaps", "acts", "instruments"]].to_dict() == want[d], d
    assert got["strengths"].sum() > 0 and got["gaps"].sum() > 0 and got["acts"].sum() > 0


def test_matrix_counts_corpus_acts_with_links(tables):
    """Two reports of one country citing the same corpus act count it once."""
    docs = tables["documents"].copy()
    docs.loc[docs["country"] == "MAR", "country"] = "COL"
    acts = tables["acts"]
    links = pd.DataFrame({"doc_id": acts["doc_id"], "act_id": acts["act_id"],
                          "corpus_act_id": "corpus-" + acts["act_id"], "method": "own"})
    linked = {**tables, "documents": docs, "act_links": links}
    m = build_evidence_matrix(linked).set_index(["country", "domain"])
    ids = set(docs.loc[docs["country"] == "COL", "doc_id"])
    assert len(ids) == 2
    want = _expected_cells(tables, ids, links=dict(zip(zip(links.doc_id, links.act_id), links.corpus_act_id)))
    unlinked = build_evidence_matrix({**tables, "documents": docs}).set_index(["country", "domain"])
    for d in range(1, 7):
        assert m.loc[("COL", d), ["strengths", "gaps", "acts", "instruments"]].to_dict() == want[d]
    assert (m["acts"] <= unlinked["acts"]).all()
    # every act of the corpus linked to one corpus act: at most one act per cell
    one = build_evidence_matrix({**tables, "act_links": links.assign(corpus_act_id="one")})
    assert set(one["acts"]) <= {0, 1} and one["acts"].sum() > 0


def test_instrument_matrix(tables):
    grid = instrument_matrix(tables)
    names = instrument_names()
    assert list(grid.columns) == ["name", "COL", "KGZ", "MAR"]
    assert len(grid) and set(grid.index) <= set(names)
    assert (grid[["COL", "KGZ", "MAR"]].sum(axis=1) > 0).all()
    cits = tables["citations"]
    for file_name, (code, *_rest) in EXPECTED.items():
        doc_id = _doc(tables, file_name)["doc_id"]
        mine = cits[(cits.doc_id == doc_id) & cits.act_id.isin(names)]
        assert grid[code].to_dict() == {i: int((mine.act_id == i).sum()) for i in grid.index}
    assert grid.loc["intl-treaty-icrmw-1990", "name"].startswith("International Convention on the Protection")


def test_matrix_of_a_large_synthetic_corpus():
    """100 documents × 2000 blocks (speed is measured by bench/bench_corpus.py, not here)."""
    n_docs, n_pars = 100, 2000
    rows = [(f"d{i:03d}", f"b{j}", ("paragraph", "list_item", "footnote")[j % 3], 1 + j % 6,
             ("strength", "gap", None)[j % 3]) for i in range(n_docs) for j in range(n_pars)]
    pars = pd.DataFrame(rows, columns=["doc_id", "paragraph_id", "kind", "domain", "assessment"])
    cits = pars.iloc[::7][["doc_id", "paragraph_id"]].assign(
        act_id=[f"law-{k % 40}" if k % 5 else "intl-treaty-icrmw-1990" for k in range(len(pars.iloc[::7]))])
    docs = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n_docs)], "status": "ok",
                         "country": [("KGZ", "COL", None)[i % 3] for i in range(n_docs)],
                         "country_name": [("Kyrgyzstan", "Colombia", None)[i % 3] for i in range(n_docs)]})
    acts = cits[["doc_id", "act_id"]].drop_duplicates().assign(
        jurisdiction=lambda a: a.act_id.map(lambda x: "intl" if x.startswith("intl") else "KGZ"), mentions=1)
    tabs = {"documents": docs, "paragraphs": pars, "citations": cits, "acts": acts}
    m = build_evidence_matrix(tabs)
    assert len(instrument_matrix(tabs)) == 1
    assert set(m["country"]) == {"KGZ", "COL", "ZZZ"}  # unknown country
    assert m[m.country == "ZZZ"]["country_name"].isna().all()
    kgz_docs = len(range(0, n_docs, 3))
    strengths_d1 = len(range(0, n_pars, 6))  # j % 6 == 0: a paragraph, domain 1, strength
    assert m.loc[(m.country == "KGZ") & (m.domain == 1), "strengths"].iloc[0] == kgz_docs * strengths_d1


# --------------------------------------------------------------------------- page

def test_every_report_listed(tables, html_text):
    assert len(re.findall(r"<tr data-status=", html_text)) == len(tables["documents"]) == 4
    for file_name, (_code, name, year, rnd) in EXPECTED.items():
        doc = _doc(tables, file_name)
        row = _row(html_text, doc["doc_id"])
        assert f">{name}</a>" in row
        assert f'<td data-sort="{year}">{year}</td>' in row and f">{rnd}</td>" in row
        assert f">{doc['language']}</td>" in row and '<span class="status ok">ok</span>' in row
        n = int(tables["paragraphs"].query("doc_id == @doc['doc_id'] and kind in ['paragraph', 'list_item']")
                .shape[0])
        assert f'<td data-sort="{n}">{n}</td>' in row
        assert row.count('class="bar strength"') == row.count('class="bar gap"') == 6


def test_links_resolve(out, tables, html_text):
    hrefs = re.findall(r'href="([^"]*)"', html_text)
    targets = [h for h in hrefs if not h.startswith(("#", "data:"))]
    assert len(targets) == 3
    for h in targets:
        assert (out / unquote(h)).is_file(), h
        assert not h.startswith(("/", "http", "file:"))  # relative: the folder can move


def test_failed_document_has_no_link(tables, html_text):
    doc = _doc(tables, BAD_PDF)
    assert doc["status"] == "failed"
    row = _row(html_text, doc["doc_id"])
    assert "<a " not in row and "report.html" not in row
    assert '<span class="status failed">failed</span>' in row
    assert 'class="error">not a PDF' in row and BAD_PDF in row


def test_page_is_self_contained(html_text):
    assert not re.search(r'(?:src|href)\s*=\s*"(?:https?:)?//', html_text)
    assert '<link rel="stylesheet"' not in html_text and "<script src" not in html_text
    assert html_text.count("<script") == 1


def test_hostile_title_is_escaped(tables, tmp_path):
    docs = tables["documents"].copy()
    docs.loc[0, "title"] = HOSTILE
    docs.loc[0, "country_name"] = '"><b>bold</b>'
    docs.loc[docs["status"] == "failed", "error"] = "<iframe src=x>"
    text = write_index(tmp_path, {**tables, "documents": docs}).read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<img" not in text and "<b>bold" not in text
    assert "<iframe" not in text and "&lt;iframe src=x&gt;" in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    assert text.count("<script") == 1


def test_page_with_corpus_tables(out, tables, tmp_path):
    """The lead's corpus tables are optional inputs: the page uses them when given."""
    acts = tables["acts"]
    links = pd.DataFrame({"doc_id": acts["doc_id"], "act_id": acts["act_id"],
                          "corpus_act_id": acts["act_id"], "method": "own"})
    corpus = acts.drop_duplicates("act_id").rename(columns={"act_id": "corpus_act_id"})[
        ["corpus_act_id", "jurisdiction", "title"]]
    for page in out.glob("*/report.html"):  # the review pages only: links need them
        (tmp_path / "x" / page.parent.name).mkdir(parents=True)
        (tmp_path / "x" / page.parent.name / page.name).write_text("stub", encoding="utf-8")
    full = {**tables, "act_links": links, "corpus_acts": corpus}
    text = write_index(tmp_path / "x", full, build_evidence_matrix(full)).read_text(encoding="utf-8")
    assert text.count("report.html") == 3 and 'class="chart heat"' in text
    empty = {**tables, "act_links": links.iloc[:0], "corpus_acts": corpus.iloc[:0]}
    assert write_index(tmp_path, empty).is_file()


def test_heatmap_titles(tables, html_text):
    m = build_evidence_matrix(tables)
    r = m[(m.country == "KGZ") & (m.domain == 4)].iloc[0]
    assert (f"Kyrgyzstan — 4. Well-being of migrants: {r.strengths} strengths, {r.gaps} gaps, "
            f"{r.acts} acts, {r.instruments} international instruments") in html_text
    assert '<title id="heat-title">' in html_text and "aria-labelledby" in html_text


# --------------------------------------------------------------------------- browser

@pytest.mark.browser
def test_index_in_chromium(browser, page, out, tables):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(page.as_uri())
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []
    links = browser.find_elements(By.CSS_SELECTOR, "a[href]")
    assert len(links) == 3
    for a in links:
        url = urlparse(a.get_attribute("href"))
        assert url.scheme == "file" and Path(unquote(url.path)).is_file()
    heat = browser.find_element(By.CSS_SELECTOR, "svg.heat")
    assert heat.is_displayed() and heat.size["width"] > 500
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.heat g.cell")) == 3 * 6
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.instruments td.yes")) >= 3

    rows = "#reports tbody tr"
    browser.find_element(By.CSS_SELECTOR, 'button.sort[data-col="2"]').click()  # year, ascending
    years = [r.get_attribute("data-doc") for r in browser.find_elements(By.CSS_SELECTOR, rows)]
    by_year = dict(zip(tables["documents"].doc_id, tables["documents"].year))
    assert [by_year[d] for d in years[1:]] == [2019, 2021, 2022]  # the failed one (no year) first
    Select(browser.find_element(By.ID, "status-filter")).select_by_value("failed")
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, rows) if r.is_displayed()]
    assert [r.get_attribute("data-status") for r in visible] == ["failed"]
    Select(browser.find_element(By.ID, "status-filter")).select_by_value("")
    browser.find_element(By.ID, "q").send_keys("kyrgyz")
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, rows) if r.is_displayed()]
    assert len(visible) == 1 and "Kyrgyzstan" in visible[0].text
    browser.find_element(By.ID, "q").clear()
    browser.execute_script("document.getElementById('q').dispatchEvent(new Event('input'))")
    assert browser.find_element(By.ID, "shown").text == "4 of 4 reports shown"
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1400, min(height + 100, 4000))
    assert browser.save_screenshot(str(SCREENSHOT))
