"""Evidence tables: which acts back each domain's strengths and gaps.

The user's end product: for every document × MGI domain × assessment (strength,
gap, or none when the paragraph has a domain but no assessment, e.g. the
summary of changes or an annex labelled by content) × act, how often the act is
cited there, on which pages, in which paragraphs, with a snippet of the first
mention. Acts cited outside every domain (introduction, legislation list,
bibliography) are kept under domain 0 so that nothing cited disappears.

Everything here is derived from the five extracted tables, so ``mgi evidence``
can rebuild it (and the review pages) without touching a PDF.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline import schema
from pipeline.records import is_present as _present

log = logging.getLogger(__name__)


#: Characters of context kept on each side of the first mention in ``snippet``.
SNIPPET_CONTEXT = 80
#: Longest snippet (characters), so that spreadsheet cells stay readable.
SNIPPET_MAX = 280
#: Domain number used for acts cited outside every domain.
NO_DOMAIN = 0
ASSESSMENT_ORDER = {"strength": 0, "gap": 1, "none": 2}
INPUT_TABLES = ("documents", "sections", "paragraphs", "citations", "acts")
#: Excel forbids these in sheet names, and caps names at 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
XLSX_NAME = "evidence.xlsx"
REPORT_NAME = "report.html"


def build_evidence(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Group every citation by document, domain, assessment and act.

    Args:
        tables: At least ``paragraphs`` and ``citations``; ``acts`` supplies the
            canonical type/number/year/title (the citation's own fields are the
            fallback for an act missing from the registry).

    Returns:
        Rows of :data:`pipeline.schema.EVIDENCE` (JSON columns as JSON text),
        sorted by document, domain (0 last), assessment and first mention.
    """
    cols = schema.EVIDENCE.names
    cits = tables.get("citations")
    pars = tables.get("paragraphs")
    if cits is None or pars is None or not len(cits):
        return pd.DataFrame(columns=cols)
    if "sub_area" not in pars.columns:  # records written before sub-areas existed
        pars = pars.assign(sub_area=None)
    par = pars[["doc_id", "paragraph_id", "seq", "page", "text", "domain", "assessment", "sub_area"]].rename(
        columns={"page": "par_page"})
    df = cits.merge(par, on=["doc_id", "paragraph_id"], how="left", suffixes=("", "_par"))
    acts = tables.get("acts")
    if acts is not None and len(acts):
        canon = acts[["doc_id", "act_id", "act_type", "number", "year", "title"]].drop_duplicates(
            ["doc_id", "act_id"])
        df = df.merge(canon, on=["doc_id", "act_id"], how="left", suffixes=("_cit", ""))
        for c in ("act_type", "number", "year", "title"):
            df[c] = df[c].astype(object).where(df[c].notna(), df[f"{c}_cit"].astype(object))
    df["act_id"] = [a if _present(a) else f"unresolved:{_norm(s)}" for a, s in zip(df["act_id"], df["surface"])]
    df["domain"] = [int(d) if _present(d) else NO_DOMAIN for d in df["domain"]]
    df["assessment"] = [a if _present(a) and df_dom else "none"
                        for a, df_dom in zip(df["assessment"], df["domain"])]
    df["page"] = [int(p) if _present(p) else (int(q) if _present(q) else None)
                  for p, q in zip(df["page"], df["par_page"])]
    df["seq"] = pd.to_numeric(df["seq"], errors="coerce").fillna(10**9)
    df = df.sort_values(["doc_id", "seq", "start"], kind="stable")

    sub_areas = _main_sub_areas(df)
    rows = []
    for (doc_id, domain, assessment, act_id), g in df.groupby(
            ["doc_id", "domain", "assessment", "act_id"], sort=False):
        first = g.iloc[0]
        rows.append({
            "doc_id": doc_id, "domain": domain, "assessment": assessment, "act_id": act_id,
            "sub_area": sub_areas.get((doc_id, domain, act_id)),
            "act_type": _val(first["act_type"]), "number": _val(first["number"]),
            "year": int(first["year"]) if _present(first["year"]) else None,
            "title": _val(first["title"]), "mentions": len(g),
            "pages": json.dumps(sorted({int(p) for p in g["page"] if _present(p)})),
            "paragraph_ids": json.dumps(list(dict.fromkeys(g["paragraph_id"])), ensure_ascii=False),
            "snippet": snippet(first["text"], first["start"], first["end"], first["surface"]),
            "_seq": first["seq"],
        })
    out = pd.DataFrame(rows)
    out["_d"] = out["domain"].map(lambda d: d if d else 99)
    out["_a"] = out["assessment"].map(ASSESSMENT_ORDER)
    out = out.sort_values(["doc_id", "_d", "_a", "_seq"], kind="stable")
    return out[cols].reset_index(drop=True)


