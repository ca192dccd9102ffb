"""``mgi run --executor dask``: the same records, statuses and failures as the local pool.

One LocalCluster (two worker processes, one thread each) serves the module. The
sample report, a fixture report and a damaged file are run with the local pool
and on the cluster into two folders, whose Parquet tables must be identical.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import batch

from pipeline.batch import executors, BatchOptions, run_batch

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402 - after the skip

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "reports" / "en-ghana-2018-first-round.pdf"
SEGFAULT = "the PDF library crashed on this file (segmentation fault)"


@pytest.fixture(scope="module")
def cluster():
    # No retries of a task whose worker died: the death test sees KilledWorker at once.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cl = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None)
    try:
        yield cl
    finally:
        cl.close()


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def both_runs(tmp_path_factory, cluster, sample_pdf, bad_dir):
    """``(local_out, dask_out, local_code, dask_code)`` for the same three files.

    The two runs go side by side (each leaves a core idle once the short files
    are done), which keeps the module within a minute on two cores.
    """
    from concurrent.futures import ThreadPoolExecutor

    inputs = [sample_pdf, FIXTURE, bad_dir / "truncated.pdf"]
    base = tmp_path_factory.mktemp("dask")
    runs = {"local": {}, "dask": {"executor": "dask", "scheduler": cluster.scheduler_address}}
    with ThreadPoolExecutor(2) as pool:
        codes = {name: pool.submit(run_batch, inputs, BatchOptions(out=base / name, workers=2, progress=False, **kw))
                 for name, kw in runs.items()}
        codes = {name: fut.result() for name, fut in codes.items()}
    return base / "local", base / "dask", codes["local"], codes["dask"]


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


def by_name(out: Path) -> dict[str, dict]:
    return {Path(f["file"]).name: f for f in manifest(out)["files"]}


def test_dask_parquet_tables_identical_to_local(both_runs):
    local, remote, *_ = both_runs
    names = sorted(p.name for p in local.glob("*.parquet"))
    assert names == sorted(p.name for p in remote.glob("*.parquet"))
    assert {"documents.parquet", "paragraphs.parquet", "citations.parquet", "evidence.parquet"} <= set(names)
    for name in names:
        a, b = pq.read_table(local / name), pq.read_table(remote / name)
        assert a.equals(b, check_metadata=True), name
        assert (local / name).read_bytes() == (remote / name).read_bytes(), name
    assert pq.read_table(local / "paragraphs.parquet").num_rows > 100


def test_dask_manifest_statuses_and_reasons_match_local(both_runs, sample_pdf):
    local, remote, code_local, code_dask = both_runs
    assert code_local == code_dask == batch.EXIT_FAILED
    keep = ("doc_id", "sha256", "status", "reason", "pages", "ocr_pages", "warnings", "duplicate_of", "cached")
    a, b = by_name(local), by_name(remote)
    assert a.keys() == b.keys() == {sample_pdf.name, FIXTURE.name, "truncated.pdf"}
    for name in a:
        assert {k: a[name][k] for k in keep} == {k: b[name][k] for k in keep}, name
    assert b[sample_pdf.name]["status"] == b[FIXTURE.name]["status"] == "ok"
    assert b["truncated.pdf"]["status"] == "failed" and "truncated" in b["truncated.pdf"]["reason"]
    assert manifest(local)["rows"] == manifest(remote)["rows"]


def test_dask_database_load_matches_local(both_runs):
    local, remote, *_ = both_runs

    def rows(out: Path) -> dict[str, list]:
        with sqlite3.connect(out / "mgi.sqlite") as con:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}

    a, b = rows(local), rows(remote)
    assert a == b and len(a["paragraphs"]) > 100


def test_a_child_crash_on_the_cluster_fails_only_its_file(client, cluster, bad_dir, tmp_path):
    """A segmentation fault kills the task's child, not the dask worker: the same reason as locally."""

    def install():
        import os
        import signal
        from pathlib import Path as P

        import pipeline.batch.runner as r

        real = getattr(r, "_real_process_document", r.process_document)
        r._real_process_document = real

        def crash_on_blank(path, *a, **k):
            if P(path).name == "blank.pdf":
                os.kill(os.getpid(), signal.SIGSEGV)
            return real(path, *a, **k)

        r.process_document = crash_on_blank

    def uninstall():
        import pipeline.batch.runner as r

        r.process_document = getattr(r, "_real_process_document", r.process_document)

    workers_before = set(client.scheduler_info()["workers"])
    client.run(install)
    try:
        out = tmp_path / "out"
        names = ["blank.pdf", "encrypted.pdf", "not-a-pdf.pdf"]
        code = run_batch([bad_dir / n for n in names], BatchOptions(
            out=out, progress=False, executor="dask", scheduler=cluster.scheduler_address, db="none"))
    finally:
        client.run(uninstall)
    assert code == batch.EXIT_FAILED
    files = by_name(out)
    assert files["blank.pdf"]["reason"] == SEGFAULT
    assert "password" in files["encrypted.pdf"]["reason"]
    assert "not a pdf" in files["not-a-pdf.pdf"]["reason"].lower()
    assert set(client.scheduler_info()["workers"]) == workers_before  # no dask worker died


