"""Assemble a long PDF from the sample's pages (for the memory benchmark).

Usage: python bench/make_long.py [--pages N] [--src PDF] [--out PATH]

Repeats the sample's pages in order (1..39, 1..39, …) until the document has N pages
(default 500, the batch's page limit), with pikepdf (a test dependency). Each page gets
its own copy of its content stream, as in a real long report (a parser that keeps
every page's decoded stream shows its cost here); fonts and images stay shared, as in
a real report. The result goes to /tmp by default and is not committed: it is made
again in a second when needed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "raw" / "mgi-kyrgyzstan-2022-ru.pdf"
DEFAULT_PAGES = 500


def make_long(src: Path = SAMPLE, pages: int = DEFAULT_PAGES, out: Path | None = None) -> Path:
    """Write ``pages`` pages cycling through ``src``'s pages; returns the path (reused when present)."""
    import pikepdf

    out = out or Path("/tmp") / f"{src.stem}-x{pages}.pdf"
    if out.exists() and out.stat().st_mtime >= src.stat().st_mtime:
        return out
    with pikepdf.open(src) as pdf, pikepdf.new() as long:
        n = len(pdf.pages)
        for k in range(pages):
            long.pages.append(pdf.pages[k % n])
            page = long.pages[-1].obj
            data = b"\n".join(s.read_bytes() for s in _streams(page.Contents))
            page.Contents = long.make_stream(data)
        tmp = out.with_suffix(".part")
        long.save(tmp)
    tmp.replace(out)
    return out


def _streams(contents) -> list:
    """A page's content streams (``/Contents`` is a stream or an array of them)."""
    import pikepdf

    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=DEFAULT_PAGES)
    ap.add_argument("--src", type=Path, default=SAMPLE)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    print(make_long(args.src, args.pages, args.out))


if __name__ == "__main__":
    main()
