"""Binding the database: SQLAlchemy, migrations and SQLite's settings."""

from functools import partial

import sqlalchemy as sa

from app.extensions import db, migrate


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
