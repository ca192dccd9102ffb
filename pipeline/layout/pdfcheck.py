"""Input validation: decide, cheaply and without a traceback, whether a file is a PDF we can read.

A batch of past reports always holds a few files that are not what their name
says: a zero-byte download, an HTML error page saved as ``.pdf``, a copy cut off
mid-transfer, a password-protected original. Detecting these *before* the layout
stage lets the batch record a one-line reason a user can act on ("encrypted:
password required") instead of a parser's stack trace, and lets it refuse hostile
files (thousands of pages) before spending minutes on them.

The checks read the file's head and tail by content (never the extension) and
open it with PDFium (:mod:`pypdfium2`, shipped with pdfplumber), which is fast,
tells a wrong password from a format error, and counts pages without parsing
their content streams.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

#: The PDF specification lets readers accept the ``%PDF-`` header anywhere in the
#: first 1024 bytes (some producers prepend junk), so we look that far.
HEADER_WINDOW = 1024
#: ``%%EOF`` must close the file; incremental updates may append a little
#: whitespace after it, so the tail window is generous.
TRAILER_WINDOW = 2048
PDF_MAGIC = b"%PDF-"
EOF_MARKER = b"%%EOF"

#: Check codes (stable identifiers for tests and the manifest).
OK = "ok"
NOT_FOUND = "not_found"
EMPTY = "empty"
NOT_PDF = "not_pdf"
ENCRYPTED = "encrypted"
TRUNCATED = "truncated"
CORRUPT = "corrupt"
TOO_MANY_PAGES = "too_many_pages"
TOO_LARGE = "too_large"


@dataclass(slots=True)
class PdfCheck:
    """What :func:`check_pdf` found.

    Attributes:
        path: The file checked.
        code: One of the module's check codes (``ok``, ``empty``, ``not_pdf``…).
        reason: One line for the user when the file cannot be processed.
        pages: Page count, when the file opened.
        bytes: File size.
        warnings: Non-fatal findings (e.g. a damaged file PDFium could repair).
    """

    path: Path
    code: str
    reason: str | None = None
    pages: int = 0
    bytes: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.code == OK


class BadInputError(Exception):
    """A file that cannot be processed; ``str(err)`` is the user-facing reason."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _describe_head(head: bytes) -> str:
    """Say what a non-PDF file looks like, so the user can tell a saved web page from a text file."""
    stripped = head.lstrip()[:64].lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "looks like an HTML page"
    if stripped.startswith(b"pk\x03\x04"):
        return "looks like a ZIP/Office file"
    try:
        head.decode("utf-8")
        return "looks like plain text"
    except UnicodeDecodeError:
        return "unknown binary content"


def check_pdf(path: Path, *, max_pages: int | None = None, max_bytes: int | None = None) -> PdfCheck:
    """Validate one input file by content.

    Args:
        path: The file.
        max_pages: Refuse files with more pages than this (guard against hostile or
            mistaken inputs such as a merged archive of every report).
        max_bytes: Refuse files larger than this many bytes.

    Returns:
        A :class:`PdfCheck`; ``check.ok`` is False with a one-line ``reason``
        when the file must be skipped. Never raises for a bad file.
    """
    path = Path(path)
    if not path.is_file():
        return PdfCheck(path, NOT_FOUND, f"file not found: {path}")
    size = path.stat().st_size
    if size == 0:
        return PdfCheck(path, EMPTY, "empty file (0 bytes), not a PDF", bytes=0)
    if max_bytes is not None and size > max_bytes:
        return PdfCheck(path, TOO_LARGE, f"file too large: {size} bytes > limit {max_bytes}", bytes=size)
    with path.open("rb") as fh:
        head = fh.read(HEADER_WINDOW)
        fh.seek(max(0, size - TRAILER_WINDOW))
        tail = fh.read()
    if PDF_MAGIC not in head:
        return PdfCheck(path, NOT_PDF, f"not a PDF: no %PDF- header ({_describe_head(head)})", bytes=size)
    has_eof = EOF_MARKER in tail
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            return PdfCheck(path, ENCRYPTED, "encrypted PDF: password required (passwords are not guessed)",
                            bytes=size)
        if not has_eof:
            return PdfCheck(path, TRUNCATED, "truncated or corrupt PDF: file ends without %%EOF "
                            "and has no readable cross-reference table", bytes=size)
        return PdfCheck(path, CORRUPT, f"corrupt PDF: {str(err).splitlines()[0]}", bytes=size)
    try:
        pages = len(doc)
    finally:
        doc.close()
    warnings: list[str] = []
    if not has_eof:
        warnings.append(f"file ends without %%EOF (truncated?); {pages} page(s) recovered")
    if max_pages is not None and pages > max_pages:
        return PdfCheck(path, TOO_MANY_PAGES,
                        f"too many pages: {pages} > limit {max_pages} (raise --max-pages to accept)",
                        pages=pages, bytes=size)
    return PdfCheck(path, OK, None, pages=pages, bytes=size, warnings=warnings)


def parser_error_reason(err: BaseException) -> str:
    """Turn a pdfminer/pdfplumber exception into a one-line reason.

    pdfplumber wraps every pdfminer failure in ``PdfminerException`` whose first
    argument is the original exception; we unwrap it so that an encrypted file
    reads "encrypted", not an empty message.
    """
    inner = err.args[0] if err.args and isinstance(err.args[0], BaseException) else err
    name = type(inner).__name__
    if name == "PDFPasswordIncorrect" or "Encryption" in name:
        return "encrypted PDF: password required (passwords are not guessed)"
    msg = str(inner).strip().splitlines()[0] if str(inner).strip() else name
    return f"could not parse PDF: {msg}"
