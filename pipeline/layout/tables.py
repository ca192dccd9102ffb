"""Ruled tables (legislation lists, annex tables) as rows of cells.

pdfplumber finds tables from ruling lines; its cells keep the typesetter's line
breaks and hyphens, which are undone here with the same rule as running text. A
table continued on the next page repeats its header row: the repeat is dropped so
that the rows read as one table.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.layout.page import TABLE_MIN_COLS, TABLE_MIN_ROWS, Block
from pipeline.layout.textjoin import join_lines, normalize_spaces

#: pdfplumber settings: ruling lines only, so that running text is never a table.
#: A ruled table needs at least this many drawn lines/rectangles on the page.
TABLE_MIN_EDGES = 6
#: A header row this similar (rapidfuzz ratio) to the previous page's repeats it.
HEADER_REPEAT_MATCH = 90.0
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _cell_text(cell: str | None, lang: str) -> str:
    if not cell:
        return ""
    return normalize_spaces(join_lines(cell.split("\n"), lang)[0])


@dataclass
class RawTable:
    """A table as found on one page: its box and rows of raw cell texts."""

    bbox: tuple[float, float, float, float]
    rows: list[tuple[tuple[float, float, float, float], list[str | None]]]


def find_tables(page) -> list[RawTable]:
    """Ruled tables of a page (first pass: geometry only, no language needed)."""
    edges = len(page.objects.get("line", ())) + len(page.objects.get("rect", ()))
    if edges < TABLE_MIN_EDGES:
        return []  # no ruling, no table: skip pdfplumber's costly edge analysis
    try:
        tables = page.find_tables(TABLE_SETTINGS)
    except Exception:  # noqa: BLE001 - malformed drawing operators
        return []
    out = []
    for t in tables:
        data = t.extract()
        if len(data) < TABLE_MIN_ROWS or max((len(r) for r in data), default=0) < TABLE_MIN_COLS:
            continue
        out.append(RawTable(tuple(t.bbox), [(tuple(r.bbox), cells) for r, cells in zip(t.rows, data)]))
    return out


def _same_header(previous: list[str] | None, header: list[str]) -> bool:
    """Whether ``header`` repeats the previous page's header row.

    Text layers repeat it exactly; OCR may read one character differently on each
    page ("(НПА)" / "{НПА)"), so near-identical headers (same cell count, rapidfuzz
    ratio at least :data:`HEADER_REPEAT_MATCH`) count as a repeat too.
    """
    if previous is None or len(previous) != len(header):
        return False
    if previous == header:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(" | ".join(previous), " | ".join(header)) >= HEADER_REPEAT_MATCH


def table_blocks(raw: list[RawTable], page_no: int, lang: str, state: dict) -> list[Block]:
    """Table-row blocks of one page, pages taken in order.

    Args:
        raw: The page's tables from :func:`find_tables`.
        page_no: 1-based page number.
        lang: Report language (for hyphenation inside cells).
        state: Carried across pages: the last table's header and id, so that a
            continued table keeps its id and loses its repeated header.
    """
    rows_out: list[Block] = []
    for t in raw:
        cleaned = [[_cell_text(c, lang) for c in cells] for _, cells in t.rows]
        boxes = [box for box, _ in t.rows]
        header = cleaned[0]
        if _same_header(state.get("header"), header) and state.get("last_page") in (page_no - 1, page_no):
            table_id = state["table_id"]
            cleaned, boxes = cleaned[1:], boxes[1:]
        else:
            state["count"] = state.get("count", 0) + 1
            table_id = f"t{state['count']}"
            state["header"] = header
        state["table_id"] = table_id
        state["last_page"] = page_no
        for cells, (x0, top, x1, bottom) in zip(cleaned, boxes):
            if not any(cells):
                continue
            rows_out.append(
                Block(
                    kind="table_row",
                    page=page_no,
                    x0=x0,
                    top=top,
                    x1=x1,
                    bottom=bottom,
                    text=" | ".join(c for c in cells if c),
                    size=0.0,
                    cells=cells,
                    table_id=table_id,
                )
            )
    return rows_out


def inside(line, box, margin: float = 1.0) -> bool:
    """Whether a line's centre lies inside a bounding box."""
    cx = (line.x0 + line.x1) / 2
    cy = (line.top + line.bottom) / 2
    x0, top, x1, bottom = box
    return x0 - margin <= cx <= x1 + margin and top - margin <= cy <= bottom + margin
