"""Which citation lexicon reads a text, and a warning when none fits.

The language is :func:`pipeline.lexicon.detect_language`'s (Cyrillic → ``ru``;
Latin script told by function words and letters: ``en``, ``es``, ``fr``, ``pt``,
``de``, ``it``). A language without a citation lexicon
(``pipeline/data/citations/<lang>.yaml``) is read with the English one and the
caller is told so (:func:`choose` returns the warning): a citation list that stays
empty because the language has no data must not look like a text without
citations. A detected language is warned about only when the text gives real
evidence for it (:data:`MIN_EVIDENCE`): a table cell holding «È» is no Italian report.
"""

from __future__ import annotations

from pipeline.citations.lexicon import LANGS
from pipeline.lexicon import detect_language, language_scores

#: Lexicon used for a language without citation data.
FALLBACK = "en"
#: Function-word evidence (pipeline.lexicon.language_scores) below which a detected
#: language without data is read with the fallback lexicon without a warning.
MIN_EVIDENCE = 3.0


def choose(text: str, lang: str | None) -> tuple[str, str | None]:
    """``(lexicon language, warning or None)`` for ``text`` and a requested ``lang``
    (``auto``, empty or None: detected)."""
    auto = lang in (None, "", "auto")
    want = detect_language(text) if auto else lang.lower()
    if want in LANGS:
        return want, None
    if auto and language_scores(text).get(want, 0.0) < MIN_EVIDENCE:
        return FALLBACK, None
    how = "detected" if auto else "requested"
    return FALLBACK, (f"citations: no citation data for language '{want}' ({how}); "
                      f"available: {', '.join(LANGS)}; read with the '{FALLBACK}' lexicon, "
                      "citations may be missing")
