"""Rebuild ``pipeline/data/domains/calibration.json``: blended score → probability of being right.

Data (all held out, nothing downloaded, no pickles): leave-one-chapter-out
predictions of :func:`bench.ablation_domains.run` with the raw blend (identity
calibration) on

* the Russian sample, ``/work/shared/corpus/mgi-kyrgyzstan-2022-ru.truth.json``
  (its chapter paragraphs labelled by their sections), and
* the report fixtures of other languages, ``tests/fixtures/reports/*.truth.json``
  (en, es, fr, pt; chapter paragraphs labelled by their sections).

Rows: body paragraphs and list items the content classifier gave a domain
(flagged "no domain" rows are not a score of a domain). Target: the domain is the
chapter's. Fit: scikit-learn ``IsotonicRegression`` (increasing, clipped), then
each step's accuracy smoothed to (right + 1) / (n + 2) and made monotone again,
so that no step claims 100 % from a finite sample. The file stores the steps as
breakpoints (``np.interp`` between them) with the data's provenance and counts.

    .venv/bin/python bench/calibrate_domains.py            # writes the file, prints reliability
    .venv/bin/python bench/calibrate_domains.py --dry-run  # prints only
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import ablation_domains as ab  # noqa: E402
from pipeline.domains import CONTENT_KINDS, Calibration  # noqa: E402
from pipeline.domains.calibration import CALIBRATION_PATH  # noqa: E402


def held_out_rows() -> pd.DataFrame:
    """Leave-one-chapter-out content predictions with the raw blend, every report."""
    import truth_tables as tt

    frames = []
    pars, secs, lang = ab.load_truth()
    df = ab.run(pars, secs, lang, calibration=Calibration.identity())
    df["report"], df["lang"] = tt.TRUTH.name.split(".")[0], lang
    frames.append(df)
    for f in ab.fixture_files():
        pars, secs, lang = ab.load_truth_file(f)
        df = ab.run(pars, secs, lang, calibration=Calibration.identity())
        df["report"], df["lang"] = f.name.split(".")[0], lang
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    df = df[df.kind.isin(CONTENT_KINDS) & (df.source == "content") & (df.pred != 0)].copy()
    df["raw"] = df["score"].astype(float)
    return df


def fit(scores: np.ndarray, right: np.ndarray) -> list[tuple[float, float]]:
    """Isotonic steps, Laplace-smoothed, as (score, probability) breakpoints."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(increasing=True, out_of_bounds="clip").fit(scores, right.astype(float))
    fitted = iso.predict(scores)
    steps = []  # (lowest score, highest score, n, right) of each step
    for value in sorted(set(np.round(fitted, 12))):
        m = np.isclose(fitted, value)
        steps.append((float(scores[m].min()), float(scores[m].max()), int(m.sum()), float(right[m].sum())))
    steps.sort()
    mids = np.array([(a + b) / 2 for a, b, _, _ in steps])
    smooth = np.array([(k + 1) / (n + 2) for _, _, n, k in steps])
    weights = np.array([n for _, _, n, _ in steps], dtype=float)
    smooth = IsotonicRegression(increasing=True).fit(mids, smooth, sample_weight=weights).predict(mids)
    points = []
    for (lo, hi, _, _), p in zip(steps, smooth):
        for x in (lo, hi):
            if points and x <= points[-1][0]:
                x = points[-1][0] + 1e-4
            points.append((round(x, 4), round(float(p), 4)))
    return points


def leave_one_report_out(df: pd.DataFrame) -> pd.DataFrame:
    """Each report's rows calibrated by a map fitted on the other reports (honest check)."""
    out = []
    for report in df.report.unique():
        train, test = df[df.report != report], df[df.report == report].copy()
        pts = fit(train.raw.values, train.ok.values)
        cal = Calibration(tuple(x for x, _ in pts), tuple(y for _, y in pts))
        test["score"] = [cal(s) for s in test.raw]
        out.append(test)
    return pd.concat(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--out", type=Path, default=CALIBRATION_PATH)
    args = ap.parse_args(argv)
    df = held_out_rows()
    print(df.groupby("report").agg(n=("ok", "size"), accuracy=("ok", "mean")).round(3).to_string())
    points = fit(df.raw.values, df.ok.values)
    cal = Calibration(tuple(x for x, _ in points), tuple(y for _, y in points))
    df["score"] = [cal(s) for s in df.raw]
    print("\nbreakpoints (score → probability):", points)
    print("\nreliability before (raw blend):")
    print(ab.reliability(df, "raw").to_string())
    print("after (this map, in-sample):")
    print(ab.reliability(df, "score").to_string())
    lor = leave_one_report_out(df)
    print("after (leave-one-report-out: each report by a map fitted on the others):")
    print(ab.reliability(lor, "score").to_string())
    print(f"expected calibration error: raw {ab.expected_calibration_error(df, 'raw'):.3f}, "
          f"in-sample {ab.expected_calibration_error(df, 'score'):.3f}, "
          f"leave-one-report-out {ab.expected_calibration_error(lor, 'score'):.3f}")
    if args.dry_run:
        return 0
    import truth_tables as tt

    record = {
        "method": "isotonic",
        "description": "blended score of LexiconCentroidClassifier -> probability that the best domain is right",
        "built_by": "bench/calibrate_domains.py",
        "data": {
            "what": "leave-one-chapter-out content predictions (raw blend) of chapter paragraphs, "
                    "labelled by their sections; rows with a domain only",
            "reports": {r: {"n": int((df.report == r).sum()), "right": int(df.ok[df.report == r].sum()),
                            "lang": df.lang[df.report == r].iloc[0]} for r in df.report.unique()},
            "sources": [str(tt.TRUTH.name)] + [f"tests/fixtures/reports/{f.name}" for f in ab.fixture_files()],
        },
        "smoothing": "isotonic steps, each (right + 1) / (n + 2), monotone again",
        "breakpoints": [list(p) for p in points],
    }
    args.out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
