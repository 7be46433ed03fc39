"""Run the app as a real server process, as `make run` does, for tests that
need Engine.IO's HTTP layer (Origin checks, sizes, disconnects) or a browser.

The database is built with the migrations and seeded before the server
starts; the test process never writes it while the server runs.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from config import TestingConfig
from local_services import free_port, stop_process, wait_until_healthy

ROOT = Path(__file__).resolve().parent.parent
SECRET = "live-server-test-secret-0123456789abcdef"


class LiveServer:
    """A database file, seeded, then `python wsgi.py` serving it."""

    def __init__(self, async_mode="eventlet", env=None):
        self.dir = tempfile.TemporaryDirectory(prefix="cg-server-")
        self.database_url = f"sqlite:///{Path(self.dir.name) / 'server.sqlite'}"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.async_mode = async_mode
        self.extra_env = env or {}
        self.process = None
        self.app = self._seed_app()

    def _seed_app(self):
        database_url = self.database_url

        class SeedConfig(TestingConfig):
            SQLALCHEMY_DATABASE_URI = database_url
            SECRET_KEY = SECRET
            SERVER_NAME = f"127.0.0.1:{self.port}"

        app = create_app(SeedConfig)
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"))
        return app

    def seed(self, build):
        """Run `build()` in the seeding app's context, before `start()`."""
        assert self.process is None, "seed the database before starting the server"
        with self.app.app_context():
            result = build()
            db.session.commit()
            return result

    def start(self):
        env = {
            **os.environ,
            "APP_CONFIG": "development",
            "DATABASE_URL": self.database_url,
            # Its exports and chart images go with its database.
            "EXPORTS_DIR": str(Path(self.dir.name) / "exports"),
            "SECRET_KEY": SECRET,
            "ASYNC_MODE": self.async_mode,
            "PORT": str(self.port),
            "JOIN_RATE_LIMIT": "1000 per minute",
            "LOGIN_RATE_LIMIT": "1000 per minute",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        self.log = open(Path(self.dir.name) / "server.log", "w+")
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "wsgi.py")],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_until_healthy(self.url, self.process, self.output)
        return self

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        stop_process(self.process)
        if self.process:
            self.log.close()
        self.dir.cleanup()
