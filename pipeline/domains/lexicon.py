"""Per-language domain lexicons and the lemmatiser that matches them.

A lexicon is data (``pipeline/data/domains/<lang>.yaml``): for each of the six MGI
domains, its official name and description plus a list of terms (words or
phrases) that the MGI methodology attaches to it. Terms are written in their
natural form; they are lemmatised once on load, and paragraphs are lemmatised
the same way, so that ``медицинским услугам`` matches the term ``медицинская
услуга``. Russian is lemmatised with pymorphy3 (dictionary-based, no model to
download); other languages with a Snowball stemmer, which is enough for matching
and needs no data files either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.yamlio import load_yaml


DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "domains"
DOMAINS = (1, 2, 3, 4, 5, 6)

#: Tokens shorter than this carry no topical meaning (prepositions, initials,
#: numbering letters) and are dropped before matching and vectorising.
MIN_TOKEN_LEN = 2
#: A phrase of n lemmas weighs ``1 + PHRASE_BONUS * (n - 1)``: multi-word terms
#: ("торговля людьми") are far less ambiguous than single words ("торговля").
PHRASE_BONUS = 0.5
#: Cache size of the word → lemma memo; a report has a few thousand word forms.
LEMMA_CACHE = 200_000

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_SNOWBALL_NAMES = {"en": "english", "fr": "french", "es": "spanish", "de": "german",
                   "pt": "portuguese", "it": "italian"}
#: pymorphy3 parts of speech that never carry a domain's meaning.
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED"})


class Lemmatizer:
    """Turns text into a list of lowercase lemmas (or stems), function words dropped.

    Args:
        lang: ISO 639-1 code. ``ru`` uses pymorphy3; languages Snowball knows use
            its stemmer; anything else falls back to lowercase word forms.
        stopwords: Extra words to drop (from the lexicon file), in any form.
    """

    def __init__(self, lang: str, stopwords: frozenset[str] = frozenset()):
        self.lang = lang
        self._morph = None
        self._stemmer = None
        if lang == "ru":
            self._morph = _morph_analyzer()
        elif lang in _SNOWBALL_NAMES:
            import snowballstemmer

            self._stemmer = snowballstemmer.stemmer(_SNOWBALL_NAMES[lang])
        self._lemma = lru_cache(maxsize=LEMMA_CACHE)(self._lemma_uncached)
        self.stopwords = frozenset(self._lemma(str(w).lower()) for w in stopwords) - {None}

    def _lemma_uncached(self, word: str) -> str | None:
        if self._morph is not None:
            parse = self._morph.parse(word)[0]
            if parse.tag.POS in _FUNCTION_POS:
                return None
            return parse.normal_form.replace("ё", "е")
        if self._stemmer is not None:
            return self._stemmer.stemWord(word)
        return word

    def lemmas(self, text: str) -> list[str]:
        """Lemmas of ``text`` in order, without function words and stopwords."""
        out = []
        for m in _WORD.finditer(text.lower()):
            word = m.group()
            if len(word) < MIN_TOKEN_LEN:
                continue
            lemma = self._lemma(word)
            if lemma and lemma not in self.stopwords and len(lemma) >= MIN_TOKEN_LEN:
                out.append(lemma)
        return out


def _morph_analyzer():
    """The process-wide pymorphy3 analyser (:mod:`pipeline.morph`)."""
    from pipeline.morph import analyzer

    return analyzer()


@dataclass(slots=True)
class DomainEntry:
    """One domain of a lexicon file."""

    domain: int
    name: str
    description: str
    short: str = ""
    terms: list[tuple[tuple[str, ...], float]] = field(default_factory=list)
    #: The terms as the file writes them, in the order of ``terms`` (evidence).
    surfaces: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Lexicon:
    """A language's six domains, with terms already lemmatised.

    Attributes:
        lang: Language code of the file.
        domains: Domain number → entry.
        lemmatizer: The lemmatiser used for the terms; use it for the texts too.
    """

    lang: str
    domains: dict[int, DomainEntry]
    lemmatizer: Lemmatizer

    def score(self, lemmas: list[str]) -> dict[int, float]:
        """Sum of the weights of the terms found in ``lemmas``, per domain.

        Each occurrence counts, so a paragraph about trafficking that says
        "trafficking" five times outweighs one passing mention of health care.
        """
        scores = {d: 0.0 for d in self.domains}
        if not lemmas:
            return scores
        index = _positions(lemmas)
        for d, entry in self.domains.items():
            total = 0.0
            for term, weight in entry.terms:
                total += weight * _count(term, lemmas, index)
            scores[d] = total
        return scores

    def matches(self, lemmas: list[str], domain: int) -> list[tuple[str, float]]:
        """Terms of ``domain`` found in ``lemmas``: (term as written, weight × count),
        heaviest first; what :meth:`score` adds up for that domain."""
        entry = self.domains.get(domain)
        if entry is None or not lemmas:
            return []
        index = _positions(lemmas)
        out = []
        for i, (term, weight) in enumerate(entry.terms):
            n = _count(term, lemmas, index)
            if n:
                surface = entry.surfaces[i] if i < len(entry.surfaces) else " ".join(term)
                out.append((surface, round(weight * n, 4)))
        out.sort(key=lambda x: -x[1])
        return out


def _positions(lemmas: list[str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, lemma in enumerate(lemmas):
        index.setdefault(lemma, []).append(i)
    return index


#: Words of a phrase may be this far apart ("защита прав трудящихся мигрантов"
#: still matches "защита мигрантов"): Russian inserts genitive chains freely.
PHRASE_WINDOW = 3


def _count(term: tuple[str, ...], lemmas: list[str], index: dict[str, list[int]]) -> int:
    """Occurrences of ``term`` whose words follow in order, each within the window."""
    starts = index.get(term[0])
    if not starts:
        return 0
    if len(term) == 1:
        return len(starts)
    n = 0
    for start in starts:
        pos = start
        for word in term[1:]:
            nxt = next((p for p in index.get(word, ()) if pos < p <= pos + PHRASE_WINDOW), None)
            if nxt is None:
                break
            pos = nxt
        else:
            n += 1
    return n


def lexicon_path(lang: str) -> Path:
    return DATA_DIR / f"{lang}.yaml"


def available_languages() -> list[str]:
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


@lru_cache(maxsize=8)
def load_lexicon(lang: str, path: Path | None = None) -> Lexicon:
    """Load and lemmatise the lexicon of ``lang`` (cached per language and path).

    Raises:
        FileNotFoundError: No lexicon file for the language.
        ValueError: The file does not describe exactly the six MGI domains.
    """
    path = path or lexicon_path(lang)
    if not path.exists():
        raise FileNotFoundError(f"no domain lexicon for language {lang!r} ({path})")
    raw = load_yaml(path.read_text(encoding="utf-8"))
    lem = Lemmatizer(lang, frozenset(raw.get("stopwords") or ()))
    domains: dict[int, DomainEntry] = {}
    for key, spec in (raw.get("domains") or {}).items():
        d = int(key)
        entry = DomainEntry(d, spec.get("name", ""), spec.get("description", ""),
                            spec.get("short") or spec.get("name", ""))
        for item in spec.get("terms") or ():
            text, weight = (item, 1.0) if isinstance(item, str) else next(iter(item.items()))
            lemmas = tuple(lem.lemmas(str(text)))
            if lemmas:
                entry.terms.append((lemmas, float(weight) * (1 + PHRASE_BONUS * (len(lemmas) - 1))))
                entry.surfaces.append(str(text))
        domains[d] = entry
    if sorted(domains) != list(DOMAINS):
        raise ValueError(f"{path}: expected domains {list(DOMAINS)}, found {sorted(domains)}")
    return Lexicon(lang, domains, lem)
