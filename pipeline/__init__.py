"""mgi-pipeline: IOM Migration Governance Indicators (MGI) reports from PDF to structured data.

Stages, one package each, in pipeline order: :mod:`pipeline.layout` (PDF → lines → blocks),
:mod:`pipeline.structure` (blocks → section tree and paragraph records),
:mod:`pipeline.citations` (legal-act mentions), :mod:`pipeline.domains`
(MGI domain per paragraph), :mod:`pipeline.output` (tables, files, database, evidence),
:mod:`pipeline.corpus` (cross-document work), :mod:`pipeline.review` (HTML pages),
:mod:`pipeline.batch` (runs), :mod:`pipeline.cli` (the ``mgi`` command). See ARCHITECTURE.md.
"""

__version__ = "0.1.0"
