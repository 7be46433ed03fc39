"""Configuration classes, read from the environment.

Pick one with APP_CONFIG (development, testing, production); `create_app`
defaults to development. Production refuses to start without a real secret.
"""

import os
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def _env_list(name, default=None):
    """A comma-separated environment variable as a list, or `default`."""
    value = os.environ.get(name, "").strip()
    return [item.strip() for item in value.split(",") if item.strip()] or default


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'common-ground.sqlite'}"
    )
    # Milliseconds SQLite waits for a lock: short, so contention is a
    # retryable error instead of a frozen process (see DESIGN.md, Storage).
    SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("SQLITE_BUSY_TIMEOUT_MS", "2000"))
    SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
    SOCKETIO_ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
    # Origins allowed to open a socket; None means the app's own origin only.
    SOCKETIO_ALLOWED_ORIGINS = _env_list("ALLOWED_ORIGINS")
    SOCKETIO_MAX_PAYLOAD_BYTES = 64 * 1024
    # Used for links printed by the CLI, where there is no request to read.
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")

    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # a form left open through a long workshop still posts
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 14
    # A sign-in lasts at most this long (seconds), whatever the cookie says.
    LOGIN_SESSION_MAX_AGE = int(
        os.environ.get("LOGIN_SESSION_MAX_AGE", 60 * 60 * 24 * 14)
    )
    # Proxies in front of the app whose X-Forwarded-* headers are trusted
    # (nginx: 1). 0 trusts none: right when browsers reach the app directly.
    PROXY_FIX_HOPS = int(os.environ.get("PROXY_FIX_HOPS", "0"))

    BABEL_DEFAULT_LOCALE = "en"
    LANGUAGES = {"en": "English", "cy": "Cymraeg"}

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")
    JOIN_RATE_LIMIT = os.environ.get("JOIN_RATE_LIMIT", "30 per minute")
    # Socket events (act, resync) per person: generous for fast typists,
    # a wall for a script.
    SOCKET_EVENT_RATE_LIMIT = os.environ.get(
        "SOCKET_EVENT_RATE_LIMIT", "20 per second; 300 per minute"
    )

    # How long a participant's signed token is honoured (seconds).
    PARTICIPANT_TOKEN_MAX_AGE = 60 * 60 * 24 * 3
    INVITE_MAX_AGE_HOURS = 72
    DEFAULT_RETENTION_DAYS = 365
    # Seconds between the server's runs of the retention purge
    # (app/retention.py); 0: never (then run `flask retention purge`).
    RETENTION_PURGE_INTERVAL = int(os.environ.get("RETENTION_PURGE_INTERVAL", "3600"))
    SEED_DEMO_DATA = False
    # Exports and chart images are made by a worker process the server starts
    # (app/exports/runner.py); "inline" makes them in the calling process,
    # for in-process tests only, whose in-memory database no child can open.
    EXPORT_WORKER = "process"
    # Made files; chart images are kept beside them, in charts/.
    EXPORTS_DIR = Path(os.environ.get("EXPORTS_DIR") or INSTANCE_DIR / "exports")
    # The largest archive accepted for import, and the most it may unpack to.
    IMPORT_MAX_BYTES = 20 * 1024 * 1024
    IMPORT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
    # No request body may be larger than an archive and its form: refused
    # (413) before anything reads it.
    MAX_CONTENT_LENGTH = IMPORT_MAX_BYTES + 1024 * 1024


class DevelopmentConfig(Config):
    SECRET_KEY = Config.SECRET_KEY or "dev-only-not-secret"
    SEED_DEMO_DATA = True


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    # In-process tests never monkey patch: Flask-SocketIO's test client runs
    # in threading mode (STYLE.md).
    SOCKETIO_ASYNC_MODE = "threading"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    EXPORT_WORKER = "inline"
    RETENTION_PURGE_INTERVAL = 0  # tests call retention.purge() themselves
    # Not the install's own folder: in-process tests' files are throwaway.
    EXPORTS_DIR = Path(tempfile.gettempdir()) / "common-ground-tests" / "exports"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True

    @classmethod
    def check(cls):
        """Refuse to start with a missing or toy secret."""
        secret = cls.SECRET_KEY or ""
        if len(secret) < 32 or secret.startswith("dev-"):
            raise RuntimeError(
                "SECRET_KEY must be set to a random value of at least 32 characters "
                'in production, e.g. python -c "import secrets; '
                'print(secrets.token_urlsafe(48))"'
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env():
    """The config class APP_CONFIG names, development by default."""
    name = os.environ.get("APP_CONFIG", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"APP_CONFIG must be one of {', '.join(CONFIGS)}")
    return CONFIGS[name]
