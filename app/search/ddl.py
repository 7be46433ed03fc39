"""The full-text index's objects, which differ by database and which
SQLAlchemy's metadata does not describe: created with the `search_entry`
table when the metadata builds the schema (tests) and by migration 0013
(everything else), from these same statements, and kept out of
autogenerate (migrations/env.py asks `is_fulltext_object`).

- SQLite: an FTS5 table over `search_entry.text` (external content: the
  words are indexed, the text is kept once, in `search_entry`), kept in step
  by triggers, so every insert, delete and cascade updates it.
- PostgreSQL: a GIN index on `to_tsvector('english', text)`; a query must
  use that same expression (`TSVECTOR`) for the index to serve it.

Imports nothing of the app: the model and the migration both use it.
"""

import sqlalchemy as sa

FTS_TABLE = "search_entry_fts"
GIN_INDEX = "ix_search_entry_text_fts"
# The text search configuration; the index's and every query's.
TSVECTOR = "to_tsvector('english', search_entry.text)"

# "porter": English stemming, so "prices" finds "price", as PostgreSQL's
# English configuration does; diacritics folded ("café" finds "cafe").
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, content='search_entry', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON search_entry BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON search_entry BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF text ON search_entry BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
)
# Triggers first: with one naming a missing table, SQLite refuses to rename
# any table (as migrations' batch mode does) until it is gone.
SQLITE_DROP = (
    *(
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{event}"
        for event in ("insert", "delete", "update")
    ),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)

POSTGRESQL_CREATE = (
    f"CREATE INDEX {GIN_INDEX} ON search_entry USING gin "
    "(to_tsvector('english', text))",
)
POSTGRESQL_DROP = (f"DROP INDEX IF EXISTS {GIN_INDEX}",)

CREATE = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}
DROP = {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}


def create_fulltext(connection):
    """Create the dialect's full-text objects on `search_entry`."""
    for statement in CREATE.get(connection.dialect.name, ()):
        connection.exec_driver_sql(statement)


def drop_fulltext(connection):
    for statement in DROP.get(connection.dialect.name, ()):
        connection.exec_driver_sql(statement)


def attach(table):
    """Create and drop the full-text objects with `table` when the metadata
    builds or drops the schema (the tests' schema)."""
    sa.event.listen(
        table,
        "after_create",
        lambda target, connection, **kw: create_fulltext(connection),
    )
    sa.event.listen(
        table, "before_drop", lambda target, connection, **kw: drop_fulltext(connection)
    )


def is_fulltext_object(name, type_):
    """Whether autogenerate should leave this reflected object alone: the FTS
    table and its shadow tables (SQLite), the GIN index (PostgreSQL)."""
    if type_ == "table":
        return name == FTS_TABLE or name.startswith(f"{FTS_TABLE}_")
    return type_ == "index" and name == GIN_INDEX
