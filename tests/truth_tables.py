"""Turn the sample's hand-checked truth (``…truth.json``) into pipeline objects.

Domain, evidence and review tests must not wait for the layout and structure
stages, so they run on what those stages should produce: Paragraph and Section
objects (and their DataFrames) built from the truth blocks, plus a handful of
hand-made citation/act rows for acts the sample really cites.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline.output import schema
from pipeline.models import FootnoteRef, Paragraph, Section

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"  # shared/ beside the clone (CI)
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")
TRUTH = CORPUS / "mgi-kyrgyzstan-2022-ru.truth.json"
PDF = CORPUS / "mgi-kyrgyzstan-2022-ru.pdf"

KIND = {"decoration": "furniture"}
SERIES = {"main": 0, "covid": 1}
ROLE_BY_TITLE = {"ВВЕДЕНИЕ": "introduction", "ОСНОВНЫЕ ВЫВОДЫ": "key_findings", "БИБЛИОГРАФИЯ": "bibliography"}
ROLE = {"domain_chapter": "domain_chapter", "strength": "strength", "gap": "gap",
        "summary_domain": "summary_domain", "summary_of_changes": "summary",
        "covid_annex": "annex", "legislation_table_title": "legislation"}


@lru_cache(maxsize=1)
def truth() -> dict:
    return json.loads(TRUTH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def doc_id() -> str:
    return hashlib.sha256(PDF.read_bytes()).hexdigest()[:16] if PDF.exists() else "0123456789abcdef"


def blocks() -> list[dict]:
    return truth()["blocks"]


def build(footnote_labels: bool = False) -> tuple[list[Paragraph], list[Section]]:
    """Paragraphs and sections as the structure stage should hand them over.

    Body paragraphs (and list items) of domain chapters and summary subsections
    carry ``domain_source="section"``; footnotes carry a label only when
    ``footnote_labels`` (the structure stage may or may not label them).
    """
    did = doc_id()
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    heads = {b["id"]: b for b in blocks() if b["kind"] == "heading"}
    for b in heads.values():
        path = b.get("section_path") or []
        role = ROLE.get(b.get("role") or "", ROLE_BY_TITLE.get(b["text"], "other"))
        sections.append(Section(
            doc_id=did, section_id=f"s{b['id']}", parent_id=f"s{path[-1]}" if path else None,
            level=len(path) + 1, number=b.get("number"), title=b["text"], role=role,
            domain=b.get("domain"), assessment=b.get("assessment"), page_start=b["pdf_page"],
            heading_id=b["id"]))
    seq = 0
    for b in blocks():
        kind = KIND.get(b["kind"], b["kind"])
        path = b.get("section_path") or []
        section_id = f"s{b['id']}" if kind == "heading" else (f"s{path[-1]}" if path else None)
        page = b["pdf_page"]
        if kind == "table":
            for i, row in enumerate(b["rows"]):
                paragraphs.append(Paragraph(
                    doc_id=did, paragraph_id=f"{b['id']}r{i + 1:02d}", seq=seq, kind="table_row",
                    page=page + b["row_pages"][i] - b["page"], x0=0, top=0, x1=0, bottom=0,
                    text=" | ".join(row), section_id=section_id, cells=list(row), table_id=b["id"]))
                seq += 1
            continue
        p = Paragraph(
            doc_id=did, paragraph_id=b["id"], seq=seq, kind=kind, page=page,
            page_end=page + b["page_end"] - b["page"] if b.get("page_end") else None,
            x0=0, top=0, x1=0, bottom=0, text=b["text"], section_id=section_id,
            level=b.get("level"), number=str(b["number"]) if b.get("number") is not None else None,
            referenced_by=b.get("referenced_by"),
            footnote_refs=[FootnoteRef(r["number"], r["offset"], SERIES[r["series"]], r.get("footnote_id"))
                           for r in b.get("footnote_refs") or ()])
        if kind == "footnote":
            p.footnote_number = int(b["number"])
            p.footnote_series = SERIES.get(b.get("series", "main"), 0)
        labelled = kind in ("paragraph", "list_item") or (footnote_labels and kind == "footnote")
        if b.get("domain") and labelled:
            p.domain, p.assessment = b["domain"], b.get("assessment")
            p.domain_source, p.domain_score = "section", 1.0
        paragraphs.append(p)
        seq += 1
    return paragraphs, sections


def truth_labels() -> dict[str, tuple[int | None, str | None]]:
    """paragraph_id → (domain, assessment) as the truth gives them."""
    return {b["id"]: (b.get("domain"), b.get("assessment")) for b in blocks()}


def chapter_ids() -> dict[int, set[str]]:
    """Domain → ids of the body paragraphs and footnotes of that domain chapter."""
    chapters = {b["id"]: b["domain"] for b in blocks() if b.get("role") == "domain_chapter"}
    out: dict[int, set[str]] = {d: set() for d in range(1, 7)}
    for b in blocks():
        path = b.get("section_path") or []
        if path and path[0] in chapters and b["kind"] in ("paragraph", "list_item", "footnote"):
            out[chapters[path[0]]].add(b["id"])
    return out


def covid_ids() -> list[str]:
    annex = next(b["id"] for b in blocks() if b.get("role") == "covid_annex")
    return [b["id"] for b in blocks()
            if (b.get("section_path") or [None])[0] == annex and b["kind"] in ("paragraph", "list_item", "footnote")]


def frame(rows: list[dict], table: schema.Table) -> pd.DataFrame:
    """Rows → DataFrame with exactly the table's columns, JSON columns as text."""
    out = []
    for r in rows:
        rec = {}
        for c in table.columns:
            v = r.get(c.name)
            if c.json and v is not None and not isinstance(v, str):
                v = json.dumps(v, ensure_ascii=False)
            rec[c.name] = v
        out.append(rec)
    return pd.DataFrame(out, columns=table.names)


