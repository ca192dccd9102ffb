"""Acts linked across a real pair of reports: an English first round and the Russian second
assessment of one country (tests/data/corpus/kyrgyzstan_pair.yaml is the gold)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import BatchOptions, run_batch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from score_pair import score  # noqa: E402

EN = ROOT / "tests/fixtures/reports/en-kyrgyzstan-2018-first-round.pdf"
THIRD = ROOT / "tests/fixtures/reports/es-colombia-2021.pdf"

pytestmark = pytest.mark.slow

#: Today's figures (bench/score_pair.py): precision 1.00, act-level F1 0.91, mention-level F1 0.95.
MIN_PRECISION = 0.95
MIN_ACT_F1 = 0.85
MIN_MENTION_F1 = 0.92


@pytest.fixture(scope="module")
def pair(tmp_path_factory, sample_pdf):
    out = tmp_path_factory.mktemp("pair")
    raw = out / "raw"
    raw.mkdir()
    for p in (EN, sample_pdf):
        shutil.copy(p, raw / p.name)
    code = run_batch([raw], BatchOptions(out=out / "extracted", db="none", progress=False, workers=2))
    assert code == 0
    return out


def test_acts_of_both_reports_are_linked_and_different_acts_are_not_merged(pair):
    result = score(pair / "extracted")
    assert result["acts"]["precision"] >= MIN_PRECISION, result
    assert result["acts"]["f1"] >= MIN_ACT_F1, result
    assert result["mentions"]["f1"] >= MIN_MENTION_F1, result


@pytest.mark.parametrize("english, russian", [
    ("External Labour Migration", "внешней трудовой миграции"),  # numbered in both
    ("on External Migration", "О внешней миграции"),  # no number in the English report
    ("Internal Migration", "О внутренней миграции"),
    ("Legal Status of Foreign Citizens", "правовом положении иностранных граждан"),
])
def test_named_laws_are_one_corpus_act(pair, english, russian):
    out = pair / "extracted"
    acts = pd.read_parquet(out / "acts.parquet")
    docs = pd.read_parquet(out / "documents.parquet").set_index("language")["doc_id"]
    links = pd.read_parquet(out / "act_links.parquet").set_index(["doc_id", "act_id"])["corpus_act_id"]

    def corpus_ids(doc, pattern):
        rows = acts[(acts.doc_id == doc) & acts.title.fillna("").str.contains(pattern, case=False, regex=False)
                    & (acts.act_type == "law")]
        return {links[(doc, a)] for a in rows.act_id}

    en_ids, ru_ids = corpus_ids(docs["en"], english), corpus_ids(docs["ru"], russian)
    assert en_ids and en_ids == ru_ids


def test_different_constitutions_stay_apart(pair):
    ca = pd.read_parquet(pair / "extracted" / "corpus_acts.parquet")
    constitutions = ca[(ca.act_type == "constitution") & (ca.jurisdiction == "kgz")]
    assert sorted(constitutions.year.dropna().astype(int)) == [2010, 2021]
    assert (constitutions.n_documents == 1).all()


def test_adding_a_report_keeps_every_corpus_id(pair):
    out = pair / "extracted"
    before = pd.read_parquet(out / "act_links.parquet")
    shutil.copy(THIRD, pair / "raw" / THIRD.name)
    try:
        assert run_batch([pair / "raw"], BatchOptions(out=out, db="none", progress=False, workers=2)) == 0
        after = pd.read_parquet(out / "act_links.parquet")
    finally:
        (pair / "raw" / THIRD.name).unlink()
    merged = before.merge(after, on=["doc_id", "act_id"], suffixes=("_before", "_after"))
    assert len(merged) == len(before)
    assert (merged.corpus_act_id_before == merged.corpus_act_id_after).all()
    assert after.doc_id.nunique() == 3


def test_corpus_tables_can_be_queried(pair):
    from pipeline.corpus.query import run_query

    cols, rows = run_query(
        "SELECT c.corpus_act_id, count(DISTINCT l.doc_id) AS n FROM act_links l "
        "JOIN corpus_acts c USING (corpus_act_id) GROUP BY 1 HAVING n > 1 ORDER BY 1", pair / "extracted")
    ids = [r[0] for r in rows]
    assert "kgz-law-4-2006" in ids and "intl-treaty-eaeu-2014" in ids


def test_mgi_evidence_rebuilds_the_corpus_views_with_the_same_ids(pair, tmp_path):
    from pipeline.batch.evidence import rebuild_from_extracted

    copy = tmp_path / "copy"
    shutil.copytree(pair / "extracted", copy)
    before = pd.read_parquet(copy / "act_links.parquet")
    for f in [*copy.glob("corpus_acts.*"), *copy.glob("act_links.*"), *copy.glob("evidence_matrix.*"),
              copy / "index.html"]:
        f.unlink(missing_ok=True)
    rebuild_from_extracted(copy)
    after = pd.read_parquet(copy / "act_links.parquet")
    assert (copy / "index.html").is_file() and (copy / "evidence_matrix.parquet").is_file()
    key = ["doc_id", "act_id"]
    pd.testing.assert_frame_equal(before.sort_values(key).reset_index(drop=True),
                                  after.sort_values(key).reset_index(drop=True))
