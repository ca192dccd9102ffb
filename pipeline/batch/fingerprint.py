"""What records depend on besides their inputs: the package version and its code and data.

One hash of every file under ``pipeline/`` serves three checks: the run stamp (an edited
rule is a changed key), the workbook's input hash, and a dask worker's code compared with
the client's. It is computed once per process (a few MB, milliseconds).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PIPELINE_DIR = Path(__file__).resolve().parents[1]


@functools.lru_cache(maxsize=1)
def package_version() -> str:
    """The installed distribution's version ("0" in a source tree without metadata)."""
    try:
        from importlib.metadata import version

        return version("mgi-pipeline")
    except Exception:  # noqa: BLE001 - running from a source tree without metadata
        return "0"


@functools.lru_cache(maxsize=1)
def source_hash() -> str:
    """Hash of every file of ``pipeline/`` (code and data); unlike a version number it also
    catches edits in a source checkout."""
    h = hashlib.sha256()
    for p in sorted(PIPELINE_DIR.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
            h.update(p.relative_to(PIPELINE_DIR).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()