def _main_sub_areas(df: pd.DataFrame) -> dict[tuple, str]:
    """(doc, domain, act) → the most common sub-area of the act's mentions in that domain.

    Strengths and gaps of one domain count together; ties go to the sub-area
    mentioned first. Mentions without a sub-area do not vote.
    """
    out: dict[tuple, str] = {}
    for key, g in df.groupby(["doc_id", "domain", "act_id"], sort=False):
        votes = [s for s in g["sub_area"] if _present(s)]
        if votes:
            counts = pd.Series(votes).value_counts(sort=False)
            out[key] = str(counts.index[int(np.argmax(counts.values))])
    return out


def snippet(text, start, end, surface=None) -> str:
    """A one-line excerpt around ``text[start:end]``, cut at word boundaries."""
    if not isinstance(text, str) or not text:
        return str(surface or "")
    start = int(start) if _present(start) else 0
    end = int(end) if _present(end) else start
    lo = max(0, start - SNIPPET_CONTEXT)
    hi = min(len(text), end + SNIPPET_CONTEXT)
    if lo > 0 and " " in text[lo:start]:
        lo = text.index(" ", lo) + 1
    if hi < len(text) and " " in text[end:hi]:
        hi = text.rindex(" ", end, hi)
    out = " ".join(text[lo:hi].split())
    if len(out) > SNIPPET_MAX:
        out = out[:SNIPPET_MAX - 1].rstrip()
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(text) else "")


def summary_pivot(evidence: pd.DataFrame, value: str = "acts") -> pd.DataFrame:
    """Domains × act types: distinct acts (``value="acts"``) or mentions.

    An act cited both as a strength and as a gap in one domain counts once in
    ``acts`` (it is one act backing that domain).
    """
    if not len(evidence):
        return pd.DataFrame()
    ev = evidence.assign(act_type=evidence["act_type"].fillna("unknown"))
    if value == "acts":
        ev = ev.drop_duplicates(["doc_id", "domain", "act_id"]).assign(n=1)
    else:
        ev = ev.assign(n=ev["mentions"].astype(int))
    pivot = ev.pivot_table(index="domain", columns="act_type", values="n", aggfunc="sum", fill_value=0)
    pivot = pivot[sorted(pivot.columns, key=lambda c: (schema.ACT_TYPES + ("unknown",)).index(c)
                         if c in schema.ACT_TYPES + ("unknown",) else 99)]
    pivot = pivot.loc[sorted(pivot.index, key=lambda d: d or 99)]  # domains 1-6, then 0
    pivot["total"] = pivot.sum(axis=1)
    return pivot.astype(int)


def domain_names(lang: str | None) -> dict[int, str]:
    """Short domain names of ``lang`` from its lexicon file (English as fallback)."""
    from pipeline.domains.lexicon import load_lexicon

    for candidate in (lang, "en"):
        try:
            return {d: e.short for d, e in load_lexicon(candidate or "en").domains.items()}
        except FileNotFoundError:
            continue
    return {d: f"Domain {d}" for d in range(1, 7)}


