"""A run's staging area: where workers leave each document's parts for the parent to commit.

A local worker writes a document's parts to files here (one table at a time, see
:func:`pipeline.output.parts.stage_parts`) and returns their paths, so neither the
worker nor the parent holds a document's serialised tables in memory, nor are they
pickled through the pool's pipe. The parent moves each file into place
(:func:`pipeline.output.parts.write_merged`), which is a rename: the area is under
the output folder (``OUT/.cache/staging/<run>/``), on the same file system.

Each run stages in a folder of its own, locked (``flock``) for as long as the run
lives. A run killed before it committed leaves its folder behind, unlocked: the
next run sweeps it (:func:`sweep_staging`), while the folder of a run still going
on (another run into the same output folder) is locked and left alone.

Apart from :mod:`pipeline.output.parts` so that sweeping needs no pandas (a run
sweeps before the stages are imported, see :mod:`pipeline.batch.run`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

#: The staging areas of runs into an output folder, under its cache folder.
STAGING_DIR = ".cache/staging"
#: Held locked by the run that owns a staging folder.
LOCK_NAME = ".lock"
#: A folder without its lock file is a run caught between making its folder and
#: locking it (microseconds), or debris: swept once older than this.
UNLOCKED_GRACE_SECONDS = 60.0


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no concurrent runs are told apart
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def staging_area(out: Path) -> Iterator[Path]:
    """A fresh staging folder for this run, locked while the block runs and removed after it."""
    root = Path(out) / STAGING_DIR
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _try_lock(fd)  # a fresh, uniquely named folder: nobody else holds it
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)


def sweep_staging(out: Path) -> int:
    """Remove the staging folders of runs that are gone (killed before they committed); returns how many."""
    root = Path(out) / STAGING_DIR
    n = 0
    folders: list[Path] = []
    with contextlib.suppress(OSError):
        folders = [p for p in root.iterdir() if p.is_dir()]
    for folder in folders:
        lock = folder / LOCK_NAME
        try:
            fd = os.open(lock, os.O_RDWR)
        except FileNotFoundError:
            with contextlib.suppress(OSError):
                if time.time() - folder.stat().st_mtime > UNLOCKED_GRACE_SECONDS:
                    shutil.rmtree(folder, ignore_errors=True)
                    n += 1
            continue
        except OSError:
            continue
        try:
            if _try_lock(fd):  # its run is gone: the lock died with it
                shutil.rmtree(folder, ignore_errors=True)
                n += 1
        finally:
            os.close(fd)
    return n
