"""Apps for tests: any config, on a fresh in-memory database."""

from contextlib import contextmanager

from app import create_app
from app.extensions import db, limiter
from app.realtime import flood, presence
from tests.clients import IsolatedClient


@contextmanager
def app_with(config_class):
    """An app built with `config_class`, its context pushed and tables made."""
    app = create_app(config_class)
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()  # tests only; the real schema comes from migrations
        yield app
        db.session.remove()
        db.drop_all()
        if app.config.get("RATELIMIT_ENABLED", True):
            limiter.reset()
    presence._sockets.clear()
    flood.reset()  # actor ids repeat across fresh databases
