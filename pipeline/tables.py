"""Ruled tables (legislation lists, annex tables) as rows of cells.

pdfplumber finds tables from ruling lines; its cells keep the typesetter's line
breaks and hyphens, which are undone here with the same rule as running text. A
table continued on the next page repeats its header row: the repeat is dropped so
that the rows read as one table.
"""

from __future__ import annotations

from pipeline.layout_page import TABLE_MIN_COLS, TABLE_MIN_ROWS, Block
from pipeline.textjoin import join_lines, normalize_spaces

#: pdfplumber settings: ruling lines only, so that running text is never a table.
#: A ruled table needs at least this many drawn lines/rectangles on the page.
TABLE_MIN_EDGES = 6
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _cell_text(cell: str | None, lang: str) -> str:
    if not cell:
        return ""
    return normalize_spaces(join_lines(cell.split("\n"), lang)[0])


def page_tables(page, page_no: int, lang: str, state: dict) -> tuple[list[Block], list[tuple]]:
    """Table-row blocks of a page and the tables' bounding boxes.

    Args:
        page: pdfplumber page.
        page_no: 1-based page number.
        lang: Report language (for hyphenation).
        state: Carried across pages: the last table's header and id, so that a
            continued table keeps its id and loses its repeated header.
    """
    edges = len(page.objects.get("line", ())) + len(page.objects.get("rect", ()))
    if edges < TABLE_MIN_EDGES:
        return [], []  # no ruling, no table: skip pdfplumber's costly edge analysis
    try:
        tables = page.find_tables(TABLE_SETTINGS)
    except Exception:  # noqa: BLE001 - malformed drawing operators
        return [], []
    rows_out: list[Block] = []
    boxes = []
    for t in tables:
        rows = t.rows
        data = t.extract()
        if len(data) < TABLE_MIN_ROWS or max((len(r) for r in data), default=0) < TABLE_MIN_COLS:
            continue
        boxes.append(t.bbox)
        cleaned = [[_cell_text(c, lang) for c in row] for row in data]
        header = cleaned[0]
        if state.get("header") == header and state.get("last_page") in (page_no - 1, page_no):
            table_id = state["table_id"]
            cleaned, rows = cleaned[1:], rows[1:]
        else:
            state["count"] = state.get("count", 0) + 1
            table_id = f"t{state['count']}"
            state["header"] = header
        state["table_id"] = table_id
        state["last_page"] = page_no
        for cells, row in zip(cleaned, rows):
            if not any(cells):
                continue
            x0, top, x1, bottom = row.bbox
            filled = [c for c in cells if c]
            rows_out.append(
                Block(
                    kind="table_row",
                    page=page_no,
                    x0=x0,
                    top=top,
                    x1=x1,
                    bottom=bottom,
                    text=" | ".join(filled),
                    size=0.0,
                    cells=cells,
                    table_id=table_id,
                )
            )
    return rows_out, boxes


def inside(line, box, margin: float = 1.0) -> bool:
    """Whether a line's centre lies inside a bounding box."""
    cx = (line.x0 + line.x1) / 2
    cy = (line.top + line.bottom) / 2
    x0, top, x1, bottom = box
    return x0 - margin <= cx <= x1 + margin and top - margin <= cy <= bottom + margin
