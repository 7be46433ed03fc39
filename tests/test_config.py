"""Configuration: the environment decides, and production refuses weak secrets."""

import importlib
import re
from pathlib import Path

import pytest

import config
from app import create_app
from app.extensions import db

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("secret", [None, "", "short", "dev-" + "x" * 40])
def test_production_refuses_to_start_without_a_real_secret(secret):
    """ProductionConfig with a missing, short or development secret will not start."""

    class Weak(config.ProductionConfig):
        SECRET_KEY = secret

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(Weak)


def test_production_starts_with_a_real_secret():
    """A long random secret is accepted, and cookies are marked Secure."""

    class Strong(config.ProductionConfig):
        SECRET_KEY = "k" * 48
        SQLALCHEMY_DATABASE_URI = "sqlite://"
        SOCKETIO_ASYNC_MODE = "threading"

    app = create_app(Strong)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["WTF_CSRF_ENABLED"] is True


def test_settings_are_read_from_the_environment(monkeypatch):
    """DATABASE_URL, SOCKETIO_MESSAGE_QUEUE, ASYNC_MODE and ALLOWED_ORIGINS
    come from the environment."""
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/elsewhere.sqlite")
    monkeypatch.setenv("SOCKETIO_MESSAGE_QUEUE", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("ASYNC_MODE", "threading")
    monkeypatch.setenv("ALLOWED_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    reloaded = importlib.reload(config)
    try:
        assert reloaded.Config.SQLALCHEMY_DATABASE_URI.endswith("elsewhere.sqlite")
        assert reloaded.Config.SOCKETIO_MESSAGE_QUEUE == "redis://127.0.0.1:6379/0"
        assert reloaded.Config.SOCKETIO_ASYNC_MODE == "threading"
        assert reloaded.Config.SOCKETIO_ALLOWED_ORIGINS == [
            "https://a.example",
            "https://b.example",
        ]
        assert reloaded.Config.SECRET_KEY == "s" * 40
    finally:
        monkeypatch.undo()
        importlib.reload(config)


def test_default_database_is_sqlite_under_instance(monkeypatch):
    """With no DATABASE_URL the app uses SQLite in the instance folder."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    reloaded = importlib.reload(config)
    try:
        assert reloaded.Config.SQLALCHEMY_DATABASE_URI == (
            f"sqlite:///{ROOT / 'instance' / 'common-ground.sqlite'}"
        )
        assert reloaded.Config.SOCKETIO_ASYNC_MODE in ("eventlet", "threading")
    finally:
        monkeypatch.undo()
        importlib.reload(config)


def test_unknown_config_name_is_a_clear_error(monkeypatch):
    """APP_CONFIG must name one of the config classes."""
    monkeypatch.setenv("APP_CONFIG", "staging")
    with pytest.raises(RuntimeError, match="APP_CONFIG must be one of"):
        config.config_from_env()


def _python_sources():
    for folder in ("app", "tests"):
        yield from (ROOT / folder).rglob("*.py")
    yield ROOT / "config.py"


def test_only_the_server_entry_point_imports_eventlet():
    """The app, its config and the tests never patch or import eventlet or
    gevent: wsgi.py patches (through serving.py), before importing the app."""
    pattern = re.compile(
        r"^\s*(import (eventlet|gevent)|from (eventlet|gevent)\b|.*monkey_patch)",
        re.M,
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in _python_sources()
        if path != Path(__file__) and pattern.search(path.read_text())
    ]
    assert offenders == []
    entry = (ROOT / "wsgi.py").read_text()
    assert entry.index("serving.monkey_patch(") < entry.index("from app import")


def test_the_app_never_builds_the_schema_with_create_all():
    """Outside tests the schema only comes from migrations."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "app").rglob("*.py")
        if "create_all" in path.read_text()
    ]
    assert offenders == []


def test_behind_a_trusted_proxy_rate_limits_count_each_client(monkeypatch):
    """With PROXY_FIX_HOPS=1 the client address comes from X-Forwarded-For, so
    one person's attempts do not use up everyone's limit behind nginx."""

    class BehindProxy(config.TestingConfig):
        PROXY_FIX_HOPS = 1
        RATELIMIT_ENABLED = True
        LOGIN_RATE_LIMIT = "1 per minute"

    app = create_app(BehindProxy)
    client = app.test_client()
    form = {"email": "someone@example.org", "password": "wrong password"}

    def attempt(address):
        headers = {"X-Forwarded-For": address}
        return client.post("/auth/login", data=form, headers=headers).status_code

    with app.app_context():
        db.create_all()
        assert attempt("203.0.113.1") != 429
        assert attempt("203.0.113.1") == 429
        assert attempt("203.0.113.2") != 429
        db.drop_all()
