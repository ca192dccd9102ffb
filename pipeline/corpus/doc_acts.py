"""One document's acts as the corpus linker sees them: jurisdiction, type group, number,
year, names (titles folded to glossary concepts), treaty parties; clusters and links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from pipeline.citations.instruments import INTERNATIONAL, by_id
from pipeline.citations.normalize import canonical_number, title_key

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

#: Type groups that may name one act in two reports.
TYPE_GROUP = {
    "law": "law", "constitutional_law": "law", "code": "code", "constitution": "constitution",
    "decree": "executive", "resolution": "executive", "regulation": "executive", "order": "executive",
    "treaty": "treaty", "policy": "policy",
}
_SLUG = re.compile(r"[^0-9a-zа-яё]+", re.IGNORECASE)


@dataclass(slots=True)
class DocAct:
    """One ``acts`` row with what linking needs."""

    doc_id: str
    act_id: str
    jurisdiction: str | None
    act_type: str
    number: str | None
    date: str | None
    year: int | None
    title: str | None
    lang: str | None
    mentions: int
    instrument: str | None = None
    key: str = ""
    concepts: frozenset[str] = frozenset()
    coverage: float = 0.0
    #: Years written in the title (a policy's period «на 2020-2030 годы», "until 2020").
    period: frozenset[int] = frozenset()
    #: Policy head the title names («О Концепции …», "on the Programme …"): an executive
    #: act that approves a policy may be cited as the policy itself.
    names_policy: bool = False
    #: Other countries a treaty's title names (its parties, without the report's country).
    parties: frozenset[str] = frozenset()
    #: Proper names of the title in Latin letters (:func:`pipeline.corpus.glossary.proper_names`).
    names: frozenset[str] = frozenset()

    @property
    def group(self) -> str:
        return TYPE_GROUP.get(self.act_type, self.act_type)


@dataclass(slots=True)
class Cluster:
    """A corpus act being built: its member acts and what they agree on."""

    members: list[DocAct] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    review: bool = False

    def add(self, a: DocAct) -> None:
        self.members.append(a)
        self.docs.add(a.doc_id)
        if a.number:
            self.numbers.add(a.number)
        if a.year:
            self.years.add(a.year)

    @property
    def seed(self) -> DocAct:
        return self.members[0]


@dataclass(slots=True)
class Link:
    cluster: Cluster
    method: str
    score: float
    ambiguous: bool = False
    candidates: list[Cluster] = field(default_factory=list)


def _jurisdiction(act_jur, doc_country) -> str | None:
    """Alpha-3 of the act's country (lower case), ``intl``, or None when unknown."""
    from pipeline.corpus.metadata import country_code

    if isinstance(act_jur, str) and act_jur:
        if act_jur == INTERNATIONAL:
            return INTERNATIONAL
        code = country_code(act_jur)
        if code:
            return code.lower()
    if isinstance(doc_country, str) and doc_country:
        return doc_country.lower()
    return None


def _number(raw) -> str | None:
    if not isinstance(raw, str) or not raw.strip():
        return None
    return (canonical_number(raw) or raw).strip().lower()


def _value(v):
    return None if v is None or (not isinstance(v, (list, dict, str)) and pd.isna(v)) else v


def doc_acts(tables: dict[str, pd.DataFrame]) -> list[DocAct]:
    """The acts of every document, with jurisdiction, language and matching keys."""
    from pipeline.corpus.glossary import concept_key, proper_names

    docs = tables.get("documents")
    acts = tables.get("acts")
    if acts is None or not len(acts):
        return []
    info = {}
    if docs is not None and len(docs):
        for d in docs.to_dict("records"):
            info[d["doc_id"]] = (_value(d.get("language")), _value(d.get("country")), _value(d.get("year")))
    inst_ids = by_id()
    keys: dict[tuple[str, str], tuple] = {}  # a title cited by many reports is keyed once
    out = []
    for r in acts.to_dict("records"):
        lang, country, _ = info.get(r["doc_id"], (None, None, None))
        title = _value(r.get("title"))
        a = DocAct(
            doc_id=r["doc_id"], act_id=r["act_id"],
            jurisdiction=_jurisdiction(_value(r.get("jurisdiction")), country),
            act_type=_value(r.get("act_type")) or "law", number=_number(_value(r.get("number"))),
            date=_value(r.get("date")), year=int(r["year"]) if _value(r.get("year")) is not None else None,
            title=title, lang=lang, mentions=int(_value(r.get("mentions")) or 0),
            instrument=r["act_id"] if r["act_id"] in inst_ids else None,
        )
        if title and lang:
            if (title, lang) not in keys:
                ck = concept_key(title, lang)
                keys[(title, lang)] = (title_key(title, lang), ck.concepts, ck.coverage,
                                       frozenset(int(y) for y in _YEAR.findall(title)), proper_names(title, lang))
            a.key, a.concepts, a.coverage, a.period, a.names = keys[(title, lang)]
            if a.group == "executive":
                a.names_policy = _names_policy(title, lang)
            if a.act_type == "treaty":
                a.parties = _parties(title, country)
        out.append(a)
    return out


def _names_policy(title: str, lang: str) -> bool:
    """Whether an executive act's title names a policy document (the heads are lexicon data)."""
    from pipeline.citations.resolve import head_kind

    kind = head_kind(title, lang)
    return bool(kind) and kind in _policy_kinds(lang)


@lru_cache(maxsize=None)
def _policy_kinds(lang: str) -> frozenset[str]:
    """Head kinds of the lexicon whose type is ``policy`` (plan, programme, strategy …)."""
    from pipeline.citations.lexicon import load

    return frozenset(h.get("kind", k) for k, h in load(lang).heads.items() if h.get("type") == "policy")


def _parties(title: str, own_country) -> frozenset[str]:
    from pipeline.corpus.metadata import find_countries

    own = own_country if isinstance(own_country, str) else None
    return frozenset(c for c in find_countries(title) if c != own)
