"""Names people type are shown as text on every page, never run as markup."""

import pytest

from app.extensions import db
from app.models import Invite
from tests import builders
from tests.auth.helpers import XSS, assert_escaped

PASSWORD = "a long enough passphrase"


def _link(purpose, **fields):
    invite, token = Invite.issue(72, purpose=purpose, **fields)
    db.session.add(invite)
    db.session.commit()
    return token


def invite_page(client, team, member):
    return client.get(f"/auth/invite/{_link('invite', team=team)}")


def welcome_message(client, team, member):
    token = _link("invite", team=team)
    data = {"name": "Robin", "email": "robin@example.org"}
    data |= {"password": PASSWORD, "confirm": PASSWORD}
    return client.post(f"/auth/invite/{token}", data=data, follow_redirects=True)


def reset_page(client, team, member):
    return client.get(f"/auth/reset/{_link('reset', team=team, user=member)}")


def team_page(client, team, member):
    client.post(
        "/auth/login", data={"email": member.email, "password": builders.PASSWORD}
    )
    return client.get("/team/")


def join_page(client, team, member):
    return client.get(f"/join/{builders.make_workshop(team).join_code}")


def refilled_invite_form(client, team, member):
    token = _link("invite", team=team)
    data = {"name": XSS, "email": "robin@example.org", "password": PASSWORD}
    return client.post(f"/auth/invite/{token}", data={**data, "confirm": "different!"})


@pytest.mark.parametrize(
    "page",
    [
        invite_page,
        welcome_message,
        reset_page,
        team_page,
        join_page,
        refilled_invite_form,
    ],
)
def test_team_and_member_names_are_escaped(client, page):
    """A team or member named like a script tag is shown escaped."""
    team = builders.make_team(name=XSS)
    member = builders.make_user(team, name=XSS)
    response = page(client, team, member)
    assert response.status_code == 200
    assert_escaped(response)


def test_names_typed_at_setup_are_escaped(client):
    """The team and admin names typed at setup are escaped where shown."""
    data = {"team_name": XSS, "name": XSS, "email": "alex@example.org"}
    data |= {"password": PASSWORD, "confirm": PASSWORD}
    client.post("/auth/setup", data=data)
    response = client.get("/team/")
    assert response.status_code == 200
    assert_escaped(response)
    assert response.data.count(b"&lt;script&gt;") >= 2  # the team and the admin
