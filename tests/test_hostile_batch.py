"""A folder of hostile and damaged files beside the sample: the batch finishes, says why
for every file, stays within its limits, and the sample's records are those of a clean run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from hostile import PWNED_MARKER, make_hostile_folder
from pipeline.batch.inputs import escape_name

REPO = Path(__file__).resolve().parents[1]
SAMPLE_NAME = "sample-report.pdf"
#: Per-file limits of the hostile run: wide enough for the sample on a loaded
#: two-core machine (about 10 s), small enough that the operator bomb, which uses
#: its whole time, keeps the test short.
TIMEOUT_S = 45
MAX_MEMORY_MB = 1024
#: No process of the run may grow past this (a worker's baseline plus its limit).
PEAK_RSS_LIMIT_MB = 2560
#: The whole run: every file within its time limit, two at a time.
RUN_LIMIT_S = 600
RECORD_TABLES = ("sections", "paragraphs", "citations", "acts", "evidence")


#: Runs a command (argv[2:]), writes the peak RSS (kB) of its largest process to argv[1] and
#: exits with its status: the peak of this run alone, not of every process the session reaped.
PEAK_WRAPPER = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[2:]); "
                "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
                "sys.exit(r.returncode)")


def _mgi_run(folder: Path, out: Path, cwd: Path, peak_file: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out), "--no-progress",
           "--workers", "2", "--timeout", str(TIMEOUT_S), "--max-memory", str(MAX_MEMORY_MB)]
    return subprocess.run([sys.executable, "-c", PEAK_WRAPPER, str(peak_file), *cmd], cwd=cwd,
                          capture_output=True, timeout=RUN_LIMIT_S, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.fixture(scope="module")
def runs(tmp_path_factory, sample_pdf, sample_run):
    """The hostile run; the clean run is the session's run of the sample alone (read only)."""
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "in"
    expect = make_hostile_folder(folder, sample_pdf)
    shutil.copyfile(sample_pdf, folder / SAMPLE_NAME)
    assert sample_run.code == 0
    hostile = _mgi_run(folder, base / "out", base, base / "peak-kb.txt")
    peak_mb = int((base / "peak-kb.txt").read_text()) / 1024
    return {"base": base, "expect": expect, "proc": hostile, "peak_mb": peak_mb,
            "out": base / "out", "clean": sample_run.out}


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_the_batch_finishes_without_a_traceback(runs):
    proc = runs["proc"]
    err = proc.stderr.decode(errors="replace")
    assert "Traceback" not in err, err[-3000:]
    assert proc.returncode == 2, err[-3000:]  # some files failed, the batch did not
    assert not (runs["base"] / PWNED_MARKER).exists()  # no name ever reached a shell


def test_peak_memory_is_bounded(runs):
    # Measured on the hostile run's own process tree; a run that read the sample cannot
    # have stayed under 100 MB (a zero would mean the measure itself failed).
    assert 100 < runs["peak_mb"] < PEAK_RSS_LIMIT_MB


def test_every_file_has_the_right_status_and_a_one_line_reason(runs):
    rows = {}
    for r in _manifest(runs["out"])["files"]:
        rows[r["file"].split("/")[-1]] = r
    wrong = []
    for name, expect in runs["expect"].items():
        row = rows.get(escape_name(name))
        if row is None:
            wrong.append((escape_name(name), "no manifest row"))
            continue
        reason = row.get("reason") or ""
        if "\n" in reason or not expect.matches(row["status"], reason):
            wrong.append((escape_name(name), row["status"], reason, sorted(expect.statuses), expect.reason))
        if row["status"] != "ok" and not reason:
            wrong.append((escape_name(name), row["status"], "no reason"))
    assert not wrong, wrong
    assert rows[SAMPLE_NAME]["status"] == "ok", rows[SAMPLE_NAME]


def test_the_sample_records_are_identical_to_a_clean_run(runs):
    [clean] = _manifest(runs["clean"])["files"]  # the sample alone, under its own name
    doc_id = clean["doc_id"]
    hostile = {r["file"].split("/")[-1]: r for r in _manifest(runs["out"])["files"]}
    assert hostile[SAMPLE_NAME]["doc_id"] == doc_id
    for table in RECORD_TABLES:
        got = pd.read_parquet(runs["out"] / f"{table}.parquet")
        want = pd.read_parquet(runs["clean"] / f"{table}.parquet")
        got = got[got.doc_id == doc_id].reset_index(drop=True)
        want = want[want.doc_id == doc_id].reset_index(drop=True)
        assert len(want) or table == "evidence"
        pd.testing.assert_frame_equal(got, want, obj=table)


def test_the_workbook_holds_no_formula(runs):
    wb = openpyxl.load_workbook(runs["out"] / "evidence.xlsx")
    formulas = [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_every_output_is_schema_valid(runs):
    from pipeline.output.datapackage import validate_outputs

    assert validate_outputs(runs["out"]) == []
