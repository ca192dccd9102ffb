"""One act registry for the whole corpus: the acts of every document linked into corpus acts.

Each document's citation stage builds its own registry (:mod:`pipeline.citations.resolve`):
its act ids are good inside one report but cannot join two reports — an act without
a number gets a title hash, and the title is in the report's language. This module
links the ``acts`` rows of every document in the output folder into ``corpus_acts``
and records each link in ``act_links`` (method, score, and whether it was ambiguous).

How two acts of different documents are judged to be one (:class:`Linker`):

* ``instrument`` — both are the same international instrument of
  ``pipeline/data/citations/instruments.yaml`` (one id in every language);
* ``number`` — same jurisdiction, same canonical number, compatible types (a report
  that translates a government «постановление» as "decree" names the same act) and
  no conflicting year;
* ``single`` — the constitution of a jurisdiction, years not in conflict;
* ``title`` — same language: rapidfuzz similarity of the lemmatised title keys;
* ``glossary`` — across languages: the titles' concept sets
  (:mod:`pipeline.corpus.glossary`), strict unless both give the same year.

A link is never forced: two documents' acts are kept apart when their numbers or
years conflict, when one document already has an act in the corpus act (its own
resolver said they differ), or when another corpus act scores within
:data:`AMBIGUITY_MARGIN` (then the link is flagged with its candidates, and the corpus
act is marked for review).

Corpus act ids are stable: a document act keeps the corpus id an earlier run gave it
(``act_links`` of the output folder), so adding a report changes no existing id; new
ids are made from content (jurisdiction, type, number, year; a hash of the concept
set or title key when there is no number), never from the order of documents.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterable

import pandas as pd
from rapidfuzz import fuzz

from pipeline.citations.instruments import by_id
from pipeline.corpus.doc_acts import Cluster, DocAct, Link, _SLUG, _value, doc_acts

log = logging.getLogger(__name__)

#: Same-language title similarity (token_sort_ratio of lemmatised keys) that links two acts.
TITLE_LINK = 90
#: Cross-language concept similarity (Jaccard × 100) that links two acts whose years agree.
GLOSSARY_LINK_SAME_YEAR = 75
#: ... and when one of them gives no year: only the same concepts will do.
GLOSSARY_LINK_NO_YEAR = 100
#: A title must be explained this well by the glossary (mapped words / content words)
#: before its concepts may link it: a title mostly of words the glossary does not know
#: would otherwise link on its few known words.
MIN_COVERAGE = 0.6
#: Score of a number match when one side gives no year, or the types differ within the
#: executive family (decree vs resolution).
NUMBER_NO_YEAR_SCORE = 92
CROSS_TYPE_SCORE = 88
#: Score of two constitutions of one jurisdiction whose years do not conflict.
SINGLE_SCORE = 90
#: A second corpus act scoring within this many points of the best makes a link ambiguous.
AMBIGUITY_MARGIN = 5
#: Unknown jurisdiction.
UNKNOWN = "xx"
#: A code's year may be its adoption or its entry into force (a criminal code adopted
#: in 2017, in force from 2019): code years this close do not conflict.
CODE_YEAR_SLACK = 2
#: Score of two bilateral treaties with the same other party and the same year.
PARTY_YEAR_SCORE = 90
#: Score of two titles in two languages that share a proper name («Солнечный», "Solnechny").
NAME_SCORE = 90
#: Similarity (rapidfuzz ratio) at which two transliterated names are one («Жолдош» → zholdosh ~ Joldosh).
NAME_SIMILARITY = 85
#: Evidence strength of each method: a rival of a weaker method does not make a link
#: ambiguous (a number and year that agree outweigh a title that also fits elsewhere).
STRENGTH = {"instrument": 3, "number": 2, "single": 1, "title": 1, "glossary": 1}


class Linker:
    """Links document acts into clusters; thresholds are constructor arguments."""

    def __init__(self, title_link: float = TITLE_LINK, glossary_same_year: float = GLOSSARY_LINK_SAME_YEAR,
                 glossary_no_year: float = GLOSSARY_LINK_NO_YEAR, margin: float = AMBIGUITY_MARGIN) -> None:
        self.title_link = title_link
        self.glossary_same_year = glossary_same_year
        self.glossary_no_year = glossary_no_year
        self.margin = margin
        self.clusters: list[Cluster] = []
        self._by_instrument: dict[str, Cluster] = {}
        self._by_number: dict[tuple, list[Cluster]] = {}
        self._by_group: dict[tuple, list[Cluster]] = {}
        self._exact: dict[tuple, Cluster] = {}

    # ------------------------------------------------------------------ scoring
    def score(self, a: DocAct, c: Cluster) -> tuple[float, str]:
        """How well ``a`` fits cluster ``c`` (0 when it must not join it).

        Only members of other documents are scored. A cluster may already hold an act
        of ``a``'s own document when another report bridges the two (a report that
        cites a programme and, apart, the resolution approving it; a treaty named in
        a ratification law's title and the same treaty in the text): that happens
        only when nothing about the two conflicts — numbers, years, periods, parties.
        """
        if a.doc_id in c.docs and not all(_compatible(a, m) for m in c.members if m.doc_id == a.doc_id):
            return 0.0, ""
        if a.year and c.years and a.year not in c.years:
            slack = CODE_YEAR_SLACK if a.group == "code" else 0
            if not slack or min(abs(a.year - y) for y in c.years) > slack:
                return 0.0, ""
        if a.number and c.numbers and a.number not in c.numbers:
            return 0.0, ""
        best, how = 0.0, ""
        for m in self._distinct(c):
            if m.doc_id == a.doc_id:
                continue
            s, h = self._pair(a, m)
            if s > best:
                best, how = s, h
        return best, how

    @staticmethod
    def _distinct(c: Cluster) -> Iterable[DocAct]:
        """One member per distinct (language, key, number, type): copies add nothing."""
        seen = set()
        for m in c.members:
            k = (m.lang, m.key, m.number, m.act_type, m.year)
            if k not in seen:
                seen.add(k)
                yield m

    def _pair(self, a: DocAct, m: DocAct) -> tuple[float, str]:
        if (a.group != m.group and not _policy_and_approval(a, m)) or _conflict(a, m):
            return 0.0, ""
        both_years = bool(a.year and m.year)
        if a.number and m.number:
            if a.act_type != m.act_type and a.group == "executive":
                return CROSS_TYPE_SCORE, "number"
            return (100.0 if both_years else NUMBER_NO_YEAR_SCORE), "number"
        if a.group == "constitution":
            return SINGLE_SCORE, "single"
        best, how = 0.0, ""
        if a.group == "treaty" and a.parties and a.parties == m.parties and both_years and a.year == m.year:
            best, how = PARTY_YEAR_SCORE, "title"
        if a.lang == m.lang and a.key and m.key:
            s = float(fuzz.token_sort_ratio(a.key, m.key))
            if s >= self.title_link:
                best, how = s, "title"
        if a.lang != m.lang and a.names and m.names and NAME_SCORE > best and _share_name(a.names, m.names):
            best, how = NAME_SCORE, "title"
        if a.concepts and m.concepts and min(a.coverage, m.coverage) >= MIN_COVERAGE:
            s = 100.0 * len(a.concepts & m.concepts) / len(a.concepts | m.concepts)
            need = self.glossary_same_year if both_years else self.glossary_no_year
            if s >= need and s > best:
                best, how = s, "glossary"
        return best, how

    # ------------------------------------------------------------------ linking
    def _candidates(self, a: DocAct) -> list[Cluster]:
        groups = [a.group]
        if a.group == "policy":
            groups.append("executive")
        elif a.names_policy:
            groups.append("policy")
        pool = [c for g in groups for c in self._by_group.get((a.jurisdiction, g), ())]
        if a.number:
            # an act with a number may also be cited without one elsewhere
            found = list(self._by_number.get((a.jurisdiction, a.number), ()))
            return found + [c for c in pool if not c.numbers]
        return pool

    def link(self, a: DocAct) -> Link:
        """Find ``a``'s corpus act (a new one when nothing fits or the fit is ambiguous)."""
        if a.instrument:
            c = self._by_instrument.get(a.instrument)
            if c is None or a.doc_id in c.docs:
                return Link(self._new(a), "own", 100.0)
            c.add(a)
            return Link(c, "instrument", 100.0)
        if a.jurisdiction is None:
            return Link(self._new(a), "own", 100.0)
        exact = self._exact.get(self._exact_key(a))
        if exact is not None and a.doc_id not in exact.docs and self.score(a, exact)[0] > 0:
            scored = [(self.score(a, exact), exact)]
        else:
            scored = [(self.score(a, c), c) for c in self._candidates(a)]
        scored = [(s, c) for s, c in scored if s[0] > 0]
        scored.sort(key=lambda t: (-STRENGTH.get(t[0][1], 0), -t[0][0]))
        if not scored:
            return Link(self._new(a), "own", 100.0)
        (best, how), c = scored[0]
        close = [c2 for (s2, h2), c2 in scored[1:]
                 if best - s2 < self.margin and STRENGTH.get(h2, 0) >= STRENGTH.get(how, 0) and c2 is not c]
        if close:
            own = self._new(a)
            own.review = True
            for c2 in [c, *close]:
                c2.review = True
            return Link(own, "own", best, ambiguous=True, candidates=[c, *close])
        c.add(a)
        self._index(a, c)
        return Link(c, how, best)

    def refine(self, links: list[tuple[DocAct, Link]]) -> list[tuple[DocAct, Link]]:
        """Link again every act left alone, now that every document's acts are known.

        An act is linked when its document comes; one that found nothing then may
        fit a corpus act another document started later, or one its own document's
        fuller act started (a regulation cited by title beside the numbered resolution
        approving it, which a later report cites with both). Acts already in a corpus
        act with others, flagged ones, and those a flagged link named as candidates
        (their ambiguity is not to be settled by the order of this pass) keep their link.
        """
        out = []
        for a, lk in links:
            c = lk.cluster
            if (len(c.members) == 1 and not c.review and not lk.ambiguous and not a.instrument
                    and a.jurisdiction is not None):
                self._drop(c)
                lk = self.link(a)
            out.append((a, lk))
        return out

    def _drop(self, c: Cluster) -> None:
        self.clusters.remove(c)
        for index in (self._by_group, self._by_number):
            for lst in index.values():
                if c in lst:
                    lst.remove(c)
        for k in [k for k, v in self._exact.items() if v is c]:
            del self._exact[k]

    @staticmethod
    def _exact_key(a: DocAct) -> tuple:
        return (a.jurisdiction, a.act_type, a.number, a.year, a.lang, a.key)

    def _new(self, a: DocAct) -> Cluster:
        c = Cluster()
        c.add(a)
        self.clusters.append(c)
        if a.instrument:
            self._by_instrument.setdefault(a.instrument, c)
            return c
        if a.jurisdiction is not None:
            self._by_group.setdefault((a.jurisdiction, a.group), []).append(c)
        self._index(a, c)
        return c

    def _index(self, a: DocAct, c: Cluster) -> None:
        if a.jurisdiction is None or a.instrument:
            return
        if a.number:
            lst = self._by_number.setdefault((a.jurisdiction, a.number), [])
            if c not in lst:
                lst.append(c)
        self._exact.setdefault(self._exact_key(a), c)


