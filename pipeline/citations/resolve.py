"""Stage 3 — resolve citations to canonical acts.

A :class:`Registry` holds the acts of one document (one jurisdiction): acts seeded
from the report's own legislation table, acts a user supplies (CSV or YAML), and
acts started by the fullest mentions of the text itself. :class:`Resolver` ties
every citation to one act:

* ``number`` — same type family and the same canonical number;
* ``number_year`` — same number, another executive type (a report that calls a
  government resolution a decree), no conflicting year;
* ``title`` — rapidfuzz similarity of the lemmatised title keys (inflected,
  abbreviated, translated or stray-character variants);
* ``type_year`` — only type and year are given and one act fits;
* ``single`` — the constitution of the jurisdiction;
* ``instrument`` — an international instrument of
  ``pipeline/data/citations/instruments.yaml``: one id in every language
  (:mod:`pipeline.citations.instruments`);
* ``new`` — nothing fits: the mention starts a new act (source ``text``);
* ``unresolved`` — nothing fits and the mention cannot name an act on its own.

Fuller mentions are resolved first, so that short ones (``Закон № N``,
``Концепции миграционной политики``) find the act their full form started.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from pipeline.citations.instruments import Instrument, instrument_for
from pipeline.citations.lexicon import load
from pipeline.citations.normalize import canonical_number
from pipeline.citations.title_keys import registry_title_key
from pipeline.citations.text import small_int
from pipeline.citations.types import Act, Citation
from pipeline.yamlio import load_yaml

#: Title similarity (0-100) at which two keys name the same act.
TITLE_THRESHOLD = 86
#: token_set_ratio rewards a key that is a subset of the other; this much is taken
#: off so that a subset alone ("план действие") does not reach the threshold.
SUBSET_PENALTY = 8
#: A subset match counts only when the shared words are this share of the longer key
#: («евразийский экономический союз» is inside many EAEU titles but is not them).
SUBSET_COVERAGE = 0.5
#: Score of a policy whose name is inside another's and whose period is the same
#: («Межведомственный план действий на 2019-2022 гг.» and the same with its full title).
SAME_PERIOD_SUBSET_SCORE = 90
#: Below this title similarity two numbered mentions with titles are different acts
#: that share a number (law № 74 of 2003 and law № 74 of 2014).
TITLE_CONFLICT = 50
#: Score of a number match whose years disagree (an amendment year, or a namesake).
YEAR_CONFLICT_SCORE = 70
#: Score of a cross-type executive number match (decree vs resolution).
CROSS_TYPE_SCORE = 88
TYPE_YEAR_SCORE = 80
#: Minimum score to accept any match.
ACCEPT = 85

#: Types that can name the same act (a report may call a law a constitutional law
#: or a resolution's annex a regulation).
FAMILY = {
    "law": {"law", "constitutional_law"},
    "constitutional_law": {"law", "constitutional_law"},
    "code": {"code"},
    "decree": {"decree"},
    "resolution": {"resolution", "regulation"},
    "regulation": {"regulation", "resolution"},
    "order": {"order"},
    "treaty": {"treaty"},
    "policy": {"policy"},
    "constitution": {"constitution"},
}
#: Types whose title is a formal name («О …»): a title inside another's is another act.
NAMED_BY_TITLE = {"law", "constitutional_law", "decree", "resolution", "order"}
#: Acts of the executive whose type reports mix up.
EXECUTIVE = {"decree", "resolution", "order", "regulation"}
#: Jurisdiction given to treaties.
INTERNATIONAL = "intl"


def fullness(c: Citation) -> int:
    """How much a mention says about its act (fuller mentions start acts)."""
    return (4 * bool(c.number) + 3 * bool(c.key) + 2 * bool(c.date) + bool(c.year)
            + bool(c.period) + (0 if c.weak else 2))


def _periods_conflict(a, b) -> bool:
    if not a or not b:
        return False
    return (a[0] is not None and b[0] is not None and a[0] != b[0]) or a[1] != b[1]


@dataclass
class Registry:
    """The canonical acts of one document."""

    jurisdiction: str | None = None
    acts: list[Act] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)

    def add(self, act: Act) -> Act:
        base = act.act_id
        i = 2
        while act.act_id in self._ids:
            act.act_id = f"{base}-{i}"
            i += 1
        self._ids.add(act.act_id)
        self.acts.append(act)
        return act

    def instrument_act(self, inst: Instrument, c: Citation | None = None) -> tuple[Act, bool]:
        """The act of an international instrument (added on its first mention) and
        whether it was added now."""
        for a in self.acts:
            if a.act_id == inst.id:
                return a, False
        act = self.add(Act(
            act_id=inst.id, act_type=inst.act_type, jurisdiction=INTERNATIONAL, number=inst.number,
            year=inst.year, title=inst.name, source="instrument list",
            kind=c.kind if c is not None else None, key=c.key if c is not None else "",
        ))
        return act, True

    def new_act(self, c: Citation, source: str) -> Act:
        inst = instrument_for(c)
        if inst is not None:
            return self.instrument_act(inst, c)[0]
        jur = INTERNATIONAL if c.act_type == "treaty" else (c.jurisdiction or self.jurisdiction)
        return self.add(Act(
            act_id=make_act_id(jur, c.act_type, c.number, c.year, c.key),
            act_type=c.act_type, jurisdiction=jur, number=c.number, date=c.date,
            year=c.year, title=c.title, issuer=c.issuer, source=source,
            period=c.period, kind=c.kind, key=c.key,
        ))

    def load_file(self, path: Path, lang: str) -> None:
        """Add acts from a user CSV or YAML file.

        Columns / keys: ``act_type, number, date, year, title`` and optionally
        ``act_id, jurisdiction, issuer``.
        """
        path = Path(path)
        if path.suffix.lower() in (".yaml", ".yml"):
            rows = load_yaml(path.read_text(encoding="utf-8")) or []
            if isinstance(rows, dict):
                rows = rows.get("acts", [])
        else:
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
        for r in rows:
            act_type = (r.get("act_type") or "").strip()
            if act_type not in FAMILY:
                continue
            number = canonical_number(str(r["number"])) if r.get("number") not in (None, "") else None
            year = small_int(str(r.get("year") or "").strip())
            date = str(r.get("date") or "") or None
            if year is None and date:
                year = small_int(date[:4])
            title = (r.get("title") or "").strip() or None
            jur = (r.get("jurisdiction") or "").strip() or self.jurisdiction
            key = registry_title_key(title, act_type, lang, FAMILY[act_type])  # "Law on Asylum" as a mention's
            self.add(Act(
                act_id=(r.get("act_id") or "").strip() or make_act_id(jur, act_type, number, year, key),
                act_type=act_type, jurisdiction=jur, number=number, date=date, year=year,
                title=title, issuer=(r.get("issuer") or None), source="user registry", key=key,
                kind=head_kind(title, lang) if act_type in ("policy", "treaty") else None,
            ))


def head_kind(title: str | None, lang: str) -> str | None:
    """The head word of a policy or treaty name («План действий …» → ``план``)."""
    lex = load(lang)
    for w in (title or "").split():
        lem = lex.lemma(w.lower().strip("«»“”\"'(),."))
        if lem in lex.heads:
            return lex.heads[lem].get("kind", lem)
    return None


def make_act_id(jur: str | None, act_type: str, number: str | None, year: int | None, key: str) -> str:
    """Readable, stable id: ``am-law-58-2019``; acts without a number get a key hash."""
    ident = (number or "").replace("/", "_").replace(" ", "") or hashlib.blake2s(
        key.encode("utf-8"), digest_size=3).hexdigest()
    return f"{jur or 'xx'}-{act_type}-{ident}-{year or 'x'}"


class Resolver:
    """Ties citations to registry acts; thresholds are constructor arguments."""

    def __init__(self, threshold: float = TITLE_THRESHOLD, accept: float = ACCEPT) -> None:
        self.threshold = threshold
        self.accept = accept

    def title_score(self, c: Citation, a: Act, jur: str | None) -> float:
        if not c.key or not a.key:
            return 0.0
        ck, ak = c.key, a.key
        if jur:
            ck = " ".join(w for w in ck.split() if w != jur)
            ak = " ".join(w for w in ak.split() if w != jur)
        if not ck or not ak:
            return 0.0
        sort = fuzz.token_sort_ratio(ck, ak)
        if c.weak or c.act_type in NAMED_BY_TITLE:
            # «О X» is not «О Y X»: a law's title
            # inside another's names another law
            return sort
        cs, as_ = set(ck.split()), set(ak.split())
        if c.period and c.period == a.period and (cs <= as_ or as_ <= cs):
            # same kind of document for the same years, one name inside the other
            return max(sort, SAME_PERIOD_SUBSET_SCORE)
        if len(cs & as_) < SUBSET_COVERAGE * max(len(cs), len(as_)):
            return sort
        return max(sort, fuzz.token_set_ratio(ck, ak) - SUBSET_PENALTY)

    def score(self, c: Citation, a: Act, jur: str | None) -> tuple[float, str]:
        if c.jurisdiction and a.jurisdiction and a.jurisdiction != INTERNATIONAL \
                and c.act_type != "treaty" and c.jurisdiction != a.jurisdiction:
            return 0.0, ""
        same_family = a.act_type in FAMILY.get(c.act_type, ())
        if c.act_type == a.act_type and c.act_type in ("policy", "treaty") and c.kind and a.kind and c.kind != a.kind:
            return 0.0, ""
        if c.number and a.number:
            if c.number.lower() != a.number.lower():
                return 0.0, ""
            if c.key and a.key and fuzz.token_set_ratio(c.key, a.key) < TITLE_CONFLICT:
                return 0.0, ""
            years_clash = c.year and a.year and c.year != a.year
            if same_family:
                if not years_clash:
                    return 100.0, "number"
                t = self.title_score(c, a, jur)
                return (95.0, "number") if t >= self.threshold else (YEAR_CONFLICT_SCORE, "number")
            if c.act_type in EXECUTIVE and a.act_type in EXECUTIVE and not years_clash:
                return CROSS_TYPE_SCORE, "number_year"
            return 0.0, ""
        if not same_family:
            return 0.0, ""
        if c.act_type == "constitution":
            if c.year and a.year and c.year != a.year and not (c.key and c.key == a.key):
                return 0.0, ""
            return 100.0, "single"
        if _periods_conflict(c.period, a.period):
            return 0.0, ""
        if c.key:
            t = self.title_score(c, a, jur)
            if t < 100 and c.act_type in NAMED_BY_TITLE and c.year and a.year and c.year != a.year:
                return 0.0, ""  # similar titles of different years: a namesake
            return (t, "title") if t >= self.threshold else (0.0, "")
        if c.year and a.year == c.year:
            return TYPE_YEAR_SCORE, "type_year"
        return 0.0, ""

    def best(self, c: Citation, reg: Registry, acts: list[Act] | None = None) -> tuple[Act | None, float, str]:
        """The act ``c`` fits best, its score and how it matched (``acts``: the
        registry's acts to look at, in registry order; default all)."""
        best, best_s, how = None, 0.0, ""
        tied = False
        for a in reg.acts if acts is None else acts:
            s, h = self.score(c, a, reg.jurisdiction)
            if s > best_s:
                best, best_s, how, tied = a, s, h, False
            elif s == best_s and s > 0 and h == "type_year":
                tied = True
        if tied:  # type + year fits several acts: not enough to choose
            return None, 0.0, ""
        return best, best_s, how

    def resolve(self, cits: list[Citation], reg: Registry) -> None:
        """Set ``act_id``, ``resolution`` and ``score`` on every citation (in place)."""
        order = sorted(range(len(cits)), key=lambda i: -fullness(cits[i]))
        index = _NumberIndex(reg.acts)
        for i in order:
            c = cits[i]
            inst = instrument_for(c)
            if inst is not None:
                act, added = reg.instrument_act(inst, c)
                if added:
                    index.add(act)
                c.act_id, c.resolution, c.score = act.act_id, "instrument", 1.0
                if not act.key:
                    act.key = c.key
                continue
            act, s, how = self.best(c, reg, index.candidates(c))
            if act is not None and s >= min(self.accept, TYPE_YEAR_SCORE if how == "type_year" else self.accept):
                c.act_id, c.resolution, c.score = act.act_id, how, round(s / 100, 3)
                c.act_type = act.act_type  # «Положение № 175» is resolution № 175
                had_number = act.number
                _enrich(act, c)
                if act.number and not had_number:
                    index.numbered(act)
            elif not c.weak and (c.number or c.key or c.act_type == "constitution"):
                act = reg.new_act(c, "text")
                index.add(act)
                c.act_id, c.resolution, c.score = act.act_id, "new", 1.0
            else:
                c.act_id, c.resolution, c.score = None, "unresolved", None
        counts: dict[str, int] = {}
        for c in cits:
            if c.act_id:
                counts[c.act_id] = counts.get(c.act_id, 0) + 1
        for a in reg.acts:
            a.mentions = counts.get(a.act_id, 0)


class _NumberIndex:
    """The registry's acts by number, for resolving numbered mentions.

    A mention with a number scores 0 against every act with another number
    (:meth:`Resolver.score`), so only the acts with its number or with none can
    fit it. Looking at those alone (in registry order, so ties go the same way)
    keeps a list of thousands of numbered acts ("Nos. 1, 2, 3, …") from costing
    the square of its length.
    """

    def __init__(self, acts: list[Act]) -> None:
        self._acts: list[Act] = []
        self._pos: dict[int, int] = {}
        self._by_number: dict[str, list[int]] = {}
        self._unnumbered: dict[int, None] = {}  # positions, in order
        for a in acts:
            self.add(a)

    def add(self, act: Act) -> None:
        pos = len(self._acts)
        self._acts.append(act)
        self._pos[id(act)] = pos
        if act.number:
            self._by_number.setdefault(act.number.lower(), []).append(pos)
        else:
            self._unnumbered[pos] = None

    def numbered(self, act: Act) -> None:
        """``act`` has been given a number since it was added."""
        pos = self._pos[id(act)]
        self._unnumbered.pop(pos, None)
        self._by_number.setdefault(act.number.lower(), []).append(pos)

    def candidates(self, c: Citation) -> list[Act] | None:
        """The acts that may fit ``c`` in registry order; None (all acts) without a number."""
        if not c.number:
            return None
        pos = sorted(self._by_number.get(c.number.lower(), []) + list(self._unnumbered))
        return [self._acts[p] for p in pos]


def _enrich(act: Act, c: Citation) -> None:
    """Fill what the act does not know yet from a mention resolved to it."""
    act.number = act.number or c.number
    act.date = act.date or c.date
    act.year = act.year or c.year
    if c.title and (not act.title or (act.source == "text" and len(c.title) > len(act.title)
                                      and c.act_type == act.act_type)):
        act.title = c.title
    act.issuer = act.issuer or c.issuer
    act.period = act.period or c.period
    if not act.key:
        act.key = c.key
