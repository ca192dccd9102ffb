"""The corpus step: corpus tables and the index page from the records of an output folder.

Run after every batch (:mod:`pipeline.batch.run`) and by ``mgi evidence`` (which rebuilds
every view of the records without parsing a PDF). The corpus tables are rebuilt whole
from the per-document records each time — linking a hundred reports takes about two
seconds — and keep the corpus ids of the folder's earlier ``act_links``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)


def build_corpus(out: Path, tables: dict[str, pd.DataFrame], warnings: list[str]) -> dict[str, pd.DataFrame]:
    """``corpus_acts``, ``act_links`` and ``evidence_matrix`` over every document of ``tables``.

    Args:
        out: The output folder (its earlier ``act_links`` give the ids to keep).
        tables: Per-document tables of every document in the folder.
        warnings: Where a problem is reported (the run's warnings).

    Returns:
        The corpus tables, or an empty dict when the step failed: the per-document
        records are written all the same and the earlier corpus files stay as they were.
    """
    from pipeline.output.records import read_table

    try:
        from pipeline.corpus.acts import link_corpus
        from pipeline.corpus.matrix import build_evidence_matrix

        try:
            previous = read_table(out, "act_links")
        except Exception:  # noqa: BLE001 - a damaged earlier file only costs id stability
            previous = None
            warnings.append("could not read earlier act_links: corpus act ids made afresh")
        corpus = link_corpus(tables, previous)
        corpus["evidence_matrix"] = build_evidence_matrix({**tables, **corpus})
        return corpus
    except Exception as err:  # noqa: BLE001 - isolate the corpus step
        # one line on stderr like every other problem of a run; the traceback for debugging
        log.debug("corpus step failed", exc_info=True)
        warnings.append(f"corpus tables not updated ({type(err).__name__}: {str(err)[:200]})")
        return {}


def write_index_page(out: Path, tables: dict[str, pd.DataFrame], warnings: list[str]) -> None:
    """``out/index.html``: every report of the folder, the country × domain chart."""
    try:
        from pipeline.corpus.index_page import write_index

        write_index(out, tables, tables.get("evidence_matrix"))
    except Exception as err:  # noqa: BLE001 - the records are written; the page is a view of them
        log.debug("index page failed", exc_info=True)
        warnings.append(f"index.html not updated ({type(err).__name__}: {str(err)[:200]})")
