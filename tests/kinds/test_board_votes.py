"""Dot voting on the board (app/kinds/board_votes.py): the budget and the
most dots per note are the server's to enforce; each voter's own stream
learns their dots; hidden counts reach no stream but the facilitators'
until voting closes; results are ranked by dots, ties in board order."""

import json

import pytest
import sqlalchemy as sa

from app import audiences
from app.actors import PROJECTOR, Actor
from app.extensions import db, socketio
from app.kinds.board_results import ranked
from app.kinds.board_view import snapshot
from app.models import Event, Note, StreamEntry, Vote
from app.resync import resync
from tests.builders import (
    act,
    activity_row,
    add_note,
    event_count,
    make_board,
    make_group,
    put_in_group,
    set_phase,
)
from tests.builders import refused as refusal

ROOM = (audiences.PARTICIPANTS, audiences.PROJECTOR_STREAM)


@pytest.fixture
def emitted(monkeypatch):
    """Every event the server emits, by stream, captured instead of sent."""
    sent = []

    def capture(name, message, **_kwargs):
        if name == "event":
            sent.append(message)

    monkeypatch.setattr(socketio, "emit", capture)
    return sent


def options(cast, board, **chosen):
    settings = {"budget": 3, "per_note": 1, "hide_votes": False}
    settings.update(chosen)
    payload = {"activity": board, "participants_group": False, **settings}
    return act(cast.fac, "board.set_options", payload)


def notes(cast, board, *texts):
    return [add_note(cast.ann_actor, board, text=text) for text in texts]


def vote(actor, board, note, action="board.vote"):
    return act(actor, action, {"activity": board, "note": note})


def dots_in_rows():
    return db.session.execute(sa.select(Vote.note_id, Vote.count)).all()


def counts(board, stream_key):
    """{note text: its count, or None if the stream is not told it}."""
    state = snapshot(activity_row(board), stream_key)
    return {note["text"]: note.get("votes") for note in state["notes"]}


# --- The budget and the most per note ----------------------------------------


def test_over_budget_dot_is_refused_and_nothing_is_written(cast, board, emitted):
    """With a budget of 2, a third dot is refused with a clear message; no
    row, no event, nothing broadcast."""
    options(cast, board, budget=2)
    first, second, third = notes(cast, board, "One", "Two", "Three")
    set_phase(cast.fac, board, "voting")
    vote(cast.bob_actor, board, first)
    vote(cast.bob_actor, board, second)
    rows, events, sent = dots_in_rows(), event_count(), len(emitted)

    refused = refusal(cast.bob_actor, "board.vote", {"activity": board, "note": third})

    assert refused.code == "over_budget"
    assert refused.message == "You have used all 2 of your dots."
    assert (dots_in_rows(), event_count(), len(emitted)) == (rows, events, sent)


def test_a_dot_taken_back_can_be_placed_again(cast, board):
    """Taking a dot back frees it for another note."""
    options(cast, board, budget=1)
    first, second = notes(cast, board, "One", "Two")
    set_phase(cast.fac, board, "voting")
    vote(cast.bob_actor, board, first)
    assert refusal(
        cast.bob_actor, "board.vote", {"activity": board, "note": second}
    ).message == ("You have used your only dot.")

    vote(cast.bob_actor, board, first, "board.unvote")
    ack = vote(cast.bob_actor, board, second)

    assert ack["result"] == {"dots": 1, "used": 1, "budget": 1}


def test_one_dot_per_note_by_default(cast, board):
    """By default a person puts at most one dot on a note."""
    [note] = notes(cast, board, "Only one")
    set_phase(cast.fac, board, "voting")
    vote(cast.bob_actor, board, note)
    events = event_count()

    refused = refusal(cast.bob_actor, "board.vote", {"activity": board, "note": note})

    assert refused.code == "too_many_dots"
    assert refused.message == "You have already voted for this note."
    assert event_count() == events
    assert [count for _note, count in dots_in_rows()] == [1]


def test_several_dots_on_a_note_make_one_row_up_to_the_limit(cast, board):
    """With up to 2 per note, two dots are one Vote row of count 2; a third
    on that note is refused, though the budget has room."""
    options(cast, board, budget=5, per_note=2)
    [note] = notes(cast, board, "Worth two")
    set_phase(cast.fac, board, "voting")

    vote(cast.bob_actor, board, note)
    ack = vote(cast.bob_actor, board, note)
    refused = refusal(cast.bob_actor, "board.vote", {"activity": board, "note": note})

    assert ack["result"] == {"dots": 2, "used": 2, "budget": 5}
    assert [count for _note, count in dots_in_rows()] == [2]
    assert refused.message == "You can put at most 2 dots on one note."
    assert counts(board, audiences.PARTICIPANTS) == {"Worth two": 2}


