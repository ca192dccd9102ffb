"""A scanned report: pages of the sample drawn as images (no text layer), end to end."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from pipeline.layout import ocr
from pipeline.layout.extract import extract_layout
from pipeline.models import DocumentInfo
from pipeline.structure.build import build_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from ocr_cer import render_scan  # noqa: E402
from scans import PreparedOcr  # noqa: E402

#: Summary of changes and the start of chapter 1: headings set in body type that a
#: scan loses the weight of, notes with superscript markers.
PAGES = list(range(7, 14))


@pytest.fixture(scope="module")
def scanned(sample_pdf, tmp_path_factory):
    if not ocr.tesseract_available("rus+eng"):
        pytest.fail("Tesseract with rus+eng is required (scripts/setup-system.sh ocr)")
    pdf = render_scan(sample_pdf, PAGES, tmp_path_factory.mktemp("scan") / "scan.pdf", dpi=200)
    # Every page is an image: OCR'd beforehand two at a time (as extract_layout asks, "rus+eng").
    layout = extract_layout(pdf, ocr=PreparedOcr(pdf, range(1, len(PAGES) + 1), "rus+eng"), workers=2)
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    return build_document(layout, DocumentInfo(doc_id=sha[:16], file=pdf.name, sha256=sha))


def test_scanned_pages_are_ocr_records(scanned):
    body = [p for p in scanned.paragraphs if p.kind in ("paragraph", "footnote")]
    assert len(body) >= 25
    assert all(p.ocr and 0 <= p.ocr_confidence <= 100 for p in body)


def test_scanned_section_tree(scanned):
    subs = [s.domain for s in scanned.sections if s.role == "summary_domain"]
    assert subs == [1, 2, 3, 4, 5, 6]
    chapter = next(s for s in scanned.sections if s.role == "domain_chapter")
    assert chapter.domain == 1 and "СОБЛЮДЕНИЕ ПРАВ МИГРАНТОВ" in chapter.title
    parts = [(s.domain, s.assessment) for s in scanned.sections if s.role in ("strength", "gap")]
    assert parts[:2] == [(1, "strength"), (1, "gap")]


def test_scanned_footnotes_linked(scanned):
    notes = [p for p in scanned.paragraphs if p.kind == "footnote"]
    linked = [n for n in notes if n.referenced_by]
    assert len(notes) >= 8
    assert len(linked) >= 0.75 * len(notes)
    for p in scanned.paragraphs:  # markers taken out of the text where they were found
        for r in p.footnote_refs:
            assert 0 <= r.offset <= len(p.text)
    marker = next(p for p in scanned.paragraphs if "2019-2021" in p.text and p.footnote_refs)
    assert "2019-20217" not in marker.text
