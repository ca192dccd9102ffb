"""Score every PDF that has a truth file: the sample, the layout fixtures, the design fixtures.

Usage: python bench/score_all.py [--show N] [NAME-FILTER]

One row per PDF: paragraphs matched, footnotes found/linked, and the design figures
(decoration or sidebar read as headings or into the body, contents entries in the body).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from score_structure import SHARED, score  # noqa: E402

SAMPLE_TRUTH = SHARED / "corpus" / "mgi-kyrgyzstan-2022-ru.truth.json"


def cases() -> list[tuple[Path, Path]]:
    out = [(SHARED / "corpus" / "mgi-kyrgyzstan-2022-ru.pdf", SAMPLE_TRUTH)]
    for pdf in sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")):
        own = pdf.with_suffix(".truth.json")
        if own.exists():
            out.append((pdf, own))
        elif pdf.parent.name == "layouts":  # re-typesettings of the sample
            out.append((pdf, SAMPLE_TRUTH))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("filter", nargs="?", default="")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = []
    for pdf, truth in cases():
        if args.filter not in pdf.name:
            continue
        if args.show:
            print(f"== {pdf.name}")
        rows.append(score(pdf, truth, args.show))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    keys = ["matched_share", "footnotes_found", "footnotes_truth", "footnotes_linked", "decoration_as_heading",
            "decoration_in_body", "sidebar_as_heading", "sidebar_in_body", "box_found", "box_truth",
            "sidebar_found", "sidebar_truth", "contents_in_body", "contents_found", "contents_entry_truth"]
    print("pdf".ljust(28), " ".join(k[:10].rjust(10) for k in keys))
    for r in rows:
        print(r["pdf"][:28].ljust(28), " ".join(str(r.get(k, "")).rjust(10) for k in keys))


if __name__ == "__main__":
    main()
