"""The `act` and `resync` socket events, in-process: acknowledgements, who
receives what (private and hidden notes never reach another participant's
socket), refusals on a still-open socket, flood limits, and catching up."""

import json

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db, socketio
from app.models import Note
from app.models.types import utcnow
from app.tokens import participant_token
from config import TestingConfig
from tests import builders
from tests.apps import app_with
from tests.builders import (
    act,
    add_note,
    make_board,
    make_cast,
    make_group,
    new_op_id,
    put_in_group,
    set_phase,
)
from tests.realtime.conftest import SocketClient

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")


def note_payload(board, text, **extra):
    return {"activity": board, "column": "ideas", "text": text, **extra}


def note_count():
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Note))


# --- act ----------------------------------------------------------------------


def test_act_is_acknowledged_with_its_numbers(cast, board, sockets):
    """An applied act's ack is the handler's return value: ok, op_id, seq and
    the stream numbers, after the note is committed."""
    ann, _bob = sockets
    op_id = new_op_id()

    ack = ann.act("board.add_note", note_payload(board, "Hello"), op_id)

    assert ack["ok"] is True and ack["op_id"] == op_id
    assert set(ack["streams"]) == {"participants", "facilitators", "projector"}
    assert ack["seq"] > 0 and note_count() == 1


def test_sender_receives_its_own_event(cast, board, sockets):
    """The sender gets the event too, carrying its op_id and stream number."""
    ann, bob = sockets

    ack = ann.act("board.add_note", note_payload(board, "Hello"))

    for socket in (ann, bob):
        [event] = socket.events("event")
        assert event["op_id"] == ack["op_id"]
        assert event["n"] == ack["streams"]["participants"]
        assert event["data"]["note"]["text"] == "Hello"


def test_retried_act_is_acknowledged_again_and_sent_once(cast, board, sockets):
    """A retry with the same op_id gets the original ack (replayed) and is
    neither applied nor broadcast again."""
    ann, bob = sockets
    op_id = new_op_id()
    first = ann.act("board.add_note", note_payload(board, "Once"), op_id)
    bob.get_received()

    again = ann.act("board.add_note", note_payload(board, "Once"), op_id)

    assert again == {**first, "replayed": True}
    assert bob.get_received() == [] and note_count() == 1


@pytest.mark.parametrize(
    "message, code",
    [
        ("not an object", "invalid"),
        ([1, 2], "invalid"),
        ({"payload": {}, "op_id": "x"}, "unknown_action"),
        ({"action": "board.add_note", "payload": {}}, "bad_op_id"),
        ({"action": "board.add_note", "payload": "x", "op_id": None}, "bad_op_id"),
    ],
)
def test_malformed_act_gets_a_structured_refusal(cast, board, sockets, message, code):
    """A malformed act is answered with an error code, never silence or a 500."""
    ann, bob = sockets

    ack = ann.emit("act", message, callback=True)

    assert ack["ok"] is False and ack["error"] == code and ack["message"]
    assert bob.get_received() == []


def test_refused_act_broadcasts_nothing(cast, board, sockets):
    """A refused act reaches no socket, the sender's included."""
    ann, bob = sockets

    ack = ann.act("board.hide_note", {"activity": board, "note": "nope"})

    assert ack["error"] == "not_allowed"
    assert ann.get_received() == [] and bob.get_received() == []


# --- what never reaches another participant ----------------------------------


def test_private_note_never_reaches_another_participants_socket(
    cast, board, sockets, fac_socket
):
    """Private writing goes to its author's sockets alone, edits included."""
    ann, bob = sockets

    ack = ann.act("board.add_note", note_payload(board, "SECRET-ONE", private=True))
    note = ack["result"]["note"]
    ann.act(
        "board.edit_note",
        {"activity": board, "note": note, "text": "SECRET-TWO", "version": 1},
    )

    received = bob.raw() + fac_socket.raw()
    assert "SECRET" not in received and note not in received
    assert [e["stream"] for e in ann.events("event")] == [
        audiences.private(cast.ann)
    ] * 2


