"""Warming up later stages while pages are read (issue #14: warm-up off the critical path)."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.layout import extract_layout
from pipeline.layout.reading import PARALLEL_MIN_PAGES
from tests.conftest import CORPUS

REPO = Path(__file__).resolve().parents[1]
#: Eight pages: read by a page pool with two workers, by one process with one.
REPORT = REPO / "tests" / "fixtures" / "reports" / "en-kyrgyzstan-2018-first-round.pdf"


def _texts(doc) -> list[tuple[int, str, str]]:
    return [(b.page, b.kind, b.text) for b in doc.blocks]


@pytest.fixture(scope="module")
def serial_layout():
    return extract_layout(REPORT, workers=1)


@pytest.mark.parametrize("workers,children_expected", [(1, False), (2, True)])
def test_hook_called_once_while_reading(serial_layout, workers, children_expected):
    calls: list[tuple[int, str]] = []

    def hook(lang: str) -> None:
        # With a page pool, the hook runs after its processes were forked (so they
        # never inherit a half-done import); read in one process, there are none.
        calls.append((len(multiprocessing.active_children()), lang))

    doc = extract_layout(REPORT, workers=workers, while_reading=hook)
    assert doc.page_count >= PARALLEL_MIN_PAGES
    assert len(calls) == 1
    assert (calls[0][0] > 0) is children_expected
    assert calls[0][1] == doc.language == "en"  # guessed from PDFium's text before any page was read
    assert _texts(doc) == _texts(serial_layout)


@pytest.mark.parametrize("pdf,lang,hint", [
    (CORPUS / "mgi-kyrgyzstan-2022-ru.pdf", "auto", "ru"),
    (REPORT, "auto", "en"),
    (REPORT, "fr", "fr"),  # a language the caller gives is passed on as it is
])
def test_language_hint(pdf, lang, hint):
    got: list[str] = []
    extract_layout(pdf, lang=lang, workers=2, while_reading=got.append, max_pages=None)
    assert got == [hint]


def test_hook_failure_is_the_callers():
    """A hook that raises stops the reading (the batch's own hook never raises)."""

    def hook(lang: str) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        extract_layout(REPORT, workers=1, while_reading=hook)


@pytest.mark.parametrize("lang,finder_built", [("en", True), ("auto", False), (None, False)])
def test_warm_up_imports_stages_and_builds_known_language(lang, finder_built):
    code = ("import sys; from pipeline.batch.warmup import warm_up; "
            f"warm_up({lang!r}); from pipeline.citations.find import finder; "
            "print('spacy' in sys.modules, 'pandas' in sys.modules, finder.cache_info().currsize > 0, "
            "'sklearn' in sys.modules, 'pytesseract' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    spacy_in, pandas_in, built, sklearn_in, tess_in = out.stdout.split()
    assert (spacy_in, pandas_in) == ("True", "True")
    assert built == str(finder_built)
    # The heavy libraries the stages no longer need at run time stay unimported.
    assert (sklearn_in, tess_in) == ("False", "False")


def test_warm_outputs_loads_what_the_corpus_step_shares():
    code = ("import sys; from pipeline.batch.warmup import warm_outputs; warm_outputs(); "
            "from pipeline.corpus.metadata import countries; "
            "print('pipeline.corpus.acts' in sys.modules, countries.cache_info().currsize, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    acts_in, loaded, spacy_in = out.stdout.split()
    assert (acts_in, loaded) == ("True", "1")
    assert spacy_in == "False"  # the parent links acts without spaCy's matchers
