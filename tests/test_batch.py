"""Batches: isolation of bad files, duplicates, identical records, re-runs, PostgreSQL, kill -9."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline import batch
from pipeline.batch import BatchOptions, limits, options, run_batch
from pipeline.batch.manifest import _exit_code
from pipeline.batch.inputs import collect_inputs
from pipeline.layout.ocr import tesseract_available
from pipeline.output.datapackage import validate_outputs
from pipeline.output.records import read_tables
from pipeline.output.schema import TABLES

REPO = Path(__file__).resolve().parents[1]
HAVE_OCR = tesseract_available("rus+eng")
#: The kill test runs on the sample's first pages: enough work to be killed mid-way.
KILL_TEST_PAGES = 12

# file name → (status, words in the reason). image-only: OCR when Tesseract is installed.
EXPECTED = {
    "mgi-kyrgyzstan-2022-ru.pdf": ("ok", []),
    "renamed-copy.pdf": ("ok", []),
    "blank.pdf": ("ok", ["no text"]),
    "empty.pdf": ("failed", ["empty"]),
    "not-a-pdf.pdf": ("failed", ["not a pdf"]),
    "truncated.pdf": ("failed", ["truncated"]),
    "encrypted.pdf": ("failed", ["encrypted", "password"]),
    "image-only.pdf": ("ok", ["ocr"]) if HAVE_OCR else ("needs_ocr", ["no text layer"]),
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, sample_pdf, bad_dir):
    d = tmp_path_factory.mktemp("inputs")
    copy = d / "renamed-copy.pdf"
    shutil.copyfile(sample_pdf, copy)
    return [sample_pdf, copy, bad_dir]


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory, inputs):
    out = tmp_path_factory.mktemp("batch") / "extracted"
    code = run_batch(inputs, BatchOptions(out=out, workers=2, progress=False))
    return out, code


@pytest.fixture(scope="module")
def single_run(sample_run):
    """The sample alone with one worker: the session's run (conftest.sample_run), read only."""
    return sample_run.out, sample_run.code


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


def by_name(out: Path) -> dict[str, dict]:
    return {Path(f["file"]).name: f for f in manifest(out)["files"]}


def doc_rows(tables: dict, doc_id: str) -> dict[str, pd.DataFrame]:
    return {n: tables[n][tables[n].doc_id == doc_id].reset_index(drop=True) for n in TABLES}


def test_batch_exit_status_says_some_failed(batch_run):
    out, code = batch_run
    assert code == batch.EXIT_FAILED
    assert manifest(out)["exit_code"] == code


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_file_gets_its_documented_status(batch_run, name):
    out, _ = batch_run
    entry = by_name(out)[name]
    status, words = EXPECTED[name]
    assert entry["status"] == status, entry
    reason = (entry["reason"] or "").lower()
    assert all(w in reason for w in words), entry
    assert "traceback" not in reason and "\n" not in reason
    docs = read_tables(out)["documents"].set_index("doc_id")
    assert docs.loc[entry["doc_id"], "status"] == status  # documents table agrees


def test_renamed_copy_is_listed_but_recorded_once(batch_run, sample_pdf):
    out, _ = batch_run
    files = by_name(out)
    copy, orig = files["renamed-copy.pdf"], files[sample_pdf.name]
    assert copy["doc_id"] == orig["doc_id"]
    assert copy["duplicate_of"] == orig["file"] and orig["duplicate_of"] is None
    docs = read_tables(out)["documents"]
    assert docs.doc_id.is_unique
    assert len(docs) == len({f["doc_id"] for f in files.values()})


def test_sample_records_identical_to_single_file_run(batch_run, single_run):
    (out, _), (single, code) = batch_run, single_run
    assert code == batch.EXIT_OK
    doc_id = manifest(single)["files"][0]["doc_id"]
    a, b = doc_rows(read_tables(out), doc_id), doc_rows(read_tables(single), doc_id)
    assert len(a["paragraphs"]) > 100
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_outputs_are_schema_valid(batch_run, single_run):
    for out, _ in (batch_run, single_run):
        assert validate_outputs(out) == []


