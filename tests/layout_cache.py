"""Extract each test PDF once per test session (layout + structure take seconds)."""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from pathlib import Path

from pipeline.layout.extract import LayoutDocument, extract_layout
from pipeline.models import DocumentInfo, DocumentResult
from pipeline.structure.build import build_document

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "layouts"
ALT_LAYOUTS = sorted(FIXTURES.glob("*.pdf"))

sys.path.insert(0, str(REPO / "bench"))


@lru_cache(maxsize=8)
def layout_of(path: str) -> LayoutDocument:
    return extract_layout(Path(path))


@lru_cache(maxsize=8)
def result_of(path: str) -> DocumentResult:
    data = Path(path).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    info = DocumentInfo(doc_id=sha[:16], file=Path(path).name, sha256=sha)
    return build_document(layout_of(path), info)
