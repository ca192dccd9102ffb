"""Scanned pages for OCR tests: one place that requires Tesseract and draws a scanner-like scan."""

from __future__ import annotations

import sys
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
