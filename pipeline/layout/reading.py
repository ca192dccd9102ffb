"""Reading a PDF's pages: characters, words and graphics of each page, with OCR where the
text layer is unusable; large documents are read by a pool of page processes
(a stalled or killed pool is ended, never left behind).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pdfplumber

from pipeline.layout.fastchars import speed_up
from pipeline.layout.orient import TurnedPage, best_turn, turn_counts
from pipeline.layout.pagestore import PageSpill, spill_writer, summarize
from pipeline.layout.page import Line
from pipeline.layout.lines import page_lines
from pipeline.layout.tables import RawTable, find_tables
from pipeline.layout.textcheck import count_text, parser_messages

#: A page whose text layer yields fewer characters than this is treated as blank.
MIN_TEXT_CHARS = 20
#: Documents shorter than this are read in one process.
PARALLEL_MIN_PAGES = 8
#: Seconds to wait for a killed page process to be reaped, and how often to try.
PAGE_POOL_JOIN_S = 0.5
PAGE_POOL_KILL_TRIES = 10

OcrFn = Callable[["pdfplumber.page.Page", str], list[dict]]
ProgressFn = Callable[[int, int], None]


@dataclass
class PageRead:
    """First-pass result for one page (pickleable: crosses process boundaries)."""

    number: int
    lines: list[Line] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    state: str = "text"  # text | ocr | needs_ocr | empty
    ocr_conf: float | None = None
    turn: int = 0  # degrees the page was turned so that its text is upright (pipeline.layout.orient)
    size: tuple[float, float] | None = None  # the turned page's size (width, height) when turned
    chars: int = 0  # non-blank characters kept in lines and table cells
    other_direction: int = 0  # non-blank characters running another way, left out
    messages: list[str] = field(default_factory=list)  # pdfminer warnings while reading the page
    # A summary (pipeline.layout.pagestore.summarize) has no lines and tables, but these:
    margins: list[tuple[str, str]] = field(default_factory=list)  # (zone, text) of its margin lines
    sizes: dict[float, int] = field(default_factory=dict)  # characters per line size (half points)
    texts: list[str] = field(default_factory=list)  # its lines' texts (first pages: the language)


def read_pages(path: str, start: int, stop: int, ocr: OcrFn | None, lang: str,
               progress: ProgressFn | None = None, total: int = 0, spill: str | None = None) -> list[PageRead]:
    """First pass over pages ``start..stop-1`` (0-based): lines and tables.

    Everything here depends on one page only, so page ranges can be read in
    parallel processes; what needs the whole document (furniture, footnote
    numbering, continued tables and paragraphs) happens afterwards. With ``spill``
    (a file of :class:`pipeline.layout.pagestore.PageSpill`), each read is written
    there and only its summary is returned, so that memory does not grow with pages.
    """
    try:
        from pipeline.layout.ocr import text_layer_usable
    except ImportError:  # pragma: no cover - OCR module not installed
        def text_layer_usable(page) -> bool:
            return len(page.chars) >= MIN_TEXT_CHARS

    out: list[PageRead] = []
    with pdfplumber.open(path) as pdf, (spill_writer(spill) if spill else contextlib.nullcontext()) as write:
        for i in range(start, stop):
            page = speed_up(pdf.pages[i])
            read = PageRead(number=i + 1)
            with parser_messages() as messages:
                _read_page(page, read, ocr, lang, text_layer_usable)
            read.messages = messages
            if write is not None:
                write(read)
                read = summarize(read, (read.size or (float(page.width), float(page.height)))[1])
            out.append(read)
            page.flush_cache()
            if progress:
                progress(i + 1, total)
    return out


def _read_page(page, read: PageRead, ocr: OcrFn | None, lang: str, text_layer_usable) -> None:
    """Fill ``read`` from one pdfplumber page (see :func:`read_pages`).

    A page whose text mostly runs another way than left to right (``/Rotate``, a
    landscape table drawn turned) is read through :class:`pipeline.layout.orient.TurnedPage`,
    upright; OCR always sees the page as displayed.
    """
    counts = turn_counts(page.chars)
    turn = best_turn(counts)
    view = TurnedPage(page, turn) if turn else page
    words = None
    if not text_layer_usable(view):
        if not page.chars and not page.images:
            read.state = "empty"  # nothing to read, with or without OCR
            return
        if ocr is None:
            read.state = "needs_ocr" if (page.chars or page.images) else "empty"
            return
        words = ocr(page, lang if lang != "auto" else "rus+eng")
        read.tables = list(getattr(words, "tables", None) or [])  # ruled tables found on the image
        read.state = "ocr"
        confs = [w["conf"] for w in words if w.get("conf") is not None]
        read.ocr_conf = sum(confs) / len(confs) if confs else 0.0
        view = page
    else:
        read.tables = find_tables(view)
        read.other_direction = sum(n for t, n in counts.items() if t != turn)
        if turn:
            read.turn, read.size = turn, (float(view.width), float(view.height))
    read.lines = page_lines(view, words=words, exclude=[t.bbox for t in read.tables])
    read.chars = (sum(count_text(ln.text) + sum(len(m) for _, m in ln.markers) for ln in read.lines)
                  + sum(count_text(c or "") for t in read.tables for _, cells in t.rows for c in cells))


def _read_all(path: Path, n: int, ocr: OcrFn | None, lang: str, workers: int,
              progress: ProgressFn | None, while_reading: Callable[[], None] | None = None,
              spill: PageSpill | None = None) -> list[PageRead]:
    """All pages' first pass, in page-range chunks over ``workers`` processes.

    ``while_reading`` is called once in this process while the page processes read
    (after they have been forked, so that no thread or half-done import is copied
    into them); read in one process, it is called first. With ``spill``, the reads
    go there and their summaries are returned (see :func:`read_pages`): page
    processes then send back summaries only.
    """
    if workers <= 1 or n < PARALLEL_MIN_PAGES:
        if while_reading is not None:
            while_reading()
        return read_pages(str(path), 0, n, ocr, lang, progress, n, spill=spill.file(0) if spill else None)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    bounds = [round(k * n / workers) for k in range(workers + 1)]
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
    try:
        futures = [pool.submit(read_pages, str(path), a, b, ocr, lang, spill=spill.file(a) if spill else None)
                   for a, b in zip(bounds, bounds[1:])]
        if while_reading is not None:
            # A fork pool starts every process at the first submit: this process is
            # idle from here until the first chunk is read.
            while_reading()
        reads: list[PageRead] = []
        for fut, b in zip(futures, bounds[1:]):
            reads.extend(fut.result())
            if progress:
                progress(b, n)
    except BaseException:
        # The file's time limit (or Ctrl-C) arrived while pages were being read: end
        # the page processes now. Leaving the pool's context manager instead would
        # wait for them to finish their pages, overrunning the limit two or three times.
        _kill_pool(pool, before)
        raise
    pool.shutdown(wait=True)
    return reads


def _kill_pool(pool, before: set) -> None:
    """Stop a process pool without waiting for its work (the executor has no public way).

    The children started since ``before`` are ended too: a time limit that fires
    while the pool forks a process leaves one that the pool has not registered yet.
    """
    import multiprocessing

    procs = list((getattr(pool, "_processes", None) or {}).values())
    procs += [p for p in multiprocessing.active_children() if p not in before and p not in procs]
    pool.shutdown(wait=False, cancel_futures=True)
    # Shutting down wakes the pool's manager thread; look again for children it started.
    procs += [p for p in multiprocessing.active_children() if p not in before and p not in procs]
    # A child caught in the middle of being forked may outlive the first SIGKILL:
    # send it again until every child is gone (bounded).
    for _ in range(PAGE_POOL_KILL_TRIES):
        alive = [p for p in procs if _alive(p)]
        if not alive:
            break
        for proc in alive:
            with contextlib.suppress(Exception):
                proc.kill()
        for proc in alive:
            with contextlib.suppress(Exception):
                proc.join(PAGE_POOL_JOIN_S)


def _alive(proc) -> bool:
    try:
        return proc.is_alive()
    except Exception:  # noqa: BLE001 - a closed or never-started process is not alive
        return False
