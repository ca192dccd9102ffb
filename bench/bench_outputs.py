"""Whole-process time of writing one report into a folder of 100: outputs in proportion to what changed.

A folder of ``--docs`` documents (copies of real records, see :mod:`bench_corpus`) is
written the way an older run left it, then ``mgi run ONE.pdf --out FOLDER`` is timed:

- ``add_first``: a report new to the folder (parsed; the first run also migrates an
  older folder, if the code keeps per-document parts);
- ``rerun_one``: the same report again with its run stamp removed (the layout comes from
  the cache, the records are rebuilt and written): median of ``--runs``;
- ``add_other``: another report new to the folder (layout cached beforehand): median.

Usage:
    python bench/bench_outputs.py [EXTRACTED_DIR] [--docs 100] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_corpus import extracted_folder, synthetic_corpus  # noqa: E402

SAMPLE = ROOT / "raw" / "mgi-kyrgyzstan-2022-ru.pdf"


def _variant(pdf: Path, folder: Path, i: int) -> Path:
    """A copy of ``pdf`` with other bytes (a trailing comment): another doc_id, the same pages."""
    path = folder / f"{pdf.stem}-v{i}.pdf"
    path.write_bytes(pdf.read_bytes() + f"\n% variant {i}\n".encode())
    return path


def _mgi(pdf: Path, out: Path) -> float:
    cmd = [str(ROOT / ".venv/bin/mgi"), "run", str(pdf), "--out", str(out), "--db", "none", "--no-progress"]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def bench(src: Path, n: int, runs: int) -> dict:
    from pipeline.batch.options import CACHE_DIR
    from pipeline.batch.stamp import stamp_path
    from pipeline.output.records import write_tables

    out = Path(tempfile.mkdtemp(prefix="mgi-bench-outputs-"))
    pdfs = Path(tempfile.mkdtemp(prefix="mgi-bench-outputs-pdf-"))
    try:
        write_tables(out, synthetic_corpus(src, n))  # an older run's folder: merged tables only
        subprocess.run([sys.executable, "-m", "pipeline.cli", "evidence", "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL, cwd=ROOT)
        first = _mgi(SAMPLE, out)
        rerun = []
        for _ in range(runs):
            stamp_path(out).unlink(missing_ok=True)
            rerun.append(_mgi(SAMPLE, out))
        others = [_variant(SAMPLE, pdfs, i) for i in range(runs)]
        # parse each variant once into a scratch folder whose layout cache is then shared
        scratch = Path(tempfile.mkdtemp(prefix="mgi-bench-outputs-scratch-"))
        for p in others:
            _mgi(p, scratch)
        shutil.copytree(scratch / CACHE_DIR, out / CACHE_DIR, dirs_exist_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
        add = [_mgi(p, out) for p in others]
        return {"documents": n, "add_first_s": round(first, 2),
                "rerun_one_median_s": round(statistics.median(rerun), 2),
                "add_other_median_s": round(statistics.median(add), 2),
                "rerun_one_all_s": [round(t, 2) for t in rerun], "add_other_all_s": [round(t, 2) for t in add]}
    finally:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(pdfs, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("extracted", nargs="?", help="an extracted folder to copy documents from")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = bench(extracted_folder(args.extracted), args.docs, args.runs)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>20}: {v}")


if __name__ == "__main__":
    main()
