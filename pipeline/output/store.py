"""The database layer (SQLAlchemy): SQLite by default, PostgreSQL by URL.

The schema is generated from :mod:`pipeline.output.schema`: primary keys, composite
foreign keys, the declared indexes, and CHECK constraints for enumerations, so a
shared database refuses the same bad rows the data package's validation flags.

Writing is per document and idempotent: :func:`replace_documents` deletes a
document's rows from every table and inserts the new ones inside one transaction.
A re-run therefore never duplicates records, a reader never sees a document half
replaced, and a crash mid-write rolls back to the previous version.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.output.records import frame_records, read_table, read_tables, to_frame
from pipeline.output.schema import CORPUS_TABLES, TABLES, Table, all_tables, table_def

DEFAULT_DB_NAME = "mgi.sqlite"
SA_TYPES = {"integer": sa.Integer, "number": sa.Float, "boolean": sa.Boolean, "string": sa.Text}
#: Rows per INSERT round trip: big enough to amortise latency to a remote server,
#: small enough to stay under SQLite's bound-parameter limit with 29 columns.
INSERT_CHUNK = 500


def default_url(out: Path) -> str:
    """``sqlite:///<out>/mgi.sqlite`` (absolute, so the URL does not depend on the cwd)."""
    return f"sqlite:///{(Path(out) / DEFAULT_DB_NAME).resolve()}"


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for bare ``postgresql://`` URLs (psycopg2 is not a dependency)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def build_metadata(tables: Iterable[Table] | None = None) -> sa.MetaData:
    """SQLAlchemy metadata for the schema's tables."""
    md = sa.MetaData()
    for t in (tables or all_tables().values()):
        cols = [
            sa.Column(c.name, sa.Text if c.json else SA_TYPES.get(c.type, sa.Text),
                      primary_key=c.name in t.primary_key,
                      nullable=not (c.required or c.name in t.primary_key),
                      comment=c.description or None)
            for c in t.columns
        ]
        constraints: list = [
            sa.ForeignKeyConstraint(list(local), [f"{ref}.{r}" for r in remote],
                                    name=f"fk_{t.name}_{'_'.join(local)}_{ref}")
            for local, ref, remote in (*t.foreign_keys, *t.optional_foreign_keys)
        ]
        constraints += [
            sa.CheckConstraint(
                sa.or_(sa.column(c.name).is_(None), sa.column(c.name).in_(list(c.enum))),
                name=f"ck_{t.name}_{c.name}")
            for c in t.columns if c.enum
        ]
        table = sa.Table(t.name, md, *cols, *constraints, comment=t.description or None)
        for idx in t.indexes:
            sa.Index(f"ix_{t.name}_{'_'.join(idx)}", *[table.c[n] for n in idx])
    return md


METADATA = build_metadata()


def _sqlite_foreign_keys(dbapi_conn, _record) -> None:
    """SQLite ignores foreign keys unless asked, per connection."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with foreign keys enforced, and the schema created if missing."""
    url = normalise_url(url)
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_foreign_keys)
    METADATA.create_all(engine, checkfirst=True)
    add_missing_columns(engine)
    return engine


def add_missing_columns(engine: Engine) -> list[str]:
    """Add columns the schema gained since a database was made (nullable ones only).

    A database written by an earlier version keeps working: a new schema column
    (``documents.country``…) is added empty instead of failing every insert.
    Returns ``table.column`` names added.
    """
    insp = sa.inspect(engine)
    added: list[str] = []
    for name, table in METADATA.tables.items():
        if not insp.has_table(name):
            continue
        have = {c["name"] for c in insp.get_columns(name)}
        for col in table.columns:
            if col.name in have or not col.nullable:
                continue
            prep = engine.dialect.identifier_preparer
            ddl = (f"ALTER TABLE {prep.format_table(table)} ADD COLUMN {prep.format_column(col)} "
                   f"{col.type.compile(dialect=engine.dialect)}")
            with engine.begin() as conn:
                conn.execute(sa.text(ddl))
            added.append(f"{name}.{col.name}")
    return added


