"""Calibration of the content classifier: blended score → probability of being right.

The blended score of :class:`~pipeline.domains.classifier.LexiconCentroidClassifier`
is a mixture of two distributions, not a probability: on the sample, a blend of
0.45 was right 7 times in 8 and a blend of 0.35 three times in five. The map in
``pipeline/data/domains/calibration.json`` turns it into the probability that the
best domain is the right one. It is an isotonic fit (monotone steps, each step's
accuracy smoothed as (right + 1) / (n + 2) so that a finite sample never says
"100 %") on held-out predictions: leave-one-chapter-out on the Russian sample and
on the report fixtures of other languages (``bench/calibrate_domains.py`` rebuilds
it and records where the data came from). Between breakpoints the map is linear,
outside them flat.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.domains.lexicon import DATA_DIR

CALIBRATION_PATH = DATA_DIR / "calibration.json"


@dataclass(frozen=True, slots=True)
class Calibration:
    """A monotone piecewise-linear map from blended score to probability."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    method: str = "isotonic"

    def __call__(self, score: float) -> float:
        if not self.x:
            return float(score)
        return round(float(np.interp(float(score), self.x, self.y)), 4)

    @classmethod
    def identity(cls) -> "Calibration":
        return cls((), (), "identity")


def load_calibration(path: Path | None = None) -> Calibration:
    """The packaged map (identity when the file is missing: scores stay raw)."""
    return _load(str(path or CALIBRATION_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> Calibration:
    p = Path(path)
    if not p.exists():
        return Calibration.identity()
    raw = json.loads(p.read_text(encoding="utf-8"))
    pts = raw["breakpoints"]
    x = tuple(float(a) for a, _ in pts)
    y = tuple(float(b) for _, b in pts)
    if list(x) != sorted(x) or list(y) != sorted(y):
        raise ValueError(f"{p}: breakpoints must be increasing in score and probability")
    return Calibration(x, y, raw.get("method", "isotonic"))
