"""Batch runs: many PDFs, each isolated, re-runnable, written atomically.

``mgi run`` calls :func:`run_batch`. Each file is processed by
:func:`pipeline.runner.process_document` in a worker process, so one file's
failure (even a crash of the PDF library) is recorded as that file's status and
the batch goes on. Results are merged into ``out/`` per document (a re-run
replaces a document's rows, never appends them), written as Parquet, CSV and
JSON Lines with a Frictionless ``datapackage.json``, loaded into the database
(SQLite by default, any SQLAlchemy URL), and summarised in ``manifest.json``.

Duplicate content: two files with the same bytes (a renamed copy) have the same
``doc_id``. The batch parses the content once, writes its records once (the
``documents`` row names the first file in sorted order), and lists every file in
the manifest, the copies with ``duplicate_of`` naming that first file.

Exit status (see :data:`EXIT_CODES`): 0 when every document is ``ok``; 1 when
some are ``partial`` or ``needs_ocr`` but none failed; 2 when at least one file
failed; 3 when no input file was found; 4 when outputs could not be written;
130 when interrupted (outputs of the previous run are left intact).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing as mp
import os
import queue as queue_mod
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.inputs import Rejected, collect_inputs, display_name, name_bytes_hex
from pipeline.limits import (  # noqa: F401 - re-exported for callers and tests
    DEFAULT_MAX_MEMORY_MB,
    MB,
    _address_space,
    _cpu_guard,
    _cpu_limit,
    _memory_guard,
)
from pipeline.models import DocumentInfo, DocumentResult
from pipeline.records import FORMATS
from pipeline.schema import TABLES

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
        executor, scheduler: ``local`` (process pool) or ``dask`` (:mod:`pipeline.executors`,
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
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK
    db_error: str | None = None


# ----------------------------------------------------------------------------- workers

_PROGRESS_QUEUE: Any = None


def _init_worker(q) -> None:
    global _PROGRESS_QUEUE
    _PROGRESS_QUEUE = q
    # Ctrl-C is handled by the parent, which shuts the pool down.
    import faulthandler
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A native crash is reported as the file's status; a C stack dump inherited
    # from the parent's fault handler would only clutter the user's terminal.
    faulthandler.disable()


def _work(key: str, path: str, sha256: str, opts: BatchOptions, cache_dir: str, log_dir: str):
    from pipeline.runner import process_document

    def progress(page: int, total: int) -> None:
        if _PROGRESS_QUEUE is not None:
            with contextlib.suppress(Exception):
                _PROGRESS_QUEUE.put_nowait((key, page, total))

    t0 = time.perf_counter()
    stats: dict = {}
    with _cpu_guard(opts.timeout), _memory_guard(opts.max_memory_mb):
        res = process_document(Path(path), opts, Path(cache_dir), progress=progress, sha256=sha256,
                               log_dir=Path(log_dir), stats=stats)
    tables = document_tables(res)
    return res, time.perf_counter() - t0, stats.get("cached", False), tables


def document_tables(res: DocumentResult) -> dict:
    """One document's tables, evidence included.

    Built where the document was processed (a worker), so that the parent's
    serial part, which bounds the speed-up from more workers, only concatenates.
    """
    from pipeline.records import result_tables

    tables = result_tables([res])
    tables["evidence"] = _build_evidence(tables, [res])
    return tables


def _crashed(entry: FileEntry, reason: str) -> tuple:
    """A ``_work``-shaped result for a file whose worker could not return one."""
    info = DocumentInfo(doc_id=entry.doc_id, file=display_name(entry.path), sha256=entry.sha256,
                        status="failed", error=reason)
    with contextlib.suppress(OSError):
        info.bytes = entry.path.stat().st_size
    res = DocumentResult(document=info)
    return res, 0.0, False, document_tables(res)


class _Progress:
    """A Rich progress display: one bar for the batch, one line per file being parsed."""

    def __init__(self, total: int, enabled: bool):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(stderr=True),
                                 disable=not enabled, transient=False)
        self.batch = self.progress.add_task("files", total=total)
        self.files: dict[str, Any] = {}

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)

    def page(self, key: str, name: str, page: int, total: int) -> None:
        if key not in self.files:
            self.files[key] = self.progress.add_task(f"  {name}", total=total)
        self.progress.update(self.files[key], completed=page, total=total,
                             description=f"  {name} · page {page}/{total}")

    def done(self, key: str) -> None:
        task = self.files.pop(key, None)
        if task is not None:
            self.progress.remove_task(task)
        self.progress.advance(self.batch)


def _preload() -> None:
    """Import the stages before forking, so workers share them instead of each importing."""
    import importlib

    for name in ("pipeline.layout", "pipeline.structure", "pipeline.citations", "pipeline.domains",
                 "pipeline.evidence", "pipeline.ocr"):
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from pipeline.morph import analyzer

        analyzer()  # dictionaries loaded once, shared by every forked worker


def _process_all(todo: list[FileEntry], opts: BatchOptions, cache_dir: Path, log_dir: Path,
                 ui: _Progress) -> dict[str, tuple]:
    """Run the documents in a process pool; a crashed worker fails only its own file.

    When a worker dies (segfault in a native library, the OOM killer), the pool
    breaks and every pending future fails with it. The files that did not finish
    are then re-run one per pool, so only the file that kills its worker again is
    marked failed.
    """
    _preload()
    names = {e.doc_id: display_name(e.path) for e in todo}
    done: dict[str, tuple] = {}
    cores = opts.workers or os.cpu_count() or 1
    workers = max(1, min(cores, len(todo)))
    if len(todo) < cores:
        # Fewer files than cores: the spare cores parse pages of each file.
        opts = replace(opts, page_workers=max(1, cores // len(todo)))
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    batches: list[list[FileEntry]] = [todo]
    isolated = False
    while batches:
        group = batches.pop(0)
        q = ctx.Queue()
        broken: list[FileEntry] = []
        with ProcessPoolExecutor(max_workers=1 if isolated else workers, mp_context=ctx,
                                 initializer=_init_worker, initargs=(q,)) as pool:
            futures = {pool.submit(_work, e.doc_id, str(e.path), e.sha256, opts, str(cache_dir),
                                   str(log_dir)): e for e in group}
            # Fork pools start every worker at the first submit; keep them to read
            # a dead worker's exit status (the executor forgets its processes).
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pending = set(futures)
            try:
                while pending:
                    finished, pending = wait(pending, timeout=POLL_INTERVAL, return_when=FIRST_COMPLETED)
                    _drain(q, ui, names)
                    for fut in finished:
                        entry = futures[fut]
                        try:
                            done[entry.doc_id] = fut.result()
                        except BrokenProcessPool:
                            broken.append(entry)
                            continue
                        except Exception as err:  # noqa: BLE001 - e.g. an unpicklable result
                            done[entry.doc_id] = _crashed(entry, f"worker error ({type(err).__name__}: {err})")
                        ui.done(entry.doc_id)
            except KeyboardInterrupt:
                # The executor has no public "kill the workers": without this, shutdown
                # would wait for the documents in flight to finish.
                pool.shutdown(wait=False, cancel_futures=True)
                for proc in procs:
                    with contextlib.suppress(Exception):
                        proc.terminate()
                raise
        _drain(q, ui, names)
        if broken:
            if isolated or len(group) == 1:
                reason = _death_reason([p.exitcode for p in procs], opts)
                for entry in broken:
                    done[entry.doc_id] = _crashed(entry, reason)
                    ui.done(entry.doc_id)
            else:
                isolated = True
                batches.extend([e] for e in broken)
    return done


def _death_reason(exitcodes: list[int | None], opts: BatchOptions) -> str:
    """Say why a worker died, from its exit status (``-N``: killed by signal N)."""
    import signal

    codes = [c for c in exitcodes if c not in (None, 0)]
    code = codes[0] if codes else None
    if code == -signal.SIGXCPU:
        from pipeline.runner import timeout_reason

        return f"{timeout_reason(opts.timeout)}; stopped by the CPU-time backstop, the file may be hostile"
    if code == -signal.SIGSEGV:
        return "the PDF library crashed on this file (segmentation fault)"
    if code == -signal.SIGKILL:
        return "worker process was killed (out of memory?)"
    if code == -signal.SIGABRT and opts.max_memory_mb:
        return (f"the PDF library aborted, probably on reaching the memory limit "
                f"(--max-memory {opts.max_memory_mb} MB)")
    return f"worker process died (exit status {code})"


def _drain(q, ui: _Progress, names: dict[str, str]) -> None:
    while True:
        try:
            key, page, total = q.get_nowait()
        except (queue_mod.Empty, OSError, ValueError, EOFError):
            return
        ui.page(key, names.get(key, key), page, total)


def _process_inline(todo: list[FileEntry], opts: BatchOptions, cache_dir: Path, log_dir: Path,
                    ui: _Progress) -> dict[str, tuple]:
    """Run documents in this process (one worker: no pool start-up, same isolation from exceptions)."""
    from pipeline.runner import process_document

    done = {}
    for e in todo:
        name = display_name(e.path)
        t0 = time.perf_counter()
        stats: dict = {}
        res = process_document(e.path, opts, cache_dir, sha256=e.sha256, log_dir=log_dir, stats=stats,
                               progress=lambda page, total, k=e.doc_id, n=name: ui.page(k, n, page, total))
        done[e.doc_id] = (res, time.perf_counter() - t0, stats.get("cached", False), document_tables(res))
        ui.done(e.doc_id)
    return done


# ----------------------------------------------------------------------------- outputs

def _exit_code(statuses: list[str], rejected: list) -> int:
    if rejected or "failed" in statuses:
        return EXIT_FAILED
    if any(s != "ok" for s in statuses):
        return EXIT_NOT_ALL_OK
    return EXIT_OK


def _reason(info: DocumentInfo) -> str | None:
    return info.error or (info.warnings[0] if info.warnings else None)


def _manifest(report: BatchReport, opts: BatchOptions, counts: dict[str, int]) -> dict:
    files = []
    for e in report.entries:
        info = report.results[e.doc_id].document
        files.append({
            "file": display_name(e.path),
            "file_bytes_hex": name_bytes_hex(e.path),
            "doc_id": e.doc_id,
            "sha256": e.sha256,
            "status": info.status,
            "reason": _reason(info),
            "pages": info.pages,
            "ocr_pages": info.ocr_pages,
            "warnings": info.warnings,
            "duplicate_of": e.duplicate_of,
            "seconds": round(e.seconds, 3),
            "cached": e.cached,
        })
    for r in report.rejected:
        files.append({"file": r.name, "file_bytes_hex": name_bytes_hex(r.path), "doc_id": None,
                      "status": "failed", "reason": r.reason})
    statuses = [f["status"] for f in files]
    return {
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "exit_code": report.exit_code,
        "exit_meaning": EXIT_CODES.get(report.exit_code, ""),
        "options": {"lang": opts.lang, "max_pages": opts.max_pages, "timeout": opts.timeout,
                    "workers": opts.workers, "force": opts.force},
        "database": {"url": _redact(opts.db) if opts.db else "sqlite (default)", "error": report.db_error},
        "counts": {s: statuses.count(s) for s in ("ok", "partial", "needs_ocr", "failed")},
        "warnings": report.warnings,
        "rows": counts,
        "files": files,
    }


def _redact(url: str) -> str:
    """Hide a password in a database URL before it is written anywhere."""
    with contextlib.suppress(Exception):
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    return url


@contextlib.contextmanager
def _output_lock(out: Path):
    """Serialise the read-merge-write of two batches writing to the same folder.

    Without it, two concurrent runs would each merge their documents into the
    records as they were before either wrote, and the second write would drop
    the first run's documents.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with open(out / LOCK_FILE, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write_outputs(report: BatchReport, opts: BatchOptions) -> dict[str, int]:
    """Merge, write files, data package, database; returns rows per table."""
    with _output_lock(Path(opts.out)):
        return _write_outputs_locked(report, opts)


