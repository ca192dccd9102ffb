"""Typed objects passed between the three citation stages.

``find`` yields :class:`RawMention` (where a mention is and the raw text of each
part), ``normalize`` turns it into a :class:`Citation` (canonical type, number,
ISO date, year, clean title), and ``resolve`` ties citations to :class:`Act` records
of a :class:`~pipeline.citations.resolve.Registry`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(slots=True)
class RawMention:
    """A span of text that cites an act, with the raw text of each component.

    Attributes:
        start, end: Character offsets into the text given to :func:`find_mentions`.
        surface: ``text[start:end]``.
        head: Lemma of the head word (``закон``, ``decree``).
        head_type: Act type the head (and its qualifiers) implies.
        qualifiers: Lemmas of the adjectives before the head (``уголовный``).
        capitalised: Whether the head (or its first qualifier) is capitalised.
        issuer: Raw issuer words after the head (``Правительства``).
        country: Country code named right after the head, if any.
        number: Raw number without its marker (``477-IV``, ``06``).
        date: ``(year, month, day)`` of an ``от …`` date.
        title: Raw title without the quotes.
        quoted: Whether the title was in quotes.
        years: Years from parenthesised notes (``(2006 г.)``, ``(принят в 1993 г., …)``).
        period: ``(from, until)`` years of a policy period (``на 2021-2030 гг.``).
        party: Raw party clause of a treaty (``с Великобританией``).
        names_act: A policy title that names another act (``План … по реализации
            Концепции …``), which makes it specific enough.
        head_text: The head phrase as written (``Уголовным кодексом``, ``ILO Convention``).
        weak: Identified only by a short title: kept when the registry knows it.
        plural: The head is plural («законы «…», «…» и «…»»: one act per title).
    """

    start: int
    end: int
    surface: str
    head: str
    head_type: str
    qualifiers: list[str] = field(default_factory=list)
    capitalised: bool = True
    issuer: str | None = None
    country: str | None = None
    number: str | None = None
    date: tuple[int, int, int] | None = None
    title: str | None = None
    quoted: bool = False
    years: list[int] = field(default_factory=list)
    period: tuple[int | None, int | None] | None = None
    party: str | None = None
    names_act: bool = False
    head_text: str = ""
    weak: bool = False
    plural: bool = False


@dataclass(slots=True)
class Citation:
    """A normalised mention.

    ``key`` is the title reduced for fuzzy matching (lemmas, no stop, issuer or
    country words); ``kind`` is the head lemma for policy documents, because a plan
    and the concept it implements share most of their words but are two acts.
    """

    start: int
    end: int
    surface: str
    act_type: str
    number: str | None = None
    date: str | None = None
    year: int | None = None
    title: str | None = None
    issuer: str | None = None
    jurisdiction: str | None = None
    period: tuple[int | None, int | None] | None = None
    kind: str | None = None
    key: str = ""
    weak: bool = False
    act_id: str | None = None
    resolution: str = "unresolved"
    score: float | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in ("period", "kind", "key", "weak", "jurisdiction"):
            d.pop(k)
        return d


@dataclass(slots=True)
class Act:
    """A canonical act of a registry."""

    act_id: str
    act_type: str
    jurisdiction: str | None = None
    number: str | None = None
    date: str | None = None
    year: int | None = None
    title: str | None = None
    issuer: str | None = None
    source: str = "text"
    period: tuple[int | None, int | None] | None = None
    kind: str | None = None
    key: str = ""
    mentions: int = 0
