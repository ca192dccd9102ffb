"""MGI sub-areas within a domain, and the "about the assessment itself" signal.

The taxonomy is data (``pipeline/data/domains/subareas/<lang>.yaml``): stable ids
``<domain>.<name>`` (``1.health``, ``6.trafficking_smuggling`` …) with a name and
weighted terms per language, plus ``method_terms``: words that make a paragraph
about the MGI assessment (its method, purpose, process, the report), not about a
domain.

A paragraph's sub-area is chosen among its domain's sub-areas only: term hits
(lemmatised like the domain lexicon, same phrase matching) decide; a TF-IDF cosine
to each sub-area's name and terms breaks ties and answers when no term is found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.domains.lexicon import DATA_DIR, PHRASE_BONUS, Lemmatizer, _count, _positions, load_lexicon
from pipeline.yamlio import load_yaml

SUBAREA_DIR = DATA_DIR / "subareas"
#: Additive smoothing of sub-area hits (per domain) before the share is taken, so
#: that a single weak hit is not "100 % sure".
SUBAREA_SMOOTHING = 1.0
#: Weight of the TF-IDF cosine beside the term hits (hits are weights ≥ 1, cosines
#: 0–0.3): enough to break ties, never to overrule a term.
COSINE_WEIGHT = 0.5


@dataclass(slots=True)
class SubArea:
    id: str
    domain: int
    name: str
    terms: list[tuple[tuple[str, ...], float]] = field(default_factory=list)
    doc: str = ""


@dataclass(slots=True)
class Taxonomy:
    """A language's sub-areas and method terms, lemmatised."""

    lang: str
    subareas: dict[str, SubArea]
    method_terms: list[tuple[tuple[str, ...], float]]
    lemmatizer: Lemmatizer
    _vectorizer: object = None
    _matrix: object = None
    _ids: list[str] = field(default_factory=list)

    def of_domain(self, domain: int) -> list[SubArea]:
        return [s for s in self.subareas.values() if s.domain == domain]

    def method_score(self, lemmas: list[str]) -> float:
        """Weighted hits of the method terms (how much the text talks about the MGI itself)."""
        if not lemmas:
            return 0.0
        index = _positions(lemmas)
        return float(sum(w * _count(t, lemmas, index) for t, w in self.method_terms))

    def classify(self, text: str, domain: int) -> tuple[str | None, float]:
        """``(sub_area id, score 0–1)`` of ``text`` within ``domain``; ``(None, 0.0)`` when it has none."""
        cands = self.of_domain(int(domain))
        if not cands:
            return None, 0.0
        lemmas = self.lemmatizer.lemmas(text)
        if not lemmas:
            return None, 0.0
        index = _positions(lemmas)
        hits = np.array([sum(w * _count(t, lemmas, index) for t, w in s.terms) for s in cands])
        cos = self._cosines(lemmas, [s.id for s in cands])
        total = hits + COSINE_WEIGHT * cos
        if not total.any():
            return None, 0.0
        best = int(np.argmax(total))
        share = (total[best] + SUBAREA_SMOOTHING / len(cands)) / (total.sum() + SUBAREA_SMOOTHING)
        return cands[best].id, round(float(share), 4)

    def _cosines(self, lemmas: list[str], ids: list[str]) -> np.ndarray:
        if self._vectorizer is None:
            from pipeline.domains.tfidf import TfidfModel

            self._ids = list(self.subareas)
            self._vectorizer = TfidfModel()
            self._matrix = self._vectorizer.fit_transform([self.subareas[i].doc for i in self._ids])
        vec = self._vectorizer.transform([" ".join(lemmas)])
        rows = [self._ids.index(i) for i in ids]
        return (self._matrix[rows] @ vec.T).ravel()


def taxonomy_path(lang: str) -> Path:
    return SUBAREA_DIR / f"{lang}.yaml"


@lru_cache(maxsize=8)
def load_taxonomy(lang: str) -> Taxonomy:
    """The sub-area taxonomy of ``lang`` (the lexicon's lemmatiser is reused).

    Raises:
        FileNotFoundError: No taxonomy file for the language.
        ValueError: An id does not start with a domain number 1–6.
    """
    path = taxonomy_path(lang)
    if not path.exists():
        raise FileNotFoundError(f"no sub-area taxonomy for language {lang!r} ({path})")
    raw = load_yaml(path.read_text(encoding="utf-8"))
    try:
        lem = load_lexicon(lang).lemmatizer
    except FileNotFoundError:
        lem = Lemmatizer(lang)

    def terms(items) -> list[tuple[tuple[str, ...], float]]:
        out = []
        for item in items or ():
            text, weight = (item, 1.0) if isinstance(item, str) else next(iter(item.items()))
            lemmas = tuple(lem.lemmas(str(text)))
            if lemmas:
                out.append((lemmas, float(weight) * (1 + PHRASE_BONUS * (len(lemmas) - 1))))
        return out

    subareas = {}
    for sid, spec in (raw.get("subareas") or {}).items():
        head = str(sid).split(".", 1)[0]
        if not head.isdigit() or not 1 <= int(head) <= 6:
            raise ValueError(f"{path}: sub-area id {sid!r} must start with a domain number 1-6")
        spec = spec or {}
        sa = SubArea(str(sid), int(head), spec.get("name", str(sid)), terms(spec.get("terms")))
        words = lem.lemmas(sa.name) + [w for t, _ in sa.terms for w in t]
        sa.doc = " ".join(words)
        subareas[sa.id] = sa
    return Taxonomy(lang, subareas, terms(raw.get("method_terms")), lem)


def available_taxonomies() -> list[str]:
    return sorted(p.stem for p in SUBAREA_DIR.glob("*.yaml"))
