"""Per-document parts of the per-document tables, and the merged tables made of them.

Each document's rows of each table of :data:`~pipeline.output.schema.TABLES` are kept as
one *part* per format, in hive-style folders partitioned by ``doc_id``::

    parts/<table>.parquet/doc_id=<id>/part-0.parquet   (always: the store the merge reads)
    parts/<table>.csv/doc_id=<id>/part-0.csv           (when CSV is written; with its header)
    parts/<table>.jsonl/doc_id=<id>/part-0.jsonl       (when JSON Lines is written)

Every part is a complete file (``doc_id`` included), so DuckDB reads a table as
``read_parquet('parts/paragraphs.parquet/*/*.parquet', hive_partitioning = true)`` and
pyarrow as ``pyarrow.dataset.dataset('parts/paragraphs.parquet', format='parquet')``.

A run writes the parts of its own documents only (serialised by the worker that
processed the document: staged as files by a local worker, see :func:`stage_parts` and
:mod:`pipeline.output.staging`, or sent as bytes by a remote one, :func:`document_parts`);
the merged ``<table>.<format>`` files are the parts of every document in ``doc_id``
order, concatenated: Parquet as Arrow tables, CSV and JSON Lines as bytes streamed from
the part files (a CSV part's header dropped), so an unchanged document is never
serialised again, nor a merged file held in memory. The merged files are
byte-identical to what :func:`pipeline.output.records.write_tables` writes for the same rows.

``parts/_state.json`` records the size and modification time of the merged files and
parts the last run wrote. A merged file that differs (written by an older version, by
``mgi evidence``, edited, damaged) makes its table's parts untrusted: the table is read
from the merged files as before parts existed (another format when one is damaged) and
its parts are written again (this is also how an older folder is migrated). A part that
differs is serialised again from the rows.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.output.atomic import commit, fsync_all, temp_path, write_text_atomic
from pipeline.output.records import discard, empty_frame, iter_records, prepare_tables, read_path, to_frame
from pipeline.output.schema import FORMATS, TABLES, table_def

PARTS_DIR = "parts"
STATE_NAME = "_state.json"
#: Bump when the layout of the parts or of the state changes: older parts are then rebuilt.
STATE_FORMAT = 1
PART_STEM = "part-0"
#: Bytes copied at a time when a merged text file is assembled from its parts.
COPY_CHUNK = 1 << 20

#: A part as a worker hands it over: its bytes, or the file it was staged in.
PartData = bytes | Path


def part_path(out: Path, name: str, fmt: str, doc_id: str) -> Path:
    """Where document ``doc_id``'s part of table ``name`` in format ``fmt`` lives."""
    return Path(out) / PARTS_DIR / f"{name}.{fmt}" / f"doc_id={doc_id}" / f"{PART_STEM}.{fmt}"


def part_formats(formats: Sequence[str]) -> list[str]:
    """The formats parts are kept in: Parquet always, and the text formats being written."""
    return ["parquet", *(f for f in FORMATS if f in formats and f != "parquet")]


# --------------------------------------------------------------------------- serialising

