"""The batch's verdict: exit code, ``manifest.json`` and the closing summary table."""

from __future__ import annotations

import contextlib
from datetime import datetime, timezone
from pathlib import Path

from pipeline.batch.inputs import display_name, name_bytes_hex
from pipeline.batch.options import (
    BatchOptions,
    BatchReport,
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_NOT_ALL_OK,
    EXIT_OK,
)
from pipeline.models import DocumentInfo


def _exit_code(statuses: list[str], rejected: list) -> int:
    if rejected or "failed" in statuses:
        return EXIT_FAILED
    if any(s != "ok" for s in statuses):
        return EXIT_NOT_ALL_OK
    return EXIT_OK


def _reason(info: DocumentInfo) -> str | None:
    return info.error or (info.warnings[0] if info.warnings else None)


def _manifest(report: BatchReport, opts: BatchOptions, counts: dict[str, int]) -> dict:
    files = []
    for e in report.entries:
        info = report.results[e.doc_id].document
        files.append({
            "file": display_name(e.path),
            "file_bytes_hex": name_bytes_hex(e.path),
            "doc_id": e.doc_id,
            "sha256": e.sha256,
            "status": info.status,
            "reason": _reason(info),
            "pages": info.pages,
            "ocr_pages": info.ocr_pages,
            "warnings": info.warnings,
            "duplicate_of": e.duplicate_of,
            "seconds": round(e.seconds, 3),
            "cached": e.cached,
        })
    for r in report.rejected:
        files.append({"file": r.name, "file_bytes_hex": name_bytes_hex(r.path), "doc_id": None,
                      "status": "failed", "reason": r.reason})
    statuses = [f["status"] for f in files]
    return {
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "exit_code": report.exit_code,
        "exit_meaning": EXIT_CODES.get(report.exit_code, ""),
        "options": {"lang": opts.lang, "max_pages": opts.max_pages, "timeout": opts.timeout,
                    "workers": opts.workers, "force": opts.force},
        "database": {"url": _redact(opts.db) if opts.db else "sqlite (default)", "error": report.db_error},
        "counts": {s: statuses.count(s) for s in ("ok", "partial", "needs_ocr", "failed")},
        "warnings": report.warnings,
        "rows": counts,
        "files": files,
    }


def _redact(url: str) -> str:
    """Hide a password in a database URL before it is written anywhere."""
    if "://" not in url:
        return url  # 'none', or no URL at all: nothing to hide (and no SQLAlchemy import)
    with contextlib.suppress(Exception):
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    return url


def _summary(report: BatchReport, out: Path) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(stderr=True)
    rows = [(e, report.results[e.doc_id].document) for e in report.entries]
    bad = [(e, i) for e, i in rows if i.status != "ok"]
    ok = len(rows) - len(bad)
    if bad or report.rejected:
        t = Table("file", "status", "reason", box=None, show_edge=False)
        for e, i in bad:
            t.add_row(escape(display_name(e.path)), i.status, escape(_reason(i) or ""))
        for r in report.rejected:
            t.add_row(escape(r.name), "failed", escape(r.reason))
        console.print(t)
    if report.db_error:
        console.print(f"[red]{escape(report.db_error)}[/red]")
    console.print(f"{ok} ok, {len(bad) + len(report.rejected)} not ok; records in {escape(display_name(out))}/ "
                  f"(exit status {report.exit_code}: {EXIT_CODES[report.exit_code]})")
