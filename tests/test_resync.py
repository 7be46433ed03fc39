"""Catching a stream up (app/resync.py): the missed events, projected from
current state, or a snapshot when the missed range changed what the stream
may see."""

import pytest
import sqlalchemy as sa

from app import audiences, changes
from app.extensions import db
from app.models import LoginSession
from app.resync import resync
from tests.builders import (
    act,
    add_note,
    facilitator_actor,
    make_group,
    make_team,
    participant_actor,
    put_in_group,
    set_phase,
)


def numbers(answer):
    return [event["n"] for event in answer["events"]]


def test_resync_returns_the_events_after_a_number(cast, board):
    """Events numbered after `after`, in order, each with its seq, op_id and
    action."""
    acks = [add_note(cast.ann_actor, board, text=f"n{i}") for i in range(4)]
    counter = resync(cast.bob_actor, audiences.PARTICIPANTS, None)["snapshot"]["n"]

    answer = resync(cast.bob_actor, audiences.PARTICIPANTS, counter - 2)

    assert numbers(answer) == [counter - 1, counter]
    assert [e["data"]["note"]["id"] for e in answer["events"]] == acks[-2:]
    assert {e["action"] for e in answer["events"]} == {"board.add_note"}


def test_resync_at_the_latest_number_is_empty(cast, board):
    """A client that missed nothing gets no events."""
    add_note(cast.ann_actor, board)
    counter = resync(cast.bob_actor, audiences.PARTICIPANTS, None)["snapshot"]["n"]

    assert resync(cast.bob_actor, audiences.PARTICIPANTS, counter) == {
        "ok": True,
        "events": [],
    }


@pytest.mark.parametrize("after", [None, -1, "beyond"])
def test_resync_without_a_usable_number_gets_a_snapshot(cast, board, after):
    """No number, a negative one or one past the stream's end: a snapshot at
    the stream's current number."""
    add_note(cast.ann_actor, board, text="Seen")
    counter = resync(cast.bob_actor, audiences.PARTICIPANTS, None)["snapshot"]["n"]
    after = counter + 5 if after == "beyond" else after

    snapshot = resync(cast.bob_actor, audiences.PARTICIPANTS, after)["snapshot"]

    assert snapshot["n"] == counter and snapshot["stream"] == "participants"
    [activity] = snapshot["activities"]
    assert [note["text"] for note in activity["state"]["notes"]] == ["Seen"]


def test_resync_of_a_stream_with_no_events_is_an_empty_snapshot(cast):
    """A stream nothing was sent on yet answers with a snapshot at 0."""
    answer = resync(cast.ann_actor, audiences.private(cast.ann), 0)

    assert answer["snapshot"]["n"] == 0


def test_replayed_events_are_projected_from_current_state(cast, board):
    """Replay shows a note as it is now (edited text), never as it was typed."""
    note = add_note(cast.ann_actor, board, text="Before")
    counter = resync(cast.bob_actor, audiences.PARTICIPANTS, None)["snapshot"]["n"]
    act(
        cast.ann_actor,
        "board.edit_note",
        {"activity": board, "note": note, "text": "After", "version": 1},
    )

    answer = resync(cast.bob_actor, audiences.PARTICIPANTS, counter - 1)

    texts = [e["data"]["note"]["text"] for e in answer["events"]]
    assert texts == ["After", "After"]


def test_each_actor_resyncs_its_own_projection(cast, board):
    """The facilitators' stream carries facilitator-only fields; the
    participants' stream does not."""
    add_note(cast.ann_actor, board)

    for actor, stream, has_hidden in (
        (cast.fac, audiences.FACILITATORS, True),
        (cast.bob_actor, audiences.PARTICIPANTS, False),
    ):
        [event] = resync(actor, stream, 0)["events"][-1:]
        assert ("hidden" in event["data"]["note"]) is has_hidden


def test_vote_replays_on_the_voters_private_stream_only(cast, board):
    """Whether I voted comes back on my private stream, not others'."""
    note = add_note(cast.ann_actor, board)
    set_phase(cast.fac, board, "voting")
    act(cast.bob_actor, "board.vote", {"activity": board, "note": note})

    [mine] = resync(cast.bob_actor, audiences.private(cast.bob), 0)["events"]
    shared = resync(cast.bob_actor, audiences.PARTICIPANTS, 0)

    assert mine["data"]["my_vote"] == {"note": note, "dots": 1}
    assert all("my_vote" not in e["data"] for e in shared.get("events", []))


# --- a snapshot when the missed range changed what the stream may see ---------


def _reveal(cast, board):
    add_note(cast.ann_actor, board, text="Private", private=True)
    yield
    set_phase(cast.fac, board, "voting")


def _hide(cast, board):
    note = add_note(cast.ann_actor, board, text="Rude")
    yield
    act(cast.fac, "board.hide_note", {"activity": board, "note": note})


def _unhide(cast, board):
    note = add_note(cast.ann_actor, board, text="Fine")
    act(cast.fac, "board.hide_note", {"activity": board, "note": note})
    yield
    act(cast.fac, "board.unhide_note", {"activity": board, "note": note})


