"""Output stage: typed results → tables → files and a database.

In: :class:`~pipeline.models.DocumentResult` objects (from the per-document stages).
Out: pandas tables whose columns are declared once in :mod:`pipeline.output.schema`
(:func:`result_tables`), written atomically as Parquet, CSV and JSON Lines
(:func:`write_tables`, :mod:`pipeline.output.records`), loaded into SQLite or any
SQLAlchemy database (:mod:`pipeline.output.store`), described by a Frictionless
``datapackage.json`` (:mod:`pipeline.output.datapackage`); the evidence table
(acts behind each domain's strengths and gaps, :mod:`pipeline.output.evidence`) and
its workbook ``evidence.xlsx`` (:mod:`pipeline.output.workbook`).
A new output format goes here.
"""

from pipeline.output.records import result_tables, write_tables

__all__ = ["result_tables", "write_tables"]
