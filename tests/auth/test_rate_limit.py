"""Password and link guessing is rate-limited per address."""

import pytest

from app.models import LoginSession
from config import TestingConfig
from tests import builders
from tests.apps import app_with
from tests.auth.helpers import count
from tests.clients import isolated_client

TOO_MANY = "Too many attempts. Please wait a minute and try again."


class RateLimitedConfig(TestingConfig):
    RATELIMIT_ENABLED = True
    LOGIN_RATE_LIMIT = "3 per minute"


@pytest.fixture
def limited_app():
    with app_with(RateLimitedConfig) as app:
        yield app


def test_login_is_rate_limited_with_a_clear_message(limited_app):
    """After 3 failed sign-ins a minute, even the right password gets 429."""
    user = builders.make_user(builders.make_team())
    client = isolated_client(limited_app)
    wrong = {"email": user.email, "password": "a wrong guess"}
    for _ in range(3):
        assert client.post("/auth/login", data=wrong).status_code == 200

    right = {"email": user.email, "password": builders.PASSWORD}
    response = client.post("/auth/login", data=right)

    assert response.status_code == 429
    assert TOO_MANY in response.text
    assert count(LoginSession) == 0
    assert client.get("/auth/login").status_code == 200  # reading is not limited


@pytest.mark.parametrize(
    "path", ["/auth/setup", "/auth/invite/guessed-token", "/auth/reset/guessed-token"]
)
def test_link_and_setup_posts_are_rate_limited(limited_app, path):
    """Guessing invitation or reset tokens, or retrying setup, is limited too."""
    builders.make_user(builders.make_team())
    client = isolated_client(limited_app)
    for _ in range(3):
        assert client.post(path, data={}).status_code != 429

    response = client.post(path, data={})

    assert response.status_code == 429
    assert TOO_MANY in response.text
