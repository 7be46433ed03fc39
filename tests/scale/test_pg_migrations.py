"""The same migrations build the schema on PostgreSQL, and undo it."""

import os
import subprocess
import sys

import sqlalchemy as sa

from tests.live_server import ROOT


def _flask(database_url, *args):
    """Run the real `flask` command against PostgreSQL, as CI does."""
    env = {
        **os.environ,
        "FLASK_APP": "app:create_app",
        "APP_CONFIG": "development",
        "DATABASE_URL": database_url,
    }
    result = subprocess.run(
        [sys.executable, "-m", "flask", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _tables(database_url):
    engine = sa.create_engine(database_url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_migrations_round_trip_on_postgresql(database_url):
    """`flask db upgrade` builds what the models say (`db check` is clean),
    `downgrade base` removes every table, and upgrading again works."""
    _flask(database_url, "db", "upgrade")
    assert {"workshop", "event", "stream", "note"} <= _tables(database_url)
    assert "No new upgrade operations detected." in _flask(database_url, "db", "check")
    _flask(database_url, "db", "downgrade", "base")
    assert _tables(database_url) == {"alembic_version"}
    _flask(database_url, "db", "upgrade")
    assert "No new upgrade operations detected." in _flask(database_url, "db", "check")
