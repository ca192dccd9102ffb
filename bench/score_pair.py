"""Pairwise precision, recall and F1 of corpus act links over a gold pair of reports.

The gold file (tests/data/corpus/kyrgyzstan_pair.yaml; see bench/check_pair_gold.py)
gives, per real act, patterns that pick its citations in each of two reports. Every
citation a gold act claims gets that gold id; the pipeline's id for it is the corpus
act its document act is linked to (``act_links``). Pairs are counted across the two
reports only (inside one report the document's own resolver decides):

* act level — units are the document acts (doc_id, act_id) the gold claims, labelled
  with the gold id most of their citations have: two units are gold-same when their
  gold ids agree, predicted-same when their corpus act ids agree;
* mention level — the same over citations (an act cited ten times weighs ten).

Usage:
    python bench/score_pair.py OUT_DIR            # a folder where both reports were run
    python bench/score_pair.py --run              # run both into a temporary folder first
    options: --gold FILE, --json, --show (list the wrong pairs)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from check_pair_gold import GOLD, LANGS, load_gold, matches, run_pipeline, tables  # noqa: E402


def gold_labels(gold: dict, data: dict) -> dict[str, pd.DataFrame]:
    """lang → citations claimed by a gold act, with column ``gold``."""
    out = {}
    for lang in LANGS:
        cits, _ = data[lang]
        rows = []
        for _, r in cits.iterrows():
            ids = [a["id"] for a in gold["acts"] if any(matches(p, r) for p in a[f"_{lang}"])]
            if len(ids) == 1:
                rows.append({**r.to_dict(), "gold": ids[0]})
        out[lang] = pd.DataFrame(rows)
    return out


def prf(pairs: list[tuple[bool, bool]]) -> dict[str, float]:
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn}


def score(folder: Path, gold_path: Path = GOLD, show: bool = False) -> dict:
    gold = load_gold(gold_path)
    data = tables([folder], gold)
    links = pd.read_parquet(folder / "act_links.parquet")
    corpus_of = {(r.doc_id, r.act_id): r.corpus_act_id for r in links.itertuples()}
    labelled = gold_labels(gold, data)
    units = {}
    for lang in LANGS:
        df = labelled[lang]
        df["pred"] = [corpus_of.get((d, a)) for d, a in zip(df["doc_id"], df["act_id"])]
        units[lang] = {k: Counter(g["gold"]).most_common(1)[0][0]
                       for k, g in df.groupby(["doc_id", "act_id"])}
    en, ru = LANGS
    act_pairs, wrong = [], []
    for ka, ga in units[en].items():
        for kb, gb in units[ru].items():
            g, p = ga == gb, corpus_of.get(ka) == corpus_of.get(kb) and corpus_of.get(ka) is not None
            act_pairs.append((g, p))
            if g != p:
                wrong.append(("missed link" if g else "false link", ga, ka[1], gb, kb[1]))
    men_pairs = [(ga == gb, pa == pb and pa is not None)
                 for ga, pa in zip(labelled[en]["gold"], labelled[en]["pred"])
                 for gb, pb in zip(labelled[ru]["gold"], labelled[ru]["pred"])]
    result = {"acts": prf(act_pairs), "mentions": prf(men_pairs),
              "units": {lang: len(units[lang]) for lang in LANGS}}
    if show:
        for w in sorted(wrong):
            print(f"{w[0]:<12} gold {w[1]} ({w[2]})  ~  gold {w[3]} ({w[4]})")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--run", action="store_true")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    folder = args.folder
    if args.run or folder is None:
        folder = Path(tempfile.mkdtemp(prefix="mgi-pair-"))
        run_pipeline(load_gold(args.gold), folder)
    result = score(folder, args.gold, args.show)
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
