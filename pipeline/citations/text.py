"""Text preparation for the finder: whitespace, hyphenated line ends and tokens.

The finder works on a prepared copy of the text in which runs of whitespace are
single spaces and words split by a hyphen at a line end are joined again;
:class:`TextMap` maps offsets in the prepared copy back to the original, so that
citations always point into the text the caller gave.
"""

from __future__ import annotations

import bisect
import re

from pipeline.citations.lexicon import (
    MAX_QUOTED_TITLE,
    MAX_UNCLOSED_TITLE,
    QUOTE_PAIRS,
    Lexicon,
)
from pipeline.textjoin import keep_hyphen

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
    same rule as the layout stage (:func:`pipeline.textjoin.keep_hyphen`): dropped
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
    g = m.groupdict()
    try:
        if g.get("y"):
            return int(g["y"]), lex.months[g["mon"].lower()], int(g["d"])
        if g.get("y2"):
            return int(g["y2"]), lex.months[g["mon2"].lower()], int(g["d2"])
        if g.get("yy"):
            mo, d = int(g["mm"]), int(g["dd"])
            return (int(g["yy"]), mo, d) if 1 <= mo <= 12 and 1 <= d <= 31 else None
        if g.get("yo"):
            return int(g["yo"]), 0, 0
    except KeyError:
        return None
    return None


def paren_kind(content: str, lex: Lexicon) -> tuple[str | None, object]:
    """Classify a parenthesis after a mention: adoption year, period, abbreviation."""
    pm = lex.period_re.match(content.strip())
    if pm and pm.end() >= len(content.strip()) - 1:
        return "period", (int(pm.group("a")), int(pm.group("b")))
    m = lex.paren_year_re.match(content)
    if m:
        return "year", int(m.group("y"))
    m = lex.number_re.match(content.strip())
    if m:  # "(No. 477-IV, 2011)"
        y = YEAR_TOKEN.search(content.strip(), m.end())
        return "number", (m.group("num"), int(y.group(0)) if y else None)
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
    """Merged character windows around prefilter hits (``anchor_regex``), widened to
    whole words; a quoted title opening near a hit stretches its window to the close."""
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
    out = []
    for a, b in spans:
        if a > 0:
            sp = text.rfind(" ", 0, a)
            a = sp + 1 if sp >= 0 else 0
        if b < n:
            sp = text.find(" ", b)
            b = sp if sp >= 0 else n
        out.append((a, b))
    return out


def optional_re(lex: Lexicon, key: str) -> re.Pattern | None:
    """A regex of the language's YAML that only some languages define."""
    pattern = lex.data.get(key)
    return re.compile(pattern) if pattern else None


def title_word(lex: Lexicon, t: Tok, case_mode: bool) -> bool:
    """Whether a token may continue an unquoted title (capitalised words and connectors in
    English, the parts of speech of ``title_pos`` in Russian)."""
    if not t.text[:1].isalpha():
        return False
    if case_mode:
        return t.cap or t.lower in lex.title_connectors
    if t.pos is None:
        return t.cap or not t.text.isascii()
    return t.pos in lex.title_pos
