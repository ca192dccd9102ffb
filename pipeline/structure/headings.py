"""Heading names: the per-language aliases of ``pipeline/data/structure/<lang>.yaml``
matched against heading text (exact, prefix or fuzzy) to give a heading its role
(domain chapter, strength or gap part, summary, annex, bibliography…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from pipeline.lexicon import language_data

#: Numbered headings: ``1.``, ``1.2.``, ``5.2``.
_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=\S)")
#: An alias this long matches a heading that starts with it ("ANNEX: COVID-19").
ALIAS_PREFIX_MIN = 5


#: Normalised texts remembered: every heading is compared with every alias of its
#: language, and the aliases are the same few hundred strings each time.
NORM_CACHE = 8192


@lru_cache(maxsize=NORM_CACHE)
def _norm(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = _NUMBER.sub("", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class HeadingMatcher:
    """Names headings with the aliases of one language."""

    lang: str
    data: dict = field(init=False)

    def __post_init__(self) -> None:
        self.data = language_data(self.lang) or language_data("en")
        self.threshold = float(self.data.get("match_threshold", 86))
        self.page_ref = re.compile(self.data.get("summary_domain_page", r"$^"), re.IGNORECASE)
        self.bib_start = re.compile(self.data.get("bibliography_entry_start", r"$^"), re.IGNORECASE)

    def _best(self, text: str, aliases: list[str], prefix: bool = True) -> float:
        t = _norm(text)
        if not t:
            return 0.0
        best = 0.0
        for a in aliases:
            a = _norm(a)
            score = fuzz.ratio(t, a)
            if prefix and len(t) >= len(a) >= ALIAS_PREFIX_MIN and t.startswith(a + " "):
                score = max(score, 95.0)
            best = max(best, score)
        return best

    def role(self, text: str) -> tuple[str, int | None]:
        """``(role, domain)`` of a heading; ``("other", None)`` when nothing matches.

        A domain's short name without a page reference ("Partnerships", the title of
        a 2019+ domain chapter and of a key-findings subsection alike) is
        ``domain_name``: where it stands decides which (see ``_open_heading``).
        Short names match whole headings only, never as a prefix ("Partnerships
        with the private sector" is a subsection, not a domain).
        """
        clean = self.page_ref.sub("", text).strip()
        has_page_ref = clean != text.strip()
        candidates: list[tuple[float, str, int | None]] = []
        for dom, names in (self.data.get("domains") or {}).items():
            if has_page_ref:
                candidates.append((self._best(clean, names.get("short", []) + names.get("chapter", [])),
                                   "summary_domain", int(dom)))
            else:
                candidates.append((self._best(clean, names.get("chapter", [])), "domain_chapter", int(dom)))
                candidates.append((self._best(clean, names.get("short", []), prefix=False) - 0.5,
                                   "domain_name", int(dom)))
        candidates.append((self._best(clean, self.data.get("strength", [])), "strength", None))
        candidates.append((self._best(clean, self.data.get("gap", [])), "gap", None))
        for role, aliases in (self.data.get("chapters") or {}).items():
            candidates.append((self._best(clean, aliases), role, None))
        score, role, dom = max(candidates, key=lambda c: c[0])
        if score >= self.threshold:
            return role, dom
        return "other", None


@lru_cache(maxsize=8)
def matchers(lang: str) -> tuple[HeadingMatcher, ...]:
    """The document language's matcher first, then the others.

    Why: reports mix languages in headings (a Russian report titles one part in
    English), so every language's aliases are tried, the document's own first.
    """
    from pipeline.lexicon import available_languages

    langs = [lang] + [x for x in available_languages() if x != lang]
    return tuple(HeadingMatcher(x) for x in langs)


@lru_cache(maxsize=4096)
def heading_role(text: str, lang: str) -> tuple[str, int | None]:
    """``(role, domain)`` of a heading text, trying every language's aliases.

    Cached: chapter-size estimation, heading opening and body-type title checks all
    ask about the same texts, and each question is a round of fuzzy matches.
    """
    for m in matchers(lang):
        role, dom = m.role(text)
        if role != "other":
            return role, dom
    return "other", None
