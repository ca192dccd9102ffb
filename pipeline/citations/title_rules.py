"""Where an unquoted title goes on: two rules of :mod:`pipeline.citations.find`.

* A head word inside a title usually starts a second act ("Strategy … and Law on
  …"), but some head words are also the name of an activity: "Programme on
  Employment Promotion and Regulation of Labour Migration"
  names one programme, whose title says what it regulates. The YAML lists those
  words (``activity_heads``); inside a title one of them is a title word unless what
  follows makes it an act of its own (a title starter, a number, a quote, a date,
  or "of" and an issuer or a country).
* Titles in ``title_mode: case`` languages (English) are runs of capitalised words,
  but a mention fully identified (a number and a date, or a treaty party) may go on
  with a lower-case title ("Government Resolution No. 58 of 3 March 2019 on the
  procedure for issuing …", "the agreement with the Republic of Armenia on the
  social security … (2004)"): after the words of ``free_title_after_id`` such a
  title runs over lower-case words up to a ``title_stops`` word or punctuation. A
  number alone is not enough: in "Decree No. 1/2019 on the status of refugees" the
  words after the number describe the decree as often as they name it.
"""

from __future__ import annotations

from functools import cache

from pipeline.citations.lexicon import QUOTE_PAIRS, Lexicon, load
from pipeline.citations.text import Tok
from pipeline.citations.types import RawMention

#: Tokens looked at after "of" for an issuer or a country ("Regulation of the Cabinet
#: of Ministers No. 5" is an act; "Regulation of Internal … Migration" is an activity).
ISSUER_LOOKAHEAD = 4


@cache
def _activity_heads(lang: str) -> frozenset[str]:
    lex = load(lang)
    return frozenset(lex.lemma(w) for w in lex.data.get("activity_heads") or [])


@cache
def _free_after_id(lang: str) -> frozenset[str]:
    return frozenset(load(lang).data.get("free_title_after_id") or [])


def head_is_title_word(lex: Lexicon, w: str, toks: list[Tok], i: int) -> bool:
    """Whether the head word ``toks[i]``, met inside a title, is a word of that title
    (an ``activity_heads`` word not followed by what makes it an act)."""
    if toks[i].lemma not in _activity_heads(lex.lang):
        return False
    n = len(toks)
    if i + 1 >= n:
        return True
    nxt = toks[i + 1]
    if nxt.lower in lex.title_starters or nxt.text[:1] in QUOTE_PAIRS \
            or lex.number_re.match(w, nxt.start) or lex.date_re.match(w, nxt.start):
        return False
    if nxt.lower in (lex.data.get("issuer_starters") or []) and i + 2 < n:
        after = toks[i + 2:i + 2 + ISSUER_LOOKAHEAD]
        if any(x.lemma in lex.issuer_lemmas for x in after) or lex.country_at(w, toks[i + 2].start):
            return False
    return True


def free_title(lex: Lexicon, word: str, rm: RawMention) -> bool:
    """Whether a title after ``word`` in mention ``rm`` may run over lower-case words:
    after a ``free_title_starters`` word (French «relative à»), or after a
    ``free_title_after_id`` word ("on") in a mention identified already (number and
    date, or treaty party)."""
    if word in lex.free_title_starters:
        return True
    return word in _free_after_id(lex.lang) and bool((rm.number and rm.date) or rm.party)
