"""First-run setup, signing in and out, and changing one's own password."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import LoginSession, Team, User
from app.models.types import utcnow
from tests import builders
from tests.auth.helpers import NEW_PASSWORD, count, is_signed_in, login_sessions

SETUP = {
    "team_name": "Regional commissioning",
    "name": "Alex Admin",
    "email": "alex@example.org",
    "password": "a long enough passphrase",
    "confirm": "a long enough passphrase",
}
TOO_SHORT = "x" * 9
TOO_LONG = "x" * 129


def long_email():
    return "a" * 243 + "@example.org"  # 255 characters, one over the limit


def test_empty_install_sends_sign_in_to_setup(client):
    """With no accounts yet, the sign-in page leads to first-run setup."""
    response = client.get("/auth/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/setup"


def test_setup_makes_the_first_user_an_admin_facilitator_of_a_new_team(client):
    """On an empty install, setup creates a team and its admin, signed in."""
    assert client.get("/auth/setup").status_code == 200

    response = client.post("/auth/setup", data=SETUP)

    assert response.status_code == 302
    assert response.headers["Location"] == "/workshops/"
    team = db.session.scalars(sa.select(Team)).one()
    user = db.session.scalars(sa.select(User)).one()
    assert team.name == "Regional commissioning"
    assert team.retention_days == 365
    assert user.team_id == team.id
    assert (user.name, user.email) == ("Alex Admin", "alex@example.org")
    assert user.role == "facilitator" and user.is_admin
    assert user.check_password(SETUP["password"])
    assert login_sessions(user) == 1
    assert is_signed_in(client)


def test_setup_is_closed_once_an_account_exists(client, team):
    """After the first account, setup only redirects to sign in, creating nothing."""
    builders.make_user(team)

    page = client.get("/auth/setup")
    response = client.post("/auth/setup", data={**SETUP, "email": "new@example.org"})

    for answer in (page, response):
        assert answer.status_code == 302
        assert answer.headers["Location"] == "/auth/login"
    assert count(Team) == 1 and count(User) == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("team_name", "", "This field is required."),
        ("team_name", "   ", "This field is required."),
        ("team_name", "t" * 121, "Must be between 1 and 120 characters."),
        ("name", "", "This field is required."),
        ("name", " \t ", "This field is required."),
        ("name", "n" * 81, "Must be between 1 and 80 characters."),
        ("email", "", "This field is required."),
        ("email", "   ", "This field is required."),
        ("email", "not-an-email", "Enter an email address like name@example.org."),
        ("email", long_email(), "Must be between 1 and 254 characters."),
        ("password", "", "This field is required."),
        ("password", " " * 12, "This field is required."),
        ("password", TOO_SHORT, "Use between 10 and 128 characters."),
        ("password", TOO_LONG, "Use between 10 and 128 characters."),
        ("confirm", "a different passphrase", "The passwords do not match."),
    ],
)
def test_setup_rejects_bad_input(client, field, value, message):
    """Bad setup input shows the field's error and creates nothing."""
    data = {**SETUP, field: value}
    if field == "password":
        data["confirm"] = value

    response = client.post("/auth/setup", data=data)

    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(Team) == 0 and count(User) == 0 and count(LoginSession) == 0


def test_login_with_the_right_password_starts_one_session(client, team):
    """The right email and password sign in: one login-session row, pages open."""
    user = builders.make_user(team)

    response = client.post(
        "/auth/login", data={"email": user.email, "password": builders.PASSWORD}
    )

    assert response.headers["Location"] == "/workshops/"
    assert login_sessions(user) == 1
    assert is_signed_in(client)


def test_login_email_ignores_case_and_spaces(client, team):
    """The email is matched however it is capitalised, with spaces trimmed."""
    user = builders.make_user(team, email="pat@example.org")
    data = {"email": "  Pat@Example.ORG ", "password": builders.PASSWORD}
    assert client.post("/auth/login", data=data).status_code == 302
    assert login_sessions(user) == 1


def sign_in(client, user, password=builders.PASSWORD):
    return client.post("/auth/login", data={"email": user.email, "password": password})


@pytest.mark.parametrize("case", ["wrong password", "unknown email", "removed member"])
def test_failed_login_gives_one_clear_error_and_no_session(client, team, case):
    """Any failed sign-in says the pair does not match, and starts no session."""
    user = builders.make_user(team)
    data = {"email": user.email, "password": builders.PASSWORD}
    if case == "wrong password":
        data["password"] = "not the password"
    elif case == "unknown email":
        data["email"] = "nobody@example.org"
    else:
        user.removed_at = utcnow()
        db.session.commit()

    response = client.post("/auth/login", data=data)

    assert response.status_code == 200
    assert "That email address and password do not match." in response.text
    assert count(LoginSession) == 0
    assert not is_signed_in(client)


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("", builders.PASSWORD, "This field is required."),
        ("   ", builders.PASSWORD, "This field is required."),
        ("not-an-email", builders.PASSWORD, "Enter an email address like"),
        (long_email(), builders.PASSWORD, "Must be between 1 and 254 characters."),
        ("facilitator-1@example.org", "", "This field is required."),
        ("facilitator-1@example.org", "   ", "This field is required."),
    ],
)
def test_login_rejects_bad_input(client, team, email, password, message):
    """A blank or malformed sign-in form shows the field's error, no session."""
    builders.make_user(team)
    response = client.post("/auth/login", data={"email": email, "password": password})
    assert response.status_code == 200
    assert message in response.text
    assert count(LoginSession) == 0


