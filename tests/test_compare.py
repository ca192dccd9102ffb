"""``mgi compare``: two assessments of one country (pipeline/corpus/compare.py), on real records.

The real pair is the English first-round Kyrgyz profile (2018) against the Russian
second assessment (2022): acts are matched across languages through the corpus
registry, findings by shared acts only. A smoke pair (the Russian sample under two
names, one trailing byte apart) checks the same-language path.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
from typer.testing import CliRunner

from chromium import browser  # noqa: F401  (fixture)
from pipeline.batch import BatchOptions, run_batch
from pipeline.cli import app
from pipeline.corpus.compare import (
    CHANGE_LINK,
    CHANGE_LINK_WITH_ACT,
    compare,
    load_tables,
    pairs,
    write_comparison,
)
from pipeline.corpus.findings import Finding, Scorer, words

REPO = Path(__file__).resolve().parents[1]
FIRST = REPO / "tests" / "fixtures" / "reports" / "en-kyrgyzstan-2018-first-round.pdf"
SCREENSHOT = Path("/tmp/mgi-compare.png")
LAW_4 = "kgz-law-4-2006"          # Law No. 4 "On External Labour Migration" (2006)
ICRMW = "intl-treaty-icrmw-1990"  # the 1990 migrant workers convention
OUTPUTS = [f"{n}.{f}" for n in ("acts", "findings", "changes") for f in ("parquet", "csv")] + ["compare.html"]


def _run(pdfs: list[Path], out: Path) -> Path:
    code = run_batch(pdfs, BatchOptions(out=out, db="none", progress=False, workers=2))
    assert code == 0
    return out


@pytest.fixture(scope="module")
def pair_out(sample_pdf, tmp_path_factory) -> Path:
    if not FIRST.exists():
        pytest.skip(f"fixture {FIRST.name} missing: the real first/second pair needs it")
    return _run([FIRST, sample_pdf], tmp_path_factory.mktemp("compare") / "extracted")


@pytest.fixture(scope="module")
def tables(pair_out):
    return load_tables(pair_out)[0]


@pytest.fixture(scope="module")
def ids(tables) -> tuple[str, str]:
    docs = tables["documents"].set_index("language")["doc_id"]
    return docs["en"], docs["ru"]


@pytest.fixture(scope="module")
def cmp(tables, ids):
    return compare(tables, *ids)


@pytest.fixture(scope="module")
def page(pair_out, cmp) -> Path:
    return write_comparison(pair_out, cmp)


# ----------------------------------------------------------------------------- units, table-driven

def _f(pid, assessment, acts=(), text="", domain=4):
    return Finding(pid, domain, assessment, text, words(text), frozenset(acts))


@pytest.mark.parametrize(("same_language", "a", "b", "match"), [
    # across languages the words say nothing: shared acts decide
    (False, _f("a", "strength", [LAW_4], "Law No. 4 (2006) regulates recruitment"),
     _f("b", "gap", [LAW_4], "Поправка к Закону № 4 (2006) не вступила в силу"), True),
    (False, _f("a", "strength", [], "Migrants have access to health care"),
     _f("b", "strength", [], "Migrants have access to health care"), False),
    (False, _f("a", "strength", [LAW_4, "x1", "x2", "x3"], "a"), _f("b", "gap", [LAW_4, "y1", "y2", "y3"], "b"), False),
    # one language: the words decide, a shared act lowers the bar
    (True, _f("a", "gap", [], "There is no national strategy on diaspora engagement"),
     _f("b", "gap", [], "There is no national strategy on diaspora engagement yet"), True),
    (True, _f("a", "gap", [], "Data on emigrants are not published"),
     _f("b", "gap", [], "The Ministry coordinates disaster response"), False),
    (True, _f("a", "strength", [LAW_4], "Law No. 4 regulates recruitment agencies and their licences"),
     _f("b", "gap", [LAW_4], "Law No. 4 was amended; recruitment agencies still lack licences control"), True),
])
def test_scorer(same_language, a, b, match):
    assert (Scorer(same_language).score(a, b) > 0) is match


def test_equal_scores_prefer_the_same_assessment():
    from pipeline.corpus.findings import align

    a = [_f("a1", "strength", [LAW_4])]
    b = [_f("b1", "gap", [LAW_4]), _f("b2", "strength", [LAW_4])]
    (pa, pb, _), = align(a, b, Scorer(False))
    assert (pa.paragraph_id, pb.paragraph_id) == ("a1", "b2")


# ----------------------------------------------------------------------------- the real pair

def test_default_pair_is_first_then_second(tables, ids):
    assert pairs(tables) == [ids]
    rounds = tables["documents"].set_index("doc_id")["round"]
    assert (rounds[ids[0]], rounds[ids[1]]) == ("first", "second")


@pytest.mark.parametrize(("act", "domain", "status", "report_status"), [
    (LAW_4, 4, "both", "both"),                     # cited in the labour-migration findings of both
    (ICRMW, None, None, "both"),                    # 2022 names it only in its legislation list
    ("kgz-resolution-175-2019", 4, "only_b", "only_b"),  # adopted after the first assessment
    ("kgz-resolution-191-2021", None, "only_b", "only_b"),
    ("kgz-decree-4-2021", None, "only_b", "only_b"),
])
def test_acts(cmp, act, domain, status, report_status):
    rows = cmp.acts[cmp.acts["corpus_act_id"] == act]
    assert len(rows), act
    assert set(rows["report_status"]) == {report_status}
    if domain is not None:
        row = rows[rows["domain"] == domain]
        assert list(row["status"]) == [status]
    elif status is not None:
        assert set(rows["status"]) == {status}
    only_b = rows[rows["status"] == "only_b"]
    assert (only_b["mentions_a"] == 0).all()


def test_act_rows_are_consistent(cmp):
    a = cmp.acts
    assert not a.duplicated(["domain", "corpus_act_id"]).any()
    assert set(a["domain"]) <= set(range(7))
    both = a[a["status"] == "both"]
    assert len(both) and ((both["mentions_a"] > 0) & (both["mentions_b"] > 0)).all()
    assert (a.loc[a["status"] == "only_a", "mentions_b"] == 0).all()
    counts = cmp.act_counts()
    assert counts.loc[4, "both"] >= 1 and counts.loc[4, "only_b"] >= 1


def test_every_finding_once_with_a_consistent_status(cmp, tables, ids):
    f = cmp.findings
    for col, doc in (("paragraph_a", ids[0]), ("paragraph_b", ids[1])):
        p = tables["paragraphs"]
        want = p[(p["doc_id"] == doc) & p["kind"].isin(["paragraph", "list_item"]) & p["assessment"].notna()]
        got = f[col].dropna()
        assert not got.duplicated().any()
        assert set(got) <= set(want["paragraph_id"]) and len(got) >= 0.9 * len(want)
    rules = {
        "same": lambda r: r.assessment_a == r.assessment_b,
        "moved": lambda r: r.assessment_a != r.assessment_b and {r.assessment_a, r.assessment_b} == {"strength", "gap"},
        "new_strength": lambda r: pd.isna(r.paragraph_a) and r.assessment_b == "strength",
        "new_gap": lambda r: pd.isna(r.paragraph_a) and r.assessment_b == "gap",
        "dropped": lambda r: pd.isna(r.paragraph_b),
    }
    for r in f.itertuples(index=False):
        assert rules[r.status](r), r
        if r.status in ("same", "moved"):  # across languages a pair needs a shared act
            assert json.loads(r.shared_acts), r


def test_labour_law_findings_are_paired(cmp):
    f = cmp.findings
    paired = f[f["status"].isin(["same", "moved"]) & f["shared_acts"].str.contains(LAW_4, regex=False)]
    assert len(paired) >= 1
    assert set(paired["domain"]) == {4}


def test_summary_of_changes_links_to_the_same_report(cmp, tables, ids):
    ch = cmp.changes
    secs = tables["sections"]
    summary = secs[(secs["doc_id"] == ids[1]) & (secs["role"] == "summary")]
    assert len(summary) == 1
    assert set(ch["doc_id"]) == {ids[1]}  # the first round has no such chapter
    linked = ch.dropna(subset=["linked_paragraph_id"])
    assert len(linked) >= len(ch["paragraph_id"].unique()) // 2
    assert linked["linked_paragraph_id"].str.startswith(ids[1]).all()
    pars = tables["paragraphs"].set_index("paragraph_id")
    for r in linked.itertuples(index=False):
        assert r.score >= CHANGE_LINK or (json.loads(r.shared_acts) and r.score >= CHANGE_LINK_WITH_ACT)
        assert int(pars.loc[r.linked_paragraph_id, "domain"]) == r.domain
    # the 2020 amendment of Law No. 4 (domain 4) links to the chapter paragraph about it
    amend = pars[(pars["doc_id"] == ids[1]) & pars["text"].str.contains("в Закон № 4", regex=False)
                 & pars["section_id"].isin(secs.loc[secs["role"] == "summary_domain", "section_id"])]
    assert len(amend) == 1
    rows = linked[linked["paragraph_id"] == amend.index[0]]
    assert any(LAW_4 in json.loads(s) for s in rows["shared_acts"])


# ----------------------------------------------------------------------------- command and files

def _out(result) -> str:
    return result.output + (getattr(result, "stderr", "") or "")


def test_cli_default_pairs(pair_out, ids):
    res = CliRunner().invoke(app, ["compare", "--out", str(pair_out)])
    assert res.exit_code == 0, _out(res)
    folder = pair_out / "compare" / f"{ids[0]}__{ids[1]}"
    for name in OUTPUTS:
        assert (folder / name).stat().st_size > 0, name
    assert "domain 4" in res.output and "moved" in res.output and "compare.html" in res.output
    acts = pd.read_csv(folder / "acts.csv")
    assert LAW_4 in set(acts["corpus_act_id"])


def test_cli_by_file_and_prefix(pair_out, sample_pdf, ids):
    res = CliRunner().invoke(app, ["compare", str(FIRST), ids[1][:6], "--out", str(pair_out)])
    assert res.exit_code == 0, _out(res)
    copy = pair_out.parent / "renamed.pdf"  # a copy elsewhere: found by its sha256
    shutil.copyfile(sample_pdf, copy)
    res = CliRunner().invoke(app, ["compare", ids[0], str(copy), "--out", str(pair_out)])
    assert res.exit_code == 0, _out(res)


@pytest.mark.parametrize(("args", "message"), [
    (["7"], "give two reports"),
    (["zzzz", "yyyy"], "unknown document 'zzzz'"),
    (["SAME", "SAME"], "compared with itself"),
])
def test_cli_errors(pair_out, ids, args, message):
    args = [ids[0] if a == "SAME" else a for a in args]
    res = CliRunner().invoke(app, ["compare", *args, "--out", str(pair_out)])
    assert res.exit_code == 2
    assert message in _out(res)
    assert "Traceback" not in _out(res)


def test_cli_empty_folder(tmp_path):
    res = CliRunner().invoke(app, ["compare", "--out", str(tmp_path)])
    assert res.exit_code == 2 and "mgi run" in _out(res)


def test_links_made_on_the_fly(pair_out, tmp_path, ids):
    """Records without act_links (written before the corpus stage): compare links them itself."""
    out = tmp_path / "extracted"
    out.mkdir()
    for f in pair_out.glob("*.parquet"):
        if f.stem not in ("act_links", "corpus_acts", "evidence_matrix"):
            shutil.copy(f, out / f.name)
    res = CliRunner().invoke(app, ["compare", "--out", str(out)])
    assert res.exit_code == 0, _out(res)
    assert "act_links computed" in res.output
    acts = pd.read_parquet(out / "compare" / f"{ids[0]}__{ids[1]}" / "acts.parquet")
    assert list(acts.loc[(acts["corpus_act_id"] == LAW_4) & (acts["domain"] == 4), "status"]) == ["both"]


# ----------------------------------------------------------------------------- the page

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if a.get("href"):
            self.hrefs.append(a["href"])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_page_has_no_dead_links(page, ids):
    html = page.read_text(encoding="utf-8")
    assert "<script src" not in html and "stylesheet" not in html  # self-contained
    links = _parse(page)
    assert any(h.startswith("../../") for h in links.hrefs)  # review pages exist: linked
    targets: dict[Path, _Links] = {}
    for href in links.hrefs:
        parts = urlsplit(href)
        if parts.scheme == "data":  # the inline favicon
            continue
        assert not parts.scheme and not parts.netloc, href
        if not parts.path:
            assert parts.fragment in links.ids, href
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        assert target.is_file(), href
        if parts.fragment:
            ids_there = targets.setdefault(target, _parse(target)).ids
            assert unquote(parts.fragment) in ids_there, href
    for d in range(7):
        assert f'id="d{d}"' in html
    for doc in ids:
        assert doc in html


def test_page_without_review_pages_links_nowhere(tmp_path, cmp):
    path = write_comparison(tmp_path, cmp)
    assert "../../" not in path.read_text(encoding="utf-8")


def test_hostile_title_is_escaped(tmp_path, cmp):
    from dataclasses import replace

    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'
    acts = cmp.acts.copy()
    acts.loc[acts.index[0], "title"] = evil
    bad = replace(cmp, doc_a={**cmp.doc_a, "title": evil, "file": f"/tmp/{evil}.pdf"}, acts=acts)
    html = write_comparison(tmp_path, bad).read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp;amp;" in html


def test_smoke_same_language_pair(sample_pdf, tmp_path_factory):
    """The sample under two names (one trailing byte apart): everything is shared, nothing moved."""
    root = tmp_path_factory.mktemp("smoke")
    copy = root / "copy-2022.pdf"
    copy.write_bytes(sample_pdf.read_bytes() + b"\n%% copy\n")
    out = _run([sample_pdf, copy], root / "extracted")
    tables = load_tables(out)[0]
    a, b = sorted(tables["documents"]["doc_id"])
    c = compare(tables, a, b)
    assert set(c.acts["status"]) == {"both"}
    assert (c.acts["mentions_a"] == c.acts["mentions_b"]).all()
    assert set(c.findings["status"]) == {"same"}
    assert (c.findings["score"] >= 99).all()
    assert pairs(tables) == []  # one assessment in two files: no first/second pair
    html = write_comparison(out, c).read_text(encoding="utf-8")
    assert re.search(r"Findings that moved \(0\)", html)


@pytest.mark.browser
def test_page_in_chromium(browser, page):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    cols = browser.find_elements(By.CSS_SELECTOR, "#d4 .acts3 > div")
    assert [c.find_element(By.TAG_NAME, "h4").text.split(" (")[0] for c in cols] == [
        "IN BOTH", "ONLY IN THE FIRST", "ONLY IN THE SECOND"]
    assert all(c.is_displayed() for c in cols)
    assert browser.find_element(By.CSS_SELECTOR, "table.overview").is_displayed()
    assert browser.save_screenshot(str(SCREENSHOT))
