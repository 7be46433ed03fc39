"""Running a workshop over HTTP: console, projector, QR code, removal."""

import re
import uuid

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Participant
from app.run.qr import qr_svg
from tests import builders
from tests.conftest import Auth, join_as


def _console(workshop):
    return f"/workshops/{workshop.public_id}/"


def _remove_url(workshop, participant):
    return (
        f"/workshops/{workshop.public_id}/participants/{participant.public_id}/remove"
    )


def _change():
    """Form data for a changing form: the fresh op_id the page renders."""
    return {"op_id": str(uuid.uuid4())}


def _signed_in(app, user):
    """A new test client signed in as `user`."""
    client = app.test_client()
    Auth(client).login(user)
    return client


def _shows_join_code(page, workshop):
    """The page shows the join code in its own element, ready to read out."""
    code = re.escape(workshop.join_code)
    return re.search(rf'class="join-code[^"]*"[^>]*>\s*{code}\s*<', page)


def _reloaded(participant):
    db.session.refresh(participant)
    return participant


@pytest.fixture
def reviewer_client(app, team):
    return _signed_in(app, builders.make_user(team, role="reviewer"))


def _visitor(app, workshop, kind):
    """A new client for one kind of visitor who is not the workshop's facilitator.

    One kind per test: requests in a test share the fixture's app context, so
    Flask-Login's cached user in `g` would carry over from one client to the next.
    """
    client = app.test_client()
    if kind == "reviewer":
        Auth(client).login(builders.make_user(workshop.team, role="reviewer"))
    elif kind == "outsider":
        Auth(client).login(builders.make_user(builders.make_team(name="Other")))
    elif kind == "participant":
        join_as(client, workshop)
    return client


# Who gets what when they are not a facilitator of the workshop's team.
REFUSED = {"reviewer": 403, "outsider": 404, "participant": 302, "anonymous": 302}


# The console


def test_console_shows_join_code_and_link(client, facilitator, workshop):
    """The console shows the join code and the full join link."""
    page = client.get(_console(workshop)).data.decode()
    link = f"http://localhost/join/{workshop.join_code}"
    assert _shows_join_code(page, workshop)
    assert f'<a href="{link}">{link}</a>' in page
    assert f'src="/workshops/{workshop.public_id}/qr.svg"' in page
    assert "Nobody has joined yet." in page


def test_console_lists_participants(app, client, facilitator, workshop):
    """The presence list shows each participant with role and organisation."""
    join_as(
        app.test_client(),
        workshop,
        display_name="Ann",
        role="lived_experience",
        organisation="Carers Together",
        organisation_type="community_group",
    )
    builders.make_participant(workshop, display_name="Bo", role="commissioner")
    page = client.get(_console(workshop)).data.decode()
    items = re.findall(r'<li class="participant[^"]*".*?</li>', page, re.S)
    assert len(items) == 2
    ann = next(item for item in items if "Ann" in item)
    assert "Person with lived experience" in ann
    assert "Carers Together" in ann
    assert "Community or user-led group" in ann
    assert "offline" in ann
    assert "0 online of 2 joined" in page
    assert 'id="presence-empty"' not in page


def test_console_hides_removed_participants(client, facilitator, workshop):
    """Removed participants drop out of the presence list."""
    gone = builders.make_participant(workshop, display_name="Gone")
    builders.make_participant(workshop, display_name="Here")
    client.post(_remove_url(workshop, gone), data=_change())
    page = client.get(_console(workshop)).data.decode()
    assert '<span class="name">Here</span>' in page
    assert '<span class="name">Gone</span>' not in page
    assert "0 online of 1 joined" in page


def test_console_escapes_participant_text(client, facilitator, workshop):
    """Names and organisations holding markup show as text on the console."""
    builders.make_participant(
        workshop, display_name="<b>Ann</b>", organisation="<i>Org</i>"
    )
    page = client.get(_console(workshop)).data
    assert b"&lt;b&gt;Ann&lt;/b&gt;" in page
    assert b"&lt;i&gt;Org&lt;/i&gt;" in page
    assert b"<b>Ann</b>" not in page and b"<i>Org</i>" not in page


def test_facilitator_console_offers_live_controls(client, facilitator, workshop):
    """Facilitators get the remove buttons, projector link and live script."""
    builders.make_participant(workshop, display_name="Ann")
    page = client.get(_console(workshop)).data.decode()
    assert 'aria-label="Remove Ann"' in page
    assert f'href="/workshops/{workshop.public_id}/show"' in page
    assert "js/console.js" in page


def test_reviewer_console_is_read_only(reviewer_client, workshop):
    """A reviewer sees who took part but gets no remove, projector or live script."""
    builders.make_participant(workshop, display_name="Ann")
    response = reviewer_client.get(_console(workshop))
    page = response.data.decode()
    assert response.status_code == 200
    assert '<span class="name">Ann</span>' in page
    assert 'aria-label="Remove Ann"' not in page
    assert 'class="inline remove"' not in page
    assert f"/workshops/{workshop.public_id}/show" not in page
    assert "js/console.js" not in page


# QR code


def test_qr_code_is_the_workshops_join_link(client, facilitator, team, workshop):
    """qr.svg is segno's SVG of this workshop's own join link."""
    page = client.get(_console(workshop)).data.decode()
    link = re.search(r"Join link: <a href=\"([^\"]+)\"", page).group(1)
    assert link == f"http://localhost/join/{workshop.join_code}"

    response = client.get(f"/workshops/{workshop.public_id}/qr.svg")

    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.headers["Cache-Control"] == "private, max-age=300"
    assert response.data.startswith(b"<svg")
    assert b'xmlns="http://www.w3.org/2000/svg"' in response.data
    assert response.data == qr_svg(link)
    other = builders.make_workshop(team, title="Other")
    assert response.data != qr_svg(f"http://localhost/join/{other.join_code}")


