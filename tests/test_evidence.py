"""Evidence tables from the sample's truth-derived records (no PDF parsing)."""

from __future__ import annotations

import json
import sqlite3

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

import truth_tables as tt
from pipeline.output import records, schema
from pipeline.cli import app
from pipeline.output.evidence import NO_DOMAIN, SNIPPET_MAX, build_evidence, snippet
from pipeline.batch.evidence import rebuild_from_extracted, write_evidence
from pipeline.output.workbook import summary_pivot


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return tt.tables()


@pytest.fixture(scope="module")
def evidence(tables) -> pd.DataFrame:
    return build_evidence(tables)


def test_columns_and_primary_key(evidence):
    assert list(evidence.columns) == schema.EVIDENCE.names
    key = list(schema.EVIDENCE.primary_key)
    assert not evidence.duplicated(key).any()
    assert evidence[key].notna().all().all()
    assert set(evidence.assessment) <= {"strength", "gap", "none"}


@pytest.mark.parametrize("domain, assessment, act_id, mentions, pages, paragraph_ids", [
    (4, "strength", "law-4-2006", 2, [19], ["b0132", "b0135"]),
    (4, "gap", "law-4-2006", 1, [21], ["b0145"]),
    (4, "none", "law-4-2006", 1, [9], ["b0073"]),          # summary of changes
    (5, "strength", "law-4-2006", 1, [23], ["b0155"]),
    (1, "strength", "law-6-2005", 1, [11], ["b0088"]),
    (1, "strength", "res-346-2000", 1, [11], ["b0088"]),
    (2, "strength", "res-191-2021", 1, [14], ["b0105"]),
    (NO_DOMAIN, "none", "law-4-2006", 1, [34], ["b0250r04"]),  # legislation table row
])
def test_rows(evidence, domain, assessment, act_id, mentions, pages, paragraph_ids):
    row = evidence[(evidence.domain == domain) & (evidence.assessment == assessment)
                   & (evidence.act_id == act_id)]
    assert len(row) == 1
    r = row.iloc[0]
    assert (int(r.mentions), json.loads(r.pages), json.loads(r.paragraph_ids)) == (mentions, pages, paragraph_ids)


@pytest.mark.parametrize("domain, act_id", [
    (1, "law-4-2006"), (3, "law-4-2006"), (6, "res-191-2021"), (2, "law-6-2005"),
])
def test_no_row_where_the_act_is_not_cited(evidence, domain, act_id):
    assert not ((evidence.domain == domain) & (evidence.act_id == act_id)).any()


def test_every_cited_act_is_listed_per_domain_with_truth_pages(evidence):
    """Oracle straight from the truth JSON: the block's domain/assessment and PDF page.

    Blocks the truth leaves without a domain (introduction, COVID-19 annex) take
    the content label the pipeline gave them, which the truth cannot judge.
    """
    from pipeline.domains import assign_domains

    blocks = {b["id"]: b for b in tt.blocks()}
    pars, secs = tt.build()
    assign_domains(pars, secs, "ru")
    assigned = {p.paragraph_id: p for p in pars}
    expected: dict[tuple, set[int]] = {}
    for pid, _surface, act_id in tt.CITES:
        base, _, row = pid.partition("r")
        b = blocks[base]
        page = b["pdf_page"] + (b["row_pages"][int(row) - 1] - b["page"] if row else 0)
        domain, assessment = b.get("domain"), b.get("assessment")
        if domain is None and b["kind"] != "table":
            domain = assigned[pid].domain
        expected.setdefault((domain or 0, assessment or "none", act_id), set()).add(page)
    got = {(int(r.domain), r.assessment, r.act_id): set(json.loads(r.pages)) for r in evidence.itertuples()}
    assert got == expected


def test_unresolved_citation_is_kept_under_its_surface(tables):
    cits = tables["citations"].copy()
    cits.loc[0, "act_id"] = None
    ev = build_evidence({**tables, "citations": cits})
    surface = cits.loc[0, "surface"]
    assert (ev.act_id == "unresolved:" + " ".join(surface.lower().split())).sum() == 1