def test_private_note_is_not_in_another_participants_resync(cast, board, sockets):
    """Catching up on any of Bob's streams never brings Ann's private note."""
    ann, bob = sockets
    ann.act("board.add_note", note_payload(board, "SECRET-ONE", private=True))

    for stream in (audiences.PARTICIPANTS, audiences.private(cast.bob)):
        for after in (None, 0):
            answer = bob.resync(stream, after)
            assert answer["ok"] is True
            assert "SECRET" not in json.dumps(answer)


def test_hidden_note_never_reaches_participants_again(cast, board, sockets, fac_socket):
    """Once hidden, a note's text reaches no participant: not the hide event,
    not later changes to it, not a resync from before or after the hide."""
    ann, bob = sockets
    note = ann.act("board.add_note", note_payload(board, "HIDE-ME"))["result"]["note"]
    before_hide = bob.resync(audiences.PARTICIPANTS, None)["snapshot"]["n"]
    for socket in (ann, bob, fac_socket):
        socket.get_received()

    hidden = fac_socket.act("board.hide_note", {"activity": board, "note": note})
    fac_socket.act(
        "board.move_note",
        {"activity": board, "note": note, "column": "ideas"},
    )
    set_phase(cast.fac, board, "voting")

    assert hidden["ok"] is True
    for socket in (ann, bob):
        received = socket.events("event")
        assert "HIDE-ME" not in json.dumps(received)
        assert received[0]["data"] == {"note_removed": note, "activity": board}
        for after in (None, 0, before_hide, hidden["streams"]["participants"]):
            assert "HIDE-ME" not in json.dumps(
                socket.resync(audiences.PARTICIPANTS, after)
            )
    assert "HIDE-ME" in json.dumps(fac_socket.events("event"))


def test_group_note_never_reaches_another_group(cast, sockets):
    """A note on a group board goes to its group's sockets only."""
    ann, bob = sockets
    one, two = make_group(cast.fac, "Table 1"), make_group(cast.fac, "Table 2")
    put_in_group(cast.fac, cast.ann, one)
    put_in_group(cast.fac, cast.bob, two)
    grouped = make_board(cast.fac, in_groups=True)
    bob.get_received()

    ann.act("board.add_note", note_payload(grouped, "TABLE-ONE-ONLY"))

    assert "TABLE-ONE-ONLY" not in bob.raw()
    assert "TABLE-ONE-ONLY" in ann.raw()
    assert "TABLE-ONE-ONLY" not in json.dumps(bob.resync(f"group:{two}", 0))


# --- a still-open socket is re-checked on every event ------------------------


def test_removed_participants_open_socket_is_refused(cast, board, sockets):
    """Removal is read from the database on every act: a socket still open
    after its participant was removed is refused and changes nothing."""
    ann, bob = sockets
    cast.ann.removed_at = utcnow()
    db.session.commit()
    bob.get_received()

    ack = ann.act("board.add_note", note_payload(board, "Still here?"))

    assert ack["ok"] is False and ack["error"] == "not_allowed"
    assert note_count() == 0 and bob.get_received() == []
    assert ann.resync(audiences.PARTICIPANTS, 0)["error"] == "not_allowed"


def test_removal_through_apply_closes_the_socket(cast, board, sockets):
    """Removing a participant through the write path disconnects their socket;
    the other participant stays connected."""
    ann, bob = sockets

    act(cast.fac, "workshop.remove_participant", {"participant": cast.ann.public_id})

    assert not ann.is_connected()
    assert bob.is_connected()


def test_signed_out_facilitators_open_socket_is_refused(
    cast, board, fac_socket, facilitator
):
    """A facilitator whose login session ended is refused on act at once."""
    note = add_note(cast.ann_actor, board, text="Keep me")
    db.session.execute(
        sa.text("DELETE FROM login_session WHERE user_id = :id"), {"id": facilitator.id}
    )
    db.session.commit()

    ack = fac_socket.act("board.hide_note", {"activity": board, "note": note})

    assert ack["error"] == "not_allowed"
    assert db.session.scalar(sa.select(Note.hidden_at)) is None


# --- flood limits -------------------------------------------------------------


class FloodConfig(TestingConfig):
    SOCKET_EVENT_RATE_LIMIT = "3 per minute"


