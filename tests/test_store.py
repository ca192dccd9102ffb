"""The database layer on SQLite and a live PostgreSQL server: keys, indexes, idempotent replacement."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from pipeline.models import DocumentInfo, DocumentResult, FootnoteRef, Paragraph, Section
from pipeline.output.records import read_tables, result_tables, write_tables
from pipeline.output.schema import TABLES, all_tables
from pipeline.output.store import (
    METADATA,
    default_url,
    export_extracted,
    make_engine,
    normalise_url,
    read_db_table,
    replace_documents,
)


def make_result(doc_id: str, n: int = 3, text: str = "текст") -> DocumentResult:
    info = DocumentInfo(doc_id=doc_id, file=f"{doc_id}.pdf", sha256=doc_id * 4, pages=2,
                        warnings=["w"], ocr_pages=[2], language="ru")
    paras = [Paragraph(doc_id, f"p{i}", i, "paragraph", 1 + i % 2, 10.0, 20.0 + i, 300.0, 30.0 + i,
                       f"{text} {i}", section_id="s1", footnote_refs=[FootnoteRef(i, 3)],
                       cells=["a", "b"] if i == 1 else None, ocr=i == 2,
                       ocr_confidence=91.5 if i == 2 else None, domain=1 + i % 6)
             for i in range(n)]
    sections = [Section(doc_id, "s1", None, 1, "1", "Раздел", role="domain_chapter", domain=1)]
    cites = [dict(doc_id=doc_id, citation_id="c1", paragraph_id="p1", paragraph_kind="paragraph",
                  page=2, start=0, end=5, surface="Закон", act_type="law", act_id="a1")] if n > 1 else []
    acts = [dict(doc_id=doc_id, act_id="a1", act_type="law", title="Закон", mentions=1)]
    return DocumentResult(info, sections, paras, cites, acts)


def tables_of(*results):
    t = result_tables(list(results))
    t["evidence"] = pd.DataFrame([dict(doc_id=r.document.doc_id, domain=1, assessment="strength",
                                       act_id="a1", mentions=1, pages="[2]") for r in results])
    return t


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return default_url(tmp_path)
    return request.getfixturevalue("pg_url")


def counts(engine):
    with engine.connect() as conn:
        return {n: conn.execute(sa.text(f'SELECT count(*) FROM "{n}"')).scalar() for n in TABLES}


def test_schema_has_keys_and_indexes_from_schema_py(db_url):
    engine = make_engine(db_url)
    insp = sa.inspect(engine)
    assert set(all_tables()) <= set(insp.get_table_names())
    for name, table in all_tables().items():
        assert [c["name"] for c in insp.get_columns(name)] == table.names
        assert insp.get_pk_constraint(name)["constrained_columns"] == list(table.primary_key)
        fks = {(tuple(fk["constrained_columns"]), fk["referred_table"], tuple(fk["referred_columns"]))
               for fk in insp.get_foreign_keys(name)}
        assert fks == set(table.foreign_keys) | set(table.optional_foreign_keys)
        idx = {tuple(i["column_names"]) for i in insp.get_indexes(name)}
        assert set(table.indexes) <= idx
    engine.dispose()


def test_replace_three_times_keeps_one_copy(db_url):
    engine = make_engine(db_url)
    t = tables_of(make_result("d1"), make_result("d2", n=4))
    for _ in range(3):
        replace_documents(engine, t)
    assert counts(engine) == {"documents": 2, "sections": 2, "paragraphs": 7, "citations": 2,
                              "acts": 2, "evidence": 2}
    back = read_db_table(engine, "paragraphs", "d1")
    assert back.equals(t["paragraphs"][t["paragraphs"].doc_id == "d1"].reset_index(drop=True))
    engine.dispose()


def test_rerun_replaces_only_that_documents_rows(db_url):
    engine = make_engine(db_url)
    replace_documents(engine, tables_of(make_result("d1"), make_result("d2")))
    replace_documents(engine, tables_of(make_result("d1", n=1, text="новый")))
    p = read_db_table(engine, "paragraphs")
    assert p.groupby("doc_id").size().to_dict() == {"d1": 1, "d2": 3}
    assert p[p.doc_id == "d1"].text.tolist() == ["новый 0"]
    # d1's citation went with its paragraph p1; d2's rows are untouched.
    assert read_db_table(engine, "citations", "d1").empty
    assert len(read_db_table(engine, "citations", "d2")) == 1
    engine.dispose()


def test_failed_replacement_rolls_back(db_url):
    engine = make_engine(db_url)
    good = tables_of(make_result("d1"))
    replace_documents(engine, good)
    bad = tables_of(make_result("d1", text="сломано"))
    bad["citations"].loc[0, "paragraph_id"] = "no-such-paragraph"  # violates the foreign key
    with pytest.raises(sa.exc.IntegrityError):
        replace_documents(engine, bad)
    assert read_db_table(engine, "paragraphs", "d1").text.tolist() == ["текст 0", "текст 1", "текст 2"]
    engine.dispose()


@pytest.mark.parametrize("table, column, value", [
    ("paragraphs", "kind", "poem"),          # enum
    ("citations", "act_type", "novel"),      # enum
    ("documents", "status", "great"),        # enum
    ("paragraphs", "text", None),            # required
])
def test_database_refuses_rows_outside_the_contract(db_url, table, column, value):
    engine = make_engine(db_url)
    t = tables_of(make_result("d1"))
    t[table].loc[0, column] = value
    with pytest.raises(sa.exc.IntegrityError):
        replace_documents(engine, t)
    assert counts(engine)["documents"] == 0
    engine.dispose()


def test_export_extracted_loads_files(db_url, tmp_path):
    out = tmp_path / "extracted"
    t = tables_of(make_result("d1"), make_result("d2"))
    write_tables(out, t)
    assert export_extracted(out, db_url)["paragraphs"] == 6
    export_extracted(out, db_url)  # again: still one copy
    engine = make_engine(db_url)
    assert counts(engine)["paragraphs"] == 6
    files = read_tables(out)
    for name in TABLES:
        assert read_db_table(engine, name).equals(files[name]), name
    engine.dispose()


@pytest.mark.parametrize("url, expected", [
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///x.sqlite", "sqlite:///x.sqlite"),
])
def test_normalise_url(url, expected):
    assert normalise_url(url) == expected


def test_an_unresolved_citation_needs_no_act_but_a_resolved_one_needs_its_act(db_url):
    """citations → acts is enforced by the databases; a null act_id (unresolved) is allowed."""
    engine = make_engine(db_url)
    try:
        t = tables_of(make_result("d1"))
        replace_documents(engine, t)
        par = t["paragraphs"].iloc[0]
        row = {"doc_id": "d1", "citation_id": "c-x", "paragraph_id": par["paragraph_id"], "start": 0, "end": 1,
               "surface": "x"}
        cit = METADATA.tables["citations"]
        with engine.begin() as conn:
            conn.execute(cit.insert(), [{**row, "act_id": None}])
        with pytest.raises(sa.exc.IntegrityError):
            with engine.begin() as conn:
                conn.execute(cit.insert(), [{**row, "citation_id": "c-y", "act_id": "no-such-act"}])
    finally:
        engine.dispose()
