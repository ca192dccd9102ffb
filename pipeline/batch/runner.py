"""One document, start to finish, isolated: check → layout (cached) → structure → domains → citations.

:func:`process_document` never raises for a problem with the *document*: every
failure becomes a :class:`~pipeline.models.DocumentInfo` status (``failed``,
``partial``, ``needs_ocr``) with a one-line reason, and the full traceback (for
developers) goes to a log file, never to the user's terminal. It runs inside a
worker process of :mod:`pipeline.batch.run`, so its inputs and result are pickleable.

The layout cache is keyed by the file's content hash *and* a fingerprint of the
layout and OCR code: re-running a batch skips PDF parsing and OCR (the slow part)
for unchanged files, while structure, domain and citation rules, which change
often, always re-apply to the cached layout. ``force`` ignores the cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pipeline.batch import cache
from pipeline.batch.fingerprint import package_version
from pipeline.batch.inputs import DOC_ID_LENGTH, display_name, doc_id_for, file_sha256
from pipeline.models import DocumentInfo, DocumentResult
from pipeline.layout.pdfcheck import BadInputError, check_pdf, parser_error_reason

#: Files (globs under ``pipeline/``) whose code or data shape a cached layout; editing
#: one invalidates the cache. The layout stage reads the structure data (furniture,
#: hyphenation) through :mod:`pipeline.lexicon`, so those YAML files count too.
LAYOUT_SOURCES = ("layout/*.py", "lexicon.py", "batch/cache.py", "data/structure/*.yaml")

ProgressFn = Callable[[int, int], None]


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package version and layout-stage sources, so a changed layout
    algorithm never reuses stale caches. Computed once per process: every document
    asks for it, and the sources do not change under a running batch."""
    h = hashlib.sha256(f"cache-format-{cache.CACHE_FORMAT}-{package_version()}".encode())
    here = Path(__file__).resolve().parents[1]  # pipeline/
    for pattern in LAYOUT_SOURCES:
        for p in sorted(here.glob(pattern)):
            h.update(p.relative_to(here).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def sweep_cache(cache_dir: Path) -> int:
    """Delete cached layouts made by other versions of the layout code, and any
    entry of an older format (pickles included, which are never loaded); returns how many."""
    current = f"-{code_fingerprint()}-"
    n = 0
    stale = [*Path(cache_dir).glob("*.pkl"), *Path(cache_dir).glob(f"*{cache.SUFFIX}")]
    for p in stale:
        if current not in p.name or not p.name.endswith(cache.SUFFIX):
            with contextlib.suppress(OSError):
                p.unlink()
                n += 1
    return n


class DocumentTimeout(BaseException):
    """The per-file time limit was reached.

    A ``BaseException``, like ``KeyboardInterrupt``: the stages isolate their own
    failures with ``except Exception``, and a time limit caught there would be
    swallowed (the one-shot timer never fires again and the file runs unbounded).
    """


def timeout_reason(seconds: float | None) -> str:
    """The one wording of a per-file time-limit failure, whichever guard caught it."""
    return f"timed out: exceeded the time limit of {seconds or 0:g} s per file (raise --timeout to allow more)"


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this thread after ``seconds`` (POSIX, main thread only).

    A hostile PDF (a content stream that expands to gigabytes, a page tree of
    millions of nodes) can keep pdfminer busy for hours; an interval timer turns
    that into a per-file failure instead of a hung batch. Where signals are not
    available (another thread, Windows) the limit is checked at stage boundaries
    only (:func:`check_deadline`).
    """
    global _DEADLINE
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    outer = _DEADLINE
    if seconds and seconds > 0:
        _DEADLINE = (time.monotonic() + float(seconds), float(seconds))
    if not usable:
        try:
            yield
        finally:
            _DEADLINE = outer
        return

    def _raise(signum, frame):  # noqa: ARG001
        raise DocumentTimeout(timeout_reason(seconds))

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        _DEADLINE = outer


#: ``(monotonic deadline, seconds)`` of the file being processed, for :func:`check_deadline`.
_DEADLINE: tuple[float, float] | None = None


def check_deadline() -> None:
    """Raise :class:`DocumentTimeout` when the current file's time is up.

    Called at stage boundaries, so the limit holds even where the timer signal
    cannot be delivered (a worker thread) or was delayed by a long native call.
    """
    if _DEADLINE is not None and time.monotonic() > _DEADLINE[0]:
        raise DocumentTimeout(timeout_reason(_DEADLINE[1]))


def _one_line(err: BaseException) -> str:
    msg = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {msg}" if msg else type(err).__name__


def _write_log(log_dir: Path | None, doc_id: str, text: str) -> None:
    if log_dir is None:
        return
    with contextlib.suppress(OSError):
        from pipeline.output.atomic import write_text_atomic

        write_text_atomic(Path(log_dir) / f"{doc_id}.log", text)


def cache_key(sha256: str, opts: Any, ocr_on: bool) -> str:
    """What a cached layout depends on: content, package and layout code, options."""
    return f"{sha256}-{code_fingerprint()}-{getattr(opts, 'lang', 'auto')}-ocr{int(ocr_on)}"


def load_layout(path: Path, sha256: str, opts: Any, cache_dir: Path | None,
                progress: ProgressFn | None = None,
                on_language: Callable[[str], None] | None = None) -> tuple[Any, bool]:
    """The document's layout, from the cache when fresh; returns ``(layout, cached)``.

    ``on_language`` is told the report's language as soon as it is known (a guess
    from PDFium's text of the first pages while they are read; a cached layout's own),
    so that the batch's parent can warm up for it without opening the file itself.
    """
    from pipeline.layout import extract_layout
    from pipeline.layout.ocr import ocr_page, tesseract_available, tesseract_langs

    lang = getattr(opts, "lang", "auto") or "auto"
    ocr_on = getattr(opts, "ocr", True) and tesseract_available(tesseract_langs(lang))
    key = cache_key(sha256, opts, ocr_on)
    entry = Path(cache_dir) / f"{key}{cache.SUFFIX}" if cache_dir else None
    if entry is not None and not getattr(opts, "force", False):
        layout = cache.load(entry, key)
        if layout is not None:
            if on_language is not None and layout.language:
                on_language(layout.language)
            if progress is not None:
                progress(layout.page_count, layout.page_count)  # every page is read (earlier)
            return layout, True
    from pipeline.batch.warmup import warm_up

    def while_reading(guess: str, sample: str) -> None:
        if on_language is not None and guess and guess != "auto":
            on_language(guess)
        warm_up(guess, sample)

    layout = extract_layout(path, ocr=ocr_page if ocr_on else None,
                            max_pages=getattr(opts, "max_pages", None), progress=progress, lang=lang,
                            workers=getattr(opts, "page_workers", 1) or 1,
                            while_reading=while_reading)
    check_deadline()
    if entry is not None:
        cache.save(entry, layout, key)
    return layout, False


def _enrich(result: DocumentResult, lang: str, problems: list[str]) -> None:
    """Run the domain and citation stages when installed; a failure is noted, not fatal."""
    try:
        from pipeline.domains import assign_domains
    except ImportError:
        assign_domains = None
    if assign_domains is not None:
        try:
            ret = assign_domains(result.paragraphs, result.sections, lang)
            if isinstance(ret, list) and ret and hasattr(ret[0], "paragraph_id"):
                result.paragraphs = ret
        except Exception as err:  # noqa: BLE001 - isolate the stage
            problems.append(f"domain stage failed ({_one_line(err)})")
    try:
        from pipeline.citations import extract_citations
    except ImportError:
        extract_citations = None
    if extract_citations is not None:
        try:
            citations, acts = extract_citations(result.paragraphs, result.document.doc_id, lang, problems=problems)
            result.citations, result.acts = list(citations), list(acts)
        except Exception as err:  # noqa: BLE001 - isolate the stage
            result.citations, result.acts = [], []
            problems.append(f"citation stage failed ({_one_line(err)})")


def _pages(pages: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``1-3, 7``."""
    out, run = [], []
    for p in sorted(pages):
        if run and p == run[-1] + 1:
            run.append(p)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [p]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


