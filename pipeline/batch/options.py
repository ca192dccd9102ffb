"""Batch options, file entries, the batch report, exit codes and the output folder's fixed names."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.batch.inputs import Rejected
from pipeline.batch.limits import DEFAULT_MAX_MEMORY_MB
from pipeline.models import DocumentResult
from pipeline.output.schema import FORMATS

EXIT_OK = 0
EXIT_NOT_ALL_OK = 1
EXIT_FAILED = 2
EXIT_NO_INPUT = 3
EXIT_OUTPUT_ERROR = 4
EXIT_INTERRUPTED = 130
EXIT_CODES = {
    EXIT_OK: "every document ok",
    EXIT_NOT_ALL_OK: "some documents partial or needs_ocr, none failed",
    EXIT_FAILED: "at least one file failed",
    EXIT_NO_INPUT: "no input files found",
    EXIT_OUTPUT_ERROR: "outputs could not be written",
    EXIT_INTERRUPTED: "interrupted; previous outputs left intact",
}
STATUS_ORDER = {"ok": 0, "partial": 1, "needs_ocr": 1, "failed": 2}
MANIFEST = "manifest.json"
LOCK_FILE = ".lock"
CACHE_DIR = ".cache/layout"
LOG_DIR = "logs"
#: How often the main process drains worker progress messages (seconds).
POLL_INTERVAL = 0.1


@dataclass
class BatchOptions:
    """Options of one batch (the ``mgi run`` flags).

    Attributes:
        out: Output folder.
        db: SQLAlchemy URL (None: ``sqlite:///<out>/mgi.sqlite``; ``"none"``: no database).
        workers: Worker processes (None: number of cores).
        force: Re-parse PDFs even when the layout cache is fresh.
        lang: ``ru``, ``en`` or ``auto``.
        max_pages: Refuse files with more pages.
        timeout: Seconds allowed per file (0: no limit).
        progress: Show a Rich progress bar on standard error.
        ocr: Use Tesseract for pages without a text layer when installed.
        formats: File formats written.
        page_workers: Processes for one document's pages; the batch sets it when
            there are fewer files than cores.
        isolate: Process files in worker processes even with one worker, so that a
            crash or a hang in a native library costs only its file (False: in this
            process, e.g. for a debugger).
        max_memory_mb: Memory (address space, MB) a worker may add for one file;
            None or 0: no limit. Only enforced in worker processes.
        meta: User metadata (``mgi run --meta FILE.csv``, read by
            :func:`pipeline.corpus.metadata.load_meta_csv`): rows keyed by file or doc id;
            a row's values win over what the report says (source ``user``).
        executor, scheduler: ``local`` (process pool) or ``dask`` (:mod:`pipeline.batch.executors`,
            on the cluster at ``scheduler``; None or ``local``: an in-process LocalCluster).
    """

    out: Path = Path("extracted")
    db: str | None = None
    workers: int | None = None
    force: bool = False
    lang: str = "auto"
    max_pages: int | None = 500
    timeout: float | None = 600.0
    progress: bool = True
    ocr: bool = True
    formats: tuple[str, ...] = FORMATS
    page_workers: int = 1  # processes for one document's pages (set by the batch)
    isolate: bool = True
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB
    meta: dict[str, dict[str, Any]] | None = None  # --meta rows by file / doc_id
    executor: str = "local"
    scheduler: str | None = None


@dataclass
class FileEntry:
    """One input file of a batch."""

    path: Path
    sha256: str
    doc_id: str
    duplicate_of: str | None = None
    seconds: float = 0.0
    cached: bool = False


@dataclass
class BatchReport:
    """What a batch did (also written as ``manifest.json``)."""

    entries: list[FileEntry] = field(default_factory=list)
    results: dict[str, DocumentResult] = field(default_factory=dict)
    tables: dict[str, dict] = field(default_factory=dict)
    #: Per document, its serialised parts but the documents row: ``{table: {format: bytes}}``.
    parts: dict[str, dict] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK
    db_error: str | None = None
