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


#: Rows of a sheet formatted at a time. pandas formats a frame column by column and a
#: streamed (write-only) sheet is written row by row, so the cells of this many rows
#: are held at once instead of every cell of the workbook (tens of MB for a long report).
ROWS_PER_CHUNK = 1000
#: Column widths: the longest cell text plus a margin, within these bounds.
WIDTH_MIN, WIDTH_MAX, WIDTH_MARGIN = 8, 60, 2
#: The sheet that is neither frozen nor filtered.
SUMMARY_SHEET = "Summary"


def _defuse(cell) -> None:
    """Store a cell as the text it is: nothing from a report becomes a formula.

    openpyxl turns any string starting with ``=`` into a formula; an act title such
    as ``=HYPERLINK(…)`` would then run when the workbook is opened. No cell of this
    workbook is meant to be a formula, so each is set back to a string, and text
    starting with another formula lead (``+ - @``, tab, CR) is marked quote-prefixed
    so that editing the cell keeps it text.
    """
    if cell.data_type == "f":
        cell.data_type = "s"
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_LEADS):
        cell.quotePrefix = True


def _formatted_rows(df: pd.DataFrame, index: bool):
    """``df.to_excel(index=index)``'s cells (pandas' own formatting), one row at a time.

    Yields lists of :class:`pandas.io.formats.excel.ExcelCell` (None where a row has
    no cell); an empty list is a row without cells. The frame is formatted
    :data:`ROWS_PER_CHUNK` rows at a time, the header with the first chunk.
    """
    from pandas.io.formats.excel import ExcelFormatter

    for lo in range(0, max(len(df), 1), ROWS_PER_CHUNK):
        formatter = ExcelFormatter(df.iloc[lo:lo + ROWS_PER_CHUNK], header=lo == 0, index=index,
                                   merge_cells=True)
        grid: dict[int, dict[int, object]] = {}
        for cell in formatter.get_formatted_cells():
            if cell.mergestart is not None and cell.mergeend is not None:
                raise ValueError("merged cells cannot be streamed")  # only MultiIndex frames have them
            grid.setdefault(cell.row, {})[cell.col] = cell
        for r in range(max(grid) + 1 if grid else 0):
            row = grid.pop(r, {})
            yield [row.get(c) for c in range(max(row) + 1)] if row else []


class _SheetWriter:
    """Frames streamed into one write-only sheet, as ``to_excel`` would have laid them out.

    Column widths must be known before the first row is written (they precede the rows
    in the file), so each frame is formatted twice: once to measure, once to write.
    """

    def __init__(self, xw: pd.ExcelWriter, title: str):
        self.xw, self.title = xw, title
        self.ws = xw.book.create_sheet(title)
        self.frames: list[tuple[int, pd.DataFrame, bool]] = []
        self.rows = 0
        self._styles: dict[str, dict] = {}

    def add(self, df: pd.DataFrame, index: bool, startrow: int = 0) -> None:
        """Queue ``df`` at row ``startrow`` (0-based), as ``df.to_excel(startrow=startrow)``."""
        self.frames.append((startrow, df, index))

    def _value(self, cell) -> object:
        return self.xw._value_with_fmt(cell.val)[0]

    def _cell(self, cell):
        from openpyxl.cell import WriteOnlyCell

        value, number_format = self.xw._value_with_fmt(cell.val)
        out = WriteOnlyCell(self.ws, value=value)
        if number_format:
            out.number_format = number_format
        if cell.style:
            key = str(cell.style)
            if key not in self._styles:
                self._styles[key] = self.xw._convert_to_style_kwargs(cell.style)
            for attr, style in self._styles[key].items():
                setattr(out, attr, style)
        _defuse(out)
        return out

    def _widths(self) -> list[float]:
        longest: dict[int, int] = {}
        for _, df, index in self.frames:
            for row in _formatted_rows(df, index):
                for c, cell in enumerate(row):
                    value = None if cell is None else self._value(cell)
                    if value is not None:
                        longest[c] = max(longest.get(c, 0), len(str(value)))
                    elif cell is not None:
                        longest.setdefault(c, WIDTH_MIN)
        columns = max(longest) + 1 if longest else 0
        return [min(WIDTH_MAX, max(WIDTH_MIN, longest.get(c, WIDTH_MIN) + WIDTH_MARGIN)) for c in range(columns)]

    def write(self) -> None:
        """Measure, set the sheet's layout, then stream its rows."""
        from openpyxl.utils import get_column_letter

        widths = self._widths()
        for i, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        if self.title != SUMMARY_SHEET:
            self.ws.freeze_panes = "A2"
        for startrow, df, index in self.frames:
            while self.rows < startrow:
                self.ws.append([])
                self.rows += 1
            for row in _formatted_rows(df, index):
                self.ws.append([None if c is None else self._cell(c) for c in row])
                self.rows += 1
        if self.title != SUMMARY_SHEET and self.rows > 1 and widths:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{self.rows}"
        self.frames.clear()


