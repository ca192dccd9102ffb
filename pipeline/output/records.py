"""Tables from extracted objects, and crash-safe writers (Parquet, CSV, JSON Lines).

Every table's columns and types come from :mod:`pipeline.output.schema`, so the three
file formats, the database and the Frictionless data package cannot drift apart.
Frames use pandas' nullable dtypes (``Int64``, ``Float64``, ``boolean``,
``string``) so that a missing page number stays missing instead of turning every
integer column into floats ("3.0" in CSV breaks integer validation).

Writes are atomic: each file is written to a temporary sibling, flushed to disk
and moved over the old file with :func:`os.replace`, so a run interrupted by
Ctrl-C or ``kill -9`` leaves either the old or the new file, never half of one.
:func:`write_tables` writes every temporary file first and renames them in one
quick burst at the end, which keeps the window in which files of two runs mix to
a few microseconds.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline import ARROW_POOL_VARIABLE
from pipeline.models import DocumentResult
from pipeline.output.atomic import (  # noqa: F401 - re-exported
    TMP_MARKER, atomic_path, commit, sweep_temp_files, temp_path, write_text_atomic)
from pipeline.output.schema import FORMATS, TABLES, Column, Table, table_def
PANDAS_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "string"}


def use_system_allocator() -> None:
    """Have Arrow allocate with the C library's allocator instead of its default (mimalloc).

    The tables' text columns are Arrow arrays (pandas' ``string`` dtype), and so are
    the Parquet files read and written. mimalloc commits its arenas eagerly and keeps
    what is freed: reading a 500-page report's parts (5 MB of rows) grew the batch's
    parent by 56 MB, building its tables grew the worker by tens of MB, and each Parquet
    part of a large table written kept 6–8 MB more (issue #14, peak memory). The system allocator grows by
    what is used and returns what is freed; the tables are small enough that its speed
    does not show.

    Two settings: pyarrow's pool, set here (called when this module is imported,
    before any table is built), and the C++ library's default pool, which the Parquet
    writer uses regardless and which :mod:`pipeline` chooses through
    ``ARROW_DEFAULT_MEMORY_POOL`` before pyarrow is imported. A pool the user chose
    through that variable is left alone.
    """
    if os.environ.get(ARROW_POOL_VARIABLE, "system") != "system":
        return
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


use_system_allocator()


def is_present(value: Any) -> bool:
    """Whether a cell holds a value (not None, NA or NaN); lists count as present."""
    if value is None or value is pd.NA:
        return False
    try:
        return not pd.isna(value)
    except (TypeError, ValueError):
        return True


#: Code points no writer may be handed: lone surrogates (Parquet, CSV and JSON
#: writers raise UnicodeEncodeError on them, which once failed a whole batch) and
#: NUL (PostgreSQL text refuses it). Each is replaced one-for-one by U+FFFD, so
#: character offsets into the text stay valid.
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def safe_text(value: Any) -> Any:
    """``value`` with unwritable code points replaced one-for-one (non-strings pass)."""
    if isinstance(value, str) and _UNWRITABLE.search(value):
        return _UNWRITABLE.sub(REPLACEMENT, value)
    return value


def _dtype(col: Column) -> str:
    return "string" if col.json else PANDAS_DTYPES.get(col.type, "string")


def _json_text(value: Any) -> str | None:
    """Serialise a list/dict column value as JSON text (already-serialised text passes through)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def empty_frame(table: Table) -> pd.DataFrame:
    """An empty frame with the table's columns and dtypes."""
    return pd.DataFrame({c.name: pd.Series([], dtype=_dtype(c)) for c in table.columns})


def to_frame(table: Table | str, rows: Iterable[dict] | pd.DataFrame) -> pd.DataFrame:
    """Build a frame holding exactly the table's columns, in order, with schema dtypes.

    Args:
        table: A :class:`pipeline.output.schema.Table` or its name.
        rows: Dicts (extra keys are dropped, missing ones become null) or a frame.

    Returns:
        A frame whose JSON columns hold JSON text.
    """
    table = table_def(table) if isinstance(table, str) else table
    if isinstance(rows, pd.DataFrame):
        df = rows.reindex(columns=table.names)
    else:
        records = rows if isinstance(rows, list) else list(rows)
        if not records:
            return empty_frame(table)
        # ``columns`` picks the schema's keys of each dict (others are ignored, missing
        # ones are null): no copy of every row is made to drop the extra keys.
        df = pd.DataFrame.from_records(records, columns=table.names)
        del records
    out = {}
    for col in table.columns:
        s = df[col.name]
        if col.json:
            s = s.astype(object).map(_json_text).map(safe_text)
        elif _dtype(col) == "string":
            s = s.astype(object).map(safe_text)
        elif col.type == "boolean":
            s = s.astype(object).map(lambda v: None if v is None or v is pd.NA
                                     or (isinstance(v, float) and math.isnan(v)) else bool(v))
        out[col.name] = pd.Series(s.tolist(), dtype=_dtype(col), index=df.index)
    return pd.DataFrame(out).reset_index(drop=True)


