"""Co-facilitation: two facilitators run one workshop; their controls are
last-writer-wins, each change applied in order with the actor shown to the
facilitators (app/changes.py, `is_control`), and neither's change lost."""

import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.models import Event, User
from app.resync import resync
from tests.builders import act, activity_row, facilitator_actor, make_board, set_phase


def second_facilitator(cast):
    actor = facilitator_actor(cast.workshop)
    db.session.get(User, actor.user_id).name = "Gwen"
    db.session.commit()
    return actor


def replayed(actor, stream_key, after):
    return resync(actor, stream_key, after)["events"]


def test_the_last_phase_change_wins_and_both_are_kept_with_who_made_them(cast):
    gwen = second_facilitator(cast)
    board = make_board(cast.fac, phase="voting")  # revealed: no more snapshots
    start = resync(cast.fac, audiences.FACILITATORS, None)["snapshot"]["n"]

    set_phase(cast.fac, board, "discussion")
    set_phase(gwen, board, "closed")

    assert activity_row(board).phase == "closed"
    changes = db.session.scalars(
        sa.select(Event).filter_by(action="activity.set_phase").order_by(Event.seq)
    ).all()
    assert [e.actor_id for e in changes][-2:] == [cast.fac.user_id, gwen.user_id]
    events = replayed(cast.fac, audiences.FACILITATORS, start)
    assert [e["by"] for e in events] == ["Fay", "Gwen"]


def test_only_facilitators_are_told_who(cast):
    board = make_board(cast.fac, phase="voting")
    start = resync(cast.ann_actor, audiences.PARTICIPANTS, None)["snapshot"]["n"]

    set_phase(cast.fac, board, "discussion")

    events = replayed(cast.ann_actor, audiences.PARTICIPANTS, start)
    assert events and all("by" not in e for e in events)


def test_contributions_are_not_signed_so_anonymous_notes_name_nobody(cast):
    board = make_board(cast.fac)
    payload = {"activity": board, "title": "I", "anonymous": "y"}
    act(cast.fac, "workshop.edit_activity", payload)
    start = resync(cast.fac, audiences.FACILITATORS, None)["snapshot"]["n"]

    act(cast.fac, "board.add_note", {"activity": board, "column": "ideas", "text": "x"})

    (event,) = replayed(cast.fac, audiences.FACILITATORS, start)
    assert "by" not in event and event["data"]["note"]["author_name"] is None