@pytest.mark.parametrize(
    ("kind", "status"),
    [("reviewer", 200), ("outsider", 404), ("participant", 302), ("anonymous", 302)],
)
def test_qr_code_is_for_the_team(app, workshop, kind, status):
    """The team (reviewers too) sees a workshop's QR code; nobody else does."""
    url = f"/workshops/{workshop.public_id}/qr.svg"
    assert _visitor(app, workshop, kind).get(url).status_code == status


@pytest.mark.parametrize(
    ("kind", "status"),
    [("reviewer", 200), ("outsider", 404), ("participant", 302), ("anonymous", 302)],
)
def test_console_is_for_the_team(app, workshop, kind, status):
    """The team (reviewers too) sees the console; other teams get 404."""
    assert _visitor(app, workshop, kind).get(_console(workshop)).status_code == status


# Projector


def test_projector_shows_the_join_code(client, facilitator, workshop):
    """The projector view shows the join address, code and QR code."""
    response = client.get(f"/workshops/{workshop.public_id}/show")
    page = response.data.decode()
    assert response.status_code == 200
    assert "localhost/join" in page
    assert _shows_join_code(page, workshop)
    assert f'src="/workshops/{workshop.public_id}/qr.svg"' in page


@pytest.mark.parametrize(("kind", "status"), REFUSED.items())
def test_projector_is_for_facilitators_only(app, workshop, kind, status):
    """Reviewers get 403, other teams 404; participants and strangers sign in."""
    response = _visitor(app, workshop, kind).get(
        f"/workshops/{workshop.public_id}/show"
    )
    assert response.status_code == status
    if status == 302:
        assert response.headers["Location"].startswith("/auth/login")


# Removing a participant


def test_remove_participant_records_when_and_who(client, facilitator, workshop):
    """Removing sets removed_at (aware UTC) and removed_by, and says so."""
    ann = builders.make_participant(workshop, display_name="Ann")
    response = client.post(_remove_url(workshop, ann), data=_change())
    assert response.status_code == 302
    assert response.headers["Location"] == _console(workshop)
    ann = _reloaded(ann)
    assert (
        ann.removed_at is not None and ann.removed_at.utcoffset().total_seconds() == 0
    )
    assert ann.removed_by_id == facilitator.id
    assert b"Ann has been removed." in client.get(_console(workshop)).data


def test_removed_participant_is_locked_out(app, client, facilitator, workshop):
    """After removal the participant's own browser gets the removed page."""
    ann_browser = app.test_client()
    join_as(ann_browser, workshop, display_name="Ann")
    ann = db.session.scalar(sa.select(Participant))
    client.post(_remove_url(workshop, ann), data=_change())
    assert ann_browser.get(f"/w/{workshop.public_id}").status_code == 403


def test_remove_is_idempotent(app, client, facilitator, team, workshop):
    """Removing twice keeps the first removal's time and remover."""
    ann = builders.make_participant(workshop, display_name="Ann")
    client.post(_remove_url(workshop, ann), data=_change())
    first = (_reloaded(ann).removed_at, ann.removed_by_id)
    colleague = builders.make_user(team, email="colleague@example.org")
    again = _signed_in(app, colleague).post(_remove_url(workshop, ann), data=_change())
    assert again.status_code == 302
    assert (_reloaded(ann).removed_at, ann.removed_by_id) == first


def test_remove_another_workshops_participant_is_not_found(
    client, facilitator, team, workshop
):
    """A participant can only be removed through their own workshop."""
    other = builders.make_workshop(team, title="Other")
    theirs = builders.make_participant(other, display_name="Bo")
    response = client.post(_remove_url(workshop, theirs), data=_change())
    assert response.status_code == 404
    assert _reloaded(theirs).removed_at is None


def test_remove_unknown_participant_is_not_found(client, facilitator, workshop):
    """Removing a participant id that does not exist is 404."""
    url = f"/workshops/{workshop.public_id}/participants/nobody/remove"
    assert client.post(url).status_code == 404


def test_remove_in_another_teams_workshop_is_not_found(client, facilitator):
    """A facilitator cannot remove anyone from another team's workshop."""
    theirs = builders.make_workshop(builders.make_team(name="Other"))
    bo = builders.make_participant(theirs, display_name="Bo")
    assert client.post(_remove_url(theirs, bo), data=_change()).status_code == 404
    assert _reloaded(bo).removed_at is None


@pytest.mark.parametrize(("kind", "status"), REFUSED.items())
def test_remove_needs_a_facilitator_of_the_team(app, workshop, kind, status):
    """Only the team's facilitators can remove a participant."""
    ann = builders.make_participant(workshop, display_name="Ann")
    response = _visitor(app, workshop, kind).post(
        _remove_url(workshop, ann), data=_change()
    )
    assert response.status_code == status
    assert _reloaded(ann).removed_at is None


def test_remove_needs_a_post(client, facilitator, workshop):
    """Removal is a form post, never a link."""
    ann = builders.make_participant(workshop)
    assert client.get(_remove_url(workshop, ann)).status_code == 405
    assert _reloaded(ann).removed_at is None