def _delete(cast, board):
    note = add_note(cast.ann_actor, board, text="Gone")
    yield
    act(cast.fac, "board.delete_note", {"activity": board, "note": note})


def _group_move(cast, board):
    group = make_group(cast.fac)
    yield
    put_in_group(cast.fac, cast.bob, group)


# Each change is its setup, `yield`, then the change itself; with the stream
# of Bob's whose visibility it changes.
VISIBILITY_CHANGES = {
    "reveal": (_reveal, "participants"),
    "hide": (_hide, "participants"),
    "unhide": (_unhide, "participants"),
    "delete": (_delete, "participants"),
    "group move": (_group_move, "private"),
}


def _numbers_now(cast):
    """Bob's current number on his workshop-wide and private streams."""
    return {
        stream: resync(cast.bob_actor, stream, None)["snapshot"]["n"]
        for stream in (audiences.PARTICIPANTS, audiences.private(cast.bob))
    }


def _changed(cast, board, name):
    """Run a visibility change; Bob's numbers just before it, and its stream."""
    change, stream = VISIBILITY_CHANGES[name]
    steps = change(cast, board)
    next(steps)
    before = _numbers_now(cast)
    next(steps, None)
    stream = audiences.private(cast.bob) if stream == "private" else stream
    return before, stream


@pytest.mark.parametrize("name", VISIBILITY_CHANGES)
def test_missed_visibility_change_answers_with_a_snapshot(cast, board, name):
    """A missed range that includes a reveal, hide, unhide, deletion or group
    move is answered with a snapshot, not events."""
    before, stream = _changed(cast, board, name)

    answer = resync(cast.bob_actor, stream, before[stream])

    assert "snapshot" in answer and "events" not in answer
    assert answer["snapshot"]["n"] == before[stream] + 1


@pytest.mark.parametrize("name", VISIBILITY_CHANGES)
def test_visibility_change_already_seen_answers_with_events(cast, board, name):
    """After a visibility change the client has seen, later events replay as
    events again."""
    _before, stream = _changed(cast, board, name)
    seen = _numbers_now(cast)[stream]
    if stream == audiences.PARTICIPANTS:
        act(
            cast.fac, "workshop.add_activity", {"method": "open-board", "title": "Next"}
        )
    else:
        note = add_note(cast.fac, board, text="To vote on")
        set_phase(cast.fac, board, "voting")
        act(cast.bob_actor, "board.vote", {"activity": board, "note": note})

    answer = resync(cast.bob_actor, stream, seen)

    assert numbers(answer) == [seen + 1]


def test_snapshot_after_a_hide_leaves_the_note_out(cast, board):
    """The snapshot across a hide shows participants no hidden note, and
    facilitators the note marked hidden."""
    note = add_note(cast.ann_actor, board, text="Rude")
    act(cast.fac, "board.hide_note", {"activity": board, "note": note})

    shared = resync(cast.bob_actor, audiences.PARTICIPANTS, 0)["snapshot"]
    facilitators = resync(cast.fac, audiences.FACILITATORS, 0)

    assert shared["activities"][0]["state"]["notes"] == []
    events = facilitators.get("events") or []
    assert any(e["data"].get("note", {}).get("hidden") for e in events)


# --- whose streams ------------------------------------------------------------


def test_actor_may_resync_only_its_own_streams(cast, board):
    """Each actor reads exactly the streams the server gives it; any other
    is refused."""
    group = make_group(cast.fac)
    put_in_group(cast.fac, cast.ann, group)
    mine = {
        audiences.PARTICIPANTS,
        audiences.private(cast.ann),
        f"group:{group}",
    }
    others = {
        audiences.private(cast.bob),
        audiences.FACILITATORS,
        audiences.PROJECTOR_STREAM,
        "group:nope",
        "",
        None,
    }

    for stream in mine:
        assert resync(cast.ann_actor, stream, 0)["ok"] is True
    for stream in others:
        with pytest.raises(changes.Refused) as refusal:
            resync(cast.ann_actor, stream, 0)
        assert refusal.value.code == "not_allowed"
    with pytest.raises(changes.Refused):
        resync(cast.fac, audiences.PARTICIPANTS, 0)


def test_removed_signed_out_or_foreign_actor_may_not_resync(cast, board):
    """Resync authenticates from the database like every change: a removed
    participant, a signed-out facilitator and another team's are refused."""
    other_team_fac = facilitator_actor(cast.workshop, team=make_team("Another"))
    signed_out = facilitator_actor(cast.workshop)
    act(cast.fac, "workshop.remove_participant", {"participant": cast.ann.public_id})
    db.session.execute(
        sa.delete(LoginSession).filter_by(id=signed_out.login_session_id)
    )
    db.session.commit()

    for actor, stream in (
        (participant_actor(cast.ann), audiences.PARTICIPANTS),
        (other_team_fac, audiences.FACILITATORS),
        (signed_out, audiences.FACILITATORS),
    ):
        with pytest.raises(changes.Refused) as refusal:
            resync(actor, stream, 0)
        assert refusal.value.code == "not_allowed"