@functools.lru_cache(maxsize=None)
def arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema (pandas metadata included) ``to_parquet`` gives table ``name``."""
    return pa.Table.from_pandas(empty_frame(table_def(name)), preserve_index=False).schema


def to_arrow(name: str, df: pd.DataFrame, coerce: bool = True) -> pa.Table:
    """A frame as an Arrow table, coerced to the schema first (``coerce=False``: it is a schema frame)."""
    return pa.Table.from_pandas(to_frame(name, df) if coerce else df, preserve_index=False)


def write_parquet(name: str, table: pa.Table, fh) -> None:
    """Write Parquet equal to ``to_parquet(index=False)`` of the same rows to a binary file."""
    pq.write_table(table.combine_chunks().replace_schema_metadata(arrow_schema(name).metadata), fh)


def parquet_bytes(name: str, table: pa.Table) -> bytes:
    """Parquet bytes equal to ``to_parquet(index=False)`` of the same rows."""
    buf = io.BytesIO()
    write_parquet(name, table, buf)
    return buf.getvalue()


def write_text(df: pd.DataFrame, fmt: str, fh) -> None:
    """Write CSV (with its header) or JSON Lines of a schema frame, as ``write_tables`` does, to a binary file."""
    if fmt == "csv":
        df.to_csv(fh, index=False, encoding="utf-8")  # streamed in chunks: the same bytes as to_csv()
    elif fmt == "jsonl":
        for rec in iter_records(df):
            fh.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
    else:
        raise ValueError(f"unknown format {fmt!r}")


def text_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """CSV (with its header) or JSON Lines bytes of a schema frame, as ``write_tables`` writes them."""
    buf = io.BytesIO()
    write_text(df, fmt, buf)
    return buf.getvalue()


def _write_format(name: str, df: pd.DataFrame, fmt: str, fh) -> None:
    """One format of a schema frame's part to a binary file."""
    if fmt == "parquet":
        write_parquet(name, to_arrow(name, df, coerce=False), fh)
    else:
        write_text(df, fmt, fh)


def frame_parts(name: str, df: pd.DataFrame, formats: Sequence[str], coerce: bool = True) -> dict[str, bytes]:
    """One document's part of table ``name`` in each format (``df`` holds its rows only;
    ``coerce=False``: it is already a schema frame, e.g. rows of merged tables)."""
    if coerce:
        df = to_frame(name, df)
    out = {}
    for fmt in part_formats(formats):
        buf = io.BytesIO()
        _write_format(name, df, fmt, buf)
        out[fmt] = buf.getvalue()
    return out


def document_parts(tables: dict[str, pd.DataFrame], formats: Sequence[str]) -> dict[str, dict[str, bytes]]:
    """One document's parts, ``{table: {format: bytes}}``, for its tables that hold rows.

    Called by the worker that processed the document, so the parent only writes bytes.
    """
    return {name: frame_parts(name, tables[name], formats) for name in TABLES
            if name in tables and len(tables[name])}


def stage_parts(tables: dict[str, pd.DataFrame], formats: Sequence[str], folder: Path,
                coerce: bool = True) -> dict[str, dict[str, Path]]:
    """One document's parts written to files in ``folder``: ``{table: {format: path}}``.

    :func:`document_parts` for a worker that shares the output's file system. One table
    is serialised at a time, straight to its file, and each frame is removed from
    ``tables`` once written (the caller's last reference goes with it), so the worker
    holds neither a document's serialised tables nor its frames once they are on disk.
    A path is returned only once its file is complete. ``coerce=False``: the frames are
    schema frames already.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staged: dict[str, dict[str, Path]] = {}
    for name in TABLES:
        df = tables.pop(name, None)
        if df is None or not len(df):
            continue
        if coerce:
            df = to_frame(name, df)
        staged[name] = {}
        for fmt in part_formats(formats):
            path = folder / f"{name}.{fmt}"
            with open(path, "wb") as fh:
                _write_format(name, df, fmt, fh)
            staged[name][fmt] = path
        del df
    return staged


def read_part_table(name: str, data: PartData) -> pa.Table:
    """A document's rows of ``name`` from its Parquet part (bytes or a staged file), with the schema's types."""
    source = pa.BufferReader(data) if isinstance(data, (bytes, bytearray, memoryview)) else str(data)
    return _usable(name, pq.read_table(source))


# --------------------------------------------------------------------------- state

def _state_path(out: Path) -> Path:
    return Path(out) / PARTS_DIR / STATE_NAME


def load_state(out: Path) -> dict[str, list[int]]:
    """``{relative path: [size, mtime_ns]}`` of what the last run with parts wrote (empty: none)."""
    with contextlib.suppress(OSError, ValueError, TypeError):
        state = json.loads(_state_path(out).read_text(encoding="utf-8"))
        if state.get("format") == STATE_FORMAT and isinstance(state.get("files"), dict):
            return state["files"]
    return {}


def _stat(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _rel(out: Path, path: Path) -> str:
    return path.relative_to(out).as_posix()


def _trusted(out: Path, name: str, state: dict) -> bool:
    """Whether the parts of ``name`` are those of its merged files (every merged file as last written)."""
    if not state or not (out / PARTS_DIR / f"{name}.parquet").is_dir():
        return False
    for fmt in FORMATS:
        path = out / f"{name}.{fmt}"
        st = _stat(path)
        if st is not None and state.get(path.name) != st:
            return False
    return True


# --------------------------------------------------------------------------- reading

@dataclass
class Earlier:
    """A table's rows of earlier runs, and which documents' parts must be written again."""

    table: pa.Table
    #: Documents whose parts are rewritten (None: every document's: the table is migrated).
    rewrite: set[str] | None


def _usable(name: str, table: pa.Table) -> pa.Table:
    """``table`` with the schema's types (a drifted schema goes through :func:`to_frame`)."""
    if table.schema.equals(arrow_schema(name), check_metadata=False):
        return table
    return to_arrow(name, table.to_pandas())


