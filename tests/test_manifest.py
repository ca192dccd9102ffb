"""The manifest never shows a database password, and a run without a database imports no SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.batch.manifest import _redact


@pytest.mark.parametrize("url,want", [
    ("postgresql+psycopg://user:secret@db.example:5432/mgi", "postgresql+psycopg://user:***@db.example:5432/mgi"),
    ("postgresql://user@host/mgi", "postgresql://user@host/mgi"),
    ("sqlite:////tmp/out/mgi.sqlite", "sqlite:////tmp/out/mgi.sqlite"),
    ("none", "none"),
    ("NONE", "NONE"),
])
def test_redact(url, want):
    assert _redact(url) == want
    assert "secret" not in _redact(url)


def test_no_database_no_sqlalchemy_import():
    code = "import sys; from pipeline.batch.manifest import _redact; _redact('none'); print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
