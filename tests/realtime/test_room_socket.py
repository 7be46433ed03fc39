"""Facilitating the room over sockets, in-process, on the raw payloads: a
break request reaches the facilitators and its owner and never the room,
a group or the projector; a message and a spotlight reach every screen
(the spotlight by id, never by text); groups balanced by role move each
person's connections; participants' sockets are refused every control."""

import json

import pytest

from app import audiences
from app.realtime import rooms
from tests.builders import act, add_note, make_board, make_group, put_in_group

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")


def test_a_break_request_never_reaches_the_room_or_the_projector(
    cast, sockets, projector, fac_socket
):
    """Ann (in a group, as Bob) asks for a break and withdraws it; Bob's and
    the projector's sockets receive nothing of it, live or on resync; the
    facilitators' socket gets her name in the list."""
    ann, bob = sockets
    group = make_group(cast.fac, "Table 1")
    put_in_group(cast.fac, cast.ann, group)
    put_in_group(cast.fac, cast.bob, group)
    for socket in (ann, bob, projector, fac_socket):
        socket.get_received()

    assert ann.act("break.request", {})["ok"] is True
    to_facilitators = fac_socket.raw()
    assert ann.act("break.clear", {})["ok"] is True

    assert '"breaks"' in to_facilitators and "Ann" in to_facilitators
    assert '"my_break": true' in ann.raw()
    caught_up = [
        bob.resync(stream, after)
        for stream in (audiences.PARTICIPANTS, f"group:{group}")
        for after in (None, 0)
    ] + [projector.resync(audiences.PROJECTOR_STREAM, None)]
    for text in (bob.raw(), projector.raw(), json.dumps(caught_up)):
        assert "break" not in text
        assert cast.ann.public_id not in text


def test_a_message_reaches_every_screen_live(cast, sockets, projector):
    ann, bob = sockets
    projector.get_received()

    act(cast.fac, "workshop.announce", {"text": "Lunch is in the hall"})

    for socket in (ann, bob, projector):
        [event] = [e for e in socket.events("event") if "announcement" in e["data"]]
        assert event["data"]["announcement"]["text"] == "Lunch is in the hall"


def test_a_spotlight_names_a_private_note_by_id_only(cast, sockets, projector):
    """A private note spotlit: the projector and Bob get its id and no text,
    live or on resync; the room follows the note's board."""
    _ann, bob = sockets
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="My private worry", private=True)
    act(cast.fac, "workshop.start_activity", {"current": board})
    projector.get_received()
    bob.get_received()

    payload = {"activity": board, "target": "note", "key": note}
    act(cast.fac, "workshop.spotlight", payload)

    caught_up = [
        projector.resync(audiences.PROJECTOR_STREAM, None),
        bob.resync(audiences.PARTICIPANTS, None),
    ]
    for text in (projector.raw(), bob.raw(), json.dumps(caught_up)):
        assert note in text
        assert "My private worry" not in text


def test_balancing_moves_each_persons_connections_live(cast, sockets):
    """Ann (in no group) and Bob (at the old table) dealt into two groups:
    each socket is then in its new group's room only, and hears of its
    group on its own stream (the page then loads that group's stream)."""
    ann, bob = sockets
    old = make_group(cast.fac, "Old table")
    put_in_group(cast.fac, cast.bob, old)
    bob.get_received()

    ack = act(cast.fac, "workshop.balance_groups", {"count": 2})

    groups = ack["result"]["groups"]
    assert groups[0] == old  # the existing group is reused
    room_of = {rooms.audience(cast.workshop.id, f"group:{g}"): g for g in groups}
    placed = {}
    for socket, person in ((ann, cast.ann), (bob, cast.bob)):
        [room] = [room for room in socket.rooms() if room in room_of]
        [told] = [e["data"] for e in socket.events("event") if "group" in e["data"]]
        assert told["participant"] == person.public_id
        assert told["group"]["id"] == placed.setdefault(person, room_of[room])
    assert sorted(placed.values()) == sorted(groups)


@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("workshop.balance_groups", {"count": 2}),
        ("workshop.announce", {"text": "Hi all"}),
        ("workshop.clear_announcement", {}),
        ("workshop.spotlight", {"activity": "x", "target": "note", "key": "y"}),
        ("workshop.clear_spotlight", {}),
    ],
)
def test_participants_sockets_are_refused_the_controls(cast, sockets, action, payload):
    ann, _bob = sockets

    ack = ann.act(action, payload)

    assert ack["ok"] is False and ack["error"] == "not_allowed"
