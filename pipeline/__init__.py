"""mgi-pipeline: IOM Migration Governance Indicators (MGI) reports from PDF to structured data.

Stages, one package each, in pipeline order: :mod:`pipeline.layout` (PDF → lines → blocks),
:mod:`pipeline.structure` (blocks → section tree and paragraph records),
:mod:`pipeline.citations` (legal-act mentions), :mod:`pipeline.domains`
(MGI domain per paragraph), :mod:`pipeline.output` (tables, files, database, evidence),
:mod:`pipeline.corpus` (cross-document work), :mod:`pipeline.review` (HTML pages),
:mod:`pipeline.batch` (runs), :mod:`pipeline.cli` (the ``mgi`` command). See ARCHITECTURE.md.
"""

import os as _os

__version__ = "0.1.0"

#: The environment variable by which Arrow's C++ library picks its default memory pool.
ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"

# Arrow's C++ code allocates from its default pool whatever ``pyarrow.set_memory_pool``
# says (the Parquet writer does), and that pool is chosen from this variable on first
# use: set here, before anything imports pyarrow. mimalloc, the default, kept 6–8 MB more
# for each Parquet part of a large table a worker wrote, 14 MB at the sample's peak (issue #14); see
# :func:`pipeline.output.records.use_system_allocator`. A user's own choice is kept.
if not _os.environ.get(ARROW_POOL_VARIABLE):
    _os.environ[ARROW_POOL_VARIABLE] = "system"
