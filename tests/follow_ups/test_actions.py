"""Actions on the write path (app/follow_ups/actions.py): created, edited
and updated only through apply(), in a workshop of the action's series, with
a clear refusal for bad input, another series' action or a workshop in none."""

import datetime as dt

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.models import Event, FollowUp, FollowUpUpdate
from tests import builders
from tests.builders import act, event_count, facilitator_actor, refused
from tests.follow_ups.conftest import make_action, make_series


def action_row(public_id):
    db.session.expire_all()
    return db.session.scalar(sa.select(FollowUp).filter_by(public_id=public_id))


def test_an_action_is_raised_in_the_workshop_it_goes_through(cast, series):
    """A new action belongs to the workshop's series, raised in that
    workshop, open, at version 1, with the owners and due date given."""
    made = make_action(
        cast.fac,
        owner_organisation="Council commissioning",
        owner_person="Jo Lee",
        due_date="2025-06-30",
    )

    row = action_row(made)
    assert (row.series_id, row.raised_in_id) == (series.id, cast.workshop.id)
    assert (row.status, row.version, row.raised_text) == ("open", 1, "")
    assert (row.owner_organisation, row.owner_person) == (
        "Council commissioning",
        "Jo Lee",
    )
    assert row.due_date == dt.date(2025, 6, 30)


def test_the_room_sees_public_fields_and_only_facilitators_see_the_owner(cast, series):
    """Its event goes to the room, the projector and facilitators; the
    owner's name reaches the facilitators' stream alone."""
    ack = act(
        cast.fac, "follow_up.create", {"title": "Pay on time", "owner_person": "Jo"}
    )

    assert set(ack["streams"]) == {
        audiences.FACILITATORS,
        audiences.PARTICIPANTS,
        audiences.PROJECTOR_STREAM,
    }
    from app.follow_ups.actions import project_follow_up

    event = db.session.scalar(sa.select(Event).filter_by(op_id=ack["op_id"]))
    room = project_follow_up(cast.workshop, event.refs, audiences.PARTICIPANTS)
    team = project_follow_up(cast.workshop, event.refs, audiences.FACILITATORS)
    assert room["follow_up"]["title"] == "Pay on time"
    assert "owner_person" not in room["follow_up"]
    assert team["follow_up"]["owner_person"] == "Jo"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"title": "Fine", "owner_organisation": "x" * 121}, "owner_organisation"),
        ({"title": "Fine", "owner_person": "x" * 121}, "owner_person"),
        ({"title": "Fine", "due_date": "30/06/2025"}, "due_date"),
        ({"title": "Fine", "due_date": "2025-02-30"}, "due_date"),
        ({"title": "Fine", "due_date": "0025-06-30"}, "due_date"),
        (
            {
                "title": "Fine",
                "source_kind": "vote",
                "source_ref": "x",
                "activity": "y",
            },
            "source_kind",
        ),
        ({"title": "Fine", "source_kind": "note"}, "source_kind"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(cast, series, fields, field):
    """Empty, over-long, a date that is not one, an unknown or incomplete
    source: refused as invalid, naming the field, with nothing written."""
    events = event_count()

    refusal = refused(cast.fac, "follow_up.create", fields)

    assert refusal.code == "invalid"
    assert field in refusal.details["fields"]
    assert db.session.scalar(sa.select(sa.func.count(FollowUp.id))) == 0
    assert event_count() == events


def test_a_workshop_in_no_series_refuses_actions_clearly(cast):
    """Actions belong to a series: a workshop in none says so."""
    refusal = refused(cast.fac, "follow_up.create", {"title": "Pay on time"})

    assert refusal.code == "not_in_series"
    assert "not in a series" in refusal.message


def test_an_edit_changes_the_words_and_the_version(cast, series):
    made = make_action(cast.fac, due_date="2025-06-30")
    payload = {"follow_up": made, "title": "Publish by June", "version": 1}

    ack = act(cast.fac, "follow_up.edit", {**payload, "owner_organisation": "Acme"})

    row = action_row(made)
    assert (row.title, row.owner_organisation, row.version) == (
        "Publish by June",
        "Acme",
        2,
    )
    assert row.due_date is None  # an edit sets every field it carries
    assert ack["result"]["version"] == 2


def test_a_stale_edit_is_refused_with_the_current_words(cast, series):
    """Two facilitators edit from version 1: the second is refused with what
    the action says now, and changes nothing."""
    made = make_action(cast.fac)
    act(cast.fac, "follow_up.edit", {"follow_up": made, "title": "First", "version": 1})

    refusal = refused(
        cast.fac, "follow_up.edit", {"follow_up": made, "title": "Second", "version": 1}
    )

    assert refusal.code == "stale"
    assert refusal.details["current"]["title"] == "First"
    assert refusal.details["current"]["version"] == 2
    assert action_row(made).title == "First"


def test_an_update_is_dated_and_sets_the_status(cast, series):
    made = make_action(cast.fac)

    act(
        cast.fac,
        "follow_up.update",
        {"follow_up": made, "body": "Drafted", "status": "in_progress"},
    )
    act(cast.fac, "follow_up.update", {"follow_up": made, "status": "done"})

    row = action_row(made)
    assert row.status == "done"
    assert [(u.body, u.status) for u in row.updates] == [
        ("Drafted", "in_progress"),
        ("", "done"),
    ]
    assert all(u.created_at is not None for u in row.updates)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "body"),
        ({"body": "  "}, "body"),
        ({"body": "x" * 2001}, "body"),
        ({"status": "finished"}, "status"),
    ],
)
def test_a_bad_update_is_refused(cast, series, fields, field):
    """An update needs words or a status; words are bounded; statuses are
    the four the model knows."""
    made = make_action(cast.fac)

    refusal = refused(cast.fac, "follow_up.update", {"follow_up": made, **fields})

    assert refusal.code == "invalid" and field in refusal.details["fields"]
    assert db.session.scalar(sa.select(sa.func.count(FollowUpUpdate.id))) == 0