def test_act_missing_from_registry_falls_back_to_citation_fields(tables):
    acts = tables["acts"][tables["acts"].act_id != "law-89-2021"]
    ev = build_evidence({**tables, "acts": acts})
    r = ev[ev.act_id == "law-89-2021"].iloc[0]
    assert (r.act_type, r.number, int(r.year)) == ("law", "89", 2021)


def test_no_citations_gives_an_empty_table(tables):
    ev = build_evidence({**tables, "citations": tables["citations"].iloc[0:0]})
    assert len(ev) == 0 and list(ev.columns) == schema.EVIDENCE.names


@pytest.mark.parametrize("text, start, end, want_prefix, want_suffix", [
    ("Закон № 4 регулирует.", 0, 9, "Закон", "регулирует."),
    ("слово " * 40 + "Закон № 4 " + "слово " * 40, 240, 249, "…", "…"),
    ("", 0, 0, "", ""),
])
def test_snippet(text, start, end, want_prefix, want_suffix):
    s = snippet(text, start, end, text[start:end])
    assert s.startswith(want_prefix) and s.endswith(want_suffix)
    assert text[start:end].strip() in s
    assert len(s) <= SNIPPET_MAX + 2


def test_summary_pivot_counts_distinct_acts(evidence):
    acts = summary_pivot(evidence, "acts")
    mentions = summary_pivot(evidence, "mentions")
    assert acts.loc[4, "law"] == 1           # one act, cited as strength, gap and none
    assert mentions.loc[4, "law"] == 4
    assert acts.loc[1, "total"] == 3          # law-6-2005, res-346-2000, law-89-2021
    assert (acts["total"] == acts.drop(columns="total").sum(axis=1)).all()
    assert list(acts.index) == [1, 2, 4, 5, 0]  # domains in order, "no domain" last


def test_xlsx_opens_with_a_summary_and_one_sheet_per_domain(tmp_path, tables):
    write_evidence(tmp_path, tables)
    wb = openpyxl.load_workbook(tmp_path / "evidence.xlsx", read_only=True)
    names = wb.sheetnames
    assert names[0] == "Summary"
    assert [n.split(".")[0] for n in names[1:] if n != "Sub-areas"] == ["1", "2", "3", "4", "5", "6", "0"]
    assert all(len(n) <= 31 for n in names)
    rows = list(wb[names[4]].iter_rows(values_only=True))  # domain 4
    header, body = rows[0], rows[1:]
    assert "act_id" in header and "pages" in header
    acts = [r[header.index("act_id")] for r in body]
    assert acts == ["law-4-2006"] * 3
    assert {r[header.index("assessment")] for r in body} == {"strength", "gap", "none"}
    assert body[0][header.index("document")] == "mgi-kyrgyzstan-2022-ru.pdf"
    summary = [r for r in wb["Summary"].iter_rows(values_only=True) if r and r[0]]
    assert any(str(r[0]).startswith("4.") for r in summary)
    assert (tmp_path / tt.doc_id() / "report.html").exists()


def test_document_without_citations_still_gets_a_workbook_and_a_page(tmp_path, tables):
    from pipeline.output.records import empty_frame

    write_evidence(tmp_path, {**tables, "citations": tables["citations"].iloc[0:0],
                              "evidence": empty_frame(schema.EVIDENCE)})
    wb = openpyxl.load_workbook(tmp_path / "evidence.xlsx", read_only=True)
    assert wb.sheetnames[0] == "Summary" and len(wb.sheetnames) == 7
    assert ("no citations",) in list(wb["Summary"].iter_rows(values_only=True))
    assert all(len(list(wb[n].iter_rows())) == 1 for n in wb.sheetnames[1:])  # header only
    assert (tmp_path / tt.doc_id() / "report.html").exists()


def _write_inputs(out, sqlite: bool = True):
    """The five input tables as `mgi run` leaves them (files, and the SQLite copy)."""
    from pipeline.output.store import export_extracted

    t = tt.tables()
    records.write_tables(out, t)
    if sqlite:
        export_extracted(out)
    return t


