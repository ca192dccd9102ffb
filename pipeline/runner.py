"""One document, start to finish, isolated: check → layout (cached) → structure → domains → citations.

:func:`process_document` never raises for a problem with the *document*: every
failure becomes a :class:`~pipeline.models.DocumentInfo` status (``failed``,
``partial``, ``needs_ocr``) with a one-line reason, and the full traceback (for
developers) goes to a log file, never to the user's terminal. It runs inside a
worker process of :mod:`pipeline.batch`, so its inputs and result are pickleable.

The layout cache is keyed by the file's content hash *and* a fingerprint of the
layout and OCR code: re-running a batch skips PDF parsing and OCR (the slow part)
for unchanged files, while structure, domain and citation rules, which change
often, always re-apply to the cached layout. ``force`` ignores the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pipeline.models import DocumentInfo, DocumentResult
from pipeline.pdfcheck import BadInputError, check_pdf, parser_error_reason

DOC_ID_LENGTH = 16
HASH_CHUNK = 1 << 20
#: Files (globs under ``pipeline/``) whose code or data shape a cached layout; editing
#: one invalidates the cache. The layout stage reads the structure data (furniture,
#: hyphenation) through :mod:`pipeline.lexicon`, so those YAML files count too.
LAYOUT_SOURCES = ("layout.py", "layout_page.py", "footnotes.py", "tables.py", "textjoin.py", "ocr.py",
                  "lexicon.py", "data/structure/*.yaml")
CACHE_FORMAT = 1

ProgressFn = Callable[[int, int], None]


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's content."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(HASH_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def doc_id_for(sha256: str) -> str:
    """A document's id: the first 16 hex digits of its content hash (a renamed copy keeps it)."""
    return sha256[:DOC_ID_LENGTH]


