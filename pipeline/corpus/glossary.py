"""A multilingual glossary: an act's title, in any report language, as a set of concepts.

The same national act is cited in an English report as "Law on Foreigners and
International Protection" and in a Russian one as «Об иностранцах и международной
защите». Their words share nothing, but both say *foreign*, *international* and
*protection*. This module maps each
title word to a language-independent concept id (English snake_case) through one
data file per language, ``pipeline/data/corpus/glossary/<lang>.yaml``, so that two
citations can be compared by their concepts rather than by their spelling.

Everything that names a word of a language lives in the data files::

    concepts:            # concept id: [stems]
      migration: [migra, мигра]
    ignore: [law$, on$]  # words that carry no concept
    phrases:             # multi-word entries, tried before single words
      legal_status: ["legal status"]
      trafficking+person: ["human trafficking"]   # "+" gives several concepts

A stem matches every word that starts with it (so that inflected forms match:
``миграц`` → «миграции», «миграционной»); ``$`` at its end means "whole word
only" (``law$`` must not swallow "lawyer"). A stem shorter than
:data:`MIN_STEM` is always whole-word, so a short stem never swallows unrelated
words. When several stems match, the longest wins (``гражданств`` citizenship
beats ``граждан`` citizen). Phrase words follow the same rules.

Words that map to nothing are *unmapped*. They are reported (a glossary gap, or
a word of a subject the glossary does not know) unless they look like proper
names: words that share their first letters with a country name (``Armenian``,
``colombianos``), and capitalised words of a title that is not written in title
case («… Республики Армения»). In a Title Case English title every word is
capitalised, so capitals say nothing there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GLOSSARY_DIR = Path(__file__).resolve().parents[1] / "data" / "corpus" / "glossary"

#: Prefix stems shorter than this are taken as whole words.
MIN_STEM = 4
#: Words shorter than this are never reported as unmapped.
MIN_CONTENT = 3
#: Length of the prefix that ties a word to a country name ("colombianos" ~ "Colombia").
_COUNTRY_PREFIX = 5

# Numbers and what is glued to them ("12-XIV", "02-03", "2021-2030", "13.445") go
# first, so that a roman numeral suffix is not read as a word.
_NUMBERS = re.compile(r"\d[\w./-]*")
_WORD = re.compile(r"[^\W\d_]+")
# Soft hyphens and the U+FFFE that PDF text keeps where a word was hyphenated
# («эт\ufffeническим»): removed so that the word is whole again.
_BREAKS = re.compile("[\u00ad\ufffe\u200b]")


@dataclass(frozen=True)
class ConceptKey:
    """The concepts of one title, and the content words that gave none."""

    concepts: frozenset[str]
    unmapped: tuple[str, ...]
    mapped_words: int = 0

    @property
    def coverage(self) -> float:
        """Share of content words that mapped to a concept (1.0 when there are none).

        A low coverage says the key is unreliable: the title has words the glossary
        does not know, so two keys may differ only because one of them is incomplete.
        """
        total = self.mapped_words + len(self.unmapped)
        return 1.0 if total == 0 else self.mapped_words / total


@dataclass(frozen=True)
class _Glossary:
    whole: dict[str, str | None]  # whole word → concept (None: ignored)
    prefix: dict[str, str | None]  # stem → concept (None: ignored)
    phrases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (words, concepts), longest first


def _fold_word(text: str) -> str:
    from pipeline.citations.instruments import fold

    return fold(_BREAKS.sub("", text))


def _tokens(text: str) -> list[str]:
    """Word tokens of ``text`` as written (case kept); numbers and punctuation dropped."""
    return _WORD.findall(_NUMBERS.sub(" ", _BREAKS.sub("", text).replace("’", "'")))


def _stem(raw: str) -> tuple[str, bool]:
    """A data stem folded, and whether it is whole-word only."""
    whole = raw.endswith("$")
    stem = _fold_word(raw.rstrip("$"))
    return stem, whole or len(stem) < MIN_STEM


def _phrase_words(text: str) -> tuple[tuple[str, bool], ...]:
    """A data phrase as stems; ``$`` after a word makes that word whole-word only."""
    out = []
    for chunk in text.split():
        parts = _tokens(chunk)  # "l'homme" is two words, as in titles
        out += [_stem(p + ("$" if chunk.endswith("$") and j == len(parts) - 1 else ""))
                for j, p in enumerate(parts)]
    return tuple(out)


def _matches(pattern: tuple[str, bool], word: str) -> bool:
    stem, whole = pattern
    return word == stem if whole else word.startswith(stem)


@cache
def _glossary(lang: str) -> _Glossary | None:
    """The glossary of ``lang``, loaded once; None when there is no file for it."""
    from pipeline.yamlio import load_yaml

    path = GLOSSARY_DIR / f"{lang}.yaml"
    if not lang.isalpha() or not path.is_file():
        return None
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    whole: dict[str, str | None] = {}
    prefix: dict[str, str | None] = {}
    entries = [(c, s) for c, stems in (data.get("concepts") or {}).items() for s in stems or ()]
    entries += [(None, s) for s in data.get("ignore") or ()]
    for concept, raw in entries:
        stem, is_whole = _stem(str(raw))
        (whole if is_whole else prefix)[stem] = concept
    phrases = []
    for key, texts in (data.get("phrases") or {}).items():
        concepts = () if key == "ignore" else tuple(key.split("+"))
        for text in texts or ():
            phrases.append((_phrase_words(text), concepts))
    phrases.sort(key=lambda p: -len(p[0]))
    return _Glossary(whole, prefix, tuple(phrases))


def _lookup(g: _Glossary, word: str) -> tuple[bool, str | None]:
    """(found, concept) for one folded word: the whole-word entry, else the longest stem."""
    if word in g.whole:
        return True, g.whole[word]
    for k in range(len(word), MIN_STEM - 1, -1):
        if word[:k] in g.prefix:
            return True, g.prefix[word[:k]]
    return False, None


@cache
def _country_words() -> frozenset[str]:
    """First letters of the words of every country name, in the five languages.

    Used only to keep proper names out of ``unmapped``: a word that starts like a
    country name ("Armenian", «армянам», "colombianos") names a country or its people.
    """
    from pipeline.yamlio import country_names

    data = country_names()
    out = set()
    for entry in data.values():
        for lang in ("en", "es", "fr", "pt", "ru"):
            for name in entry.get(lang) or ():
                out.update(_fold_word(w)[:_COUNTRY_PREFIX] for w in _tokens(name) if len(w) >= MIN_STEM)
    return frozenset(out)


def _is_country_word(word: str) -> bool:
    return word[:_COUNTRY_PREFIX] in _country_words()


def concept_key(title: str | None, lang: str) -> ConceptKey:
    """The concepts an act's title names, in the glossary of ``lang``.

    Phrases are tried first at each word, then the word alone. A language without a
    glossary file, or an empty title, gives an empty key (never an error), so that
    callers can compare keys of any citation without checking first.
    """
    g = _glossary((lang or "").lower()[:2]) if lang else None
    if g is None or not title:
        return ConceptKey(frozenset(), ())
    raw = _tokens(title)
    words = [_fold_word(w) for w in raw]
    concepts: set[str] = set()
    mapped = 0
    pending: list[tuple[str, bool]] = []  # unmapped words and whether they were capitalised
    lower_seen = False  # a lower-case content word: the title is not in Title Case
    i = 0
    while i < len(words):
        phrase = next((p for p in g.phrases if len(p[0]) <= len(words) - i
                       and all(_matches(s, w) for s, w in zip(p[0], words[i:]))), None)
        if phrase:
            concepts.update(phrase[1])
            mapped += bool(phrase[1])
            i += len(phrase[0])
            continue
        word, capital = words[i], raw[i][:1].isupper()
        found, concept = _lookup(g, word)
        if concept:
            concepts.add(concept)
            mapped += 1
        if not found and len(word) >= MIN_CONTENT and not _is_country_word(word):
            pending.append((word, capital and i > 0))
        if (concept or not found) and i > 0 and not capital and len(word) >= MIN_STEM:
            lower_seen = True
        i += 1
    unmapped = tuple(w for w, capital in pending if not (capital and lower_seen))
    return ConceptKey(frozenset(concepts), unmapped, mapped)


#: Cyrillic → Latin, as reports transliterate names (Russian letters and those Central Asian alphabets add).
_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ң": "n", "ө": "o", "ү": "u", "і": "i", "ә": "a", "ғ": "g", "қ": "k",
    "ұ": "u", "һ": "h",
})
_QUOTED = re.compile(r"[«“\"]([^«»“”\"]{1,80})[»”\"]")
#: A proper name shorter than this is too likely a common word of some language.
MIN_NAME = 6


def proper_names(title: str | None, lang: str) -> frozenset[str]:
    """Names a title gives a programme or act («Солнечный», "Solnechny"), in Latin letters.

    A named programme keeps its name in every language of the reports, written in
    another script at most, so a name shared by two titles joins what the concept
    glossary cannot (a name is in no glossary). A name is a capitalised word the
    glossary does not know, not a country's word, of at least :data:`MIN_NAME` letters.
    """
    g = _glossary((lang or "").lower()[:2]) if lang else None
    if g is None or not title:
        return frozenset()
    quoted = {w for q in _QUOTED.findall(title) for w in _tokens(q)}
    out = set()
    for raw in _tokens(title):
        word = _fold_word(raw)
        if len(word) < MIN_NAME or not raw[:1].isupper() or _is_country_word(word):
            continue
        if raw in quoted or not _lookup(g, word)[0]:  # a quoted name may also be a known word
            out.add(word.translate(_TRANSLIT))
    return frozenset(out)


def concept_similarity(a: ConceptKey, b: ConceptKey) -> float:
    """Jaccard overlap of two keys' concepts, 0–100 (0 when either key is empty).

    An empty key knows nothing about its title, so it matches nothing rather than
    everything.
    """
    if not a.concepts or not b.concepts:
        return 0.0
    return 100.0 * len(a.concepts & b.concepts) / len(a.concepts | b.concepts)
