"""Extract each test PDF once per test session (layout + structure take seconds).

Every PDF is kept (19 of them, a few hundred KB each once pickled): a bounded cache
evicted the sample and the layout fixtures between the modules that read them, so
they were extracted three or four times a run. Each call returns a fresh copy
(unpickled, a few ms), so no test can change what another one reads.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path
from unittest import mock

from pipeline.layout.extract import LayoutDocument, extract_layout
from pipeline.models import DocumentInfo, DocumentResult
from pipeline.structure.build import build_document

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "layouts"
ALT_LAYOUTS = sorted(FIXTURES.glob("*.pdf"))

sys.path.insert(0, str(REPO / "bench"))

_layouts: dict[str, bytes] = {}
_results: dict[str, bytes] = {}


def _pickled_layout(path: str) -> bytes:
    return pickle.dumps(extract_layout(Path(path)), protocol=pickle.HIGHEST_PROTOCOL)


def prefetch(paths) -> None:
    """Extract the layouts of ``paths`` not yet cached, two processes at a time.

    A parse runs on one core; a module that reads several long PDFs asks for them here
    first. A file whose parse raises (or kills its process) is left out: ``layout_of``
    then parses it in this process, as it would have.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    todo = list(dict.fromkeys(str(p) for p in paths if str(p) not in _layouts))
    if len(todo) < 2:
        return
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {path: pool.submit(_pickled_layout, path) for path in todo}
        for path, fut in futures.items():
            try:
                _layouts[path] = fut.result()
            except Exception:  # noqa: BLE001 - parsed again, in this process, when asked for
                continue


def layout_of(path: str) -> LayoutDocument:
    if path not in _layouts:
        _layouts[path] = _pickled_layout(path)
    return pickle.loads(_layouts[path])


def result_of(path: str) -> DocumentResult:
    if path not in _results:
        data = Path(path).read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        info = DocumentInfo(doc_id=sha[:16], file=Path(path).name, sha256=sha)
        _results[path] = pickle.dumps(build_document(layout_of(path), info), protocol=pickle.HIGHEST_PROTOCOL)
    return pickle.loads(_results[path])


def score(pdf: Path, truth_path: Path) -> dict:
    """``bench/score_structure.score`` on the cached layout and result of ``pdf``.

    ``score`` parses the PDF itself (``score_structure.extract``: build_document on
    extract_layout, the document named after its file); this hands it the same two
    objects from the cache, so a PDF scored here and read elsewhere is parsed once.
    """
    import score_structure

    def cached_extract(path: Path):
        return result_of(str(path)), layout_of(str(path))

    with mock.patch.object(score_structure, "extract", cached_extract):
        return score_structure.score(pdf, truth_path)