def _write_outputs_locked(report: BatchReport, opts: BatchOptions) -> dict[str, int]:
    from pipeline.corpus.build import build_corpus, write_index_page
    from pipeline.datapackage import write_datapackage
    from pipeline.records import merge_tables, result_tables, write_tables

    out = Path(opts.out)
    results = [report.results[d] for d in dict.fromkeys(e.doc_id for e in report.entries)]
    doc_ids = [r.document.doc_id for r in results]
    new = _concat([report.tables[d] for d in doc_ids])
    new["documents"] = result_tables(results)["documents"]  # file names were set here
    merged = merge_tables(_read_previous(out, report), new, doc_ids)
    if _write_evidence(out, merged, results):
        # Statuses changed: the documents rows must say so too.
        new["documents"] = result_tables(results)["documents"]
        merged = merge_tables(merged, new, doc_ids)
    corpus = build_corpus(out, merged, report.warnings)
    write_tables(out, {**merged, **corpus}, opts.formats)
    write_datapackage(out)
    if corpus:
        write_index_page(out, {**merged, **corpus}, report.warnings)
    if (opts.db or "").lower() != "none":
        from pipeline.store import default_url, make_engine, replace_corpus, replace_documents

        try:
            engine = make_engine(opts.db or default_url(out))
            try:
                replace_documents(engine, new, doc_ids)
                if corpus:
                    replace_corpus(engine, corpus)
            finally:
                engine.dispose()
        except Exception as err:  # noqa: BLE001 - files are written; report the database problem
            report.db_error = f"database not updated: {type(err).__name__}: {str(err).splitlines()[0]}"
    return {name: len(df) for name, df in merged.items()}


