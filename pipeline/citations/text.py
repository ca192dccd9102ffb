"""Text preparation for the finder: whitespace, hyphenated line ends and tokens.

The finder works on a prepared copy of the text in which runs of whitespace are
single spaces and words split by a hyphen at a line end are joined again;
:class:`TextMap` maps offsets in the prepared copy back to the original, so that
citations always point into the text the caller gave.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from pipeline.citations.lexicon import (
    MAX_QUOTED_TITLE,
    MAX_UNCLOSED_TITLE,
    QUOTE_PAIRS,
    Lexicon,
)
from pipeline.layout.textjoin import keep_hyphen

_PREP = re.compile(
    r"(?P<hy>(?<=[^\W\d_])[-\u00ad][ \t]*\r?\n\s*(?=[^\W\d_]))"  # hyphenated line end
    r"|\u00ad"  # soft hyphen
    r"|\s{2,}|[^\S ]"  # whitespace runs, line breaks, tabs, no-break spaces
)
_NEEDS_PREP = re.compile(r"\s{2,}|[^\S ]|\u00ad")
_WORD_START = re.compile(r"\w+")
_WORD_END = re.compile(r"\w+$")
#: A parenthesised abbreviation after a mention: "(ЕАЭС)", "(CRC)".
ABBREV_PAREN = re.compile(r"\s*[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,9}\s*")
#: A four-digit year of the 19th–21st centuries.
YEAR_TOKEN = re.compile(r"(?:1[89]|20)\d\d")
#: Characters before a prefilter hit kept in the window (room for qualifiers such
#: as «Конституционным», «Межведомственный» or an English "Migration Policy").
BACK_CONTEXT = 60
#: Characters after a hit kept in the window: number, date, issuer and a short
#: title fit; a quoted title that opens within it stretches the window to its close.
FORWARD_CONTEXT = 120
#: How far after a hit an opening quote may start and still stretch the window.
QUOTE_LOOKAHEAD = 160
#: Longest word part looked at when deciding whether to join a hyphenated line end.
MAX_WORD = 40
#: Farthest a window edge moves to reach a space (so no word is cut): beyond any
#: word's and footnote URL's length (about 110 characters), and a bound, so that a
#: 100 000-character run without spaces does not become part of every window that
#: touches it.
MAX_SNAP = 128
#: Digits of a year; day and month numbers have at most two. Longer digit strings
#: are never passed to ``int`` (it refuses more than 4 300 digits, and is slow well
#: before that): they are no years or days.
YEAR_DIGITS = 4
DAY_DIGITS = 2


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
    head on the next line stay adjacent tokens. A line-final hyphen is decided by the
    same rule as the layout stage (:func:`pipeline.layout.textjoin.keep_hyphen`): dropped
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
            rep = "-" if keep_hyphen(left, right, lang) else ""
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
    """Index of the quote closing the one at ``pos`` (nested «» are counted), when it
    is less than :data:`MAX_QUOTED_TITLE` characters away."""
    op = text[pos]
    cl = QUOTE_PAIRS[op]
    limit = min(len(text), pos + MAX_QUOTED_TITLE)
    if op == cl:
        i = text.find(cl, pos + 1, limit)
        return i if i >= 0 else None
    close = _closers(text, op).get(pos)
    return close if close is not None and close < limit else None


@lru_cache(maxsize=16)
def _closers(text: str, op: str) -> dict[int, int]:
    """Every opening ``op`` of ``text`` that is closed, with the index of its closing quote.

    One pass with a stack gives what counting the depth from each opening quote
    gives, in time linear in the number of quote characters: a text of nested
    «««… would otherwise cost :data:`MAX_QUOTED_TITLE` steps per quote.
    """
    closers = QUOTE_PAIRS[op] + ("”" if op == "„" else "")
    stack: list[int] = []
    out: dict[int, int] = {}
    for m in re.finditer(f"[{re.escape(op + closers)}]", text):
        if m.group() == op:
            stack.append(m.start())
        elif stack:
            out[stack.pop()] = m.start()
    return out


def snap_start(text: str, i: int) -> int:
    """``i`` moved back to the start of its word (at most :data:`MAX_SNAP` characters)."""
    if i <= 0:
        return 0
    sp = text.rfind(" ", max(0, i - MAX_SNAP), i)
    return sp + 1 if sp >= 0 else (0 if i <= MAX_SNAP else i)


def snap_end(text: str, i: int) -> int:
    """``i`` moved on to the end of its word (at most :data:`MAX_SNAP` characters)."""
    n = len(text)
    if i >= n:
        return n
    sp = text.find(" ", i, i + MAX_SNAP)
    return sp if sp >= 0 else (n if n - i <= MAX_SNAP else i)


def small_int(digits: str | None, max_digits: int = YEAR_DIGITS) -> int | None:
    """The number ``digits`` writes (decimal digits of any script), or None when it is
    missing, not a number or longer than ``max_digits``."""
    if not digits or len(digits) > max_digits or not digits.isdecimal():
        return None
    return int(digits)


class Tok:
    """A non-space token of a window; its morphology is looked up on first use.

    Only tokens that may be a head, a qualifier or an issuer get a lemma while
    the Matcher runs; part of speech, case and number are needed only after a head
    (titles, issuers), so most tokens of a window never reach pymorphy3.
    """

    __slots__ = ("_lex", "_m", "cap", "end", "lemma", "lower", "start", "text")

    def __init__(self, text: str, lower: str, start: int, end: int, lemma: str, lex: Lexicon) -> None:
        self.text, self.lower, self.start, self.end, self.lemma = text, lower, start, end, lemma
        self.cap = text[:1].isupper()
        self._lex = lex
        self._m = None

    def _morph(self):
        if self._m is None:
            self._m = self._lex.word(self.lower)
            self.lemma = self._m[0]
        return self._m

    @property
    def pos(self) -> str | None:
        return self._morph()[1]

    @property
    def gent(self) -> bool:
        return self._morph()[2]

    @property
    def plur(self) -> bool:
        return self._morph()[3]

    def __repr__(self) -> str:
        return f"Tok({self.text!r}@{self.start})"


def sentence_start(w: str, i: int) -> bool:
    """Whether only spaces and sentence punctuation stand between ``i`` and the previous sentence."""
    j = i - 1
    while j >= 0 and w[j] == " ":
        j -= 1
    return j < 0 or w[j] in ".!?:;\n"


def skip_ws(w: str, i: int) -> int:
    n = len(w)
    while i < n and w[i] == " ":
        i += 1
    return i


def date_tuple(m: re.Match, lex: Lexicon) -> tuple[int, int, int] | None:
    """``(year, month, day)`` of a ``date_re`` match (month and day 0 for a year alone)."""
    g = m.groupdict()
    try:
        if g.get("y"):
            y, mo, d = small_int(g["y"]), lex.months[g["mon"].lower()], small_int(g["d"], DAY_DIGITS)
        elif g.get("y2"):
            y, mo, d = small_int(g["y2"]), lex.months[g["mon2"].lower()], small_int(g["d2"], DAY_DIGITS)
        elif g.get("yy"):
            y, mo, d = small_int(g["yy"]), small_int(g["mm"], DAY_DIGITS), small_int(g["dd"], DAY_DIGITS)
            if mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
                return None
        elif g.get("yo"):
            y, mo, d = small_int(g["yo"]), 0, 0
        elif g.get("d3"):
            # «de 4 de julho» without a year: year 0, taken from the number when normalised
            y, mo, d = 0, lex.months[g["mon3"].lower()], small_int(g["d3"], DAY_DIGITS)
        else:
            return None
    except KeyError:
        return None
    return (y, mo, d) if y is not None and mo is not None and d is not None else None


#: A sentence end inside what would be an unclosed quoted title.
_SENTENCE_END = re.compile(r"[.!?;]\s+[^\W\d_]")
_ANY_QUOTE = re.compile("[" + re.escape("".join(QUOTE_PAIRS) + "".join(QUOTE_PAIRS.values())) + "]")


def unclosed_title_end(w: str, pos: int, lex: Lexicon) -> int | None:
    """Where a quoted title whose closing quote was lost ends (OCR often drops it:
    «Закон № 17 “О защите переселенцев (2011 г.) и …»): right before the first
    parenthesis after the quote at ``pos``, when that parenthesis gives a year, the
    title opens with a capital, and no quote or sentence end comes between (within
    :data:`MAX_UNCLOSED_TITLE` characters). None otherwise."""
    if not w[pos + 1:pos + 2].isupper():
        return None
    paren = w.find("(", pos + 1, pos + 1 + MAX_UNCLOSED_TITLE)
    close = w.find(")", paren) if paren > 0 else -1
    if close < 0 or _ANY_QUOTE.search(w, pos + 1, paren) or _SENTENCE_END.search(w, pos + 1, paren):
        return None
    if paren_kind(w[paren + 1:close], lex)[0] != "year":
        return None
    end = paren
    while end > pos + 1 and w[end - 1] == " ":
        end -= 1
    return end if end > pos + 1 else None


def paren_kind(content: str, lex: Lexicon) -> tuple[str | None, object]:
    """Classify a parenthesis after a mention: adoption year, period, abbreviation."""
    pm = lex.period_re.match(content.strip())
    if pm and pm.end() >= len(content.strip()) - 1:
        a, b = small_int(pm.group("a")), small_int(pm.group("b"))
        if a is not None and b is not None:
            return "period", (a, b)
    m = lex.paren_year_re.match(content)
    if m and small_int(m.group("y")) is not None:
        return "year", small_int(m.group("y"))
    m = lex.number_re.match(content.strip())
    if m:  # "(No. 477-IV, 2011)"
        y = YEAR_TOKEN.search(content.strip(), m.end())
        return "number", (m.group("num"), small_int(y.group(0)) if y else None)
    if ABBREV_PAREN.fullmatch(content):
        return "abbrev", None
    return None, None


def noun_enumeration(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """Whether the comma at ``i`` separates nouns of an «A, B и C» enumeration."""
    def noun(t: Tok) -> bool:
        return t.pos == "NOUN" and t.lemma not in lex.heads and not t.cap

    return (noun(toks[i - 1]) and noun(toks[i + 1]) and toks[i + 2].lower in lex.title_conj
            and noun(toks[i + 3]))


def find_windows(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Merged character regions around prefilter hits (``anchor_regex``), widened to
    whole words (up to :data:`MAX_SNAP` characters); a quoted title opening near a hit
    stretches its region to the close. Regions may be long: the finder cuts them into
    windows (:func:`pipeline.citations.guard.scan`)."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for m in lex.anchor_re.finditer(text):
        a = max(0, m.start() - BACK_CONTEXT)
        b = min(n, m.end() + FORWARD_CONTEXT)
        q = first_quote(text, m.end(), min(n, m.end() + QUOTE_LOOKAHEAD))
        if q is not None:
            close = closing_quote(text, q)
            b = max(b, min(n, (close if close is not None else q + MAX_UNCLOSED_TITLE) + FORWARD_CONTEXT // 2))
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    return [(snap_start(text, a), snap_end(text, b)) for a, b in spans]


def optional_re(lex: Lexicon, key: str) -> re.Pattern | None:
    """A regex of the language's YAML that only some languages define."""
    pattern = lex.data.get(key)
    return re.compile(pattern) if pattern else None


def title_word(lex: Lexicon, t: Tok, case_mode: bool, free: bool = False) -> bool:
    """Whether a token may continue an unquoted title (capitalised words and connectors in
    English, the parts of speech of ``title_pos`` in Russian; in a *free* title — after
    a ``free_title_starters`` word such as French «relative à» — any word but the
    ``title_stops``)."""
    if not t.text[:1].isalpha():
        return False
    if case_mode:
        return t.cap or t.lower in lex.title_connectors or (free and t.lower not in lex.title_stops)
    if t.pos is None:
        return t.cap or not t.text.isascii()
    return t.pos in lex.title_pos
