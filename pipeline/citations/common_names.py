"""Acts named by a common noun phrase: "the asylum law", "Moldova's asylum law".

English reports name a country's main acts in lower case as often as by their
title: "the asylum law grants …", "the country's migration law", "the 2014
asylum law", "the refugee law of 2002", "the labour code". The finder's heads
(:mod:`pipeline.citations.find`) ask a lower-case head for a number, a date or a
quoted title, because lower-case "law" is mostly the word ("the rule of law", "a
new migration law is being drafted", "laws on migration"). What makes these
phrases name one act is their shape, which this module reads (``common_names`` of
the language's YAML):

* a definite determiner or a possessor right before ("the", "its", "the
  country's", "Moldova's"): "a new migration law" is a bill, "migration law" a
  field of law;
* only listed modifiers between it and the subject ("the current asylum law";
  "the new", "the draft", "the international" stay out: a bill, or a body of law);
* one to three subject words of a closed list ("asylum", "labour migration"):
  "the same law", "the above law" name nothing by themselves;
* a singular head, not followed by a word that makes the phrase a modifier ("the
  asylum law reform", "law enforcement").

A law's title is its subject ("asylum"), so that the title key is the key of "Law
on Asylum" and "Asylum Law" (``title_tail_regex`` drops the head from the latter)
and the mention resolves to the registry's act; a code keeps its head phrase as its
name ("labour code"), like "Labour Code". A possessor that is a known country gives
the jurisdiction; the possessor is not part of the surface (it says whose act, like
the determiner, and is no part of its name).

Where the finder has found the bare head already ("law of 2002", "law No. 270"),
the phrase extends that mention to the left; elsewhere it is a mention of its own
where it overlaps none of the finder's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.citations.lexicon import Lexicon, load
from pipeline.citations.text import small_int
from pipeline.citations.types import RawMention

#: Most subject words one phrase may have ("the labour migration law").
MAX_SUBJECT_WORDS = 3
#: Most modifiers between the determiner and the subject ("the current national …").
MAX_MODIFIERS = 2


@dataclass(frozen=True)
class _Spec:
    """The compiled ``common_names`` of one language."""

    pattern: re.Pattern
    heads: dict[str, str]
    possessor_not: frozenset[str]


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@cache
def _spec(lang: str) -> _Spec | None:
    """The pattern of a language's common names, or None when its YAML has none."""
    data = load(lang).data.get("common_names")
    if not data:
        return None
    heads = {h.lower(): t for h, t in data["heads"].items()}
    det = _alt(data["determiners"])
    owners = _alt(data.get("possessor_nouns") or [])
    apos = "['’]s"
    # a possessor is a name of one or two words, never one that starts with the determiner
    # ("The EU's" is the EU's, checked against ``possessor_not``)
    name = rf"(?!(?i:{det})\b)[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?"
    pre = rf"(?:(?i:{det})\s+(?:(?i:{owners}){apos}\s+)?|(?P<poss>{name}){apos}\s+)"
    mods = _alt(data.get("modifiers") or [])
    subj = _alt(data["subjects"])
    year = r"(?P<y>(?:19|20)\d\d)\s+"
    subject = rf"(?P<t>(?:{subj})(?:\s+(?:and\s+)?(?:{subj})){{0,{MAX_SUBJECT_WORDS - 1}}})"
    after = data.get("not_after")
    tail = (r"(?!\s+(?:" + "|".join(after) + r")\b)") if after else ""
    rx = (rf"(?<![\w'’-]){pre}(?:(?:{mods})\s+){{0,{MAX_MODIFIERS}}}(?:{year})?"
          rf"(?i:{subject}\s+(?P<h>{_alt(heads)}))(?![\w'’-]){tail}"
          rf"(?:\s*\((?P<py>(?:19|20)\d\d)\)|\s+of\s+(?P<oy>(?:19|20)\d\d)\b)?")
    return _Spec(re.compile(rx), heads, frozenset(data.get("possessor_not") or []))


def common_name_mentions(text: str, lex: Lexicon, found: list[RawMention]) -> list[RawMention]:
    """``found`` (the finder's mentions of ``text``, in text order) with the common names
    of ``text`` added or merged in (see the module docstring), in text order."""
    spec = _spec(lex.lang)
    if spec is None:
        return found
    extra: list[RawMention] = []
    for m in spec.pattern.finditer(text):
        poss = m.group("poss")
        if poss and poss in spec.possessor_not:
            continue
        head_type = spec.heads[m.group("h").lower()]
        start = m.start("y") if m.group("y") else m.start("t")
        overlapping = [f for f in found if f.start < m.end() and f.end > start]
        if overlapping:
            # "the refugee law of 2002": the finder has "law of 2002" already
            f = overlapping[0]
            if len(overlapping) == 1 and f.start == m.start("h") and not f.title and f.head_type == head_type:
                _fill(f, m, start, head_type, lex)
            continue
        y = next((g for g in ("py", "oy") if m.group(g)), None)
        end = m.end() if y else m.end("h")
        rm = RawMention(start=start, end=end, surface="", head=m.group("h").lower(), head_type=head_type,
                        capitalised=False, head_text=m.group("h"))
        _fill(rm, m, start, head_type, lex)
        if y and (v := small_int(m.group(y))) is not None:
            rm.years.append(v)
        extra.append(rm)
    if not extra:
        return found
    return sorted(found + extra, key=lambda r: r.start)


def _fill(rm: RawMention, m: re.Match, start: int, head_type: str, lex: Lexicon) -> None:
    """Give ``rm`` the phrase's start, title, year and country."""
    rm.start = start
    if head_type != "code":  # a code's head phrase is its name («labour code»)
        rm.title = m.group("t")
    if m.group("y") and (v := small_int(m.group("y"))) is not None and v not in rm.years:
        rm.years.insert(0, v)
    poss = m.group("poss")
    if poss and rm.country is None and (c := lex.country_at(poss, 0)) and c[1] == len(poss):
        rm.country = c[0]