def test_logout_deletes_the_session_and_the_old_cookie_stops_working(client, team):
    """After sign-out, a copy of the old cookie is treated as anonymous."""
    user = builders.make_user(team)
    sign_in(client, user)
    old_cookie = client.get_cookie("session").value

    response = client.post("/auth/logout")

    assert response.headers["Location"] == "/"
    assert login_sessions(user) == 0
    assert not is_signed_in(client)
    replay = client.application.test_client()
    replay.set_cookie("session", old_cookie)
    assert not is_signed_in(replay)
    assert "/auth/login" in replay.get("/workshops/").headers["Location"]


def test_a_sign_in_expires_after_its_maximum_age(client, team):
    """A login session older than LOGIN_SESSION_MAX_AGE no longer authenticates."""
    user = builders.make_user(team)
    sign_in(client, user)
    assert is_signed_in(client)
    max_age = client.application.config["LOGIN_SESSION_MAX_AGE"]
    login_session = db.session.scalar(
        sa.select(LoginSession).filter_by(user_id=user.id)
    )
    login_session.created_at = utcnow() - timedelta(seconds=max_age + 60)
    db.session.commit()

    assert not is_signed_in(client)


def test_language_chosen_before_sign_in_carries_over(client, team):
    """Choosing Welsh, then signing in, keeps Welsh and saves it on the account."""
    user = builders.make_user(team)
    client.post("/language", data={"language": "cy", "next": "/"})
    sign_in(client, user)
    with client.session_transaction() as session:
        assert session["language"] == "cy"
    db.session.refresh(user)
    assert user.language == "cy"


def test_logout_ends_only_this_browser(client, team):
    """Signing out in one browser leaves the same person's other browsers in."""
    user = builders.make_user(team)
    other = client.application.test_client()
    sign_in(client, user)
    sign_in(other, user)

    client.post("/auth/logout")

    assert not is_signed_in(client)
    assert is_signed_in(other)
    assert login_sessions(user) == 1


def test_password_change_ends_other_browsers_but_keeps_this_one(client, team):
    """Changing one's password signs out every other browser, not this one."""
    user = builders.make_user(team)
    other = client.application.test_client()
    sign_in(client, user)
    sign_in(other, user)
    data = {"current": builders.PASSWORD, "password": NEW_PASSWORD}

    response = client.post("/auth/password", data={**data, "confirm": NEW_PASSWORD})

    assert response.headers["Location"] == "/workshops/"
    assert is_signed_in(client)
    assert not is_signed_in(other)
    assert login_sessions(user) == 1
    assert user.check_password(NEW_PASSWORD)
    assert sign_in(other, user).status_code == 200  # the old password fails
    assert sign_in(other, user, NEW_PASSWORD).status_code == 302


def test_password_change_needs_the_current_password(client, team):
    """A wrong current password changes nothing and signs no one out."""
    user = builders.make_user(team)
    other = client.application.test_client()
    sign_in(client, user)
    sign_in(other, user)
    data = {"current": "not my password", "password": NEW_PASSWORD}

    response = client.post("/auth/password", data={**data, "confirm": NEW_PASSWORD})

    assert response.status_code == 200
    assert "That is not your current password." in response.text
    assert user.check_password(builders.PASSWORD)
    assert is_signed_in(client) and is_signed_in(other)


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("", "", "This field is required."),
        (" " * 12, " " * 12, "This field is required."),
        (TOO_SHORT, TOO_SHORT, "Use between 10 and 128 characters."),
        (TOO_LONG, TOO_LONG, "Use between 10 and 128 characters."),
        (NEW_PASSWORD, "something else entirely", "The passwords do not match."),
    ],
)
def test_password_change_rejects_bad_new_passwords(
    client, team, password, confirm, message
):
    """A blank, short, over-long or unconfirmed new password changes nothing."""
    user = builders.make_user(team)
    sign_in(client, user)
    data = {"current": builders.PASSWORD, "password": password, "confirm": confirm}

    response = client.post("/auth/password", data=data)

    assert response.status_code == 200
    assert message in response.text
    assert user.check_password(builders.PASSWORD)
    assert login_sessions(user) == 1
