"""OCR accuracy on the scanned sample pages: character error rate and acts found.

``bad/image-only.pdf`` is a scan of the sample report's first pages. For each of
its pages this script OCRs the page with :func:`pipeline.layout.ocr.ocr_page` and
compares the text with the sample PDF's text layer for the same page:

* CER = Levenshtein distance / reference length, on whitespace-normalised text
  (line breaks and hyphenation points differ between a scan and a text layer;
  the characters must not). Target: <= 3 %.
* Acts: the whole document is run through :func:`pipeline.batch.runner.process_document`
  (layout with OCR, structure, domains, citations), and the acts cited on those
  pages are compared with the acts cited on the same pages of the sample.

The sample's first three pages (those of the scan) cite no act, so the act check
is also run on a *rendered* scan of later pages (``--render-pages``, default
8-9, which cite many): the sample's pages drawn at 200 dpi into a JPEG-only PDF,
then processed like any scan. Rendering is cleaner than a scanner, so its CER is
printed separately and is not held to the target.

Usage: ``python bench/ocr_cer.py [--scan PATH] [--sample PATH] [--render-pages 8-9]``.
Exit status 1 when the CER of the real scan is above target.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from pipeline.layout.ocr import mean_confidence, ocr_page, tesseract_available, words_text  # noqa: E402

CER_TARGET = 0.03
RENDER_DPI = 200


def shared_dir() -> Path:
    beside = REPO.parent / "shared"
    return beside if (beside / "corpus").is_dir() else Path("/work/shared")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def act_keys(result, pages: set[int]) -> set[tuple]:
    """Acts cited on ``pages``, identified by what the citation says (type, number, year)."""
    keys = set()
    for c in result.citations:
        if c.get("page") in pages:
            keys.add((c.get("act_type"), c.get("number"), c.get("year")))
    return keys


def render_scan(sample: Path, pages: list[int], dest: Path, dpi: int = RENDER_DPI) -> Path:
    """Draw ``pages`` (1-based) of ``sample`` as JPEG images into an image-only PDF."""
    with pdfplumber.open(sample) as pdf:
        images = [pdf.pages[p - 1].to_image(resolution=dpi).original.convert("RGB") for p in pages]
    images[0].save(dest, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:], quality=85)
    return dest


def compare_acts(scan: Path, sample: Path, scan_pages: list[int], lang: str) -> tuple[int, int]:
    """Acts cited on the scan vs on the same sample pages; prints both and returns (found, wanted)."""
    from pipeline.batch.runner import process_document

    opts = SimpleNamespace(lang=lang, max_pages=500, timeout=600, force=True, ocr=True)
    scanned = process_document(scan, opts, None)
    original = process_document(sample, opts, None)
    got = act_keys(scanned, set(range(1, len(scan_pages) + 1)))
    want = act_keys(original, set(scan_pages))
    print(f"{scan.name}: status {scanned.document.status}, OCR pages {scanned.document.ocr_pages}, "
          f"{len(scanned.paragraphs)} paragraphs, {len(scanned.citations)} citations")
    print(f"acts cited on sample pages {scan_pages[0]}-{scan_pages[-1]}: sample {len(want)}, "
          f"scan {len(got)}, found {len(got & want)}/{len(want)}")
    for k in sorted(want - got, key=str):
        print(f"  missed: {k}")
    for k in sorted(got - want, key=str):
        print(f"  extra:  {k}")
    return len(got & want), len(want)


def page_range(text: str) -> list[int]:
    a, _, b = text.partition("-")
    return list(range(int(a), int(b or a) + 1))


def main() -> int:
    corpus = shared_dir() / "corpus"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scan", type=Path, default=corpus / "bad" / "image-only.pdf")
    ap.add_argument("--sample", type=Path, default=corpus / "mgi-kyrgyzstan-2022-ru.pdf")
    ap.add_argument("--lang", default="ru")
    ap.add_argument("--render-pages", type=page_range, default=page_range("8-9"))
    args = ap.parse_args()
    if not tesseract_available("rus+eng"):
        print("Tesseract with rus+eng is not installed: run scripts/setup-system.sh ocr", file=sys.stderr)
        return 2

    total_err = total_len = 0
    print(f"{'page':>4} {'chars':>6} {'errors':>6} {'CER':>7} {'conf':>5} {'sec':>5}")
    with pdfplumber.open(args.scan) as scan, pdfplumber.open(args.sample) as ref:
        n = len(scan.pages)
        for i in range(n):
            t0 = time.perf_counter()
            words = ocr_page(scan.pages[i], args.lang)
            dt = time.perf_counter() - t0
            hyp, truth = norm(words_text(words)), norm(ref.pages[i].extract_text())
            err = Levenshtein.distance(hyp, truth)
            total_err, total_len = total_err + err, total_len + len(truth)
            print(f"{i + 1:>4} {len(truth):>6} {err:>6} {err / max(1, len(truth)):>7.2%} "
                  f"{mean_confidence(words) or 0:>5.1f} {dt:>5.1f}")
    cer = total_err / max(1, total_len)
    print(f"all  {total_len:>6} {total_err:>6} {cer:>7.2%}   (target <= {CER_TARGET:.0%})")

    print()
    compare_acts(args.scan, args.sample, list(range(1, n + 1)), args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        rendered = render_scan(args.sample, args.render_pages, Path(tmp) / "rendered-scan.pdf")
        with pdfplumber.open(rendered) as scan, pdfplumber.open(args.sample) as ref:
            err = length = 0
            for i, p in enumerate(args.render_pages):
                hyp = norm(words_text(ocr_page(scan.pages[i], args.lang)))
                truth = norm(ref.pages[p - 1].extract_text())
                err, length = err + Levenshtein.distance(hyp, truth), length + len(truth)
        print(f"\nrendered scan of pages {args.render_pages[0]}-{args.render_pages[-1]}: "
              f"CER {err / max(1, length):.2%} ({err}/{length})")
        compare_acts(rendered, args.sample, args.render_pages, args.lang)
    return 0 if cer <= CER_TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
