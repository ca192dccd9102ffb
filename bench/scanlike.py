"""A scanner-like image-only PDF of a report: what an office scanner makes of printed pages.

:func:`bench.ocr_cer.render_scan` draws pages cleanly; a real scan of a printed report
is not that clean. Here each page is drawn at the scanner's resolution and then
degraded as a flatbed scanner degrades it, deterministically (a seeded generator),
so that tests and benches see the same "scan" every time:

* a small skew, different on every page (the sheet is never laid perfectly square);
* light sensor noise (Gaussian) and dust specks (isolated dark pixels);
* a slight blur (optics, toner spread);
* JPEG compression, as scanners store pages.

Usage: ``python bench/scanlike.py SAMPLE.pdf OUT.pdf [--pages 7-13] [--dpi 200]``.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import numpy as np
import pdfplumber
from PIL import Image, ImageFilter

#: Scanner resolution (dpi): office scanners' default for documents.
SCAN_DPI = 200
#: Largest skew in degrees; each page gets a value in [-MAX_SKEW, MAX_SKEW].
MAX_SKEW_DEG = 0.6
#: Standard deviation of the sensor noise, in grey levels (0-255).
NOISE_SIGMA = 7.0
#: Share of pixels turned into dark dust specks.
SPECK_DENSITY = 0.0003
#: Grey level of a speck.
SPECK_GREY = 60
#: Radius (pixels) of the Gaussian blur of the optics.
BLUR_RADIUS = 0.5
#: JPEG quality of the stored pages.
JPEG_QUALITY = 80
#: Seed of the degradation: the same pages always give the same scan.
SEED = 20220


def degrade(image: Image.Image, rng: np.random.Generator, *, max_skew: float = MAX_SKEW_DEG) -> Image.Image:
    """One page as a scanner would store it (grey, skewed, noisy, blurred)."""
    grey = image.convert("L")
    angle = float(rng.uniform(-max_skew, max_skew))
    grey = grey.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    grey = grey.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    arr = np.asarray(grey, dtype=np.float32)
    arr = arr + rng.normal(0.0, NOISE_SIGMA, arr.shape)
    specks = rng.random(arr.shape) < SPECK_DENSITY
    arr[specks] = SPECK_GREY
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=JPEG_QUALITY)
    return Image.open(io.BytesIO(buf.getvalue()))


def scanner_scan(sample: Path, pages: list[int] | None, dest: Path, *, dpi: int = SCAN_DPI,
                 max_skew: float = MAX_SKEW_DEG, seed: int = SEED) -> Path:
    """Write a scanner-like image-only PDF of ``pages`` (1-based; None: all) of ``sample``.

    Returns:
        ``dest``. The skew of page *k* is drawn from ``seed``, so two calls with the
        same arguments give identical page images.
    """
    rng = np.random.default_rng(seed)
    with pdfplumber.open(sample) as pdf:
        numbers = pages or list(range(1, len(pdf.pages) + 1))
        images = []
        for p in numbers:
            page = pdf.pages[p - 1]
            images.append(degrade(page.to_image(resolution=dpi).original, rng, max_skew=max_skew))
            page.flush_cache()
    images[0].save(dest, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return dest


def page_range(text: str) -> list[int]:
    a, _, b = text.partition("-")
    return list(range(int(a), int(b or a) + 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sample", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=page_range, default=None)
    ap.add_argument("--dpi", type=int, default=SCAN_DPI)
    args = ap.parse_args()
    scanner_scan(args.sample, args.pages, args.out, dpi=args.dpi)
    print(args.out)


if __name__ == "__main__":
    main()