def test_rebuild_from_extracted_writes_every_format(tmp_path):
    t = _write_inputs(tmp_path)
    rebuild_from_extracted(tmp_path)
    want = records.to_frame(schema.EVIDENCE, build_evidence(t))
    for fmt in ("parquet", "csv", "jsonl"):
        got = records.read_table(tmp_path, "evidence", fmt)
        pd.testing.assert_frame_equal(got, want, check_dtype=False)
    with sqlite3.connect(tmp_path / "mgi.sqlite") as db:
        n = db.execute("select count(*) from evidence").fetchone()[0]
        m = db.execute("select count(*) from paragraphs").fetchone()[0]
    assert n == len(want) and m == len(t["paragraphs"])
    assert (tmp_path / "evidence.xlsx").exists()
    assert (tmp_path / tt.doc_id() / "report.html").stat().st_size > 50_000


def test_rebuild_is_idempotent(tmp_path):
    _write_inputs(tmp_path)
    rebuild_from_extracted(tmp_path)
    first = (tmp_path / "evidence.csv").read_bytes()
    rebuild_from_extracted(tmp_path)
    assert (tmp_path / "evidence.csv").read_bytes() == first
    with sqlite3.connect(tmp_path / "mgi.sqlite") as db:
        assert db.execute("select count(*) from evidence").fetchone()[0] == len(build_evidence(tt.tables()))


def test_cli_evidence_command(tmp_path):
    _write_inputs(tmp_path)
    res = CliRunner().invoke(app, ["evidence", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "evidence.parquet").exists() and (tmp_path / "evidence.xlsx").exists()


def test_rebuild_makes_no_database_when_the_run_made_none(tmp_path):
    _write_inputs(tmp_path, sqlite=False)
    rebuild_from_extracted(tmp_path)
    assert (tmp_path / "evidence.parquet").exists()
    assert not (tmp_path / "mgi.sqlite").exists()


def test_rebuild_without_records_fails_clearly(tmp_path):
    with pytest.raises(FileNotFoundError, match="mgi run"):
        rebuild_from_extracted(tmp_path)


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://example.invalid","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "Закон\x01 с управляющим символом\x1b",
])
def test_report_text_never_becomes_a_formula_in_the_workbook(tmp_path, tables, text):
    """Regression: a title starting with '=' reached evidence.xlsx as a live formula."""
    ev = build_evidence(tables).copy()
    ev["title"] = text
    docs = tables["documents"].copy()
    docs["file"] = text + ".pdf"
    write_evidence(tmp_path, {**tables, "evidence": ev, "documents": docs})
    wb = openpyxl.load_workbook(tmp_path / "evidence.xlsx")  # not read-only: cell types are exact
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    shown = text.replace("\x01", "\ufffd").replace("\x1b", "\ufffd")
    titles = [c for c in cells if c.value == shown]
    assert titles and all(c.data_type == "s" for c in titles)
    if text[0] in "=+-@\t\r":
        assert all(c.quotePrefix for c in titles)


def test_xlsx_has_a_domain_by_subarea_sheet(tmp_path, tables):
    ev = build_evidence(tables).copy()
    ev["sub_area"] = [f"{d}.test" if d else None for d in ev["domain"]]
    write_evidence(tmp_path, {**tables, "evidence": ev})
    wb = openpyxl.load_workbook(tmp_path / "evidence.xlsx", read_only=True)
    assert wb.sheetnames[-1] == "Sub-areas"
    rows = list(wb["Sub-areas"].iter_rows(values_only=True))
    assert rows[0] == ("domain", "sub_area", "acts", "mentions")
    assert {r[1] for r in rows[1:]} == {f"{d}.test" for d in set(ev["domain"]) if d}
    assert sum(r[3] for r in rows[1:]) == int(ev[ev["sub_area"].notna()]["mentions"].sum())


def test_no_subarea_sheet_without_subareas(tmp_path, tables):
    ev = build_evidence(tables).copy()
    ev["sub_area"] = None
    write_evidence(tmp_path, {**tables, "evidence": ev})
    assert "Sub-areas" not in openpyxl.load_workbook(tmp_path / "evidence.xlsx", read_only=True).sheetnames
