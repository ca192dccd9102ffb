"""Precision, recall and number accuracy of the citation finder on the labelled case files.

Usage: python bench/score_citation_cases.py

A found mention counts as right when its surface equals a labelled one of the same
case (each label matched once); number accuracy is over the right ones. Case files:
tests/data/citations/{cases,unseen}.yaml (ru, en) and {es,fr,pt}.yaml. These labels
were written by the project (partly while looking at the finder's output), so the
figures share its judgement calls; they are not a held-out evaluation.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pipeline.citations import cite_text  # noqa: E402

DATA = ROOT / "tests" / "data" / "citations"


def case_sets() -> dict[str, list[tuple[str, dict]]]:
    out: dict[str, list] = {}
    for name in ("cases", "unseen", "es", "fr", "pt"):
        for lang, cases in yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")).items():
            out.setdefault(f"{lang} ({name})", []).extend((lang, c) for c in cases)
    return out


def score(cases) -> dict:
    tp = fp = fn = num_ok = 0
    for lang, case in cases:
        got = cite_text(case["text"], lang=lang)
        want = Counter(m["surface"] for m in case["mentions"])
        numbers = {m["surface"]: m["number"] for m in case["mentions"]}
        for g in got:
            if want[g["surface"]] > 0:
                want[g["surface"]] -= 1
                tp += 1
                num_ok += g["number"] == numbers[g["surface"]]
            else:
                fp += 1
        fn += sum(want.values())
    return {"cases": len(cases), "mentions": tp + fn, "precision": round(tp / max(tp + fp, 1), 3),
            "recall": round(tp / max(tp + fn, 1), 3), "number_exact": round(num_ok / max(tp, 1), 3)}


def main() -> None:
    print(f"{'set':16} {'cases':>6} {'mentions':>9} {'P':>6} {'R':>6} {'number':>7}")
    for name, cases in case_sets().items():
        s = score(cases)
        print(f"{name:16} {s['cases']:6} {s['mentions']:9} {s['precision']:6} {s['recall']:6} {s['number_exact']:7}")


if __name__ == "__main__":
    main()
