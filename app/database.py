"""Binding the database: SQLAlchemy, migrations and SQLite's settings."""

import os
from functools import partial

import sqlalchemy as sa

from app.extensions import db, migrate

# psycopg 3 waits on its sockets in C (`wait_c`) unless it sees gevent's
# patching; eventlet cannot green a wait made in C, so each query would block
# the whole hub, and every socket of the process with it. Python's select() is
# what eventlet patches, so psycopg must use `wait_select`. psycopg reads this
# once, when first imported (at the engine's creation, after this module is
# imported), so it is set here, before any engine exists; an explicit setting
# in the environment wins.
os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")


def init_app(app):
    db.init_app(app)
    migrate.init_app(app, db, compare_type=True, render_as_batch=True)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            timeout = app.config["SQLITE_BUSY_TIMEOUT_MS"]
            sa.event.listen(
                db.engine, "connect", partial(_sqlite_pragmas, timeout=timeout)
            )


def _sqlite_pragmas(dbapi_connection, _record, timeout):
    """WAL for concurrent readers, enforced foreign keys, a short busy wait."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(timeout)}")
    cursor.close()
