"""Check a gold file of act identities across two reports against the pipeline's citations.

The gold file (default tests/data/corpus/kyrgyzstan_pair.yaml) names two documents (en, ru) and,
per act, regular expressions that match the surface or title of that act's citations in each
document. This script reads the citations that `mgi run` extracted and prints, per gold act, the
citations each document's patterns match and the pipeline's act_id(s) for them; then the
citations no gold act matches.

Usage:
    python bench/check_pair_gold.py OUT_DIR [OUT_DIR2]   # extracted folders (`mgi run … --out`)
    python bench/check_pair_gold.py --run                # run the pipeline on both documents first
    options: --gold FILE, -q (only problems and the summary)

Each document is found in the folders by its file name (documents.parquet `file`), else by
language. Exit status 1 when a pattern matches no citation of its document, a citation is
matched by two gold acts, or a `missed_*` text is not in its document; 2 on bad input.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "corpus" / "kyrgyzstan_pair.yaml"
LANGS = ("en", "ru")


def load_gold(path: Path) -> dict:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    ids = [a["id"] for a in gold["acts"]]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        sys.exit(f"duplicate gold ids: {sorted(dupes)}")
    for a in gold["acts"]:
        for lang in LANGS:
            a[f"_{lang}"] = [re.compile(p, re.IGNORECASE) for p in a.get(lang) or []]
    return gold


def run_pipeline(gold: dict, out: Path) -> list[Path]:
    pdfs = [str(ROOT / gold["documents"][lang]) for lang in LANGS]
    mgi = ROOT / ".venv" / "bin" / "mgi"
    subprocess.run([str(mgi) if mgi.exists() else "mgi", "run", *pdfs, "--out", str(out)], check=True)
    return [out]


def tables(folders: list[Path], gold: dict) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """lang → (citations, paragraphs) of that document."""
    docs, cits, paras = [], [], []
    for f in folders:
        for name, acc in (("documents", docs), ("citations", cits), ("paragraphs", paras)):
            p = f / f"{name}.parquet"
            if not p.exists():
                sys.exit(f"{p}: missing (not an `mgi run` output folder?)")
            acc.append(pd.read_parquet(p))
    docs_df = pd.concat(docs).drop_duplicates("doc_id")
    cit_df, para_df = pd.concat(cits).drop_duplicates("citation_id"), pd.concat(paras)
    out = {}
    for lang in LANGS:
        base = Path(gold["documents"][lang]).name
        hit = docs_df[docs_df["file"].map(lambda x: Path(str(x)).name) == base]
        if hit.empty:
            hit = docs_df[docs_df["language"] == lang]
        if len(hit) != 1:
            sys.exit(f"{lang}: {len(hit)} documents match {base!r} (or language {lang}) in {folders}")
        doc = hit.iloc[0]["doc_id"]
        out[lang] = (cit_df[cit_df["doc_id"] == doc].sort_values(["page", "citation_id"]),
                     para_df[para_df["doc_id"] == doc])
    return out


def matches(pat: re.Pattern, row) -> bool:
    """The pattern is searched in the surface and in the title separately (^ = start of either)."""
    return any(isinstance(t, str) and pat.search(t) for t in (row["surface"], row["title"]))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check(gold: dict, data: dict, quiet: bool) -> int:
    problems: list[str] = []
    counts = {"both": 0, "en": 0, "ru": 0}
    claimed: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}  # citation_id → gold ids
    report: list[str] = []
    for a in gold["acts"]:
        where = [lang for lang in LANGS if a[f"_{lang}"] or a.get(f"missed_{lang}")]
        counts["both" if len(where) == 2 else where[0] if where else "ru"] += 1
        report.append(f"\n{a['id']}")
        for lang in LANGS:
            cits, paras = data[lang]
            pats = a[f"_{lang}"]
            rows = []
            for pat in pats:
                hits = [r for _, r in cits.iterrows() if matches(pat, r)]
                if not hits:
                    problems.append(f"{a['id']} [{lang}]: pattern {pat.pattern!r} matches no citation")
                rows += hits
            seen = set()
            for r in rows:
                if r["citation_id"] in seen:
                    continue
                seen.add(r["citation_id"])
                claimed[lang].setdefault(r["citation_id"], []).append(a["id"])
                report.append(f"  {lang} p{r['page']:<3} {r['act_id']:<40} {squash(r['surface'])[:110]}")
            if pats:
                ids = sorted({r["act_id"] for r in rows})
                report.append(f"  {lang} → pipeline act_id{'s' if len(ids) > 1 else ''}: {', '.join(ids)}")
            for missed in a.get(f"missed_{lang}") or []:
                body = paras[paras["text"].map(lambda t: squash(str(t)).find(squash(missed)) >= 0)]
                if body.empty:
                    problems.append(f"{a['id']} [{lang}]: missed text {missed!r} is not in the document")
                    continue
                covered = cits[cits["paragraph_id"].isin(body["paragraph_id"])
                               & cits["surface"].map(lambda s, m=missed: squash(m) in squash(s) or
                                                     squash(s) in squash(m))]
                state = (f"now FOUND as {covered.iloc[0]['act_id']} — move it into a pattern"
                         if not covered.empty else "no citation (pipeline misses it)")
                report.append(f"  {lang} MISSED {missed!r}: {state}")
    for lang in LANGS:
        for cid, ids in claimed[lang].items():
            if len(ids) > 1:
                problems.append(f"[{lang}] citation {cid} matched by {len(ids)} gold acts: {', '.join(ids)}")
    unmatched = []
    for lang in LANGS:
        cits, _ = data[lang]
        for _, r in cits.iterrows():
            if r["citation_id"] not in claimed[lang]:
                unmatched.append(f"  {lang} p{r['page']:<3} {r['act_id']:<40} {squash(r['surface'])[:110]}")
    if not quiet:
        print("\n".join(report))
        print(f"\ncitations no gold act matches ({len(unmatched)}):")
        print("\n".join(unmatched) if unmatched else "  none")
    total = {lang: len(data[lang][0]) for lang in LANGS}
    matched = {lang: len(claimed[lang]) for lang in LANGS}
    print(f"\ngold acts: {len(gold['acts'])} (in both {counts['both']}, en only {counts['en']}, "
          f"ru only {counts['ru']}); citations matched: en {matched['en']}/{total['en']}, "
          f"ru {matched['ru']}/{total['ru']}")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--run", action="store_true", help="run `mgi run` on both documents into a temporary folder")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    gold = load_gold(args.gold)
    if args.run:
        with tempfile.TemporaryDirectory(prefix="pair-gold-") as tmp:
            folders = run_pipeline(gold, Path(tmp))
            sys.exit(check(gold, tables(folders, gold), args.quiet))
    if not args.folders:
        ap.error("give one or two extracted folders, or --run")
    sys.exit(check(gold, tables(args.folders, gold), args.quiet))


if __name__ == "__main__":
    main()
