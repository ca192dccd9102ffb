"""mgi-pipeline: IOM Migration Governance Indicators (MGI) reports from PDF to structured data.

Stages, one module each: :mod:`pipeline.layout` (PDF → lines → blocks),
:mod:`pipeline.structure` (blocks → section tree and paragraph records),
:mod:`pipeline.citations` (legal-act mentions), :mod:`pipeline.domains`
(MGI domain per paragraph), :mod:`pipeline.records` and :mod:`pipeline.store`
(outputs), :mod:`pipeline.cli` (the ``mgi`` command).
"""

__version__ = "0.1.0"
