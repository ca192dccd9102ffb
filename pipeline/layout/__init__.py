"""Layout stage: a PDF file → a :class:`~pipeline.layout.extract.LayoutDocument`.

In: the path of a PDF (and optionally an OCR function for pages without a usable
text layer). Out: a ``LayoutDocument`` — per page, the blocks (paragraph-sized runs
of lines) in reading order with their geometry, font sizes, kind (body, heading,
footnote, table, box, sidebar, contents, furniture…), footnote series and markers,
plus document-wide facts (body size, language hint, outline, problems found).

Modules: :mod:`~pipeline.layout.pdfcheck` (is the file a readable PDF),
:mod:`~pipeline.layout.extract` (drives the pages; furniture; merges across breaks),
:mod:`~pipeline.layout.page` / :mod:`~pipeline.layout.lines` / :mod:`~pipeline.layout.blocks`
(words → lines → blocks), :mod:`~pipeline.layout.regions` (columns, bands, boxes),
:mod:`~pipeline.layout.page_kinds` (cover, contents, decorations),
:mod:`~pipeline.layout.footnotes`, :mod:`~pipeline.layout.tables`,
:mod:`~pipeline.layout.shapes`, :mod:`~pipeline.layout.textjoin` (hyphenation, joining),
:mod:`~pipeline.layout.ocr`, :mod:`~pipeline.layout.orient` (turned pages),
:mod:`~pipeline.layout.tagged` (tagged PDFs), :mod:`~pipeline.layout.textcheck`
(damage checks), :mod:`~pipeline.layout.debug` (``mgi debug`` page drawings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.layout.extract import LayoutDocument, extract_layout

__all__ = ["LayoutDocument", "extract_layout"]


def __getattr__(name: str) -> Any:
    """``LayoutDocument`` and ``extract_layout``, imported on first use.

    Importing a light module of the package (``pdfcheck``, which the batch's parent
    uses to vet its inputs) must not import the page reader: pdfplumber, pdfminer
    and the cryptography it loads cost the parent 15 MB it never uses (issue #14).
    """
    if name in __all__:
        from pipeline.layout import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
