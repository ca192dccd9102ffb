"""Regulations named through the law they implement: «Reglamento a la Ley Orgánica de
Movilidad Humana», «Regulamento da Lei de Estrangeiros».

Such a regulation has no title of its own: its name is the law's, and the law's name
is a mention of its own for the finder (:mod:`pipeline.citations.find`). Left to the
finder, the regulation's head either finds no title it knows how to start (Spanish
«a la») and the law alone is reported, or its title stops at the law's head word
(«Regulamento da Lei», since a capitalised head inside a title starts another act).
Both are wrong: the text names one act, the regulation.

``implementing_regex`` of the language's YAML matches the regulation's head and the
words that tie it to the law, up to the law's head (group ``h``: the regulation's
head; the match ends where the law's name starts). The law's name is read by the
finder from there; the mentions the finder made inside the whole phrase are replaced
by one regulation mention whose title runs from after the head to the law's end
(«a la Ley Orgánica de Movilidad Humana»). The law's number and date stay inside that
title: they number the law, not the regulation.
"""

from __future__ import annotations

import bisect
import re
from contextvars import ContextVar
from collections.abc import Callable
from functools import cache

from pipeline.citations.lexicon import MAX_QUOTED_TITLE, Lexicon, load
from pipeline.citations.types import RawMention

#: The act type of the regulation a match names.
REGULATION = "regulation"
#: Act types a regulation may implement.
IMPLEMENTED = frozenset({"law", "constitutional_law", "code", "decree"})
#: Characters after the tie words in which the law's name is read (a quoted title
#: may be MAX_QUOTED_TITLE long, and a number and a date follow it).
LAW_WINDOW = MAX_QUOTED_TITLE + 300


#: Set while a law's name is read: the window read may hold more regulations, which
#: the outer reading handles (reading them again, nested, would be exponential).
_READING_LAW: ContextVar[bool] = ContextVar("reading_law", default=False)


@cache
def _regex(lang: str) -> re.Pattern | None:
    rx = load(lang).data.get("implementing_regex")
    return re.compile(rx) if rx else None


def implementing_mentions(text: str, lex: Lexicon, found: list[RawMention],
                          find: Callable[[str], list[RawMention]]) -> list[RawMention]:
    """``found`` (in text order) with each regulation named through a law made one
    mention (see the module docstring); ``find`` reads a law's name (offsets into the
    text it is given)."""
    rx = _regex(lex.lang)
    if rx is None or _READING_LAW.get():
        return found
    regs: list[RawMention] = []
    matches = list(rx.finditer(text))
    for j, m in enumerate(matches):
        if regs and m.start() < regs[-1].end:
            continue
        # the law's name is read from a bounded window that ends before the next
        # regulation's head: a text of thousands of «Reglamento de la Ley …» stays linear
        stop = min(m.end() + LAW_WINDOW, matches[j + 1].start() if j + 1 < len(matches) else len(text))
        token = _READING_LAW.set(True)
        try:
            laws = find(text[m.end():stop])
        finally:
            _READING_LAW.reset(token)
        if not laws or laws[0].start != 0 or laws[0].head_type not in IMPLEMENTED:
            continue
        end = m.end() + laws[0].end
        head_end = m.end("h")
        regs.append(RawMention(start=m.start("h"), end=end, surface="",
                               head=lex.lemma(m.group("h").split()[0].lower()), head_type=REGULATION,
                               capitalised=m.group("h")[:1].isupper(), title=text[head_end:end].strip(),
                               head_text=m.group("h")))
    if not regs:
        return found
    starts = [r.start for r in regs]

    def inside(f: RawMention) -> bool:
        i = bisect.bisect_right(starts, f.start) - 1
        return (i >= 0 and f.start < regs[i].end) or (i + 1 < len(regs) and regs[i + 1].start < f.end)

    return sorted([f for f in found if not inside(f)] + regs, key=lambda r: r.start)
