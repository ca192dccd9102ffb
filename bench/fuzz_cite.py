"""Hostile text through the citation stage: crashes, offsets and scaling (not a test).

1. :func:`pipeline.citations.cite_text` on ``--n`` strings (10 000 by default) from a
   seeded generator that mixes head words, number markers, quotes, digits (a few
   thousand of them now and then), lone surrogates, control characters, right-to-left
   text, combining marks and whitespace. Every crash is printed (there must be
   none), and every row is checked: ``0 <= start <= end <= len(text)``, the surface
   is the text's slice there (lone surrogates read as U+FFFD) and it encodes as UTF-8.
2. Worst cases (long runs of ``»`` or ``№``, number lists, dense mentions, …) at
   1 000, 10 000 and 100 000 characters: chars/s and the characters handed to the
   spaCy tokenizer per input character (``work``), which must stay flat as the size
   grows (linear time).

Usage: ``.venv/bin/python bench/fuzz_cite.py [--n 10000] [--seed 7] [--sizes 1000,10000,100000]``.
Exit status 1 when anything crashed or an offset was wrong.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.citations import cite_text  # noqa: E402
from pipeline.citations.find import finder  # noqa: E402
from pipeline.citations.guard import scrub  # noqa: E402

HEADS = ["Закон", "закона", "Законом", "Конституционный закон", "Указ", "Постановление Правительства",
         "Кодекс", "Конвенция", "Соглашение", "Концепция", "Стратегия", "Протокол", "План действий",
         "Law", "Laws", "Act", "Code", "Decree", "Resolution", "Convention", "Conventions", "Protocol",
         "Agreement", "Concept", "Strategy", "Programme", "ILO Convention", "Cabinet of Ministers Resolution"]
MARKERS = ["№", "№№", "No.", "Nos.", "No", "от", "of", "года", "г.", "гг.", "мая", "January", "on", "о", "и",
           "and", ",", ";", ":", ".", "(", ")", "-", "–", "—", "/", "на", "for", "the", "Республики", "Kyrgyz"]
QUOTES = list("«»“”„\"'‘’‹›")
WORDS = ["миграции", "трудовой", "населения", "о", "внешней", "государственной", "Migration", "Labour",
         "Policy", "Republic", "Kazakhstan", "Кыргызской", "Республики", "Nations", "United", "Europe"]
ODD = (["\ud800", "\udfff", "\udc80", "\ud83d", "\x00", "\x07", "\x1b", "\x7f", "\u200b", "\u200e", "\u200f",
        "\u202e", "\u2066", "\u2028", "\ufeff", "\ufffd", "\u0301", "\u0300\u0301\u0302", "\u0483",
        "\u00ad", "\t", "\n", "\r\n", "  ", "-\n", "\u00a0", "😀", "𝟏𝟗𝟗𝟗", "١٩٩٩", "²", "Ⅻ"]
       + ["שלום", "قانون رقم", "مرسوم"])


def _number(rnd: random.Random) -> str:
    r = rnd.random()
    if r < 0.01:
        return "9" * rnd.choice([4301, 5000, 20000])
    if r < 0.3:
        return str(rnd.randint(1800, 2099))
    if r < 0.45:
        return f"{rnd.randint(1, 31):02d}.{rnd.randint(1, 12):02d}.{rnd.randint(1990, 2030)}"
    if r < 0.55:
        return rnd.choice(["2021-2030", "12-ХII", "477-IV", "115-ФЗ", "УП-60", "200/2010", "0"])
    return "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 12)))


def _case_texts() -> list[str]:
    """Texts of the labelled citation cases: real mentions to splice hostile pieces into."""
    out = []
    for name in ("cases.yaml", "unseen.yaml"):
        data = yaml.safe_load((ROOT / "tests" / "data" / "citations" / name).read_text(encoding="utf-8"))
        out += [c["text"] for cases in data.values() for c in cases]
    return out


CASES = _case_texts()
#: Share of generated strings that are a labelled case with hostile pieces spliced in.
SPLICED = 0.4


def fuzz_text(rnd: random.Random) -> str:
    """One generated string: a labelled case with 1–5 odd pieces spliced in, or 1–60
    pieces of the kinds above glued by nothing, spaces or line breaks."""
    if rnd.random() < SPLICED:
        text = rnd.choice(CASES)
        for _ in range(rnd.randint(1, 5)):
            i = rnd.randint(0, len(text))
            text = text[:i] + rnd.choice(ODD + QUOTES + [_number(rnd)]) + text[i:]
        return text
    pieces = []
    for _ in range(rnd.randint(1, 60)):
        kind = rnd.random()
        if kind < 0.2:
            p = rnd.choice(HEADS)
        elif kind < 0.4:
            p = rnd.choice(MARKERS)
        elif kind < 0.55:
            p = _number(rnd)
        elif kind < 0.67:
            p = rnd.choice(QUOTES)
        elif kind < 0.8:
            p = rnd.choice(WORDS)
        elif kind < 0.97:
            p = rnd.choice(ODD)
        else:  # a run of one character
            p = rnd.choice(QUOTES + ["№", "(", "-", "\ufffd", "\ud800"]) * rnd.randint(2, 300)
        pieces.append(p)
        pieces.append(rnd.choice(["", " ", " ", " ", "\n"]))
    return "".join(pieces)


def check_rows(text: str, rows: list[dict]) -> str | None:
    """What is wrong with the rows of ``text``, or None."""
    clean = scrub(text)
    for r in rows:
        s, e = r["start"], r["end"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
            return f"offsets {s}..{e} outside 0..{len(text)}"
        if clean[s:e] != r["surface"]:
            return f"surface {r['surface']!r} is not text[{s}:{e}] = {clean[s:e]!r}"
        json.dumps(r, ensure_ascii=False).encode("utf-8")
    return None


#: Worst cases: name → (language, text of about ``n`` characters).
WORST = {
    "Закон + » run": ("ru", lambda n: "Закон " + "»" * n),
    "Закон + « run": ("ru", lambda n: "Закон " + "«" * n),
    "Закон + № run": ("ru", lambda n: "Закон " + "№" * n),
    "№ run": ("ru", lambda n: "№" * n),
    "Закон № + digits": ("ru", lambda n: "Закон № " + "7" * n),
    "«Закон № » ×": ("ru", lambda n: "Закон № " * (n // 8)),
    "«Закон «» ×": ("ru", lambda n: "Закон «" * (n // 7)),
    "«Закон № 5 (» ×": ("ru", lambda n: "Закон № 5 (" * (n // 11) + ")"),
    "Nos. 97, 97, …": ("en", lambda n: "ILO Conventions Nos. 97" + ", 97" * (n // 4)),
    "Nos. 1, 2, 3, …": ("en", lambda n: "ILO Conventions Nos. 1" + "".join(
        f", {i % 9999 + 1}" for i in range(1, n // 6))),
    "«Nos. 97, » ×": ("en", lambda n: "Nos. 97, " * (n // 9)),
    "«Law » ×": ("en", lambda n: "Law " * (n // 4)),
    "«Law No. k.» ×": ("en", lambda n: " ".join(f"Law No. {i}." for i in range(n // 13))),
    "«Law \"» ×": ("en", lambda n: 'Law "' * (n // 5)),
    "surrogates + heads": ("ru", lambda n: "Закон \ud800№ 5\udfff " * (n // 12)),
}


class _Counting:
    """Wraps a spaCy tokenizer and counts the characters it is given."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        self.chars = 0

    def __call__(self, text):
        self.chars += len(text)
        return self.tokenizer(text)


