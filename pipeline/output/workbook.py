"""The evidence workbook (``evidence.xlsx``): one sheet of evidence rows and a pivot per
assessment, sheet names and cells made safe for Excel (no formula injection).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from pipeline.output import schema
from pipeline.output.evidence import domain_names
from pipeline.output.records import is_present as _present

#: Excel forbids these in sheet names, and caps names at 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
XLSX_NAME = "evidence.xlsx"


def summary_pivot(evidence: pd.DataFrame, value: str = "acts") -> pd.DataFrame:
    """Domains × act types: distinct acts (``value="acts"``) or mentions.

    An act cited both as a strength and as a gap in one domain counts once in
    ``acts`` (it is one act backing that domain).
    """
    if not len(evidence):
        return pd.DataFrame()
    ev = evidence.assign(act_type=evidence["act_type"].fillna("unknown"))
    if value == "acts":
        ev = ev.drop_duplicates(["doc_id", "domain", "act_id"]).assign(n=1)
    else:
        ev = ev.assign(n=ev["mentions"].astype(int))
    pivot = ev.pivot_table(index="domain", columns="act_type", values="n", aggfunc="sum", fill_value=0)
    pivot = pivot[sorted(pivot.columns, key=lambda c: (schema.ACT_TYPES + ("unknown",)).index(c)
                         if c in schema.ACT_TYPES + ("unknown",) else 99)]
    pivot = pivot.loc[sorted(pivot.index, key=lambda d: d or 99)]  # domains 1-6, then 0
    pivot["total"] = pivot.sum(axis=1)
    return pivot.astype(int)


#: The workbook sheet of acts per domain and sub-area.
SUBAREA_SHEET = "Sub-areas"
#: A text cell that starts with one of these is a formula (or becomes one when a
#: user edits it) in Excel and LibreOffice: report text must never run as one.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _cell_text(value):
    """A string openpyxl can store: characters XML 1.0 forbids become U+FFFD."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _sheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell storable (no control characters openpyxl refuses)."""
    out = df.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            out[col] = out[col].astype(object).map(_cell_text)
    return out


def _defuse_formulas(ws) -> None:
    """Store every cell as the text it is: nothing from a report becomes a formula.

    openpyxl turns any string starting with ``=`` into a formula; an act title such
    as ``=HYPERLINK(…)`` would then run when the workbook is opened. No cell of this
    workbook is meant to be a formula, so each is set back to a string, and text
    starting with another formula lead (``+ - @``, tab, CR) is marked quote-prefixed
    so that editing the cell keeps it text.
    """
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_LEADS):
                cell.quotePrefix = True


def write_xlsx(path: Path, evidence: pd.DataFrame, documents: pd.DataFrame | None = None,
               lang: str | None = None) -> Path:
    """``evidence.xlsx``: a summary sheet, then one sheet per domain (and one for domain 0)."""
    from openpyxl.utils import get_column_letter

    from pipeline.output.records import atomic_path

    names = domain_names(lang)
    files = {}
    if documents is not None and len(documents):
        files = {d: Path(str(f)).name for d, f in zip(documents["doc_id"], documents["file"])}
    readable = evidence.copy()
    readable.insert(0, "document", readable["doc_id"].map(lambda d: files.get(d, d)))
    readable = _sheet_safe(readable)
    for c in ("pages", "paragraph_ids"):
        readable[c] = readable[c].map(lambda v: ", ".join(str(x) for x in json.loads(v)) if _present(v) else "")
    with atomic_path(Path(path)) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            acts = summary_pivot(evidence, "acts")
            mentions = summary_pivot(evidence, "mentions")
            start = 0
            for title, pivot in (("Acts per domain and act type", acts),
                                 ("Mentions per domain and act type", mentions)):
                if not len(pivot):
                    pd.DataFrame({"": ["no citations"]}).to_excel(xw, sheet_name="Summary", index=False)
                    break
                pivot = pivot.copy()
                pivot.index = [f"{d}. {names.get(d, '')}" if d else "0. no domain" for d in pivot.index]
                pivot.index.name = title
                pivot.to_excel(xw, sheet_name="Summary", startrow=start)
                start += len(pivot) + 3
            sheets = ["Summary"]
            domains = sorted(set(evidence["domain"]) | set(range(1, 7)), key=lambda d: d or 99)
            for d in domains:
                part = readable[readable["domain"] == d].drop(columns=["doc_id", "domain"])
                name = _sheet_name(f"{d}. {names.get(d, '')}" if d else "0. no domain", sheets)
                sheets.append(name)
                part.to_excel(xw, sheet_name=name, index=False)
            if "sub_area" in evidence.columns and evidence["sub_area"].notna().any():
                # Domain × sub-area: how many acts back the findings of each sub-area.
                sub = evidence[evidence["sub_area"].notna()]
                grid = (sub.groupby(["domain", "sub_area"])
                        .agg(acts=("act_id", "nunique"), mentions=("mentions", "sum"))
                        .reset_index().sort_values(["domain", "sub_area"]))
                grid.to_excel(xw, sheet_name=SUBAREA_SHEET, index=False)
                sheets.append(SUBAREA_SHEET)
            for ws in xw.book.worksheets:
                _defuse_formulas(ws)
                ws.freeze_panes = "A2" if ws.title != "Summary" else None
                for i, column in enumerate(ws.columns, 1):
                    width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                    ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
                if ws.title != "Summary" and ws.max_row > 1:
                    ws.auto_filter.ref = ws.dimensions
    return Path(path)


def _main_language(docs: pd.DataFrame | None) -> str | None:
    if docs is None or not len(docs) or "language" not in docs:
        return None
    langs = docs["language"].dropna()
    return str(langs.mode().iloc[0]) if len(langs) else None


def _sheet_name(name: str, taken: list[str]) -> str:
    name = _SHEET_FORBIDDEN.sub(" ", name)[:SHEET_NAME_MAX].strip()
    base, n = name, 2
    while name in taken:
        suffix = f" ({n})"
        name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    return name