#: The workbook sheet of acts per domain and sub-area.
SUBAREA_SHEET = "Sub-areas"
#: A text cell that starts with one of these is a formula (or becomes one when a
#: user edits it) in Excel and LibreOffice: report text must never run as one.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _cell_text(value):
    """A string openpyxl can store: characters XML 1.0 forbids become U+FFFD."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _sheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell storable (no control characters openpyxl refuses)."""
    out = df.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            out[col] = out[col].astype(object).map(_cell_text)
    return out


def _defuse_formulas(ws) -> None:
    """Store every cell as the text it is: nothing from a report becomes a formula.

    openpyxl turns any string starting with ``=`` into a formula; an act title such
    as ``=HYPERLINK(…)`` would then run when the workbook is opened. No cell of this
    workbook is meant to be a formula, so each is set back to a string, and text
    starting with another formula lead (``+ - @``, tab, CR) is marked quote-prefixed
    so that editing the cell keeps it text.
    """
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_LEADS):
                cell.quotePrefix = True


def write_xlsx(path: Path, evidence: pd.DataFrame, documents: pd.DataFrame | None = None,
               lang: str | None = None) -> Path:
    """``evidence.xlsx``: a summary sheet, then one sheet per domain (and one for domain 0)."""
    from openpyxl.utils import get_column_letter

    from pipeline.records import atomic_path

    names = domain_names(lang)
    files = {}
    if documents is not None and len(documents):
        files = {d: Path(str(f)).name for d, f in zip(documents["doc_id"], documents["file"])}
    readable = evidence.copy()
    readable.insert(0, "document", readable["doc_id"].map(lambda d: files.get(d, d)))
    readable = _sheet_safe(readable)
    for c in ("pages", "paragraph_ids"):
        readable[c] = readable[c].map(lambda v: ", ".join(str(x) for x in json.loads(v)) if _present(v) else "")
    with atomic_path(Path(path)) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            acts = summary_pivot(evidence, "acts")
            mentions = summary_pivot(evidence, "mentions")
            start = 0
            for title, pivot in (("Acts per domain and act type", acts),
                                 ("Mentions per domain and act type", mentions)):
                if not len(pivot):
                    pd.DataFrame({"": ["no citations"]}).to_excel(xw, sheet_name="Summary", index=False)
                    break
                pivot = pivot.copy()
                pivot.index = [f"{d}. {names.get(d, '')}" if d else "0. no domain" for d in pivot.index]
                pivot.index.name = title
                pivot.to_excel(xw, sheet_name="Summary", startrow=start)
                start += len(pivot) + 3
            sheets = ["Summary"]
            domains = sorted(set(evidence["domain"]) | set(range(1, 7)), key=lambda d: d or 99)
            for d in domains:
                part = readable[readable["domain"] == d].drop(columns=["doc_id", "domain"])
                name = _sheet_name(f"{d}. {names.get(d, '')}" if d else "0. no domain", sheets)
                sheets.append(name)
                part.to_excel(xw, sheet_name=name, index=False)
            if "sub_area" in evidence.columns and evidence["sub_area"].notna().any():
                # Domain × sub-area: how many acts back the findings of each sub-area.
                sub = evidence[evidence["sub_area"].notna()]
                grid = (sub.groupby(["domain", "sub_area"])
                        .agg(acts=("act_id", "nunique"), mentions=("mentions", "sum"))
                        .reset_index().sort_values(["domain", "sub_area"]))
                grid.to_excel(xw, sheet_name=SUBAREA_SHEET, index=False)
                sheets.append(SUBAREA_SHEET)
            for ws in xw.book.worksheets:
                _defuse_formulas(ws)
                ws.freeze_panes = "A2" if ws.title != "Summary" else None
                for i, column in enumerate(ws.columns, 1):
                    width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                    ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
                if ws.title != "Summary" and ws.max_row > 1:
                    ws.auto_filter.ref = ws.dimensions
    return Path(path)


