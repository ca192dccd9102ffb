"""Legal-act citations: find → normalise → resolve (eyecite-style).

* :mod:`pipeline.citations.find` — prefilter + spaCy Matcher + extender →
  :class:`~pipeline.citations.types.RawMention`;
* :mod:`pipeline.citations.normalize` — canonical type, number, date, year, title →
  :class:`~pipeline.citations.types.Citation`;
* :mod:`pipeline.citations.resolve` — a per-document :class:`Registry` (legislation
  table, user files, fullest mentions) and a :class:`Resolver` (rapidfuzz);
* :mod:`pipeline.citations.guard` — what keeps the finder safe and linear on hostile
  text (lone surrogates, overlong tokens, bounded windows).

Patterns and lexicons are data: ``pipeline/data/citations/<lang>.yaml``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from pipeline.citations.find import find_mentions
from pipeline.citations.language import choose
from pipeline.citations.lexicon import load
from pipeline.citations.normalize import normalize, normalize_all
from pipeline.citations.resolve import Registry, Resolver
from pipeline.citations.text import DAY_DIGITS, small_int
from pipeline.citations.types import Act, Citation, RawMention

__all__ = [
    "Act", "Citation", "RawMention", "Registry", "Resolver", "cite_text",
    "detect_jurisdiction", "extract_citations", "find_mentions", "registry_from_table",
]

log = logging.getLogger(__name__)

#: Paragraph kinds that carry no citations worth recording (running heads, page numbers).
SKIP_KINDS = ("furniture", "decoration", "contents_entry")
#: Longest error message kept in a problem line (a message may quote a whole paragraph).
MAX_PROBLEM_MESSAGE = 200
#: A table row whose first cell has no letter-digit mix and whose other cells hold no
#: digit is a header row.
_DIGIT = re.compile(r"\d")


def _lang(text: str, lang: str, problems: list[str] | None = None) -> str:
    """The lexicon language for ``text`` (``auto``: guessed, see
    :mod:`pipeline.citations.language`). A language without citation data is logged
    as a warning and added to ``problems``, never skipped silently."""
    chosen, warning = choose(text, lang)
    if warning:
        log.warning("%s", warning)
        if problems is not None:
            problems.append(warning)
    return chosen


def detect_jurisdiction(texts, lang: str) -> str | None:
    """The country the text names most often (country lists are YAML data)."""
    lex = load(lang)
    counts: Counter = Counter()
    for t in texts:
        if not t:
            continue
        for m in lex.country_any_re.finditer(t):
            c = lex.country_at(t, m.start())
            if c:
                counts[c[0]] += 1
    return counts.most_common(1)[0][0] if counts else None


def note_problem(problems: list[str] | None, what: str, err: Exception) -> None:
    """Log ``what`` the citation stage gave up and why; add the line to ``problems``."""
    lines = str(err).strip().splitlines()
    msg = f"{type(err).__name__}: {lines[0][:MAX_PROBLEM_MESSAGE]}" if lines else type(err).__name__
    line = f"{what} ({msg})"
    log.warning("%s", line)
    if problems is not None:
        problems.append(line)


def registry_from_table(rows: list[list[str]], lang: str, registry: Registry,
                        resolver: Resolver | None = None, problems: list[str] | None = None) -> None:
    """Seed ``registry`` with the acts of a legislation table.

    Each row is ``[title, "№", details]`` (the details cell holds date and number:
    ``от 30 июля 2002 года № 133 (Ведомости …)``). Acts named inside a title — the
    concept an ``Об утверждении Концепции …`` resolution approves, the treaty a
    ``О ратификации Соглашения …`` law ratifies — become acts of their own. A row
    that cannot be read is skipped and noted in ``problems`` (:func:`note_problem`).
    """
    lex = load(lang)
    resolver = resolver or Resolver()
    date_any = re.compile(
        rf"(\d{{1,2}})\s+({'|'.join(map(re.escape, lex.months))})\s+(\d{{4}})", re.IGNORECASE)
    for i, cells in enumerate(rows):
        try:
            _seed_row([c or "" for c in cells], lang, registry, resolver, date_any)
        except Exception as err:  # noqa: BLE001 - one bad row must not cost the table
            note_problem(problems, f"citations: legislation-table row {i + 1} skipped", err)


def _seed_row(cells: list[str], lang: str, registry: Registry, resolver: Resolver,
              date_any: re.Pattern) -> None:
    """The acts of one legislation-table row (see :func:`registry_from_table`)."""
    lex = load(lang)
    if not cells or not any(_DIGIT.search(c) for c in cells[1:] + [cells[0]]):
        return
    title_cell = cells[0]
    details = cells[-1] if len(cells) > 1 else ""
    text = f"{title_cell} {details}".strip()
    found = find_mentions(text, lang)
    main = next((m for m in found if m.start < len(title_cell)), None)
    if main is None:
        return
    c = normalize(main, lex)
    if not c.date:
        m = date_any.search(details)
        y, d = (small_int(m.group(3)), small_int(m.group(1), DAY_DIGITS)) if m else (None, None)
        if y is not None and d is not None:
            mo = lex.months[m.group(2).lower()]
            c.date, c.year = f"{y:04d}-{mo:02d}-{d:02d}", c.year or y
    if c.date:
        c.year = small_int(c.date[:4])
    if resolver.best(c, registry)[1] < 100:
        registry.new_act(c, "registry table")
    for inner in find_mentions(title_cell, lang, nested=True):
        if inner.start <= main.start:
            continue
        ic = normalize(inner, lex)
        if ic.weak or not (ic.key or ic.number):
            continue
        act, s, _ = resolver.best(ic, registry)
        if act is None or s < resolver.accept:
            registry.new_act(ic, "registry table (named in a title)")


def _to_row(c: Citation) -> dict:
    return {
        "surface": c.surface, "act_type": c.act_type, "number": c.number, "date": c.date,
        "year": c.year, "title": c.title, "issuer": c.issuer, "act_id": c.act_id,
        "resolution": c.resolution, "score": c.score,
    }


def cite_text(text: str, lang: str = "auto", resolver: Resolver | None = None,
              warnings: list[str] | None = None) -> list[dict]:
    """For ``mgi cite``: one dict per mention, offsets into ``text``.

    ``lang`` is a language with citation data (``ru``, ``en``, ``es``, ``fr``, ``pt``:
    ``pipeline/data/citations/<lang>.yaml``) or ``auto``. A language without data
    (asked for, or detected) is read with the English lexicon and a warning naming
    it is logged and appended to ``warnings`` (``mgi cite`` prints it on stderr).

    The registry is built from this text alone. Lone surrogates in ``text`` are read
    as U+FFFD, one for one (:func:`~pipeline.citations.guard.scrub`): offsets are
    offsets into ``text`` and each surface is ``text[start:end]`` with that
    replacement made.
    """
    lang = _lang(text, lang, warnings)
    cits = normalize_all(find_mentions(text, lang), lang)
    reg = Registry(jurisdiction=detect_jurisdiction([text], lang))
    (resolver or Resolver()).resolve(cits, reg)
    out = []
    for c in cits:
        if c.weak and c.act_id is None:
            continue
        out.append({"start": c.start, "end": c.end, **_to_row(c)})
    return out


def extract_citations(paragraphs, doc_id: str, lang: str,
                      registry_files: list[Path] | None = None,
                      resolver: Resolver | None = None,
                      problems: list[str] | None = None) -> tuple[list[dict], list[dict]]:
    """Citation rows and act rows of one document (columns of schema.CITATIONS / ACTS).

    Table rows (``kind="table_row"`` with ``cells``) seed the registry; every
    paragraph except furniture is searched, including table rows, footnotes and
    bibliography entries (rows carry the paragraph's kind). ``registry_files`` are
    user CSV/YAML lists of known acts; ``resolver`` replaces the default
    :class:`Resolver` (thresholds, or another matching strategy).

    Each paragraph is read on its own: one that makes the finder fail is skipped,
    logged and noted in ``problems`` (one line each, when a list is given), and the
    other paragraphs keep their citations. Offsets are into each paragraph's text,
    lone surrogates read as U+FFFD (see :func:`cite_text`).
    """
    texts = [p.text for p in paragraphs if p.kind not in SKIP_KINDS]
    lang = _lang(" ".join(texts[:200]), lang, problems)
    reg = Registry(jurisdiction=detect_jurisdiction(texts, lang))
    resolver = resolver or Resolver()
    rows = [p.cells for p in paragraphs if p.kind == "table_row" and p.cells]
    registry_from_table(rows, lang, reg, resolver, problems)
    for f in registry_files or []:
        reg.load_file(Path(f), lang)
    per_par: list[tuple[object, list[Citation]]] = []
    allc: list[Citation] = []
    for p in paragraphs:
        if p.kind in SKIP_KINDS or not p.text:
            continue
        try:
            cits = normalize_all(find_mentions(p.text, lang), lang)
        except Exception as err:  # noqa: BLE001 - one bad paragraph must not cost the document
            note_problem(problems, f"citations: paragraph {p.paragraph_id} skipped", err)
            continue
        if cits:
            per_par.append((p, cits))
            allc.extend(cits)
    try:
        resolver.resolve(allc, reg)
    except Exception as err:  # noqa: BLE001 - keep the citations, unresolved
        note_problem(problems, "citations: resolution to acts failed, citations kept unresolved", err)
    acts_by_id = {a.act_id: a for a in reg.acts}
    for p, cits in per_par:
        if p.kind == "table_row" and p.cells:
            # A row's number and date sit in another cell than its title: take them
            # from the act the row seeded.
            for c in cits:
                a = acts_by_id.get(c.act_id)
                if a is not None and a.source == "registry table" and c.start < len(p.cells[0]) + 1:
                    c.number, c.date, c.year = c.number or a.number, c.date or a.date, c.year or a.year
    out: list[dict] = []
    for p, cits in per_par:
        n = 0
        for c in cits:
            if c.weak and c.act_id is None:
                continue
            n += 1
            out.append({
                "doc_id": doc_id, "citation_id": f"{p.paragraph_id}:c{n}",
                "paragraph_id": p.paragraph_id, "paragraph_kind": p.kind, "page": p.page,
                "start": c.start, "end": c.end, **_to_row(c),
            })
    acts = [{
        "doc_id": doc_id, "act_id": a.act_id, "jurisdiction": a.jurisdiction,
        "act_type": a.act_type, "number": a.number, "date": a.date, "year": a.year,
        "title": a.title, "issuer": a.issuer, "source": a.source, "mentions": a.mentions,
    } for a in reg.acts]
    return out, acts
