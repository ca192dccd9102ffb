"""Compare two assessments of one country: acts, findings and the summary of changes.

A follow-up MGI assessment is read against the first one: which acts both reports
cite in each domain and which only one of them does; which findings stayed, which
moved from "well-developed" to "potential for further development" (or back), which
are new and which were dropped; and which chapter paragraphs each paragraph of the
second report's "Summary of changes since the first assessment" speaks of.

Acts are compared through the corpus registry (``act_links`` → ``corpus_act_id``,
:mod:`pipeline.corpus.acts`), never through the per-document act ids: those are
only good inside one report. Findings are aligned within one domain by the corpus
acts two paragraphs share and, when both reports are in one language, by the
similarity of their words. Across languages word similarity means nothing, so
shared acts alone decide (a first round in English against a second in Russian).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from pipeline.corpus.findings import FINDING_KINDS, OUTSIDE, _findings, compare_findings, words
from pipeline.output.records import is_present

DOMAINS = (1, 2, 3, 4, 5, 6)
#: Assessment rounds in order; a document without one is placed by its year.
ROUND_ORDER = {"first": 1, "second": 2, "third": 3}
#: Summary of changes → chapter paragraph: word agreement that links them alone ...
CHANGE_LINK = 65.0
#: ... or together with a shared corpus act.
CHANGE_LINK_WITH_ACT = 45.0
#: Roles of the summary-of-changes chapter and its per-domain subsections (structure stage).
SUMMARY_ROLE = "summary"
ACT_COLUMNS = ["domain", "corpus_act_id", "title", "act_type", "number", "year", "status",
               "mentions_a", "mentions_b", "report_status"]
CHANGE_COLUMNS = ["doc_id", "paragraph_id", "domain", "linked_paragraph_id", "score", "shared_acts"]


class CompareError(ValueError):
    """A comparison that cannot be made (unknown document, nothing to link); one line."""


@dataclass
class Comparison:
    """Two reports compared: ``acts``, ``findings`` and ``changes`` frames."""

    doc_a: dict
    doc_b: dict
    acts: pd.DataFrame
    findings: pd.DataFrame
    changes: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    #: paragraph_id → {"text", "page"} of every paragraph the frames name (full texts for the page).
    paragraphs: dict[str, dict] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """Folder name of this comparison under ``compare/``."""
        return f"{self.doc_a['doc_id']}__{self.doc_b['doc_id']}"

    def act_counts(self) -> pd.DataFrame:
        """Acts per domain and status (rows: domain 0-6; columns both, only_a, only_b)."""
        cols = ["both", "only_a", "only_b"]
        if not len(self.acts):
            return pd.DataFrame(0, index=[*DOMAINS, OUTSIDE], columns=cols)
        t = self.acts.groupby(["domain", "status"]).size().unstack(fill_value=0)
        return t.reindex(index=[*DOMAINS, OUTSIDE], columns=cols, fill_value=0)

    def finding_counts(self) -> dict[str, int]:
        """Findings per status."""
        return {k: int(v) for k, v in self.findings["status"].value_counts().items()} if len(self.findings) else {}


def load_tables(out: Path) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The per-document and corpus tables of an output folder.

    ``act_links`` is computed with :func:`~pipeline.corpus.acts.link_corpus` when the
    folder has none or when it misses a document (records written before the corpus
    stage existed, or a run whose corpus stage failed): comparing needs it.

    Returns:
        ``(tables, notes)``; a note says when the links were made here.

    Raises:
        CompareError: No documents in ``out``, or the links could not be made.
    """
    from pipeline.output.records import read_table, read_tables
    from pipeline.output.schema import CORPUS_TABLES

    out = Path(out)
    tables = read_tables(out)
    if not len(tables["documents"]):
        raise CompareError(f"no extracted records in {out}: run `mgi run` first")
    for name in CORPUS_TABLES:
        try:
            tables[name] = read_table(out, name)
        except Exception:  # noqa: BLE001 - a damaged corpus table is rebuilt below
            tables[name] = pd.DataFrame()
    return ensure_links(tables)


