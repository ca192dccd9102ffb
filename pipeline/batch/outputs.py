"""Writing a batch's outputs: per-document parts and merged tables (every format), the database,
evidence and review pages.

Everything is written under a lock file, so two runs into one folder cannot interleave.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from pipeline.batch.options import BatchOptions, BatchReport, LOCK_FILE
from pipeline.models import DocumentResult
from pipeline.output.schema import TABLES


@contextlib.contextmanager
def _output_lock(out: Path):
    """Serialise the read-merge-write of two batches writing to the same folder.

    Without it, two concurrent runs would each merge their documents into the
    records as they were before either wrote, and the second write would drop
    the first run's documents.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with open(out / LOCK_FILE, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write_outputs(report: BatchReport, opts: BatchOptions) -> dict[str, int]:
    """Merge, write files, data package, database; returns rows per table."""
    with _output_lock(Path(opts.out)):
        return _write_outputs_locked(report, opts)


def _write_outputs_locked(report: BatchReport, opts: BatchOptions) -> dict[str, int]:
    from pipeline.corpus.build import build_corpus, write_index_page
    from pipeline.output import parts
    from pipeline.output.datapackage import write_datapackage
    from pipeline.output.records import documents_table

    out = Path(opts.out)
    results = [report.results[d] for d in dict.fromkeys(e.doc_id for e in report.entries)]
    doc_ids = [r.document.doc_id for r in results]
    # This run's rows as Arrow tables (read from the parts the workers staged): no pandas
    # copy of them is kept beside the merged frames, which hold the same rows.
    new = document_rows([(report.tables[d], report.parts.get(d)) for d in doc_ids])
    new["documents"] = documents_table(results)  # file names were set here
    earlier = parts.read_earlier(out, report.warnings)
    merged = parts.merge(earlier, new, doc_ids)
    del new
    for name, rows in earlier.items():  # only which parts to rewrite is needed from here on
        if name != "documents":
            rows.table = None
    frames = parts.frames(merged)
    if _write_evidence(out, frames, results):
        # Statuses changed: the documents rows must say so too.
        merged["documents"] = parts.merge({"documents": earlier["documents"]},
                                          {"documents": documents_table(results)}, doc_ids)["documents"]
        frames["documents"] = merged["documents"].to_pandas()
    corpus = build_corpus(out, frames, report.warnings)
    parts.write_merged(out, merged, earlier, _new_parts(report, frames["documents"], doc_ids, opts),
                       opts.formats, corpus)
    del merged
    write_datapackage(out)
    if corpus:
        write_index_page(out, {**frames, **corpus}, report.warnings)
    if (opts.db or "").lower() != "none":
        from pipeline.output.store import default_url, make_engine, replace_corpus, replace_documents

        ids = set(doc_ids)
        new = {name: df[df["doc_id"].isin(ids)] for name, df in frames.items()}
        try:
            engine = make_engine(opts.db or default_url(out))
            try:
                replace_documents(engine, new, doc_ids)
                if corpus:
                    replace_corpus(engine, corpus)
            finally:
                engine.dispose()
        except Exception as err:  # noqa: BLE001 - files are written; report the database problem
            report.db_error = f"database not updated: {type(err).__name__}: {str(err).splitlines()[0]}"
    return {name: len(df) for name, df in frames.items()}


def _new_parts(report: BatchReport, docs, doc_ids: list[str], opts: BatchOptions) -> dict:
    """This run's parts by document: the workers' ones, and the documents rows (of ``docs``,
    the merged documents frame) serialised here."""
    from pipeline.output.parts import frame_parts

    out = {}
    for doc_id in doc_ids:
        out[doc_id] = dict(report.parts.get(doc_id) or {})
        rows = docs[docs["doc_id"] == doc_id]
        if len(rows):
            out[doc_id]["documents"] = frame_parts("documents", rows.reset_index(drop=True), opts.formats)
    return out


def document_rows(documents: list[tuple[dict, dict | None]]) -> dict:
    """This run's rows per table, as Arrow tables, from each document's ``(tables, parts)``:
    the tables a worker sent as frames, the others read back from its Parquet parts (a
    pool worker sends only the documents row as a frame)."""
    import pyarrow as pa

    from pipeline.output.parts import read_part_table, to_arrow

    pieces: dict[str, list] = {name: [] for name in TABLES}
    for tables, parts in documents:
        for name in TABLES:
            if name in tables:
                if len(tables[name]):
                    pieces[name].append(to_arrow(name, tables[name]))
            elif "parquet" in (parts or {}).get(name, {}):
                pieces[name].append(read_part_table(name, parts[name]["parquet"]))
    return {name: pa.concat_tables(found) for name, found in pieces.items() if found}


def _mark_partial(results: list[DocumentResult], reason: str) -> None:
    for r in results:
        info = r.document
        if info.status == "failed":
            continue
        info.status = "partial"
        info.error = "; ".join(filter(None, [info.error, reason]))


def _build_evidence(tables: dict, results: list[DocumentResult]):
    """The evidence table of this batch's documents (empty when the stage is absent or fails)."""
    from pipeline.output.records import empty_frame, to_frame

    try:
        from pipeline.output.evidence import build_evidence
    except ImportError:
        return empty_frame(TABLES["evidence"])
    try:
        return to_frame("evidence", build_evidence(tables))
    except Exception as err:  # noqa: BLE001 - isolate the stage
        _mark_partial(results, f"evidence stage failed ({type(err).__name__}: {err})")
        return empty_frame(TABLES["evidence"])


def _write_evidence(out: Path, tables: dict, results: list[DocumentResult]) -> bool:
    """Write the evidence workbook and review pages; returns True when a failure changed statuses."""
    try:
        from pipeline.batch.evidence import write_evidence
    except ImportError:
        return False
    try:
        write_evidence(out, tables, [r.document.doc_id for r in results])
    except Exception as err:  # noqa: BLE001 - isolate the stage
        _mark_partial(results, f"evidence/review output failed ({type(err).__name__}: {str(err)[:200]})")
        return True
    return False
