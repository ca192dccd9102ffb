"""Parts staged as files by the workers: the same outputs as parts sent as bytes, and a killed
run's staging area is swept by the next run while a live run's is left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import batch
from pipeline.batch import BatchOptions, run_batch
from pipeline.output import parts, staging
from pipeline.output.records import empty_frame, read_tables
from pipeline.output.schema import FORMATS, TABLES


@pytest.fixture(scope="module")
def sample_tables(tmp_path_factory, sample_pdf) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("staging") / "out"
    code = run_batch([sample_pdf], BatchOptions(out=out, workers=1, progress=False))
    assert code in (batch.EXIT_OK, batch.EXIT_NOT_ALL_OK)
    assert not list((out / staging.STAGING_DIR).iterdir())  # the run's own area is gone
    return read_tables(out)


def _docs(tables: dict, n: int) -> dict[str, dict]:
    """``n`` documents saying what the sample says, under made-up ids."""
    doc_id = tables["paragraphs"]["doc_id"].iloc[0]
    return {f"{i:016x}": {name: df[df["doc_id"] == doc_id].assign(doc_id=f"{i:016x}").reset_index(drop=True)
                          for name, df in tables.items()} for i in range(n)}


def _write(out: Path, docs: dict, new_parts: dict) -> None:
    earlier = parts.read_earlier(out, [])
    new = {name: pd.concat([d[name] for d in docs.values()], ignore_index=True) if docs else
           empty_frame(TABLES[name]) for name in TABLES}
    parts.write_merged(out, parts.merge(earlier, new, list(docs)), earlier, new_parts, FORMATS)


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != parts.STATE_NAME}


def test_staged_parts_give_the_bytes_of_parts_sent_as_bytes(sample_tables, tmp_path):
    docs = _docs(sample_tables, 3)
    by_bytes, by_files = tmp_path / "bytes", tmp_path / "files"
    _write(by_bytes, docs, {d: parts.document_parts(t, FORMATS) for d, t in docs.items()})
    staged = {d: parts.stage_parts(dict(t), FORMATS, tmp_path / "stage" / d) for d, t in docs.items()}
    _write(by_files, docs, staged)
    assert _files(by_files) == _files(by_bytes)  # merged files streamed from the parts: the same bytes
    assert not list((tmp_path / "stage").rglob("*.*"))  # every staged file was moved into place


def test_stage_parts_frees_each_frame_once_written(sample_tables, tmp_path):
    tables = dict(next(iter(_docs(sample_tables, 1).values())))
    staged = parts.stage_parts(tables, ["parquet", "csv"], tmp_path)
    assert not any(name in tables for name in TABLES)
    assert set(staged["paragraphs"]) == {"parquet", "csv"}
    assert all(Path(p).is_file() for by_fmt in staged.values() for p in by_fmt.values())


def test_live_staging_area_is_kept_and_removed_when_its_run_ends(tmp_path):
    with staging.staging_area(tmp_path) as folder:
        (folder / "doc").mkdir()
        (folder / "doc" / "paragraphs.csv").write_text("x\n")
        assert staging.sweep_staging(tmp_path) == 0  # another run's sweep leaves it alone
        assert (folder / "doc" / "paragraphs.csv").exists()
    assert not folder.exists()


def test_staging_area_of_a_killed_run_is_swept(tmp_path):
    code = ("import sys, time; from pathlib import Path; from pipeline.output import staging\n"
            "with staging.staging_area(Path(sys.argv[1])) as f:\n"
            "    (f / 'paragraphs.parquet').write_bytes(b'x'); print(f, flush=True); time.sleep(60)\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        folder = Path(proc.stdout.readline().strip())
        assert staging.sweep_staging(tmp_path) == 0  # still running: locked
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
        proc.stdout.close()
    assert (folder / "paragraphs.parquet").exists()  # what a killed run leaves
    assert staging.sweep_staging(tmp_path) == 1
    assert not folder.exists()


def test_next_run_sweeps_a_killed_runs_staging_area(tmp_path, bad_dir):
    out = tmp_path / "out"
    debris = out / staging.STAGING_DIR / "123-dead"
    debris.mkdir(parents=True)
    (debris / staging.LOCK_NAME).touch()  # its lock died with its run
    (debris / "paragraphs.parquet").write_bytes(b"half")
    run_batch([bad_dir / "blank.pdf"], BatchOptions(out=out, workers=1, progress=False))
    assert not list((out / staging.STAGING_DIR).iterdir())
