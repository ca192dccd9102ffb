"""Time and memory of the corpus step over a folder of 100 documents.

The corpus step runs after every batch: it links the acts of every document in the
output folder (``corpus_acts``, ``act_links``), builds the country × domain matrix
and writes the corpus tables and the index page. Adding one report to a folder of
100 must cost seconds, not minutes, so this benchmark measures exactly that step.

The 100 documents are copies of real records (an extracted folder made by ``mgi run``
on the sample and the report fixtures), each copy with another doc_id and other
metadata (country, year, round), which is what a corpus of many countries' reports
looks like to the linker: many acts per jurisdiction, the same instruments everywhere.

Usage:
    python bench/bench_corpus.py [EXTRACTED_DIR] [--docs 100] [--runs 3] [--json]

With no folder, the sample and the four report fixtures are run into a temporary one.
Prints, median of ``--runs``: cold link (no earlier ids), warm link after adding one
document (earlier ids kept), matrix, index page, writing the corpus tables; and the
peak RSS of a process doing the whole step once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INPUTS = [ROOT / "raw" / "mgi-kyrgyzstan-2022-ru.pdf", *sorted((ROOT / "tests/fixtures/reports").glob("*.pdf"))]
COUNTRIES = ["KGZ", "KAZ", "TJK", "COL", "MAR", "BRA", "GHA", "MEX", "MDA", "PHL"]
PER_DOC_TABLES = ("documents", "sections", "paragraphs", "citations", "acts", "evidence")


def extracted_folder(path: str | None) -> Path:
    if path:
        return Path(path)
    out = Path(tempfile.mkdtemp(prefix="mgi-bench-corpus-"))
    subprocess.run([str(ROOT / ".venv/bin/mgi"), "run", *map(str, INPUTS), "--out", str(out), "--db", "none",
                    "--no-progress"], check=True, stdout=subprocess.DEVNULL)
    return out


def synthetic_corpus(src: Path, n: int) -> dict:
    """``n`` documents: copies of ``src``'s documents with new ids, countries, years and rounds."""
    import pandas as pd

    from pipeline.output.records import read_table

    base = {name: read_table(src, name) for name in PER_DOC_TABLES}
    ids = list(base["documents"]["doc_id"])
    parts: dict[str, list] = {name: [] for name in PER_DOC_TABLES}
    for i in range(n):
        old = ids[i % len(ids)]
        new = hashlib.sha256(f"{old}-{i}".encode()).hexdigest()[:16]
        for name, df in base.items():
            part = df[df["doc_id"] == old].copy()
            part["doc_id"] = new
            if name == "documents":
                part["sha256"] = hashlib.sha256(new.encode()).hexdigest()
                part["country"] = COUNTRIES[(i // 2) % len(COUNTRIES)]
                part["year"] = 2018 + (i % 2) * 4
                part["round"] = "first" if i % 2 == 0 else "second"
            parts[name].append(part)
    return {name: pd.concat(p, ignore_index=True) for name, p in parts.items()}


def corpus_step(tables: dict, out: Path, previous=None) -> dict[str, float]:
    """The step as a batch runs it; returns seconds per part."""
    from pipeline.corpus.acts import link_corpus
    from pipeline.corpus.matrix import build_evidence_matrix
    from pipeline.output.records import write_tables

    t = {}
    t0 = time.perf_counter()
    corpus = link_corpus(tables, previous)
    t["link"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    corpus["evidence_matrix"] = build_evidence_matrix({**tables, **corpus})
    t["matrix"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    try:
        from pipeline.corpus.index_page import write_index

        write_index(out, {**tables, **corpus}, corpus["evidence_matrix"])
    except ImportError:
        pass
    t["index"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_tables(out, corpus)
    t["write"] = time.perf_counter() - t0
    t["total"] = sum(t.values())
    t["_links"] = corpus["act_links"]
    return t


def add_one_report(src: Path, n: int, pdf: Path) -> dict[str, float]:
    """Whole process: ``mgi run ONE.pdf --out FOLDER`` where FOLDER already holds ``n`` documents."""
    from pipeline.output.records import write_tables

    out = Path(tempfile.mkdtemp(prefix="mgi-bench-add-"))
    tables = synthetic_corpus(src, n)
    write_tables(out, tables)
    subprocess.run([sys.executable, "-m", "pipeline.cli", "evidence", "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL)  # the folder as a run leaves it: corpus tables, pages
    mgi = [str(ROOT / ".venv/bin/mgi"), "run", str(pdf), "--out", str(out), "--db", "none", "--no-progress"]
    t0 = time.perf_counter()
    subprocess.run(mgi, check=True, stdout=subprocess.DEVNULL)  # a new report: parsed once
    cold = time.perf_counter() - t0
    times = []
    for _ in range(3):  # the same again, layout cached: what is left is records, pages and corpus
        t0 = time.perf_counter()
        subprocess.run(mgi, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return {"add_one_report_cold_wall_s": round(cold, 2), "add_one_report_warm_wall_s": round(statistics.median(times), 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("extracted", nargs="?", help="an extracted folder to copy documents from")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--once", help=argparse.SUPPRESS)  # child: one step, for peak memory
    ap.add_argument("--e2e", type=Path, help="also time `mgi run E2E.pdf` into a folder of --docs documents")
    args = ap.parse_args()
    src = extracted_folder(args.extracted)
    tables = synthetic_corpus(src, args.docs)
    out = Path(tempfile.mkdtemp(prefix="mgi-bench-corpus-out-"))
    if args.once:
        corpus_step(tables, out)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        return
    # warm the caches a real run has warmed by then (lemmatiser, glossary)
    from pipeline.corpus.acts import link_corpus

    link_corpus(synthetic_corpus(src, 2))
    smaller = {k: v[v["doc_id"].isin(list(tables["documents"]["doc_id"])[:-1])] for k, v in tables.items()}
    cold, warm = [], []
    for _ in range(args.runs):
        first = corpus_step(smaller, out)
        cold.append(first)
        warm.append(corpus_step(tables, out, previous=first["_links"]))
    rss = subprocess.run([sys.executable, __file__, str(src), "--docs", str(args.docs), "--once", "1"],
                         check=True, capture_output=True, text=True).stdout.split()[-1]
    med = {f"{kind}_{k}": round(statistics.median(r[k] for r in runs), 3)
           for kind, runs in (("cold", cold), ("add_one", warm)) for k in ("link", "matrix", "index", "write",
                                                                            "total")}
    result = {"documents": args.docs, "acts": int(len(tables["acts"])), **med,
              "peak_rss_mb": round(int(rss) / 1024, 1)}
    if args.e2e:
        result.update(add_one_report(src, args.docs, args.e2e))
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>20}: {v}")


if __name__ == "__main__":
    main()
