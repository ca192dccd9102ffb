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

import numpy as np
import pandas as pd

from pipeline.output import schema
from pipeline.output.records import is_present as _present

#: Characters of context kept on each side of the first mention in ``snippet``.
SNIPPET_CONTEXT = 80
#: Longest snippet (characters), so that spreadsheet cells stay readable.
SNIPPET_MAX = 280
#: Domain number used for acts cited outside every domain.
NO_DOMAIN = 0
ASSESSMENT_ORDER = {"strength": 0, "gap": 1, "none": 2}
INPUT_TABLES = ("documents", "sections", "paragraphs", "citations", "acts")


def build_evidence(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Group every citation by document, domain, assessment and act.

    Args:
        tables: At least ``paragraphs`` and ``citations``; ``acts`` supplies the
            canonical type/number/year/title (the citation's own fields are the
            fallback for an act missing from the registry).

    Returns:
        Rows of :data:`pipeline.output.schema.EVIDENCE` (JSON columns as JSON text),
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


def domain_names(lang: str | None) -> dict[int, str]:
    """Short domain names of ``lang`` from its lexicon file (English as fallback)."""
    from pipeline.domains.lexicon import load_lexicon

    for candidate in (lang, "en"):
        try:
            return {d: e.short for d, e in load_lexicon(candidate or "en").domains.items()}
        except FileNotFoundError:
            continue
    return {d: f"Domain {d}" for d in range(1, 7)}


def _val(v):
    return v if _present(v) else None


def _norm(s) -> str:
    return " ".join(str(s or "").lower().split())