def ensure_links(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """``tables`` with ``act_links``/``corpus_acts`` covering every document that has acts."""
    links = tables.get("act_links")
    acts = tables.get("acts")
    need = set(acts["doc_id"]) if acts is not None and len(acts) else set()
    have = set(links["doc_id"]) if links is not None and len(links) else set()
    corpus = tables.get("corpus_acts")
    if need <= have and corpus is not None and (len(corpus) or not need):
        return tables, []
    from pipeline.corpus.acts import link_corpus

    try:
        made = link_corpus(tables, previous=links if links is not None and len(links) else None)
    except Exception as err:  # noqa: BLE001 - one line for the user
        raise CompareError(f"no act_links for every document and linking failed "
                           f"({type(err).__name__}: {str(err)[:120]}): run `mgi run`") from None
    return {**tables, **made}, ["act_links computed now (the folder had none for some documents)"]


def _doc(tables: dict[str, pd.DataFrame], doc_id: str) -> dict:
    docs = tables["documents"]
    rows = docs[docs["doc_id"] == doc_id].to_dict("records")
    if not rows:
        raise CompareError(f"unknown document {doc_id!r}")
    return {k: (v if is_present(v) else None) for k, v in rows[0].items()}


def _chapter_domains(sections: pd.DataFrame, doc_id: str) -> dict[str, int]:
    """Section id → domain of the domain chapter it lies in (absent when outside every chapter)."""
    rows = sections[sections["doc_id"] == doc_id].to_dict("records") if len(sections) else []
    by_id = {r["section_id"]: r for r in rows}
    out: dict[str, int] = {}
    for sid in by_id:
        node, seen = by_id.get(sid), set()
        while node is not None and node["section_id"] not in seen:
            seen.add(node["section_id"])
            if node.get("role") == "domain_chapter" and is_present(node.get("domain")):
                out[sid] = int(node["domain"])
                break
            parent = node.get("parent_id")
            node = by_id.get(parent) if is_present(parent) else None
    return out


def _summary_sections(sections: pd.DataFrame, doc_id: str) -> dict[str, int | None]:
    """Section id → domain (None when not grouped) of the summary-of-changes chapter's sections."""
    rows = sections[sections["doc_id"] == doc_id].to_dict("records") if len(sections) else []
    by_id = {r["section_id"]: r for r in rows}
    out: dict[str, int | None] = {}
    for sid, r in by_id.items():
        node, dom, seen = r, None, set()
        while node is not None and node["section_id"] not in seen:
            seen.add(node["section_id"])
            if dom is None and is_present(node.get("domain")):
                dom = int(node["domain"])
            if node.get("role") == SUMMARY_ROLE:
                out[sid] = dom
                break
            parent = node.get("parent_id")
            node = by_id.get(parent) if is_present(parent) else None
    return out


def _paragraphs(tables: dict[str, pd.DataFrame], doc_id: str) -> pd.DataFrame:
    """The document's paragraphs with ``chapter_domain`` (0 outside the domain chapters)."""
    p = tables["paragraphs"]
    p = p[p["doc_id"] == doc_id].copy()
    chapters = _chapter_domains(tables["sections"], doc_id)
    dom = []
    for sid, d, a in zip(p["section_id"], p["domain"], p["assessment"]):
        if is_present(sid) and sid in chapters:
            dom.append(chapters[sid])
        elif is_present(a) and is_present(d):  # a strength/gap part whose chapter heading was missed
            dom.append(int(d))
        else:
            dom.append(OUTSIDE)
    p["chapter_domain"] = dom
    return p.sort_values("seq", kind="stable")


def _cited(tables: dict[str, pd.DataFrame], doc_id: str) -> pd.DataFrame:
    """Citations of one document with their corpus act (rows without one are left out)."""
    c = tables["citations"]
    c = c[(c["doc_id"] == doc_id) & c["act_id"].notna()][["paragraph_id", "act_id"]]
    links = tables.get("act_links")
    if links is None or not len(links):
        return c.assign(corpus_act_id=pd.Series(dtype="string")).iloc[0:0]
    lk = links[links["doc_id"] == doc_id][["act_id", "corpus_act_id"]]
    return c.merge(lk, on="act_id", how="inner")


def compare_acts(tables: dict[str, pd.DataFrame], doc_a: str, doc_b: str,
                 pars: dict[str, pd.DataFrame], cited: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Corpus acts per domain: cited in both reports, only in A, only in B, with mention counts.

    An act a report names without citing it in its text (only inside the title of
    another act in its legislation list, e.g. a convention named by the law that
    ratifies it) counts under domain 0 with no mentions: the report does name it.
    ``report_status`` says the same over the whole reports, so that an act cited in
    one domain by one report and elsewhere by the other is not taken for a new one.
    """
    counts: dict[tuple[int, str], list[int]] = {}
    present: list[set[str]] = [set(), set()]
    links = tables.get("act_links")
    for i, d in enumerate((doc_a, doc_b)):
        dom = dict(zip(pars[d]["paragraph_id"], pars[d]["chapter_domain"]))
        for pid, cid in zip(cited[d]["paragraph_id"], cited[d]["corpus_act_id"]):
            key = (int(dom.get(pid, OUTSIDE)), cid)
            counts.setdefault(key, [0, 0])[i] += 1
            present[i].add(cid)
        registry = set(links.loc[links["doc_id"] == d, "corpus_act_id"]) if links is not None and len(links) else set()
        for cid in registry - present[i]:
            counts.setdefault((OUTSIDE, cid), [0, 0])
        present[i] |= registry
    corpus = tables.get("corpus_acts")
    info = {r["corpus_act_id"]: r for r in corpus.to_dict("records")} if corpus is not None and len(corpus) else {}
    rows = []
    for (domain, cid), (ma, mb) in counts.items():
        r = info.get(cid, {})
        in_a, in_b = bool(ma) or (domain == OUTSIDE and cid in present[0] and not _cited_anywhere(cid, counts, 0)), \
            bool(mb) or (domain == OUTSIDE and cid in present[1] and not _cited_anywhere(cid, counts, 1))
        rows.append({
            "domain": domain, "corpus_act_id": cid, "title": r.get("title") if is_present(r.get("title")) else cid,
            "act_type": r.get("act_type"), "number": r.get("number"), "year": r.get("year"),
            "status": _presence(in_a, in_b), "mentions_a": ma, "mentions_b": mb,
            "report_status": _presence(cid in present[0], cid in present[1]),
        })
    df = pd.DataFrame(rows, columns=ACT_COLUMNS)
    if len(df):
        df["_d"] = df["domain"].replace(OUTSIDE, 99)
        df["_s"] = df["status"].map({"both": 0, "only_a": 1, "only_b": 2})
        df["_m"] = -(df["mentions_a"] + df["mentions_b"])
        df = df.sort_values(["_d", "_s", "_m", "corpus_act_id"]).drop(columns=["_d", "_s", "_m"])
    return df.reset_index(drop=True).astype({"domain": int, "mentions_a": int, "mentions_b": int, "year": "Int64"})


def _cited_anywhere(cid: str, counts: dict[tuple[int, str], list[int]], i: int) -> bool:
    return any(c == cid and m[i] for (_, c), m in counts.items())


def _presence(in_a: bool, in_b: bool) -> str:
    return "both" if in_a and in_b else ("only_a" if in_a else "only_b")


def link_changes(tables: dict[str, pd.DataFrame], doc_id: str, p: pd.DataFrame,
                 cited: pd.DataFrame) -> pd.DataFrame:
    """Each paragraph of the summary of changes → the chapter paragraphs it summarises.

    Candidates are the report's own domain-chapter paragraphs (any kind that states
    something: paragraphs, list items, footnotes), of the summary paragraph's domain
    when its subsection names one. A summary paragraph without a link is kept with an
    empty ``linked_paragraph_id`` so that a reader sees what was not found.
    """
    summary = _summary_sections(tables["sections"], doc_id)
    if not summary:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    acts: dict[str, set[str]] = {}
    for pid, cid in zip(cited["paragraph_id"], cited["corpus_act_id"]):
        acts.setdefault(pid, set()).add(cid)
    kinds = (*FINDING_KINDS, "footnote")
    summ = p[p["section_id"].isin(summary.keys()) & p["kind"].isin(kinds)]
    chap = p[(p["chapter_domain"] != OUTSIDE) & p["kind"].isin(kinds)]
    chap_rows = [(r.paragraph_id, int(r.chapter_domain), words(r.text), frozenset(acts.get(r.paragraph_id, ())))
                 for r in chap.itertuples(index=False)]
    rows = []
    for r in summ.itertuples(index=False):
        dom = summary.get(r.section_id)
        if dom is None and is_present(r.domain):
            dom = int(r.domain)
        w, own = words(r.text), frozenset(acts.get(r.paragraph_id, ()))
        found = []
        for pid, cdom, cw, cacts in chap_rows:
            if dom is not None and cdom != dom:
                continue
            text = float(fuzz.token_set_ratio(w, cw)) if w and cw else 0.0
            shared = own & cacts
            if text >= CHANGE_LINK or (shared and text >= CHANGE_LINK_WITH_ACT):
                found.append((pid, round(text, 1), sorted(shared)))
        found.sort(key=lambda t: -t[1])
        for pid, s, shared in found or [(None, None, [])]:
            rows.append({"doc_id": doc_id, "paragraph_id": r.paragraph_id, "domain": dom, "linked_paragraph_id": pid,
                         "score": s, "shared_acts": json.dumps(shared, ensure_ascii=False)})
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS).astype({"domain": "Int64", "score": "Float64"})


def compare(tables: dict[str, pd.DataFrame], doc_a: str, doc_b: str) -> Comparison:
    """Compare report ``doc_a`` (the earlier) with ``doc_b`` (the later).

    Args:
        tables: Per-document tables and the corpus tables (``act_links``,
            ``corpus_acts``) of one output folder; links are made here when missing.
        doc_a: doc_id of the first report.
        doc_b: doc_id of the second report.

    Returns:
        The :class:`Comparison`; ``changes`` holds the summary-of-changes links of
        both reports (in practice only a follow-up assessment has that chapter).

    Raises:
        CompareError: An unknown document, or the same document twice.
    """
    if doc_a == doc_b:
        raise CompareError("a report cannot be compared with itself")
    tables, notes = ensure_links(tables)
    da, db = _doc(tables, doc_a), _doc(tables, doc_b)
    pars = {d: _paragraphs(tables, d) for d in (doc_a, doc_b)}
    cited = {d: _cited(tables, d) for d in (doc_a, doc_b)}
    acts = compare_acts(tables, doc_a, doc_b, pars, cited)
    same = bool(da.get("language")) and da.get("language") == db.get("language")
    findings = compare_findings(_findings(pars[doc_a], cited[doc_a]), _findings(pars[doc_b], cited[doc_b]), same)
    if not same:
        notes.append(f"reports in {da.get('language') or '?'} and {db.get('language') or '?'}: "
                     "findings aligned by shared acts only")
    changes = pd.concat([link_changes(tables, d, pars[d], cited[d]) for d in (doc_a, doc_b)], ignore_index=True)
    named = set(findings["paragraph_a"].dropna()) | set(findings["paragraph_b"].dropna())
    named |= set(changes["paragraph_id"].dropna()) | set(changes["linked_paragraph_id"].dropna())
    texts = {r.paragraph_id: {"text": r.text, "page": r.page}
             for d in (doc_a, doc_b) for r in pars[d].itertuples(index=False) if r.paragraph_id in named}
    return Comparison(da, db, acts, findings, changes.reindex(columns=CHANGE_COLUMNS), notes, texts)


def _stage(doc: dict) -> tuple:
    r = ROUND_ORDER.get(doc.get("round") or "")
    y = doc.get("year")
    return (r if r is not None else 0, int(y) if is_present(y) else 0)


def pairs(tables: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """Default comparisons: each country's reports, one stage against the next.

    A stage is the round (first, second…) when every report of the country gives
    one, else the year. Reports of one stage (two language editions of one
    assessment) are each paired with every report of the next stage; failed
    documents and documents without a country are left out.
    """
    docs = tables["documents"]
    if not len(docs):
        return []
    ok = docs[docs["country"].notna() & (docs["status"] != "failed")]
    out: list[tuple[str, str]] = []
    for _, g in ok.groupby("country", sort=True):
        rows = [{k: (v if is_present(v) else None) for k, v in r.items()} for r in g.to_dict("records")]
        by_round = all(r.get("round") in ROUND_ORDER for r in rows)

        def key(r: dict) -> tuple:
            rd, y = _stage(r)
            return (rd, y) if by_round else (y,)

        stages: dict[tuple, list[str]] = {}
        for r in sorted(rows, key=lambda r: (key(r), r["doc_id"])):
            if not by_round and not is_present(r.get("year")):
                continue
            stages.setdefault(key(r), []).append(r["doc_id"])
        ordered = [stages[k] for k in sorted(stages)]
        if by_round:  # one round may span years (two editions): merge stages of one round
            merged: dict[int, list[str]] = {}
            for k in sorted(stages):
                merged.setdefault(k[0], []).extend(stages[k])
            ordered = [merged[k] for k in sorted(merged)]
        for earlier, later in zip(ordered, ordered[1:]):
            out += [(a, b) for a in earlier for b in later]
    return out


def write_comparison(out_dir: Path, cmp: Comparison) -> Path:
    """Write ``compare/<a>__<b>/`` under ``out_dir``: the three tables (Parquet, CSV) and ``compare.html``.

    Returns:
        The path of ``compare.html``.
    """
    from pipeline.corpus.compare_page import render_comparison
    from pipeline.output.records import atomic_path

    folder = Path(out_dir) / "compare" / cmp.name
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in (("acts", cmp.acts), ("findings", cmp.findings), ("changes", cmp.changes)):
        with atomic_path(folder / f"{name}.parquet") as tmp:
            df.to_parquet(tmp, index=False)
        with atomic_path(folder / f"{name}.csv") as tmp:
            df.to_csv(tmp, index=False, encoding="utf-8")
    return render_comparison(cmp, folder / "compare.html", Path(out_dir))