# Hand-made citations: (paragraph id, surface to find in its text, act id).
CITES = [
    ("b0062", "Закон № 89", "law-89-2021"),
    ("b0088", "Закон об охране здоровья граждан", "law-6-2005"),
    ("b0088", "Постановлением № 346", "res-346-2000"),
    ("b0132", "Закон № 4 “О внешней трудовой миграции”", "law-4-2006"),
    ("b0135", "Закон о внешней трудовой миграции", "law-4-2006"),
    ("b0145", "Закону № 4 “О внешней трудовой миграции”", "law-4-2006"),
    ("b0155", "Законом № 4 «О внешней трудовой миграции»", "law-4-2006"),
    ("b0073", "Закон № 4 «О внешней трудовой миграции»", "law-4-2006"),
    ("b0066", "Указом № 191", "res-191-2021"),
    ("b0105", "Концепцию миграционной политики", "res-191-2021"),
    ("b0179", "Закон № 06", "law-6-2005"),
    ("b0250r04", "Закон Кыргызской Республики «О внешней трудовой миграции»", "law-4-2006"),
]
ACTS = [
    dict(act_id="law-4-2006", act_type="law", number="4", year=2006, date="2006-01-13",
         title="О внешней трудовой миграции", jurisdiction="KG", source="registry"),
    dict(act_id="law-89-2021", act_type="law", number="89", year=2021,
         title="О внесении изменений в некоторые законодательные акты", jurisdiction="KG", source="text"),
    dict(act_id="res-191-2021", act_type="resolution", number="191", year=2021,
         title="О Концепции миграционной политики Кыргызской Республики на 2021-2030 годы",
         jurisdiction="KG", source="text"),
    dict(act_id="res-346-2000", act_type="resolution", number="346", year=2000,
         title="О медицинском обслуживании иностранных граждан", jurisdiction="KG", source="text"),
    dict(act_id="law-6-2005", act_type="law", number="6", year=2005,
         title="Об охране здоровья граждан", jurisdiction="KG", source="text"),
]


def tables(assign: bool = True) -> dict[str, pd.DataFrame]:
    """The five input tables of the evidence stage, built from the truth."""
    from pipeline.domains import assign_domains

    paragraphs, sections = build()
    if assign:
        assign_domains(paragraphs, sections, "ru")
    by_id = {p.paragraph_id: p for p in paragraphs}
    did = doc_id()
    citations = []
    for i, (pid, surface, act_id) in enumerate(CITES):
        p = by_id[pid]
        start = p.text.index(surface)
        act = next(a for a in ACTS if a["act_id"] == act_id)
        citations.append(dict(
            doc_id=did, citation_id=f"c{i + 1:03d}", paragraph_id=pid, paragraph_kind=p.kind,
            page=p.page, start=start, end=start + len(surface), surface=surface,
            act_type=act["act_type"], number=act["number"], year=act["year"], title=act["title"],
            act_id=act_id, resolution="exact", score=1.0))
    acts = [dict(a, doc_id=did, mentions=sum(c["act_id"] == a["act_id"] for c in citations)) for a in ACTS]
    documents = [dict(doc_id=did, file="mgi-kyrgyzstan-2022-ru.pdf", sha256=did * 4, language="ru",
                      pages=39, status="ok", warnings=[], title=truth()["document"]["title"],
                      ocr_pages=[], bytes=0)]
    return {
        "documents": frame(documents, schema.DOCUMENTS),
        "sections": frame([_asdict(s) for s in sections], schema.SECTIONS),
        "paragraphs": frame([p.as_record() for p in paragraphs], schema.PARAGRAPHS),
        "citations": frame(citations, schema.CITATIONS),
        "acts": frame(acts, schema.ACTS),
    }


def _asdict(s: Section) -> dict:
    from dataclasses import asdict

    return asdict(s)