def write_evidence(out: Path, tables: dict[str, pd.DataFrame], changed: Iterable[str] | None = None) -> None:
    """Write ``out/evidence.xlsx`` and ``out/<doc_id>/report.html`` for every document.

    Args:
        out: The extracted-records folder.
        tables: The input tables; ``evidence`` is built when absent.
        changed: Documents whose records this run wrote: only their review pages (and
            pages that are missing) are rendered again — a page shows one document,
            so adding a report to a folder of a hundred renders one page, not a
            hundred. None renders every page (``mgi evidence``).
    """
    from pipeline.review import render_report

    out = Path(out)
    evidence = tables.get("evidence")
    if evidence is None or (not len(evidence) and len(tables.get("citations", ()))):
        evidence = build_evidence(tables)
    tables = {**tables, "evidence": evidence}
    docs = tables.get("documents")
    lang = _main_language(docs)
    write_xlsx(out / XLSX_NAME, evidence, docs, lang)
    doc_ids = list(docs["doc_id"]) if docs is not None and len(docs) else list(
        dict.fromkeys(tables["paragraphs"]["doc_id"]))
    todo = None if changed is None else set(changed)
    with_paragraphs = set(tables["paragraphs"]["doc_id"])
    for doc_id in doc_ids:
        if doc_id not in with_paragraphs:
            continue  # failed documents have no paragraphs: nothing to review
        page = out / str(doc_id) / REPORT_NAME
        if todo is None or doc_id in todo or not page.exists():
            render_report(doc_id, tables, page)


def rebuild_from_extracted(out: Path) -> None:
    """Rebuild the evidence table (every format), evidence.xlsx, review pages and the corpus views
    (``corpus_acts``, ``act_links``, ``evidence_matrix``, ``index.html``).

    Reads ``out/{documents,sections,paragraphs,citations,acts}`` (Parquet, else
    JSON Lines, else CSV), so no PDF is parsed. The SQLite database next to them
    (``mgi.sqlite``) is refreshed when it exists (a run with ``--db none`` or a
    PostgreSQL URL made none, and a rebuild should not invent one).

    Raises:
        FileNotFoundError: ``out`` holds no extracted paragraphs.
    """
    from pipeline import records

    out = Path(out)
    tables = {name: records.read_table(out, name) for name in INPUT_TABLES}
    if not len(tables["paragraphs"]):
        raise FileNotFoundError(f"no extracted paragraphs in {out} (run `mgi run` first)")
    from pipeline.corpus.build import build_corpus, write_index_page

    evidence = records.to_frame(schema.EVIDENCE, build_evidence(tables))
    tables["evidence"] = evidence
    warnings: list[str] = []
    corpus = build_corpus(out, tables, warnings)
    records.write_tables(out, {"evidence": evidence, **corpus})
    from pipeline.store import DEFAULT_DB_NAME, default_url, make_engine, replace_corpus, replace_documents

    if (out / DEFAULT_DB_NAME).exists():
        engine = make_engine(default_url(out))
        try:
            replace_documents(engine, tables)
            if corpus:
                replace_corpus(engine, corpus)
        finally:
            engine.dispose()
    write_evidence(out, tables)
    if corpus:
        write_index_page(out, {**tables, **corpus}, warnings)
    for w in warnings:
        log.warning("%s", w)


def _main_language(docs: pd.DataFrame | None) -> str | None:
    if docs is None or not len(docs) or "language" not in docs:
        return None
    langs = docs["language"].dropna()
    return str(langs.mode().iloc[0]) if len(langs) else None


def _sheet_name(name: str, taken: list[str]) -> str:
    name = _SHEET_FORBIDDEN.sub(" ", name)[:SHEET_NAME_MAX].strip()
    base, n = name, 2
    while name in taken:
        suffix = f" ({n})"
        name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    return name


def _val(v):
    return v if _present(v) else None


def _norm(s) -> str:
    return " ".join(str(s or "").lower().split())
