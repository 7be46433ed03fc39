"""Fixtures: an app on an in-memory database, clients, and signed-in actors."""

import pytest

from app import create_app
from app.extensions import db, limiter
from app.realtime import presence
from config import TestingConfig
from tests import builders
from tests.clients import IsolatedClient


@pytest.fixture
def app():
    app = create_app(TestingConfig)
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()  # tests only; the real schema comes from migrations
        yield app
        db.session.remove()
        db.drop_all()
        if app.config.get("RATELIMIT_ENABLED", True):
            limiter.reset()
    presence._sockets.clear()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def team(app):
    return builders.make_team()


@pytest.fixture
def workshop(team):
    return builders.make_workshop(team)


class Auth:
    """Sign a test client in and out as a user."""

    def __init__(self, client):
        self.client = client

    def login(self, user, password=builders.PASSWORD):
        return self.client.post(
            "/auth/login", data={"email": user.email, "password": password}
        )

    def logout(self):
        return self.client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def facilitator(team, auth):
    """A facilitator of `team`, signed in on `client`."""
    user = builders.make_user(team, role="facilitator")
    auth.login(user)
    return user


def join_as(client, workshop, display_name="Pat", role="provider", **fields):
    """Join `workshop` through the join form; returns the response."""
    data = {
        "display_name": display_name,
        "role": role,
        "organisation_type": "private_provider",
        **fields,
    }
    return client.post(f"/join/{workshop.join_code}", data=data)
