"""``mgi query``: DuckDB over the extracted Parquet tables, read in place.

Each table of :mod:`pipeline.output.schema` whose ``<out>/<table>.parquet`` exists becomes a
view of the same name (``documents``, ``sections``, ``paragraphs``, ``citations``,
``acts``, ``evidence``), so a query joins them by name and nothing is copied.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.output.schema import all_tables


class QueryError(Exception):
    """A query that cannot run; the message is one line a user can act on."""


def _one_line(err: BaseException) -> str:
    lines = [ln.strip() for ln in str(err).splitlines() if ln.strip()]
    return (lines[0] if lines else type(err).__name__)[:400]


def connect(out: Path):
    """An in-memory DuckDB connection with a view per extracted table in ``out``."""
    import duckdb

    out = Path(out)
    present = {name: out / f"{name}.parquet" for name in all_tables() if (out / f"{name}.parquet").is_file()}
    if not present:
        raise QueryError(f"no extracted tables in {out}/ (run `mgi run --out {out}` first)")
    con = duckdb.connect(":memory:")
    for name, path in present.items():
        literal = str(path.resolve()).replace("'", "''")
        con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet(\'{literal}\')')
    return con


def run_query(sql: str, out: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql``; returns ``(column names, rows)``.

    Raises:
        QueryError: no tables in ``out``, or the SQL failed (parse, binder or run-time error).
    """
    import duckdb

    con = connect(out)
    try:
        cur = con.execute(sql)
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
    except duckdb.Error as err:
        raise QueryError(_one_line(err)) from None
    finally:
        con.close()
