"""One shared Russian morphological analyser (pymorphy3) for every stage.

Loading pymorphy3's dictionaries costs memory and a noticeable fraction of a
second; hyphenation, citation lemmas and the domain lexicon all use the same
instance, loaded on first use (and before forking workers, see
:func:`pipeline.batch.run`).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def analyzer():
    """The process-wide ``pymorphy3.MorphAnalyzer`` for Russian."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")
