"""Structure stage: a :class:`~pipeline.layout.extract.LayoutDocument` → a :class:`~pipeline.models.DocumentResult`.

In: the layout stage's blocks and the document's :class:`~pipeline.models.DocumentInfo`.
Out: a ``DocumentResult`` holding the section tree (:class:`~pipeline.models.Section`:
domain chapters, strength/gap parts, summary, annexes, bibliography, legislation
table) and the paragraph records (:class:`~pipeline.models.Paragraph`, with pages,
section path, section-given domain and assessment, footnote links). Heading names
come from ``pipeline/data/structure/<lang>.yaml``. The code is in :mod:`pipeline.structure.build`.
"""

from pipeline.structure.build import build_document

__all__ = ["build_document"]
