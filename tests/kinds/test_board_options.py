"""A board's settings (app/kinds/board_options.py): set by facilitators,
checked, shown to every screen, and never made too small for the dots
already placed."""

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.kinds.board_settings import DEFAULTS, options_of
from app.kinds.board_view import snapshot
from app.models import Event, StreamEntry
from tests.builders import act, activity_row, add_note, event_count, set_phase
from tests.builders import refused as refusal

SETTINGS = {"participants_group": True, "budget": 5, "per_note": 2, "hide_votes": True}


def payload(board, **changes):
    return {"activity": board, **SETTINGS, **changes}


def test_a_new_board_has_the_default_settings(cast, board):
    """Facilitator groups, 3 dots each, one per note, counts shown."""
    for key in (audiences.PARTICIPANTS, audiences.PROJECTOR_STREAM):
        assert snapshot(activity_row(board), key)["options"] == {
            "participants_group": False,
            "budget": 3,
            "per_note": 1,
            "hide_votes": False,
        }


def test_a_board_made_before_settings_reads_the_defaults(cast, board):
    """An activity whose content has no "options" (made before there were
    any) is read with the defaults."""
    activity = activity_row(board)
    assert "options" not in activity.content
    assert options_of(activity) == DEFAULTS


def test_settings_are_stored_and_shown_on_every_shared_stream(cast, board):
    """The change reaches every shared stream with the board's snapshot."""
    ack = act(cast.fac, "board.set_options", payload(board))

    assert ack["result"]["options"] == SETTINGS
    assert options_of(activity_row(board)) == SETTINGS
    assert set(ack["streams"]) == {
        audiences.PARTICIPANTS,
        audiences.FACILITATORS,
        audiences.PROJECTOR_STREAM,
    }
    assert snapshot(activity_row(board), audiences.PARTICIPANTS)["options"] == SETTINGS


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget": 0}, "budget"),
        ({"budget": 21}, "budget"),
        ({"budget": "lots"}, "budget"),
        ({"budget": None}, "budget"),
        ({"per_note": 0}, "per_note"),
        ({"per_note": 6}, "per_note"),  # more than the budget of 5
    ],
)
def test_bad_settings_are_refused_and_change_nothing(cast, board, changes, field):
    events = event_count()

    refused = refusal(cast.fac, "board.set_options", payload(board, **changes))

    assert refused.code == "invalid"
    assert field in refused.details["fields"]
    assert event_count() == events
    assert options_of(activity_row(board)) == DEFAULTS


def test_the_budget_cannot_go_below_the_dots_someone_placed(cast, board):
    act(cast.fac, "board.set_options", payload(board, hide_votes=False))
    notes = [add_note(cast.ann_actor, board, text=t) for t in ("A", "B", "C")]
    set_phase(cast.fac, board, "voting")
    for note in notes:
        act(cast.bob_actor, "board.vote", {"activity": board, "note": note})

    refused = refusal(cast.fac, "board.set_options", payload(board, budget=2))

    assert refused.message == (
        "Someone has already placed 3 dots: the budget cannot be lower."
    )
    assert options_of(activity_row(board))["budget"] == 5
    act(cast.fac, "board.set_options", payload(board, budget=3))  # just enough


def test_the_most_per_note_cannot_go_below_dots_on_a_note(cast, board):
    act(cast.fac, "board.set_options", payload(board))
    note = add_note(cast.ann_actor, board)
    set_phase(cast.fac, board, "voting")
    for _ in range(2):
        act(cast.bob_actor, "board.vote", {"activity": board, "note": note})

    refused = refusal(cast.fac, "board.set_options", payload(board, per_note=1))

    assert refused.message == (
        "Someone has already put 2 dots on one note: allow at least that many."
    )


def test_hiding_votes_while_voting_is_a_change_of_visibility(cast, board):
    """Turning hidden counts on while the room votes takes counts off the
    room's screens: resync across it answers with a snapshot."""
    add_note(cast.ann_actor, board)
    set_phase(cast.fac, board, "voting")

    ack = act(cast.fac, "board.set_options", payload(board))

    event = db.session.scalar(sa.select(Event).filter_by(op_id=ack["op_id"]))
    entries = db.session.scalars(sa.select(StreamEntry).filter_by(event_id=event.id))
    assert all(entry.changes_visibility for entry in entries)
    [note] = snapshot(activity_row(board), audiences.PARTICIPANTS)["notes"]
    assert "votes" not in note


def test_other_settings_while_voting_change_no_visibility(cast, board):
    set_phase(cast.fac, board, "voting")

    ack = act(cast.fac, "board.set_options", payload(board, hide_votes=False))

    event = db.session.scalar(sa.select(Event).filter_by(op_id=ack["op_id"]))
    entries = db.session.scalars(
        sa.select(StreamEntry).filter_by(event_id=event.id)
    ).all()
    assert entries and not any(entry.changes_visibility for entry in entries)


def test_participants_cannot_change_the_settings(cast, board):
    refused = refusal(cast.ann_actor, "board.set_options", payload(board))

    assert refused.code == "not_allowed"
    assert options_of(activity_row(board)) == DEFAULTS
