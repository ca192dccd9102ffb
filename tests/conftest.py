"""Shared fixtures: paths to the shared corpus, one pipeline run of the sample, and a live PostgreSQL server.

Keep fixtures here generic (any test module may use them); module-specific
fixtures belong in their test module.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PG_SCRIPT = REPO / "scripts" / "pg-test-server.sh"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _shared_dir() -> Path:
    """``../shared`` beside the repo clone (CI), else ``/work/shared``."""
    beside = REPO.parent / "shared"
    return beside if (beside / "corpus").is_dir() else Path("/work/shared")


SHARED = _shared_dir()
CORPUS = SHARED / "corpus"
SAMPLE_PDF = CORPUS / "mgi-kyrgyzstan-2022-ru.pdf"
BAD_DIR = CORPUS / "bad"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    if not SAMPLE_PDF.exists():
        pytest.fail(f"sample report missing: {SAMPLE_PDF}")
    return SAMPLE_PDF


@pytest.fixture(scope="session")
def bad_dir() -> Path:
    if not BAD_DIR.is_dir():
        pytest.fail(f"bad-input corpus missing: {BAD_DIR}")
    return BAD_DIR


@dataclass(frozen=True)
class SampleRun:
    """Outputs of ``run_batch([sample_pdf])`` with one worker, and its exit status."""

    out: Path
    code: int


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory, sample_pdf) -> SampleRun:
    """The pipeline run once per session on the sample report alone (one worker, defaults).

    Shared by the modules that only read such a run's outputs (test_batch's single-file
    run, test_evidence_real, test_hostile_batch's clean run). Read it, never write to
    it: a test that changes outputs copies the folder first (``shutil.copytree``).
    Teardown checks that no file of it changed.
    """
    from pipeline.batch import BatchOptions, run_batch

    out = tmp_path_factory.mktemp("sample-run") / "extracted"
    code = run_batch([sample_pdf], BatchOptions(out=out, workers=1, progress=False))
    before = _tree_digest(out)
    yield SampleRun(out=out, code=code)
    assert _tree_digest(out) == before, f"a test changed the shared sample run in {out}: copy it first"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_installed() -> bool:
    return subprocess.run(["bash", str(PG_SCRIPT), "bindir"], capture_output=True).returncode == 0


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server on a free loopback port for the whole session.

    Yields the server URL (``postgresql+psycopg://postgres@127.0.0.1:PORT``, no
    database). Skips when PostgreSQL is not installed, except in CI (``CI=true``),
    where a missing server is a failure: ``make test`` installs it.
    """
    if not _pg_installed():
        if IN_CI:
            pytest.fail("PostgreSQL is not installed (scripts/setup-system.sh installs it)")
        pytest.skip("PostgreSQL is not installed (run scripts/setup-system.sh)")
    # Not under pytest's tmp dirs: those are 0700 root-owned, and the server runs as `postgres`.
    base = Path(tempfile.mkdtemp(prefix="mgi-pg-"))
    port = _free_port()
    started = subprocess.run(["bash", str(PG_SCRIPT), "start", str(base), str(port)],
                             capture_output=True, text=True)
    if started.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {started.stderr.strip()[-2000:]}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(["bash", str(PG_SCRIPT), "stop", str(base)], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


_db_counter = itertools.count(1)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the session server; its SQLAlchemy URL."""
    import sqlalchemy as sa

    name = f"test_{os.getpid()}_{next(_db_counter)}"
    admin = sa.create_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    yield f"{pg_server}/{name}"