def process_document(path: Path, opts: Any, cache_dir: Path | None = None, *,
                     progress: ProgressFn | None = None, sha256: str | None = None,
                     log_dir: Path | None = None, stats: dict | None = None,
                     on_language: Callable[[str], None] | None = None) -> DocumentResult:
    """Process one file; never raises for a bad document.

    Args:
        path: The input file.
        opts: Options with ``lang``, ``max_pages``, ``timeout``, ``force`` (and
            optionally ``ocr: bool``), e.g. :class:`pipeline.batch.run.BatchOptions`.
        cache_dir: Layout cache folder (None: no cache).
        progress: Called as ``progress(page, page_count)`` while parsing.
        sha256: The file's hash when the caller already has it.
        log_dir: Where to write a traceback when a stage crashes.
        stats: Filled with ``cached`` (layout came from the cache) when given.
        on_language: Told the report's language once it is known (see :func:`load_layout`).

    Returns:
        The document's records; ``result.document.status`` is ``ok``,
        ``partial``, ``needs_ocr`` or ``failed`` with ``error`` saying why.
    """
    path = Path(path)
    if sha256 is None:
        try:
            sha256 = file_sha256(path)
        except OSError:  # check_pdf below says why in words
            sha256 = hashlib.sha256(os.fsencode(path)).hexdigest()
    sha = sha256
    info = DocumentInfo(doc_id=doc_id_for(sha), file=display_name(path), sha256=sha)
    result = DocumentResult(document=info)
    check = check_pdf(path, max_pages=getattr(opts, "max_pages", None))
    info.bytes, info.pages = check.bytes, check.pages
    if not check.ok:
        info.status, info.error = "failed", check.reason
        return result
    problems: list[str] = list(check.warnings)
    lang = getattr(opts, "lang", "auto") or "auto"
    stage = "layout"
    try:
        with time_limit(getattr(opts, "timeout", None)):
            layout, cached = load_layout(path, sha, opts, cache_dir, progress, on_language)
            if stats is not None:
                stats["cached"] = cached
            info.language = layout.language if lang == "auto" else lang
            info.warnings.extend(getattr(layout, "warnings", []))
            problems.extend(getattr(layout, "problems", []))
            check_deadline()
            stage = "structure"
            from pipeline.structure import build_document

            result = build_document(layout, info)
            # What the checks below need, kept; the layout itself (every block of
            # every page) is freed before the later stages run.
            page_count = getattr(layout, "page_count", None)
            needs = list(getattr(layout, "needs_ocr_pages", []))
            del layout
            info = result.document
            check_deadline()
            stage = "enrich"
            _enrich(result, info.language or "auto", problems)
            check_deadline()
            # --- report metadata (country, year, round…; pipeline/corpus/metadata.py), --meta rows applied
            try:
                from pipeline.corpus.metadata import document_metadata

                document_metadata(result, path, opts)
            except Exception as err:  # noqa: BLE001 - isolate the stage
                problems.append(f"metadata stage failed ({_one_line(err)})")
    except DocumentTimeout as err:
        info.status, info.error = "failed", str(err)
        result.sections, result.paragraphs, result.citations, result.acts = [], [], [], []
        return result
    except BadInputError as err:
        info.status, info.error = "failed", err.reason
        return result
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the batch
        _write_log(log_dir, info.doc_id, f"{display_name(path)}\n{traceback.format_exc()}")
        if type(err).__name__ in {"PdfminerException", "PDFSyntaxError", "PSEOF", "PDFException"}:
            reason = parser_error_reason(err)
        elif isinstance(err, ValueError) and stage == "layout" and "exceeds the limit" in str(err):
            reason = f"too many pages: {err}"
        elif isinstance(err, MemoryError) or (
                isinstance(err, SystemError) and getattr(opts, "max_memory_mb", None)):
            # Under a memory limit, a C extension whose allocation fails may return
            # NULL without setting MemoryError; Python then raises SystemError.
            limit = getattr(opts, "max_memory_mb", None)
            reason = (f"out of memory in {stage} stage: exceeded the memory limit (--max-memory {limit} MB)"
                      if limit else f"out of memory in {stage} stage")
        else:
            reason = f"internal error in {stage} stage ({_one_line(err)})"
        info.status, info.error = "failed", reason
        result.sections, result.paragraphs, result.citations, result.acts = [], [], [], []
        return result

    info.pages = page_count or info.pages
    info.ocr_pages = sorted({p.page for p in result.paragraphs if p.ocr})
    content = [p for p in result.paragraphs if p.kind != "furniture"]
    why = ("OCR is turned off" if not getattr(opts, "ocr", True) else
           "Tesseract (tesseract-ocr-rus/-eng) is not installed: run scripts/setup-system.sh ocr")
    if needs and not content:
        info.status = "needs_ocr"
        info.error = f"no text layer on page(s) {_pages(needs)} and {why}"
    elif needs:
        info.status = "partial"
        problems.insert(0, f"page(s) {_pages(needs)} have no text layer and {why}")
    elif problems:
        info.status = "partial"
    if problems and info.status != "needs_ocr":
        info.status = "partial"
        info.error = "; ".join(problems)
    if not content and info.status == "ok" and not info.warnings:
        info.warnings.append("empty document: no text on any page (0 sections, 0 paragraphs)")
    if info.ocr_pages:
        info.warnings.append(f"page(s) {_pages(info.ocr_pages)} read by OCR")
    return result
