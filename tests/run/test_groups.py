"""Breakout groups from the facilitator's console: create a group, move a
participant, through the one write path (an event per change)."""

import uuid

import pytest
import sqlalchemy as sa
from markupsafe import escape

from app.extensions import db
from app.models import Event, Group, Participant
from tests import builders
from tests.conftest import Auth


def _console(workshop):
    return f"/workshops/{workshop.public_id}/"


def _groups_url(workshop):
    return f"/workshops/{workshop.public_id}/groups"


def _assign_url(workshop, participant):
    return f"/workshops/{workshop.public_id}/participants/{participant.public_id}/group"


def _change(**fields):
    """Form data for a changing form: the fresh op_id the page renders."""
    return {"op_id": str(uuid.uuid4()), **fields}


def _events(action):
    db.session.expire_all()
    return db.session.scalars(sa.select(Event).filter_by(action=action)).all()


def _groups():
    db.session.expire_all()
    return db.session.scalars(sa.select(Group).order_by(Group.id)).all()


def _group_of(participant):
    db.session.expire_all()
    return db.session.get(Participant, participant.id).group_id


def _make_group(workshop, name="Table A"):
    group = Group(workshop_id=workshop.id, name=name)
    db.session.add(group)
    db.session.commit()
    return group


@pytest.fixture
def pat(workshop):
    return builders.make_participant(workshop, display_name="Pat")


# Creating a group


def test_create_group_writes_an_event_and_shows_it(client, facilitator, workshop):
    """The console's form creates the group through apply() and the console
    then lists it."""
    page = client.get(_console(workshop)).get_data(as_text=True)
    assert "Breakout groups" in page
    assert f'action="{_groups_url(workshop)}"' in page

    response = client.post(_groups_url(workshop), data=_change(name="  Table A "))

    assert response.status_code == 302
    assert response.headers["Location"] == _console(workshop)
    assert [g.name for g in _groups()] == ["Table A"]
    assert len(_events("workshop.create_group")) == 1
    page = client.get(_console(workshop)).get_data(as_text=True)
    assert "Group “Table A” created." in page
    assert '<h3 class="group-name">Table A</h3>' in page


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give it a name."),
        ("   ", "Give it a name."),
        ("x" * 61, "Use at most 60 characters."),
    ],
)
def test_create_group_refuses_bad_names(client, facilitator, workshop, name, message):
    """An empty or over-long name is refused with a message; nothing changes."""
    response = client.post(
        _groups_url(workshop), data=_change(name=name), follow_redirects=True
    )

    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _groups() == []
    assert _events("workshop.create_group") == []


def test_a_name_of_sixty_characters_is_allowed(client, facilitator, workshop):
    client.post(_groups_url(workshop), data=_change(name="x" * 60))

    assert [g.name for g in _groups()] == ["x" * 60]


def test_group_names_with_markup_are_escaped(client, facilitator, workshop, pat):
    """A group name is text everywhere the console shows it: the list, the
    select options and the flashed message."""
    name = '<b onclick="x()">Bold</b>'

    page = client.post(
        _groups_url(workshop), data=_change(name=name), follow_redirects=True
    ).get_data(as_text=True)

    assert name not in page
    assert '<b onclick="x()">' not in page
    assert page.count(str(escape(name))) >= 3  # flash, group heading, option


# Moving a participant


def test_assign_moves_the_participant(client, facilitator, workshop, pat):
    """The group select form moves the participant and writes an event; the
    console then lists them under their group."""
    group = _make_group(workshop)
    page = client.get(_console(workshop)).get_data(as_text=True)
    assert f'action="{_assign_url(workshop, pat)}"' in page
    assert 'aria-label="Move to group: Pat"' in page
    assert f'<label class="visually-hidden" for="group-{pat.public_id}">' in page

    response = client.post(
        _assign_url(workshop, pat), data=_change(group=group.public_id)
    )

    assert response.status_code == 302
    assert response.headers["Location"] == _console(workshop)
    assert _group_of(pat) == group.id
    assert len(_events("workshop.assign_group")) == 1
    page = client.get(_console(workshop)).get_data(as_text=True)
    assert "Pat moved to Table A." in page
    members = page.split('<ul class="group-members">', 1)[1].split("</ul>", 1)[0]
    assert "<li>Pat</li>" in members
    assert f'<option value="{group.public_id}" selected>' in page


def test_assign_to_no_group(client, facilitator, workshop, pat):
    """An empty choice takes the participant out of every group."""
    group = _make_group(workshop)
    pat.group_id = group.id
    db.session.commit()

    page = client.post(
        _assign_url(workshop, pat), data=_change(group=""), follow_redirects=True
    ).get_data(as_text=True)

    assert _group_of(pat) is None
    assert "Pat is in no group now." in page
    assert len(_events("workshop.assign_group")) == 1