def fuzz(n: int, seed: int) -> int:
    rnd = random.Random(seed)
    crashes = wrong = 0
    chars = mentions = 0
    t = time.perf_counter()
    for i in range(n):
        text = fuzz_text(rnd)
        lang = rnd.choice(["ru", "en", "auto"])
        chars += len(text)
        try:
            rows = cite_text(text, lang=lang)
        except Exception:  # noqa: BLE001 - counted and printed
            crashes += 1
            print(f"CRASH #{i} lang={lang} text={text[:200]!r}")
            traceback.print_exc(limit=3)
            continue
        mentions += len(rows)
        problem = check_rows(text, rows)
        if problem:
            wrong += 1
            print(f"OFFSETS #{i} lang={lang}: {problem}")
    dt = time.perf_counter() - t
    print(f"fuzz: {n} strings ({chars:,} chars, {mentions} mentions) in {dt:.1f} s — "
          f"crashes: {crashes}, offset errors: {wrong}")
    return crashes + wrong


def worst(sizes: list[int]) -> None:
    counters = {}
    for lang in ("ru", "en"):
        f = finder(lang)
        counters[lang] = f.nlp.tokenizer = _Counting(f.nlp.tokenizer)
    head = "".join(f"{s:>12,} chars" for s in sizes)
    print(f"\n{'worst case':22s}{head}    (chars/s, tokenizer chars per input char)")
    for name, (lang, make) in WORST.items():
        cells = []
        for size in sizes:
            text = make(size)
            counters[lang].chars = 0
            t = time.perf_counter()
            cite_text(text, lang=lang)
            dt = time.perf_counter() - t
            cells.append(f"{len(text) / dt:>10,.0f}/{counters[lang].chars / len(text):.2f}")
        print(f"{name:22s}" + "".join(f"{c:>18s}" for c in cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sizes", default="1000,10000,100000")
    args = ap.parse_args()
    cite_text("Закон № 1 «О примере» (2000 г.)", lang="ru")  # start-up out of the figures
    cite_text("Law No. 1 on Examples (2000)", lang="en")
    bad = fuzz(args.n, args.seed)
    worst([int(s) for s in args.sizes.split(",")])
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
