"""Running documents: a process pool (a crashed worker fails only its own file), or inline.

Workers build each document's tables, and serialise its parts (every format), where it
was processed, so the parent only concatenates: a local worker stages them as files in
the run's staging area (:mod:`pipeline.output.staging`) and returns their paths. A Rich
display shows one bar for the batch and one line per file.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue as queue_mod
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.batch.inputs import display_name
from pipeline.batch.limits import _cpu_guard, _memory_guard
from pipeline.batch.options import BatchOptions, FileEntry, POLL_INTERVAL
from pipeline.batch.warmup import import_all, warm_outputs
from pipeline.batch.outputs import _build_evidence
from pipeline.models import DocumentInfo, DocumentResult

_PROGRESS_QUEUE: Any = None
#: What workers put on the progress queue, each message ``(kind, key, *values)``:
#: ``(PAGE_MESSAGE, key, page, total)`` as pages are read, and
#: ``(LANGUAGE_MESSAGE, key, lang)`` once the report's language is known.
PAGE_MESSAGE = "page"
LANGUAGE_MESSAGE = "language"


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


def _work(key: str, path: str, sha256: str, opts: BatchOptions, cache_dir: str, log_dir: str,
          stage_dir: str | None = None):
    """Process one document in a worker; returns ``(result row, seconds, cached, tables, parts)``.

    ``stage_dir``: where to stage the document's parts as files (their paths are
    returned); None sends them as bytes (a dask worker, which may be on another machine).
    """
    from pipeline.batch.runner import process_document

    def tell(*message) -> None:
        if _PROGRESS_QUEUE is not None:
            with contextlib.suppress(Exception):
                _PROGRESS_QUEUE.put_nowait(message)

    def progress(page: int, total: int) -> None:
        tell(PAGE_MESSAGE, key, page, total)

    def language(lang: str) -> None:
        tell(LANGUAGE_MESSAGE, key, lang)

    t0 = time.perf_counter()
    stats: dict = {}
    with _cpu_guard(opts.timeout), _memory_guard(opts.max_memory_mb):
        res = process_document(Path(path), opts, Path(cache_dir), progress=progress, sha256=sha256,
                               log_dir=Path(log_dir), stats=stats, on_language=language)
    tables = document_tables(res)
    # The parent reads only the document's row from the result (its records are in
    # the tables and parts): the rest is freed here, before the parts are serialised
    # and the return value is pickled.
    row = DocumentResult(document=res.document)
    del res
    release_freed_memory()
    # The tables travel as their parts (staged files, or bytes: bytes pickle as one
    # copy, frames of Python strings cost several times their size): the parent reads
    # their Parquet back (:func:`pipeline.batch.outputs.document_frames`). Only the
    # documents row, which has no part here, goes as a frame.
    light = {"documents": tables.pop("documents")}
    parts = document_parts(tables, opts, Path(stage_dir) / key if stage_dir else None)  # empties ``tables``
    return row, time.perf_counter() - t0, stats.get("cached", False), light, parts


def release_freed_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    The C heap keeps what is freed for its own reuse, but Python objects are allocated
    from arenas of their own, so after a document's result is freed its pages stay
    resident while serialising the parts grows new ones: trimming here took 19 MB off
    a 500-page report's worker peak (issue #14). Costs about a millisecond.
    """
    import ctypes

    # The process's own symbols include the C library's: no library search (which
    # ``ctypes.util.find_library`` does by running ``ldconfig``) on the worker's path.
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).malloc_trim(0)


def document_tables(res: DocumentResult) -> dict:
    """One document's tables, evidence included.

    Built where the document was processed (a worker), so that the parent's
    serial part, which bounds the speed-up from more workers, only concatenates.
    """
    from pipeline.output.records import result_tables

    tables = result_tables([res])
    tables["evidence"] = _build_evidence(tables, [res])
    return tables


def document_parts(tables: dict, opts: BatchOptions, folder: Path | None = None) -> dict:
    """One document's parts but the ``documents`` row, which the parent writes: it names the
    file and may change status after the evidence.

    Staged as files in ``folder`` (:func:`pipeline.output.parts.stage_parts`; each frame is
    removed from ``tables`` once written, so it is freed as soon as the caller holds no
    other reference), else as bytes (:func:`pipeline.output.parts.document_parts`).
    """
    from pipeline.output import parts

    if folder is None:
        return parts.document_parts({k: v for k, v in tables.items() if k != "documents"}, opts.formats)
    tables.pop("documents", None)
    # The frames come from result_tables and _build_evidence: schema frames already.
    return parts.stage_parts(tables, opts.formats, folder, coerce=False)


