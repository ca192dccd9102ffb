"""A folder of N reports, whole process: cold run, warm re-runs, and Dask against the local pool.

Usage: ``python bench/bench_scale.py [--docs 100] [--runs 3] [--sample PDF] [--json]``.

The folder holds N distinct copies of the sample (a trailing PDF comment gives each
its own content hash, so nothing is shared through the layout cache). Every figure
is the wall time of a whole ``mgi run`` command (interpreter start-up, imports and
writing every output included, ``--db none``), median of ``--runs`` runs:

* ``cold_local_s``: fresh output folder, ``--force`` (every page parsed), local pool;
* ``warm_rerun_s``: the same command again over the unchanged folder (the run
  stamp answers: target >= 40 pages/s, ``warm_rerun_pages_per_s``);
* ``warm_restaged_s``: the same with the run stamp removed, so structure, domains,
  citations and every output are made again from the cached layouts;
* ``cold_dask_s``: fresh output folder, ``--force``, ``--executor dask`` (a
  LocalCluster on this machine with one worker per core), and whether its record
  tables equal the local run's (``dask_same_records``).

Peak RSS (kB) is the largest process of each command's tree (``getrusage``).
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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_workers import make_copies, shared_dir  # noqa: E402

#: Runs a command and prints the peak RSS (kB) of its process tree's largest process.
PEAK_RSS = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True); "
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
#: Record tables compared between the local and the Dask run (per-run bookkeeping
#: such as the documents' timings is left out by comparing these only).
RECORD_TABLES = ("sections", "paragraphs", "citations", "acts", "evidence")
#: Exit statuses of a run whose records were written (0 all ok, 1 some partial).
WRITTEN = (0, 1)


def timed(cmd: list[str]) -> tuple[float, int]:
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK_RSS, *cmd], check=True, capture_output=True, text=True)
    dt = time.perf_counter() - t
    code, rss = (int(x) for x in out.stdout.split()[-2:])
    if code not in WRITTEN:
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    return dt, rss


def mgi(folder: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out), "--db", "none",
            "--no-progress", *extra]


def same_records(a: Path, b: Path) -> bool:
    import pandas as pd

    for name in RECORD_TABLES:
        x, y = pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet")
        if not x.equals(y):
            return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sample", type=Path, default=shared_dir() / "corpus" / "mgi-kyrgyzstan-2022-ru.pdf")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    import pdfplumber

    with pdfplumber.open(args.sample) as pdf:
        pages = len(pdf.pages) * args.docs
    fig: dict = {"docs": args.docs, "pages": pages, "cores": os.cpu_count(), "runs": args.runs}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        root = Path(tmp)
        folder = root / "in"
        folder.mkdir()
        make_copies(args.sample, folder, args.docs)
        cold, rss = [], []
        for i in range(args.runs):
            shutil.rmtree(root / "local", ignore_errors=True)
            dt, peak = timed(mgi(folder, root / "local", "--force"))
            cold.append(dt)
            rss.append(peak)
            print(f"cold local run {i + 1}: {dt:.1f} s", file=sys.stderr, flush=True)
        fig["cold_local_s"] = round(statistics.median(cold), 2)
        fig["cold_local_pages_per_s"] = round(pages / fig["cold_local_s"], 1)
        fig["cold_local_peak_rss_kb"] = max(rss)
        warm = [timed(mgi(folder, root / "local"))[0] for _ in range(args.runs)]
        fig["warm_rerun_s"] = round(statistics.median(warm), 2)
        fig["warm_rerun_pages_per_s"] = round(pages / fig["warm_rerun_s"], 1)
        restaged = []
        for _ in range(args.runs):
            (root / "local" / ".cache" / "run.json").unlink(missing_ok=True)
            restaged.append(timed(mgi(folder, root / "local"))[0])
        fig["warm_restaged_s"] = round(statistics.median(restaged), 2)
        fig["warm_restaged_pages_per_s"] = round(pages / fig["warm_restaged_s"], 1)
        if not args.no_dask:
            dask = []
            for i in range(args.runs):
                shutil.rmtree(root / "dask", ignore_errors=True)
                dask.append(timed(mgi(folder, root / "dask", "--force", "--executor", "dask"))[0])
                print(f"cold dask run {i + 1}: {dask[-1]:.1f} s", file=sys.stderr, flush=True)
            fig["cold_dask_s"] = round(statistics.median(dask), 2)
            fig["dask_over_local"] = round(fig["cold_dask_s"] / fig["cold_local_s"], 2)
            fig["dask_same_records"] = same_records(root / "local", root / "dask")
    print(json.dumps(fig, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in fig.items()))


if __name__ == "__main__":
    main()
