"""The scenario over sockets, in-process: while groups discuss, one group's
notes never reach another group's member, live or on catching up; once the
groups feed back, they reach everyone."""

import json

import pytest

from app import audiences
from tests.builders import act, make_group, put_in_group, set_phase

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")

TOPIC_ONE, TOPIC_TWO = "types-of-services", "sub-contracting"


@pytest.fixture
def tables(cast, sockets):
    """Ann at Table 1 with the first topic, Bob at Table 2 with the second, in
    a scenario where groups discuss; the sockets' events so far read."""
    one, two = make_group(cast.fac, "Table 1"), make_group(cast.fac, "Table 2")
    put_in_group(cast.fac, cast.ann, one)
    put_in_group(cast.fac, cast.bob, two)
    added = act(cast.fac, "workshop.add_activity", {"method": "peoples-borough"})
    scenario = added["result"]["activity"]
    for topic, group in ((TOPIC_ONE, one), (TOPIC_TWO, two)):
        payload = {"activity": scenario, "topic": topic, "groups": group}
        act(cast.fac, "scenario.allocate", payload)
    set_phase(cast.fac, scenario, "discuss")
    for socket in sockets:
        socket.get_received()
    return scenario, one, two


def test_another_groups_notes_never_reach_a_participants_socket(cast, sockets, tables):
    """Table 1's notes, added, edited and moved, reach Ann's socket and never
    Bob's, live or on any resync of his streams."""
    ann, bob = sockets
    scenario, _one, two = tables
    note_payload = {"activity": scenario, "topic": TOPIC_ONE, "column": "issues"}

    added = ann.act("scenario.add_note", {**note_payload, "text": "TABLE-ONE-A"})
    note = added["result"]["note"]
    ref = {"activity": scenario, "note": note}
    ann.act("scenario.edit_note", {**ref, "text": "TABLE-ONE-B", "version": 1})
    ann.act("scenario.move_note", {**ref, "column": "ways-forward"})

    assert added["ok"] is True
    received = bob.raw()
    assert "TABLE-ONE" not in received and note not in received
    assert "TABLE-ONE-B" in ann.raw()
    for stream in (
        audiences.PARTICIPANTS,
        f"group:{two}",
        audiences.private(cast.bob),
    ):
        for after in (None, 0):
            answer = bob.resync(stream, after)
            assert answer["ok"] is True
            assert "TABLE-ONE" not in json.dumps(answer)


def test_an_event_carries_the_state_the_stream_sees(cast, sockets, tables):
    """Each event is the activity's whole state as its stream sees it."""
    ann, bob = sockets
    scenario, one, _two = tables
    payload = {"activity": scenario, "topic": TOPIC_ONE, "column": "issues"}

    ann.act("scenario.add_note", {**payload, "text": "Ours"})

    [event] = ann.events("event")
    assert event["stream"] == f"group:{one}"
    assert event["data"]["activity"] == scenario
    [seen] = event["data"]["state"]["notes"]
    assert seen["text"] == "Ours" and seen["group"]["name"] == "Table 1"
    assert bob.get_received() == []


def test_feedback_brings_every_groups_notes_to_everyone(cast, sockets, tables):
    """Entering feedback sends Bob's socket Table 1's notes, named."""
    ann, bob = sockets
    scenario, _one, _two = tables
    payload = {"activity": scenario, "topic": TOPIC_ONE, "column": "issues"}
    ann.act("scenario.add_note", {**payload, "text": "TABLE-ONE-FEEDBACK"})
    bob.get_received()

    set_phase(cast.fac, scenario, "feedback")

    received = bob.raw()
    assert "TABLE-ONE-FEEDBACK" in received and "Table 1" in received
