"""Evidence outputs of a run, and ``mgi evidence``: the workbook, the review pages, the corpus views.

Orchestration over the output, corpus and review stages, so it lives with the batch:
:func:`write_evidence` after every run, :func:`rebuild_from_extracted` from the extracted
tables alone (no PDF is parsed).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pipeline.batch.options import CACHE_DIR
from pipeline.output import schema
from pipeline.output.evidence import INPUT_TABLES, build_evidence
from pipeline.output.workbook import XLSX_NAME, _main_language, write_xlsx

log = logging.getLogger(__name__)
REPORT_NAME = "report.html"
#: The hash of the frames ``evidence.xlsx`` was last written from (see :func:`_write_workbook`).
WORKBOOK_INPUTS = f"{CACHE_DIR.split('/')[0]}/{XLSX_NAME}.inputs"


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
    _write_workbook(out, evidence, docs, lang)
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


def _frames_digest(frames: Iterable[pd.DataFrame | None], *extra: object) -> str:
    """A hash of frames' columns, types and values (and of the code and data that render them)."""
    from pipeline.batch.fingerprint import source_hash

    h = hashlib.sha256(source_hash().encode())
    for df in frames:
        if df is None:
            h.update(b"none")
            continue
        h.update(repr([(str(c), str(t)) for c, t in df.dtypes.items()]).encode())
        h.update(pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes())
    h.update(repr(extra).encode())
    return h.hexdigest()


def _write_workbook(out: Path, evidence: pd.DataFrame, docs: pd.DataFrame | None, lang: str | None) -> None:
    """Write ``evidence.xlsx`` unless the frames it shows are those it was last written from.

    The workbook is the slowest output (about 1 s for one report) and carries its creation
    time, so rewriting it unchanged costs time and changes its bytes. The inputs' hash is
    kept beside it (under ``.cache/``); a missing workbook or hash means a rewrite.
    """
    path = out / XLSX_NAME
    names = docs[["doc_id", "file"]] if docs is not None and len(docs) else None
    digest = _frames_digest([evidence, names], lang)
    stamp = out / WORKBOOK_INPUTS
    with contextlib.suppress(OSError):
        if path.exists() and stamp.read_text(encoding="utf-8") == digest:
            return
    write_xlsx(path, evidence, docs, lang)
    from pipeline.output.atomic import write_text_atomic

    with contextlib.suppress(OSError):
        write_text_atomic(stamp, digest)


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
