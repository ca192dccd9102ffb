"""Ablation: how well does the content classifier recover the domain chapters?

Leave-one-chapter-out on the sample report: for each domain chapter, hide the
section labels of that chapter, train the content classifier on the other five
chapters only (the summary subsections are hidden too unless ``--with-summary``),
let :func:`pipeline.domains.assign_domains` label the hidden paragraphs, and
compare with the truth. Body paragraphs are labelled by content, footnotes by
inheritance from the paragraph that references them. Prints per-chapter accuracy,
the overall accuracy and the confusion matrix; exits 1 below the target.

    .venv/bin/python bench/ablation_domains.py [--with-summary] [--target 0.85]
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pandas as pd  # noqa: E402

from pipeline.domains import CONTENT_KINDS, assign_domains  # noqa: E402
import truth_tables as tt  # noqa: E402

TARGET = 0.85


def run(with_summary: bool = False) -> pd.DataFrame:
    """One row per hidden paragraph: id, kind, chapter, true, predicted, score, review."""
    base_pars, base_secs = tt.build()
    chapters = tt.chapter_ids()
    truth = tt.truth_labels()
    rows = []
    for held_out, ids in chapters.items():
        pars = copy.deepcopy(base_pars)
        secs = copy.deepcopy(base_secs)
        hide_ids = set(ids)
        if not with_summary:
            hide_ids |= {p.paragraph_id for p in pars
                         if p.domain_source == "section" and p.paragraph_id not in _all(chapters)}
        for p in pars:
            if p.paragraph_id in hide_ids:
                p.domain = p.assessment = p.domain_source = p.domain_score = None
        for s in secs:  # hide the section tree's labels too, or they would be inherited
            if s.domain == held_out or (not with_summary and s.role == "summary_domain"):
                s.domain, s.assessment, s.role = None, None, "other"
        assign_domains(pars, secs, "ru")
        for p in pars:
            if p.paragraph_id in ids:
                rows.append(dict(paragraph_id=p.paragraph_id, kind=p.kind, chapter=held_out,
                                 true=truth[p.paragraph_id][0], pred=p.domain or 0,
                                 source=p.domain_source, score=p.domain_score, review=p.review))
    return pd.DataFrame(rows)


def _all(chapters: dict[int, set[str]]) -> set[str]:
    return set().union(*chapters.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--with-summary", action="store_true", help="keep the summary subsections' labels for training")
    ap.add_argument("--target", type=float, default=TARGET)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    df = run(args.with_summary)
    elapsed = time.perf_counter() - t0
    df["ok"] = df["true"] == df["pred"]
    body = df[df.kind.isin(CONTENT_KINDS)]
    print(f"leave-one-chapter-out, training on {'other chapters + summary' if args.with_summary else 'other chapters only'}"
          f" ({elapsed:.1f} s)")
    print(df.groupby("chapter").agg(paragraphs=("ok", "size"), accuracy=("ok", "mean"),
                                    flagged=("review", "sum")).round(3).to_string())
    print(f"\nbody paragraphs (content): {body.ok.mean():.1%} of {len(body)}")
    print(f"all incl. footnotes (inherited): {df.ok.mean():.1%} of {len(df)}")
    print("\nconfusion matrix (rows: true domain, columns: predicted; 0 = no domain / review)")
    print(pd.crosstab(df["true"], df["pred"], rownames=["true"], colnames=["pred"]).to_string())
    if args.show_errors:
        print(df[~df.ok].to_string())
    ok = df.ok.mean() >= args.target
    print(f"\naccuracy {df.ok.mean():.1%} {'>=' if ok else '<'} target {args.target:.0%}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