def test_a_dead_dask_worker_fails_only_its_file(client, cluster, bad_dir, tmp_path):
    """A task that kills its dask worker (here: the worker process exits) → that file failed, batch goes on."""

    def install():
        import os
        from pathlib import Path as P

        import pipeline.batch.executors as ex

        real = getattr(ex, "_real_in_child", ex._in_child)
        ex._real_in_child = real

        def die_on_blank(key, path, *a, **k):
            if P(path).name == "blank.pdf":
                os._exit(1)
            return real(key, path, *a, **k)

        ex._in_child = die_on_blank

    def uninstall():
        import pipeline.batch.executors as ex

        ex._in_child = getattr(ex, "_real_in_child", ex._in_child)

    client.run(install)
    try:
        out = tmp_path / "out"
        code = run_batch([bad_dir / "blank.pdf", bad_dir / "encrypted.pdf"], BatchOptions(
            out=out, progress=False, executor="dask", scheduler=cluster.scheduler_address, db="none"))
    finally:  # the dead worker's replacement starts clean; the survivor keeps the patch till here
        client.run(uninstall)
    assert code == batch.EXIT_FAILED
    files = by_name(out)
    assert files["blank.pdf"]["status"] == "failed"
    assert "KilledWorker" in files["blank.pdf"]["reason"] and "\n" not in files["blank.pdf"]["reason"]
    assert "password" in files["encrypted.pdf"]["reason"]


def test_unreachable_scheduler_is_one_line_and_keeps_outputs(bad_dir, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert run_batch([bad_dir / "blank.pdf"], BatchOptions(out=out, progress=False, db="none")) == batch.EXIT_OK
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    capsys.readouterr()
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1.0)
    code = run_batch([bad_dir / "empty.pdf"], BatchOptions(out=out, progress=False, db="none", executor="dask",
                                                           scheduler="tcp://127.0.0.1:9"))
    assert code == batch.EXIT_OUTPUT_ERROR
    err = capsys.readouterr().err.strip()
    assert "cannot reach the dask scheduler at tcp://127.0.0.1:9" in err and "\n" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("args, code, words", [
    (["--executor", "spark"], 2, "--executor must be local or dask"),
    (["--scheduler", "tcp://127.0.0.1:8786"], 2, "--scheduler needs --executor dask"),
])
def test_cli_validates_executor_options(args, code, words, bad_dir, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    res = CliRunner().invoke(app, ["run", str(bad_dir / "blank.pdf"), "--out", str(tmp_path / "o"), *args])
    assert res.exit_code == code
    assert words in res.output
    assert not (tmp_path / "o").exists()


def test_cli_and_local_batch_do_not_import_dask():
    code = ("import sys, pipeline.cli, pipeline.batch.run; "
            "sys.exit(1 if {'dask', 'distributed'} & set(sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


def test_a_worker_that_cannot_see_the_input_gets_its_bytes(client, cluster, bad_dir, tmp_path):
    """No shared folder for the inputs: the task says so and the client sends the file's bytes."""

    def install():
        import pipeline.batch.executors as ex

        ex._real_visible = getattr(ex, "_real_visible", ex._visible)
        ex._visible = lambda path, size: False

    def uninstall():
        import pipeline.batch.executors as ex

        ex._visible = getattr(ex, "_real_visible", ex._visible)

    client.run(install)
    try:
        out = tmp_path / "out"
        code = run_batch([bad_dir / "blank.pdf", bad_dir / "encrypted.pdf"], BatchOptions(
            out=out, progress=False, executor="dask", scheduler=cluster.scheduler_address, db="none"))
    finally:
        client.run(uninstall)
    assert code == batch.EXIT_FAILED
    files = by_name(out)
    assert files["blank.pdf"]["status"] == "ok" and "no text" in files["blank.pdf"]["reason"]
    assert files["blank.pdf"]["file"] == str(bad_dir / "blank.pdf")  # the client's name, not the copy's
    assert "password" in files["encrypted.pdf"]["reason"]


def test_workers_running_other_code_are_refused(cluster, bad_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(executors, "_worker_fingerprint", lambda: "0.0-other")  # here only, not on the workers
    code = run_batch([bad_dir / "blank.pdf"], BatchOptions(
        out=tmp_path / "out", progress=False, executor="dask", scheduler=cluster.scheduler_address, db="none"))
    assert code == batch.EXIT_OUTPUT_ERROR
    assert "runs other pipeline code" in capsys.readouterr().err
    assert not (tmp_path / "out" / "manifest.json").exists()


@pytest.mark.parametrize("messages, expected", [
    # Regression: a language message (sent for the local parent's warm-up) was read
    # as a page count and failed every document on the cluster.
    ([("page", "k", 3, 39), ("language", "k", "ru")], [["page", "k", 3, 39]]),
    ([("language", "k", "ru"), ("page", "k", 5, 39)], [["page", "k", 5, 39]]),
    ([("language", "k", "en")], []),
    ([("page", "k", 1, 39), ("page", "k", 2, 39)], [["page", "k", 2, 39]]),
    ([], []),
])
def test_forwarded_progress_is_the_latest_page_only(messages, expected):
    import queue

    q: queue.Queue = queue.Queue()  # same get_nowait/Empty protocol as the child's queue
    for m in messages:
        q.put(m)
    sent: list = []
    executors._forward(q, "k", sent.append)
    assert sent == expected
