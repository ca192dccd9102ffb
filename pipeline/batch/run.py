"""Batch runs: many PDFs, each isolated, re-runnable, written atomically.

``mgi run`` calls :func:`run_batch`. Each file is processed by
:func:`pipeline.batch.runner.process_document` in a worker process, so one file's
failure (even a crash of the PDF library) is recorded as that file's status and
the batch goes on. Results are merged into ``out/`` per document (a re-run
replaces a document's rows, never appends them), written as Parquet, CSV and
JSON Lines with a Frictionless ``datapackage.json``, loaded into the database
(SQLite by default, any SQLAlchemy URL), and summarised in ``manifest.json``.

Duplicate content: two files with the same bytes (a renamed copy) have the same
``doc_id``. The batch parses the content once, writes its records once (the
``documents`` row names the first file in sorted order), and lists every file in
the manifest, the copies with ``duplicate_of`` naming that first file.

Exit status (see :data:`EXIT_CODES`): 0 when every document is ``ok``; 1 when
some are ``partial`` or ``needs_ocr`` but none failed; 2 when at least one file
failed; 3 when no input file was found; 4 when outputs could not be written;
130 when interrupted (outputs of the previous run are left intact).
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

from pipeline.batch import stamp
from pipeline.batch.inputs import Rejected, collect_inputs, display_name
from pipeline.batch.manifest import _exit_code, _manifest, _summary
from pipeline.batch.options import (
    BatchOptions,
    BatchReport,
    CACHE_DIR,
    EXIT_INTERRUPTED,
    EXIT_NO_INPUT,
    EXIT_OUTPUT_ERROR,
    FileEntry,
    LOG_DIR,
    MANIFEST,
)
from pipeline.batch.outputs import _write_outputs
from pipeline.batch.pool import _Progress, _process_all, _process_inline


def run_batch(paths: list[Path], opts: BatchOptions) -> int:
    """Process files and folders into ``opts.out``; returns the exit status.

    Args:
        paths: PDF files and/or folders (searched recursively for ``*.pdf``).
        opts: Batch options.

    Returns:
        One of the ``EXIT_*`` codes (documented in the module docstring).
    """
    from pipeline.batch.inputs import doc_id_for, file_sha256

    out = Path(opts.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"cannot use output folder {out}: {err.strerror or err}", file=sys.stderr)
        return EXIT_OUTPUT_ERROR
    files, rejected = collect_inputs(list(paths))
    report = BatchReport(rejected=rejected)
    if not files and not rejected:
        print(f"no PDF files found in: {', '.join(map(str, paths))}", file=sys.stderr)
        return EXIT_NO_INPUT
    first: dict[str, FileEntry] = {}
    for f in files:
        try:
            sha = file_sha256(f)
        except OSError as err:
            report.rejected.append(Rejected(f, f"cannot read: {err.strerror or err}"))
            continue
        entry = FileEntry(path=f, sha256=sha, doc_id=doc_id_for(sha))
        if entry.doc_id in first:
            entry.duplicate_of = display_name(first[entry.doc_id].path)
        else:
            first[entry.doc_id] = entry
        report.entries.append(entry)
    todo = list(first.values())
    # Checked before pandas and the stages are imported: an unchanged folder costs only this.
    key = stamp.run_key(report.entries, opts) if not report.rejected else None
    previous = stamp.unchanged(out, key, opts) if key else None
    if previous is not None:
        return stamp.replay(out, opts, previous)
    stamp.clear(out)
    from pipeline.batch.runner import sweep_cache
    from pipeline.output.atomic import sweep_temp_files, write_text_atomic
    from pipeline.output.staging import staging_area, sweep_staging

    sweep_temp_files(out)
    sweep_staging(out)
    cache_dir, log_dir = out / CACHE_DIR, out / LOG_DIR
    sweep_cache(cache_dir)
    # The run's staging area lives until its parts are committed (or the run ends).
    with staging_area(out) as stage_dir:
        try:
            with _Progress(len(todo), opts.progress) as ui:
                run = _process_all if opts.isolate else _process_inline
                # Local workers stage parts as files; dask workers may be remote and send bytes.
                staging = {"stage_dir": stage_dir}
                if opts.executor == "dask":
                    from pipeline.batch.executors import process_dask as run

                    staging = {}
                done = run(todo, opts, cache_dir, log_dir, ui, **staging) if todo else {}
        except KeyboardInterrupt:
            print("interrupted: outputs of the previous run are left intact", file=sys.stderr)
            return EXIT_INTERRUPTED
        except OSError as err:  # the executor's infrastructure (e.g. a dask scheduler): nothing written
            print(f"cannot process the files: {err}; outputs of the previous run are left intact", file=sys.stderr)
            return EXIT_OUTPUT_ERROR
        for e in report.entries:
            res, seconds, cached, tables, parts = done[e.doc_id]
            report.results[e.doc_id] = res
            report.tables[e.doc_id] = tables
            report.parts[e.doc_id] = parts
            if e.duplicate_of is None:
                e.seconds, e.cached = seconds, cached
                res.document.file = display_name(e.path)
        try:
            counts = _write_outputs(report, opts)
        except KeyboardInterrupt:
            print("interrupted while writing: earlier outputs are intact; run again", file=sys.stderr)
            return EXIT_INTERRUPTED
        except Exception as err:  # noqa: BLE001 - the user gets one line, the log the traceback
            import traceback

            log = log_dir / "batch-outputs.log"
            with contextlib.suppress(OSError):
                log.parent.mkdir(parents=True, exist_ok=True)
                log.write_text(traceback.format_exc(), encoding="utf-8")
            print(f"could not write outputs to {out}: {type(err).__name__}: {err} (details: {log})", file=sys.stderr)
            return EXIT_OUTPUT_ERROR
    statuses = [report.results[e.doc_id].document.status for e in report.entries]
    report.exit_code = EXIT_OUTPUT_ERROR if report.db_error else _exit_code(statuses, report.rejected)
    write_text_atomic(out / MANIFEST, json.dumps(_manifest(report, opts, counts), ensure_ascii=False, indent=2))
    _summary(report, out)
    if key:
        stamp.save(out, key, report)
    return report.exit_code
