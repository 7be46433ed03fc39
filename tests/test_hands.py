"""Raised hands (app/hands.py): participants raise and lower their own;
facilitators see them in the order raised and lower anyone's."""

from app import audiences
from app.resync import resync
from tests.builders import act, event_count, make_participant, participant_actor
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