def test_unvote_takes_back_one_dot_at_a_time(cast, board):
    """Each unvote takes one dot back; the row goes with the last; with no
    dot left, taking one back is refused and writes nothing."""
    options(cast, board, per_note=2)
    [note] = notes(cast, board, "Two dots")
    set_phase(cast.fac, board, "voting")
    vote(cast.bob_actor, board, note)
    vote(cast.bob_actor, board, note)

    vote(cast.bob_actor, board, note, "board.unvote")
    assert [count for _note, count in dots_in_rows()] == [1]
    vote(cast.bob_actor, board, note, "board.unvote")
    assert dots_in_rows() == []
    events = event_count()
    refused = refusal(cast.bob_actor, "board.unvote", {"activity": board, "note": note})

    assert (refused.code, refused.message) == (
        "not_found",
        "You have no dot on that note.",
    )
    assert event_count() == events


def test_budget_counts_dots_on_this_board_only(cast, board):
    """Dots on another board do not use this board's budget."""
    other = make_board(cast.fac)
    [here] = notes(cast, board, "Here")
    there = add_note(cast.ann_actor, other, text="There")
    options(cast, board, budget=1)
    for activity in (board, other):
        set_phase(cast.fac, activity, "voting")

    vote(cast.bob_actor, other, there)
    ack = vote(cast.bob_actor, board, here)

    assert ack["result"]["used"] == 1


@pytest.mark.parametrize("phase", ["writing", "grouping", "discussion"])
def test_voting_outside_the_voting_phase_is_refused_clearly(cast, board, phase):
    [note] = notes(cast, board, "Too early or late")
    set_phase(cast.fac, board, phase)

    refused = refusal(cast.bob_actor, "board.vote", {"activity": board, "note": note})

    assert (refused.code, refused.message) == (
        "wrong_phase",
        "Voting is not open on this board.",
    )


@pytest.mark.parametrize("phase", ["grouping", "voting"])
def test_notes_cannot_be_added_once_writing_is_over(cast, board, phase):
    """Grouping and voting work on the notes written: no new ones."""
    set_phase(cast.fac, board, phase)
    payload = {"activity": board, "column": "ideas", "text": "Late"}

    refused = refusal(cast.ann_actor, "board.add_note", payload)

    assert (refused.code, refused.message) == (
        "wrong_phase",
        "Notes can only be written in the writing phase.",
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Note)) == 0


# --- What each stream learns --------------------------------------------------


def test_the_voters_own_stream_learns_their_dots_and_budget(cast, board, emitted):
    """The voter's private stream gets their dots on the note and on the
    board; nobody else's private stream hears of it."""
    first, second = notes(cast, board, "One", "Two")
    set_phase(cast.fac, board, "voting")
    vote(cast.bob_actor, board, first)
    emitted.clear()

    vote(cast.bob_actor, board, second)

    by_stream = {message["stream"]: message["data"] for message in emitted}
    mine = by_stream[audiences.private(cast.bob)]
    assert mine["my_vote"] == {"note": second, "dots": 1}
    assert mine["my_dots"] == {"used": 2, "budget": 3}
    assert audiences.private(cast.ann) not in by_stream
    assert by_stream[audiences.PARTICIPANTS]["note"]["votes"] == 1
    state = snapshot(activity_row(board), audiences.private(cast.bob))
    assert state["my_dots"] == {first: 1, second: 1}


def _room_payloads(emitted, room=ROOM):
    return json.dumps([m for m in emitted if m["stream"] in room])


def test_hidden_votes_reach_only_facilitators_and_the_voter(cast, board, emitted):
    """With the votes hidden, a vote's event goes to the facilitators and the
    voter alone; the room's and the projector's snapshots and replays carry
    no count; facilitators see the counts."""
    options(cast, board, hide_votes=True)
    [note] = notes(cast, board, "Secret ballot")
    set_phase(cast.fac, board, "voting")
    emitted.clear()

    ack = vote(cast.bob_actor, board, note)

    assert set(ack["streams"]) == {audiences.FACILITATORS, audiences.private(cast.bob)}
    assert _room_payloads(emitted) == "[]"
    private = json.dumps(
        [m for m in emitted if m["stream"] == audiences.private(cast.bob)]
    )
    assert '"votes"' not in private
    for key in ROOM:
        assert counts(board, key) == {"Secret ballot": None}
    assert counts(board, audiences.FACILITATORS) == {"Secret ballot": 1}
    projector = Actor(PROJECTOR, cast.workshop.id)
    for actor, key in zip((cast.bob_actor, projector), ROOM, strict=True):
        assert '"votes"' not in json.dumps(resync(actor, key, None))


