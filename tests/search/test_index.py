"""The full-text index: made by the migration and by db.create_all() from
the same statements, and used by every search (SQLite: the FTS5 table's
MATCH here; PostgreSQL's GIN index in tests/scale/test_pg_search.py)."""

import os
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.search.ddl import FTS_TABLE, GIN_INDEX, is_fulltext_object
from tests.search.conftest import find


@contextmanager
def searches_run():
    """The full-text statements run meanwhile, with their parameters."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if " MATCH " in statement or "@@" in statement:
            if (
                statement.lstrip().upper().startswith("SELECT")
                and "count(" not in statement
            ):
                seen.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)


def ran_search(year):
    with searches_run() as seen:
        assert find(year.team, "price transparency", role="provider").total == 8
    assert len(seen) == 1
    return seen[0]


@pytest.mark.skipif(
    os.environ.get("TEST_DATABASE_URL", "sqlite").startswith("postgresql"),
    reason="SQLite's plan",
)
def test_sqlite_search_uses_the_fts5_index(year):
    """EXPLAIN QUERY PLAN of the very statement a search ran: a MATCH on
    the FTS5 table, its rows fetched by rowid, no scan of search_entry."""
    statement, parameters = ran_search(year)
    connection = db.session.connection().connection.driver_connection
    plan = connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
    steps = [row[3] for row in plan]
    assert any(f"SCAN {FTS_TABLE} VIRTUAL TABLE INDEX" in step for step in steps), steps
    assert not any(step.split()[:2] == ["SCAN", "search_entry"] for step in steps)


def _fulltext_objects(connection):
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(
            "SELECT type, name FROM sqlite_master WHERE name LIKE 'search_entry_fts%'"
        )
    else:
        rows = connection.exec_driver_sql(
            "SELECT 'index', indexname FROM pg_indexes WHERE tablename = 'search_entry'"
        )
    return {(kind, name) for kind, name in rows}


def test_create_all_makes_the_fulltext_objects(app):
    """db.create_all() (the tests' schema) has the index the migration makes."""
    found = _fulltext_objects(db.session.connection())
    if db.engine.dialect.name == "sqlite":
        assert ("table", FTS_TABLE) in found
        assert {f"{FTS_TABLE}_{e}" for e in ("insert", "delete", "update")} <= {
            name for kind, name in found if kind == "trigger"
        }
    else:
        assert ("index", GIN_INDEX) in found


def test_the_migration_makes_the_same_objects(app, tmp_path):
    """`flask db upgrade` on SQLite gives the same FTS table and triggers
    as db.create_all()."""
    from tests.test_migrations import _flask

    db_path = tmp_path / "migrated.sqlite"
    assert _flask(db_path, "db", "upgrade").returncode == 0
    engine = sa.create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as migrated:
            from_migration = _fulltext_objects(migrated)
    finally:
        engine.dispose()
    memory = sa.create_engine("sqlite://")
    try:
        db.metadata.create_all(memory)
        with memory.connect() as created:
            assert _fulltext_objects(created) == from_migration
    finally:
        memory.dispose()
    assert ("table", FTS_TABLE) in from_migration


@pytest.mark.parametrize(
    ("name", "type_", "ignored"),
    [
        (FTS_TABLE, "table", True),
        (f"{FTS_TABLE}_data", "table", True),
        (f"{FTS_TABLE}_idx", "table", True),
        (GIN_INDEX, "index", True),
        ("search_entry", "table", False),
        ("ix_search_entry_workshop_id", "index", False),
    ],
)
def test_autogenerate_leaves_only_the_fulltext_objects_alone(name, type_, ignored):
    assert is_fulltext_object(name, type_) is ignored