#: Spellings that transliterations of one name swap (Жолдош: Zholdosh, Joldosh, Dzholdosh).
_SPELLINGS = (("zh", "j"), ("dzh", "j"), ("kh", "h"), ("ts", "c"), ("y", "i"), ("ii", "i"))


def _spelling(name: str) -> str:
    for a, b in _SPELLINGS:
        name = name.replace(a, b)
    return name


def _share_name(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(fuzz.ratio(_spelling(x), _spelling(y)) >= NAME_SIMILARITY for x in a for y in b)


def _conflict(a: DocAct, m: DocAct) -> bool:
    """What keeps two acts apart whatever their titles say: other numbers, years (a code's
    adoption and entry into force excepted), policy periods (2017-2020 and 2022-2025 of
    one policy line are two acts) or treaty parties."""
    if a.number and m.number and a.number != m.number:
        return True
    slack = CODE_YEAR_SLACK if a.group == "code" else 0
    if a.year and m.year and abs(a.year - m.year) > slack:
        return True
    if a.period and m.period and not (a.period & m.period):
        return True
    return bool(a.parties and m.parties and a.parties != m.parties)


def _compatible(a: DocAct, m: DocAct) -> bool:
    """Two acts of one document that may still be one corpus act (nothing conflicts)."""
    if a.act_id == m.act_id:
        return False
    return (a.group == m.group or _policy_and_approval(a, m)) and not _conflict(a, m)


def _policy_and_approval(a: DocAct, m: DocAct) -> bool:
    """A policy and an executive act that names it: reports cite either for one document."""
    return {a.group, m.group} == {"policy", "executive"} and (a.names_policy or m.names_policy)


def _slug(text: str) -> str:
    return _SLUG.sub("_", text.lower()).strip("_") or "x"


def mint_id(c: Cluster) -> str:
    """A content-made id: instrument id, or ``jur-type-number-year`` / ``jur-type-hash-year``."""
    s = c.seed
    if s.instrument:
        return s.instrument
    jur = s.jurisdiction or UNKNOWN
    typ = Counter(m.act_type for m in c.members).most_common(1)[0][0]
    year = min(c.years) if c.years else "x"
    if c.numbers:
        return f"{jur}-{typ}-{_slug(sorted(c.numbers)[0])}-{year}"
    basis = " ".join(sorted(s.concepts)) if s.concepts and s.coverage >= MIN_COVERAGE else (s.key or s.act_id)
    h = hashlib.blake2s(f"{s.lang}|{basis}".encode(), digest_size=3).hexdigest()
    return f"{jur}-{typ}-{h}-{year}"


def _assign_ids(clusters: list[Cluster], previous: dict[tuple[str, str], str]) -> dict[int, str]:
    """Corpus id per cluster: the id an earlier run gave its members, else a minted one."""
    ids: dict[int, str] = {}
    taken: set[str] = set()
    # clusters that had ids first, largest first, so that they keep them
    order = sorted(range(len(clusters)), key=lambda i: -len(clusters[i].members))
    for i in order:
        prev = Counter(previous[(m.doc_id, m.act_id)] for m in clusters[i].members
                       if (m.doc_id, m.act_id) in previous)
        for pid, _ in sorted(prev.items(), key=lambda t: (-t[1], t[0])):
            if pid not in taken:
                ids[i] = pid
                taken.add(pid)
                break
    for i in range(len(clusters)):
        if i in ids:
            continue
        base = mint_id(clusters[i])
        cid, n = base, 2
        while cid in taken:
            cid, n = f"{base}-{n}", n + 1
        ids[i] = cid
        taken.add(cid)
    return ids


def _doc_order(tables: dict[str, pd.DataFrame]) -> dict[str, tuple]:
    """Documents oldest first (first assessments seed the corpus acts), then by id."""
    docs = tables.get("documents")
    order: dict[str, tuple] = {}
    if docs is not None and len(docs):
        for d in docs.to_dict("records"):
            y = _value(d.get("year"))
            order[d["doc_id"]] = (int(y) if y is not None else 9999, d["doc_id"])
    return order


def link_corpus(tables: dict[str, pd.DataFrame], previous: pd.DataFrame | None = None,
                linker: Linker | None = None) -> dict[str, pd.DataFrame]:
    """Link every document's acts into corpus acts.

    Args:
        tables: Per-document tables (``documents`` and ``acts`` are used).
        previous: The ``act_links`` of an earlier run: its corpus ids are kept.
        linker: A :class:`Linker` with other thresholds (tests, benchmarks).

    Returns:
        ``{"corpus_acts": frame, "act_links": frame}`` in the schema's columns.
    """
    from pipeline.output.records import to_frame

    acts = doc_acts(tables)
    order = _doc_order(tables)
    # fuller acts first inside a document: numbered, then dated, then titled
    acts.sort(key=lambda a: (order.get(a.doc_id, (9999, a.doc_id)), a.number is None, a.year is None, a.act_id))
    linker = linker or Linker()
    links = linker.refine([(a, linker.link(a)) for a in acts])
    prev = {}
    if previous is not None and len(previous):
        prev = {(r["doc_id"], r["act_id"]): r["corpus_act_id"] for r in previous.to_dict("records")}
    ids = _assign_ids(linker.clusters, prev)
    cid = {id(c): ids[i] for i, c in enumerate(linker.clusters)}
    link_rows = [{
        "doc_id": a.doc_id, "act_id": a.act_id, "corpus_act_id": cid[id(lk.cluster)], "method": lk.method,
        "score": round(float(lk.score), 1), "ambiguous": lk.ambiguous,
        "candidates": [cid[id(c)] for c in lk.candidates if id(c) in cid] or None,
    } for a, lk in links]
    langs = {}
    docs = tables.get("documents")
    if docs is not None and len(docs):
        langs = dict(zip(docs["doc_id"], docs["language"]))
    act_rows = [_corpus_row(c, cid[id(c)], langs) for c in linker.clusters]
    return {"corpus_acts": to_frame("corpus_acts", act_rows), "act_links": to_frame("act_links", link_rows)}


def _most(values: Iterable) -> object:
    vals = [v for v in values if v is not None]
    return Counter(vals).most_common(1)[0][0] if vals else None


def _corpus_row(c: Cluster, cid: str, langs: dict) -> dict:
    titles: dict[str, str] = {}
    for lang in sorted({m.lang for m in c.members if m.lang}):
        t = _most(m.title for m in c.members if m.lang == lang)
        if t:
            titles[lang] = t
    display = titles.get("en") or next(iter(titles.values()), None) or c.seed.title
    if c.seed.instrument:
        inst = by_id().get(c.seed.instrument)
        display = inst.name if inst else display
    if not display:  # cited by number only ("Resolution No. 58 of 2019"): say so
        number, typ = _most(m.number for m in c.members), _most(m.act_type for m in c.members)
        display = " ".join(filter(None, [str(typ).replace("_", " ").capitalize(),
                                         f"No. {number}" if number else None,
                                         f"({min(c.years)})" if c.years else None]))
    return {
        "corpus_act_id": cid, "jurisdiction": c.seed.jurisdiction,
        "act_type": _most(m.act_type for m in c.members), "number": _most(m.number for m in c.members),
        "date": _most(m.date for m in c.members), "year": min(c.years) if c.years else None,
        "title": display, "titles": titles or None, "documents": sorted(c.docs), "n_documents": len(c.docs),
        "mentions": sum(m.mentions for m in c.members), "review": c.review,
    }