@pytest.mark.skipif(not HAVE_OCR and not os.environ.get("CI"), reason="Tesseract not installed")
def test_image_only_yields_ocr_paragraphs(batch_run):
    out, _ = batch_run
    entry = by_name(out)["image-only.pdf"]
    assert entry["ocr_pages"] == [1, 2, 3]
    p = read_tables(out)["paragraphs"]
    p = p[(p.doc_id == entry["doc_id"]) & (p.kind != "furniture")]
    assert len(p) >= 10
    # confidence is per block (its lines' words): mostly high, low where the scan is poor
    assert p.ocr.all() and p.ocr_confidence.between(0, 100).all()
    assert p.ocr_confidence.median() >= 85


def test_rerun_uses_cache_and_changes_nothing(batch_run, inputs, tmp_path):
    out, _ = batch_run
    work = tmp_path / "extracted"
    shutil.copytree(out, work)
    before = read_tables(work)
    code = run_batch(inputs, BatchOptions(out=work, workers=2, progress=False))
    assert code == batch.EXIT_FAILED
    files = by_name(work)
    assert files["mgi-kyrgyzstan-2022-ru.pdf"]["cached"] is True
    after = read_tables(work)
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)
    # --force re-parses
    run_batch([inputs[0]], BatchOptions(out=work, workers=1, progress=False, force=True))
    assert by_name(work)["mgi-kyrgyzstan-2022-ru.pdf"]["cached"] is False
    pd.testing.assert_frame_equal(read_tables(work)["paragraphs"], after["paragraphs"])


def test_three_runs_against_postgresql_keep_one_copy(batch_run, inputs, tmp_path, pg_url):
    import sqlalchemy as sa

    from pipeline.output.store import make_engine, read_db_table

    out, _ = batch_run
    work = tmp_path / "extracted"
    shutil.copytree(out / ".cache", work / ".cache")  # parsed layouts: this test is about the database
    for _ in range(3):
        run_batch(inputs, BatchOptions(out=work, workers=2, progress=True, db=pg_url))
        assert manifest(work)["database"]["error"] is None
    engine = make_engine(pg_url)
    files = read_tables(work)
    with engine.connect() as conn:
        for name, table in TABLES.items():
            n = conn.execute(sa.text(f'SELECT count(*) FROM "{name}"')).scalar()
            assert n == len(files[name]), name
            keys = ", ".join(f'"{k}"' for k in table.primary_key)
            distinct = conn.execute(sa.text(f'SELECT count(*) FROM (SELECT DISTINCT {keys} FROM "{name}") d')).scalar()
            assert distinct == n, name
    assert len(files["paragraphs"]) > 100
    key = list(TABLES["paragraphs"].primary_key)
    db = read_db_table(engine, "paragraphs").sort_values(key, ignore_index=True)
    pd.testing.assert_frame_equal(db, files["paragraphs"].sort_values(key, ignore_index=True))
    engine.dispose()


def _copies(sample: Path, folder: Path, n: int, pages: int | None = None) -> list[Path]:
    """Distinct files with the sample's pages: a trailing comment changes the hash, not the content.

    ``pages`` keeps only the first pages (a shorter file keeps a test fast).
    """
    folder.mkdir(parents=True, exist_ok=True)
    if pages:
        import io

        import pypdfium2 as pdfium

        src, new, buf = pdfium.PdfDocument(str(sample)), pdfium.PdfDocument.new(), io.BytesIO()
        new.import_pages(src, list(range(pages)))
        new.save(buf)
        data = buf.getvalue()
    else:
        data = sample.read_bytes()
    paths = []
    for i in range(n):
        p = folder / f"copy-{i}.pdf"
        if not p.exists():  # (PDFium's save stamps a fresh /ID: rewriting would change the hash)
            p.write_bytes(data + f"\n% copy {i}\n".encode())
        paths.append(p)
    return paths


def _mgi_run(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out),
            "--workers", "2", "--no-progress"]


