"""Signals to the facilitators (app/hands.py): raised hands and break
requests. Participants raise and lower their own; facilitators see them in
the order raised and lower anyone's; nobody else hears of them."""

import json

from app import audiences
from app.resync import resync
from tests.builders import (
    act,
    event_count,
    make_group,
    make_participant,
    participant_actor,
    put_in_group,
)
from tests.builders import refused as refusal


def hands(cast):
    """The raised hands in the facilitators' snapshot, as names in order."""
    snapshot = resync(cast.fac, audiences.FACILITATORS, None)["snapshot"]
    return [hand["name"] for hand in snapshot["hands"]]


def my_hand(cast, person, actor):
    snapshot = resync(actor, audiences.private(person), None)["snapshot"]
    return snapshot["my_hand"]


def test_facilitators_see_hands_in_the_order_raised(cast):
    act(cast.bob_actor, "hand.raise", {})
    act(cast.ann_actor, "hand.raise", {})
    act(cast.bob_actor, "hand.raise", {})  # again: Bob keeps his place

    assert hands(cast) == ["Bob", "Ann"]
    assert my_hand(cast, cast.ann, cast.ann_actor) is True


def test_a_raised_hand_reaches_facilitators_and_its_owner_only(cast):
    ack = act(cast.ann_actor, "hand.raise", {})

    assert set(ack["streams"]) == {audiences.FACILITATORS, audiences.private(cast.ann)}
    room = resync(cast.bob_actor, audiences.PARTICIPANTS, None)["snapshot"]
    assert "hands" not in room and "my_hand" not in room


def test_participants_lower_their_own_hand_only(cast):
    act(cast.ann_actor, "hand.raise", {})
    act(cast.bob_actor, "hand.raise", {})
    before = event_count()

    refused = refusal(cast.bob_actor, "hand.lower", {"participant": cast.ann.public_id})
    assert refused.code == "not_allowed"
    assert event_count() == before

    act(cast.bob_actor, "hand.lower", {})
    assert hands(cast) == ["Ann"]
    assert my_hand(cast, cast.bob, cast.bob_actor) is False


def test_facilitators_lower_anyones_hand_and_must_say_whose(cast):
    act(cast.ann_actor, "hand.raise", {})

    assert refusal(cast.fac, "hand.lower", {}).code == "invalid"
    nobody = refusal(cast.fac, "hand.lower", {"participant": "nobody"})
    assert nobody.code == "not_found"
    act(cast.fac, "hand.lower", {"participant": cast.ann.public_id})

    assert hands(cast) == []


def test_facilitators_do_not_raise_hands(cast):
    assert refusal(cast.fac, "hand.raise", {}).code == "not_allowed"


def test_a_removed_participants_hand_is_not_listed(cast):
    cy = make_participant(cast.workshop, display_name="Cy")
    act(participant_actor(cy), "hand.raise", {})
    act(cast.ann_actor, "hand.raise", {})
    act(cast.fac, "workshop.remove_participant", {"participant": cy.public_id})

    assert hands(cast) == ["Ann"]


def test_bad_hand_payloads_are_refused_and_change_nothing(cast):
    act(cast.ann_actor, "hand.raise", {})
    before = event_count()

    assert refusal(cast.fac, "hand.lower", {"participant": "x" * 10_000}).code == (
        "invalid"
    )
    assert refusal(cast.fac, "hand.lower", {"participant": ["a"]}).code == "invalid"
    assert refusal(cast.ann_actor, "hand.raise", "not a payload").code == "invalid"
    assert event_count() == before
    assert hands(cast) == ["Ann"]


# "I need a break": the same mechanism, its own list, never seen by the room.


def breaks(cast):
    snapshot = resync(cast.fac, audiences.FACILITATORS, None)["snapshot"]
    return [request["name"] for request in snapshot["breaks"]]


def test_facilitators_see_break_requests_oldest_first(cast):
    act(cast.bob_actor, "break.request", {})
    act(cast.ann_actor, "break.request", {})
    act(cast.bob_actor, "break.request", {})  # again: Bob keeps his place

    assert breaks(cast) == ["Bob", "Ann"]
    mine = resync(cast.ann_actor, audiences.private(cast.ann), None)["snapshot"]
    assert mine["my_break"] is True and mine["my_hand"] is False
    assert hands(cast) == []  # a break request is not a raised hand


def test_a_break_request_reaches_facilitators_and_its_owner_only(cast):
    """The event goes to two streams only; no shared stream's snapshot (the
    room, a group, the projector) says anything of breaks."""
    group = make_group(cast.fac, "Table 1")
    put_in_group(cast.fac, cast.ann, group)
    ack = act(cast.ann_actor, "break.request", {})

    assert set(ack["streams"]) == {audiences.FACILITATORS, audiences.private(cast.ann)}
    for stream in (audiences.PARTICIPANTS, f"group:{group}"):
        room = json.dumps(resync(cast.ann_actor, stream, None)["snapshot"])
        assert "break" not in room
    bob = json.dumps(resync(cast.bob_actor, audiences.private(cast.bob), None))
    assert 'my_break": true' not in bob and "Ann" not in bob


def test_participants_withdraw_their_own_break_request_only(cast):
    act(cast.ann_actor, "break.request", {})
    before = event_count()

    refused = refusal(
        cast.bob_actor, "break.clear", {"participant": cast.ann.public_id}
    )
    assert refused.code == "not_allowed"
    assert event_count() == before

    act(cast.ann_actor, "break.clear", {})
    assert breaks(cast) == []


def test_facilitators_mark_a_break_request_seen(cast):
    act(cast.ann_actor, "break.request", {})
    act(cast.bob_actor, "break.request", {})

    assert refusal(cast.fac, "break.clear", {}).message == "Say whose break request."
    act(cast.fac, "break.clear", {"participant": cast.ann.public_id})

    assert breaks(cast) == ["Bob"]
    mine = resync(cast.ann_actor, audiences.private(cast.ann), None)["snapshot"]
    assert mine["my_break"] is False


def test_facilitators_do_not_request_breaks(cast):
    assert refusal(cast.fac, "break.request", {}).code == "not_allowed"


def test_bad_break_payloads_are_refused_and_change_nothing(cast):
    act(cast.ann_actor, "break.request", {})
    before = event_count()

    assert refusal(cast.fac, "break.clear", {"participant": "x" * 100}).code == (
        "invalid"
    )
    assert refusal(cast.fac, "break.clear", {"participant": "nobody"}).code == (
        "not_found"
    )
    assert refusal(cast.ann_actor, "break.request", ["not", "a", "dict"]).code == (
        "invalid"
    )
    assert event_count() == before
    assert breaks(cast) == ["Ann"]
