"""Session fixtures: one private PostgreSQL cluster and one Redis server.

Without them a test here is skipped with the reason; under CI=true it fails
instead, so a CI run cannot pass without having tested scale-out at all.
"""

import os

import pytest

from local_services import Postgres, Redis, Unavailable


def _missing(reason):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def _started(server_class):
    """Start one server for the session; (server, None) or (None, why not)."""
    try:
        return server_class().start(), None
    except Unavailable as error:
        return None, str(error)


@pytest.fixture(scope="session")
def postgres():
    """A private PostgreSQL cluster on a free port, torn down after."""
    server, reason = _started(Postgres)
    if server is None:
        _missing(f"no PostgreSQL: {reason}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server():
    """A private Redis server on a free port, torn down after."""
    server, reason = _started(Redis)
    if server is None:
        _missing(f"no Redis: {reason}")
    yield server
    server.stop()


@pytest.fixture
def database_url(postgres):
    """A fresh, empty PostgreSQL database for one test."""
    return postgres.create_database()
