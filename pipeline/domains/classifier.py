"""Content classifiers: which MGI domain a paragraph is about, from its words.

The default :class:`LexiconCentroidClassifier` needs no downloaded model. It
blends two signals:

* a **lexicon** (per-language YAML data): weighted terms attached to each domain by
  the MGI methodology. It works on any report, even one whose structure gave us
  no labelled paragraphs, and it is what keeps a domain recognisable when that
  domain has little training text;
* a **nearest-centroid TF-IDF model** fitted at run time on the report's own
  section-labelled paragraphs (domain chapters and summary subsections), plus the
  official domain descriptions as seed documents. It picks up each report's own
  vocabulary (names of agencies, programmes, places).

Any object with ``fit`` and ``predict`` (see :class:`DomainClassifier`) can be
passed to :func:`pipeline.domains.assign_domains` instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from pipeline.domains.calibration import Calibration, load_calibration
from pipeline.domains.lexicon import DOMAINS, Lexicon, load_lexicon

#: Share of the lexicon in the blended score; the rest is the centroid model.
#: A report gives only 5–25 labelled paragraphs per domain: alone, the model
#: recovers ~65 % of the sample's chapter paragraphs (leave-one-paragraph-out)
#: against ~90 % for the lexicon, so the model mostly breaks ties and brings in
#: the report's own names (agencies, programmes) that no lexicon can list.
LEXICON_WEIGHT = 0.8
#: Below this blended probability of the best domain, a paragraph is not given a
#: domain but flagged for review: a wrong label is worse than none for users who
#: read the evidence table as "the report says this about domain N".
#: This threshold is on the raw blend; ``domain_score`` is the calibrated
#: probability (REVIEW_BELOW). The raw-blend history that chose it
#: (bench/ablation_domains.py, leave-one-chapter-out on the sample,
#: 58 body paragraphs): score 0.3-0.4 → 3/5 right, 0.4-0.5 → 7/8, 0.5-0.6 → 8/9
#: (about 80 % below 0.6), 0.6 and above → 36/36. Every error scores below 0.6;
#: raising the threshold there would flag 17 right labels to catch 4-5 wrong ones
#: (accuracy 94 % → 65 %), so it stays at 0.30 and the score reads as: ≥ 0.6 "as
#: good as a section label on this sample", 0.3-0.6 "right four times in five".
MIN_SCORE = 0.30
#: ``domain_score`` of a content label is the *calibrated* probability that the
#: domain is right (:mod:`pipeline.domains.calibration`); below this probability
#: the label is kept but flagged for review. On the held-out predictions the map
#: was fitted on, the blends it flags are the band right about two times in three
#: or less (bench/calibrate_domains.py prints the reliability table).
REVIEW_BELOW = 0.7
#: Lexicon hits are turned into a distribution with this additive smoothing, so a
#: paragraph with one weak hit is not "100 % sure".
LEXICON_SMOOTHING = 1.0
#: Cosine similarities to the centroids are sharpened by this softmax temperature
#: (similarities of TF-IDF vectors are small numbers, 0.02–0.3).
CENTROID_TEMPERATURE = 0.1
#: Below this many lemmas a text is too short to say anything (captions, "Там же.").
MIN_LEMMAS = 4
#: A nearest-centroid comparison is only fair when every domain has enough
#: training text: a domain known from its description and two summary paragraphs
#: loses to domains with twenty paragraphs of the report's own vocabulary (names
#: of agencies and programmes dominate a small centroid). When the least-supported
#: domain has fewer labelled paragraphs than this, the model's share of the blend
#: shrinks in proportion (to zero for a domain with none: lexicon only). On the
#: sample, 3 instead of 10 costs 4 points when the summary labels are kept.
MIN_SUPPORT = 10


@dataclass(slots=True)
class DomainPrediction:
    """The outcome for one text.

    Attributes:
        domain: Best domain, or None when no domain reaches the threshold.
        score: Probability-like confidence of the best domain (0–1), given even
            when ``domain`` is None so that reviewers see how close it was.
        scores: Every domain's score.
        review: True when a human should decide.
        raw: The uncalibrated blended score of the best domain (None when the
            classifier has no calibration: then ``score`` is that score).
        evidence: ``{"sentence": [start, end], "terms": [...]}``: the sentence of
            the text that speaks most for the domain (character offsets) and the
            lexicon terms of the domain found in it; None without a domain.
        n_lemmas: Content words of the text (short texts lean on their neighbours,
            :func:`pipeline.domains.assign_domains`).
    """

    domain: int | None
    score: float
    scores: dict[int, float] = field(default_factory=dict)
    review: bool = False
    raw: float | None = None
    evidence: dict | None = None
    n_lemmas: int | None = None


@runtime_checkable
class DomainClassifier(Protocol):
    """What :func:`pipeline.domains.assign_domains` needs from a classifier.

    ``fit`` receives the report's section-labelled paragraphs (it may ignore them:
    a pre-trained classifier can make it a no-op); ``predict`` returns one
    :class:`DomainPrediction` per text, in order.
    """

    def fit(self, texts: Sequence[str], domains: Sequence[int]) -> None: ...

    def predict(self, texts: Sequence[str]) -> list[DomainPrediction]: ...


class LexiconClassifier:
    """Lexicon-only scorer: a distribution over domains from term hits."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def fit(self, texts: Sequence[str], domains: Sequence[int]) -> None:
        """Nothing to learn: the lexicon is data."""

    def distribution(self, lemmas: list[str]) -> np.ndarray:
        raw = self.lexicon.score(lemmas)
        hits = np.array([raw[d] for d in DOMAINS], dtype=float)
        if hits.sum() == 0:
            return np.full(len(DOMAINS), 1.0 / len(DOMAINS))
        smoothed = hits + LEXICON_SMOOTHING / len(DOMAINS)
        return smoothed / smoothed.sum()

    def predict(self, texts: Sequence[str]) -> list[DomainPrediction]:
        lem = self.lexicon.lemmatizer
        return [_decide(self.distribution(lem.lemmas(t))) for t in texts]


