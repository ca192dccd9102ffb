"""Bad and hostile inputs: each gets its documented status and a one-line reason, never a traceback."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.layout import pdfcheck
from pipeline.layout.pdfcheck import check_pdf, parser_error_reason
from pipeline.batch.runner import process_document

# file → (check code, document status, words the reason must contain)
BAD = {
    "empty.pdf": (pdfcheck.EMPTY, "failed", ["empty"]),
    "not-a-pdf.pdf": (pdfcheck.NOT_PDF, "failed", ["not a pdf"]),
    "truncated.pdf": (pdfcheck.TRUNCATED, "failed", ["truncated"]),
    "encrypted.pdf": (pdfcheck.ENCRYPTED, "failed", ["encrypted", "password"]),
    "image-only.pdf": (pdfcheck.OK, None, []),  # status depends on Tesseract: see below
    "blank.pdf": (pdfcheck.OK, "ok", []),
}


@pytest.fixture(scope="module")
def sample_excerpt(sample_pdf, tmp_path_factory) -> Path:
    """The sample's first three pages: a good document for tests that break a stage after
    the layout (the layout itself does not matter to them; the whole report costs 4 s)."""
    import pypdfium2 as pdfium

    new = pdfium.PdfDocument.new()
    new.import_pages(pdfium.PdfDocument(str(sample_pdf)), [0, 1, 2])
    path = tmp_path_factory.mktemp("excerpt") / "sample-p1-3.pdf"
    new.save(str(path))
    return path


def _opts(**kw):
    base = dict(lang="auto", max_pages=500, timeout=120.0, force=True, ocr=True)
    base.update(kw)
    return SimpleNamespace(**base)


def test_the_corpus_holds_every_documented_bad_file(bad_dir):
    assert sorted(p.name for p in bad_dir.glob("*.pdf")) == sorted(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_check_pdf_classifies_by_content(bad_dir, name):
    code, _, words = BAD[name]
    check = check_pdf(bad_dir / name, max_pages=500)
    assert check.code == code
    assert check.ok == (code == pdfcheck.OK)
    if not check.ok:
        assert "\n" not in check.reason and "Traceback" not in check.reason
        for w in words:
            assert w in check.reason.lower()


@pytest.mark.parametrize("content, code", [
    (b"", pdfcheck.EMPTY),
    (b"<!DOCTYPE html><html><body>404</body></html>", pdfcheck.NOT_PDF),
    (b"PK\x03\x04" + b"\x00" * 40, pdfcheck.NOT_PDF),
    (b"%PDF-1.7\n" + b"garbage " * 200, pdfcheck.TRUNCATED),  # header but no body, no %%EOF
    (b"%PDF-1.7\n" + b"garbage " * 200 + b"\n%%EOF\n", pdfcheck.CORRUPT),
])
def test_check_pdf_hand_made_inputs(tmp_path, content, code):
    f = tmp_path / "x.pdf"
    f.write_bytes(content)
    assert check_pdf(f).code == code


def test_check_pdf_names_html_and_missing_files(tmp_path):
    f = tmp_path / "page.pdf"
    f.write_text("<html><body>Not found</body></html>")
    assert "HTML" in check_pdf(f).reason
    missing = check_pdf(tmp_path / "nope.pdf")
    assert missing.code == pdfcheck.NOT_FOUND and "not found" in missing.reason


@pytest.mark.parametrize("max_pages, max_bytes, code", [
    (0, None, pdfcheck.TOO_MANY_PAGES),
    (1, None, pdfcheck.OK),
    (None, 100, pdfcheck.TOO_LARGE),
    (None, 10_000, pdfcheck.OK),
])
def test_guard_rails_page_and_size_limits(bad_dir, max_pages, max_bytes, code):
    assert check_pdf(bad_dir / "blank.pdf", max_pages=max_pages, max_bytes=max_bytes).code == code


def test_parser_error_reason_unwraps_pdfplumber(bad_dir):
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    with pytest.raises(PdfminerException) as info:
        pdfplumber.open(bad_dir / "encrypted.pdf")
    assert parser_error_reason(info.value).startswith("encrypted PDF")
    assert parser_error_reason(ValueError("bad xref\nmore")) == "could not parse PDF: bad xref"


@pytest.mark.parametrize("name", ["empty.pdf", "not-a-pdf.pdf", "truncated.pdf", "encrypted.pdf", "blank.pdf"])
def test_process_document_gives_documented_status(bad_dir, tmp_path, name):
    _, status, words = BAD[name]
    res = process_document(bad_dir / name, _opts(), tmp_path / "cache", log_dir=tmp_path / "logs")
    info = res.document
    assert info.status == status
    assert len(info.doc_id) == 16 and info.sha256.startswith(info.doc_id)
    if status == "failed":
        assert all(w in info.error.lower() for w in words)
        assert res.paragraphs == [] and res.sections == []
        assert not (tmp_path / "logs").exists()  # a known bad input is not a crash
    if name == "blank.pdf":
        # README: parse successfully, an empty document with a warning.
        assert info.pages == 1 and res.paragraphs == [] and info.warnings
        assert info.error is None


def test_image_only_without_ocr_is_needs_ocr_not_empty_success(bad_dir, tmp_path):
    res = process_document(bad_dir / "image-only.pdf", _opts(ocr=False), None)
    assert res.document.status == "needs_ocr"
    assert res.document.error == "no text layer on page(s) 1-3 and OCR is turned off"


def test_image_only_without_tesseract_says_how_to_install(bad_dir, monkeypatch):
    import pipeline.layout.ocr

    monkeypatch.setattr(pipeline.layout.ocr, "tesseract_available", lambda langs="": False)
    res = process_document(bad_dir / "image-only.pdf", _opts(), None)
    assert res.document.status == "needs_ocr"
    assert "tesseract" in res.document.error.lower() and "setup-system.sh" in res.document.error


@pytest.mark.parametrize("limit, status", [(0, "failed"), (500, "ok")])
def test_page_limit_is_configurable(sample_pdf, tmp_path, limit, status):
    res = process_document(sample_pdf, _opts(max_pages=limit), tmp_path)
    assert res.document.status == status
    if status == "failed":
        assert "too many pages" in res.document.error and "--max-pages" in res.document.error


def test_time_limit_fails_the_file_cleanly(sample_pdf, tmp_path):
    res = process_document(sample_pdf, _opts(timeout=0.05), tmp_path)
    assert res.document.status == "failed"
    assert "timed out" in res.document.error and "--timeout" in res.document.error
    assert res.paragraphs == []


def test_a_crashing_stage_is_one_line_and_logged(sample_excerpt, tmp_path, monkeypatch):
    import pipeline.structure

    def boom(layout, info):
        raise RuntimeError("structure exploded\nsecond line")

    monkeypatch.setattr(pipeline.structure, "build_document", boom)
    res = process_document(sample_excerpt, _opts(force=False), tmp_path / "cache", log_dir=tmp_path / "logs")
    assert res.document.status == "failed"
    assert res.document.error == "internal error in structure stage (RuntimeError: structure exploded)"
    log = next((tmp_path / "logs").glob("*.log")).read_text()
    assert "Traceback" in log and "structure exploded" in log


def test_missing_file(tmp_path):
    res = process_document(Path(tmp_path / "gone.pdf"), _opts(), None)
    assert res.document.status == "failed" and "not found" in res.document.error


def test_truncated_but_recoverable_file_is_partial(sample_pdf, tmp_path):
    data = sample_pdf.read_bytes()
    cut = data[: data.rindex(b"%%EOF")]  # only the end marker is missing
    f = tmp_path / "no-eof.pdf"
    f.write_bytes(cut)
    check = check_pdf(f)
    assert check.ok and "%%EOF" in check.warnings[0]
    res = process_document(f, _opts(), None)
    assert res.document.status == "partial" and "%%EOF" in res.document.error
    assert len(res.paragraphs) > 100  # the records are kept


def test_mixed_document_without_ocr_is_partial(sample_pdf, bad_dir, tmp_path):
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(sample_pdf)), [1])
    mixed.import_pages(pdfium.PdfDocument(str(bad_dir / "image-only.pdf")), [2])
    f = tmp_path / "mixed.pdf"
    mixed.save(str(f))
    res = process_document(f, _opts(ocr=False), None)
    assert res.document.status == "partial"
    assert res.document.error.startswith("page(s) 2 have no text layer")
    assert {p.page for p in res.paragraphs} == {1}


def _stall(*args, **kwargs):
    """A page process that would take far longer than any time limit."""
    import time

    time.sleep(PAGE_STALL_S)
    return []


#: How long a stalled page process would run if it were waited for.
PAGE_STALL_S = 60


def test_time_limit_holds_while_pages_are_read_in_parallel(sample_pdf, tmp_path, monkeypatch):
    """Regression: with a page pool the limit was overrun 2-3x while the pool finished its pages.

    The page processes stall for a minute: a run that waited for them would take that
    long; one that kills them ends at the limit (bounds far apart, so load cannot matter).
    """
    import multiprocessing
    import time

    import pipeline.layout.reading

    monkeypatch.setattr(pipeline.layout.reading, "read_pages", _stall)
    opts = _opts(timeout=0.5, force=True)
    opts.page_workers = 2
    t0 = time.monotonic()
    res = process_document(sample_pdf, opts, tmp_path)
    elapsed = time.monotonic() - t0
    assert res.document.status == "failed" and "timed out" in res.document.error
    assert elapsed < PAGE_STALL_S / 4
    # That the page processes are ended is asserted deterministically by the next test;
    # here a stalled child is cleaned up so that it cannot leak into later tests.
    for child in multiprocessing.active_children():
        child.kill()
        child.join()


@pytest.mark.parametrize("error, limit, expect", [
    (MemoryError(), 256, "exceeded the memory limit (--max-memory 256 MB)"),
    (MemoryError(), None, "out of memory in structure stage"),
    (SystemError("error return without exception set"), 256, "exceeded the memory limit"),
    (SystemError("error return without exception set"), None, "internal error in structure stage"),
])
def test_allocation_failures_say_memory(sample_excerpt, tmp_path, monkeypatch, error, limit, expect):
    """Regression: under --max-memory a C extension's failed allocation surfaced as SystemError."""
    import pipeline.structure

    def fail(layout, info):
        raise error

    monkeypatch.setattr(pipeline.structure, "build_document", fail)
    res = process_document(sample_excerpt, _opts(force=False, max_memory_mb=limit), tmp_path / "cache")
    assert res.document.status == "failed" and expect in res.document.error


