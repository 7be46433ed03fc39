"""The app on a PostgreSQL database: migrated, seeded, and read back."""

from contextlib import contextmanager

from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from config import TestingConfig
from tests.live_server import ROOT, SECRET


def pg_config(database_url):
    """A testing config on `database_url` (in-process: threading mode)."""

    class PostgresConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        SECRET_KEY = SECRET

    return PostgresConfig


@contextmanager
def pg_app(database_url, migrate=False, config=None):
    """The app on `database_url` (or with `config`), its context pushed; built
    by the migrations first if `migrate`. The engine's connections are closed
    after."""
    app = create_app(config or pg_config(database_url))
    with app.app_context():
        if migrate:
            upgrade(directory=str(ROOT / "migrations"))
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def seed(database_url, build):
    """Migrate `database_url` and run `build()` on it; its result."""
    with pg_app(database_url, migrate=True):
        result = build()
        db.session.commit()
        return result
