"""The spectrum over sockets, in-process: a participant's marks go to their own
sockets alone before the reveal (facilitators and the projector get a count),
are in no other participant's resync, and after the reveal reach everyone
only as counts, never with their author."""

import json

import pytest

from app import audiences
from tests.builders import act, set_phase

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")

FIRST, LAST = "identification-of-need", "power-difference"


@pytest.fixture
def plot(cast):
    """A spectrum in its mark phase; its public id."""
    added = act(cast.fac, "workshop.add_activity", {"method": "ccps-spectrum"})
    activity = added["result"]["activity"]
    set_phase(cast.fac, activity, "mark")
    return activity


def mark(socket, plot, dimension, now, aspiration):
    payload = {
        "activity": plot,
        "dimension": dimension,
        "now": now,
        "aspiration": aspiration,
    }
    return socket.act("spectrum.mark", payload)


def spectrum_state(snapshot, plot):
    """The spectrum's state in a resync snapshot, without its method text."""
    [activity] = [a for a in snapshot["activities"] if a["id"] == plot]
    return {k: v for k, v in activity["state"].items() if k != "method"}


def read_all(*sockets):
    for socket in sockets:
        socket.get_received()


def test_marks_never_reach_another_participants_socket_before_the_reveal(
    cast, plot, sockets, fac_socket, projector
):
    """Ann's marks go to her private stream; Bob's socket receives nothing;
    facilitators and the projector learn only how many have marked."""
    ann, bob = sockets
    read_all(ann, bob, fac_socket, projector)

    assert mark(ann, plot, FIRST, 1, 5)["ok"] is True
    assert mark(ann, plot, LAST, 4, 2)["ok"] is True

    assert bob.raw() == "[]"
    for watcher in (fac_socket, projector):
        received = watcher.raw()
        assert '"mine"' not in received and FIRST not in received
        assert cast.ann.public_id not in received
        assert cast.ann.display_name not in received
        events = json.loads(received)
        assert [e["args"][0]["data"] for e in events] == [
            {"activity": plot, "state": {"marked": 1}}
        ] * 2
    events = ann.events("event")
    assert [e["stream"] for e in events] == [audiences.private(cast.ann)] * 2
    assert events[-1]["data"]["state"] == {
        "mine": {
            FIRST: {"now": 1, "aspiration": 5},
            LAST: {"now": 4, "aspiration": 2},
        }
    }


def test_marks_are_not_in_another_participants_resync(cast, plot, sockets):
    """Catching up on any of Bob's streams never brings Ann's marks."""
    ann, bob = sockets
    mark(ann, plot, FIRST, 1, 5)

    for stream, empty in (
        (audiences.PARTICIPANTS, {}),
        (audiences.private(cast.bob), {"mine": {}}),
    ):
        for after in (None, 0):
            answer = bob.resync(stream, after)
            assert answer["ok"] is True
            # Ann's marks as a mark would carry them (a snapshot's "now"
            # is the server's time, for timers).
            text = json.dumps(answer)
            assert '"now": 1' not in text and '"aspiration": 5' not in text
            if "snapshot" in answer:
                assert spectrum_state(answer["snapshot"], plot) == empty


def test_after_the_reveal_marks_reach_everyone_as_counts_only(
    cast, plot, sockets, fac_socket
):
    """The reveal sends every participant the counts, and nobody's marks."""
    ann, bob = sockets
    mark(ann, plot, FIRST, 1, 5)
    mark(bob, plot, FIRST, 1, 3)
    read_all(ann, bob)

    revealed = fac_socket.act(
        "activity.set_phase", {"activity": plot, "phase": "reveal"}
    )

    assert revealed["ok"] is True
    received = bob.raw()
    for person in (cast.ann, cast.bob):
        assert person.public_id not in received
        assert person.display_name not in received
    [event] = [e["args"][0] for e in json.loads(received) if e["name"] == "event"]
    assert event["stream"] == audiences.PARTICIPANTS
    state = event["data"]["snapshot"]
    assert "mine" not in state
    assert state["results"]["respondents"] == 2
    assert state["results"]["overall"] == [
        {"dimension": FIRST, "which": "now", "position": 1, "count": 2},
        {"dimension": FIRST, "which": "aspiration", "position": 3, "count": 1},
        {"dimension": FIRST, "which": "aspiration", "position": 5, "count": 1},
    ]
