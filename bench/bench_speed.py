"""Speed of the whole run against a bare pdfplumber parse of the same file.

Usage: python bench/bench_speed.py [PDF] [--repeat N]

Prints, for the same file in the same process: the bare parse (``len(page.chars)``
over all pages, what any pdfplumber-based tool pays), each stage of the pipeline,
the whole in-process run (``run_batch``, ``--force``, every output format) with one
worker and with every core (spare cores parse pages), and the ``mgi run`` command's
wall time (interpreter start-up and imports included).
Best of N runs. The target of the foundation issue: whole run ≤ 1.3 × bare parse.

Command figures (``--cli-only`` prints only these): ``mgi --help`` wall time; the bare
parse as a process, a cold ``mgi run --force`` and a first ``mgi run`` into a new folder with
default options (interleaved, medians; the ratios of the two runs to the bare process); a warm
re-run of ``mgi run`` (same inputs, same outputs folder, ``--db none``; median of N,
target ≤ 2.5 s), the same re-run with the run stamp removed (every stage runs again
on the cached layout), and peak RSS of the cold and warm runs (kB, the command's
processes, from ``getrusage``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from pipeline.batch import BatchOptions
from pipeline.batch import run_batch  # noqa: E402
from pipeline.layout.extract import extract_layout  # noqa: E402
from pipeline.models import DocumentInfo  # noqa: E402
from pipeline.structure.build import build_document  # noqa: E402


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


#: Runs a command and prints the peak RSS (kB) of its process tree's largest process.
PEAK_RSS = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of one command."""
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK_RSS, *cmd], check=True, capture_output=True, text=True)
    return time.perf_counter() - t, int(out.stdout.split()[-1])


def bare_command(pdf: Path) -> list[str]:
    """The bare parse as a whole process (interpreter start-up and the pdfplumber import
    included, like a cold run)."""
    return [sys.executable, "-c", f"import pdfplumber\nwith pdfplumber.open({str(pdf)!r}) as d:\n"
            "    print(sum(len(p.chars) for p in d.pages))"]


def cli_figures(pdf: Path, tmp: Path, repeat: int) -> dict[str, float]:
    """``mgi --help``; then, interleaved so that a slower minute of a shared machine weighs on
    each alike: the bare parse process, a cold ``mgi run`` (``--force`` into the same folder,
    ``--db none``) and a new user's first ``mgi run`` (a new output folder, default options:
    every format and the SQLite database); medians. Then warm re-runs (with and without
    the run stamp)."""
    mgi = [sys.executable, "-m", "pipeline.cli"]
    run = [*mgi, "run", str(pdf), "--out", str(tmp / "warm"), "--db", "none", "--no-progress"]
    fig: dict[str, float] = {}
    fig["help_s"] = min(timed([*mgi, "--help"])[0] for _ in range(repeat))
    bare, cold, fresh = [], [], []
    for i in range(repeat):
        bare.append(timed(bare_command(pdf))[0])
        cold.append(timed([*run, "--force"]))
        fresh.append(timed([*mgi, "run", str(pdf), "--out", str(tmp / f"fresh-{i}"), "--no-progress"])[0])
    fig["bare_process_s"] = statistics.median(bare)
    fig["cold_run_s"] = statistics.median(c[0] for c in cold)
    fig["cold_run_peak_rss_kb"] = max(c[1] for c in cold)
    fig["first_run_s"] = statistics.median(fresh)
    warm = [timed(run) for _ in range(repeat)]
    fig["warm_rerun_median_s"] = statistics.median(w[0] for w in warm)
    fig["warm_rerun_peak_rss_kb"] = max(w[1] for w in warm)
    restaged = []
    for _ in range(repeat):
        (tmp / "warm" / ".cache" / "run.json").unlink(missing_ok=True)
        restaged.append(timed(run)[0])
    fig["warm_rerun_no_stamp_median_s"] = statistics.median(restaged)
    return fig


def bare_parse(pdf: Path) -> int:
    with pdfplumber.open(pdf) as doc:
        return sum(len(p.chars) for p in doc.pages)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf", nargs="?", default=str(ROOT / "raw" / "mgi-kyrgyzstan-2022-ru.pdf"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cli-only", action="store_true", help="Only the command figures (and the bare parse).")
    args = ap.parse_args()
    pdf = Path(args.pdf)
    figures: dict[str, float] = {}
    figures["bare_parse_s"], chars = best(lambda: bare_parse(pdf), args.repeat)
    if args.cli_only:
        with tempfile.TemporaryDirectory() as tmp:
            figures.update(cli_figures(pdf, Path(tmp), args.repeat))
        figures["ratio_cold_run_to_bare"] = figures["cold_run_s"] / figures["bare_parse_s"]
        figures["ratio_cold_run_to_bare_process"] = figures["cold_run_s"] / figures["bare_process_s"]
        figures["ratio_first_run_to_bare_process"] = figures["first_run_s"] / figures["bare_process_s"]
        print(json.dumps({k: round(v, 3) for k, v in figures.items()}, indent=1))
        return
    figures["layout_s"], layout = best(lambda: extract_layout(pdf), args.repeat)
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    info = DocumentInfo(doc_id=sha[:16], file=pdf.name, sha256=sha)
    figures["structure_s"], result = best(lambda: build_document(layout, info), args.repeat)
    try:
        from pipeline.domains import assign_domains

        figures["domains_s"], _ = best(lambda: assign_domains(result.paragraphs, result.sections, layout.language), 1)
    except ImportError:
        pass
    try:
        from pipeline.citations import extract_citations

        extract_citations(result.paragraphs, info.doc_id, layout.language)  # start-up
        figures["citations_s"], _ = best(
            lambda: extract_citations(result.paragraphs, info.doc_id, layout.language), args.repeat)
    except ImportError:
        pass
    with tempfile.TemporaryDirectory() as tmp:
        for workers in (1, None):
            name = "1_worker" if workers == 1 else "all_cores"
            opts = BatchOptions(out=Path(tmp) / name, workers=workers, force=True, progress=False)
            figures[f"run_in_process_{name}_s"], _ = best(lambda: run_batch([pdf], opts), args.repeat)
        cmd = [sys.executable, "-m", "pipeline.cli", "run", str(pdf), "--out", str(Path(tmp) / "cli"),
               "--force", "--no-progress"]
        figures["mgi_run_cli_s"], _ = best(lambda: subprocess.run(cmd, check=True, capture_output=True),
                                           args.repeat)
    figures = {k: round(v, 3) for k, v in figures.items()}
    figures["chars"] = chars
    for key in ("run_in_process_1_worker_s", "run_in_process_all_cores_s", "mgi_run_cli_s"):
        figures[f"ratio_{key[:-2]}_to_bare"] = round(figures[key] / figures["bare_parse_s"], 2)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
