"""Warming up the stages after the layout while a document's pages are being read.

A cold run of one report spends about a second importing and building what the
stages after the layout need (spaCy and its matchers, the morphology dictionaries,
lexicons, pandas for the tables) before it can use them. Done after the layout,
that second is serial time with the other cores idle; done while the page
processes read (the worker process only waits for them then), it costs no wall
time on a machine with a core to spare (issue #14, "warm-up once, cheaply").

Everything here is best effort: a module that fails to import fails again, with
its real error, where the stage uses it.
"""

from __future__ import annotations

import contextlib
import importlib

#: What the stages after the layout import, heaviest first (spaCy alone is about
#: half a second); the batch's parent needs the output ones too.
STAGE_MODULES = (
    "spacy",
    "spacy.matcher",
    "pipeline.structure",
    "pipeline.citations",
    "pipeline.citations.find",
    "pipeline.domains",
    "pipeline.domains.tfidf",
    "pipeline.corpus.metadata",
    "pipeline.output.records",
    "pipeline.output.evidence",
)
#: What the batch's parent needs to write the outputs of a run (the corpus step
#: links acts with the citation stage's title keys).
OUTPUT_MODULES = (
    "pipeline.output.records",
    "pipeline.output.datapackage",
    "pipeline.corpus.build",
    "pipeline.corpus.acts",
    "pipeline.batch.evidence",
    "pipeline.output.workbook",
    "openpyxl",  # the evidence workbook's writer: a third of a second to import
)
#: What loading the database needs (SQLAlchemy and its SQLite dialect: a quarter of a
#: second, serial time at the end of a run when imported there).
DATABASE_MODULES = (
    "pipeline.output.store",
    "sqlalchemy.dialects.sqlite",
)


def import_all(names: tuple[str, ...]) -> None:
    """Import ``names``, ignoring failures (the stage reports them when it runs)."""
    for name in names:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def warm_up(lang: str | None = None) -> None:
    """Import the later stages and load the data they share; with a known ``lang``,
    also that language's citation finder, domain lexicon and sub-area taxonomy.

    Safe to call again: imports and the loaders are cached per process.
    """
    import_all(STAGE_MODULES)
    with contextlib.suppress(Exception):
        from pipeline.morph import analyzer

        analyzer()  # the morphology dictionaries (Russian lemmas), shared by both stages
    if not lang or lang == "auto":
        return  # the language is known only once the pages are read
    with contextlib.suppress(Exception):
        from pipeline.citations.find import finder

        finder(lang)
    with contextlib.suppress(Exception):
        from pipeline.domains import load_lexicon, load_taxonomy

        load_lexicon(lang)
        load_taxonomy(lang)


def warm_outputs(database: bool = False) -> None:
    """Import the output writers and load the data the corpus step shares (morphology
    for title keys, the country list), in the batch's parent while its workers run;
    with ``database``, the database layer too."""
    import_all(OUTPUT_MODULES + (DATABASE_MODULES if database else ()))
    with contextlib.suppress(Exception):
        from pipeline.morph import analyzer

        analyzer()
    with contextlib.suppress(Exception):
        from pipeline.corpus.metadata import countries

        countries()
    with contextlib.suppress(Exception):
        from pipeline.citations.instruments import instruments

        instruments()  # international instruments, by which the corpus links treaties
