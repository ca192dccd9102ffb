"""Per-language data files (YAML) under ``pipeline/data/<stage>/<lang>.yaml``.

Engine code never names a heading, a country or an act; it reads them from here so
that adding a language or a country is a data change.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

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


def detect_language(text: str) -> str:
    """``ru`` or ``en`` from the share of Cyrillic letters (the one rule every stage uses)."""
    sample = text[:LANGUAGE_SAMPLE]
    cyr = sum(1 for ch in sample if is_cyrillic(ch) and ch.isalpha())
    lat = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    return "ru" if cyr and cyr >= CYRILLIC_SHARE * (cyr + lat) else DEFAULT_LANG


@lru_cache(maxsize=None)
def load(stage: str, lang: str) -> dict:
    """Load ``data/<stage>/<lang>.yaml``; an unknown language yields ``{}``."""
    path = DATA_DIR / stage / f"{lang}.yaml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def language_data(lang: str) -> dict:
    """Structure/layout data (heading aliases, hyphenation, furniture) for ``lang``."""
    return load("structure", lang)


def available_languages(stage: str = "structure") -> list[str]:
    return sorted(p.stem for p in (DATA_DIR / stage).glob("*.yaml"))