def _readable(evidence: pd.DataFrame, files: dict) -> pd.DataFrame:
    """Evidence rows as a domain sheet shows them: file names, lists as text, cells storable."""
    readable = evidence.drop(columns=["domain"])
    readable.insert(0, "document", readable["doc_id"].map(lambda d: files.get(d, d)))
    readable = _sheet_safe(readable.drop(columns=["doc_id"]))
    for c in ("pages", "paragraph_ids"):
        readable[c] = readable[c].map(lambda v: ", ".join(str(x) for x in json.loads(v)) if _present(v) else "")
    return readable


def write_xlsx(path: Path, evidence: pd.DataFrame, documents: pd.DataFrame | None = None,
               lang: str | None = None) -> Path:
    """``evidence.xlsx``: a summary sheet, then one sheet per domain (and one for domain 0).

    Written in openpyxl's write-only mode, one sheet and a chunk of rows at a time: a
    workbook built in memory holds an object per cell, the largest allocation of a
    run on a long report.
    """
    from pipeline.output.records import atomic_path

    names = domain_names(lang)
    files = {}
    if documents is not None and len(documents):
        files = {d: Path(str(f)).name for d, f in zip(documents["doc_id"], documents["file"])}
    with atomic_path(Path(path)) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl", engine_kwargs={"write_only": True}) as xw:
            summary = _SheetWriter(xw, SUMMARY_SHEET)
            start = 0
            for title, value in (("Acts per domain and act type", "acts"),
                                 ("Mentions per domain and act type", "mentions")):
                pivot = summary_pivot(evidence, value)
                if not len(pivot):
                    summary.add(pd.DataFrame({"": ["no citations"]}), index=False)
                    break
                pivot.index = [f"{d}. {names.get(d, '')}" if d else "0. no domain" for d in pivot.index]
                pivot.index.name = title
                summary.add(pivot, index=True, startrow=start)
                start += len(pivot) + 3
            summary.write()
            sheets = [SUMMARY_SHEET]
            domains = sorted(set(evidence["domain"]) | set(range(1, 7)), key=lambda d: d or 99)
            for d in domains:
                name = _sheet_name(f"{d}. {names.get(d, '')}" if d else "0. no domain", sheets)
                sheets.append(name)
                sheet = _SheetWriter(xw, name)
                sheet.add(_readable(evidence[evidence["domain"] == d], files), index=False)
                sheet.write()
            if "sub_area" in evidence.columns and evidence["sub_area"].notna().any():
                # Domain × sub-area: how many acts back the findings of each sub-area.
                sub = evidence[evidence["sub_area"].notna()]
                grid = (sub.groupby(["domain", "sub_area"])
                        .agg(acts=("act_id", "nunique"), mentions=("mentions", "sum"))
                        .reset_index().sort_values(["domain", "sub_area"]))
                sheet = _SheetWriter(xw, SUBAREA_SHEET)
                sheet.add(grid, index=False)
                sheet.write()
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