def test_hidden_votes_appear_when_voting_closes(cast, board, emitted):
    """Leaving voting for discussion shows the counts to every screen: a
    change of visibility, answered with the board's snapshot."""
    options(cast, board, hide_votes=True)
    [note] = notes(cast, board, "Counted at the end")
    set_phase(cast.fac, board, "voting")
    vote(cast.bob_actor, board, note)
    seen = resync(cast.bob_actor, audiences.PARTICIPANTS, None)["snapshot"]["n"]
    emitted.clear()

    set_phase(cast.fac, board, "discussion")

    room = [message for message in emitted if message["stream"] in ROOM]
    assert len(room) == 2
    for message in room:
        assert message["data"]["snapshot"]["notes"][0]["votes"] == 1
    assert counts(board, audiences.PROJECTOR_STREAM) == {"Counted at the end": 1}
    caught_up = resync(cast.bob_actor, audiences.PARTICIPANTS, seen)
    [state] = [
        a["state"] for a in caught_up["snapshot"]["activities"] if a["id"] == board
    ]
    assert state["notes"][0]["votes"] == 1


def test_a_phase_change_that_keeps_counts_hidden_sends_no_snapshot(cast, board):
    """Moving between phases that both keep the counts hidden (grouping to
    voting, the board already revealed) is no change of visibility."""
    options(cast, board, hide_votes=True)
    set_phase(cast.fac, board, "grouping")  # the reveal

    set_phase(cast.fac, board, "voting")

    last = db.session.scalars(sa.select(Event).order_by(Event.id.desc())).first()
    entries = db.session.scalars(
        sa.select(StreamEntry).filter_by(event_id=last.id)
    ).all()
    assert last.action == "activity.set_phase"
    assert entries and not any(entry.changes_visibility for entry in entries)


def test_going_back_to_voting_hides_the_counts_again(cast, board):
    options(cast, board, hide_votes=True)
    [note] = notes(cast, board, "Back and forth")
    set_phase(cast.fac, board, "voting")
    vote(cast.bob_actor, board, note)
    set_phase(cast.fac, board, "discussion")
    assert counts(board, audiences.PARTICIPANTS) == {"Back and forth": 1}

    set_phase(cast.fac, board, "voting")

    assert counts(board, audiences.PARTICIPANTS) == {"Back and forth": None}


@pytest.fixture
def tables(cast):
    """Ann at table 1, Bob at table 2, and a board worked on in groups."""
    groups = make_group(cast.fac, "Table 1"), make_group(cast.fac, "Table 2")
    put_in_group(cast.fac, cast.ann, groups[0])
    put_in_group(cast.fac, cast.bob, groups[1])
    return groups, make_board(cast.fac, in_groups=True)


def test_hidden_votes_on_a_group_board_stay_off_the_group_stream(cast, tables, emitted):
    """On a board run in groups, a hidden vote reaches neither the group's
    stream nor the projector, until voting closes."""
    (one, _two), board = tables
    options(cast, board, hide_votes=True)
    note = add_note(cast.ann_actor, board, text="Table one's idea")
    set_phase(cast.fac, board, "voting")
    emitted.clear()

    vote(cast.ann_actor, board, note)

    group = f"group:{one}"
    assert _room_payloads(emitted, (group, audiences.PROJECTOR_STREAM)) == "[]"
    assert counts(board, group) == {"Table one's idea": None}
    set_phase(cast.fac, board, "discussion")
    assert counts(board, group) == {"Table one's idea": 1}


# --- Results, ranked ----------------------------------------------------------


def test_results_are_ranked_by_dots_with_ties_in_board_order(cast):
    """Most dots first; a tie keeps the board's order (column, then place in
    the column); notes with no dot are not in the ranking."""
    board = make_board(cast.fac, columns=("ideas", "later"))
    options(cast, board, budget=5, per_note=2)
    first = add_note(cast.ann_actor, board, text="First idea")
    later = add_note(cast.ann_actor, board, text="In the later column", column="later")
    second = add_note(cast.ann_actor, board, text="Second idea")
    add_note(cast.ann_actor, board, text="No dots")
    set_phase(cast.fac, board, "voting")
    for note in (later, second, second, first):
        vote(cast.bob_actor, board, note)

    activity = activity_row(board)
    all_notes = db.session.scalars(sa.select(Note)).all()

    assert [note.text for note in ranked(activity, all_notes)] == [
        "Second idea",
        "First idea",
        "In the later column",
    ]
