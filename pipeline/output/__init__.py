"""Output stage: typed results → tables → files and a database.

In: :class:`~pipeline.models.DocumentResult` objects (from the per-document stages).
Out: pandas tables whose columns are declared once in :mod:`pipeline.output.schema`
(:func:`result_tables`), written atomically as Parquet, CSV and JSON Lines
(:func:`write_tables`, :mod:`pipeline.output.records`; per-document parts concatenated
into the merged files, :mod:`pipeline.output.parts`), loaded into SQLite or any
SQLAlchemy database (:mod:`pipeline.output.store`), described by a Frictionless
``datapackage.json`` (:mod:`pipeline.output.datapackage`); the evidence table
(acts behind each domain's strengths and gaps, :mod:`pipeline.output.evidence`) and
its workbook ``evidence.xlsx`` (:mod:`pipeline.output.workbook`).
A new output format goes here.
"""


__all__ = ["result_tables", "write_tables"]


def __getattr__(name: str):
    """Import the pandas-backed writers on first use (PEP 562).

    Importing a light submodule (``pipeline.output.schema``) runs this package's
    ``__init__`` first; importing pandas here would cost every command, even one
    that writes nothing (a re-run of an unchanged folder), about 0.6 s.
    """
    if name in __all__:
        from pipeline.output import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
