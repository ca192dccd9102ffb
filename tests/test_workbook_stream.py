"""The evidence workbook is streamed (openpyxl write-only mode, a chunk of rows at a time) yet
holds what the workbook built in memory held: cells, types, styles, widths, panes, filters."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import truth_tables as tt
from pipeline.output import workbook
from pipeline.output.evidence import build_evidence, domain_names
from pipeline.output.records import is_present


def _in_memory(path: Path, evidence: pd.DataFrame, documents: pd.DataFrame, lang: str | None) -> None:
    """The workbook as it was written before streaming: every cell in memory, then laid out."""
    from openpyxl.utils import get_column_letter

    names = domain_names(lang)
    files = {d: Path(str(f)).name for d, f in zip(documents["doc_id"], documents["file"])}
    readable = evidence.copy()
    readable.insert(0, "document", readable["doc_id"].map(lambda d: files.get(d, d)))
    readable = workbook._sheet_safe(readable)
    for c in ("pages", "paragraph_ids"):
        readable[c] = readable[c].map(lambda v: ", ".join(str(x) for x in json.loads(v)) if is_present(v) else "")
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        start = 0
        for title, value in (("Acts per domain and act type", "acts"), ("Mentions per domain and act type", "mentions")):
            pivot = workbook.summary_pivot(evidence, value)
            pivot.index = [f"{d}. {names.get(d, '')}" if d else "0. no domain" for d in pivot.index]
            pivot.index.name = title
            pivot.to_excel(xw, sheet_name="Summary", startrow=start)
            start += len(pivot) + 3
        sheets = ["Summary"]
        for d in sorted(set(evidence["domain"]) | set(range(1, 7)), key=lambda d: d or 99):
            name = workbook._sheet_name(f"{d}. {names.get(d, '')}" if d else "0. no domain", sheets)
            sheets.append(name)
            readable[readable["domain"] == d].drop(columns=["doc_id", "domain"]).to_excel(xw, sheet_name=name, index=False)
        sub = evidence[evidence["sub_area"].notna()]
        if len(sub):
            (sub.groupby(["domain", "sub_area"]).agg(acts=("act_id", "nunique"), mentions=("mentions", "sum"))
             .reset_index().sort_values(["domain", "sub_area"])
             .to_excel(xw, sheet_name=workbook.SUBAREA_SHEET, index=False))
        for ws in xw.book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        cell.data_type = "s"
                    if isinstance(cell.value, str) and cell.value.startswith(workbook.FORMULA_LEADS):
                        cell.quotePrefix = True
            ws.freeze_panes = "A2" if ws.title != "Summary" else None
            for i, column in enumerate(ws.columns, 1):
                width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
            if ws.title != "Summary" and ws.max_row > 1:
                ws.auto_filter.ref = ws.dimensions


def _cells(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = {
            "layout": (ws.dimensions, ws.freeze_panes, ws.auto_filter.ref,
                       {k: v.width for k, v in ws.column_dimensions.items()}),
            "cells": [(c.coordinate, c.value, c.data_type, c.quotePrefix, c.number_format,
                       repr(c.font), repr(c.border), repr(c.alignment))
                      for row in ws.iter_rows() for c in row],
        }
    return out


@pytest.mark.parametrize("chunk", [2, workbook.ROWS_PER_CHUNK])
def test_streamed_workbook_equals_the_one_built_in_memory(tmp_path, monkeypatch, chunk):
    tables = tt.tables()
    one = build_evidence(tables)
    one.loc[one.index[:3], "title"] = ["=1+1", "-2", "\tx"]  # defused the same way
    # Three documents saying the same: sheets of several chunks, rows of several files.
    ids = [f"{i:016x}" for i in range(3)]
    evidence = pd.concat([one.assign(doc_id=d) for d in ids], ignore_index=True)
    docs = pd.concat([tables["documents"].assign(doc_id=d, file=f"report-{d}.pdf") for d in ids], ignore_index=True)
    assert evidence["domain"].value_counts().max() > 2 * chunk or chunk == workbook.ROWS_PER_CHUNK
    monkeypatch.setattr(workbook, "ROWS_PER_CHUNK", chunk)
    workbook.write_xlsx(tmp_path / "streamed.xlsx", evidence, docs, "ru")
    _in_memory(tmp_path / "in_memory.xlsx", evidence, docs, "ru")
    assert _cells(tmp_path / "streamed.xlsx") == _cells(tmp_path / "in_memory.xlsx")