@pytest.mark.parametrize("action", ["follow_up.edit", "follow_up.update"])
def test_an_unknown_action_is_not_found(cast, series, action):
    payload = {"follow_up": "nosuchaction", "title": "X", "version": 1, "body": "X"}

    assert refused(cast.fac, action, payload).code == "not_found"


@pytest.mark.parametrize("action", ["follow_up.edit", "follow_up.update"])
def test_another_series_action_does_not_exist_here(cast, series, action):
    """An action of another series of the same team cannot be changed
    through this series' workshop."""
    other = builders.make_workshop(cast.workshop.team, title="Another forum")
    make_series(other, title="Another series")
    theirs = make_action(facilitator_actor(other))
    payload = {"follow_up": theirs, "title": "Hijacked", "version": 1, "body": "X"}

    assert refused(cast.fac, action, payload).code == "not_found"
    assert action_row(theirs).title == "Publish the fee uplift"
    assert action_row(theirs).updates == []


def test_an_action_is_changed_through_any_workshop_of_its_series(cast, series):
    """The next workshop of the series reviews last time's action."""
    made = make_action(cast.fac)
    later = builders.make_workshop(cast.workshop.team, title="Next quarter")
    later.series_id = series.id
    db.session.commit()

    act(
        facilitator_actor(later),
        "follow_up.update",
        {"follow_up": made, "status": "done"},
    )

    row = action_row(made)
    assert row.status == "done" and row.raised_in_id == cast.workshop.id


def test_publishing_and_withdrawing_the_summary(cast, series):
    """Publishing sets an unguessable token (never in the event log);
    publishing twice is refused; withdrawing clears it; withdrawing twice is
    refused."""
    ack = act(cast.fac, "follow_up.publish_summary", {})
    db.session.refresh(series)
    token = series.summary_token
    assert token and len(token) >= 32
    event = db.session.scalar(sa.select(Event).filter_by(op_id=ack["op_id"]))
    assert token not in str(event.result) and token not in str(event.refs)
    assert refused(cast.fac, "follow_up.publish_summary", {}).code == "not_allowed"

    act(cast.fac, "follow_up.withdraw_summary", {})

    db.session.refresh(series)
    assert series.summary_token is None
    assert refused(cast.fac, "follow_up.withdraw_summary", {}).code == "not_allowed"


def test_a_double_submit_makes_one_action(cast, series):
    op_id = builders.new_op_id()

    first = act(cast.fac, "follow_up.create", {"title": "Once"}, op_id=op_id)
    again = act(cast.fac, "follow_up.create", {"title": "Once"}, op_id=op_id)

    assert again["replayed"] and again["result"] == first["result"]
    assert db.session.scalar(sa.select(sa.func.count(FollowUp.id))) == 1
