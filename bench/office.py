"""Typeset flat ODF documents to PDF with LibreOffice (shared by the fixture makers)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Seconds one conversion may take.
CONVERT_TIMEOUT = 300


#: ``--convert-to`` target that exports a tagged PDF (structure tree with H1–H6, P, L,
#: Note…); pass it as ``convert_to`` to :func:`fodt_to_pdf`.
TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def fodt_to_pdf(documents: dict[str, str], out_dir: Path, convert_to: str = "pdf") -> list[Path]:
    """Write each ``name: fodt text`` as ``out_dir/name.pdf`` through LibreOffice.

    Exits with a message when LibreOffice (Debian's ``libreoffice-writer-nogui``) is
    missing. A throw-away profile keeps runs independent of the user's settings.
    ``convert_to`` is LibreOffice's ``--convert-to`` argument: the filter and its
    options, e.g. :data:`TAGGED_PDF`.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in documents.items():
            src = Path(tmp) / f"{name}.fodt"
            src.write_text(text, encoding="utf-8")
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", convert_to, "--outdir", str(out_dir), str(src)],
                           check=True, capture_output=True, timeout=CONVERT_TIMEOUT)
            written.append(out_dir / f"{name}.pdf")
    return written
