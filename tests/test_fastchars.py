"""The fast character conversion builds exactly pdfplumber's page objects.

Every page of every PDF fixture (and pages made odd on purpose: a shifted media
box, a turned page, Unicode normalisation, text in marked content) is parsed
twice, once with pdfplumber's own conversion and once with
:func:`pipeline.layout.fastchars.speed_up`; every object of every kind must be
equal, with its keys in the same order.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from pipeline.layout import fastchars

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*.pdf"))
#: Pages of the sample compared (all of its kinds of page: cover, contents, prose, notes, the table).
SAMPLE_PAGES = [0, 1, 2, 5, 12, 27, 33, 36]
#: Long fixtures (the sample set in other layouts): their first pages and then every this many.
FIXTURE_FIRST_PAGES = 6
FIXTURE_PAGE_STEP = 9


def _comparable(objects: dict) -> dict:
    """Objects with image streams named by object number (two parses make two stream objects)."""
    out = {}
    for kind, objs in objects.items():
        rows = []
        for obj in objs:
            obj = dict(obj)
            if "stream" in obj:
                obj["stream"] = getattr(obj["stream"], "objid", None)
            rows.append(list(obj.items()))
        out[kind] = rows
    return out


def _same_objects(path: Path, pages: list[int] | None = None, **open_kw) -> int:
    """Asserts equal objects page by page; returns the number of characters compared."""
    chars = 0
    with pdfplumber.open(path, **open_kw) as stock, pdfplumber.open(path, **open_kw) as fast:
        n = len(stock.pages)
        numbers = pages if pages is not None else sorted(
            {*range(min(n, FIXTURE_FIRST_PAGES)), *range(FIXTURE_FIRST_PAGES, n, FIXTURE_PAGE_STEP)})
        for i in numbers:
            expected = _comparable(stock.pages[i].objects)
            got = _comparable(fastchars.speed_up(fast.pages[i]).objects)
            assert got == expected, f"{path.name} page {i + 1}"
            chars += len(expected.get("char", []))
    return chars


def test_installed_pdfplumber_is_a_tested_release():
    """The fast path is in use (otherwise every other test here compares stock with stock)."""
    assert fastchars.available(), pdfplumber.__version__


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixture_objects_equal(path):
    assert _same_objects(path) > 0


def test_sample_objects_equal(sample_pdf):
    assert _same_objects(sample_pdf, SAMPLE_PAGES) > 10_000


def test_unicode_normalisation_kept(sample_pdf):
    """``unicode_norm`` (an option of pdfplumber.open) is applied as pdfplumber applies it."""
    assert _same_objects(sample_pdf, [5], unicode_norm="NFKD") > 0


@pytest.mark.parametrize("change", ["shifted_mediabox", "rotate_90", "cropbox"])
def test_odd_page_geometry(tmp_path, sample_pdf, change):
    """Media box origins, /Rotate and crop boxes shift coordinates the same way."""
    out = tmp_path / f"{change}.pdf"
    with pikepdf.open(sample_pdf) as pdf:
        keep = pikepdf.Pdf.new()
        keep.pages.append(pdf.pages[5])
        page = keep.pages[0]
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        if change == "shifted_mediabox":
            page.mediabox = [x0 - 40, y0 + 25, x1 - 40, y1 + 25]
        elif change == "rotate_90":
            page.Rotate = 90
        else:
            page.cropbox = [x0 + 30, y0 + 50, x1 - 30, y1 - 60]
        keep.save(out)
    assert _same_objects(out) > 100


def test_unopened_pages_only(sample_pdf):
    """A page whose objects were already read keeps them (no second, different conversion)."""
    with pdfplumber.open(sample_pdf) as pdf:
        page = pdf.pages[0]
        first = page.chars
        assert fastchars.speed_up(page) is page
        assert "process_object" not in page.__dict__
        assert page.chars is first


def test_other_releases_use_the_stock_conversion(monkeypatch, sample_pdf):
    monkeypatch.setattr(pdfplumber, "__version__", "9.0.0")
    assert not fastchars.available()
    with pdfplumber.open(sample_pdf) as pdf:
        assert "process_object" not in fastchars.speed_up(pdf.pages[0]).__dict__
