"""Peak memory of ``mgi run`` on the sample and on a 500-page document made from it.

Usage: python bench/bench_memory.py [PDF] [--runs N] [--pages N] [--no-long] [--tree]

Each run is a cold ``mgi run FILE --out TMP --db none --no-progress --force`` under a
parent that reads ``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the peak RSS of the largest
process of the command's tree (the command, its document worker, the page workers).
Median of N runs (kB). The long document is assembled by ``bench/make_long.py`` in
/tmp. Targets of issue #14: the sample ≤ 250 MB, the long document ≤ 1.2 × the sample.

``--tree`` also samples the tree with psutil (every 20 ms) and prints each role's peak
RSS (``main``, ``worker``, ``pages``: the page processes), to see where the peak is.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_long import SAMPLE, make_long  # noqa: E402

#: Runs a command and prints the peak RSS (kB) of its process tree's largest process.
PEAK_RSS = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
#: How often ``--tree`` samples the process tree (seconds).
SAMPLE_EVERY = 0.02


def command(pdf: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "run", str(pdf), "--out", str(out), "--db", "none",
            "--no-progress", "--force"]


def peak_kb(pdf: Path) -> int:
    """Peak RSS (kB) of the largest process of one cold run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", PEAK_RSS, *command(pdf, Path(tmp))], check=True,
                             capture_output=True, text=True, cwd=ROOT)
    return int(out.stdout.split()[-1])


def tree_peaks(pdf: Path) -> dict[str, int]:
    """Peak RSS (kB) per role, sampled: ``main`` (the command), ``worker`` (its children), ``pages``."""
    import psutil

    peaks = {"main": 0, "worker": 0, "pages": 0}
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen(command(pdf, Path(tmp)), cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        main = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                peaks["main"] = max(peaks["main"], main.memory_info().rss >> 10)
                for child in main.children():
                    peaks["worker"] = max(peaks["worker"], child.memory_info().rss >> 10)
                    for page in child.children(recursive=True):
                        peaks["pages"] = max(peaks["pages"], page.memory_info().rss >> 10)
            except psutil.Error:
                pass
            time.sleep(SAMPLE_EVERY)
    return peaks


def figures(pdf: Path, runs: int, tree: bool) -> dict:
    peaks = [peak_kb(pdf) for _ in range(runs)]
    fig = {"pdf": pdf.name, "runs_kb": peaks, "median_peak_rss_kb": int(statistics.median(peaks))}
    if tree:
        fig["tree_peak_rss_kb"] = tree_peaks(pdf)
    return fig


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf", nargs="?", type=Path, default=SAMPLE)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pages", type=int, default=500, help="Pages of the long document.")
    ap.add_argument("--no-long", action="store_true", help="Only the sample.")
    ap.add_argument("--tree", action="store_true", help="Also each role's peak (psutil sampling).")
    args = ap.parse_args()
    report = {"sample": figures(args.pdf, args.runs, args.tree)}
    if not args.no_long:
        report["long"] = figures(make_long(args.pdf, args.pages), args.runs, args.tree)
        report["ratio_long_to_sample"] = round(
            report["long"]["median_peak_rss_kb"] / report["sample"]["median_peak_rss_kb"], 3)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