def _read_merged(out: Path, name: str, warnings: list[str]) -> pd.DataFrame | None:
    """Earlier merged rows of ``name``, another format when one is damaged (None: none readable)."""
    for fmt in FORMATS:
        path = out / f"{name}.{fmt}"
        if not path.exists():
            continue
        try:
            return read_path(path, name, fmt)
        except Exception as err:  # noqa: BLE001 - a damaged earlier output must not stop the batch
            warnings.append(f"could not read earlier {name}.{fmt} ({type(err).__name__}); trying another format")
    return None


def _read_parts(out: Path, name: str, warnings: list[str]) -> tuple[pa.Table, set[str]]:
    """Concatenate the Parquet parts of ``name`` in ``doc_id`` order; a damaged part falls back
    to the document's other parts. Returns the rows and the documents read from a fallback."""
    base = Path(out) / PARTS_DIR / f"{name}.parquet"
    tables, fallback = [], set()
    for folder in sorted(base.glob("doc_id=*")):
        doc_id = folder.name.split("=", 1)[1]
        try:
            tables.append(_usable(name, pq.read_table(folder / f"{PART_STEM}.parquet")))
            continue
        except Exception as err:  # noqa: BLE001
            warnings.append(f"could not read earlier part {name}.parquet of {doc_id} ({type(err).__name__}); "
                            "trying another format")
        fallback.add(doc_id)
        for fmt in ("jsonl", "csv"):
            with contextlib.suppress(Exception):
                tables.append(to_arrow(name, read_path(part_path(out, name, fmt, doc_id), name, fmt)))
                break
        else:
            warnings.append(f"no readable part of {name} for document {doc_id}: its rows are dropped")
    if not tables:
        return pa.Table.from_pandas(empty_frame(table_def(name)), preserve_index=False), fallback
    return pa.concat_tables(tables), fallback


def read_earlier(out: Path, warnings: list[str]) -> dict[str, Earlier]:
    """Every per-document table's earlier rows (sorted by ``doc_id``), from the parts when
    they can be trusted, else from the merged files (an older folder: migrated)."""
    out = Path(out)
    state = load_state(out)
    earlier = {}
    for name in TABLES:
        if _trusted(out, name, state):
            merged = out / f"{name}.parquet"
            if merged.exists():  # it is the concatenation of the parts: one read instead of one per document
                try:
                    earlier[name] = Earlier(_usable(name, pq.read_table(merged)), set())
                    continue
                except Exception as err:  # noqa: BLE001
                    warnings.append(f"could not read earlier {name}.parquet ({type(err).__name__}); "
                                    "reading its parts")
            earlier[name] = Earlier(*_read_parts(out, name, warnings))
            continue
        df = _read_merged(out, name, warnings)
        if df is None and (out / PARTS_DIR / f"{name}.parquet").is_dir():
            table, _ = _read_parts(out, name, warnings)
        else:
            table = to_arrow(name, df if df is not None else empty_frame(table_def(name)))
        earlier[name] = Earlier(table, None)
    return earlier


