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

    def hook(lang: str, sample: str) -> None:
        assert sample.strip()  # PDFium's text of the first pages
        # With a page pool, the hook runs after its processes were forked (so they
        # never inherit a half-done import); read in one process, there are none.
        calls.append((len(multiprocessing.active_children()), lang))

    doc = extract_layout(REPORT, workers=workers, while_reading=hook)
    assert doc.page_count >= PARALLEL_MIN_PAGES
    assert len(calls) == 1
    assert (calls[0][0] > 0) is children_expected
    assert calls[0][1] == doc.language == "en"  # guessed from PDFium's text before any page was read
    assert _texts(doc) == _texts(serial_layout)


@pytest.mark.parametrize("lang,hint", [
    ("auto", "en"),
    ("fr", "fr"),  # a language the caller gives is passed on as it is
])
def test_language_hint(lang, hint):
    got: list[str] = []
    extract_layout(REPORT, lang=lang, workers=2, while_reading=lambda lang, sample: got.append(lang))
    assert got == [hint]


def test_language_guess_from_pdfium_text_of_the_sample():
    """The Russian sample's first pages, as PDFium reads them, say Russian (the hint)."""
    from pipeline.layout.pagestore import LANGUAGE_PAGES
    from pipeline.layout.textcheck import pdfium_text
    from pipeline.lexicon import detect_language

    counts, sample = pdfium_text(str(CORPUS / "mgi-kyrgyzstan-2022-ru.pdf"), LANGUAGE_PAGES)
    assert counts and len(counts) == 39 and sample
    assert detect_language(sample) == "ru"
    assert pdfium_text(str(CORPUS / "mgi-kyrgyzstan-2022-ru.pdf"))[1] == ""  # no sample asked


def test_hook_failure_is_the_callers():
    """A hook that raises stops the reading (the batch's own hook never raises)."""

    def hook(lang: str, sample: str) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        extract_layout(REPORT, workers=1, while_reading=hook)


def test_warm_up_imports_stages_and_builds_known_language():
    """One process, three calls: no language (None, 'auto') builds no finder; 'en' does."""
    code = ("import sys; from pipeline.batch.warmup import warm_up; "
            "from pipeline.citations.find import finder; out = []\n"
            "for lang in (None, 'auto', 'en'):\n"
            "    warm_up(lang); out.append(finder.cache_info().currsize)\n"
            "print(out, 'spacy' in sys.modules, 'pandas' in sys.modules, "
            "'sklearn' in sys.modules, 'pytesseract' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    built, rest = out.stdout.split("]", 1)
    assert built + "]" == "[0, 0, 1]"
    spacy_in, pandas_in, sklearn_in, tess_in = rest.split()
    assert (spacy_in, pandas_in) == ("True", "True")
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


