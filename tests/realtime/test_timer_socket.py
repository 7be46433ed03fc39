"""The timer over real sockets: every shared stream is sent the same timer
with the server's time; the facilitators' also names who changed it."""

import pytest

from tests.builders import act, make_board, make_group, put_in_group

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")


def timer_events(socket):
    """The timer events a socket received: {stream key: event data}."""
    return {
        event["stream"]: event["data"]
        for event in socket.events("event")
        if event["action"].startswith("timer.")
    }


def test_every_shared_stream_receives_the_same_timer_and_the_time(
    cast, fac_socket, sockets, projector
):
    """Ann (in a group), Bob, the projector and the facilitators each get
    the timer once per stream they read, all alike, each with `now`; no
    private stream gets it."""
    board = make_board(cast.fac)
    group = make_group(cast.fac)
    put_in_group(cast.fac, cast.ann, group)
    ann, bob = sockets
    for socket in (fac_socket, ann, bob, projector):
        socket.get_received()

    act(cast.fac, "timer.start", {"activity": board, "seconds": 120})

    received = {
        "fac": timer_events(fac_socket),
        "ann": timer_events(ann),
        "bob": timer_events(bob),
        "projector": timer_events(projector),
    }
    assert set(received["ann"]) == {"participants", f"group:{group}"}
    assert set(received["bob"]) == {"participants"}
    assert set(received["projector"]) == {"projector"}
    assert set(received["fac"]) == {"facilitators"}
    facilitators = received["fac"]["facilitators"]
    assert facilitators["timer"].pop("by") == "Fay"
    every = [data for person in received.values() for data in person.values()]
    assert [data["timer"] for data in every] == [facilitators["timer"]] * 5
    assert facilitators["timer"]["activity"] == board
    assert facilitators["timer"]["running"] is True
    # The server's time as each stream's event was made (a moment apart).
    assert all(data["now"].endswith("Z") for data in every)
