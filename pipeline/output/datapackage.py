"""The data contract: a Frictionless ``datapackage.json`` and validation of every output.

``extracted/datapackage.json`` describes each table of :mod:`pipeline.output.schema`
(field types, required fields, enumerations, primary and foreign keys) so that a
downstream user can load and check the records with any Frictionless tool
without reading our code. :func:`validate_outputs` checks what a run wrote
against that contract: the CSV package with Frictionless (types, constraints,
primary-key uniqueness, foreign keys across tables), and the Parquet and JSON
Lines mirrors row by row against the same table schemas.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from pipeline.output.records import FORMATS, frame_records, read_table, write_text_atomic
from pipeline.output.schema import CORPUS_TABLES, TABLES, Table, all_tables

PACKAGE_NAME = "mgi-extracted"
DATAPACKAGE = "datapackage.json"
#: Only the empty string means "missing": "NA" or "null" could be real text.
MISSING_VALUES = [""]
#: Validation stops collecting after this many errors per resource (enough to act on).
MAX_ERRORS = 50
#: JSON columns of :mod:`pipeline.output.schema` hold a list, except those whose description
#: starts with ``{`` (an object, e.g. ``documents.meta_sources``).
JSON_FIELD_TYPE = "array"
JSON_OBJECT_TYPE = "object"


def field_descriptor(table: Table, name: str) -> dict:
    col = next(c for c in table.columns if c.name == name)
    # Frictionless' ``array`` type is JSON text in CSV, which is exactly how list
    # columns are stored, so validation also checks that each cell parses.
    json_type = JSON_OBJECT_TYPE if col.description.startswith("{") else JSON_FIELD_TYPE
    d: dict = {"name": col.name, "type": json_type if col.json else col.type}
    if col.json:
        d["description"] = (col.description + " " if col.description else "") + "(JSON text)"
    elif col.description:
        d["description"] = col.description
    constraints: dict = {}
    if col.required or col.name in table.primary_key:
        constraints["required"] = True
    if col.enum:
        constraints["enum"] = list(col.enum)
    if constraints:
        d["constraints"] = constraints
    return d


def table_schema(table: Table) -> dict:
    """The Frictionless Table Schema of one table."""
    schema: dict = {
        "fields": [field_descriptor(table, n) for n in table.names],
        "primaryKey": list(table.primary_key),
        "missingValues": MISSING_VALUES,
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(local), "reference": {"resource": ref, "fields": list(remote)}}
            for local, ref, remote in table.foreign_keys
        ]
    return schema


def build_datapackage(tables: Sequence[Table] | None = None) -> dict:
    """The package descriptor: one CSV resource per table (Parquet/JSON Lines mirror them)."""
    tables = list(tables or all_tables().values())
    return {
        "name": PACKAGE_NAME,
        "title": "MGI report records",
        "description": "Records extracted from IOM Migration Governance Indicators reports. "
                       "Each table is also written as <name>.parquet and <name>.jsonl with the "
                       "same columns; list-valued fields are JSON text.",
        "profile": "tabular-data-package",
        "resources": [
            {
                "name": t.name,
                "path": f"{t.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": t.description,
                "schema": table_schema(t),
            }
            for t in tables
        ],
    }


def write_datapackage(out: Path) -> Path:
    """Write ``out/datapackage.json`` atomically.

    Corpus tables are listed when the run wrote them (a run whose corpus step
    failed leaves them out rather than describe files that are not there).
    """
    out = Path(out)
    tables = list(_present_tables(out).values())
    text = json.dumps(build_datapackage(tables), ensure_ascii=False, indent=2) + "\n"
    return write_text_atomic(Path(out) / DATAPACKAGE, text)


def _present_tables(out: Path) -> dict[str, Table]:
    """Every per-document table, and the corpus tables written to ``out``."""
    return {**TABLES, **{n: t for n, t in CORPUS_TABLES.items()
                         if any((out / f"{n}.{fmt}").exists() for fmt in FORMATS)}}


def _report_errors(report, where: str) -> list[str]:
    errors = []
    for task in report.tasks:
        for err in task.errors[:MAX_ERRORS]:
            errors.append(f"{where}:{task.name}: {err.type}: {err.message}")
    for err in report.errors[:MAX_ERRORS]:
        errors.append(f"{where}: {err.type}: {err.message}")
    return errors


def validate_outputs(out: Path, formats: Sequence[str] = FORMATS) -> list[str]:
    """Check every output of ``out`` against the data contract.

    Args:
        out: A folder written by a batch (must hold ``datapackage.json`` and the CSVs).
        formats: Which mirrors to check besides the CSV package.

    Returns:
        Error messages; empty when every file conforms.
    """
    from frictionless import Package, Resource, Schema, validate

    out = Path(out)
    errors: list[str] = []
    pkg = out / DATAPACKAGE
    if not pkg.exists():
        return [f"{pkg}: missing"]
    if "csv" in formats:
        errors += _report_errors(validate(str(pkg)), "csv")
    csv_counts: dict[str, int] = {}
    for fmt in formats:
        if fmt == "csv":
            continue
        # The mirror is loaded into an inline package with the same schemas, so
        # foreign keys across its tables are checked too, not only types.
        resources = []
        for name, table in _present_tables(out).items():
            path = out / f"{name}.{fmt}"
            if not path.exists():
                errors.append(f"{path}: missing")
                continue
            if fmt == "parquet":
                import pyarrow.parquet as pq

                cols = pq.read_schema(path).names
                if cols != table.names:
                    errors.append(f"{path}: columns {cols} != schema {table.names}")
            rows = frame_records(read_table(out, name, fmt))
            data = [table.names] + [[r[n] for n in table.names] for r in rows]
            resources.append(Resource(data=data, name=name,
                                      schema=Schema.from_descriptor(table_schema(table))))
            if (out / f"{name}.csv").exists():
                n = csv_counts.setdefault(name, len(read_table(out, name, "csv")))
                if n != len(rows):
                    errors.append(f"{path}: {len(rows)} rows but {name}.csv has {n}")
        if resources and not any(e.endswith(": missing") for e in errors):
            errors += _report_errors(Package(resources=resources).validate(), fmt)
    return errors
