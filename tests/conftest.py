"""Fixtures: an app on an in-memory database, clients, and signed-in actors."""

import pytest

from config import TestingConfig
from tests import builders
from tests.apps import app_with


@pytest.fixture
def app():
    with app_with(TestingConfig) as app:
        yield app


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


@pytest.fixture
def cast(workshop):
    """`workshop` with a signed-in facilitator and two participants, Ann and Bob."""
    return builders.make_cast(workshop)


@pytest.fixture
def board_columns():
    """The column keys of the `board` fixture; a test module may override it."""
    return ("ideas",)


@pytest.fixture
def board(cast, board_columns):
    """A board of `cast`'s workshop, in its writing phase; its public id."""
    return builders.make_board(cast.fac, columns=board_columns)


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