def test_flood_is_rate_limited_and_changes_nothing():
    """Past the configured rate an actor's events are refused with
    rate_limited, and the refused ones change nothing."""
    with app_with(FloodConfig) as app:
        workshop = builders.make_workshop(builders.make_team())
        cast = make_cast(workshop)
        board = make_board(cast.fac)
        socket = SocketClient(
            app,
            socketio,
            query_string=f"w={workshop.public_id}",
            auth={"token": participant_token(cast.ann)},
            flask_test_client=app.test_client(),
        )
        acks = [
            socket.act("board.add_note", note_payload(board, f"n{i}")) for i in range(5)
        ]
        also = socket.resync(audiences.PARTICIPANTS, 0)
        count = note_count()
        socket.disconnect()

    assert [a["ok"] for a in acks] == [True, True, True, False, False]
    assert {a.get("error") for a in acks[3:]} == {"rate_limited"}
    assert also["error"] == "rate_limited"
    assert count == 3


def test_flood_limit_is_per_actor(cast, board, sockets, app, monkeypatch):
    """One participant's flood does not limit another participant."""
    monkeypatch.setitem(app.config, "SOCKET_EVENT_RATE_LIMIT", "2 per minute")
    ann, bob = sockets

    for i in range(3):
        ann.act("board.add_note", note_payload(board, f"a{i}"))
    ack = bob.act("board.add_note", note_payload(board, "b"))

    assert ack["ok"] is True


# --- resync over the socket ---------------------------------------------------


@pytest.fixture
def busy(cast, sockets, fac_socket):
    """Bob at table 2; changes on each of his streams, received live."""
    ann, bob = sockets
    two = make_group(cast.fac, "Table 2")
    put_in_group(cast.fac, cast.bob, two)
    board, grouped = make_board(cast.fac), make_board(cast.fac, in_groups=True)
    for socket in (ann, bob, fac_socket):
        socket.get_received()
    for i in range(3):
        ann.act("board.add_note", note_payload(board, f"shared {i}"))
        bob.act("board.add_note", note_payload(grouped, f"table {i}"))
        bob.act("board.add_note", note_payload(board, f"mine {i}", private=True))
    return two


def _by_stream(events):
    streams = {}
    for event in events:
        streams.setdefault(event["stream"], []).append(event)
    return streams


def test_resync_returns_exactly_the_missed_events(cast, sockets, fac_socket, busy):
    """For each of an actor's streams and each `after`, resync returns the
    events numbered after it, as that stream received them live."""
    _ann, bob = sockets
    live = _by_stream(bob.events("event"))
    live.update(_by_stream(fac_socket.events("event")))
    assert set(live) == {
        audiences.PARTICIPANTS,
        f"group:{busy}",
        audiences.private(cast.bob),
        audiences.FACILITATORS,
    }

    for stream, events in live.items():
        socket = fac_socket if stream == audiences.FACILITATORS else bob
        last = events[-1]["n"]
        assert [e["n"] for e in events] == list(range(events[0]["n"], last + 1))
        for after in range(events[0]["n"] - 1, last + 1):
            answer = socket.resync(stream, after)
            assert answer == {
                "ok": True,
                "events": [e for e in events if e["n"] > after],
            }


def test_resync_of_a_stream_not_the_actors_is_refused(cast, sockets, busy):
    """A participant may catch up only on their own streams."""
    ann, bob = sockets

    for stream in (
        audiences.private(cast.bob),
        f"group:{busy}",
        audiences.FACILITATORS,
        audiences.PROJECTOR_STREAM,
        "nonsense",
        None,
    ):
        answer = ann.resync(stream, 0)
        assert (answer["ok"], answer["error"]) == (False, "not_allowed")


@pytest.mark.parametrize("after", ["3", 1.5, True, [1], {"n": 1}])
def test_resync_with_a_malformed_after_is_refused(cast, sockets, after):
    """`after` must be a whole number (or null for a snapshot)."""
    ann, _bob = sockets

    answer = ann.resync(audiences.PARTICIPANTS, after)

    assert (answer["ok"], answer["error"]) == (False, "invalid")


def test_resync_message_must_be_an_object(cast, sockets):
    """A resync that is not an object is refused as not understood."""
    ann, _bob = sockets

    answer = ann.emit("resync", "participants", callback=True)

    assert (answer["ok"], answer["error"]) == (False, "invalid")
