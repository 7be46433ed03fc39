"""A message to everyone (app/announcements.py): facilitators send, replace
and clear it; every shared stream carries it, in events and snapshots."""

import pytest

from app import audiences
from app.resync import resync
from tests.builders import act, event_count, make_group
from tests.builders import refused as refusal


def shown(actor, stream):
    return resync(actor, stream, None)["snapshot"]["announcement"]


def test_a_message_goes_to_every_shared_stream_and_stays_in_snapshots(cast):
    group = make_group(cast.fac, "Table 1")

    ack = act(cast.fac, "workshop.announce", {"text": "  Back at 11:15, please "})

    assert set(ack["streams"]) == {
        audiences.PARTICIPANTS,
        audiences.FACILITATORS,
        audiences.PROJECTOR_STREAM,
        f"group:{group}",
    }
    message = shown(cast.ann_actor, audiences.PARTICIPANTS)
    assert message["text"] == "Back at 11:15, please"
    assert message["at"]
    assert shown(cast.fac, audiences.FACILITATORS) == message


def test_a_new_message_replaces_the_last_and_clearing_removes_it(cast):
    act(cast.fac, "workshop.announce", {"text": "First"})
    act(cast.fac, "workshop.announce", {"text": "Second"})
    assert shown(cast.bob_actor, audiences.PARTICIPANTS)["text"] == "Second"

    act(cast.fac, "workshop.clear_announcement", {})

    assert shown(cast.bob_actor, audiences.PARTICIPANTS) is None


def test_private_streams_do_not_carry_the_message(cast):
    """A participant reads it from the room's stream; their own stream stays lean."""
    act(cast.fac, "workshop.announce", {"text": "Hello"})

    snapshot = resync(cast.ann_actor, audiences.private(cast.ann), None)["snapshot"]

    assert "announcement" not in snapshot


@pytest.mark.parametrize(
    "payload",
    [{}, {"text": "   "}, {"text": "x" * 281}, {"text": ["a"]}, {"text": {"a": 1}}],
)
def test_bad_messages_are_refused_and_change_nothing(cast, payload):
    act(cast.fac, "workshop.announce", {"text": "Kept"})
    before = event_count()

    assert refusal(cast.fac, "workshop.announce", payload).code == "invalid"

    assert event_count() == before
    assert shown(cast.ann_actor, audiences.PARTICIPANTS)["text"] == "Kept"


def test_a_message_of_280_characters_is_accepted(cast):
    act(cast.fac, "workshop.announce", {"text": "x" * 280})

    assert len(shown(cast.ann_actor, audiences.PARTICIPANTS)["text"]) == 280


@pytest.mark.parametrize(
    ("action", "payload"),
    [("workshop.announce", {"text": "Hi"}), ("workshop.clear_announcement", {})],
)
def test_participants_cannot_send_or_clear_messages(cast, action, payload):
    act(cast.fac, "workshop.announce", {"text": "Kept"})
    before = event_count()

    assert refusal(cast.ann_actor, action, payload).code == "not_allowed"

    assert event_count() == before
    assert shown(cast.ann_actor, audiences.PARTICIPANTS)["text"] == "Kept"
