"""The run stamp: a re-run of an unchanged folder does (almost) nothing.

After a clean run, ``OUT/.cache/run.json`` records what the run depended on (a
*key*: every input's name and content hash, the options that shape records, the
package version and a hash of every source and data file of ``pipeline/``) and
the size and modification time of every output it left behind. The next
``mgi run`` with the same key, over outputs that nobody touched since, would
rewrite the same bytes: it re-writes only ``manifest.json`` instead (every file
``cached``) and prints the same summary. Anything else, a changed PDF, option,
rule, data file or output, a deleted page, runs the batch in full.

The stamp is plain JSON and only ever *compared*: nothing in it is executed or
trusted beyond "equal or not", so a foreign or damaged stamp only costs a full run.
It is checked without pandas, so the skipped run also skips the ~0.6 s import.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.batch.fingerprint import package_version, source_hash
from pipeline.batch.inputs import display_name
from pipeline.batch.options import (
    CACHE_DIR,
    EXIT_CODES,
    EXIT_NOT_ALL_OK,
    EXIT_OK,
    LOCK_FILE,
    LOG_DIR,
    MANIFEST,
    BatchOptions,
    BatchReport,
    FileEntry,
)

#: Bump when the stamp's content or the key's ingredients change; older stamps then never match.
STAMP_FORMAT = 1
STAMP_NAME = "run.json"
#: Top-level names under ``out`` that are not outputs of the records: caches, logs, the
#: lock and the manifest (rewritten by every run, and by a skipped one too).
NOT_OUTPUTS = frozenset({CACHE_DIR.split("/")[0], LOG_DIR, LOCK_FILE, MANIFEST})
#: Exit codes after which the outputs are a faithful result of the key (no file failed).
STAMPED_EXITS = (EXIT_OK, EXIT_NOT_ALL_OK)


def stamp_path(out: Path) -> Path:
    """Where a folder's stamp lives (beside the layout cache, swept with it)."""
    return Path(out) / CACHE_DIR.split("/")[0] / STAMP_NAME


def _tesseract() -> list[Any]:
    """Which Tesseract a run could use: installing or upgrading it may change OCR'd pages."""
    exe = shutil.which("tesseract")
    if exe is None:
        return [None]
    with contextlib.suppress(OSError):
        st = os.stat(exe)
        return [exe, st.st_size, st.st_mtime_ns]
    return [exe]


def run_key(entries: list[FileEntry], opts: BatchOptions) -> str:
    """What a batch's outputs depend on, as one hash.

    ``workers``, ``progress`` and the executor are left out: they change how fast the
    records are made, not what they say.
    """
    parts = {
        "format": STAMP_FORMAT,
        "version": package_version(),
        "sources": source_hash(),
        "files": [[display_name(e.path), e.sha256] for e in entries],
        "options": [opts.db, opts.lang, opts.max_pages, opts.timeout, opts.ocr, list(opts.formats),
                    opts.max_memory_mb, opts.isolate],
        "meta": opts.meta,
        "tesseract": _tesseract(),
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _outputs(out: Path) -> dict[str, list[int]]:
    """Every output file under ``out``: relative path → [size, mtime in ns]."""
    found: dict[str, list[int]] = {}
    for root, dirs, files in os.walk(out):
        rel_root = Path(root).relative_to(out)
        if rel_root == Path("."):
            dirs[:] = [d for d in dirs if d not in NOT_OUTPUTS]
        for name in files:
            rel = (rel_root / name).as_posix()
            if rel in NOT_OUTPUTS:
                continue
            st = os.stat(Path(root) / name)
            found[rel] = [st.st_size, st.st_mtime_ns]
    return found


def clear(out: Path) -> None:
    """Forget the stamp before a full run writes anything (an interrupted run leaves none)."""
    with contextlib.suppress(OSError):
        stamp_path(out).unlink()


def save(out: Path, key: str, report: BatchReport) -> None:
    """Stamp the folder after a run whose outputs are a faithful result of ``key``.

    Not stamped: a run with a failed or rejected file (a time or memory limit may pass
    next time), a document waiting for OCR, warnings, or a database error.
    """
    statuses = [r.document.status for r in report.results.values()]
    if (report.exit_code not in STAMPED_EXITS or report.rejected or report.warnings or report.db_error
            or "needs_ocr" in statuses):
        return
    from pipeline.output.atomic import write_text_atomic

    with contextlib.suppress(OSError):
        write_text_atomic(stamp_path(out), json.dumps({"format": STAMP_FORMAT, "key": key,
                                                       "outputs": _outputs(Path(out))}))


def unchanged(out: Path, key: str, opts: BatchOptions) -> dict | None:
    """The previous manifest when the folder is stamped with ``key`` and untouched since; else None."""
    if opts.force or (opts.db is not None and opts.db.lower() != "none"):
        return None  # a database outside ``out`` may have changed under us: always load it
    try:
        stamp = json.loads(stamp_path(out).read_text(encoding="utf-8"))
        manifest = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or not isinstance(manifest, dict):
        return None
    if stamp.get("format") != STAMP_FORMAT or stamp.get("key") != key:
        return None
    if stamp.get("outputs") != _outputs(Path(out)) or manifest.get("exit_code") not in STAMPED_EXITS:
        return None
    return manifest


def replay(out: Path, opts: BatchOptions, manifest: dict) -> int:
    """Rewrite the manifest of a skipped run (every file cached) and print the summary; returns the exit code."""
    from pipeline.output.atomic import write_text_atomic

    manifest = {**manifest, "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "options": {"lang": opts.lang, "max_pages": opts.max_pages, "timeout": opts.timeout,
                            "workers": opts.workers, "force": opts.force},
                "files": [{**f, "seconds": 0.0, "cached": True} if f.get("doc_id") and not f.get("duplicate_of")
                          else f for f in manifest.get("files", [])]}
    write_text_atomic(Path(out) / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    _summary(manifest, Path(out))
    return int(manifest["exit_code"])


def _summary(manifest: dict, out: Path) -> None:
    """The closing lines of :func:`pipeline.batch.manifest._summary`, from the manifest."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(stderr=True)
    files = manifest.get("files", [])
    bad = [f for f in files if f.get("status") != "ok"]
    if bad:
        t = Table("file", "status", "reason", box=None, show_edge=False)
        for f in bad:
            t.add_row(escape(str(f.get("file"))), str(f.get("status")), escape(f.get("reason") or ""))
        console.print(t)
    code = int(manifest["exit_code"])
    console.print(f"{len(files) - len(bad)} ok, {len(bad)} not ok; records in {escape(display_name(out))}/ "
                  f"(exit status {code}: {EXIT_CODES[code]}; unchanged since the last run)")
