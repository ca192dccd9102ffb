"""Per-language data files (YAML) under ``pipeline/data/<stage>/<lang>.yaml``.

Engine code never names a heading, a country or an act; it reads them from here so
that adding a language or a country is a data change.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.yamlio import load_yaml


DATA_DIR = Path(__file__).parent / "data"
DEFAULT_LANG = "en"
#: A text is Russian when at least this share of its letters are Cyrillic: a
#: Russian report quotes English names and titles, an English one rarely Cyrillic.
CYRILLIC_SHARE = 0.3
#: Characters looked at to tell the language.
LANGUAGE_SAMPLE = 20000


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def has_cyrillic(text: str) -> bool:
    return any(is_cyrillic(ch) for ch in text)


#: Function words that tell Latin-script languages apart. A word may belong to
#: several languages (``de``, ``que``); it then counts for each, and the words only
#: one language uses decide. German and Italian are here so that a report in a
#: language without data is named (and warned about), not read as English.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is are that for with by on as this be was were from which "
                    "has have its an at or their been not it these also".split()),
    "es": frozenset("el la los las y de del en que por para con una un es se al lo su sus como "
                    "más entre sobre también ha han este esta estos estas ley".split()),
    "fr": frozenset("le la les et de des du en que pour dans sur une un est au aux par qui ne pas "
                    "sont ont été cette ces ses leur leurs avec plus entre loi".split()),
    "pt": frozenset("o a os as e de do da dos das em no na nos nas que para com uma um por ao aos "
                    "pelo pela se é são não foi mais entre sobre também lei".split()),
    "de": frozenset("der die das und ist nicht mit von den zu ein eine auf für sich dem des im "
                    "werden wird sind auch oder bei nach über".split()),
    "it": frozenset("il la di che e per gli delle degli della del nel nella sono non è una un "
                    "alla alle dei anche come più tra".split()),
}
#: Letters and groups only some languages write; each occurrence weighs
#: ``CHARACTER_MARK_WEIGHT`` words. None of them occurs in common English words
#: ("sch", "nh" would: school, enhance).
CHARACTER_MARKS: dict[str, tuple[str, ...]] = {
    "es": ("ñ", "¿", "¡", "ción", "ciones", "á", "í", "ó", "ú"),
    "fr": ("è", "ù", "œ", "eaux", "ê", "ç", "qu'", "l'", "d'"),
    "pt": ("ã", "õ", "ç", "ê", "ção", "ções", "á", "í", "ó", "ú"),
    "de": ("ß", "ä", "ö", "ü"),
    "it": ("zione", "zioni"),
}
CHARACTER_MARK_WEIGHT = 0.5
_LATIN_WORD = re.compile(r"[a-zà-öø-ÿœ]+(?:'[a-zà-öø-ÿœ]+)?")


def language_scores(text: str) -> dict[str, float]:
    """Evidence per Latin-script language: function words plus weighted letter marks."""
    sample = text[:LANGUAGE_SAMPLE].lower().replace("\u2019", "'")
    words = _LATIN_WORD.findall(sample)
    scores = {lang: 0.0 for lang in STOPWORDS}
    for w in words:
        for lang, stop in STOPWORDS.items():
            if w in stop:
                scores[lang] += 1.0
    for lang, marks in CHARACTER_MARKS.items():
        for mark in marks:
            scores[lang] += CHARACTER_MARK_WEIGHT * sample.count(mark)
    return scores


def detect_language(text: str, default: str = DEFAULT_LANG) -> str:
    """The language code of ``text`` (``ru``, ``en``, ``es``, ``fr``, ``pt``, or ``de``/``it``).

    Cyrillic text is Russian (a Russian report quotes English names and titles, an
    English one rarely Cyrillic); Latin-script text is told by its function words
    and by letters only some languages write (``ñ``, ``ção``, ``è``). Text with no
    evidence (empty, numbers, a proper name) is ``default``. A code without data
    files (``de``, ``it``) is returned as such: callers warn about it.
    """
    sample = text[:LANGUAGE_SAMPLE]
    cyr = sum(1 for ch in sample if is_cyrillic(ch) and ch.isalpha())
    lat = sum(1 for ch in sample if not is_cyrillic(ch) and ch.isalpha())
    if cyr and cyr >= CYRILLIC_SHARE * (cyr + lat):
        return "ru"
    scores = language_scores(sample)
    best = max(scores, key=lambda k: (scores[k], k == default))
    return best if scores[best] > 0 else default


@lru_cache(maxsize=None)
def load(stage: str, lang: str) -> dict:
    """Load ``data/<stage>/<lang>.yaml``; an unknown language yields ``{}``."""
    path = DATA_DIR / stage / f"{lang}.yaml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return load_yaml(fh) or {}


def language_data(lang: str) -> dict:
    """Structure/layout data (heading aliases, hyphenation, furniture) for ``lang``."""
    return load("structure", lang)


def available_languages(stage: str = "structure") -> list[str]:
    return sorted(p.stem for p in (DATA_DIR / stage).glob("*.yaml"))


def missing_language_data(lang: str, stages: tuple[str, ...] = ("structure", "domains")) -> list[str]:
    """The stages that have no data file for ``lang`` (empty when all do)."""
    return [stage for stage in stages if not (DATA_DIR / stage / f"{lang}.yaml").exists()]


def missing_language_warning(lang: str, stages: tuple[str, ...] = ("structure", "domains")) -> str | None:
    """A one-line warning naming ``lang`` when it lacks data for some stage, else None."""
    missing = missing_language_data(lang, stages) if lang else []
    if not missing:
        return None
    have = ", ".join(available_languages())
    return (f"language {lang!r} has no {' or '.join(missing)} data (available: {have}); "
            "headings are named with the other languages' aliases and content paragraphs "
            "get no lexicon domain")