def test_assign_refuses_an_unknown_group(client, facilitator, workshop, pat):
    _make_group(workshop)

    page = client.post(
        _assign_url(workshop, pat),
        data=_change(group="nosuchgroup"),
        follow_redirects=True,
    ).get_data(as_text=True)

    assert "That group does not exist here." in page
    assert _group_of(pat) is None
    assert _events("workshop.assign_group") == []


def test_assign_refuses_another_workshops_group(client, facilitator, workshop, pat):
    other = builders.make_workshop(workshop.team, title="Other")
    theirs = _make_group(other, name="Theirs")

    page = client.post(
        _assign_url(workshop, pat),
        data=_change(group=theirs.public_id),
        follow_redirects=True,
    ).get_data(as_text=True)

    assert "That group does not exist here." in page
    assert _group_of(pat) is None
    assert _events("workshop.assign_group") == []


def test_assign_refuses_another_workshops_participant(client, facilitator, workshop):
    """A participant of another workshop, even of the same team, is not moved
    into this workshop's group."""
    group = _make_group(workshop)
    other = builders.make_workshop(workshop.team, title="Other")
    stranger = builders.make_participant(other, display_name="Stranger")
    url = f"/workshops/{workshop.public_id}/participants/{stranger.public_id}/group"

    page = client.post(
        url, data=_change(group=group.public_id), follow_redirects=True
    ).get_data(as_text=True)

    assert "That person is not in this workshop." in page
    assert _group_of(stranger) is None
    assert _events("workshop.assign_group") == []


def test_forms_without_an_op_id_change_nothing(client, facilitator, workshop, pat):
    group = _make_group(workshop)

    client.post(_groups_url(workshop), data={"name": "Table B"})
    client.post(_assign_url(workshop, pat), data={"group": group.public_id})

    assert [g.name for g in _groups()] == ["Table A"]
    assert _group_of(pat) is None


# Who may


@pytest.fixture
def reviewer_client(app, team):
    client = app.test_client()
    Auth(client).login(builders.make_user(team, role="reviewer"))
    return client


def test_reviewers_get_403_and_change_nothing(reviewer_client, workshop, pat):
    group = _make_group(workshop)

    created = reviewer_client.post(_groups_url(workshop), data=_change(name="Mine"))
    moved = reviewer_client.post(
        _assign_url(workshop, pat), data=_change(group=group.public_id)
    )

    assert created.status_code == 403
    assert moved.status_code == 403
    assert [g.name for g in _groups()] == ["Table A"]
    assert _group_of(pat) is None
    assert _events("workshop.create_group") == []
    assert _events("workshop.assign_group") == []


def test_reviewers_see_no_group_controls(reviewer_client, workshop, pat):
    _make_group(workshop)

    page = reviewer_client.get(_console(workshop)).get_data(as_text=True)

    assert "Breakout groups" not in page
    assert _groups_url(workshop) not in page
    assert _assign_url(workshop, pat) not in page


# Groups balanced by role


def _balance_url(workshop):
    return f"/workshops/{workshop.public_id}/groups/balance"


def test_balance_form_makes_mixed_groups(client, facilitator, workshop):
    """The console's form deals everyone into two groups, each with a
    commissioner and a provider, through apply(); the console lists them."""
    for name, role in [("Ann", "provider"), ("Bob", "provider")]:
        builders.make_participant(workshop, display_name=name, role=role)
    for name in ("Cat", "Dev"):
        builders.make_participant(workshop, display_name=name, role="commissioner")
    page = client.get(_console(workshop)).get_data(as_text=True)
    assert f'action="{_balance_url(workshop)}"' in page

    page = client.post(
        _balance_url(workshop), data=_change(count="2"), follow_redirects=True
    ).get_data(as_text=True)

    assert "Everyone here is now in one of 2 groups, mixed by role." in page
    assert [g.name for g in _groups()] == ["Group 1", "Group 2"]
    for group in _groups():
        roles = sorted(
            p.role
            for p in db.session.scalars(
                sa.select(Participant).filter_by(group_id=group.id)
            )
        )
        assert roles == ["commissioner", "provider"]
    assert len(_events("workshop.balance_groups")) == 1


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("1", "Make between 2 and 50 groups."),
        ("51", "Make between 2 and 50 groups."),
        ("", "Say how many groups."),
        ("many", "Not a valid integer value."),
        ("3", "Only 2 people are here: make 2 groups or fewer."),
    ],
)
def test_balance_form_refuses_bad_numbers(
    client, facilitator, workshop, pat, count, message
):
    """Too few, too many, none, not a number, more groups than people: a
    message, and nothing changes."""
    builders.make_participant(workshop, display_name="Cat", role="commissioner")

    page = client.post(
        _balance_url(workshop), data=_change(count=count), follow_redirects=True
    ).get_data(as_text=True)

    assert message in page
    assert _groups() == []
    assert _events("workshop.balance_groups") == []
