"""Batch: files and folders of PDFs → an ``extracted/`` folder (``mgi run``).

In: paths (PDFs and folders) and :class:`BatchOptions`. Out: an exit code
(``EXIT_*``) and, under ``opts.out``, every table in every format, the database,
``datapackage.json``, ``evidence.xlsx``, review pages, the corpus views and
``manifest.json``. Each document runs through every stage
(:func:`pipeline.batch.runner.process_document`: layout → structure → citations →
domains → metadata) isolated in a worker (:mod:`pipeline.batch.pool`, or a dask
cluster: :mod:`pipeline.batch.executors`) under time and memory limits
(:mod:`pipeline.batch.limits`), with a layout cache (:mod:`pipeline.batch.cache`)
and a run stamp (:mod:`pipeline.batch.stamp`: a re-run of an unchanged folder redoes nothing);
inputs are vetted by :mod:`pipeline.batch.inputs`; outputs are merged and written
under a lock (:mod:`pipeline.batch.outputs`, :mod:`pipeline.batch.evidence`), and
the verdict recorded (:mod:`pipeline.batch.manifest`). The batch orchestrates every
stage, so it sits on top of them (only :mod:`pipeline.cli` is above it).
"""

from pipeline.batch.options import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_NO_INPUT,
    EXIT_NOT_ALL_OK,
    EXIT_OK,
    EXIT_OUTPUT_ERROR,
    BatchOptions,
)
from pipeline.batch.run import run_batch

__all__ = ["BatchOptions", "run_batch", "EXIT_CODES", "EXIT_OK", "EXIT_NOT_ALL_OK", "EXIT_FAILED",
           "EXIT_NO_INPUT", "EXIT_OUTPUT_ERROR", "EXIT_INTERRUPTED"]
