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

#: What the stages after the layout import, heaviest first; the batch's parent needs
#: the output ones too. spaCy itself (about half a second) is imported before them,
#: through :func:`pipeline.citations.nlp.import_spacy`.
STAGE_MODULES = (
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


def load_all(loaders: tuple[str, ...]) -> None:
    """Call each ``"module:function"`` of ``loaders`` (cached loaders, called for their
    side effect), ignoring failures as :func:`import_all` does."""
    for loader in loaders:
        module, _, function = loader.partition(":")
        with contextlib.suppress(Exception):
            getattr(importlib.import_module(module), function)()


#: What every stage after the layout loads, whatever the language: spaCy (without its
#: command line: 12 MB less at a worker's peak; first, before the stage modules that
#: import it), the morphology dictionaries (Russian lemmas, for both the citation and
#: the domain stage) and the country list (the report metadata step finds the country
#: in the title).
STAGE_LOADERS = (
    "pipeline.citations.nlp:import_spacy",
    "pipeline.morph:analyzer",
    "pipeline.corpus.metadata:countries",
)
#: What the corpus step loads, in the batch's parent: morphology for title keys, the
#: country list and the glossary's country words (proper names in act titles), the
#: international instruments by which it links treaties.
OUTPUT_LOADERS = (
    "pipeline.morph:analyzer",
    "pipeline.corpus.metadata:countries",
    "pipeline.corpus.glossary:_country_words",
    "pipeline.citations.instruments:instruments",
)


#: Characters of the report's first pages on which the citation finder is warmed up.
WARM_UP_CHARS = 30_000


def warm_up(lang: str | None = None, sample: str = "") -> None:
    """Import the later stages and load the data they share; with a known ``lang``,
    also that language's citation finder, domain lexicon and sub-area taxonomy.

    With ``sample`` (text of the report's first pages, as PDFium reads it), the
    citation finder also runs once over its first :data:`WARM_UP_CHARS` characters:
    the finder's first pass over a report costs about twice its second (spaCy meets
    every word for the first time, morphology parses are cached, the patterns that
    only some texts need are compiled), and the report's own words are the ones
    worth having met. The tables' writers run once on an empty document for the
    same reason (pandas and pyarrow set up their converters on first use).

    Safe to call again: imports and the loaders are cached per process.
    """
    load_all(STAGE_LOADERS)
    import_all(STAGE_MODULES)
    with contextlib.suppress(Exception):
        from pipeline.models import DocumentInfo, DocumentResult
        from pipeline.output.parts import frame_parts
        from pipeline.output.records import result_tables
        from pipeline.output.schema import FORMATS

        empty = DocumentResult(document=DocumentInfo(doc_id="0" * 16, file="warm-up", sha256="0" * 64))
        for name, frame in result_tables([empty]).items():
            frame_parts(name, frame, FORMATS, coerce=False)
    if not lang or lang == "auto":
        return  # the language is known only once the pages are read
    with contextlib.suppress(Exception):
        from pipeline.citations.find import finder
        from pipeline.citations.instruments import instruments

        found = finder(lang)
        instruments()
        if sample.strip():
            found.find(sample[:WARM_UP_CHARS])
    with contextlib.suppress(Exception):
        from pipeline.domains import load_lexicon, load_taxonomy

        # Loaded, not run on the sample: lemmatising the first pages here cost the
        # cold run more (0.05–0.1 s of a page process's core) than it saved the domain stage.
        load_lexicon(lang)
        load_taxonomy(lang)


def warm_outputs(database: bool = False, languages: tuple[str, ...] | list[str] = ()) -> None:
    """Import the output writers and load the data the corpus step shares (morphology
    for title keys, the country list), in the batch's parent while its workers run;
    with ``database``, the database layer too; for each of ``languages``, what the
    corpus step loads for that language's act titles (lexicon, stemmer, glossary)."""
    import_all(OUTPUT_MODULES + (DATABASE_MODULES if database else ()))
    load_all(OUTPUT_LOADERS)
    for lang in languages:
        with contextlib.suppress(Exception):
            from pipeline.citations.normalize import title_key
            from pipeline.corpus.glossary import concept_key, proper_names

            title = "Law No. 1 on Migration (2000)"  # any title: the loaders are what is wanted
            title_key(title, lang)
            concept_key(title, lang)
            proper_names(title, lang)