def _read_previous(out: Path, report: BatchReport) -> dict:
    """Earlier records of ``out`` (other documents are kept). A damaged file falls back
    to the same table in another format; a table unreadable in every format is
    started afresh, with a warning (the database still holds its rows)."""
    from pipeline.records import FORMATS, read_table

    tables = {}
    for name in TABLES:
        for fmt in FORMATS:
            if not (out / f"{name}.{fmt}").exists():
                continue
            try:
                tables[name] = read_table(out, name, fmt)
                break
            except Exception as err:  # noqa: BLE001 - a damaged earlier output must not stop the batch
                report.warnings.append(f"could not read earlier {name}.{fmt} ({type(err).__name__}); "
                                       "trying another format")
    return tables


def _concat(parts: list[dict]) -> dict:
    import pandas as pd

    from pipeline.records import empty_frame

    out = {}
    for name, table in TABLES.items():
        frames = [p[name] for p in parts if name in p and len(p[name])]
        out[name] = pd.concat(frames, ignore_index=True) if frames else empty_frame(table)
    return out


def _mark_partial(results: list[DocumentResult], reason: str) -> None:
    for r in results:
        info = r.document
        if info.status == "failed":
            continue
        info.status = "partial"
        info.error = "; ".join(filter(None, [info.error, reason]))