def result_tables(results: Sequence[DocumentResult]) -> dict[str, pd.DataFrame]:
    """Turn documents' results into the schema's tables (evidence stays empty: it spans documents)."""
    records = {
        "sections": lambda res: ({n: getattr(s, n, None) for n in TABLES["sections"].names} for s in res.sections),
        "paragraphs": lambda res: (p.as_record() for p in res.paragraphs),
        "citations": lambda res: res.citations,
        "acts": lambda res: res.acts,
    }
    tables = {}
    for name, table in TABLES.items():
        if name == "documents":
            tables[name] = documents_table(results)
            continue
        # One table's rows at a time (a 500-page report's paragraphs as dicts are tens of MB).
        rows = [row for res in results for row in records[name](res)] if name in records else []
        tables[name] = to_frame(table, rows)
        del rows
    return tables


def documents_table(results: Sequence[DocumentResult]) -> pd.DataFrame:
    """The ``documents`` table of ``results`` alone: :func:`result_tables` without
    building every document's paragraphs, sections and citations again (the batch's
    parent re-makes this row after setting file names and statuses)."""
    names = TABLES["documents"].names
    return to_frame(TABLES["documents"], [{n: getattr(r.document, n, None) for n in names} for r in results])


def merge_tables(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame],
                 doc_ids: Iterable[str]) -> dict[str, pd.DataFrame]:
    """Replace the rows of ``doc_ids`` in ``old`` by ``new`` (other documents are kept).

    This is what makes re-runs idempotent: a document's rows are swapped as a
    whole, never appended, so running a batch twice holds one copy of each record,
    and a batch over a new folder adds to earlier results instead of erasing them.
    """
    ids = set(doc_ids)
    merged = {}
    for name, table in TABLES.items():
        parts = []
        if name in old and len(old[name]):
            o = to_frame(table, old[name])
            parts.append(o[~o["doc_id"].isin(ids)])
        if name in new and len(new[name]):
            parts.append(to_frame(table, new[name]))
        parts = [p for p in parts if len(p)]
        if not parts:
            merged[name] = empty_frame(table)
            continue
        df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        # Stable sort by document keeps each document's own row order (reading order).
        merged[name] = df.sort_values("doc_id", kind="stable").reset_index(drop=True)
    return merged


# --------------------------------------------------------------------------- writing

def _py(value: Any) -> Any:
    """A JSON-safe Python value from a pandas scalar (NA → None, numpy → builtin)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def frame_records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts with builtin types (for JSON Lines and the database)."""
    return list(iter_records(df))


def iter_records(df: pd.DataFrame) -> Iterator[dict]:
    """:func:`frame_records` one row at a time (a file is written without every row's dict at once)."""
    cols = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        yield {c: _py(v) for c, v in zip(cols, row)}


def _write_format(df: pd.DataFrame, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        df.to_parquet(path, index=False)
    elif fmt == "csv":
        df.to_csv(path, index=False, encoding="utf-8")
    elif fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as fh:
            for rec in frame_records(df):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def write_tables(out: Path, tables: dict[str, pd.DataFrame],
                 formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write tables as ``out/<table>.<format>``, all-or-nothing per file.

    Args:
        out: Output folder (created).
        tables: Frames by table name (each is coerced to its schema).
        formats: Any of ``parquet``, ``csv``, ``jsonl``.

    Returns:
        The paths written.
    """
    pending: list[tuple[Path, Path]] = []
    try:
        prepare_tables(out, tables, formats, pending)
        commit(pending)
    finally:
        discard(pending)
    return [final for _, final in pending]


def prepare_tables(out: Path, tables: dict[str, pd.DataFrame], formats: Sequence[str],
                   pending: list[tuple[Path, Path]]) -> None:
    """Write each table's temporary files, appending ``(temporary, final)`` pairs to ``pending``
    (appended before writing, so a failure leaves nothing :func:`discard` misses)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        table = table_def(name)
        df = to_frame(table, df)
        for fmt in formats:
            final = out / f"{name}.{fmt}"
            tmp = temp_path(final)
            pending.append((tmp, final))
            _write_format(df, tmp, fmt)


def discard(pending: Sequence[tuple[Path, Path]]) -> None:
    """Remove the temporary files of ``pending`` that were not committed."""
    for tmp, _ in pending:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


# --------------------------------------------------------------------------- reading

def read_table(out: Path, name: str, fmt: str | None = None) -> pd.DataFrame:
    """Read one table back with schema dtypes (Parquet first, then JSON Lines, then CSV).

    Returns an empty frame when no file exists.
    """
    out = Path(out)
    for f in ([fmt] if fmt else FORMATS):
        path = out / f"{name}.{f}"
        if path.exists():
            return read_path(path, name, f)
    return empty_frame(table_def(name))


def read_path(path: Path, name: str, fmt: str) -> pd.DataFrame:
    """Read one file of table ``name`` in format ``fmt`` (a merged table or one document's part)."""
    table = table_def(name)
    if fmt == "parquet":
        df = pd.read_parquet(path)
    elif fmt == "jsonl":
        with open(path, encoding="utf-8") as fh:
            df = pd.DataFrame.from_records([json.loads(line) for line in fh if line.strip()],
                                           columns=table.names)
    else:
        df = pd.read_csv(path, dtype={c.name: _dtype(c) for c in table.columns},
                         keep_default_na=False, na_values=[""], encoding="utf-8")
    return to_frame(table, df)


def read_tables(out: Path, fmt: str | None = None) -> dict[str, pd.DataFrame]:
    """Read every schema table from ``out``."""
    return {name: read_table(out, name, fmt) for name in TABLES}
