"""The team page: admins invite, issue reset links, change roles, remove
members and change settings; everyone else can only look."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Invite, Team, User
from app.models.invite import hash_token
from app.models.types import utcnow
from tests import builders
from tests.auth.helpers import (
    ESCAPED,
    NEW_PASSWORD,
    XSS,
    assert_escaped,
    count,
    is_signed_in,
    login_sessions,
)

LINK = re.compile(r'value="http://localhost/auth/(invite|reset)/([A-Za-z0-9_-]+)"')


def sign_in(client, user, password=builders.PASSWORD):
    return client.post("/auth/login", data={"email": user.email, "password": password})


@pytest.fixture
def admin(team, client):
    user = builders.make_user(team, is_admin=True, name="Ada Admin")
    sign_in(client, user)
    return user


@pytest.fixture
def member(team):
    return builders.make_user(team, role="reviewer", name="Morgan Member")


def shown_link(response):
    """(purpose, token) of the one-time link on the page."""
    match = LINK.search(response.text)
    assert match, "no one-time link on the page"
    return match.groups()


def invites():
    return db.session.scalars(sa.select(Invite)).all()


# Invitations


def test_admin_creates_an_invite_link_shown_once_stored_as_a_hash(client, team, admin):
    """The invitation link is shown once; the database keeps only its hash."""
    response = client.post("/team/invite", data={"role": "reviewer", "is_admin": "y"})

    assert response.status_code == 200
    purpose, token = shown_link(response)
    (invite,) = invites()
    assert purpose == "invite"
    assert invite.token_hash == hash_token(token) != token
    assert all(token not in str(getattr(invite, c.key)) for c in Invite.__table__.c)
    assert (invite.team_id, invite.role, invite.is_admin) == (team.id, "reviewer", True)
    assert invite.created_by_id == admin.id and invite.used_at is None
    lifetime = invite.expires_at - utcnow()
    assert timedelta(hours=71) < lifetime <= timedelta(hours=72)
    assert token not in client.get("/team/").text  # not shown again
    assert client.get(f"/auth/invite/{token}").status_code == 200


@pytest.mark.parametrize("role", ["", "owner", "admin", "Facilitator"])
def test_invite_with_an_unknown_role_is_refused(client, admin, role):
    """Only the team roles can be invited; anything else creates no link."""
    response = client.post("/team/invite", data={"role": role})
    assert response.status_code == 400
    assert "Choose a role for the invitation." in response.text
    assert invites() == []


# Reset links


def test_admin_creates_a_reset_link_for_a_member(client, team, admin, member):
    """A reset link is shown once, for that member, and sets their password."""
    response = client.post(f"/team/members/{member.id}/reset")

    assert response.status_code == 200
    assert "One-time link for Morgan Member" in response.text
    purpose, token = shown_link(response)
    (invite,) = invites()
    assert purpose == "reset" and invite.purpose == "reset"
    assert (invite.user_id, invite.token_hash) == (member.id, hash_token(token))
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    client.application.test_client().post(f"/auth/reset/{token}", data=data)
    assert member.check_password(NEW_PASSWORD)
    assert admin.check_password(builders.PASSWORD)


# Roles


@pytest.mark.parametrize(
    ("start", "new"), [("reviewer", "facilitator"), ("facilitator", "reviewer")]
)
def test_admin_changes_a_members_role(client, team, admin, start, new):
    """An admin makes a member a facilitator or a reviewer."""
    member = builders.make_user(team, role=start, name="Morgan Member")

    response = client.post(f"/team/members/{member.id}/role", data={"role": new})

    assert response.headers["Location"] == "/team/"
    assert member.role == new
    assert "Morgan Member&#39;s role has changed." in client.get("/team/").text


@pytest.mark.parametrize("role", ["", "admin", "owner"])
def test_change_role_refuses_unknown_roles(client, admin, member, role):
    """An unknown role is refused and the member's role stays as it was."""
    response = client.post(f"/team/members/{member.id}/role", data={"role": role})
    assert response.status_code == 400
    assert "Choose a role." in response.text
    assert member.role == "reviewer"


# Removal


def test_removing_a_member_signs_them_out_and_stops_sign_in(client, admin, member):
    """A removed member's sessions end at once and they cannot sign in again."""
    phone, laptop = (client.application.test_client() for _ in range(2))
    sign_in(phone, member)
    sign_in(laptop, member)
    assert login_sessions(member) == 2

    response = client.post(f"/team/members/{member.id}/remove")

    assert response.headers["Location"] == "/team/"
    assert login_sessions(member) == 0
    assert not is_signed_in(phone) and not is_signed_in(laptop)
    again = sign_in(phone, member)
    assert again.status_code == 200
    assert "That email address and password do not match." in again.text
    assert member.removed_at is not None  # kept, for the history they are in
    page = client.get("/team/").text
    assert "Morgan Member has been removed from the team." in page
    assert f"/team/members/{member.id}/" not in page


def test_admin_cannot_remove_themselves(client, admin):
    """Removing oneself is refused; the admin stays, signed in."""
    response = client.post(f"/team/members/{admin.id}/remove")
    assert response.status_code == 400
    assert "You cannot remove yourself." in response.text
    assert admin.removed_at is None
    assert is_signed_in(client)


def test_admin_cannot_change_their_own_role(client, admin):
    """An admin's own role is not changed from the team page."""
    response = client.post(f"/team/members/{admin.id}/role", data={"role": "reviewer"})
    assert response.status_code == 400
    assert "You cannot change your own role." in response.text
    db.session.refresh(admin)
    assert admin.role == "facilitator"