def test_sigkill_halfway_then_rerun_completes(sample_pdf, tmp_path):
    folder, out = tmp_path / "in", tmp_path / "extracted"
    _copies(sample_pdf, folder, 2, pages=KILL_TEST_PAGES)
    first = subprocess.run(_mgi_run(folder, out), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert first.returncode == batch.EXIT_OK, first.stderr
    before = read_tables(out)
    # Two more files: the next run parses them while the first two come from the cache.
    _copies(sample_pdf, folder, 4, pages=KILL_TEST_PAGES)
    cache = out / options.CACHE_DIR
    proc = subprocess.Popen(_mgi_run(folder, out), cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list(cache.glob("*.json.gz"))) >= 3:
            break  # one new document done, the other in flight
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    # The killed run changed nothing visible: the first run's outputs are whole and valid.
    assert validate_outputs(out) == []
    assert manifest(out)["counts"]["ok"] == 2
    for name, df in read_tables(out).items():
        pd.testing.assert_frame_equal(df, before[name], obj=name)
    done = subprocess.run(_mgi_run(folder, out), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == batch.EXIT_OK, done.stderr
    assert "Traceback" not in done.stderr
    m = manifest(out)
    assert [f["status"] for f in m["files"]] == ["ok"] * 4
    assert sum(f["cached"] for f in m["files"]) >= 1  # work finished before the kill was kept
    assert validate_outputs(out) == []
    assert not list(out.glob(".*.tmp-*"))
    tables = read_tables(out)
    assert tables["documents"].doc_id.nunique() == 4
    sizes = tables["paragraphs"].groupby("doc_id").size()
    assert sizes.nunique() == 1 and sizes.iloc[0] > 20  # the four copies hold the same records


def test_ctrl_c_stops_workers_and_leaves_outputs_alone(sample_pdf, tmp_path):
    folder, out = tmp_path / "in", tmp_path / "extracted"
    _copies(sample_pdf, folder, 4, pages=KILL_TEST_PAGES)
    proc = subprocess.Popen(_mgi_run(folder, out), cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not any((out / options.CACHE_DIR).glob("*.json.gz")):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's process group
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == batch.EXIT_INTERRUPTED, err
    assert "Traceback" not in err and "interrupted" in err
    assert not (out / "manifest.json").exists() and not (out / "paragraphs.parquet").exists()
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):  # no orphaned workers left in the process group
        os.killpg(proc.pid, 0)


@pytest.mark.parametrize("make, expect_names, expect_missing", [
    (lambda d: [d], ["a.pdf", "b.PDF", "sub/c.pdf"], []),
    (lambda d: [d / "notes.txt"], ["notes.txt"], []),            # explicit files: any extension
    (lambda d: [d / "a.pdf", d / "a.pdf"], ["a.pdf"], []),       # the same path once
    (lambda d: [d / "nope.pdf"], [], ["nope.pdf"]),
    (lambda d: [d / "sub", d / "a.pdf"], ["sub/c.pdf", "a.pdf"], []),
])
def test_collect_inputs(tmp_path, make, expect_names, expect_missing):
    for name in ("a.pdf", "b.PDF", "notes.txt", "sub/c.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    files, rejected = collect_inputs(make(tmp_path))
    assert [f.relative_to(tmp_path).as_posix() for f in files] == expect_names
    assert [r.path.name for r in rejected] == expect_missing
    assert all(r.reason == "file not found" for r in rejected)


@pytest.mark.parametrize("statuses, missing, code", [
    (["ok", "ok"], [], batch.EXIT_OK),
    (["ok", "partial"], [], batch.EXIT_NOT_ALL_OK),
    (["needs_ocr"], [], batch.EXIT_NOT_ALL_OK),
    (["ok", "failed", "partial"], [], batch.EXIT_FAILED),
    (["ok"], ["gone.pdf"], batch.EXIT_FAILED),
])
def test_exit_codes(statuses, missing, code):
    assert _exit_code(statuses, missing) == code


def test_no_input_files(tmp_path):
    assert run_batch([tmp_path], BatchOptions(out=tmp_path / "out", progress=False)) == batch.EXIT_NO_INPUT


def test_unusable_output_folder(tmp_path, bad_dir, capsys):
    taken = tmp_path / "a-file"
    taken.write_text("x")
    assert run_batch([bad_dir / "blank.pdf"], BatchOptions(out=taken, progress=False)) == batch.EXIT_OUTPUT_ERROR
    assert "cannot use output folder" in capsys.readouterr().err


def test_missing_input_is_reported_and_others_processed(tmp_path, bad_dir):
    out = tmp_path / "out"
    code = run_batch([tmp_path / "gone.pdf", bad_dir / "blank.pdf"], BatchOptions(out=out, progress=False))
    assert code == batch.EXIT_FAILED
    files = by_name(out)
    assert files["gone.pdf"]["status"] == "failed" and files["blank.pdf"]["status"] == "ok"


def test_a_worker_crash_fails_only_its_file(bad_dir, tmp_path, monkeypatch):
    """A native crash (here: a segmentation fault) marks that file failed; the batch goes on."""
    import pipeline.batch.runner

    real = pipeline.batch.runner.process_document

    def crash_on_blank(path, *a, **k):
        if Path(path).name == "blank.pdf":
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(path, *a, **k)

    monkeypatch.setattr(pipeline.batch.runner, "process_document", crash_on_blank)  # inherited by fork
    names = ["blank.pdf", "encrypted.pdf", "not-a-pdf.pdf", "empty.pdf"]
    out = tmp_path / "out"
    code = run_batch([bad_dir / n for n in names], BatchOptions(out=out, workers=2, progress=False))
    assert code == batch.EXIT_FAILED
    files = by_name(out)
    assert files["blank.pdf"]["reason"] == "the PDF library crashed on this file (segmentation fault)"
    assert "password" in files["encrypted.pdf"]["reason"]
    assert "not a pdf" in files["not-a-pdf.pdf"]["reason"].lower()
    assert validate_outputs(out) == []


def test_cache_skips_parsing_but_rules_reapply(sample_pdf, tmp_path, monkeypatch):
    import pipeline.batch.runner
    import pipeline.structure
    from pipeline.batch.runner import process_document, sweep_cache

    (f,) = _copies(sample_pdf, tmp_path / "in", 1, pages=3)
    cache = tmp_path / "cache"
    opts = BatchOptions(out=tmp_path, force=False)

    def run(**kw):
        stats: dict = {}
        res = process_document(f, opts, cache, stats=stats, **kw)
        return res, stats["cached"]

    first, cached = run()
    assert not cached and len(list(cache.glob("*.json.gz"))) == 1
    # A changed rule (here: structure) applies to the cached layout.
    real = pipeline.structure.build_document

    def shouting(layout, info):
        res = real(layout, info)
        for p in res.paragraphs:
            p.text = p.text.upper()
        return res

    monkeypatch.setattr(pipeline.structure, "build_document", shouting)
    second, cached = run()
    assert cached
    assert [p.text for p in second.paragraphs] == [p.text.upper() for p in first.paragraphs]
    # --force re-parses.
    opts.force = True
    assert run()[1] is False
    opts.force = False
    # Changed layout code: the old entry is not used, and the sweep removes it.
    monkeypatch.setattr(pipeline.batch.runner, "code_fingerprint", lambda: "otherversion")
    assert run()[1] is False
    assert sweep_cache(cache) == 1 and len(list(cache.glob("*.json.gz"))) == 1


def test_damaged_earlier_output_falls_back_to_another_format(bad_dir, tmp_path):
    out = tmp_path / "out"
    opts = BatchOptions(out=out, workers=1, progress=False)
    run_batch([bad_dir / "blank.pdf"], opts)
    (out / "documents.parquet").write_bytes(b"PAR1 damaged")
    code = run_batch([bad_dir / "empty.pdf"], opts)
    assert code == batch.EXIT_FAILED
    m = manifest(out)
    assert any("documents.parquet" in w for w in m["warnings"])
    docs = read_tables(out)["documents"]
    assert len(docs) == 2  # the blank document's row came back from documents.jsonl
    assert validate_outputs(out) == []


def test_a_native_hang_is_ended_by_the_cpu_limit(bad_dir, tmp_path, monkeypatch):
    """When the wall-clock alarm cannot fire (a loop inside native code), the kernel's
    CPU limit ends the worker; the file fails with a reason, the others go on."""
    import contextlib as cl

    import pipeline.batch.runner

    real = pipeline.batch.runner.process_document

    def spin_on_blank(path, *a, **k):
        if Path(path).name == "blank.pdf":
            while True:  # stands for a native loop: the alarm is disabled below
                pass
        return real(path, *a, **k)

    monkeypatch.setattr(pipeline.batch.runner, "process_document", spin_on_blank)
    monkeypatch.setattr(pipeline.batch.runner, "time_limit", lambda seconds: cl.nullcontext())
    out = tmp_path / "out"
    t0 = time.monotonic()
    code = run_batch([bad_dir / "blank.pdf", bad_dir / "encrypted.pdf"],
                     BatchOptions(out=out, workers=2, progress=False, timeout=0.5))
    assert time.monotonic() - t0 < 30
    assert code == batch.EXIT_FAILED
    files = by_name(out)
    reason = files["blank.pdf"]["reason"].lower()
    assert "timed out" in reason and "cpu-time backstop" in reason and "--timeout" in reason
    assert "password" in files["encrypted.pdf"]["reason"]


@pytest.mark.parametrize("timeout, limit", [(None, None), (0, None), (0.5, 1), (10, 16), (600, 901)])
def test_cpu_limit_backstop(timeout, limit):
    assert limits._cpu_limit(timeout) == limit


def test_two_concurrent_batches_into_one_folder_keep_both(sample_pdf, bad_dir, tmp_path):
    out = tmp_path / "extracted"
    (a,) = _copies(sample_pdf, tmp_path / "a", 1, pages=3)
    cmds = [[sys.executable, "-m", "pipeline.cli", "run", str(p), "--out", str(out), "--no-progress"]
            for p in (a, bad_dir / "blank.pdf")]
    procs = [subprocess.Popen(c, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in cmds]
    assert [p.wait(timeout=120) for p in procs] == [batch.EXIT_OK, batch.EXIT_OK]
    docs = read_tables(out)["documents"]
    assert sorted(Path(f).name for f in docs.file) == ["blank.pdf", "copy-0.pdf"]
    assert validate_outputs(out) == []


def test_a_memory_hungry_file_fails_alone_under_the_memory_limit(bad_dir, tmp_path, monkeypatch):
    """A file that makes its worker grow past --max-memory fails with that reason; others go on."""
    import pipeline.structure

    real = pipeline.structure.build_document

    def hungry(layout, info):
        if info.file.endswith("blank.pdf"):
            hoard = [bytearray(64 << 20) for _ in range(64)]  # 4 GB, far past the limit
            return hoard  # pragma: no cover - never reached
        return real(layout, info)

    monkeypatch.setattr(pipeline.structure, "build_document", hungry)
    out = tmp_path / "out"
    code = run_batch([bad_dir / "blank.pdf", bad_dir / "encrypted.pdf"],
                     BatchOptions(out=out, workers=2, progress=False, max_memory_mb=256, db="none"))
    assert code == batch.EXIT_FAILED
    files = by_name(out)
    assert files["blank.pdf"]["status"] == "failed"
    assert "--max-memory 256 MB" in files["blank.pdf"]["reason"]
    assert "password" in files["encrypted.pdf"]["reason"]


@pytest.mark.parametrize("max_mb", [None, 0])
def test_memory_guard_off(max_mb):
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with limits._memory_guard(max_mb):
        assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_memory_guard_bounds_growth_and_restores():
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with limits._memory_guard(128):
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        assert soft != resource.RLIM_INFINITY and soft - limits._address_space() <= 128 * limits.MB
        with pytest.raises(MemoryError):
            bytearray(512 << 20)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
