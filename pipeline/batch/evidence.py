"""Evidence outputs of a run, and ``mgi evidence``: the workbook, the review pages, the corpus views.

Orchestration over the output, corpus and review stages, so it lives with the batch:
:func:`write_evidence` after every run, :func:`rebuild_from_extracted` from the extracted
tables alone (no PDF is parsed).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pipeline.output import schema
from pipeline.output.evidence import INPUT_TABLES, build_evidence
from pipeline.output.workbook import XLSX_NAME, _main_language, write_xlsx

log = logging.getLogger(__name__)
REPORT_NAME = "report.html"


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
    from pipeline.output import records

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
    from pipeline.output.store import DEFAULT_DB_NAME, default_url, make_engine, replace_corpus, replace_documents

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
