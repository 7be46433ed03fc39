"""Anonymous mode on the wire: no author reaches any socket, in any
audience, live or in a resync (DESIGN.md, "Privacy and anonymity")."""

import json

import pytest

from app import audiences
from tests.builders import act, add_note, make_board, set_phase

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")


def authors_in(value):
    """Every non-empty author field anywhere in a received payload."""
    if isinstance(value, dict):
        found = [
            value[key]
            for key in ("author", "author_name")
            if value.get(key) is not None
        ]
        return found + [a for v in value.values() for a in authors_in(v)]
    if isinstance(value, list):
        return [a for v in value for a in authors_in(v)]
    return []


def test_no_author_reaches_any_socket(cast, sockets, projector, fac_socket):
    ann, bob = sockets
    board = make_board(cast.fac)
    payload = {"activity": board, "title": "Ideas", "anonymous": "y"}
    act(cast.fac, "workshop.edit_activity", payload)
    for socket in (ann, bob, projector, fac_socket):
        socket.get_received()

    note = ann.act(
        "board.add_note",
        {
            "activity": board,
            "column": "ideas",
            "text": "Late payments",
            "private": True,
        },
    )["result"]["note"]
    add_note(cast.bob_actor, board, text="Rates too low")
    ann.act(
        "board.edit_note",
        {"activity": board, "note": note, "text": "Late payments!", "version": 1},
    )
    set_phase(cast.fac, board, "discussion")  # the reveal
    caught_up = [
        socket.resync(stream, None)
        for socket, stream in (
            (ann, "participants"),
            (ann, audiences.private(cast.ann)),
            (bob, "participants"),
            (projector, "projector"),
            (fac_socket, "facilitators"),
        )
    ]

    received = {
        "ann": ann.get_received(),
        "bob": bob.get_received(),
        "projector": projector.get_received(),
        "facilitators": fac_socket.get_received(),
    }
    for who in ("bob", "projector", "facilitators"):
        assert "Late payments!" in json.dumps(received[who])  # it did arrive
    assert authors_in(received) == [] and authors_in(caught_up) == []
    text = json.dumps([received["bob"], received["projector"], caught_up[2:]])
    assert "Ann" not in text and cast.ann.public_id not in text


def test_only_the_writer_is_told_a_note_is_theirs(cast, sockets):
    ann, bob = sockets
    board = make_board(cast.fac)
    act(
        cast.fac,
        "workshop.edit_activity",
        {"activity": board, "title": "I", "anonymous": "y"},
    )
    ann.get_received(), bob.get_received()

    ann.act("board.add_note", {"activity": board, "column": "ideas", "text": "Mine"})

    def flags(socket):
        return [
            (event["args"][0]["stream"], event["args"][0]["data"]["note"]["mine"])
            for event in socket.get_received()
            if event["name"] == "event" and "note" in event["args"][0]["data"]
        ]

    assert sorted(flags(ann)) == [
        ("participants", False),
        (audiences.private(cast.ann), True),
    ]
    assert flags(bob) == [("participants", False)]
