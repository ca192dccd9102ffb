"""The data contract: datapackage.json mirrors schema.py, and validation catches broken outputs."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.output.datapackage import build_datapackage, validate_outputs, write_datapackage
from pipeline.output.records import FORMATS, read_table, write_tables
from pipeline.output.schema import TABLES, all_tables
from test_store import make_result, tables_of


def test_descriptor_describes_every_table():
    pkg = build_datapackage()
    res = {r["name"]: r for r in pkg["resources"]}
    assert set(res) == set(all_tables())
    for name, table in all_tables().items():
        schema = res[name]["schema"]
        assert [f["name"] for f in schema["fields"]] == table.names
        assert schema["primaryKey"] == list(table.primary_key)
        fks = [(tuple(f["fields"]), f["reference"]["resource"], tuple(f["reference"]["fields"]))
               for f in schema.get("foreignKeys", [])]
        assert fks == list(table.foreign_keys)
        for col, field in zip(table.columns, schema["fields"]):
            json_type = "object" if col.description.startswith("{") else "array"  # documents.meta_sources
            assert field["type"] == (json_type if col.json else col.type)
            assert field.get("constraints", {}).get("enum") == (list(col.enum) if col.enum else None)


def test_descriptor_is_a_valid_frictionless_package(tmp_path):
    from frictionless import Package

    write_tables(tmp_path, tables_of(make_result("d1")))
    path = write_datapackage(tmp_path)
    pkg = Package(str(path))
    assert sorted(r.name for r in pkg.resources) == sorted(TABLES)
    assert json.loads(path.read_text())["profile"] == "tabular-data-package"


@pytest.fixture
def out(tmp_path):
    write_tables(tmp_path, tables_of(make_result("d1"), make_result("d2")))
    write_datapackage(tmp_path)
    return tmp_path


def test_good_outputs_validate(out):
    assert validate_outputs(out) == []


def _break(out, table, fn):
    df = read_table(out, table)
    fn(df)
    write_tables(out, {table: df})


@pytest.mark.parametrize("table, breaker, expected", [
    ("paragraphs", lambda d: d.__setitem__("kind", "poem"), "constraint-error"),
    ("citations", lambda d: d.__setitem__("paragraph_id", "nope"), "foreign-key"),
    ("sections", lambda d: d.__setitem__("doc_id", "unknown-doc"), "foreign-key"),
    ("paragraphs", lambda d: d.__setitem__("paragraph_id", "same"), "primary-key"),
    ("paragraphs", lambda d: d.__setitem__("text", pd.NA), "constraint-error"),
    ("evidence", lambda d: d.__setitem__("assessment", "maybe"), "constraint-error"),
    ("paragraphs", lambda d: d.__setitem__("footnote_refs", "[{broken"), "type-error"),
    ("documents", lambda d: d.__setitem__("warnings", '{"not": "a list"}'), "type-error"),
])
def test_broken_outputs_are_caught_in_every_format(out, table, breaker, expected):
    _break(out, table, breaker)
    errors = validate_outputs(out)
    for fmt in FORMATS:
        assert any(e.startswith(f"{fmt}:") and expected in e for e in errors), (fmt, errors)


def test_wrong_type_in_csv_is_caught(out):
    path = out / "paragraphs.csv"
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("page")] = "one"
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n")
    assert any("type-error" in e for e in validate_outputs(out, formats=("csv",)))


def test_missing_mirror_is_reported(out):
    (out / "acts.jsonl").unlink()
    assert any("acts.jsonl: missing" in e for e in validate_outputs(out))


def test_missing_package_is_reported(tmp_path):
    assert validate_outputs(tmp_path) == [f"{tmp_path / 'datapackage.json'}: missing"]
