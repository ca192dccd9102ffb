"""International instruments with one act id in every language.

``pipeline/data/citations/instruments.yaml`` lists the conventions, protocols,
covenants, compacts and regional agreements that MGI reports cite, each with a
stable id (``intl-treaty-refugees-1951``) and patterns in English, Spanish, French,
Portuguese and Russian. A citation whose surface or title matches one of them (or,
for ILO conventions, whose number is the convention's: "Convention (No. 181)",
«Convenio núm. 189») resolves to that id, whatever the language of the report, so
that acts of different reports can be joined. The matching is done on folded text
(lower case, accents removed), which is how the YAML patterns are written.

A mention that names a regional organisation (``regional_words``: CIS, EAEU,
ECOWAS …) only matches regional instruments: regional treaties borrow the names of
worldwide ones ("CIS Convention on the Legal Status of Migrant Workers and Members
of Their Families" is not the UN convention on migrant workers and their families).
Instruments no head word of a language names ("Sendai Framework") carry ``find``
patterns, which :mod:`pipeline.citations.named` searches for in text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from pipeline.citations.lexicon import DATA_DIR
from pipeline.citations.types import Citation
from pipeline.yamlio import load_yaml

#: The jurisdiction of every instrument.
INTERNATIONAL = "intl"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Instrument:
    """One international instrument of the list."""

    id: str
    act_type: str
    year: int | None
    number: str | None
    ilo: str | None
    types: frozenset[str]
    name: str
    patterns: re.Pattern
    #: A regional organisation's instrument (may match a mention naming a region).
    regional: bool = False
    #: ``(lang, pattern)``: where to find the instrument in text without a head word.
    finders: tuple[tuple[str, re.Pattern], ...] = ()


def fold(text: str) -> str:
    """Lower case, accents removed, spaces single (``Convención`` → ``convencion``)."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return _SPACES.sub(" ", t.replace("’", "'")).lower().strip()


@cache
def _data() -> dict:
    return load_yaml((DATA_DIR / "instruments.yaml").read_text(encoding="utf-8")) or {}


@cache
def regional_re() -> re.Pattern | None:
    """Words naming a regional organisation (``regional_words``), on folded text."""
    words = _data().get("regional_words") or []
    return re.compile(rf"\b(?:{'|'.join(fold(w) for w in words)})\b") if words else None


@cache
def instruments() -> tuple[tuple[Instrument, ...], re.Pattern | None]:
    """The instrument list, compiled once (and the exclusion pattern)."""
    data = _data()
    out = []
    for e in data.get("instruments") or []:
        pats = [fold(p) for ps in (e.get("patterns") or {}).values() for p in ps]
        pats += [re.escape(fold(s)) for s in e.get("short") or [] if len(s) > 4 or not s.isupper()]
        names = e.get("name") or {}
        out.append(Instrument(
            id=e["id"], act_type=e.get("type", "treaty"), year=e.get("year"),
            number=str(e["number"]) if e.get("number") is not None else
            (str(e["ilo"]) if e.get("ilo") is not None else None),
            ilo=str(e["ilo"]) if e.get("ilo") is not None else None,
            types=frozenset(e.get("types") or ["treaty"]),
            name=names.get("en") or next(iter(names.values()), e["id"]),
            patterns=re.compile("|".join(f"(?:{p})" for p in pats)),
            regional=bool(e.get("regional")),
            finders=tuple((lang, re.compile(fold(p).replace(" ", r"\s"))) for lang, ps in (e.get("find") or {}).items()
                          for p in ps),
        ))
    excl = data.get("exclude_regex")
    return tuple(out), (re.compile(fold(excl)) if excl else None)


@cache
def by_id() -> dict[str, Instrument]:
    """Instrument id → instrument, in the order of the list (display names, id checks)."""
    return {i.id: i for i in instruments()[0]}


def instrument_for(c: Citation) -> Instrument | None:
    """The instrument a citation names, if it is one of the list."""
    items, excl = instruments()
    if c.jurisdiction and c.jurisdiction != INTERNATIONAL and c.act_type != "treaty":
        return None
    text = fold(" ".join(x for x in (c.surface, c.title or "") if x))
    if not text or (excl is not None and excl.search(text)):
        return None
    region = regional_re()
    regional = region is not None and region.search(text) is not None
    for inst in items:
        if c.act_type in inst.types and (inst.regional or not regional) and inst.patterns.search(text):
            return inst
    if c.act_type == "treaty" and c.number and not regional:
        for inst in items:
            if inst.ilo is not None and inst.ilo == c.number.lstrip("0"):
                return inst
    return None
