"""The ``mgi`` entry point leaves quickly (``os._exit``) without losing output or exit statuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import _exit_status

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("code,status", [(None, 0), (0, 0), (2, 2), (130, 130), ("a message", 1)])
def test_exit_status_is_pythons(code, status):
    assert _exit_status(code) == status


def _mgi(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_help_is_printed_whole():
    out = _mgi("--help")
    assert out.returncode == 0
    assert "run" in out.stdout and "Usage" in out.stdout


def test_usage_error_status():
    out = _mgi("no-such-command")
    assert out.returncode == 2
    assert "No such command" in out.stderr


def test_run_status_summary_and_outputs_survive_the_quick_exit(tmp_path, bad_dir):
    """A failed file: status 2, its summary line on stderr, the manifest on disk."""
    out = _mgi("run", str(bad_dir / "not-a-pdf.pdf"), "--out", str(tmp_path / "o"), "--no-progress",
               "--db", "none")
    assert out.returncode == 2
    assert "exit status 2" in " ".join((out.stdout + out.stderr).split())  # the summary may wrap
    assert (tmp_path / "o" / "manifest.json").is_file()
