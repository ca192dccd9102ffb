"""Per-document parts: merged tables are their concatenation, a run writes its own documents' parts,
older folders are migrated, and untrusted or damaged parts fall back like the merged files do."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipeline import batch
from pipeline.batch import BatchOptions, run_batch
from pipeline.output import parts
from pipeline.output.records import empty_frame, read_table, read_tables, write_tables
from pipeline.output.schema import FORMATS, TABLES

PER_DOC = list(TABLES)


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory, sample_pdf, bad_dir) -> Path:
    """A real run: the sample report and a blank page (a document with a documents row only)."""
    out = tmp_path_factory.mktemp("parts") / "out"
    code = run_batch([sample_pdf, bad_dir / "blank.pdf"], BatchOptions(out=out, workers=1, progress=False))
    assert code in (batch.EXIT_OK, batch.EXIT_NOT_ALL_OK)
    return out


@pytest.fixture()
def out(sample_out, tmp_path) -> Path:
    dst = tmp_path / "out"
    shutil.copytree(sample_out, dst)
    return dst


def _ids(out: Path) -> list[str]:
    return sorted(read_table(out, "documents")["doc_id"])


def _sample_id(out: Path) -> str:
    """The sample report's id (the blank page has no paragraphs)."""
    return read_table(out, "paragraphs")["doc_id"].iloc[0]


def _copy_doc(tables: dict, doc_id: str, new_id: str) -> dict:
    """One document's rows under another id (as if another report said the same)."""
    return {name: df[df["doc_id"] == doc_id].assign(doc_id=new_id).reset_index(drop=True)
            for name, df in tables.items() if name in TABLES}


def _write_run(out: Path, docs: dict[str, dict], formats=FORMATS) -> list[str]:
    """What a batch does with its documents' tables: read earlier, merge, write. Returns warnings."""
    warnings: list[str] = []
    earlier = parts.read_earlier(out, warnings)
    new = {name: pd.concat([d[name] for d in docs.values()], ignore_index=True) if docs else
           empty_frame(TABLES[name]) for name in TABLES}
    merged = parts.merge(earlier, new, list(docs))
    new_parts = {doc_id: parts.document_parts(d, formats) for doc_id, d in docs.items()}
    parts.write_merged(out, merged, earlier, new_parts, formats)
    return warnings


def _part_stats(out: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(out).as_posix(): (os.stat(p).st_ino, os.stat(p).st_mtime_ns)
            for p in (out / parts.PARTS_DIR).rglob("part-0.*")}


# --------------------------------------------------------------------------- layout and equality

@pytest.mark.parametrize("name", PER_DOC)
@pytest.mark.parametrize("fmt", FORMATS)
def test_merged_table_is_the_concatenation_of_its_parts(sample_out, name, fmt):
    files = sorted((sample_out / parts.PARTS_DIR / f"{name}.{fmt}").glob(f"doc_id=*/part-0.{fmt}"))
    merged = (sample_out / f"{name}.{fmt}").read_bytes()
    assert {f.parent.name.split("=", 1)[1] for f in files} == set(read_table(sample_out, name)["doc_id"])
    if fmt == "parquet":
        joined = pa.concat_tables([pq.read_table(f) for f in files]) if files else pa.Table.from_pandas(
            read_table(sample_out, name), preserve_index=False)
        assert parts.parquet_bytes(name, joined) == merged
    elif fmt == "csv":
        header = merged.split(b"\n", 1)[0] + b"\n"
        assert all(f.read_bytes().startswith(header) for f in files)
        assert header + b"".join(f.read_bytes()[len(header):] for f in files) == merged
    else:
        assert b"".join(f.read_bytes() for f in files) == merged


@pytest.mark.parametrize("name", ["paragraphs", "citations", "documents"])
def test_parts_are_read_natively_with_hive_partitioning(sample_out, name):
    expected = read_table(sample_out, name)
    folder = sample_out / parts.PARTS_DIR / f"{name}.parquet"
    table = ds.dataset(folder, format="parquet").to_table()
    assert table.to_pandas().equals(expected)
    duckdb = pytest.importorskip("duckdb")
    rows = duckdb.sql(f"select count(*), count(distinct doc_id) from read_parquet('{folder}/*/*.parquet', "
                      "hive_partitioning = true)").fetchall()[0]
    assert rows == (len(expected), expected["doc_id"].nunique())


def test_merged_files_are_byte_identical_to_writing_the_merged_frames(sample_out, tmp_path):
    write_tables(tmp_path, read_tables(sample_out))
    for name in PER_DOC:
        for fmt in FORMATS:
            assert (tmp_path / f"{name}.{fmt}").read_bytes() == (sample_out / f"{name}.{fmt}").read_bytes(), (name, fmt)


# --------------------------------------------------------------------------- in proportion to what changed