def _crashed(entry: FileEntry, reason: str) -> tuple:
    """A ``_work``-shaped result for a file whose worker could not return one."""
    info = DocumentInfo(doc_id=entry.doc_id, file=display_name(entry.path), sha256=entry.sha256,
                        status="failed", error=reason)
    with contextlib.suppress(OSError):
        info.bytes = entry.path.stat().st_size
    res = DocumentResult(document=info)
    return res, 0.0, False, document_tables(res), {}


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
    """Import the stages before forking, so workers share them instead of each importing.

    For a dask worker, which forks a child per file. The local pool does not: there
    each worker warms up while its pages are read (:mod:`pipeline.batch.warmup`) and
    the parent imports its output writers while the workers run, so neither import
    is serial time before the first page is read.
    """
    from pipeline.batch.warmup import warm_up

    import_all(("pipeline.layout.extract", "pipeline.layout.ocr"))
    warm_up()


def _process_all(todo: list[FileEntry], opts: BatchOptions, cache_dir: Path, log_dir: Path,
                 ui: _Progress, stage_dir: Path | None = None) -> dict[str, tuple]:
    """Run the documents in a process pool; a crashed worker fails only its own file.

    ``stage_dir``: the run's staging area, where the workers leave the documents' parts.

    When a worker dies (segfault in a native library, the OOM killer), the pool
    breaks and every pending future fails with it. The files that did not finish
    are then re-run one per pool, so only the file that kills its worker again is
    marked failed.
    """
    names = {e.doc_id: display_name(e.path) for e in todo}
    done: dict[str, tuple] = {}
    cores = opts.workers or os.cpu_count() or 1
    workers = max(1, min(cores, len(todo)))
    if len(todo) < cores:
        # Fewer files than cores: the spare cores parse pages of each file.
        opts = replace(opts, page_workers=max(1, cores // len(todo)))
    if len(todo) > workers:
        # More files than workers: each worker takes several, so the stages are
        # imported once here and shared by the forked workers. With a file per
        # worker, each warms up while its pages are read instead (no serial start).
        _preload()
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
                                   str(log_dir), str(stage_dir) if stage_dir else None): e for e in group}
            # Fork pools start every worker at the first submit; keep them to read
            # a dead worker's exit status (the executor forgets its processes).
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pending = set(futures)
            warmed = False
            languages: list[str] = [opts.lang] if opts.lang and opts.lang != "auto" else []
            try:
                while pending:
                    finished, pending = wait(pending, timeout=POLL_INTERVAL, return_when=FIRST_COMPLETED)
                    read = _drain(q, ui, names, languages)
                    if not warmed and (read or finished):
                        # Inside the try: Ctrl-C here ends the workers too. The languages are
                        # those the workers reported: the parent never opens an input file,
                        # which may be hostile, outside a worker's isolation and limits.
                        warm_outputs(database=(opts.db or "").lower() != "none", languages=languages)
                        warmed = True
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
        from pipeline.batch.runner import timeout_reason

        return f"{timeout_reason(opts.timeout)}; stopped by the CPU-time backstop, the file may be hostile"
    if code == -signal.SIGSEGV:
        return "the PDF library crashed on this file (segmentation fault)"
    if code == -signal.SIGKILL:
        return "worker process was killed (out of memory?)"
    if code == -signal.SIGABRT and opts.max_memory_mb:
        return (f"the PDF library aborted, probably on reaching the memory limit "
                f"(--max-memory {opts.max_memory_mb} MB)")
    return f"worker process died (exit status {code})"


def _drain(q, ui: _Progress, names: dict[str, str], languages: list[str] | None = None) -> bool:
    """Show the workers' progress messages; returns whether a document's pages are all read.

    That is when the parent warms up its output writers (:func:`warm_outputs`): the
    worker then runs the later stages on one core and the other is idle until the
    outputs are written. Warming up sooner, while the pages are read, would take CPU
    from the page processes on a machine whose every core is reading. A language
    message names a report's language: added to ``languages``.
    """
    read = False
    while True:
        try:
            kind, key, *values = q.get_nowait()
        except (queue_mod.Empty, OSError, ValueError, EOFError):
            return read
        if kind == PAGE_MESSAGE:
            page, total = values
            ui.page(key, names.get(key, key), page, total)
            read = read or (total > 0 and page >= total)
        elif kind == LANGUAGE_MESSAGE and languages is not None and values[0] not in languages:
            languages.append(values[0])


def _process_inline(todo: list[FileEntry], opts: BatchOptions, cache_dir: Path, log_dir: Path,
                    ui: _Progress, stage_dir: Path | None = None) -> dict[str, tuple]:
    """Run documents in this process (one worker: no pool start-up, same isolation from exceptions).

    ``stage_dir``: where the documents' parts are staged as files (None: kept as bytes).
    """
    from pipeline.batch.runner import process_document

    done = {}
    for e in todo:
        name = display_name(e.path)
        t0 = time.perf_counter()
        stats: dict = {}
        res = process_document(e.path, opts, cache_dir, sha256=e.sha256, log_dir=log_dir, stats=stats,
                               progress=lambda page, total, k=e.doc_id, n=name: ui.page(k, n, page, total))
        tables = document_tables(res)
        folder = Path(stage_dir) / e.doc_id if stage_dir else None
        done[e.doc_id] = (res, time.perf_counter() - t0, stats.get("cached", False), tables,
                          document_parts(dict(tables), opts, folder))  # a copy: the frames are kept
        ui.done(e.doc_id)
    return done