def _build_evidence(tables: dict, results: list[DocumentResult]):
    """The evidence table of this batch's documents (empty when the stage is absent or fails)."""
    from pipeline.records import empty_frame, to_frame

    try:
        from pipeline.evidence import build_evidence
    except ImportError:
        return empty_frame(TABLES["evidence"])
    try:
        return to_frame("evidence", build_evidence(tables))
    except Exception as err:  # noqa: BLE001 - isolate the stage
        _mark_partial(results, f"evidence stage failed ({type(err).__name__}: {err})")
        return empty_frame(TABLES["evidence"])


def _write_evidence(out: Path, tables: dict, results: list[DocumentResult]) -> bool:
    """Write the evidence workbook and review pages; returns True when a failure changed statuses."""
    try:
        from pipeline.evidence import write_evidence
    except ImportError:
        return False
    try:
        write_evidence(out, tables, [r.document.doc_id for r in results])
    except Exception as err:  # noqa: BLE001 - isolate the stage
        _mark_partial(results, f"evidence/review output failed ({type(err).__name__}: {str(err)[:200]})")
        return True
    return False


def _summary(report: BatchReport, out: Path) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(stderr=True)
    rows = [(e, report.results[e.doc_id].document) for e in report.entries]
    bad = [(e, i) for e, i in rows if i.status != "ok"]
    ok = len(rows) - len(bad)
    if bad or report.rejected:
        t = Table("file", "status", "reason", box=None, show_edge=False)
        for e, i in bad:
            t.add_row(escape(display_name(e.path)), i.status, escape(_reason(i) or ""))
        for r in report.rejected:
            t.add_row(escape(r.name), "failed", escape(r.reason))
        console.print(t)
    if report.db_error:
        console.print(f"[red]{escape(report.db_error)}[/red]")
    console.print(f"{ok} ok, {len(bad) + len(report.rejected)} not ok; records in {escape(display_name(out))}/ "
                  f"(exit status {report.exit_code}: {EXIT_CODES[report.exit_code]})")


