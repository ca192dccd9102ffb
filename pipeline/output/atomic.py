"""Atomic file writes: a reader never sees half a file, a killed run leaves only sweepable debris.

Apart from :mod:`pipeline.output.records` (which re-exports these) so that writing a
manifest or a stamp does not import pandas (see :mod:`pipeline.batch.stamp`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

#: Temporary files carry this marker so a later run can sweep leftovers of a killed one.
TMP_MARKER = ".tmp-"
_UMASK = os.umask(0)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


#: Threads syncing staged files at once: each fsync waits on the disk (about 3 ms
#: here) without holding the GIL, and the file system commits concurrent ones
#: together, so a hundred reports' parts (thousands of files) sync in about the
#: time of a few dozen.
FSYNC_THREADS = 16


def fsync_all(paths: Sequence[Path]) -> None:
    """Flush ``paths`` to disk, many at a time (before they are committed)."""
    def sync(path: Path) -> None:
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())

    if len(paths) <= 1:
        for p in paths:
            sync(p)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(FSYNC_THREADS, len(paths))) as pool:
        list(pool.map(sync, paths))


def temp_path(final: Path) -> Path:
    """A fresh temporary sibling of ``final`` (same folder, so rename is atomic)."""
    fd, name = tempfile.mkstemp(prefix=f".{final.name}{TMP_MARKER}", dir=final.parent)
    os.close(fd)
    os.chmod(name, _FILE_MODE)  # mkstemp makes 0600; outputs are shared files
    return Path(name)


def commit(pairs: Sequence[tuple[Path, Path]]) -> None:
    """Move each temporary file over its final path (``os.replace`` is atomic on POSIX)."""
    for tmp, final in pairs:
        os.replace(tmp, final)
    if pairs:
        _fsync_dir(pairs[0][1].parent)


@contextlib.contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``final``, on error it is removed."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(final)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        commit([(tmp, final)])
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_text_atomic(final: Path, text: str) -> Path:
    """Atomically write a text file (UTF-8)."""
    with atomic_path(final) as tmp:
        # A manifest or a log must always be written: anything unencodable is escaped.
        tmp.write_text(text, encoding="utf-8", errors="backslashreplace")
    return Path(final)


def sweep_temp_files(out: Path) -> int:
    """Remove temporary files left by a killed run; returns how many."""
    n = 0
    out = Path(out)
    if not out.is_dir():
        return 0
    for p in out.rglob(f".*{TMP_MARKER}*"):
        with contextlib.suppress(OSError):
            p.unlink()
            n += 1
    return n
