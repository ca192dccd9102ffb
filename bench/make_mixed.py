"""A mixed report: born-digital pages, scanned pages and pages whose text layer is garbage.

Archived reports are rarely all one kind: a born-digital report with a signed page
scanned in, a scan with an old OCR layer, a page exported with a font that has no
Unicode map. The layout stage must decide page by page. This builds such a PDF from
pages of the sample, deterministically:

* ``text``: the sample's page as it is (born-digital text layer);
* ``scan``: the page as a scanner stores it (:func:`scanlike.degrade`), image only;
* ``badocr``: the same scanned image with an invisible OCR layer made by Tesseract
  with the wrong language (``-l eng`` on Russian text: ``Mpaburenbcrbo`` for
  ``Правительство``), as old scanning software left many archived reports;
* ``goodocr``: the scanned image with a sound OCR layer (Tesseract ``-l rus+eng``),
  which must be kept, not read again;
* ``cid``: the born-digital page with the ToUnicode maps of its fonts removed, so
  that pdfminer reads ``(cid:NN)`` placeholders.

Usage: ``python bench/make_mixed.py OUT.pdf``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scanlike import SCAN_DPI, SEED, degrade  # noqa: E402

#: (sample page, how it is stored) in the order of the mixed PDF.
MIXED_PAGES: tuple[tuple[int, str], ...] = (
    (2, "text"), (3, "text"), (9, "cid"), (11, "badocr"), (28, "scan"), (29, "scan"), (37, "goodocr"),
)


def _scanned_image(sample: Path, number: int, rng: np.random.Generator):
    with pdfplumber.open(sample) as pdf:
        return degrade(pdf.pages[number - 1].to_image(resolution=SCAN_DPI).original, rng)


def _image_pdf(image, dest: Path) -> Path:
    image.save(dest, "PDF", resolution=float(SCAN_DPI))
    return dest


def _ocr_layer(image, dest: Path, langs: str) -> Path:
    """The scanned image with Tesseract's text layer in ``langs`` (``tesseract ... pdf``)."""
    png = dest.with_suffix(".png")
    image.save(png, dpi=(SCAN_DPI, SCAN_DPI))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    subprocess.run(["tesseract", str(png), str(dest.with_suffix("")), "-l", langs, "--dpi", str(SCAN_DPI), "pdf"],
                   check=True, capture_output=True, env=env)
    return dest


def _without_unicode_maps(sample: Path, number: int, dest: Path) -> Path:
    """The born-digital page alone, its fonts stripped of their ToUnicode maps."""
    with pikepdf.open(sample) as src:
        out = pikepdf.new()
        out.pages.append(src.pages[number - 1])
        page = out.pages[0]
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for _, font in fonts.items():
            if "/ToUnicode" in font:
                del font["/ToUnicode"]
        out.save(dest)
    return dest


def mixed_pdf(sample: Path, dest: Path, pages: tuple[tuple[int, str], ...] = MIXED_PAGES) -> Path:
    """Write the mixed PDF of ``pages`` ((sample page, kind), see the module docstring) to ``dest``."""
    rng = np.random.default_rng(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        for k, (number, kind) in enumerate(pages):
            part = Path(tmp) / f"part{k}.pdf"
            if kind == "text":
                with pikepdf.open(sample) as src:
                    one = pikepdf.new()
                    one.pages.append(src.pages[number - 1])
                    one.save(part)
            elif kind == "cid":
                _without_unicode_maps(sample, number, part)
            elif kind == "scan":
                _image_pdf(_scanned_image(sample, number, rng), part)
            elif kind == "badocr":
                _ocr_layer(_scanned_image(sample, number, rng), part, "eng")
            elif kind == "goodocr":
                _ocr_layer(_scanned_image(sample, number, rng), part, "rus+eng")
            else:
                raise ValueError(f"unknown page kind {kind!r}")
            parts.append(part)
        out = pikepdf.new()
        opened = [pikepdf.open(p) for p in parts]
        for pdf in opened:
            out.pages.extend(pdf.pages)
        out.save(dest)
        for pdf in opened:
            pdf.close()
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--sample", type=Path, default=Path("/work/shared/corpus/mgi-kyrgyzstan-2022-ru.pdf"))
    args = ap.parse_args()
    print(mixed_pdf(args.sample, args.out))


if __name__ == "__main__":
    main()