# --------------------------------------------------------------------------- merging

def merge(earlier: dict[str, Earlier], new: dict[str, pd.DataFrame | pa.Table],
          doc_ids: Sequence[str]) -> dict[str, pa.Table]:
    """The rows of ``doc_ids`` replaced by ``new`` (frames or Arrow tables; other documents
    kept), sorted by ``doc_id`` with each document's own row order:
    :func:`pipeline.output.records.merge_tables` in Arrow."""
    merged = {}
    for name in TABLES:
        old = earlier[name].table if name in earlier else to_arrow(name, empty_frame(table_def(name)))
        ids = pa.array(sorted(set(doc_ids)), type=old.schema.field("doc_id").type)
        parts = [old.filter(pc.invert(pc.is_in(old["doc_id"], value_set=ids)))]
        if name in new and len(new[name]):
            rows = new[name]
            parts.append(_usable(name, rows) if isinstance(rows, pa.Table) else to_arrow(name, rows))
        table = pa.concat_tables(parts) if len(parts) > 1 else parts[0]
        merged[name] = table.take(pc.sort_indices(table, sort_keys=[("doc_id", "ascending")]))
    return merged


def frames(merged: dict[str, pa.Table]) -> dict[str, pd.DataFrame]:
    """The merged tables as schema frames (for the corpus, the evidence workbook, the pages)."""
    return {name: table.to_pandas() for name, table in merged.items()}


def _spans(table: pa.Table) -> dict[str, tuple[int, int]]:
    """``{doc_id: (first row, end)}`` of a table sorted by ``doc_id``, in order."""
    spans: dict[str, tuple[int, int]] = {}
    start, prev = 0, None
    ids = table["doc_id"].to_pylist()
    for i, doc_id in enumerate(ids):
        if doc_id != prev:
            if prev is not None:
                spans[prev] = (start, i)
            start, prev = i, doc_id
    if prev is not None:
        spans[prev] = (start, len(ids))
    return spans


# --------------------------------------------------------------------------- writing

