"""Corpus stage: cross-document work — what each report is, and how reports relate.

In: per document, its :class:`~pipeline.models.DocumentResult` (for
:func:`~pipeline.corpus.metadata.extract_metadata`: country, level, year, round,
language, title); across documents, the tables the output stage wrote
(documents, paragraphs, citations, acts, evidence). Out: the corpus tables
(``corpus_acts``, ``act_links``, ``evidence_matrix``: :mod:`pipeline.corpus.build`),
``index.html``, ``mgi compare`` pages (:mod:`pipeline.corpus.compare`) and DuckDB
queries (:mod:`pipeline.corpus.query`).
"""

from pipeline.corpus.metadata import DocumentMeta, apply_meta, extract_metadata, load_meta_csv

__all__ = ["DocumentMeta", "apply_meta", "extract_metadata", "load_meta_csv"]