def test_time_limit_with_a_cached_layout_says_timed_out(sample_excerpt, tmp_path, monkeypatch):
    """Regression: with the layout cached, a small --timeout was swallowed by a stage's
    `except Exception` and the file ended by the CPU backstop ("may be hostile")."""
    import time

    import pipeline.structure

    assert process_document(sample_excerpt, _opts(force=False), tmp_path / "cache").document.status == "ok"
    real = pipeline.structure.build_document

    def slow(layout, info):  # a warm run is fast: make sure the limit falls inside a stage
        time.sleep(1.0)
        return real(layout, info)

    monkeypatch.setattr(pipeline.structure, "build_document", slow)
    stats: dict = {}
    res = process_document(sample_excerpt, _opts(force=False, timeout=0.3), tmp_path / "cache", stats=stats)
    assert stats["cached"] is True
    assert res.document.status == "failed"
    assert res.document.error.startswith("timed out: exceeded the time limit of 0.3 s per file")
    assert res.paragraphs == [] and res.citations == []


def test_a_page_process_forked_as_the_limit_fires_is_ended_too(sample_pdf, tmp_path, monkeypatch):
    """Regression (seen once in CI): the time limit fired while the pool forked a page
    process; the pool had not registered it yet, so it was left running."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from pipeline.batch.runner import DocumentTimeout

    real = ProcessPoolExecutor._spawn_process

    def spawn_then_time_out(self):
        real(self)
        self._processes.popitem()  # forked, not yet registered
        raise DocumentTimeout("timed out: exceeded the time limit of 0.5 s per file (raise --timeout)")

    monkeypatch.setattr(ProcessPoolExecutor, "_spawn_process", spawn_then_time_out)
    opts = _opts(timeout=60, force=True)
    opts.page_workers = 2
    res = process_document(sample_pdf, opts, tmp_path)
    assert res.document.status == "failed" and "timed out" in res.document.error
    assert multiprocessing.active_children() == []
