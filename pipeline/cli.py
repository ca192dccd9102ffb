"""The ``mgi`` command line.

Each command is a thin shell over a stage function so that the same work can be
driven from Python; imports are lazy so that ``mgi --help`` stays instant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn IOM Migration Governance Indicators (MGI) reports from PDF into structured, citable data.",
)

DEFAULT_OUT = Path("extracted")


@app.command()
def run(
    inputs: list[Path] = typer.Argument(None, help="PDF files or folders (default: raw/)."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Output folder."),
    db: Optional[str] = typer.Option(None, "--db", help="SQLAlchemy URL (default: sqlite:///<out>/mgi.sqlite; 'none' for no database)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", help="Worker processes (default: number of cores)."),
    force: bool = typer.Option(False, "--force", help="Re-parse PDFs even when the layout cache is fresh."),
    lang: str = typer.Option("auto", "--lang", help="Report language: ru, en, es, fr, pt or auto (detected)."),
    max_pages: int = typer.Option(500, "--max-pages", help="Refuse files with more pages than this."),
    timeout: float = typer.Option(600.0, "--timeout", help="Seconds allowed per file."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
    max_memory: int = typer.Option(2048, "--max-memory", help="Memory (MB) a worker may add for one file; 0: no limit."),
    meta: Optional[Path] = typer.Option(None, "--meta", help="CSV of report metadata (file or doc_id, country, year, round…); its values win."),
    executor: str = typer.Option("local", "--executor", help="Where files are processed: local (worker processes) or dask (a dask.distributed cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="With --executor dask: the scheduler's address (tcp://host:8786); default or 'local': a cluster on this machine."),
) -> None:
    """Process report PDFs into tables in OUT (Parquet, CSV, JSON Lines, SQLite).

    Each file is processed in isolation; its status (ok, partial, needs_ocr, failed)
    and a one-line reason go to OUT/manifest.json. Exit status: 0 every document ok;
    1 some partial or needs_ocr, none failed; 2 a file failed or is missing; 3 no
    input; 4 outputs or database could not be written; 130 interrupted.
    """
    from pipeline.batch import EXIT_OUTPUT_ERROR, BatchOptions, run_batch

    paths = inputs or [Path("raw")]
    _check_executor(executor, scheduler)
    user_meta = None
    if meta is not None:
        from pipeline.corpus.metadata import load_meta_csv

        try:
            user_meta = load_meta_csv(meta)
        except (OSError, ValueError, UnicodeDecodeError) as err:
            typer.echo(f"mgi run: --meta: {str(err).splitlines()[0] if str(err) else type(err).__name__}", err=True)
            raise typer.Exit(2) from None
    opts = BatchOptions(out=out, db=db, workers=workers, force=force, lang=lang,
                        max_pages=max_pages, timeout=timeout, progress=progress,
                        max_memory_mb=max_memory or None, meta=user_meta,
                        executor=executor.lower(), scheduler=scheduler)
    try:
        code = run_batch(paths, opts)
    except Exception as err:  # noqa: BLE001 - a documented exit status, never a traceback
        import traceback

        from pipeline.batch.inputs import escape_name

        typer.echo(f"mgi run: internal error: {type(err).__name__}: {escape_name(str(err))[:300]}", err=True)
        typer.echo(escape_name(traceback.format_exc()), err=True)
        code = EXIT_OUTPUT_ERROR
    raise typer.Exit(code)


def _check_executor(executor: str, scheduler: Optional[str]) -> None:
    """Validate --executor/--scheduler before any work: a one-line error and an exit status."""
    import importlib.util

    from pipeline.batch import EXIT_OUTPUT_ERROR

    if executor.lower() not in {"local", "dask"}:
        typer.echo(f"mgi run: --executor must be local or dask, not {executor!r}", err=True)
        raise typer.Exit(2)
    if scheduler is not None and executor.lower() != "dask":
        typer.echo("mgi run: --scheduler needs --executor dask", err=True)
        raise typer.Exit(2)
    if executor.lower() == "dask" and importlib.util.find_spec("distributed") is None:
        typer.echo("mgi run: --executor dask: dask is not installed "
                   "(pip install 'distributed>=2024.8', or reinstall this project)", err=True)
        raise typer.Exit(EXIT_OUTPUT_ERROR)


@app.command()
def debug(
    pdf: Path = typer.Argument(..., exists=True, help="A report PDF."),
    page: list[int] = typer.Option([1], "--page", "-p", help="Page number(s), 1-based."),
    out: Path = typer.Option(Path("extracted/debug"), "--out", "-o", help="Where to write PNGs."),
    resolution: int = typer.Option(110, "--resolution", help="Image resolution (dpi)."),
) -> None:
    """Draw detected blocks, furniture, footnote area and markers on page images."""
    from pipeline.layout.debug import draw_pages

    try:
        paths = draw_pages(pdf, page, out, resolution=resolution)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--page") from None
    for path in paths:
        typer.echo(str(path))


@app.command()
def cite(
    file: str = typer.Argument("-", help="A text file, or - for standard input."),
    lang: str = typer.Option("auto", "--lang", help="ru, en, es, fr, pt or auto."),
) -> None:
    """Print the legal-act citations of a text as JSON Lines (offsets into the input).

    The input is read as UTF-8; each invalid byte sequence becomes one U+FFFD, so
    offsets count the characters of the text so decoded. A language without citation
    data (asked for or detected) is read with the English lexicon and named in a
    warning on stderr.
    """
    import logging

    from pipeline.citations import cite_text

    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as err:
        typer.echo(f"mgi cite: {err}", err=True)
        raise typer.Exit(2) from None
    text = data.decode("utf-8", errors="replace")
    # the warnings are printed below: keep logging's last-resort handler from printing them twice
    logging.getLogger("pipeline.citations").addHandler(logging.NullHandler())
    warnings: list[str] = []
    rows = cite_text(text, lang=lang, warnings=warnings)
    for w in warnings:
        typer.echo(f"mgi cite: warning: {w}", err=True)
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False))


@app.command()
def evidence(
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Folder holding extracted records."),
) -> None:
    """Rebuild evidence tables and review pages from extracted records (no PDF parsing)."""
    from pipeline.batch.evidence import rebuild_from_extracted

    try:
        rebuild_from_extracted(out)
    except FileNotFoundError as err:
        typer.echo(f"mgi evidence: {err}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"evidence tables and review pages rebuilt in {out}/")


@app.command()
def query(
    sql: str = typer.Argument(..., help="A DuckDB SQL query over documents, sections, paragraphs, citations, acts, evidence."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Folder holding extracted records."),
    as_csv: bool = typer.Option(False, "--csv", help="Write CSV to standard output instead of a table."),
) -> None:
    """Query the extracted Parquet tables in place with DuckDB (each table is a view named after it).

    Exit status: 0 done; 2 bad SQL or no extracted tables (a one-line message on stderr).
    """
    from pipeline.corpus.query import QueryError, run_query

    try:
        columns, rows = run_query(sql, out)
    except QueryError as err:
        typer.echo(f"mgi query: {err}", err=True)
        raise typer.Exit(2) from None
    if as_csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, caption=f"{len(rows)} row(s)")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console().print(table)


@app.command()
def compare(
    a: Optional[str] = typer.Argument(None, help="First report: PDF path or doc_id (a unique prefix will do)."),
    b: Optional[str] = typer.Argument(None, help="Second report, likewise."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Folder holding extracted records."),
) -> None:
    """Compare two assessments of one country (acts per domain, findings, summary of changes).

    With no arguments, every first/second pair of one country in OUT. Writes
    OUT/compare/<a>__<b>/ (acts, findings, changes as Parquet and CSV; compare.html).
    Exit status: 0 done; 2 unknown document, nothing to compare or no records.
    """
    from pipeline.cli_compare import run_compare

    raise typer.Exit(run_compare(a, b, out))


@app.command()
def export(
    db: str = typer.Option(..., "--db", help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Folder holding extracted records."),
) -> None:
    """Load existing extracted records into a database (replacing each document's rows)."""
    from pipeline.output.store import export_extracted

    export_extracted(out, db)


def _exit_status(code: object) -> int:
    """The process exit status Python gives ``sys.exit(code)`` (a message: printed, status 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def main() -> None:
    """The ``mgi`` command: the Typer app, then a quick exit.

    Why: the interpreter's shutdown tears down every module a command imported
    (pandas, SQLAlchemy, pyarrow: about a quarter of a second after a run's last
    output is written, a twentieth of a cold run). By the time a command returns,
    everything it wrote is written, synced and closed (outputs are atomic files,
    the database engine is disposed, process pools and dask clients are shut down),
    so the exit handlers run, the streams are flushed and the process leaves with
    ``os._exit``, as multiprocessing's own child processes do. An unexpected
    exception still ends the normal way, with its traceback.
    """
    import atexit
    import os

    try:
        app()
        code = 0
    except SystemExit as exc:
        code = _exit_status(exc.code)
    # What the normal exit runs and matters (logging's flush, multiprocessing ending
    # and reaping child processes left by an interrupted run): the exit handlers.
    # What it would add is the teardown of every module, which nothing here needs.
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
