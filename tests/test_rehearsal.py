"""Rehearsals (app/rehearsal.py): a copy of the agenda to try out, apart from
the real workshop, reset by replacing it with a fresh copy."""

import sqlalchemy as sa

from app import rehearsal
from app.extensions import db
from app.models import Activity, Note, Participant, User, Workshop
from app.plan import service
from tests.builders import (
    act,
    add_note,
    facilitator_actor,
    make_board,
    make_participant,
)


def agenda(workshop):
    return db.session.scalars(
        sa.select(Activity)
        .filter_by(workshop_id=workshop.id)
        .order_by(Activity.position)
    ).all()


def exists(workshop_id):
    """Asked of the database, not of the session's identity map."""
    query = sa.select(sa.func.count()).where(Workshop.id == workshop_id)
    return db.session.scalar(query) == 1


def user_of(actor):
    return db.session.get(User, actor.user_id)


def test_a_rehearsal_copies_the_agenda_as_planned_and_nothing_written(cast):
    board = make_board(cast.fac)
    act(
        cast.fac,
        "workshop.edit_activity",
        {"activity": board, "title": "Ideas", "anonymous": "y"},
    )
    add_note(cast.ann_actor, board, text="Real writing")
    act(cast.fac, "activity.set_phase", {"activity": board, "phase": "voting"})
    act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})

    copy = rehearsal.rehearse(cast.workshop, user_of(cast.fac))

    assert (
        copy.rehearsal_of_id == cast.workshop.id
        and copy.join_code != cast.workshop.join_code
    )
    assert copy.title == "Rehearsal: Test workshop"
    real, rehearsed = agenda(cast.workshop), agenda(copy)
    assert [(a.kind, a.title) for a in rehearsed] == [(a.kind, a.title) for a in real]
    assert [a.phase for a in rehearsed] == ["not_started", "not_started"]
    assert rehearsed[0].content["anonymous"] is True  # settings kept
    assert not rehearsed[0].content.get("revealed")
    notes = db.session.scalars(sa.select(Note).filter_by(activity_id=rehearsed[0].id))
    assert notes.all() == []


def test_rehearsing_again_opens_the_same_rehearsal(cast):
    first = rehearsal.rehearse(cast.workshop, user_of(cast.fac))
    assert rehearsal.rehearse(cast.workshop, user_of(cast.fac)).id == first.id


def test_a_reset_deletes_everything_in_the_rehearsal_and_only_there(cast):
    make_board(cast.fac)
    copy = rehearsal.rehearse(cast.workshop, user_of(cast.fac))
    tried = agenda(copy)[0].public_id
    colleague = make_participant(copy, display_name="Colleague")
    act(
        facilitator_actor(copy, team=copy.team),
        "activity.set_phase",
        {"activity": tried, "phase": "writing"},
    )
    from tests.builders import participant_actor

    add_note(participant_actor(colleague), tried, text="Trying it out")
    old = copy.public_id  # (SQLite may give the fresh copy the old row id)

    fresh = rehearsal.reset(copy, user_of(cast.fac))

    gone = sa.select(Workshop).filter_by(public_id=old)
    assert db.session.scalar(gone) is None
    assert db.session.scalar(sa.select(Note).filter_by(text="Trying it out")) is None
    assert (
        db.session.scalar(sa.select(Participant).filter_by(display_name="Colleague"))
        is None
    )
    assert fresh.rehearsal_of_id == cast.workshop.id
    assert [a.phase for a in agenda(fresh)] == ["not_started"]
    assert exists(cast.workshop.id) is True


def test_deleting_the_real_workshop_deletes_its_rehearsal(cast):
    copy = rehearsal.rehearse(cast.workshop, user_of(cast.fac))
    copy_id = copy.id

    service.delete_workshop(cast.workshop)

    assert exists(copy_id) is False
