"""Seconds per page of ``mgi run`` on a scanned report against bare ``tesseract`` on its pages.

The OCR issue asks that reading a scan cost at most 1.3x what Tesseract alone costs
on the same page images with the same cores: everything the pipeline adds (render,
deskew, weight, ruled tables, footnote rules, layout, structure, citations, output)
must stay small beside the recognition itself.

* **bare**: the scan's pages are rendered once to PNG at the resolution
  :func:`pipeline.layout.ocr.render_resolution` chooses, then ``tesseract IMG - -l
  rus+eng --psm 3 tsv`` runs over them, as many at a time as there are cores, each
  with one thread (``OMP_THREAD_LIMIT=1``). Rendering is not counted.
* **mgi**: ``mgi run SCAN --force --db none --no-progress`` in a fresh output folder,
  whole process wall time (start-up included).

Each is run ``--runs`` times (default 3); the median is reported, per page, and
their ratio. The scan is the scanner-like one of :mod:`scanlike` (all 39 pages,
or ``--pages``).

Usage: ``python bench/bench_ocr_speed.py [--pages 7-13] [--runs 3] [--workers N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scanlike import page_range, scanner_scan  # noqa: E402

SAMPLE = Path("/work/shared/corpus/mgi-kyrgyzstan-2022-ru.pdf")
LANGS = "rus+eng"
PSM = "3"
RUNS = 3


def page_images(scan: Path, dest: Path) -> list[Path]:
    """Render each page of ``scan`` to a PNG at the resolution the OCR would use."""
    import pdfplumber

    from pipeline.layout.ocr import render_resolution

    out = []
    with pdfplumber.open(scan) as pdf:
        for i, page in enumerate(pdf.pages, 1):
            res = render_resolution(page)
            path = dest / f"p{i:03d}.png"
            page.to_image(resolution=res).original.save(path, dpi=(res, res))
            out.append(path)
            page.flush_cache()
    return out


def bare_tesseract(images: list[Path], workers: int) -> float:
    """Wall seconds for ``tesseract`` over ``images``, ``workers`` at a time, one thread each."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(img: Path) -> None:
        subprocess.run(["tesseract", str(img), "-", "-l", LANGS, "--psm", PSM, "tsv"], check=True,
                       capture_output=True, env=env)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - t0


def mgi_run(scan: Path, workers: int) -> float:
    """Wall seconds of ``mgi run`` on ``scan`` (fresh output folder, no database)."""
    mgi = Path(sys.executable).with_name("mgi")
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        proc = subprocess.run([str(mgi), "run", str(scan), "--out", out, "--force", "--db", "none",
                               "--no-progress", "--lang", "ru", "--workers", str(workers)],
                              capture_output=True, text=True)
        secs = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"mgi run failed ({proc.returncode}): {proc.stderr[-500:]}")
    return secs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=page_range, default=None)
    ap.add_argument("--runs", type=int, default=RUNS)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, default=Path("/tmp/score_scanned"))
    args = ap.parse_args()
    if shutil.which("tesseract") is None:
        sys.exit("tesseract is not installed")
    args.keep.mkdir(parents=True, exist_ok=True)
    tag = f"{args.pages[0]}-{args.pages[-1]}" if args.pages else "all"
    scan = args.keep / f"scan-{tag}.pdf"
    if not scan.exists():
        scanner_scan(SAMPLE, args.pages, scan)
    with tempfile.TemporaryDirectory() as tmp:
        images = page_images(scan, Path(tmp))
        bare = [bare_tesseract(images, args.workers) for _ in range(args.runs)]
    mgi = [mgi_run(scan, args.workers) for _ in range(args.runs)]
    n = len(images)
    out = {
        "pages": n, "workers": args.workers, "runs": args.runs,
        "bare_s": [round(s, 1) for s in bare], "mgi_s": [round(s, 1) for s in mgi],
        "bare_s_per_page": round(statistics.median(bare) / n, 2),
        "mgi_s_per_page": round(statistics.median(mgi) / n, 2),
        "ratio": round(statistics.median(mgi) / statistics.median(bare), 2),
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