def test_second_run_with_one_changed_document_rewrites_only_its_parts(out, bad_dir, monkeypatch):
    sample_id = _sample_id(out)
    blank_id = next(d for d in _ids(out) if d != sample_id)
    before = _part_stats(out)
    serialised: list[str] = []
    real = parts._write_format  # every part written, by the worker (staged files) or the parent (bytes)
    monkeypatch.setattr(parts, "_write_format",
                        lambda name, df, fmt, fh: serialised.extend(set(df["doc_id"])) or real(name, df, fmt, fh))
    monkeypatch.setattr(batch.stamp, "unchanged", lambda *a, **k: None)  # the blank page's rows are rebuilt
    code = run_batch([bad_dir / "blank.pdf"], BatchOptions(out=out, workers=1, progress=False, isolate=False))
    assert code in (batch.EXIT_OK, batch.EXIT_NOT_ALL_OK)
    after = _part_stats(out)
    assert set(after) == set(before)
    changed = {rel for rel in after if after[rel] != before[rel]}
    assert changed == {f"parts/documents.{fmt}/doc_id={blank_id}/part-0.{fmt}" for fmt in FORMATS}
    assert set(serialised) == {blank_id}  # the sample's rows were not serialised again
    assert _ids(out) == sorted([sample_id, blank_id])


def test_adding_a_document_keeps_every_earlier_part_and_merges_in_doc_id_order(out):
    tables, sample_id = read_tables(out), _sample_id(out)
    before = _part_stats(out)
    new_id = "0" * 16  # sorts first: the merged rows must start with it
    assert _write_run(out, {new_id: _copy_doc(tables, sample_id, new_id)}) == []
    after = _part_stats(out)
    assert all(after[rel] == before[rel] for rel in before)
    assert {rel for rel in after if rel not in before} == {
        f"parts/{name}.{fmt}/doc_id={new_id}/part-0.{fmt}" for name in PER_DOC for fmt in FORMATS
        if len(tables[name][tables[name]["doc_id"] == sample_id])}
    for name in PER_DOC:
        merged = read_table(out, name)
        assert list(merged["doc_id"]) == sorted(merged["doc_id"])
        assert merged["doc_id"].iloc[0] == new_id
        assert read_table(out, name, "csv").equals(merged) and read_table(out, name, "jsonl").equals(merged)


# --------------------------------------------------------------------------- migration and untrusted parts

