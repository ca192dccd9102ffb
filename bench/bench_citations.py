"""Speed of the citation stage (not a test).

Reports, on the sample report's plain text (``seed.txt``):

* start-up: importing :mod:`pipeline.citations` and building the Russian finder
  (spaCy blank pipeline, Matcher, pymorphy3), measured in a fresh interpreter;
* throughput of :func:`pipeline.citations.cite_text` (find → normalise → resolve)
  after start-up, cold (empty lemma cache) and warm;
* the same text through a naive ``spacy.blank("ru")`` + pymorphy3 lemmatizer
  pipeline, and through spaCy's tokenizer alone, for comparison.

Targets: ≥ 300 000 chars/s, start-up ≤ 1.5 s.

Usage: ``.venv/bin/python bench/bench_citations.py [TEXT_FILE]``
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_TEXT = ROOT.parent / "shared" / "corpus" / "seed.txt"
REPEATS = 3

STARTUP = """
import time; t = time.perf_counter()
from pipeline.citations import cite_text
cite_text("Закон № 1 «О примере» (2000 г.)", lang="ru")
print(time.perf_counter() - t)
"""


def startup_seconds() -> float:
    out = subprocess.run([sys.executable, "-c", STARTUP], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def rate(fn, text: str, repeats: int = 1) -> tuple[float, object]:
    best = float("inf")
    res = None
    for _ in range(repeats):
        t = time.perf_counter()
        res = fn(text)
        best = min(best, time.perf_counter() - t)
    return len(text) / best, res


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TEXT
    text = path.read_text(encoding="utf-8")
    print(f"text: {path} ({len(text):,} chars)")
    print(f"start-up (fresh interpreter): {startup_seconds():.2f} s   target <= 1.5 s")

    from pipeline.citations import cite_text
    from pipeline.citations.lexicon import _analyse

    cite_text("Закон № 1 «О примере» (2000 г.)", lang="ru")
    _analyse.cache_clear()
    cold, rows = rate(lambda s: cite_text(s, lang="ru"), text)
    warm, rows = rate(lambda s: cite_text(s, lang="ru"), text, REPEATS)
    print(f"citations: {len(rows)} mentions, {len({r['act_id'] for r in rows if r['act_id']})} acts")
    print(f"cite_text cold lemma cache: {cold:>12,.0f} chars/s")
    print(f"cite_text warm:             {warm:>12,.0f} chars/s   target >= 300,000")

    import spacy

    tok = spacy.blank("ru")
    r_tok, _ = rate(lambda s: tok.make_doc(s), text, REPEATS)
    print(f"spaCy tokenizer alone:      {r_tok:>12,.0f} chars/s")
    naive = spacy.blank("ru")
    naive.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
    naive.initialize()
    r_naive, _ = rate(lambda s: naive(s), text)
    print(f"naive blank+pymorphy3:      {r_naive:>12,.0f} chars/s")


if __name__ == "__main__":
    main()
