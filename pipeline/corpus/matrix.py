"""Country × domain evidence matrix and instruments × countries table.

The corpus question is not "what does this report say" but "how does each
country's governance look, domain by domain, and which conventions back it".
Both answers are derived from the per-document tables alone (no PDF is read),
so they can be rebuilt at the end of every run in well under a second:

* :func:`build_evidence_matrix` gives one row per (country, domain 1-6) with
  the strength and gap paragraphs of the country's reports and the distinct
  acts and international instruments cited in that domain
  (:data:`pipeline.output.schema.EVIDENCE_MATRIX`).
* :func:`instrument_matrix` gives, for every instrument of
  ``pipeline/data/citations/instruments.yaml`` cited at least once, the number
  of its mentions in each country's reports.

When the corpus tables exist (``act_links`` from :mod:`pipeline.corpus.acts`)
acts are counted as corpus acts, so that one law cited by two reports of a
country (perhaps in two languages) counts once; without them an act is a
(document, act) pair, the only identity a single document gives.
"""

from __future__ import annotations

import json

import pandas as pd

from pipeline.output import schema
from pipeline.citations.instruments import INTERNATIONAL, by_id

#: Country code of documents whose country is unknown (ISO 3166 user-assigned).
UNKNOWN_COUNTRY = "ZZZ"
#: The MGI domains; every country gets a row for each, zero or not.
DOMAINS = tuple(range(1, 7))
#: Paragraph kinds that carry a finding (headings, footnotes, table rows do not).
FINDING_KINDS = ("paragraph", "list_item")
#: Document status whose records are not data (no paragraphs, no metadata).
FAILED = "failed"