@pytest.mark.parametrize("database,expected", [(True, "True"), (False, "False")])
def test_warm_outputs_imports_the_database_layer_only_when_one_is_written(database, expected):
    code = (f"import sys; from pipeline.batch.warmup import warm_outputs; warm_outputs(database={database}); "
            "print('sqlalchemy' in sys.modules, 'pipeline.output.store' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.split() == [expected, expected]


@pytest.mark.parametrize("files,workers,preloaded", [
    (["designs/es-bermeja-a4.pdf", "designs/fr-maronie-a4.pdf", "designs/pt-alvorada-a4.pdf"], 2, 1),
    (["designs/es-bermeja-a4.pdf"], 2, 0),  # one file: its worker warms up while pages are read
])
def test_parent_preloads_only_when_workers_take_several_files(tmp_path, monkeypatch, files, workers, preloaded):
    from pipeline.batch import BatchOptions, pool, run_batch

    calls: list[int] = []
    real = pool._preload
    monkeypatch.setattr(pool, "_preload", lambda: (calls.append(1), real()))
    paths = [REPO / "tests" / "fixtures" / f for f in files]
    code = run_batch(paths, BatchOptions(out=tmp_path / "out", workers=workers, progress=False, db="none"))
    assert code in (0, 1)
    assert len(calls) == preloaded


@pytest.mark.parametrize("force", [True, False])  # pages read now / the layout from the cache
def test_parent_warms_up_its_writers_once_a_documents_pages_are_read(tmp_path, monkeypatch, force):
    """The parent's warm-up waits for the pages (it would take CPU from the page processes)."""
    from pipeline.batch import BatchOptions, pool, run_batch
    from pipeline.batch.stamp import clear

    doc = REPO / "tests" / "fixtures" / "reports" / "en-kyrgyzstan-2018-first-round.pdf"
    out = tmp_path / "out"
    opts = BatchOptions(out=out, workers=1, progress=False, db="none", force=force)
    assert run_batch([doc], opts) == 0  # fills the layout cache
    clear(out)  # the run stamp would skip the second run altogether
    seen: list[tuple[int, int]] = []
    at_warm_up: list[list[tuple[int, int]]] = []
    real_page = pool._Progress.page
    monkeypatch.setattr(pool._Progress, "page",
                        lambda self, key, name, page, total: (seen.append((page, total)),
                                                              real_page(self, key, name, page, total)))
    monkeypatch.setattr(pool, "warm_outputs",
                        lambda database=False, languages=(): at_warm_up.append(list(seen)))
    assert run_batch([doc], opts) == 0
    assert len(at_warm_up) == 1
    assert at_warm_up[0] and at_warm_up[0][-1][0] == at_warm_up[0][-1][1] > 0


@pytest.mark.parametrize("lang,force,expected", [
    ("auto", True, ["es"]),   # pages read now: the worker's guess from PDFium's first pages
    ("auto", False, ["es"]),  # the layout from the cache: its own language
    ("fr", True, ["fr"]),     # a language given is the batch's
])
def test_parent_warms_up_for_the_language_its_worker_reports(tmp_path, monkeypatch, lang, force, expected):
    from pipeline.batch import BatchOptions, pool, run_batch
    from pipeline.batch.stamp import clear

    doc = REPO / "tests" / "fixtures" / "reports" / "es-colombia-2021.pdf"
    out = tmp_path / "out"
    opts = BatchOptions(out=out, workers=1, progress=False, db="none", force=force, lang=lang)
    assert run_batch([doc], opts) in (0, 1)
    clear(out)
    got: list[list[str]] = []
    monkeypatch.setattr(pool, "warm_outputs", lambda database=False, languages=(): got.append(list(languages)))
    assert run_batch([doc], opts) in (0, 1)
    assert got == [expected]


def test_the_parent_never_opens_an_input_pdf(tmp_path, monkeypatch, bad_dir):
    """Regression: the parent once guessed languages with PDFium on the inputs themselves, outside
    the workers' memory limit (a deflate bomb in the first files took it to 6 GB)."""
    import os

    import pdfplumber
    import pypdfium2

    from pipeline.batch import BatchOptions, run_batch

    parent, opened = os.getpid(), []
    real_doc, real_open = pypdfium2.PdfDocument, pdfplumber.open

    def doc(*a, **k):
        if os.getpid() == parent:
            opened.append(("pdfium", a[0] if a else None))
        return real_doc(*a, **k)

    def plumber(*a, **k):
        if os.getpid() == parent:
            opened.append(("pdfplumber", a[0] if a else None))
        return real_open(*a, **k)

    monkeypatch.setattr(pypdfium2, "PdfDocument", doc)
    monkeypatch.setattr(pdfplumber, "open", plumber)
    files = [REPO / "tests" / "fixtures" / "reports" / "fr-maroc-2019.pdf", bad_dir / "truncated.pdf"]
    code = run_batch(files, BatchOptions(out=tmp_path / "out", workers=2, progress=False, db="none"))
    assert code == 2  # the truncated file failed, in its worker
    assert opened == []


def test_warm_outputs_loads_the_languages_act_titles_need():
    code = ("import sys; from pipeline.batch.warmup import warm_outputs; warm_outputs(languages=['es']); "
            "from pipeline.citations.lexicon import load; from pipeline.corpus.glossary import _glossary; "
            "print(load.cache_info().currsize, _glossary.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    loaded = [int(n) for n in out.stdout.split()]
    assert len(loaded) == 2 and min(loaded) >= 1


def test_warm_up_on_the_reports_first_pages():
    """With a sample, the finder has met the report's words; the tables' writers ran once."""
    code = (
        "from pipeline.batch.warmup import warm_up; from pipeline.citations.find import finder\n"
        "from pipeline.corpus.metadata import countries; from pipeline.output.parts import arrow_schema\n"
        "warm_up('en'); before = len(finder('en').nlp.vocab)\n"
        "warm_up('en', 'The Kandarian Law No. 14 on Seasonal Agricultural Workers (2011) and the '\n"
        "        'Overseas Employment Promotion Decree were amended by the Ministry of Labour.')\n"
        "print(len(finder('en').nlp.vocab) - before, countries.cache_info().currsize,\n"
        "      arrow_schema.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    new_words, countries_loaded, schemas = (int(n) for n in out.stdout.split())
    assert new_words >= 5  # "kandarian", "seasonal", "agricultural", "overseas", "decree"…
    assert countries_loaded == 1 and schemas >= 5



class _PagesSeen:
    def __init__(self):
        self.pages: list[tuple] = []

    def page(self, key, name, page, total):
        self.pages.append((key, page, total))


@pytest.mark.parametrize("messages, pages, languages, read", [
    ([("page", "a", 1, 3), ("page", "a", 3, 3)], [("a", 1, 3), ("a", 3, 3)], [], True),
    ([("page", "a", 2, 3), ("language", "a", "ru")], [("a", 2, 3)], ["ru"], False),
    ([("language", "a", "ru"), ("language", "b", "ru"), ("language", "c", "en")], [], ["ru", "en"], False),
    ([("page", "a", 0, 0)], [("a", 0, 0)], [], False),  # a file without pages is not "read"
    ([], [], [], False),
])
def test_the_parent_reads_page_and_language_messages(messages, pages, languages, read):
    import queue

    from pipeline.batch.pool import _drain

    q: queue.Queue = queue.Queue()
    for m in messages:
        q.put(m)
    ui, seen = _PagesSeen(), []
    assert _drain(q, ui, {}, seen) is read
    assert ui.pages == pages and seen == languages
