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
