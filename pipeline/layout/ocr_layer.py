"""Whether a scanned page's own text layer can be trusted, or the page must be read again.

Archived reports are often scans that already carry an invisible OCR layer, made
years ago by whatever engine the scanning office had. Many are fine; some are
garbage: the page read with the wrong language (Cyrillic recognised as Latin,
``Mpaburenbcrbo`` for ``Правительство``), or by an engine that gave up on a poor
scan (``Пpa8и'reль,ств0``). pdfminer reads such a layer as text, the
``(cid:NN)`` test (:func:`pipeline.layout.ocr.text_layer_usable`) passes, and the
report's paragraphs and citations come out as noise with no warning.

Real text, in any language, is mostly well-formed words (letters of one script,
numbers) and a good share of it is function words (``и``, ``в``, ``the``, ``de``);
a broken layer fails both. :func:`broken_ocr_layer` applies that test to pages that
are scans (an image covers the page) only: a born-digital page's text layer is the
author's text and is never second-guessed.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.lexicon import STOPWORDS

#: Function words of Russian (the Latin-script languages' come from
#: :data:`pipeline.lexicon.STOPWORDS`). Prepositions and conjunctions make a fifth
#: to a quarter of the words of Russian prose.
RUSSIAN_FUNCTION_WORDS = frozenset(
    "и в во на с со по не для что о об к ко из а от как это или за при до также но то "
    "его их ее её он она они был была были быть является этом этой которые который".split())
FUNCTION_WORDS = RUSSIAN_FUNCTION_WORDS.union(*STOPWORDS.values())
#: A scanned page's layer is judged on at least this many words (a caption or a page
#: number says nothing either way).
MIN_WORDS = 40
#: A layer is broken when fewer than this share of its words are function words
#: (the sample's pages of 40 words or more: 0.14-0.25, its contents page 0.05; text
#: decoded with the wrong code page, "Ïðàâèòåëüñòâî", has none)…
MIN_FUNCTION_SHARE = 0.03
#: …or when fewer than this share of its words are well formed (one script's letters,
#: or a number; the sample's pages: 0.86 and above, its page 11 read by Tesseract as
#: English: 0.49).
MIN_WELL_FORMED = 0.7
#: An image covering this share of the page makes it a scan (as in :mod:`pipeline.layout.ocr`).
SCAN_COVERAGE = 0.8

_EDGE_PUNCT = "\"'«»“”„‘’()[]{}.,;:!?…*•–—-/"
_WORD = re.compile(r"^(?:[^\W\d_]+(?:[-'’][^\W\d_]+)*|[\d.,/:%-]+|[^\W\d_]+-\d+|№)$")


def _script(ch: str) -> str:
    return "cyr" if "\u0400" <= ch <= "\u04ff" else "lat" if ch.isascii() or "\u00c0" <= ch <= "\u024f" else "other"


def well_formed(token: str) -> bool:
    """A word of one script's letters (hyphenated parts allowed), a number, or ``COVID-19``."""
    core = token.strip(_EDGE_PUNCT)
    if not core:
        return True  # punctuation alone ("–", "•") is neither evidence
    if not _WORD.match(core):
        return False
    scripts = {_script(c) for c in core if c.isalpha()}
    if len(scripts) > 1:
        return False
    letters = [c for c in core if c.isalpha()]
    # "пРавит": a capital after a small letter inside a word is a misread, not a name
    return not any(a.islower() and b.isupper() for a, b in zip(letters, letters[1:]))


def layer_quality(text: str) -> tuple[int, float, float]:
    """(words, share of function words, share of well-formed words) of a text layer."""
    tokens = [t for t in text.split() if t.strip(_EDGE_PUNCT)]
    if not tokens:
        return 0, 0.0, 0.0
    function = sum(1 for t in tokens if t.strip(_EDGE_PUNCT).lower() in FUNCTION_WORDS)
    formed = sum(1 for t in tokens if well_formed(t))
    return len(tokens), function / len(tokens), formed / len(tokens)


def is_scan(page: Any) -> bool:
    """True when one image covers most of the page (a scanned page, with or without a text layer)."""
    images = getattr(page, "images", None) or []
    if not images:
        return False
    area = max(1.0, float(page.width) * float(page.height))
    for img in images:
        w, h = float(img["x1"]) - float(img["x0"]), float(img["bottom"]) - float(img["top"])
        if w * h / area >= SCAN_COVERAGE:
            return True
    return False


def broken_ocr_layer(page: Any) -> bool:
    """True for a scanned page whose text layer is not text (see the module's docstring).

    Args:
        page: A ``pdfplumber.page.Page`` with characters.

    Returns:
        False for pages that are not scans, and for scans whose layer has fewer than
        :data:`MIN_WORDS` words; otherwise whether its function-word share is under
        :data:`MIN_FUNCTION_SHARE` or its well-formed share under :data:`MIN_WELL_FORMED`.
    """
    if not is_scan(page):
        return False
    text = page.extract_text() or ""
    words, function, formed = layer_quality(text)
    if words < MIN_WORDS:
        return False
    return function < MIN_FUNCTION_SHARE or formed < MIN_WELL_FORMED
