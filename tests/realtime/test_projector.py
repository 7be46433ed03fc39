"""The projector's socket: its own link, its own stream, read only."""

import json

import pytest

from app.tokens import projector_token
from tests import builders
from tests.builders import act, add_note, make_board, new_op_id

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")


def test_projector_reads_only_the_projector_stream(cast, projector):
    """The projector is told it reads the projector stream, and only that."""
    welcome = projector.events("welcome")
    assert welcome == [{"streams": ["projector"], "you": None, "group": None}]
    assert projector.rooms() == {f"workshop:{cast.workshop.id}:projector"}


def test_projector_sees_shared_notes_but_never_private_or_hidden_ones(cast, projector):
    """Public notes reach the projector live; private ones never do; a hidden
    note is taken off the screen and never sent again, not even in a resync."""
    board = make_board(cast.fac)
    hidden = add_note(cast.ann_actor, board, text="Hide me")
    act(cast.fac, "board.hide_note", {"activity": board, "note": hidden})
    projector.get_received()
    add_note(cast.ann_actor, board, text="Shared idea")
    add_note(cast.ann_actor, board, text="Only mine", private=True)

    received = json.dumps(projector.get_received())
    caught_up = json.dumps(
        projector.emit("resync", {"stream": "projector", "after": 0}, callback=True)
    )
    for text in (received, caught_up):
        assert "Shared idea" in text
        assert "Only mine" not in text and "Hide me" not in text


def test_projector_cannot_act(cast, projector):
    """Every change from the projector's socket is refused and changes nothing."""
    board = make_board(cast.fac)
    ack = projector.emit(
        "act",
        {
            "action": "board.add_note",
            "op_id": new_op_id(),
            "payload": {"activity": board, "column": "ideas", "text": "Sneaky"},
        },
        callback=True,
    )
    assert ack["ok"] is False and ack["error"] == "not_allowed"


def test_projector_link_of_another_workshop_is_refused(app, cast, connect):
    """A projector link opens only its own workshop."""
    other = builders.make_workshop(cast.workshop.team, title="Other")
    socket = connect(
        cast.workshop,
        auth={"projector": projector_token(other)},
        http=app.test_client(),
    )
    assert not socket.is_connected()
    assert socket.refusal == "This projector link is for another workshop."


@pytest.mark.parametrize("token", ["nonsense", 42, ["a"], "x" * 600])
def test_bad_projector_link_is_refused(app, cast, connect, token):
    """A made-up or malformed projector token is refused with a reason."""
    socket = connect(cast.workshop, auth={"projector": token}, http=app.test_client())
    assert not socket.is_connected()
    assert socket.refusal == "This projector link is not valid."
