"""Instruments found by their name alone, where no head word of the language names them.

"the Sendai Framework for Disaster Risk Reduction 2015–2030" has no head the English
lexicon knows ("Framework" is no act type: "Migration Governance Framework" is IOM's
own), and "the 1967 Protocol" after an unrelated sentence has no title; the finder's
heads miss both. The instrument list (``pipeline/data/citations/instruments.yaml``)
knows them: its ``find`` patterns, per language, are searched in folded text and
each match becomes a mention of that instrument (the resolver then gives it the
instrument's id through the ordinary ``patterns``).

A name found this way replaces the mentions of the finder it contains when it is
longer («Cadre d'action de Sendai pour la réduction des risques de catastrophe
2015-2030», where the French finder's title stops at «Sendai»); it is dropped where
it overlaps a mention it does not contain.

Folding here keeps every character in place (one folded character per character), so
that offsets into the folded text are offsets into the text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cache

from pipeline.citations.instruments import Instrument, instruments
from pipeline.citations.types import RawMention

#: Characters folded to another than their own decomposition: the apostrophe the
#: YAML patterns are written with.
_SAME_LENGTH = {"’": "'"}


@cache
def _fold_char(ch: str) -> str:
    """One character lower-cased without its accents (itself lower-cased when folding
    would change the length: «ß», ligatures)."""
    if ch in _SAME_LENGTH:
        return _SAME_LENGTH[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
    if len(base) == 1:
        return base
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold_in_place(text: str) -> str:
    """:func:`pipeline.citations.instruments.fold` without collapsing spaces: the result
    has the length of ``text``, character for character."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


@cache
def _finders(lang: str) -> tuple[tuple[re.Pattern, Instrument], ...]:
    return tuple((rx, inst) for inst in instruments()[0] for lng, rx in inst.finders if lng == lang)


def instrument_mentions(text: str, lang: str) -> list[RawMention]:
    """Mentions of the instruments whose ``find`` patterns for ``lang`` occur in ``text``
    (offsets into ``text``; in text order, overlaps not removed)."""
    finders = _finders(lang)
    if not finders:
        return []
    folded = fold_in_place(text)
    out = []
    for rx, inst in finders:
        for m in rx.finditer(folded):
            if m.end() <= m.start():
                continue
            surface = text[m.start():m.end()]
            # "the 1967 Protocol": the year written in the name is the adoption year
            years = [inst.year] if inst.year is not None and str(inst.year) in surface else []
            out.append(RawMention(start=m.start(), end=m.end(), surface="", head=inst.act_type,
                                  head_type=inst.act_type, capitalised=True, title=surface,
                                  head_text=surface, years=years))
    return sorted(out, key=lambda r: r.start)


def with_instruments(found: list[RawMention], named: list[RawMention]) -> list[RawMention]:
    """``found`` (in text order) with the ``named`` instrument mentions added: each one
    replaces the mentions it strictly contains, and is dropped where it overlaps
    another mention or merely repeats one. Linear in the mentions (bisection over
    ``found``; a named mention contains only the few mentions its short name spans)."""
    if not named:
        return found
    starts = [m.start for m in found]
    max_end: list[int] = []
    for m in found:
        max_end.append(max(m.end, max_end[-1]) if max_end else m.end)
    dropped: set[int] = set()
    added: list[RawMention] = []
    last = -1  # end of the last named mention added
    for n in named:
        lo = bisect.bisect_left(starts, n.start)
        hi = bisect.bisect_left(starts, n.end)
        if n.start < last or (lo > 0 and max_end[lo - 1] > n.start):
            continue  # overlaps a mention that starts before it
        inside = range(lo, hi)
        if any(found[k].end > n.end or (found[k].start, found[k].end) == (n.start, n.end) for k in inside):
            continue
        dropped.update(inside)
        added.append(n)
        last = n.end
    if not added:
        return found
    return sorted([m for k, m in enumerate(found) if k not in dropped] + added, key=lambda r: r.start)
