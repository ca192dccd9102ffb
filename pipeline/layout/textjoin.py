"""Joining lines into running text: line-end hyphenation, spacing, letter-spacing.

Typesetters hyphenate at line ends (``ино-`` / ``странных``), but reports are also
full of real hyphens that happen to fall at a line end (``трудящихся-`` /
``мигрантов``, ``2019-`` / ``2022``, ``СОЦИАЛЬНО-`` / ``ЭКОНОМИЧЕСКОГО``). Always
joining corrupts the real ones; never joining leaves ``ино-странных``. The decision is
made per word with a morphological dictionary (pymorphy3 for Russian) and, for
languages without one, a small lexicon of hyphenated prefixes from the language's
YAML file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.layout.wordlists import word_list
from pipeline.lexicon import has_cyrillic, language_data

HYPHENS = "-\u00ad\u2010\u2011"  # hyphen-minus, soft hyphen, hyphen, non-breaking hyphen
_WORD_TAIL = re.compile(r"([^\W\d_]+)[" + HYPHENS + r"]$")
_WORD_HEAD = re.compile(r"^([^\W\d_]+)")
_LETTER_SPACED = re.compile(
    r"(?<!\S)((?:[^\W\d_a-zа-яё] ){2,}[^\W\d_a-zа-яё])(?!\S)"  # upper-case runs
    r"|(?<!\S)((?:[A-ZА-ЯЁ] )?(?:[a-zа-яё] ){3,}[a-zа-яё])(?!\S)"  # lower-case runs need four letters
)
_URL_TAIL = re.compile(r"(https?://|www\.)\S*$")
URL_BREAK_CHARS = ("/", "?", "&", "=", "_", "#")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def _morph():
    from pipeline.morph import analyzer

    return analyzer()


@lru_cache(maxsize=65536)
def _known_ru(word: str) -> bool:
    return _morph().word_is_known(word.lower())


@lru_cache(maxsize=65536)
def keep_hyphen(left: str, right: str, lang: str = "ru") -> bool:
    """Decide whether a line-final hyphen between ``left`` and ``right`` is real.

    Args:
        left: The word fragment before the hyphen (letters only).
        right: The word fragment after the line break.
        lang: Report language; selects the dictionary.

    Returns:
        True when the hyphen belongs to the word (compound), False when it is a
        typesetter's break to be removed.

    Why: a known joined word (``иностранных``) means a syllable break; two known
    halves with an unknown join (``трудящихся`` + ``мигрантов``) mean a compound.
    Upper-case compounds (``СОЦИАЛЬНО-ЭКОНОМИЧЕСКОГО``) follow the same test on the
    lower-cased forms.
    """
    if not left or not right:
        return True
    if right[0].isupper() and left[-1].islower():
        return True  # ``Санкт-`` / ``Петербург``, ``Евразийско-`` / ``Тихоокеанский``
    # The word's script, not the report's language, picks the rules: Russian
    # reports quote English titles and the other way round.
    script_lang = "ru" if has_cyrillic(left + right) else ("en" if lang == "ru" else lang)
    if left.lower() in _keep_after(script_lang):
        return True
    known = _lookup(script_lang)
    if known is None:
        return False  # no word list: a syllable break unless a listed prefix (above)
    if known(left + right):
        return False  # ино- / странных: the joined word exists
    if known(f"{left}-{right}"):
        return True  # по- / прежнему, из- / за: the hyphenated word exists
    return len(left) > 1 and len(right) > 1 and known(left) and known(right)


@lru_cache(maxsize=8)
def _keep_after(lang: str) -> frozenset[str]:
    data = language_data(lang).get("hyphenation", {})
    return frozenset(p.lower() for p in data.get("keep_after", []))


@lru_cache(maxsize=8)
def _lookup(lang: str):
    """``word -> bool`` for the script's dictionary: pymorphy3 for Russian, else the
    language's word list (``hyphenation.dictionary`` in its YAML; :mod:`pipeline.layout.wordlists`)."""
    if lang == "ru":
        return _known_ru
    checker = word_list(language_data(lang).get("hyphenation", {}).get("dictionary"))
    if checker is None:
        return None
    return lambda word: word.lower() in checker


#: Scripts whose word lists nearly every report needs: Cyrillic (pymorphy3) for the
#: Russian ones, Latin English (pyspellchecker) for the English text every report quotes.
WARM_LISTS = ("ru", "en")


def warm_word_lists(lang: str | None = None) -> None:
    """Load the hyphenation word lists ahead of use (:data:`WARM_LISTS` and ``lang``'s).

    Why: the first hyphenated line end of a script loads its list (milliseconds from
    the compiled cache, a quarter of a second the first time); loaded while the page
    processes read, that costs no wall time. Best effort: a missing list is reported where it is used.
    """
    for code in (*WARM_LISTS, *([lang] if lang and lang != "auto" else [])):
        try:
            _lookup(code)
        except Exception:  # noqa: BLE001 - only a warm-up
            pass


def join_lines(lines: list[str], lang: str = "ru") -> tuple[str, list[int]]:
    """Join text lines into one string, undoing typesetter hyphenation.

    Args:
        lines: Line texts in reading order.
        lang: Report language.

    Returns:
        The joined text and, for each input line, the offset in the joined text where
        that line's first character landed (so that per-line positions such as
        footnote markers can be carried over).
    """
    out = ""
    starts: list[int] = []
    for line in lines:
        line = line.strip()
        if not out:
            starts.append(0)
            out = line
            continue
        if not line:
            starts.append(len(out))
            continue
        tail = _WORD_TAIL.search(out)
        head = _WORD_HEAD.match(line)
        if out[-1] in HYPHENS and out[-1] == "\u00ad":
            out = out[:-1]
            starts.append(len(out))
            out += line
        elif tail and head and out[-1] in HYPHENS:
            if keep_hyphen(tail.group(1), head.group(1), lang):
                starts.append(len(out))
                out += line
            else:
                out = out[:-1]
                starts.append(len(out))
                out += line
        elif out[-1] in HYPHENS and out[-2:-1].isdigit():
            starts.append(len(out))  # ``2019-`` / ``2022``
            out += line
        elif _URL_TAIL.search(out) and (out.endswith(URL_BREAK_CHARS) or line[0] in URL_BREAK_CHARS):
            starts.append(len(out))  # a URL broken at ``/`` continues without a space
            out += line
        else:
            out += " "
            starts.append(len(out))
            out += line
    return out, starts


def collapse_letter_spacing(text: str) -> str:
    """Undo letter-spaced display type: ``Ц Е Л Ь`` → ``ЦЕЛЬ``.

    Why: designers track headings out; the text layer then has a space between
    every letter. Three or more single letters separated by single spaces are not a
    plausible run of words in any language we handle.
    """
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def normalize_spaces(text: str) -> str:
    """Collapse runs of spaces and apply Unicode NFC."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
