"""Findings of two assessments aligned within a domain: by the corpus acts two paragraphs
share and, in one language, by their words; each finding stayed, moved between
strength and gap, is new, or was dropped.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz

#: Domain number of citations and paragraphs outside the six domain chapters.
OUTSIDE = 0
#: Paragraph kinds that state a finding.
FINDING_KINDS = ("paragraph", "list_item")
ASSESSMENTS = ("strength", "gap")

#: Same language: two findings are one when their words agree this well
#: (rapidfuzz token_set_ratio of lower-cased word tokens, 0-100) ...
TEXT_MATCH = 70.0
#: ... or when they share a corpus act and their words still agree this well:
#: reworded findings about one act ("Law No. 58 was amended in 2020").
TEXT_MATCH_WITH_ACT = 50.0
#: Across languages: weighted overlap of the two paragraphs' corpus acts (0-100) that
#: makes them one finding; acts cited all over the domain weigh little.
ACT_MATCH_CROSS = 50.0
#: Across languages the act overlap makes this share of the score, the numbers both
#: texts give (years, act numbers) the rest.
ACT_WEIGHT_CROSS = 0.8
#: Characters of paragraph text kept in the findings table.
SNIPPET = 200

_WORD = re.compile(r"\w+", re.UNICODE)
FINDING_COLUMNS = ["domain", "status", "paragraph_a", "paragraph_b", "assessment_a", "assessment_b",
                   "score", "shared_acts", "text_a", "text_b"]


def words(text: str) -> str:
    """Lower-cased word tokens joined by spaces (``ё`` read as ``е``)."""
    return " ".join(_WORD.findall((text or "").lower().replace("ё", "е")))


@dataclass(frozen=True)
class Finding:
    """One paragraph as the aligner sees it."""

    paragraph_id: str
    domain: int
    assessment: str | None
    text: str
    words: str
    acts: frozenset[str]


@dataclass
class Scorer:
    """How alike two findings are (0-100), and whether that makes them one.

    Same language: word similarity, with a lower bar when the paragraphs share a
    corpus act. Different languages: the words of a Russian and an English paragraph
    say nothing about each other, so the pair must share a corpus act; it is scored by
    the weighted overlap (Dice) of the two act sets, rarer acts weighing more, and
    a little by the numbers both texts give (years, act numbers, percentages), which
    read the same in every language.
    """

    same_language: bool
    weights: dict[str, float] = field(default_factory=dict)
    text_match: float = TEXT_MATCH
    text_match_with_act: float = TEXT_MATCH_WITH_ACT
    act_match_cross: float = ACT_MATCH_CROSS
    act_weight_cross: float = ACT_WEIGHT_CROSS

    def act_overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Dice coefficient × 100 of two act sets."""
        if not a or not b:
            return 0.0
        w = self.weights
        inter = sum(w.get(x, 1.0) for x in a & b)
        total = sum(w.get(x, 1.0) for x in a) + sum(w.get(x, 1.0) for x in b)
        return 200.0 * inter / total if total else 0.0

    def score(self, a: Finding, b: Finding) -> float:
        """The pair's score, 0 when it is not a match."""
        shared = a.acts & b.acts
        if self.same_language:
            text = float(fuzz.token_set_ratio(a.words, b.words)) if a.words and b.words else 0.0
            if text >= self.text_match or (shared and text >= self.text_match_with_act):
                return round(max(text, (text + self.act_overlap(a.acts, b.acts)) / 2), 1)
            return 0.0
        if not shared:
            return 0.0
        na, nb = _numbers(a.words), _numbers(b.words)
        nums = 100.0 * len(na & nb) / len(na | nb) if na and nb else 0.0
        s = self.act_weight_cross * self.act_overlap(a.acts, b.acts) + (1 - self.act_weight_cross) * nums
        return round(s, 1) if s >= self.act_match_cross else 0.0


def _numbers(words_: str) -> set[str]:
    return {w for w in words_.split() if w.isdigit()}


def _findings(p: pd.DataFrame, cited: pd.DataFrame) -> list[Finding]:
    acts: dict[str, set[str]] = {}
    for pid, cid in zip(cited["paragraph_id"], cited["corpus_act_id"]):
        acts.setdefault(pid, set()).add(cid)
    sel = p[p["kind"].isin(FINDING_KINDS) & p["assessment"].isin(ASSESSMENTS) & (p["chapter_domain"] != OUTSIDE)]
    return [Finding(r.paragraph_id, int(r.chapter_domain), r.assessment, r.text, words(r.text),
                    frozenset(acts.get(r.paragraph_id, ())))
            for r in sel.itertuples(index=False)]


def _weights(findings: list[Finding]) -> dict[str, float]:
    """Inverse paragraph frequency of each act: the law every paragraph cites aligns little."""
    df: dict[str, int] = {}
    for f in findings:
        for a in f.acts:
            df[a] = df.get(a, 0) + 1
    n = max(len(findings), 1)
    return {a: math.log(1 + n / k) for a, k in df.items()}


def align(fa: list[Finding], fb: list[Finding], scorer: Scorer) -> list[tuple[Finding, Finding, float]]:
    """One-to-one pairs within each domain, best score first (greedy, deterministic).

    Between equal scores a pair that keeps its assessment wins: a move is claimed
    only when the evidence prefers it, not by the order of paragraphs.
    """
    cands = []
    for i, a in enumerate(fa):
        for j, b in enumerate(fb):
            if a.domain != b.domain:
                continue
            s = scorer.score(a, b)
            if s > 0:
                cands.append((-s, a.assessment != b.assessment, i, j))
    cands.sort()
    used_a, used_b, out = set(), set(), []
    for neg, _, i, j in cands:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((fa[i], fb[j], -neg))
    return out


def _status(a: Finding | None, b: Finding | None) -> str:
    if a is not None and b is not None:
        return "same" if a.assessment == b.assessment else "moved"
    if b is not None:
        return f"new_{b.assessment}"
    return "dropped"


def compare_findings(fa: list[Finding], fb: list[Finding], same_language: bool) -> pd.DataFrame:
    """Every finding of A and B once: paired (same/moved), new in B, or dropped from A."""
    scorer = Scorer(same_language, weights=_weights(fa + fb))
    pairs = align(fa, fb, scorer)
    seen_a = {a.paragraph_id for a, _, _ in pairs}
    seen_b = {b.paragraph_id for _, b, _ in pairs}
    rows = []

    def row(a: Finding | None, b: Finding | None, score: float | None) -> dict:
        shared = sorted(a.acts & b.acts) if a and b else []
        return {
            "domain": (a or b).domain, "status": _status(a, b),
            "paragraph_a": a.paragraph_id if a else None, "paragraph_b": b.paragraph_id if b else None,
            "assessment_a": a.assessment if a else None, "assessment_b": b.assessment if b else None,
            "score": score, "shared_acts": json.dumps(shared, ensure_ascii=False),
            "text_a": a.text[:SNIPPET] if a else None, "text_b": b.text[:SNIPPET] if b else None,
        }

    for a, b, s in pairs:
        rows.append(row(a, b, s))
    rows += [row(None, b, None) for b in fb if b.paragraph_id not in seen_b]
    rows += [row(a, None, None) for a in fa if a.paragraph_id not in seen_a]
    order = {"moved": 0, "new_strength": 1, "new_gap": 2, "dropped": 3, "same": 4}
    rows.sort(key=lambda r: (r["domain"], order[r["status"]], r["paragraph_b"] or "", r["paragraph_a"] or ""))
    df = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    return df.astype({"domain": int, "score": "Float64"})
