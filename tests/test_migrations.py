"""The migrations build the models' schema: `flask db upgrade`, then `db check`."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _flask(db_path, *args):
    """Run the real `flask` command against a SQLite file, as CI does."""
    env = {
        **os.environ,
        "FLASK_APP": "app:create_app",
        "APP_CONFIG": "development",
        "DATABASE_URL": f"sqlite:///{db_path}",
    }
    return subprocess.run(
        [sys.executable, "-m", "flask", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    """A fresh SQLite file built by `flask db upgrade`, and the command's result."""
    db_path = tmp_path_factory.mktemp("migrations") / "x.sqlite"
    return db_path, _flask(db_path, "db", "upgrade")


def _tables_sql(db_path):
    with closing(sqlite3.connect(db_path)) as connection:
        return dict(
            connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            ).fetchall()
        )


def test_upgrade_builds_the_schema(upgraded):
    """`flask db upgrade` succeeds on an empty database and creates every table."""
    db_path, result = upgraded
    assert result.returncode == 0, result.stderr
    tables = _tables_sql(db_path)
    for table in (
        "alembic_version",
        "team",
        "user",
        "login_session",
        "invite",
        "workshop",
        "participant",
    ):
        assert table in tables


def test_models_match_the_migrations(upgraded):
    """`flask db check` finds nothing the migrations have not already applied."""
    db_path, _ = upgraded
    result = _flask(db_path, "db", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No new upgrade operations detected." in result.stdout + result.stderr


def test_database_is_in_wal_mode(upgraded):
    """The app opens SQLite in WAL mode, and the file stays in it."""
    db_path, _ = upgraded
    with closing(sqlite3.connect(db_path)) as connection:
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    assert mode == "wal"


@pytest.mark.parametrize(
    ("table", "constraint"),
    [
        ("workshop", "pk_workshop"),
        ("workshop", "uq_workshop_join_code"),
        ("workshop", "fk_workshop_team_id_team"),
        ("participant", "pk_participant"),
        ("participant", "fk_participant_workshop_id_workshop"),
        ("participant", "uq_participant_workshop_id_rejoin_code"),
        ("team", "pk_team"),
        ("user", "uq_user_email"),
    ],
)
def test_constraints_follow_the_naming_convention(upgraded, table, constraint):
    """Constraints carry the naming convention's names, so batch mode can alter them."""
    db_path, _ = upgraded
    assert f"CONSTRAINT {constraint} " in _tables_sql(db_path)[table]


def test_participant_rows_cascade_with_their_workshop(upgraded):
    """The migrated schema deletes participants with their workshop (ON DELETE)."""
    db_path, _ = upgraded
    sql = _tables_sql(db_path)["participant"]
    assert "REFERENCES workshop (id) ON DELETE CASCADE" in sql
