"""A `next` address is followed only when it is a path on this site."""

from urllib.parse import urlsplit

import pytest

from tests import builders

# Each would send the browser to another site if followed as given: a
# protocol-relative or absolute URL, a backslash browsers read as a slash, or
# a tab or newline that URL parsers (Python's and browsers') delete, turning
# "/<tab>/evil.example" into "//evil.example".
OFF_SITE = [
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "http://evil.example/path",
    "javascript:alert(1)",
    "evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
]


def assert_stays_on_site(response, fallback):
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert not parts.scheme and not parts.netloc, location
    assert location == fallback


def test_login_follows_a_next_path_on_this_site(client, team):
    """Signing in returns to the page that asked for it."""
    user = builders.make_user(team)
    data = {"email": user.email, "password": builders.PASSWORD}
    response = client.post("/auth/login?next=/team/", data=data)
    assert response.headers["Location"] == "/team/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_does_not_follow_next_off_the_site(client, team, target):
    """An off-site `next` is ignored: sign-in goes to the workshops list."""
    user = builders.make_user(team)
    data = {"email": user.email, "password": builders.PASSWORD}
    response = client.post("/auth/login", query_string={"next": target}, data=data)
    assert response.status_code == 302
    assert_stays_on_site(response, "/workshops/")


@pytest.mark.parametrize("target", OFF_SITE)
def test_language_chooser_does_not_follow_next_off_the_site(client, target):
    """The language chooser's `next` follows the same rule as sign-in's."""
    response = client.post("/language", data={"language": "en", "next": target})
    assert response.status_code == 302
    assert_stays_on_site(response, "/")