class CentroidModel:
    """TF-IDF nearest-centroid model over lemmas, fitted on one report.

    Nearest centroid rather than a linear model: a report has 5–25 labelled
    paragraphs per domain, too few for a discriminative model's weights, and a
    centroid degrades gracefully when a domain has a single example.
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._vectorizer = None
        self._centroids: np.ndarray | None = None

    def fit(self, texts: Sequence[str], domains: Sequence[int]) -> None:
        from pipeline.domains.tfidf import TfidfModel

        docs = [" ".join(self.lexicon.lemmatizer.lemmas(t)) for t in texts]
        labels = list(domains)
        # The official descriptions seed every domain, so a domain the report
        # never labels (or a held-out chapter) still has a centroid.
        for d, entry in self.lexicon.domains.items():
            docs.append(" ".join(self.lexicon.lemmatizer.lemmas(entry.description)))
            labels.append(d)
        self._vectorizer = TfidfModel()
        matrix = self._vectorizer.fit_transform(docs)
        labels_arr = np.array(labels)
        rows = []
        for d in DOMAINS:
            centroid = matrix[labels_arr == d].mean(axis=0)
            norm = np.linalg.norm(centroid)
            rows.append(centroid / norm if norm else centroid)
        self._centroids = np.vstack(rows)

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        if self._vectorizer is None:
            raise RuntimeError("CentroidModel.fit must be called before predicting")
        docs = [" ".join(self.lexicon.lemmatizer.lemmas(t)) for t in texts]
        return self._vectorizer.transform(docs) @ self._centroids.T

    def distribution(self, sims: np.ndarray) -> np.ndarray:
        if not np.any(sims):
            return np.full(len(DOMAINS), 1.0 / len(DOMAINS))
        z = np.exp((sims - sims.max()) / CENTROID_TEMPERATURE)
        return z / z.sum()


class LexiconCentroidClassifier:
    """The default classifier: lexicon and run-time centroid model, blended.

    Args:
        lang: Language of the lexicon file to load.
        lexicon: A lexicon object instead of the packaged file (tests, users).
        lexicon_weight: Share of the lexicon in the blend (0–1).
        min_score: Threshold under which a paragraph is flagged for review.
    """

    def __init__(self, lang: str = "ru", lexicon: Lexicon | None = None,
                 lexicon_weight: float = LEXICON_WEIGHT, min_score: float = MIN_SCORE,
                 calibration: Calibration | None = None, review_below: float = REVIEW_BELOW):
        self.lexicon = lexicon or load_lexicon(lang)
        self.lexicon_weight = lexicon_weight
        self.min_score = min_score
        self.calibration = calibration if calibration is not None else load_calibration()
        self.review_below = review_below
        self._lex = LexiconClassifier(self.lexicon)
        self._model = CentroidModel(self.lexicon)
        self._fitted = False
        self.model_weight = 0.0

    def fit(self, texts: Sequence[str], domains: Sequence[int]) -> None:
        self._model.fit(texts, domains)
        self._fitted = True
        support = min(sum(1 for x in domains if x == d) for d in DOMAINS)
        self.model_weight = (1 - self.lexicon_weight) * min(1.0, support / MIN_SUPPORT)

    def predict(self, texts: Sequence[str]) -> list[DomainPrediction]:
        if not texts:
            return []
        if not self._fitted:
            self.fit([], [])  # descriptions only
        lem = self.lexicon.lemmatizer
        sims = self._model.similarities(texts)
        out = []
        for text, sim in zip(texts, sims):
            lemmas = lem.lemmas(text)
            if len(lemmas) < MIN_LEMMAS:
                out.append(DomainPrediction(None, 0.0, {d: 0.0 for d in DOMAINS}, review=True, raw=0.0,
                                            n_lemmas=len(lemmas)))
                continue
            pred = self.decide(self.blend(lemmas, sim))
            pred.n_lemmas = len(lemmas)
            if pred.domain:
                pred.evidence = self.evidence(text, pred.domain)
            out.append(pred)
        return out

    def blend(self, lemmas: list[str], sim: np.ndarray) -> np.ndarray:
        """The blended distribution over the six domains of one text."""
        return ((1 - self.model_weight) * self._lex.distribution(lemmas)
                + self.model_weight * self._model.distribution(sim))

    def decide(self, dist: np.ndarray) -> DomainPrediction:
        """Best domain of a blended distribution, its calibrated score and the review flag.

        The domain is kept when the blend reaches ``min_score``; ``score`` is the
        calibrated probability, and below ``review_below`` the label is flagged.
        """
        pred = _decide(dist, self.min_score)
        pred.raw = pred.score
        pred.score = self.calibration(pred.score) if pred.domain else pred.score
        pred.review = pred.domain is None or pred.score < self.review_below
        return pred

    def evidence(self, text: str, domain: int) -> dict:
        """Which sentence of ``text`` and which terms speak for ``domain``.

        The sentence with the most lexicon weight for the domain (ties: the one
        closest to the domain's centroid, then the first); its terms heaviest
        first. A text whose domain came from the centroid model alone (no term
        of the domain anywhere) gives its closest sentence and no terms.
        """
        spans = sentence_spans(text)
        lem = self.lexicon.lemmatizer
        best, best_key, best_terms = spans[0], None, []
        sims = self._model.similarities([text[a:b] for a, b in spans]) if self._fitted else None
        for i, (a, b) in enumerate(spans):
            terms = self.lexicon.matches(lem.lemmas(text[a:b]), domain)
            key = (sum(w for _, w in terms), float(sims[i][domain - 1]) if sims is not None else 0.0)
            if best_key is None or key > best_key:
                best, best_key, best_terms = (a, b), key, terms
        return {"sentence": [best[0], best[1]], "terms": [t for t, _ in best_terms]}


#: A sentence ends at . ! ? … (and closing quotes/brackets) before a space and an
#: upper-case letter, a digit or an opening quote; "г." / "No." abbreviations
#: followed by a lower-case word or a number do not end one.
_SENTENCE_END = re.compile(r"""(?<!\bг\.)(?<!\bгг\.)(?<!\bст\.)(?<!\bп\.)(?<!\bNo\.)(?<!\bn\.)(?<!\bArt\.)(?<=[.!?…])([»"”)]*)\s+(?=[«"“(]?[^\W\d_a-zа-яё]|\d)""", re.UNICODE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of ``text``, spaces trimmed."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end(1)))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        seg = text[a:b]
        a2, b2 = a + len(seg) - len(seg.lstrip()), a + len(seg.rstrip())
        if b2 > a2:
            out.append((a2, b2))
    return out or [(0, len(text))]


def _decide(dist: np.ndarray, min_score: float = MIN_SCORE) -> DomainPrediction:
    scores = {d: round(float(p), 4) for d, p in zip(DOMAINS, dist)}
    best = int(np.argmax(dist))
    score = round(float(dist[best]), 4)
    if score < min_score:
        return DomainPrediction(None, score, scores, review=True)
    return DomainPrediction(DOMAINS[best], score, scores)
