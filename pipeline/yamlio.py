"""YAML data files read with libyaml when it is there.

Every lexicon, alias list, glossary and the country list is YAML data. PyYAML's pure
Python loader takes about a second for the country list alone (250 countries × five
languages), which every run paid; the C loader (libyaml, shipped in PyYAML's wheels)
reads the same files about ten times faster and gives the same objects (safe types
only: no tags that build Python objects).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

#: The safe loader, in C when PyYAML was built with libyaml.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | Path | Any) -> Any:
    """Parse YAML text, a file path or an open file with the safe (C) loader."""
    if isinstance(source, Path):
        source = source.read_text(encoding="utf-8")
    return yaml.load(source, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader


#: The country list (ISO code → names per language), read by the corpus metadata and the glossary.
COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "countries.yaml"


@lru_cache(maxsize=None)
def country_names() -> dict[str, dict]:
    """``pipeline/data/countries.yaml``, parsed once per process (about a tenth of a second).

    Shared by every reader: callers must not change what it returns.
    """
    return load_yaml(COUNTRIES_FILE.read_text(encoding="utf-8")) or {}
