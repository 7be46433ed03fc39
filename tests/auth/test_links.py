"""One-time links: invitations to a team and password resets."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Invite, LoginSession, User
from app.models.types import utcnow
from tests import builders
from tests.auth.helpers import (
    LINK_NOT_VALID,
    NEW_PASSWORD,
    count,
    is_signed_in,
    login_sessions,
)

ACCOUNT = {
    "name": "Robin Reviewer",
    "email": "robin@example.org",
    "password": "robin's long passphrase",
    "confirm": "robin's long passphrase",
}


def issue(purpose, hours=72, **fields):
    """A stored one-time link and its plain token."""
    invite, token = Invite.issue(hours, purpose=purpose, **fields)
    db.session.add(invite)
    db.session.commit()
    return invite, token


def expire(invite):
    invite.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()


def sign_in(client, user, password=builders.PASSWORD):
    return client.post("/auth/login", data={"email": user.email, "password": password})


# Invitations


@pytest.mark.parametrize(
    ("role", "is_admin"),
    [("facilitator", False), ("reviewer", False), ("facilitator", True)],
)
def test_invite_link_creates_an_account_with_the_invited_role(
    client, team, role, is_admin
):
    """Accepting an invitation makes an account in the team, as invited, signed in."""
    invite, token = issue("invite", team=team, role=role, is_admin=is_admin)
    assert client.get(f"/auth/invite/{token}").status_code == 200

    response = client.post(f"/auth/invite/{token}", data=ACCOUNT)

    assert response.headers["Location"] == "/workshops/"
    user = db.session.scalars(sa.select(User).filter_by(email=ACCOUNT["email"])).one()
    assert (user.team_id, user.role, user.is_admin) == (team.id, role, is_admin)
    assert user.name == "Robin Reviewer"
    assert user.check_password(ACCOUNT["password"])
    assert invite.used_at is not None
    assert is_signed_in(client)


def test_invite_link_works_once(client, team):
    """A used invitation shows "link not valid" and creates no second account."""
    _invite, token = issue("invite", team=team)
    client.post(f"/auth/invite/{token}", data=ACCOUNT)
    again = {**ACCOUNT, "email": "second@example.org"}

    page = client.get(f"/auth/invite/{token}")
    response = client.post(f"/auth/invite/{token}", data=again)

    for answer in (page, response):
        assert answer.status_code == 404
        assert LINK_NOT_VALID in answer.data
    assert count(User) == 1


def test_expired_invite_link_is_refused(client, team):
    """An invitation past its expiry creates nothing."""
    invite, token = issue("invite", team=team)
    expire(invite)
    response = client.post(f"/auth/invite/{token}", data=ACCOUNT)
    assert response.status_code == 404
    assert LINK_NOT_VALID in response.data
    assert count(User) == 0 and invite.used_at is None


@pytest.mark.parametrize(
    "typed",
    [
        "facilitator-1@example.org",
        "Facilitator-1@EXAMPLE.org",
        " facilitator-1@example.org ",
    ],
)
def test_invite_refuses_an_email_already_in_use(client, team, typed):
    """An email that already has an account (in any case) is a form error."""
    builders.make_user(team, email="facilitator-1@example.org")
    invite, token = issue("invite", team=team)

    response = client.post(f"/auth/invite/{token}", data={**ACCOUNT, "email": typed})

    assert response.status_code == 200
    assert "An account with this email address exists." in response.text
    assert count(User) == 1
    assert invite.used_at is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "    ", "This field is required."),
        ("name", "n" * 81, "Must be between 1 and 80 characters."),
        ("email", "", "This field is required."),
        ("email", "robin.example.org", "Enter an email address like"),
        ("email", "r" * 243 + "@example.org", "Must be between 1 and 254 characters."),
        ("password", "", "This field is required."),
        ("password", "short", "Use between 10 and 128 characters."),
        ("password", "p" * 129, "Use between 10 and 128 characters."),
        ("confirm", "not the same passphrase", "The passwords do not match."),
    ],
)
def test_invite_rejects_bad_input(client, team, field, value, message):
    """Bad account details show the field's error; the link stays unused."""
    invite, token = issue("invite", team=team)
    data = {**ACCOUNT, field: value}
    if field == "password":
        data["confirm"] = value

    response = client.post(f"/auth/invite/{token}", data=data)

    assert response.status_code == 200
    assert message in response.text
    assert count(User) == 0 and count(LoginSession) == 0
    assert invite.used_at is None


