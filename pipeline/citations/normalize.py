"""Stage 2 — normalise raw mentions into :class:`Citation` objects.

Canonical numbers (``№ 06`` → ``6``, ``12-ХII`` with a Cyrillic Х → ``12-XII``),
ISO dates, the adoption year, a clean title, and a *key*: the title reduced to
lemmas without stop words, issuer words, periods or quotes, with country names
replaced by their code, so that inflected and abbreviated variants of one title
compare equal under rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.citations.lexicon import Lexicon, load, morph_parses
from pipeline.citations.types import Citation, RawMention

#: Letters of Roman numerals, with the Cyrillic look-alikes typists use for them.
_ROMAN_LOOKALIKES = str.maketrans({"Х": "X", "І": "I", "М": "M", "С": "C", "Ⅰ": "I", "Ⅴ": "V", "Ⅹ": "X"})
_ROMAN = re.compile(r"^[IVXLCDMХІМС]+$")
#: What OCR reads for Roman-numeral letters in a number's suffix («2045-ХП» for
#: «2045-XII»): «П» for II, «Ш» for III, «Ѵ» for V, «l» or «1» for I. Read so only
#: in a suffix that also has a true Roman letter and gives a valid numeral: «28-П» and
#: «12-Ш» alone stay as they are (a suffix letter of their own).
_OCR_ROMAN = {"П": "II", "Ш": "III", "Ѵ": "V", "l": "I", "1": "I"}
_OCR_ROMAN_PART = re.compile(r"^[IVXLCDMХІМСПШѴl1]+$")
_VALID_ROMAN = re.compile(r"^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SPACES = re.compile(r"\s+")
_ABBREV_END = re.compile(r"(?:^|\W)\w{1,3}\.$")
_QUOTES = "«»“”„\"'‘’‹›"
#: The year at the end of a number («23/2007», «2018-778» has none at the end).
_NUMBER_YEAR = re.compile(r"[/-]((?:19|20)\d\d)$")
#: Act types whose head phrase is their name when no title follows.
NAMED_BY_HEAD = ("code", "constitution")
_ADJ_POS = ("ADJF", "PRTF")


def canonical_number(raw: str | None, strip_zeros: bool = True) -> str | None:
    """``06`` → ``6``; Roman-numeral parts in Latin letters; dashes unified; a
    series suffix after a space (``477-IV ЗРК``) dropped.

    ``strip_zeros=False`` keeps leading zeros (the ``strip_leading_zeros`` of a
    language's YAML): Moroccan «loi n° 02-03» and Colombian «Resolución 0971» are
    numbered that way officially."""
    if not raw:
        return None
    s = raw.strip().replace("–", "-").replace("—", "-")
    words = s.split()
    # «477-IV ЗРК»: the series letters after the number are not part of it; a series
    # before it is («ҚР ДСМ-128/2020»): keep words up to the first one with a digit
    cut = next((i for i, x in enumerate(words) if any(ch.isdigit() for ch in x)), 0)
    s = " ".join(words[:cut + 1]) if words else s
    parts = []
    for part in s.split("-"):
        if part.isdecimal():
            part = plain_digits(part) if strip_zeros or not part.isascii() else part
        elif _ROMAN.match(part):
            part = part.translate(_ROMAN_LOOKALIKES)
        elif parts and (roman := ocr_roman(part)) is not None:
            part = roman
        parts.append(part)
    return "-".join(parts)


def ocr_roman(part: str) -> str | None:
    """A number suffix OCR misread from a Roman numeral, as the numeral (``ХП`` →
    ``XII``, ``XlV`` → ``XIV``), or None when ``part`` is not one (see :data:`_OCR_ROMAN`)."""
    if not _OCR_ROMAN_PART.match(part) or not _ROMAN.match(part.translate({ord(k): None for k in _OCR_ROMAN})):
        return None  # no true Roman letter besides the look-alikes (or none at all)
    roman = "".join(_OCR_ROMAN.get(ch, ch) for ch in part).translate(_ROMAN_LOOKALIKES)
    return roman if _VALID_ROMAN.match(roman) else None


def plain_digits(digits: str) -> str:
    """Decimal digits of any script as ASCII without leading zeros (``٠٦`` → ``6``).

    What ``str(int(digits))`` gives, without ``int``: an act number may be any
    length (``int`` refuses more than 4 300 digits), and it stays a string.
    """
    ascii_digits = digits if digits.isascii() else "".join(str(unicodedata.decimal(ch)) for ch in digits)
    return ascii_digits.lstrip("0") or "0"


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


def nominative(text: str | None, lex: Lexicon) -> str | None:
    """Put the leading adjectives and head noun of a name in the nominative.

    «Национальной стратегии развития …» → «Национальная стратегия развития …»: the
    words after the head are its genitive complement and stay as they are;
    adjectives take the head's gender and number. Languages without a
    morphological analyser keep the text.
    """
    if not text or lex.morph_mode != "morph":
        return text
    words = text.split(" ")
    head = None
    for i, w in enumerate(words):
        if not w.replace("-", "").isalpha():  # «Уголовно-исполнительному»
            return text
        pos = morph_parses(w.lower())[0].tag.POS
        if pos == "NOUN":
            head = i
            break
        if pos not in _ADJ_POS:
            return text
    if head is None:
        return text
    form = morph_parses(words[head].lower())[0].inflect({"nomn"})
    if form is None:
        return text
    words[head] = _same_case(words[head], form.word)
    agree = {"nomn", form.tag.number} | ({form.tag.gender} if form.tag.number == "sing" and form.tag.gender else set())
    for i in range(head):
        for p in morph_parses(words[i].lower()):
            if p.tag.POS in _ADJ_POS:
                f = p.inflect(agree)
                if f is not None:
                    words[i] = _same_case(words[i], f.word)
                    break
    return " ".join(words)


def _same_case(old: str, new: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def normalize(rm: RawMention, lex: Lexicon) -> Citation:
    """Turn one raw mention into a citation."""
    date = year = None
    if rm.date:
        y, m, d = rm.date
        if y == 0:  # «Lei n.º 23/2007, de 4 de julho»: the year is the number's
            ny = _NUMBER_YEAR.search(rm.number or "")
            y = int(ny.group(1)) if ny else None
        year = y
        if m and y:
            date = f"{y:04d}-{m:02d}-{d:02d}"
    if year is None and rm.years:
        year = rm.years[0]
    if year is None and lex.data.get("number_year") and (ny := _NUMBER_YEAR.search(rm.number or "")):
        year = int(ny.group(1))  # «Decreto N° 616/2010», «Lei n.º 23/2007»
    title = clean_title(rm.title)
    key_src = title
    kind = None
    if rm.head_type == "policy":
        kind = rm.head
        title = nominative(title, lex)
    elif rm.head_type in NAMED_BY_HEAD and not title:
        # «Уголовный кодекс», «Конституция»: the head phrase is the name.
        kind = rm.head
        title = key_src = nominative(clean_title(rm.surface.split("(")[0]), lex)
    elif rm.head_type in ("treaty", "code"):
        # «Соглашение о …», «Кодекс … о правонарушениях»: the head is part of the name
        kind = rm.head
        key_src = title or rm.party
        name = title or clean_title(rm.party)
        if name and rm.head_text and not name.startswith(rm.head_text):
            title = nominative(f"{rm.head_text} {name}", lex)
    tail = lex.data.get("title_tail_regex")
    if key_src and tail:
        key_src = re.sub(tail, "", key_src)
    return Citation(
        start=rm.start,
        end=rm.end,
        surface=rm.surface,
        act_type=rm.head_type,
        number=canonical_number(rm.number, lex.strip_zeros),
        date=date,
        year=year,
        title=title,
        issuer=clean_title(rm.issuer),
        jurisdiction=rm.country or _number_jurisdiction(rm.number, lex),
        period=rm.period,
        kind=kind,
        key=title_key(key_src, lex.lang),
        weak=rm.weak,
    )


def _number_jurisdiction(raw: str | None, lex: Lexicon) -> str | None:
    """«№ 115-ФЗ» is Russian, «№ УП-60» Uzbek: number forms that name a jurisdiction."""
    if raw:
        for rx, code in (lex.data.get("number_jurisdiction") or {}).items():
            if re.search(rx, raw):
                return code
    return None


def normalize_all(mentions: list[RawMention], lang: str) -> list[Citation]:
    lex = load(lang)
    return [normalize(m, lex) for m in mentions]
