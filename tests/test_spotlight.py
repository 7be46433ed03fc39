"""The spotlight (app/spotlight.py): facilitators highlight one note, theme,
topic, checklist element, spectrum dimension or pathway card on every
screen; what is sent names it and never carries its text; spotlighting in
another activity brings the room there."""

import pytest

from app import audiences
from app.extensions import db
from app.models import Theme
from app.resync import resync
from tests.builders import (
    act,
    activity_row,
    add_note,
    event_count,
    make_board,
    make_group,
    set_phase,
)
from tests.builders import refused as refusal


def spotlit(actor, stream=audiences.PARTICIPANTS):
    return resync(actor, stream, None)["snapshot"]["spotlight"]


def add(cast, method):
    payload = {"method": method}
    return act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]


def spot(cast, activity, target, key):
    payload = {"activity": activity, "target": target, "key": key}
    return act(cast.fac, "workshop.spotlight", payload)


def test_a_spotlit_note_reaches_every_shared_stream_and_its_snapshots(cast):
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Shared transport")
    group = make_group(cast.fac, "Table 1")

    ack = spot(cast, board, "note", note)

    assert set(ack["streams"]) == {
        audiences.PARTICIPANTS,
        audiences.FACILITATORS,
        audiences.PROJECTOR_STREAM,
        f"group:{group}",
    }
    seen = spotlit(cast.bob_actor)
    assert {k: seen[k] for k in ("activity", "target", "key")} == {
        "activity": board,
        "target": "note",
        "key": note,
    }
    assert "by" not in seen  # who spotlit it: facilitators only
    assert spotlit(cast.fac, audiences.FACILITATORS)["by"] == "Fay"


def test_every_kind_of_target_can_be_spotlit(cast):
    """Board notes and themes, scenario topics and notes, checklist
    elements, spectrum dimensions and pathway cards."""
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board)
    theme = Theme(activity_id=activity_row(board).id, name="Travel", order_key="a0")
    db.session.add(theme)
    db.session.commit()
    scenario = add(cast, "peoples-borough")
    checklist = add(cast, "ccps-checklist")
    spectrum = add(cast, "ccps-spectrum")
    pathway = add(cast, "yellow-brick-road")
    set_phase(cast.fac, pathway, "map")
    card = act(
        cast.fac,
        "pathway.add_card",
        {"activity": pathway, "lane": "steps", "text": "Ask for help"},
    )["result"]["card"]
    targets = [
        (board, "note", note),
        (board, "theme", theme.public_id),
        (scenario, "topic", "sub-contracting"),
        (checklist, "item", "element-1"),
        (spectrum, "dimension", "power-difference"),
        (pathway, "card", card),
    ]

    for activity, target, key in targets:
        spot(cast, activity, target, key)
        assert spotlit(cast.ann_actor)["key"] == key


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"target": "topic", "key": "sub-contracting"}, "not_found"),  # not a board's
        ({"target": "note", "key": "nosuchnote"}, "not_found"),
        ({"target": "item", "key": "element-1"}, "not_found"),
        ({"target": "banana", "key": "x"}, "invalid"),
        ({"target": "note", "key": ""}, "invalid"),
        ({"target": "note", "key": "x" * 65}, "invalid"),
        ({"target": "note", "key": ["a"]}, "invalid"),
    ],
)
def test_bad_spotlights_are_refused_and_change_nothing(cast, payload, code):
    board = make_board(cast.fac)
    kept = add_note(cast.ann_actor, board)
    spot(cast, board, "note", kept)
    before = event_count()

    refused = refusal(cast.fac, "workshop.spotlight", {"activity": board, **payload})

    assert refused.code == code
    assert event_count() == before
    assert spotlit(cast.ann_actor)["key"] == kept


def test_a_note_of_another_activity_is_not_found(cast):
    board, other = make_board(cast.fac), make_board(cast.fac)
    note = add_note(cast.ann_actor, other)

    refused = refusal(
        cast.fac,
        "workshop.spotlight",
        {"activity": board, "target": "note", "key": note},
    )

    assert refused.code == "not_found"


def test_an_unknown_activity_is_not_found(cast):
    payload = {"activity": "nosuchthing", "target": "note", "key": "x"}

    assert refusal(cast.fac, "workshop.spotlight", payload).code == "not_found"


def test_spotlighting_in_another_activity_brings_the_room_there(cast):
    """Follow me: the room follows the board; a spotlight on the checklist
    makes the checklist the current activity, in the same event."""
    board = make_board(cast.fac)
    checklist = add(cast, "ccps-checklist")
    act(cast.fac, "workshop.start_activity", {"current": board})

    spot(cast, checklist, "item", "element-2")

    snapshot = resync(cast.ann_actor, audiences.PARTICIPANTS, None)["snapshot"]
    assert snapshot["current"] == checklist
    assert snapshot["spotlight"]["activity"] == checklist


def test_with_no_activity_started_the_room_keeps_seeing_the_whole_agenda(cast):
    checklist = add(cast, "ccps-checklist")

    spot(cast, checklist, "item", "element-2")

    assert (
        resync(cast.ann_actor, audiences.PARTICIPANTS, None)["snapshot"]["current"]
        is None
    )


def test_clearing_the_spotlight(cast):
    checklist = add(cast, "ccps-checklist")
    spot(cast, checklist, "item", "element-2")

    act(cast.fac, "workshop.clear_spotlight", {})

    assert spotlit(cast.ann_actor) is None
    assert spotlit(cast.fac, audiences.FACILITATORS) is None


@pytest.mark.parametrize("action", ["workshop.spotlight", "workshop.clear_spotlight"])
def test_participants_cannot_spotlight(cast, action):
    checklist = add(cast, "ccps-checklist")
    spot(cast, checklist, "item", "element-2")
    before = event_count()
    payload = {"activity": checklist, "target": "item", "key": "element-1"}

    assert refusal(cast.ann_actor, action, payload).code == "not_allowed"

    assert event_count() == before
    assert spotlit(cast.ann_actor)["key"] == "element-2"
