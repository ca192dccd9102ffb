"""Scanned pages for OCR tests: one place that requires Tesseract, draws a scanner-like scan,
and OCRs a scan's pages two at a time."""

from __future__ import annotations

import copy
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from pipeline.layout import ocr

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from scanlike import scanner_scan  # noqa: E402

#: The Tesseract packs the sample's OCR needs.
LANGS = "rus+eng"


def require_tesseract() -> None:
    """Fail (not skip): scripts/setup-system.sh installs Tesseract for every test run."""
    if not ocr.tesseract_available(LANGS):
        pytest.fail(f"Tesseract with {LANGS} is required (scripts/setup-system.sh ocr)")


def scan_of(sample_pdf: Path, pages: list[int], tmp_path_factory, label: str) -> Path:
    """A scanner-like scan (bench/scanlike.py) of ``pages`` of the sample, in a fresh folder."""
    require_tesseract()
    return scanner_scan(sample_pdf, pages, tmp_path_factory.mktemp(label) / "scan.pdf")


def _ocr_one(pdf: str, number: int, lang: str) -> list[dict]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return ocr.ocr_page(doc.pages[number - 1], lang)


def ocr_pages(pdf: Path, numbers: list[int], lang: str) -> dict[int, list[dict]]:
    """``ocr.ocr_page(page, lang)`` of pages ``numbers`` (1-based) of ``pdf``, in two processes.

    Tesseract runs on one core (``OMP_THREAD_LIMIT``), and ``extract_layout`` reads
    documents of fewer than ``PARALLEL_MIN_PAGES`` pages in one process, so the short
    scans of the OCR tests were read one page after the other on a two-core machine.
    """
    numbers = list(numbers)
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork")) as pool:
        words = list(pool.map(_ocr_one, [str(pdf)] * len(numbers), numbers, [lang] * len(numbers)))
    return dict(zip(numbers, words))


class PreparedOcr:
    """An ``ocr`` argument for ``extract_layout(pdf, ...)``: ``ocr.ocr_page`` with the pages
    ``numbers`` of ``pdf`` read beforehand in two processes (:func:`ocr_pages`).

    A call for one of them with ``lang`` returns a copy of its words; any other call
    (another page or language) runs ``ocr.ocr_page`` then, as ``ocr=ocr.ocr_page`` would.
    Use it with ``pdf`` only: pages are known by their number.
    """

    def __init__(self, pdf: Path, numbers: list[int], lang: str):
        self.lang = lang
        self.words = ocr_pages(pdf, numbers, lang)

    def __call__(self, page, lang: str) -> list[dict]:
        if lang == self.lang and page.page_number in self.words:
            return copy.deepcopy(self.words[page.page_number])
        return ocr.ocr_page(page, lang)
