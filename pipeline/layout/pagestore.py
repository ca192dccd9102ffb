"""Page reads between the layout stage's two passes: a summary in memory, the read on disk.

Why: the first pass (:mod:`pipeline.layout.reading`) reads every page into lines of
words; the second (:func:`pipeline.layout.extract.extract_layout`) needs document-wide
figures (language, body size, running headers) before it can build any page. Holding
every page's words until then made memory grow with the page count (about 170 kB a
page, plus the copy that crossed from the page processes). Instead, each page's read is
written to a private temporary folder as soon as it is made, and only a summary stays
in memory and crosses process boundaries: the figures the document-wide steps need
(:func:`summarize`). The second pass then loads the reads back one page at a time, in
page order (:meth:`PageSpill.reads`), and drops each once its page is built.

The files are pickles, written and read by this process and its page processes in a
folder only this user can open, and deleted with it (:meth:`PageSpill.close`).
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Lines whose top lies in this top/bottom fraction of the page may be furniture.
FURNITURE_ZONE = 0.13
#: The language is detected from the text of this many first pages.
LANGUAGE_PAGES = 20


def zone(line: Any, height: float) -> str | None:
    """``top`` or ``bottom`` for a line in a margin zone of a page ``height`` high, else None."""
    if line.bottom <= height * FURNITURE_ZONE:
        return "top"
    if line.top >= height * (1 - FURNITURE_ZONE):
        return "bottom"
    return None


def summarize(read: Any, height: float) -> Any:
    """A page read without its lines and tables, with what the document-wide steps need.

    ``margins``: ``(zone, text)`` of the lines in a margin zone, in line order (the
    running-header count); ``sizes``: characters per line size rounded to half a point,
    in the order sizes first occur (the body size); ``texts``: the lines' texts on the
    first :data:`LANGUAGE_PAGES` pages (language detection).
    """
    sizes: dict[float, int] = {}
    for ln in read.lines:
        key = round(ln.size * 2) / 2
        sizes[key] = sizes.get(key, 0) + len(ln.text)
    return dataclasses.replace(
        read, lines=[], tables=[], sizes=sizes,
        margins=[(z, ln.text) for ln in read.lines if (z := zone(ln, height))],
        texts=[ln.text for ln in read.lines] if read.number <= LANGUAGE_PAGES else [])


@contextmanager
def spill_writer(path: str):
    """Append page reads to the file at ``path``: yields ``write(read)``."""
    with open(path, "ab") as fh:
        yield lambda read: pickle.dump(read, fh, protocol=pickle.HIGHEST_PROTOCOL)


class PageSpill:
    """A private temporary folder of page reads, one file per run of pages.

    ``file(start)`` names the file for the pages from ``start`` (0-based); the
    reads come back in page order when every run's file was written in page order.
    """

    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="mgi-pages-")

    def file(self, start: int) -> str:
        return os.path.join(self._dir, f"pages-{start:06d}.pickle")

    def reads(self) -> Iterator[Any]:
        """Every read, in page order; one page's read in memory at a time."""
        for name in sorted(os.listdir(self._dir)):
            with open(os.path.join(self._dir, name), "rb") as fh:
                while True:
                    try:
                        yield pickle.load(fh)
                    except EOFError:
                        break

    def close(self) -> None:
        import shutil

        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> "PageSpill":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
