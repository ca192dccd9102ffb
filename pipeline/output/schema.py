"""The output tables, declared once.

Writers (:mod:`pipeline.output.records`), the database layer (:mod:`pipeline.output.store`) and
the Frictionless data package all read these declarations, so a column is added in
one place. Types are Frictionless field types (``string``, ``integer``,
``number``, ``boolean``); list-valued fields (footnote references, cells, pages)
are stored as JSON text so that every format (CSV, SQLite, PostgreSQL) holds them
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

#: File formats every table is written in. Declared here, not in the pandas-backed
#: writer, so the batch's options can name them without importing pandas.
FORMATS = ("parquet", "csv", "jsonl")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str = "string"
    required: bool = False
    enum: tuple[str, ...] | None = None
    description: str = ""
    json: bool = False  # list/dict value serialised as JSON text


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()
    description: str = ""
    #: Foreign keys whose columns may be null (enforced by the databases only).
    optional_foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


STATUS = ("ok", "partial", "needs_ocr", "failed")
KINDS = ("heading", "paragraph", "list_item", "footnote", "table_row", "bibliography_entry", "furniture",
         "box", "sidebar", "decoration", "contents_entry")
ASSESSMENTS = ("strength", "gap")
ACT_TYPES = (
    "constitution", "constitutional_law", "law", "code", "decree",
    "resolution", "order", "regulation", "treaty", "policy",
)

DOCUMENTS = Table(
    "documents",
    (
        Column("doc_id", required=True, description="content hash (first 16 hex of sha256)"),
        Column("file", required=True),
        Column("sha256", required=True),
        Column("language"),
        Column("pages", "integer"),
        Column("status", required=True, enum=STATUS),
        Column("error", description="one-line reason when status is not ok"),
        Column("warnings", json=True),
        Column("title"),
        Column("ocr_pages", json=True),
        Column("bytes", "integer"),
        # report metadata (pipeline/corpus/metadata.py); each value's source in meta_sources
        Column("country", description="ISO 3166-1 alpha-3 code of the assessed country"),
        Column("country_name", description="English short name of the country"),
        Column("level", enum=("national", "local"), description="national or local assessment"),
        Column("place", description="city or province of a local assessment"),
        Column("year", "integer", description="year of the assessment"),
        Column("round", enum=("first", "second", "third"), description="assessment round"),
        Column("framework", enum=("mgi", "index2016"),
               description="mgi: Migration Governance Indicators (six domains); index2016: the 2016 five-domain index"),
        Column("meta_sources", json=True,
               description="{field: source}: user, title_page, running_header, first_pages, sections, "
                           "pdf_metadata, file_name, text, option, default"),
    ),
    primary_key=("doc_id",),
    description="One row per input file.",
)

SECTIONS = Table(
    "sections",
    (
        Column("doc_id", required=True),
        Column("section_id", required=True),
        Column("parent_id"),
        Column("level", "integer", required=True),
        Column("number"),
        Column("title", required=True),
        Column("role"),
        Column("domain", "integer"),
        Column("assessment", enum=ASSESSMENTS),
        Column("page_start", "integer"),
        Column("page_end", "integer"),
        Column("heading_id"),
    ),
    primary_key=("doc_id", "section_id"),
    foreign_keys=((("doc_id",), "documents", ("doc_id",)),),
    description="The section tree.",
)

PARAGRAPHS = Table(
    "paragraphs",
    (
        Column("doc_id", required=True),
        Column("paragraph_id", required=True),
        Column("seq", "integer", required=True, description="reading order"),
        Column("kind", required=True, enum=KINDS),
        Column("page", "integer", required=True),
        Column("page_end", "integer"),
        Column("x0", "number"),
        Column("top", "number"),
        Column("x1", "number"),
        Column("bottom", "number"),
        Column("section_id"),
        Column("level", "integer"),
        Column("number"),
        Column("text", required=True),
        Column("footnote_number", "integer"),
        Column("footnote_series", "integer"),
        Column("footnote_refs", json=True, description="[{number, offset, series, footnote_id}]"),
        Column("referenced_by"),
        Column("cells", json=True),
        Column("table_id"),
        Column("target_page", "integer", description="contents entries: the page the entry points to"),
        Column("domain", "integer"),
        Column("domain_source"),
        Column("domain_score", "number"),
        Column("assessment", enum=ASSESSMENTS),
        Column("review", "boolean"),
        Column("sub_area", description="MGI sub-area id within the domain (1.health, 6.border_management …)"),
        Column("sub_area_score", "number"),
        Column("ocr", "boolean"),
        Column("ocr_confidence", "number"),
        Column("font_size", "number"),
        Column("bold", "boolean"),
        Column("domain_evidence", json=True,
               description='{"sentence": [start, end], "terms": [...]}: what decided a content label '
                           '(offsets into text)'),
    ),
    primary_key=("doc_id", "paragraph_id"),
    foreign_keys=((("doc_id",), "documents", ("doc_id",)),),
    indexes=(("doc_id", "seq"), ("doc_id", "section_id")),
    description="Reading-order blocks: paragraphs, headings, footnotes, table rows, furniture…",
)

CITATIONS = Table(
    "citations",
    (
        Column("doc_id", required=True),
        Column("citation_id", required=True),
        Column("paragraph_id", required=True),
        Column("paragraph_kind", enum=KINDS),
        Column("page", "integer"),
        Column("start", "integer", required=True, description="offset into the paragraph's text"),
        Column("end", "integer", required=True),
        Column("surface", required=True),
        Column("act_type", enum=ACT_TYPES),
        Column("number"),
        Column("date", description="ISO date of adoption"),
        Column("year", "integer"),
        Column("title"),
        Column("issuer"),
        Column("act_id"),
        Column("resolution", description="how the mention was tied to its act"),
        Column("score", "number"),
    ),
    primary_key=("doc_id", "citation_id"),
    foreign_keys=(
        (("doc_id",), "documents", ("doc_id",)),
        (("doc_id", "paragraph_id"), "paragraphs", ("doc_id", "paragraph_id")),
    ),
    # an unresolved citation has no act: databases skip a key with a null part,
    # Frictionless would call it a violation, so this key is declared to databases only
    optional_foreign_keys=((("doc_id", "act_id"), "acts", ("doc_id", "act_id")),),
    indexes=(("doc_id", "act_id"),),
    description="Every mention of a legal or policy act.",
)

ACTS = Table(
    "acts",
    (
        Column("doc_id", required=True),
        Column("act_id", required=True),
        Column("jurisdiction"),
        Column("act_type", enum=ACT_TYPES),
        Column("number"),
        Column("date"),
        Column("year", "integer"),
        Column("title"),
        Column("issuer"),
        Column("source", description="registry table / text / user registry"),
        Column("mentions", "integer"),
    ),
    primary_key=("doc_id", "act_id"),
    foreign_keys=((("doc_id",), "documents", ("doc_id",)),),
    description="Canonical acts of a document's registry.",
)

EVIDENCE = Table(
    "evidence",
    (
        Column("doc_id", required=True),
        Column("domain", "integer", required=True,
               description="1-6; 0 = cited outside every domain (a primary-key part, so never null)"),
        Column("assessment", required=True, enum=("strength", "gap", "none")),
        Column("act_id", required=True),
        Column("sub_area", description="most common sub-area of the act's mentions in the domain"),
        Column("act_type", enum=ACT_TYPES),
        Column("number"),
        Column("year", "integer"),
        Column("title"),
        Column("mentions", "integer"),
        Column("pages", json=True),
        Column("paragraph_ids", json=True),
        Column("snippet"),
    ),
    primary_key=("doc_id", "domain", "assessment", "act_id"),
    foreign_keys=((("doc_id",), "documents", ("doc_id",)),),
    description="Document × domain × assessment × act: which acts back each finding.",
)

TABLES: dict[str, Table] = {
    t.name: t for t in (DOCUMENTS, SECTIONS, PARAGRAPHS, CITATIONS, ACTS, EVIDENCE)
}


# --------------------------------------------------------------------------- corpus tables
# Rebuilt as a whole after every run from the per-document records of the output
# folder (pipeline/corpus/): they have no one document, so they are kept apart from
# TABLES, whose rows are replaced document by document.

LINK_METHODS = ("instrument", "number", "title", "glossary", "alias", "single", "own")

CORPUS_ACTS = Table(
    "corpus_acts",
    (
        Column("corpus_act_id", required=True,
               description="stable id across runs: instrument id, or jurisdiction-type-number-year"),
        Column("jurisdiction", description="ISO 3166-1 alpha-3 of the country, or intl"),
        Column("act_type", enum=ACT_TYPES),
        Column("number"),
        Column("date", description="ISO date of adoption"),
        Column("year", "integer"),
        Column("title", description="display title (English when a report gives one)"),
        Column("titles", json=True, description="{language: title} as the reports write it"),
        Column("documents", json=True, description="doc_ids of the reports that cite it"),
        Column("n_documents", "integer"),
        Column("mentions", "integer"),
        Column("review", "boolean", description="a link of this act was ambiguous"),
    ),
    primary_key=("corpus_act_id",),
    description="One act of the whole corpus: the acts of every document linked across reports and languages.",
)

ACT_LINKS = Table(
    "act_links",
    (
        Column("doc_id", required=True),
        Column("act_id", required=True),
        Column("corpus_act_id", required=True),
        Column("method", required=True, enum=LINK_METHODS,
               description="how the document's act was linked (own: it starts its corpus act)"),
        Column("score", "number", description="0-100"),
        Column("ambiguous", "boolean", description="another corpus act scored close: not forced, flagged"),
        Column("candidates", json=True, description="corpus act ids that scored close to the link"),
    ),
    primary_key=("doc_id", "act_id"),
    foreign_keys=(
        (("doc_id", "act_id"), "acts", ("doc_id", "act_id")),
        (("corpus_act_id",), "corpus_acts", ("corpus_act_id",)),
    ),
    indexes=(("corpus_act_id",),),
    description="Document act → corpus act, with the method and score of the link.",
)

EVIDENCE_MATRIX = Table(
    "evidence_matrix",
    (
        Column("country", required=True, description="ISO 3166-1 alpha-3; ZZZ when unknown"),
        Column("domain", "integer", required=True, description="1-6"),
        Column("country_name"),
        Column("documents", json=True, description="doc_ids of the country's reports"),
        Column("strengths", "integer", description="strength paragraphs of the domain"),
        Column("gaps", "integer", description="gap paragraphs of the domain"),
        Column("acts", "integer", description="distinct corpus acts cited in the domain"),
        Column("instruments", "integer", description="distinct international instruments cited in the domain"),
    ),
    primary_key=("country", "domain"),
    description="Country × domain: strengths, gaps, acts and instruments over the country's reports.",
)

CORPUS_TABLES: dict[str, Table] = {t.name: t for t in (CORPUS_ACTS, ACT_LINKS, EVIDENCE_MATRIX)}


def all_tables() -> dict[str, Table]:
    """Per-document tables, then corpus tables (parents before children)."""
    return {**TABLES, **CORPUS_TABLES}


def table_def(name: str) -> Table:
    """A per-document or corpus table by name."""
    return TABLES[name] if name in TABLES else CORPUS_TABLES[name]


def register(table: Table) -> Table:
    """Add a table declared by a later stage (citations, acts, evidence)."""
    TABLES[table.name] = table
    return table