def test_removing_an_admin_revokes_the_links_they_made(client, team, admin):
    """Unused invitations made by a removed admin stop working; used ones stay."""
    other_admin = builders.make_user(team, email="second@example.org", is_admin=True)
    unused, unused_token = Invite.issue(
        72, purpose="invite", team_id=team.id, created_by_id=other_admin.id
    )
    used, _ = Invite.issue(
        72, purpose="invite", team_id=team.id, created_by_id=other_admin.id
    )
    used.used_at = utcnow()
    db.session.add_all([unused, used])
    db.session.commit()

    client.post(f"/team/members/{other_admin.id}/remove")

    assert Invite.find_usable(unused_token, "invite") is None
    assert count(Invite, created_by_id=other_admin.id) == 1
    response = client.get(f"/auth/invite/{unused_token}")
    assert response.status_code == 404


def _other_teams_member(team):
    return builders.make_user(builders.make_team(name="Other"), name="Other Person")


def _removed_member(team):
    user = builders.make_user(team, name="Gone Person")
    user.removed_at = utcnow()
    db.session.commit()
    return user


@pytest.mark.parametrize("action", ["reset", "role", "remove"])
@pytest.mark.parametrize("who", ["another team's member", "removed member", "no one"])
def test_managing_someone_outside_the_team_is_not_found(
    client, team, admin, action, who
):
    """Members of other teams, removed members and unknown ids are "not found"."""
    target = {
        "another team's member": _other_teams_member,
        "removed member": _removed_member,
        "no one": lambda team: None,
    }[who](team)
    user_id = target.id if target else 9999
    before = (
        count(Invite),
        [(u.role, u.removed_at) for u in db.session.scalars(sa.select(User))],
    )

    response = client.post(
        f"/team/members/{user_id}/{action}", data={"role": "facilitator"}
    )

    assert response.status_code == 404
    after = (
        count(Invite),
        [(u.role, u.removed_at) for u in db.session.scalars(sa.select(User))],
    )
    assert after == before


# Settings


@pytest.mark.parametrize("days", ["1", "30", "3650"])
def test_admin_saves_team_settings(client, team, admin, days):
    """The team name and a retention of 1 to 3650 days are saved."""
    data = {"name": "  Renamed team  ", "retention_days": days}
    response = client.post("/team/settings", data=data)
    assert response.headers["Location"] == "/team/"
    assert (team.name, team.retention_days) == ("Renamed team", int(days))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("retention_days", "0", "Between 1 and 3650 days."),
        ("retention_days", "3651", "Between 1 and 3650 days."),
        ("retention_days", "-5", "Between 1 and 3650 days."),
        ("retention_days", "99999999999999999999", "Between 1 and 3650 days."),
        ("retention_days", "", "Enter a number of days."),
        ("retention_days", "abc", "Not a valid integer value."),
        ("retention_days", "1.5", "Not a valid integer value."),
        ("name", "", "This field is required."),
        ("name", "   ", "This field is required."),
        ("name", "n" * 121, "Must be between 1 and 120 characters."),
    ],
)
def test_bad_settings_show_an_error_and_change_nothing(
    client, team, admin, field, value, message
):
    """Out-of-range or malformed settings are refused with the field's error."""
    data = {"name": "Renamed team", "retention_days": "30", field: value}
    response = client.post("/team/settings", data=data)
    assert response.status_code == 400
    assert message in response.text
    assert (team.name, team.retention_days) == ("Test Team", 365)


# Who may


@pytest.mark.parametrize("role", ["reviewer", "facilitator"])
def test_non_admins_see_the_team_but_cannot_manage_it(client, team, member, role):
    """A member who is not an admin sees no controls and every change is refused."""
    user = builders.make_user(team, role=role, email=f"{role}@example.org")
    sign_in(client, user)
    page = client.get("/team/")
    assert page.status_code == 200 and "Morgan Member" in page.text
    assert "/team/invite" not in page.text and "/team/settings" not in page.text

    posts = {
        "/team/invite": {"role": "facilitator", "is_admin": "y"},
        f"/team/members/{member.id}/reset": {},
        f"/team/members/{member.id}/role": {"role": "facilitator"},
        f"/team/members/{member.id}/remove": {},
        "/team/settings": {"name": "Taken over", "retention_days": "1"},
    }
    for path, data in posts.items():
        assert client.post(path, data=data).status_code == 403, path
    assert invites() == []
    assert (member.role, member.removed_at) == ("reviewer", None)
    assert (team.name, team.retention_days) == ("Test Team", 365)


# Escaping


def test_team_page_escapes_team_and_member_names(client, team, admin):
    """Team and member names typed as markup are escaped on the team page."""
    team.name = XSS
    db.session.commit()
    target = builders.make_user(team, role="reviewer", name=XSS)

    assert_escaped(client.get("/team/"))
    client.post(f"/team/members/{target.id}/role", data={"role": "facilitator"})
    changed = client.get("/team/")
    assert_escaped(changed)
    assert changed.data.count(ESCAPED) >= 4  # heading, row, label, message
    assert_escaped(client.post(f"/team/members/{target.id}/reset"))
    client.post(f"/team/members/{target.id}/remove")
    assert_escaped(client.get("/team/"))


def test_team_name_saved_in_settings_is_escaped(client, team, admin):
    """A team renamed to markup is shown escaped."""
    client.post("/team/settings", data={"name": XSS, "retention_days": "30"})
    assert db.session.get(Team, team.id).name == XSS
    assert_escaped(client.get("/team/"))
