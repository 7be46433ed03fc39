"""The pathway over sockets, in-process: a group's road (its cards and its
name for the service) reaches only that group's sockets and the
facilitators', never another group's, live or on resync."""

import json

import pytest

from app import audiences
from tests.builders import (
    act,
    make_group,
    make_participant,
    put_in_group,
    set_phase,
)

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")


@pytest.fixture
def tables(cast, sockets):
    """Ann at table 1, Bob at table 2; a pathway run in groups, being mapped;
    what the sockets were sent while setting up already read."""
    one, two = make_group(cast.fac, "Table 1"), make_group(cast.fac, "Table 2")
    put_in_group(cast.fac, cast.ann, one)
    put_in_group(cast.fac, cast.bob, two)
    payload = {"method": "yellow-brick-road", "in_groups": True}
    road = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(cast.fac, road, "map")
    for socket in sockets:
        socket.get_received()
    return road, one, two


def map_table_one(ann, road):
    """Ann's table names its service and maps a step with a wall and a way
    over it; the step's public id."""
    ann.act("pathway.name_service", {"activity": road, "name": "ONE-SERVICE"})
    card = {"activity": road, "lane": "steps", "text": "ONE-STEP"}
    step = ann.act("pathway.add_card", card)["result"]["card"]
    card = {"activity": road, "lane": "walls", "text": "ONE-WALL", "step": step}
    wall = ann.act("pathway.add_card", card)["result"]["card"]
    card = {**card, "lane": "overcome", "text": "ONE-OVER", "wall": wall}
    ann.act("pathway.add_card", card)
    return step


def test_another_groups_road_never_reaches_a_participants_socket(
    cast, sockets, tables, fac_socket
):
    """Table 1's road goes to table 1's sockets and the facilitators', and
    reaches Bob (table 2) neither live nor on any of his streams' resync."""
    ann, bob = sockets
    road, one, two = tables

    step = map_table_one(ann, road)

    seen_by_bob = bob.raw()
    assert "ONE-" not in seen_by_bob and step not in seen_by_bob
    events = ann.events("event")
    assert {event["stream"] for event in events} == {f"group:{one}"}
    last = json.dumps(events[-1])
    assert "ONE-OVER" in last and "ONE-SERVICE" in last
    assert "ONE-OVER" in fac_socket.raw()
    for stream in (f"group:{two}", audiences.PARTICIPANTS, audiences.private(cast.bob)):
        for after in (None, 0):
            assert "ONE-" not in json.dumps(bob.resync(stream, after))


def test_another_groups_cards_cannot_be_touched_over_a_socket(cast, sockets, tables):
    """Bob editing table 1's step is refused as not found and sends nothing."""
    ann, bob = sockets
    road, _one, _two = tables
    step = map_table_one(ann, road)
    ann.get_received()

    ack = bob.act(
        "pathway.edit_card",
        {"activity": road, "card": step, "text": "TWO-WAS-HERE", "version": 1},
    )

    assert ack["ok"] is False and ack["error"] == "not_found"
    assert "TWO-WAS-HERE" not in ann.raw() + bob.raw()


def test_a_change_to_the_road_sends_each_group_member_the_whole_road(
    cast, sockets, tables, connect_participant
):
    """A second member of table 1 receives each change as the whole road of
    their table, and only that road."""
    ann, _bob = sockets
    road, one, _two = tables
    dee = make_participant(cast.workshop, display_name="Dee")
    put_in_group(cast.fac, dee, one)
    dee_socket = connect_participant(dee)
    dee_socket.get_received()

    map_table_one(ann, road)

    last = dee_socket.events("event")[-1]
    assert last["data"]["activity"] == road
    [table_one] = last["data"]["state"]["roads"]
    assert table_one["group"] == {"id": one, "name": "Table 1"}
    assert table_one["service"] == "ONE-SERVICE"
    [step] = table_one["steps"]
    assert step["text"] == "ONE-STEP"
    assert step["walls"][0]["overcome"][0]["text"] == "ONE-OVER"
