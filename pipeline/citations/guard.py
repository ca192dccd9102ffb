"""Bounds that keep the citation finder safe and linear on hostile text.

Report text comes from PDFs, OCR and users' files: it may hold lone surrogates,
replacement characters, thousands of digits in a row or a page of ``»``. What
keeps :mod:`pipeline.citations.find` from crashing or slowing down lives here:

* :func:`scrub` replaces lone surrogates (which spaCy cannot hash) by U+FFFD one
  for one, so that every offset still points at the same place of the caller's text;
* :func:`tokenizer_view` breaks runs of non-space characters longer than any word
  before spaCy sees them (spaCy's affix loop is quadratic in the length of a token);
* :func:`scan` walks the prefilter's regions in windows of at most
  :data:`MAX_WINDOW` characters, so the finder's work is linear in the text's length
  whatever the text holds: a mention that runs past its window's end is looked at
  again from its own start (or in a window twice as wide), never by re-tokenising
  an ever-widening window from a fixed start;
* :data:`MAX_QUALIFIERS` and :data:`MAX_PREFIX_WORDS` bound the Matcher's repeated
  tokens (spaCy reports every start of an unbounded run: quadratic in its length).

Numbers are never converted whole (:func:`pipeline.citations.text.small_int`,
:func:`pipeline.citations.normalize.plain_digits`): a year has four digits and an
act number stays a string, however long.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.citations.lexicon import MAX_QUOTED_TITLE
from pipeline.citations.text import BACK_CONTEXT, FORWARD_CONTEXT, snap_end, snap_start
from pipeline.citations.types import RawMention

#: Most characters one window may hold before it is cut: twice a
#: :data:`MAX_QUOTED_TITLE` quoted title with its head, issuer, number and date, so
#: that a window restarted at a mention's start leaves room for the whole mention.
MAX_WINDOW = 2 * MAX_QUOTED_TITLE + 2 * FORWARD_CONTEXT
#: A mention ending this close to its window's end may run on past it.
WINDOW_MARGIN = 24
#: A window is restarted at a mention that runs past its end only when the mention
#: starts at least this far into the window; otherwise the window grows instead (and
#: at :data:`MAX_WINDOW` the mention is kept as it is). Each restart thus moves the
#: window start by at least this much less the context kept before the mention,
#: which is what bounds how often one character is tokenised.
MIN_ADVANCE = MAX_WINDOW // 4
#: Runs of non-space characters longer than this are broken for the tokenizer: no
#: word (the longest Russian compounds have about 40 letters) nor the URL of a
#: report's footnote (up to about 110 characters) is this long, and spaCy's time on
#: one token grows with the square of its length (1 600 ``»`` take a third of a second).
MAX_TOKEN_CHARS = 128

#: Most qualifiers the Matcher takes before a head («Конституционный закон»: one; the
#: data has at most two). A bound, not ``*``: spaCy returns every start of an
#: unbounded run, which is quadratic in a run of qualifiers.
MAX_QUALIFIERS = 4
#: Most capitalised words the Matcher takes before an English head ("Migration
#: Policy Concept", "Council of Europe Convention": at most five in the labelled
#: cases), bounded for the same reason ("Law Law Law …").
MAX_PREFIX_WORDS = 8
#: What a lone surrogate becomes (one character for one, so offsets keep).
REPLACEMENT = "\ufffd"

_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_RUN = re.compile(rf"([^ ]{{{MAX_TOKEN_CHARS - 1}}})[^ ]")
_LONG_RUN_TEST = re.compile(rf"[^ ]{{{MAX_TOKEN_CHARS}}}")


def scrub(text: str) -> str:
    """``text`` with each lone surrogate code point replaced by U+FFFD.

    Python strings may hold surrogates (``surrogateescape`` decoding, broken PDF
    text layers, JSON ``\\ud800`` escapes); spaCy hashes token text as UTF-8 and
    raises on them, and so does writing them out. The result has the length of
    ``text`` and differs from it only at those code points, so offsets into it are
    offsets into ``text``.
    """
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(REPLACEMENT, text)


def tokenizer_view(w: str) -> str:
    """``w`` with every :data:`MAX_TOKEN_CHARS`-th character of an overlong run of
    non-space characters made a space (same length, so token offsets are offsets
    into ``w``)."""
    if _LONG_RUN_TEST.search(w) is None:
        return w
    return _LONG_RUN.sub(r"\1 ", w)


@dataclass(slots=True)
class Group:
    """The mentions one head phrase yields: the act itself, then those named through
    it (listed numbers, a follow-on protocol, further treaty parties).

    Attributes:
        key: Offset of the head phrase's first token: spans starting before a
            window's ``skip`` offset were handled by an earlier window.
        mentions: The mentions, offsets into the prepared text.
    """

    key: int
    mentions: list[RawMention]

    @property
    def end(self) -> int:
        return max(m.end for m in self.mentions)


#: ``find_in(a, b, skip, last_end)``: the groups of ``prepared[a:b]`` whose head
#: phrase starts at or after ``skip`` (and, unless nested, at or after ``last_end``).
FindIn = Callable[[int, int, int, int], list[Group]]


class _Emitter:
    """Collects the mentions of finished groups and what later windows must skip."""

    def __init__(self) -> None:
        self.out: list[RawMention] = []
        self.skip = 0
        self.last_end = -1

    def emit(self, groups: list[Group]) -> None:
        for g in groups:
            self.out.extend(g.mentions)
            self.skip = max(self.skip, g.key + 1)
            self.last_end = max(self.last_end, g.end)


def scan(prepared: str, regions: list[tuple[int, int]], find_in: FindIn) -> list[RawMention]:
    """Run ``find_in`` over ``regions`` of ``prepared`` in windows of bounded size.

    A region longer than :data:`MAX_WINDOW` is cut into overlapping windows (each
    keeps :data:`BACK_CONTEXT` characters before its cut). When the last mention
    of a window ends within :data:`WINDOW_MARGIN` of its end, it may run on: if it
    starts far enough into the window, the mentions before it are kept and the next
    window starts just before it; otherwise the window doubles (up to
    :data:`MAX_WINDOW`), and a mention that still runs on at that size is kept as
    found. Every window either moves the start forward by a bounded fraction of its
    size or doubles, so each character is tokenised a bounded number of times.

    Returns:
        The mentions in order, offsets into ``prepared``.
    """
    n = len(prepared)
    em = _Emitter()
    ri = 0
    while ri < len(regions):
        a, target = regions[ri]
        ri += 1
        want = min(target, a + MAX_WINDOW)
        while True:
            while ri < len(regions) and regions[ri][0] < want:  # swallow overlapped regions
                target = max(target, regions[ri][1])
                ri += 1
            b = snap_end(prepared, want)
            groups = find_in(a, b, em.skip, em.last_end)
            full = want - a >= MAX_WINDOW or b >= n
            run_on = [g.key for g in groups if b - WINDOW_MARGIN <= g.end <= b] if b < n else []
            if run_on:
                rk = min(run_on)
                if rk - a < MIN_ADVANCE and not full:
                    want = min(n, a + MAX_WINDOW, want + max(FORWARD_CONTEXT, want - a))
                    continue
                if rk - a >= MIN_ADVANCE:
                    em.emit([g for g in groups if g.key < rk])
                    a2 = max(a + 1, snap_start(prepared, rk - BACK_CONTEXT))
                    want = min(n, a2 + MAX_WINDOW, max(target, want + FORWARD_CONTEXT))
                    a = a2
                    continue
                # a mention as long as the largest window: kept as found
            em.emit(groups)
            if want < target and b < n:  # the region goes on past this window
                a = max(a + 1, snap_start(prepared, b - BACK_CONTEXT))
                want = min(target, a + MAX_WINDOW)
                continue
            break
    return em.out
