"""Typeset the truth model of the sample report in other layouts (test fixtures).

The sample PDF comes from a LibreOffice flat document (``corpus/*.fodt``). This
script rewrites its page and font styles and converts each variant with LibreOffice
(Debian's ``libreoffice-writer-nogui``), so that the layout stage is checked on
layouts it was not tuned on: two columns on US Letter with other fonts, and a small
A5 page (many page breaks, footnotes and paragraphs continued overleaf).

Usage: python bench/make_layouts.py [OUT_DIR]   (default tests/fixtures/layouts)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.exists())
SOURCE = SHARED / "corpus" / "mgi-kyrgyzstan-2022-ru.fodt"

VARIANTS = {
    # name: (page width, page height, margin, columns, serif font, sans font)
    "twocol-letter": ("21.59cm", "27.94cm", "1.8cm", 2, "DejaVu Serif", "Liberation Sans"),
    "a5-liberation": ("14.8cm", "21.0cm", "1.5cm", 1, "Liberation Serif", "DejaVu Sans"),
}


def variant(fodt: str, width: str, height: str, margin: str, columns: int, serif: str, sans: str) -> str:
    def props(m: re.Match) -> str:
        tag = m.group(0)
        tag = re.sub(r'fo:page-width="[^"]*"', f'fo:page-width="{width}"', tag)
        tag = re.sub(r'fo:page-height="[^"]*"', f'fo:page-height="{height}"', tag)
        for side in ("top", "bottom", "left", "right"):
            tag = re.sub(rf'fo:margin-{side}="[^"]*"', f'fo:margin-{side}="{margin}"', tag)
        return tag

    out = re.sub(r"<style:page-layout-properties [^>]*>", props, fodt)
    if columns > 1:
        body = out.index('<style:page-layout style:name="pmBody"')
        close = out.index(">", out.index("<style:page-layout-properties", body)) + 1
        out = out[:close] + f'<style:columns fo:column-count="{columns}" fo:column-gap="0.6cm"/>' + out[close:]
    out = out.replace("svg:font-family=\"'PT Serif'\"", f"svg:font-family=\"'{serif}'\"")
    out = out.replace("svg:font-family=\"'PT Sans'\"", f"svg:font-family=\"'{sans}'\"")
    return out


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "layouts"
    out_dir.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    fodt = SOURCE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in VARIANTS.items():
            src = Path(tmp) / f"{name}.fodt"
            src.write_text(variant(fodt, *spec), encoding="utf-8")
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", "pdf", "--outdir", str(out_dir), str(src)],
                check=True, capture_output=True, timeout=300,
            )
            print(out_dir / f"{name}.pdf")


if __name__ == "__main__":
    main()
