"""Stage 2 — normalise raw mentions into :class:`Citation` objects.

Canonical numbers (``№ 06`` → ``6``, ``12-ХII`` with a Cyrillic Х → ``12-XII``),
ISO dates, the adoption year, a clean title, and a *key*: the title reduced to
lemmas without stop words, issuer words, periods or quotes, with country names
replaced by their code, so that inflected and abbreviated variants of one title
compare equal under rapidfuzz.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.citations.lexicon import Lexicon, load
from pipeline.citations.types import Citation, RawMention

#: Letters of Roman numerals, with the Cyrillic look-alikes typists use for them.
_ROMAN_LOOKALIKES = str.maketrans({"Х": "X", "І": "I", "М": "M", "С": "C", "Ⅰ": "I", "Ⅴ": "V", "Ⅹ": "X"})
_ROMAN = re.compile(r"^[IVXLCDMХІМС]+$")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SPACES = re.compile(r"\s+")
_ABBREV_END = re.compile(r"(?:^|\W)\w{1,3}\.$")
_QUOTES = "«»“”„\"'‘’‹›"
#: Act types whose head phrase is their name when no title follows.
NAMED_BY_HEAD = ("code", "constitution")


def canonical_number(raw: str | None) -> str | None:
    """``06`` → ``6``; Roman-numeral parts in Latin letters; dashes unified; a
    series suffix after a space (``477-IV ЗРК``) dropped."""
    if not raw:
        return None
    s = raw.strip().replace("–", "-").replace("—", "-")
    s = s.split()[0] if s else s  # «477-IV ЗРК»: the series letters are not the number
    parts = []
    for part in s.split("-"):
        if part.isdigit():
            part = str(int(part))
        elif _ROMAN.match(part):
            part = part.translate(_ROMAN_LOOKALIKES)
        parts.append(part)
    return "-".join(parts)


def clean_title(raw: str | None) -> str | None:
    if not raw:
        return None
    t = _SPACES.sub(" ", raw).strip().strip(_QUOTES).strip(" ,;:")
    if t.endswith(".") and not _ABBREV_END.search(t):  # keep «гг.», «г.», «No.»
        t = t.rstrip(".")
    return t or None


@lru_cache(maxsize=50_000)
def _key(lang: str, text: str) -> str:
    lex = load(lang)
    text = lex.period_re.sub(" ", text)
    text = lex.until_re.sub(" ", text)
    for code, rx in lex.country_res.items():
        text = rx.sub(f" {code} ", text)
    drop = lex.match_stopwords | frozenset(lex.data.get("key_drop_lemmas", []))
    syn = lex.data.get("key_synonyms") or {}
    out: list[str] = []
    for w in _WORD.findall(text):
        if w.isdigit():
            continue
        if w in lex.country_res:  # a code inserted above
            out.append(w)
            continue
        lem = lex.lemma(w.lower())
        exp = lex.abbreviations.get(lem)
        if exp is not None:
            out.extend(x for x in exp.split() if x not in drop)
            continue
        if lem not in drop:
            out.append(syn.get(lem, lem))
    return " ".join(out)


def title_key(text: str | None, lang: str) -> str:
    """The title reduced for fuzzy matching (see module docstring)."""
    return _key(lang, text) if text else ""


def normalize(rm: RawMention, lex: Lexicon) -> Citation:
    """Turn one raw mention into a citation."""
    date = year = None
    if rm.date:
        y, m, d = rm.date
        year = y
        if m:
            date = f"{y:04d}-{m:02d}-{d:02d}"
    if year is None and rm.years:
        year = rm.years[0]
    title = clean_title(rm.title)
    if not title and rm.head_type in NAMED_BY_HEAD:
        # «Уголовный кодекс», «Конституция»: the head phrase is the name.
        title = clean_title(rm.surface.split("(")[0])
    kind = None
    if rm.head_type == "policy":
        kind = rm.head
        key_src = title
    elif rm.head_type == "code":
        kind = rm.head
        key_src = title
    elif rm.head_type == "treaty":
        kind = rm.head
        key_src = title or rm.party
    else:
        key_src = title
    return Citation(
        start=rm.start,
        end=rm.end,
        surface=rm.surface,
        act_type=rm.head_type,
        number=canonical_number(rm.number),
        date=date,
        year=year,
        title=title or (clean_title(rm.party) if rm.party else None),
        issuer=clean_title(rm.issuer),
        jurisdiction=rm.country,
        period=rm.period,
        kind=kind,
        key=title_key(key_src, lex.lang),
        weak=rm.weak,
    )


def normalize_all(mentions: list[RawMention], lang: str) -> list[Citation]:
    lex = load(lang)
    return [normalize(m, lex) for m in mentions]