def _insert(conn: sa.Connection, table: sa.Table, df: pd.DataFrame) -> int:
    rows = frame_records(df)
    for i in range(0, len(rows), INSERT_CHUNK):
        conn.execute(table.insert(), rows[i:i + INSERT_CHUNK])
    return len(rows)


def replace_documents(engine: Engine, tables: dict[str, pd.DataFrame],
                      doc_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Replace each document's rows, one transaction per document.

    Args:
        engine: From :func:`make_engine`.
        tables: Frames by table name (rows of several documents).
        doc_ids: Documents to replace (default: every ``doc_id`` in ``tables["documents"]``).
            A document listed here but absent from ``tables`` is deleted.

    Returns:
        Rows inserted per table.
    """
    frames = {name: to_frame(TABLES[name], tables.get(name, [])) for name in TABLES}
    ids = list(dict.fromkeys(doc_ids if doc_ids is not None else frames["documents"]["doc_id"].tolist()))
    ordered = [METADATA.tables[n] for n in TABLES if n in METADATA.tables]
    ordered = [t for t in METADATA.sorted_tables if t in ordered]  # parents first
    counts = {t.name: 0 for t in ordered}
    grouped = {name: dict(tuple(df.groupby("doc_id", sort=False))) if len(df) else {}
               for name, df in frames.items()}
    links = METADATA.tables.get("act_links")
    for doc_id in ids:
        with engine.begin() as conn:
            if links is not None:  # corpus links point at the acts about to be replaced
                conn.execute(links.delete().where(links.c.doc_id == doc_id))
            for t in reversed(ordered):
                conn.execute(t.delete().where(t.c.doc_id == doc_id))
            for t in ordered:
                part = grouped[t.name].get(doc_id)
                if part is not None and len(part):
                    counts[t.name] += _insert(conn, t, part)
    return counts


def replace_corpus(engine: Engine, tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Replace the corpus tables (``corpus_acts``, ``act_links``, ``evidence_matrix``) at once.

    They are rebuilt from all documents after every run, so they are replaced whole,
    in one transaction. Links of documents the database does not hold (a database
    that saw only some runs) are left out: their acts are not there to point at.

    Returns:
        Rows inserted per table.
    """
    ordered = [t for t in METADATA.sorted_tables if t.name in CORPUS_TABLES]
    frames = {name: to_frame(CORPUS_TABLES[name], tables.get(name, [])) for name in CORPUS_TABLES}
    counts = {}
    with engine.begin() as conn:
        for t in reversed(ordered):
            conn.execute(t.delete())
        have = {r[0] for r in conn.execute(sa.select(METADATA.tables["documents"].c.doc_id))}
        if len(frames["act_links"]):
            frames["act_links"] = frames["act_links"][frames["act_links"]["doc_id"].isin(have)]
        for t in ordered:
            counts[t.name] = _insert(conn, t, frames[t.name]) if len(frames[t.name]) else 0
    return counts


def read_db_table(engine: Engine, name: str, doc_id: str | None = None) -> pd.DataFrame:
    """Read a table back as a schema-typed frame (optionally one document's rows)."""
    t = METADATA.tables[name]
    q = sa.select(t)
    if doc_id is not None:
        q = q.where(t.c.doc_id == doc_id)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    return to_frame(table_def(name), rows)


def export_extracted(out: Path, db_url: str | None = None) -> dict[str, int]:
    """Load the records in ``out/`` into a database, replacing each document's rows.

    Args:
        out: Folder holding ``<table>.parquet`` (or ``.jsonl``/``.csv``) files.
        db_url: SQLAlchemy URL (default: ``sqlite:///<out>/mgi.sqlite``).

    Returns:
        Rows inserted per table.
    """
    tables = read_tables(Path(out))
    engine = make_engine(db_url or default_url(out))
    try:
        counts = replace_documents(engine, tables)
        corpus = {name: read_table(Path(out), name) for name in CORPUS_TABLES}
        counts.update(replace_corpus(engine, corpus))
        return counts
    finally:
        engine.dispose()