def run_batch(paths: list[Path], opts: BatchOptions) -> int:
    """Process files and folders into ``opts.out``; returns the exit status.

    Args:
        paths: PDF files and/or folders (searched recursively for ``*.pdf``).
        opts: Batch options.

    Returns:
        One of the ``EXIT_*`` codes (documented in the module docstring).
    """
    from pipeline.records import sweep_temp_files, write_text_atomic
    from pipeline.inputs import file_sha256
    from pipeline.runner import doc_id_for, sweep_cache

    out = Path(opts.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"cannot use output folder {out}: {err.strerror or err}", file=sys.stderr)
        return EXIT_OUTPUT_ERROR
    sweep_temp_files(out)
    files, rejected = collect_inputs(list(paths))
    report = BatchReport(rejected=rejected)
    if not files and not rejected:
        print(f"no PDF files found in: {', '.join(map(str, paths))}", file=sys.stderr)
        return EXIT_NO_INPUT
    first: dict[str, FileEntry] = {}
    for f in files:
        try:
            sha = file_sha256(f)
        except OSError as err:
            report.rejected.append(Rejected(f, f"cannot read: {err.strerror or err}"))
            continue
        entry = FileEntry(path=f, sha256=sha, doc_id=doc_id_for(sha))
        if entry.doc_id in first:
            entry.duplicate_of = display_name(first[entry.doc_id].path)
        else:
            first[entry.doc_id] = entry
        report.entries.append(entry)
    todo = list(first.values())
    cache_dir, log_dir = out / CACHE_DIR, out / LOG_DIR
    sweep_cache(cache_dir)
    try:
        with _Progress(len(todo), opts.progress) as ui:
            run = _process_all if opts.isolate else _process_inline
            if opts.executor == "dask":
                from pipeline.executors import process_dask as run
            done = run(todo, opts, cache_dir, log_dir, ui) if todo else {}
    except KeyboardInterrupt:
        print("interrupted: outputs of the previous run are left intact", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as err:  # the executor's infrastructure (e.g. a dask scheduler): nothing written
        print(f"cannot process the files: {err}; outputs of the previous run are left intact", file=sys.stderr)
        return EXIT_OUTPUT_ERROR
    for e in report.entries:
        res, seconds, cached, tables = done[e.doc_id]
        report.results[e.doc_id] = res
        report.tables[e.doc_id] = tables
        if e.duplicate_of is None:
            e.seconds, e.cached = seconds, cached
            res.document.file = display_name(e.path)
    try:
        counts = _write_outputs(report, opts)
    except KeyboardInterrupt:
        print("interrupted while writing: earlier outputs are intact; run again", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as err:  # noqa: BLE001 - the user gets one line, the log the traceback
        import traceback

        log = log_dir / "batch-outputs.log"
        with contextlib.suppress(OSError):
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"could not write outputs to {out}: {type(err).__name__}: {err} (details: {log})", file=sys.stderr)
        return EXIT_OUTPUT_ERROR
    statuses = [report.results[e.doc_id].document.status for e in report.entries]
    report.exit_code = EXIT_OUTPUT_ERROR if report.db_error else _exit_code(statuses, report.rejected)
    write_text_atomic(out / MANIFEST, json.dumps(_manifest(report, opts, counts), ensure_ascii=False, indent=2))
    _summary(report, out)
    return report.exit_code