def test_accepting_an_invite_while_signed_in_ends_the_old_session(client, team):
    """Whoever was signed in here is signed out; the browser is the new account."""
    old = builders.make_user(team)
    sign_in(client, old)
    _invite, token = issue("invite", team=team, role="reviewer")

    client.post(f"/auth/invite/{token}", data=ACCOUNT)

    assert login_sessions(old) == 0
    new = db.session.scalars(sa.select(User).filter_by(email=ACCOUNT["email"])).one()
    assert login_sessions(new) == 1


# Password resets


def test_reset_link_works_once(client, team):
    """A reset link sets the password once; a second use changes nothing."""
    member = builders.make_user(team, name="Morgan Member")
    invite, token = issue("reset", team=team, user=member)
    page = client.get(f"/auth/reset/{token}")
    assert page.status_code == 200 and b"For Morgan Member." in page.data

    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    response = client.post(f"/auth/reset/{token}", data=data)

    assert response.headers["Location"] == "/auth/login"
    assert member.check_password(NEW_PASSWORD)
    assert invite.used_at is not None
    second = {"password": "a third passphrase", "confirm": "a third passphrase"}
    for again in (
        client.get(f"/auth/reset/{token}"),
        client.post(f"/auth/reset/{token}", data=second),
    ):
        assert again.status_code == 404
        assert LINK_NOT_VALID in again.data
    assert member.check_password(NEW_PASSWORD)


def test_reset_signs_the_member_out_everywhere(client, team):
    """Using a reset link ends every session the member had."""
    member = builders.make_user(team)
    browser = client.application.test_client()
    sign_in(browser, member)
    _invite, token = issue("reset", team=team, user=member)

    client.post(
        f"/auth/reset/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )

    assert login_sessions(member) == 0
    assert not is_signed_in(browser)


@pytest.mark.parametrize(
    "case", ["expired", "member removed", "invite token", "unknown"]
)
def test_unusable_reset_link_is_refused(client, team, case):
    """An expired, wrong-purpose or unknown reset link, or one for a removed
    member, shows "link not valid" and changes no password."""
    member = builders.make_user(team)
    invite, token = issue("reset", team=team, user=member)
    if case == "expired":
        expire(invite)
    elif case == "member removed":
        member.removed_at = utcnow()
        db.session.commit()
    elif case == "invite token":
        _other, token = issue("invite", team=team)
    else:
        token = "not-a-real-token"
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}

    for answer in (
        client.get(f"/auth/reset/{token}"),
        client.post(f"/auth/reset/{token}", data=data),
    ):
        assert answer.status_code == 404
        assert LINK_NOT_VALID in answer.data
    assert member.check_password(builders.PASSWORD)


def test_reset_token_cannot_be_used_as_an_invitation(client, team):
    """A reset link's token opens no invitation."""
    member = builders.make_user(team)
    _invite, token = issue("reset", team=team, user=member)
    response = client.post(f"/auth/invite/{token}", data=ACCOUNT)
    assert response.status_code == 404
    assert count(User) == 1


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("", "", "This field is required."),
        ("short", "short", "Use between 10 and 128 characters."),
        ("p" * 129, "p" * 129, "Use between 10 and 128 characters."),
        (NEW_PASSWORD, "a different passphrase", "The passwords do not match."),
    ],
)
def test_reset_rejects_bad_passwords(client, team, password, confirm, message):
    """A bad new password is a form error; the link stays usable."""
    member = builders.make_user(team)
    invite, token = issue("reset", team=team, user=member)

    data = {"password": password, "confirm": confirm}
    response = client.post(f"/auth/reset/{token}", data=data)

    assert response.status_code == 200
    assert message in response.text
    assert member.check_password(builders.PASSWORD)
    assert invite.used_at is None