def _frame(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    """A table of ``tables`` or an empty frame with its schema columns."""
    df = tables.get(name)
    if df is None or not len(df.columns):
        return pd.DataFrame(columns=schema.table_def(name).names)
    return df


def corpus_documents(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The documents that count: not failed, with a country code (``ZZZ`` if unknown).

    Failed documents are skipped because they have no paragraphs and their
    metadata is empty: listing them under ``ZZZ`` would invent a country.

    Returns:
        ``doc_id``, ``country`` and ``country_name`` of each counted document.
    """
    docs = _frame(tables, "documents")
    if "status" in docs:
        docs = docs[docs["status"].astype(object) != FAILED]
    country = docs["country"].astype(object) if "country" in docs else pd.Series(None, index=docs.index)
    country = country.where(country.notna() & (country.astype(str).str.strip() != ""), UNKNOWN_COUNTRY)
    name = docs["country_name"].astype(object) if "country_name" in docs else pd.Series(None, index=docs.index)
    return pd.DataFrame({"doc_id": docs["doc_id"].astype(str).to_numpy(),
                         "country": country.astype(str).str.upper().to_numpy(),
                         "country_name": name.to_numpy()})


def _act_keys(tables: dict[str, pd.DataFrame], cited: pd.DataFrame) -> pd.DataFrame:
    """Add ``act_key`` (what makes two mentions one act) and ``intl`` to cited acts.

    ``act_key`` is the corpus act id when ``act_links`` links the document's
    act, else ``doc_id/act_id`` (document acts have no identity beyond their
    document). An act is international when its document registry says so
    (jurisdiction ``intl``), when its corpus act does, or when its id is one of
    the instrument list's (the citation resolver gives those ids directly).
    """
    links = tables.get("act_links")
    local = cited["doc_id"].astype(str) + "/" + cited["act_id"].astype(str)
    intl = cited["act_id"].astype(str).isin(list(by_id()))
    acts = tables.get("acts")
    if acts is not None and len(acts) and "jurisdiction" in acts:
        j = acts[["doc_id", "act_id", "jurisdiction"]].drop_duplicates(["doc_id", "act_id"])
        j = cited[["doc_id", "act_id"]].merge(j, on=["doc_id", "act_id"], how="left")
        intl = intl | (j["jurisdiction"].astype(object) == INTERNATIONAL).to_numpy()
    if links is not None and len(links):
        lk = links[["doc_id", "act_id", "corpus_act_id"]].drop_duplicates(["doc_id", "act_id"])
        m = cited[["doc_id", "act_id"]].merge(lk, on=["doc_id", "act_id"], how="left")
        key = m["corpus_act_id"].astype(object).where(m["corpus_act_id"].notna(), local.to_numpy())
        corpus = tables.get("corpus_acts")
        if corpus is not None and len(corpus) and "jurisdiction" in corpus:
            cj = dict(zip(corpus["corpus_act_id"], corpus["jurisdiction"]))
            intl = intl | m["corpus_act_id"].map(cj).astype(object).eq(INTERNATIONAL).to_numpy()
        return cited.assign(act_key=key.to_numpy(), intl=intl.to_numpy())
    # Without links an instrument's id is already corpus-wide (same id in every
    # language), so instruments are counted by act id; other acts per document.
    key = local.where(~intl, cited["act_id"].astype(str))
    return cited.assign(act_key=key.to_numpy(), intl=intl.to_numpy())


def build_evidence_matrix(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Country × domain: strengths, gaps, acts and instruments over the country's reports.

    Args:
        tables: ``documents`` and ``paragraphs`` (required for counts),
            ``citations`` and ``acts`` (acts and instruments), optionally
            ``act_links`` and ``corpus_acts`` (acts counted as corpus acts).

    Returns:
        Rows of :data:`pipeline.output.schema.EVIDENCE_MATRIX`, six per country
        (domains 1-6, zeros included), sorted by country with ``ZZZ`` last.
        ``strengths``/``gaps`` count paragraphs and list items; ``acts`` and
        ``instruments`` count distinct acts cited in any block of the domain
        (footnotes and table rows too, as the evidence table does).
    """
    cols = schema.EVIDENCE_MATRIX.names
    docs = corpus_documents(tables)
    if not len(docs):
        return pd.DataFrame(columns=cols)
    country_of = dict(zip(docs["doc_id"], docs["country"]))
    pars = _frame(tables, "paragraphs")
    pars = pars[pars["doc_id"].astype(str).isin(country_of)]
    pars = pars.assign(country=pars["doc_id"].astype(str).map(country_of),
                       domain=pd.to_numeric(pars["domain"], errors="coerce"))
    pars = pars[pars["domain"].isin(DOMAINS)]

    finding = pars[pars["kind"].isin(FINDING_KINDS) & pars["assessment"].isin(schema.ASSESSMENTS)]
    counts = (finding.groupby(["country", "domain", "assessment"]).size()
              .unstack("assessment", fill_value=0).reindex(columns=list(schema.ASSESSMENTS), fill_value=0))

    cits = _frame(tables, "citations")
    cits = cits[cits["act_id"].notna() & cits["doc_id"].astype(str).isin(country_of)]
    cited = cits[["doc_id", "paragraph_id", "act_id"]].merge(
        pars[["doc_id", "paragraph_id", "country", "domain"]], on=["doc_id", "paragraph_id"], how="inner")
    cited = _act_keys(tables, cited.reset_index(drop=True))
    acts = cited.groupby(["country", "domain"])["act_key"].nunique()
    intl = cited[cited["intl"]].groupby(["country", "domain"])["act_key"].nunique()

    names = (docs.dropna(subset=["country_name"]).groupby("country")["country_name"]
             .agg(lambda s: s.mode().iloc[0]))
    members = docs.groupby("country")["doc_id"].agg(list)
    countries = sorted(members.index, key=lambda c: (c == UNKNOWN_COUNTRY, c))
    out = pd.MultiIndex.from_product([countries, DOMAINS], names=["country", "domain"]).to_frame(index=False)
    for col, series in (("strengths", counts.get("strength")), ("gaps", counts.get("gap")),
                        ("acts", acts), ("instruments", intl)):
        out[col] = _lookup(out, series)
    out["country_name"] = [names.get(c) for c in out["country"]]
    out["documents"] = [json.dumps(members[c]) for c in out["country"]]
    return out[cols]


def _lookup(grid: pd.DataFrame, series: pd.Series | None) -> list[int]:
    """``series`` (indexed by country, domain) read at each row of ``grid``; 0 when absent."""
    if series is None or not len(series):
        return [0] * len(grid)
    values = {(c, int(d)): int(v) for (c, d), v in series.items()}
    return [values.get((c, int(d)), 0) for c, d in zip(grid["country"], grid["domain"])]
    return out[cols].reset_index(drop=True)


def instrument_names() -> dict[str, str]:
    """Instrument id → English display name, in the order of the instrument list."""
    return {i: inst.name for i, inst in by_id().items()}


def instrument_matrix(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Instruments × countries: how often each country's reports cite each convention.

    Mentions are the citation rows resolved to the instrument (through
    ``act_links`` when present, so a document act linked to an instrument by
    title counts too). When ``citations`` is absent the ``acts.mentions``
    counts are used instead.

    Args:
        tables: ``documents`` and ``citations`` (or ``acts``); optionally ``act_links``.

    Returns:
        Index ``act_id`` (instruments cited at least once, in the list's order),
        a ``name`` column (English), then one integer column per country code
        of the corpus (``ZZZ`` last), even for a country that cites none.
    """
    names = instrument_names()
    docs = corpus_documents(tables)
    countries = sorted(set(docs["country"]), key=lambda c: (c == UNKNOWN_COUNTRY, c))
    country_of = dict(zip(docs["doc_id"], docs["country"]))
    cits = tables.get("citations")
    if cits is not None and len(cits):
        rows = cits.loc[cits["act_id"].notna(), ["doc_id", "act_id"]].assign(n=1)
    else:
        acts = _frame(tables, "acts")
        rows = acts[["doc_id", "act_id"]].assign(n=pd.to_numeric(acts["mentions"], errors="coerce").fillna(0))
    rows = rows[rows["doc_id"].astype(str).isin(country_of)].reset_index(drop=True)
    links = tables.get("act_links")
    if links is not None and len(links):
        lk = links[["doc_id", "act_id", "corpus_act_id"]].drop_duplicates(["doc_id", "act_id"])
        m = rows.merge(lk, on=["doc_id", "act_id"], how="left")
        rows = rows.assign(act_id=m["corpus_act_id"].astype(object).where(
            m["corpus_act_id"].notna(), m["act_id"].astype(object)).to_numpy())
    rows = rows[rows["act_id"].isin(names)]
    rows = rows.assign(country=rows["doc_id"].astype(str).map(country_of))
    grid = rows.pivot_table(index="act_id", columns="country", values="n", aggfunc="sum", fill_value=0)
    grid = grid.reindex(columns=countries, fill_value=0)
    grid = grid[grid.sum(axis=1) > 0] if len(grid) else grid
    order = [i for i in names if i in grid.index]
    grid = grid.reindex(order).astype(int)
    grid.insert(0, "name", [names[i] for i in order])
    grid.index.name = "act_id"
    grid.columns.name = None
    return grid
