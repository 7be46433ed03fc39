"""The checklist over sockets, in-process: a participant's scores and comments
go to their own sockets alone before the reveal (facilitators and the
projector get a count), are in no other participant's resync, and after the
reveal reach everyone only as counts, never with their author."""

import json

import pytest

from app import audiences
from tests.builders import act, set_phase

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")

SECRET = "Our evidence is thin in the north"


@pytest.fixture
def sheet(cast):
    """A CCPS checklist in its scoring phase; its public id."""
    added = act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})
    activity = added["result"]["activity"]
    set_phase(cast.fac, activity, "scoring")
    return activity


def score(socket, sheet, value, comment=""):
    payload = {
        "activity": sheet,
        "item": "element-1",
        "value": value,
        "comment": comment,
    }
    return socket.act("checklist.score", payload)


def test_scores_never_reach_another_participants_socket_before_the_reveal(
    cast, sheet, sockets, fac_socket, projector
):
    ann, bob = sockets
    for socket in (ann, bob, fac_socket, projector):
        socket.get_received()

    assert score(ann, sheet, 0, SECRET)["ok"] is True

    assert bob.raw() == "[]"
    for watcher in (fac_socket, projector):
        received = watcher.raw()
        assert SECRET not in received and '"mine"' not in received
        assert cast.ann.public_id not in received
        [event] = [e["args"][0] for e in json.loads(received) if e["name"] == "event"]
        assert event["data"] == {
            "activity": sheet,
            "state": {"agreed": {}, "responded": 1},
        }
    [event] = ann.events("event")
    assert event["stream"] == audiences.private(cast.ann)
    assert event["data"]["state"]["mine"]["element-1"]["comment"] == SECRET


def test_scores_are_not_in_another_participants_resync(cast, sheet, sockets):
    ann, bob = sockets
    score(ann, sheet, 0, SECRET)

    for stream in (audiences.PARTICIPANTS, audiences.private(cast.bob)):
        for after in (None, 0):
            answer = bob.resync(stream, after)
            assert answer["ok"] is True
            assert SECRET not in json.dumps(answer)


def test_after_the_reveal_scores_reach_everyone_as_counts_only(
    cast, sheet, sockets, fac_socket
):
    ann, bob = sockets
    score(ann, sheet, 0, SECRET)
    score(bob, sheet, 2)
    for socket in (ann, bob):
        socket.get_received()

    fac_socket.act("activity.set_phase", {"activity": sheet, "phase": "reveal"})

    received = bob.raw()
    for person in (cast.ann, cast.bob):
        assert person.public_id not in received
        assert person.display_name not in received
    [event] = [e["args"][0] for e in json.loads(received) if e["name"] == "event"]
    results = event["data"]["snapshot"]["results"]
    assert sorted((r["value"], r["count"]) for r in results["overall"]) == [
        (0, 1),
        (2, 1),
    ]
    assert results["comments"] == {"element-1": [SECRET]}  # without its author