def _temp(final: Path, pending: list[tuple[Path, Path]]) -> Path:
    """A temporary sibling of ``final``, registered in ``pending`` before anything is written to it."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(final)
    pending.append((tmp, final))
    return tmp


def _stage(final: Path, data: PartData, pending: list[tuple[Path, Path]]) -> Path:
    """Put ``data`` (bytes, or a staged file, which is moved) in a temporary sibling of
    ``final``; returns that file (synced with the others before the commit, see fsync_all)."""
    tmp = _temp(final, pending)
    if isinstance(data, (bytes, bytearray, memoryview)):
        with open(tmp, "wb") as fh:
            fh.write(data)
        return tmp
    try:
        os.replace(data, tmp)  # the staging area is under the output folder: a rename
    except OSError:  # another file system after all (e.g. a mount under .cache)
        shutil.copyfile(data, tmp)
    return tmp


def _write_joined(dst: Path, head: bytes, sources: Sequence[Path], fmt: str) -> None:
    """Write ``head`` then each part file's rows (a CSV part's header skipped), streamed."""
    with open(dst, "wb") as out:
        out.write(head)
        for src in sources:
            with open(src, "rb") as fh:
                if fmt == "csv":
                    fh.readline()  # the part's header (column names hold no line break)
                shutil.copyfileobj(fh, out, COPY_CHUNK)


def write_merged(out: Path, merged: dict[str, pa.Table], earlier: dict[str, Earlier],
                 new_parts: dict[str, dict[str, dict[str, PartData]]], formats: Sequence[str],
                 extra: dict[str, pd.DataFrame] | None = None) -> list[Path]:
    """Write the parts of this run's documents (``new_parts``: ``{doc_id: {table: {format:
    bytes or staged file}}}``, a staged file is moved into place; a document of this run
    without a table's part loses it) and of migrated ones,
    the merged files of ``formats`` from the parts, and ``extra`` tables (the corpus) whole.

    All temporary files are written first; merged files are renamed into place before
    parts, and the state last, so a run killed in between leaves parts that the next run
    does not trust. Returns the merged paths written.
    """
    out = Path(out)
    state = load_state(out)
    kept: dict[str, list[int]] = {}
    pending_merged: list[tuple[Path, Path]] = []
    pending_parts: list[tuple[Path, Path]] = []
    removals: list[Path] = []
    keep_formats = part_formats(formats)
    try:
        for name in TABLES:
            _table_files(out, name, merged[name], earlier.get(name), new_parts, formats, keep_formats, state,
                         kept, pending_merged, pending_parts, removals)
        if extra:
            prepare_tables(out, extra, formats, pending_merged)
        fsync_all([tmp for tmp, _ in pending_parts])
        commit(pending_merged)
        commit(pending_parts)
    finally:
        discard(pending_merged)
        discard(pending_parts)
    for path in removals:
        with contextlib.suppress(OSError):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    files = dict(kept)
    for _, final in [*pending_merged, *pending_parts]:
        st = _stat(final)
        if st is not None and (final.parent != out or final.name.split(".", 1)[0] in TABLES):
            files[_rel(out, final)] = st
    write_text_atomic(_state_path(out), json.dumps({"format": STATE_FORMAT, "files": files}))
    return [final for _, final in pending_merged]


def _table_files(out: Path, name: str, table: pa.Table, earlier: Earlier | None,
                 new_parts: dict, formats: Sequence[str], keep_formats: list[str], state: dict,
                 kept: dict, pending_merged: list, pending_parts: list, removals: list) -> None:
    """Stage one table's parts and merged files (see :func:`write_merged`)."""
    spans = _spans(table)
    rewrite = set(spans) if earlier is None or earlier.rewrite is None else earlier.rewrite
    base = out / PARTS_DIR
    if earlier is None or earlier.rewrite is None:
        # Migrated: the parts are not trusted (nor will be before the state is written), so
        # they go now, lest one of a document no longer in the table survive.
        for folder in base.glob(f"{name}.*/doc_id=*"):
            shutil.rmtree(folder, ignore_errors=True)
    for doc_id in new_parts:
        if doc_id not in spans:  # this run's document has no rows here any more
            removals.extend(base.glob(f"{name}.*/doc_id={doc_id}"))
    frame = None
    # The files (temporary or kept parts) whose rows make each merged text file.
    bodies: dict[str, list[Path]] = {fmt: [] for fmt in keep_formats}
    for doc_id, (start, end) in spans.items():
        fresh = doc_id in new_parts or doc_id in rewrite
        given = new_parts.get(doc_id, {}).get(name, {})
        if fresh:  # parts of formats not kept would go stale
            removals.extend(part_path(out, name, fmt, doc_id) for fmt in FORMATS if fmt not in keep_formats)
        made = None
        for fmt in keep_formats:
            path = part_path(out, name, fmt, doc_id)
            data = given.get(fmt)
            if data is None and not fresh:
                rel = _rel(out, path)
                if state.get(rel) is not None and state.get(rel) == _stat(path):
                    kept[rel] = state[rel]
                    if fmt != "parquet" and fmt in formats:
                        bodies[fmt].append(path)
                    continue
            if data is None:
                if made is None:
                    if frame is None:
                        frame = table.to_pandas()
                    made = frame_parts(name, frame.iloc[start:end].reset_index(drop=True), formats, coerce=False)
                data = made[fmt]
            staged = _stage(path, data, pending_parts)
            if fmt != "parquet" and fmt in formats:
                bodies[fmt].append(staged)
    del frame
    for fmt in formats:
        tmp = _temp(out / f"{name}.{fmt}", pending_merged)
        if fmt == "parquet":
            with open(tmp, "wb") as fh:
                write_parquet(name, table, fh)
        else:
            _write_joined(tmp, text_bytes(empty_frame(table_def(name)), fmt), bodies[fmt], fmt)
