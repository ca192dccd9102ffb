"""Score every PDF that has a truth file: the sample, the layout fixtures, the design fixtures.

Usage: python bench/score_all.py [--show N] [NAME-FILTER]

One row per PDF: paragraphs matched, footnotes found/linked, running headers and page
numbers read into the body, and the design figures (decoration or sidebar read as headings
or into the body, contents entries in the body).

``furniture_in_body`` is counted here against the truth, not by text alone: the
scorer's own count (kept as ``furniture_text_in_body``) takes every body paragraph
that contains the text of a running header or footer, and the designs' running
headers are the country's name and the report's title, which the body text names
too ("… da República das Ilhas Marinhas …"). Furniture read into the body shows as
its text occurring in an extracted paragraph *more often than in the truth paragraph
it matches*; that is what is counted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import score_structure  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402
from score_structure import BODY_KINDS, SHARED, norm, score  # noqa: E402

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


#: An extracted paragraph is compared with the truth paragraph it matches at least this well
#: (rapidfuzz ratio); below it, with no truth text (every occurrence counts).
TRUTH_PAIR_MIN = 60.0
_extracted: dict = {}


def _remember(extract):
    """Wrap the scorer's extraction so that the furniture count can see what it extracted."""
    def wrapped(pdf: Path):
        _extracted["last"] = extract(pdf)
        return _extracted["last"]
    return wrapped


score_structure.extract = _remember(score_structure.extract)


def furniture_in_body(truth_path: Path) -> int:
    """Running headers, footers and page numbers read into body paragraphs, counted against the truth.

    An occurrence of a furniture text (longer than 8 characters) in an extracted body
    paragraph counts only beyond the occurrences in the truth paragraph that matches it.
    """
    result, layout = _extracted["last"]
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    truth_texts = [norm(b["text"]) for b in truth["blocks"] if b["kind"] in BODY_KINDS]
    furniture = {norm(f.text) for f in layout.furniture if len(f.text) > 8}
    count = 0
    for p in result.paragraphs:
        if p.kind not in BODY_KINDS:
            continue
        text = norm(p.text)
        hit = process.extractOne(text, truth_texts, scorer=fuzz.ratio) if truth_texts else None
        own = hit[0] if hit and hit[1] >= TRUTH_PAIR_MIN else ""
        count += sum(max(0, text.count(f) - own.count(f)) for f in furniture)
    return count


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
        row = score(pdf, truth, args.show)
        row["furniture_text_in_body"] = row["furniture_in_body"]
        row["furniture_in_body"] = furniture_in_body(truth)
        rows.append(row)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    keys = ["matched_share", "footnotes_found", "footnotes_truth", "footnotes_linked", "furniture_in_body",
            "decoration_as_heading",
            "decoration_in_body", "sidebar_as_heading", "sidebar_in_body", "box_found", "box_truth",
            "sidebar_found", "sidebar_truth", "contents_in_body", "contents_found", "contents_entry_truth"]
    print("pdf".ljust(28), " ".join(k[:10].rjust(10) for k in keys))
    for r in rows:
        print(r["pdf"][:28].ljust(28), " ".join(str(r.get(k, "")).rjust(10) for k in keys))


if __name__ == "__main__":
    main()
