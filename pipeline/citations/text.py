"""Text preparation for the finder: whitespace and hyphenated line ends.

The finder works on a prepared copy of the text in which runs of whitespace are
single spaces and words split by a hyphen at a line end are joined again;
:class:`TextMap` maps offsets in the prepared copy back to the original, so that
citations always point into the text the caller gave.
"""

from __future__ import annotations

import bisect
import re

from pipeline.citations.lexicon import MAX_QUOTED_TITLE, QUOTE_PAIRS, word_is_known

_PREP = re.compile(
    r"(?P<hy>(?<=[^\W\d_])[-\u00ad][ \t]*\r?\n\s*(?=[^\W\d_]))"  # hyphenated line end
    r"|\u00ad"  # soft hyphen
    r"|\s{2,}|[^\S ]"  # whitespace runs, line breaks, tabs, no-break spaces
)
_NEEDS_PREP = re.compile(r"\s{2,}|[^\S ]|\u00ad")
_WORD_START = re.compile(r"\w+")
_WORD_END = re.compile(r"\w+$")
#: Longest word part looked at when deciding whether to join a hyphenated line end.
MAX_WORD = 40


class TextMap:
    """Offsets of a prepared text back to the original (hyphenated line ends removed)."""

    def __init__(self) -> None:
        self._at: list[int] = []  # prepared-text positions after which chars were removed
        self._shift: list[int] = []  # cumulative removed characters at those positions

    def add(self, pos: int, removed: int) -> None:
        self._at.append(pos)
        self._shift.append((self._shift[-1] if self._shift else 0) + removed)

    def orig(self, pos: int, *, is_end: bool = False) -> int:
        i = bisect.bisect_right(self._at, pos - 1 if is_end else pos) - 1
        return pos + (self._shift[i] if i >= 0 else 0)


def prepare(text: str, lang: str) -> tuple[str, TextMap]:
    """Make whitespace single spaces and undo hyphenated line ends, keeping an offset map.

    Runs of whitespace become one space so that a qualifier at a line end and its
    head on the next line stay adjacent tokens. A line-final hyphen is dropped only
    when the joined word is a known word (``Концеп-\\nции`` → ``Концепции``); real
    hyphens (``трудящихся-\\nмигрантов``, ``2021-\\n2030``) keep the hyphen.
    """
    tmap = TextMap()
    if not _NEEDS_PREP.search(text):
        return text, tmap
    out: list[str] = []
    last = 0
    removed_total = 0
    for m in _PREP.finditer(text):
        if m.group("hy") is not None:
            lm = _WORD_END.search(text, max(0, m.start() - MAX_WORD), m.start())
            left = lm.group(0) if lm else ""
            rm = _WORD_START.match(text, m.end())
            right = rm.group(0) if rm else ""
            rep = "" if (left and right and word_is_known(lang, left + right)) else "-"
        else:
            rep = "" if m.group(0) == "\u00ad" else " "
        out.append(text[last:m.start()])
        out.append(rep)
        removed = (m.end() - m.start()) - len(rep)
        if removed:
            removed_total += removed
            tmap.add(m.start() - (removed_total - removed) + len(rep), removed)
        last = m.end()
    out.append(text[last:])
    return "".join(out), tmap


def first_quote(text: str, a: int, b: int) -> int | None:
    """Index of the first opening quote in ``text[a:b]``, if any."""
    best = None
    for q in QUOTE_PAIRS:
        i = text.find(q, a, b)
        if i >= 0 and (best is None or i < best):
            best = i
    return best


def closing_quote(text: str, pos: int) -> int | None:
    """Index of the quote closing the one at ``pos`` (nested «» are counted)."""
    op = text[pos]
    cl = QUOTE_PAIRS[op]
    limit = min(len(text), pos + MAX_QUOTED_TITLE)
    if op == cl:
        i = text.find(cl, pos + 1, limit)
        return i if i >= 0 else None
    depth = 0
    for i in range(pos, limit):
        c = text[i]
        if c == op:
            depth += 1
        elif c == cl or (op == "„" and c == "”"):
            depth -= 1
            if depth == 0:
                return i
    return None