def code_fingerprint() -> str:
    """Hash of the layout-stage sources, so a changed layout algorithm never reuses stale caches."""
    h = hashlib.sha256(f"cache-format-{CACHE_FORMAT}".encode())
    here = Path(__file__).resolve().parent
    for pattern in LAYOUT_SOURCES:
        for p in sorted(here.glob(pattern)):
            h.update(p.relative_to(here).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def sweep_cache(cache_dir: Path) -> int:
    """Delete cached layouts made by other versions of the layout code; returns how many."""
    current = f"-{code_fingerprint()}-"
    n = 0
    for p in Path(cache_dir).glob("*.pkl"):
        if current not in p.name:
            with contextlib.suppress(OSError):
                p.unlink()
                n += 1
    return n


class DocumentTimeout(Exception):
    """The per-file time limit was reached."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this thread after ``seconds`` (POSIX, main thread only).

    A hostile PDF (a content stream that expands to gigabytes, a page tree of
    millions of nodes) can keep pdfminer busy for hours; an interval timer turns
    that into a per-file failure instead of a hung batch. Where signals are not
    available (another thread, Windows) the limit is not enforced.
    """
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def _raise(signum, frame):  # noqa: ARG001
        raise DocumentTimeout(f"timed out after {seconds:g} s (raise --timeout to allow more)")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _one_line(err: BaseException) -> str:
    msg = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {msg}" if msg else type(err).__name__


def _write_log(log_dir: Path | None, doc_id: str, text: str) -> None:
    if log_dir is None:
        return
    with contextlib.suppress(OSError):
        from pipeline.records import write_text_atomic

        write_text_atomic(Path(log_dir) / f"{doc_id}.log", text)


def _cache_path(cache_dir: Path, sha256: str, opts: Any, ocr_on: bool) -> Path:
    key = f"{sha256}-{code_fingerprint()}-{getattr(opts, 'lang', 'auto')}-ocr{int(ocr_on)}"
    return Path(cache_dir) / f"{key}.pkl"


def load_layout(path: Path, sha256: str, opts: Any, cache_dir: Path | None,
                progress: ProgressFn | None = None) -> tuple[Any, bool]:
    """The document's layout, from the cache when fresh; returns ``(layout, cached)``."""
    from pipeline.layout import extract_layout
    from pipeline.ocr import ocr_page, tesseract_available, tesseract_langs

    lang = getattr(opts, "lang", "auto") or "auto"
    ocr_on = getattr(opts, "ocr", True) and tesseract_available(tesseract_langs(lang))
    cache = _cache_path(cache_dir, sha256, opts, ocr_on) if cache_dir else None
    if cache is not None and cache.exists() and not getattr(opts, "force", False):
        try:
            with open(cache, "rb") as fh:
                return pickle.load(fh), True
        except Exception:  # noqa: BLE001 - a damaged cache entry is just re-made
            cache.unlink(missing_ok=True)
    layout = extract_layout(path, ocr=ocr_page if ocr_on else None,
                            max_pages=getattr(opts, "max_pages", None), progress=progress, lang=lang,
                            workers=getattr(opts, "page_workers", 1) or 1)
    if cache is not None:
        from pipeline.records import atomic_path

        with contextlib.suppress(OSError), atomic_path(cache) as tmp:
            with open(tmp, "wb") as fh:
                pickle.dump(layout, fh, protocol=pickle.HIGHEST_PROTOCOL)
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
            citations, acts = extract_citations(result.paragraphs, result.document.doc_id, lang)
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
                     log_dir: Path | None = None, stats: dict | None = None) -> DocumentResult:
    """Process one file; never raises for a bad document.

    Args:
        path: The input file.
        opts: Options with ``lang``, ``max_pages``, ``timeout``, ``force`` (and
            optionally ``ocr: bool``), e.g. :class:`pipeline.batch.BatchOptions`.
        cache_dir: Layout cache folder (None: no cache).
        progress: Called as ``progress(page, page_count)`` while parsing.
        sha256: The file's hash when the caller already has it.
        log_dir: Where to write a traceback when a stage crashes.
        stats: Filled with ``cached`` (layout came from the cache) when given.

    Returns:
        The document's records; ``result.document.status`` is ``ok``,
        ``partial``, ``needs_ocr`` or ``failed`` with ``error`` saying why.
    """
    path = Path(path)
    sha = sha256 or (file_sha256(path) if path.is_file() else hashlib.sha256(str(path).encode()).hexdigest())
    info = DocumentInfo(doc_id=doc_id_for(sha), file=str(path), sha256=sha)
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
            layout, cached = load_layout(path, sha, opts, cache_dir, progress)
            if stats is not None:
                stats["cached"] = cached
            info.language = layout.language if lang == "auto" else lang
            info.warnings.extend(getattr(layout, "warnings", []))
            stage = "structure"
            from pipeline.structure import build_document

            result = build_document(layout, info)
            info = result.document
            stage = "enrich"
            _enrich(result, info.language or "auto", problems)
    except DocumentTimeout as err:
        info.status, info.error = "failed", str(err)
        result.sections, result.paragraphs, result.citations, result.acts = [], [], [], []
        return result
    except BadInputError as err:
        info.status, info.error = "failed", err.reason
        return result
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the batch
        _write_log(log_dir, info.doc_id, f"{path}\n{traceback.format_exc()}")
        if type(err).__name__ in {"PdfminerException", "PDFSyntaxError", "PSEOF", "PDFException"}:
            reason = parser_error_reason(err)
        elif isinstance(err, ValueError) and stage == "layout" and "exceeds the limit" in str(err):
            reason = f"too many pages: {err}"
        elif isinstance(err, MemoryError):
            reason = "out of memory while parsing"
        else:
            reason = f"internal error in {stage} stage ({_one_line(err)})"
        info.status, info.error = "failed", reason
        result.sections, result.paragraphs, result.citations, result.acts = [], [], [], []
        return result

    info.pages = getattr(layout, "page_count", info.pages) or info.pages
    info.ocr_pages = sorted({p.page for p in result.paragraphs if p.ocr})
    needs = list(getattr(layout, "needs_ocr_pages", []))
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
