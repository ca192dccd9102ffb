"""TF-IDF vectors of lemma strings, as scikit-learn's ``TfidfVectorizer`` makes them.

Why not scikit-learn itself: the domain stage fits a small model per report (a few
hundred paragraphs, a few thousand lemmas), and importing
``sklearn.feature_extraction.text`` pulls in SciPy's statistics package, which
costs about 0.6 s and 40 MB in every worker, a fifth of a whole cold run of a
39-page report (issue #14, "warm-up once, cheaply"). The weighting below is the
one scikit-learn documents for ``TfidfVectorizer(analyzer=str.split,
sublinear_tf=True, smooth_idf=True, norm="l2")``; ``tests/test_domains_tfidf.py``
checks it against scikit-learn (still a test dependency) on the sample's text, so
the two cannot drift apart.

Dense NumPy arrays: a report's vocabulary × paragraphs fits in a few MB.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np


class TfidfModel:
    """Whitespace-token TF-IDF with sublinear term frequency, smoothed IDF and L2 rows.

    ``fit_transform`` learns the vocabulary and IDF weights from ``docs``;
    ``transform`` maps new documents onto that vocabulary (unknown tokens ignored).
    """

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.idf: np.ndarray = np.zeros(0)

    def fit_transform(self, docs: Sequence[str]) -> np.ndarray:
        counts = [Counter(d.split()) for d in docs]
        # Sorted like scikit-learn's feature order, so sums run in the same order.
        terms = sorted({t for c in counts for t in c})
        self.vocabulary = {t: i for i, t in enumerate(terms)}
        df = np.zeros(len(terms))
        for c in counts:
            for t in c:
                df[self.vocabulary[t]] += 1
        n = len(docs)
        self.idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        return self._weigh(counts)

    def transform(self, docs: Sequence[str]) -> np.ndarray:
        return self._weigh([Counter(d.split()) for d in docs])

    def _weigh(self, counts: list[Counter]) -> np.ndarray:
        out = np.zeros((len(counts), len(self.vocabulary)))
        for row, c in enumerate(counts):
            for t, k in c.items():
                col = self.vocabulary.get(t)
                if col is not None:
                    out[row, col] = 1.0 + np.log(k)
        out *= self.idf
        norms = np.sqrt((out * out).sum(axis=1))
        norms[norms == 0] = 1.0
        return out / norms[:, None]
