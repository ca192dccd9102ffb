"""The whole pipeline on the sample PDF: domains, evidence and review page on real output.

Paragraph ids of the real run are the pipeline's own, so each real block is tied
to its truth block by text (rapidfuzz), then judged against the truth labels.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from rapidfuzz import fuzz, process

import truth_tables as tt
from chromium import browser  # noqa: F401  (fixture)
from pipeline.output import records
from pipeline.output.evidence import build_evidence
from pipeline.batch.evidence import rebuild_from_extracted

pytestmark = pytest.mark.slow

#: Text prefix compared when tying a real block to its truth block.
MATCH_CHARS = 120
#: Lowest rapidfuzz ratio accepted as "the same block".
MATCH_MIN = 90


@pytest.fixture(scope="module")
def out(sample_run) -> Path:
    """The session's run of the sample (conftest.sample_run): read only, copied before a rebuild."""
    assert sample_run.code == 0
    return sample_run.out


@pytest.fixture(scope="module")
def tables(out) -> dict[str, pd.DataFrame]:
    return {n: records.read_table(out, n) for n in ("documents", "sections", "paragraphs", "citations",
                                                     "acts", "evidence")}


@pytest.fixture(scope="module")
def matched(tables) -> pd.DataFrame:
    """Real text blocks with the id and labels of their truth block."""
    truth = [b for b in tt.blocks() if b["kind"] in ("paragraph", "list_item", "footnote")]
    keys = [" ".join(b["text"].split())[:MATCH_CHARS] for b in truth]
    pars = tables["paragraphs"]
    rows = []
    for r in pars[pars.kind.isin(["paragraph", "list_item", "footnote"])].itertuples():
        _, score, i = process.extractOne(" ".join(r.text.split())[:MATCH_CHARS], keys, scorer=fuzz.ratio)
        b = truth[i]
        rows.append(dict(paragraph_id=r.paragraph_id, truth_id=b["id"], sim=score, kind=r.kind,
                         domain=r.domain, assessment=r.assessment, source=r.domain_source,
                         score=r.domain_score, review=r.review,
                         truth_domain=b.get("domain"), truth_assessment=b.get("assessment")))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("domain", range(1, 7))
def test_real_chapter_paragraphs_have_truth_domain_and_assessment(matched, domain):
    ids = tt.chapter_ids()[domain]
    got = matched[matched.truth_id.isin(ids) & (matched.sim >= MATCH_MIN)]
    assert set(got.truth_id) == ids, "a chapter block is missing from the real output"
    wrong = got[(got.domain.astype("Int64") != domain)
                | (got.assessment.fillna("-") != got.truth_assessment.fillna("-"))]
    assert wrong.empty, wrong.to_string()


def test_real_covid_annex_is_labelled_or_flagged(matched):
    annex = matched[matched.truth_id.isin(tt.covid_ids())]
    assert len(annex) >= len(tt.covid_ids())
    assert annex.score.notna().all()
    # a content label is kept even when unsure (then flagged: calibrated probability < 0.7);
    # a paragraph without a domain is always flagged: nothing in the annex is silently dropped
    unlabelled = annex.domain.isna()
    assert annex.review.astype(bool)[unlabelled].all()
    assert annex.review.astype(bool)[annex.score < 0.7].all()


def test_real_evidence_matches_citations(tables):
    ev, cits, pars = tables["evidence"], tables["citations"], tables["paragraphs"]
    assert len(ev) and len(cits)
    assert int(ev.mentions.sum()) == len(cits)
    label = pars.set_index("paragraph_id")[["domain", "assessment"]]
    for c in cits.itertuples():
        d = label.at[c.paragraph_id, "domain"]
        d = 0 if pd.isna(d) else int(d)
        a = label.at[c.paragraph_id, "assessment"]
        a = "none" if pd.isna(a) or not d else a
        row = ev[(ev.domain == d) & (ev.assessment == a) & (ev.act_id == c.act_id)]
        assert len(row) == 1, (c.citation_id, d, a, c.act_id)
        assert c.paragraph_id in json.loads(row.iloc[0].paragraph_ids)
        assert int(c.page) in json.loads(row.iloc[0].pages)


def test_rebuild_reproduces_the_batch_evidence(tables, out, tmp_path):
    copy = tmp_path / "extracted"
    shutil.copytree(out, copy)
    for f in copy.glob("evidence.*"):
        f.unlink()
    rebuild_from_extracted(copy)
    again = records.read_table(copy, "evidence")
    pd.testing.assert_frame_equal(again, tables["evidence"], check_dtype=False)
    assert (copy / "evidence.xlsx").exists()
    doc_id = tables["documents"].doc_id.iloc[0]
    assert (copy / doc_id / "report.html").exists()
    assert len(records.to_frame("evidence", build_evidence(tables))) == len(again)


@pytest.mark.browser
def test_real_review_page_in_chromium(out, tables, browser):
    from selenium.webdriver.common.by import By

    doc_id = tables["documents"].doc_id.iloc[0]
    browser.get((out / doc_id / "report.html").as_uri())
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []
    assert "/" not in browser.find_element(By.TAG_NAME, "h1").text  # file name, not the input path
    browser.find_element(By.CSS_SELECTOR, '.flt[data-domain="6"]').click()
    shown = [e for e in browser.find_elements(By.CSS_SELECTOR, "#report .blk") if e.is_displayed()]
    pars = tables["paragraphs"]
    assert len(shown) == int(((pars.domain == 6) & ~pars.kind.isin(["heading", "furniture"])).sum()) > 0
    shots = Path(__file__).resolve().parents[1] / "extracted" / "review-test"
    shots.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(shots / "real-report-domain6.png"))


def test_real_ablation_leave_one_chapter_out(out):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "ablation", Path(__file__).resolve().parents[1] / "bench" / "ablation_domains.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    df = mod.run(*mod.load_extracted(out))
    assert set(df.chapter) == {1, 2, 3, 4, 5, 6} and len(df) >= 70
    assert (df["true"] == df["pred"]).mean() >= 0.85