def _make_old_folder(src: Path, dst: Path) -> None:
    """A folder as a version without parts left it: merged tables only."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(parts.PARTS_DIR))


def test_an_older_folder_without_parts_is_read_and_migrated(sample_out, tmp_path, bad_dir):
    old = tmp_path / "old"
    _make_old_folder(sample_out, old)
    assert not (old / parts.PARTS_DIR).exists()
    expected = read_tables(old)
    new_id = "f" * 16
    docs = {new_id: _copy_doc(expected, _sample_id(old), new_id)}
    assert _write_run(old, docs) == []
    for name in PER_DOC:
        want = pd.concat([expected[name], docs[new_id][name]], ignore_index=True)
        want = want.sort_values("doc_id", kind="stable").reset_index(drop=True)
        assert read_table(old, name).equals(read_table(tmp_path / "nowhere", name) if not len(want) else want)
        got = {p.parent.name.split("=")[1] for p in (old / parts.PARTS_DIR / f"{name}.csv").glob("*/part-0.csv")}
        assert got == set(want["doc_id"])
    # and the whole batch reads it too: an old folder plus one run
    old2 = tmp_path / "old2"
    _make_old_folder(sample_out, old2)
    assert run_batch([bad_dir / "empty.pdf"], BatchOptions(out=old2, workers=1, progress=False)) == batch.EXIT_FAILED
    assert len(read_table(old2, "documents")) == 3
    assert len(read_table(old2, "paragraphs")) == len(expected["paragraphs"])


def _rewrite_merged_without(out: Path, doc_id: str) -> None:
    """What an older version (or ``mgi evidence``) does: rewrite merged files, parts untouched."""
    tables = read_tables(out)
    write_tables(out, {n: df[df["doc_id"] != doc_id] for n, df in tables.items()})


def _damage_part(out: Path, doc_id: str) -> None:
    (out / parts.PARTS_DIR / "paragraphs.parquet" / f"doc_id={doc_id}" / "part-0.parquet").write_bytes(b"PAR1 no")


def _edit_text_part(out: Path, doc_id: str) -> None:
    path = out / parts.PARTS_DIR / "paragraphs.csv" / f"doc_id={doc_id}" / "part-0.csv"
    path.write_bytes(path.read_bytes() + b"garbage,row\n")


@pytest.mark.parametrize("spoil, formats, warning, paragraphs_of_sample", [
    # merged files rewritten by someone else: parts untrusted, the merged files win
    (_rewrite_merged_without, FORMATS, None, False),
    # a damaged Parquet part, no merged Parquet to read instead: the document's JSON Lines part
    (_damage_part, ("csv", "jsonl"), "paragraphs.parquet of", True),
    # a text part edited since written: serialised again from the rows
    (_edit_text_part, FORMATS, None, True),
])
def test_untrusted_or_damaged_parts_fall_back(out, spoil, formats, warning, paragraphs_of_sample):
    sample_id = _sample_id(out)
    expected = read_table(out, "paragraphs")
    if formats != FORMATS:  # a folder written without merged Parquet
        for name in PER_DOC:
            (out / f"{name}.parquet").unlink()
        assert _write_run(out, {}, formats) == []
    spoil(out, sample_id)
    tables = read_tables(out, "jsonl")
    new_id = "e" * 16
    warnings = _write_run(out, {new_id: _copy_doc(tables, _ids(out)[0], new_id)}, formats)
    assert (warning is None and warnings == []) or any(warning in w for w in warnings)
    got = read_table(out, "paragraphs", "csv")
    assert (sample_id in set(got["doc_id"])) is paragraphs_of_sample
    if paragraphs_of_sample:
        assert got[got["doc_id"] == sample_id].reset_index(drop=True).equals(expected)
    else:
        assert not (out / parts.PARTS_DIR / "paragraphs.parquet" / f"doc_id={sample_id}").exists()
    assert b"garbage" not in (out / "paragraphs.csv").read_bytes()
    # and the next run trusts what this one wrote
    again = _write_run(out, {})
    assert again == []


def test_a_run_whose_document_lost_its_rows_removes_their_parts(out):
    sample_id = _sample_id(out)
    tables = read_tables(out)
    docs = {sample_id: {n: (df[df["doc_id"] == sample_id] if n in ("documents", "sections") else df.iloc[0:0])
                        for n, df in tables.items() if n in TABLES}}
    _write_run(out, docs, ("parquet",))
    assert not list((out / parts.PARTS_DIR).glob(f"paragraphs.*/doc_id={sample_id}"))
    assert not (out / parts.PARTS_DIR / "sections.csv" / f"doc_id={sample_id}" / "part-0.csv").exists()
    assert (out / parts.PARTS_DIR / "sections.parquet" / f"doc_id={sample_id}" / "part-0.parquet").exists()
    assert not len(read_table(out, "paragraphs", "parquet"))
    # the CSV written next needs the sample's sections: serialised from its Parquet part
    _write_run(out, {}, FORMATS)
    assert read_table(out, "sections", "csv").equals(read_table(out, "sections", "parquet"))


def test_a_run_killed_between_merged_files_and_parts_leaves_parts_untrusted(out, monkeypatch):
    sample_id = _sample_id(out)
    tables = read_tables(out)
    calls = []
    real = parts.commit

    def die_on_parts(pairs):
        calls.append(len(pairs))
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(pairs)

    monkeypatch.setattr(parts, "commit", die_on_parts)
    new_id = hashlib.sha256(b"x").hexdigest()[:16]
    with pytest.raises(KeyboardInterrupt):
        _write_run(out, {new_id: _copy_doc(tables, sample_id, new_id)})
    monkeypatch.setattr(parts, "commit", real)
    assert not list((out / parts.PARTS_DIR).rglob(".*.tmp-*"))
    assert new_id in set(read_table(out, "paragraphs")["doc_id"])  # merged files were committed
    earlier = parts.read_earlier(out, [])
    assert all(e.rewrite is None for e in earlier.values())  # ... so parts are rebuilt from them
    assert _write_run(out, {}) == []
    assert {p.parent.name for p in (out / parts.PARTS_DIR / "paragraphs.jsonl").glob("*/part-0.jsonl")} == {
        f"doc_id={d}" for d in (sample_id, new_id)}


@pytest.mark.parametrize("n", [0, 1, 40])
def test_fsync_all_syncs_every_staged_file(tmp_path, n, monkeypatch):
    """Parts are synced together before the commit (one thread pool, not one fsync after another)."""
    import os as os_mod

    from pipeline.output import atomic

    paths = []
    for i in range(n):
        p = tmp_path / f"part-{i}"
        p.write_bytes(b"x" * 100)
        paths.append(p)
    synced: list[int] = []
    real = os_mod.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    atomic.fsync_all(paths)
    assert len(synced) == n


def test_fsync_all_missing_file_raises(tmp_path):
    """A staged file that vanished is an error, not silently skipped."""
    from pipeline.output.atomic import fsync_all

    (tmp_path / "a").write_bytes(b"a")
    with pytest.raises(FileNotFoundError):
        fsync_all([tmp_path / "a", tmp_path / "gone"])


@pytest.mark.parametrize("status", ["ok", "failed"])
def test_documents_table_equals_the_documents_of_result_tables(status):
    """The parent's documents rows, made without rebuilding every other table."""
    from pipeline.models import DocumentInfo, DocumentResult, Paragraph
    from pipeline.output.records import documents_table, result_tables

    info = DocumentInfo(doc_id="d" * 16, file="a.pdf", sha256="0" * 64, status=status, pages=3,
                        error=None if status == "ok" else "truncated PDF")
    paras = [Paragraph(doc_id=info.doc_id, paragraph_id="p1", seq=0, kind="paragraph", page=1, x0=0, top=0,
                       x1=10, bottom=10, text="Text.")]
    results = [DocumentResult(document=info, paragraphs=paras if status == "ok" else []),
               DocumentResult(document=DocumentInfo(doc_id="e" * 16, file="b.pdf", sha256="1" * 64))]
    got = documents_table(results)
    assert got.equals(result_tables(results)["documents"])
    assert list(got["doc_id"]) == ["d" * 16, "e" * 16]
