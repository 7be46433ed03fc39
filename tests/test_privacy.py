"""Each activity's privacy settings (app/privacy.py): anonymous mode and
whether facilitators see private writing before the reveal."""

import json

from app import audiences
from app.actors import PROJECTOR, Actor
from app.kinds.content import checklist_items
from app.resync import resync
from tests.builders import (
    act,
    activity_row,
    add_note,
    event_count,
    make_board,
    make_group,
    put_in_group,
    set_phase,
)
from tests.builders import refused as refusal


def settings(cast, board, **changes):
    payload = {"activity": board, "title": "Ideas", **changes}
    return act(cast.fac, "workshop.edit_activity", payload)


def projector(cast):
    return Actor(PROJECTOR, cast.workshop.id)


def snapshot(actor, stream_key):
    return resync(actor, stream_key, None)["snapshot"]


def notes_seen(actor, stream_key, board):
    state = next(
        a["state"]
        for a in snapshot(actor, stream_key)["activities"]
        if a["id"] == board
    )
    return state["notes"]


def shared_views(cast):
    """Every shared stream's snapshot of the workshop, as one JSON text."""
    views = [snapshot(cast.fac, "facilitators"), snapshot(projector(cast), "projector")]
    views.append(snapshot(cast.ann_actor, "participants"))
    return json.dumps(views)


def private_views(cast):
    """Ann's and Bob's own streams' snapshots (their keys name them)."""
    return json.dumps(
        [
            snapshot(cast.ann_actor, audiences.private(cast.ann)),
            snapshot(cast.bob_actor, audiences.private(cast.bob)),
        ]
    )


def test_both_settings_are_off_by_default_and_on_every_screen(cast):
    board = make_board(cast.fac)

    for actor, key in ((cast.fac, "facilitators"), (cast.ann_actor, "participants")):
        view = snapshot(actor, key)["activities"][0]
        assert view["anonymous"] is False
        assert view["facilitators_see_private"] is False
    settings(cast, board, anonymous="y")
    view = snapshot(cast.bob_actor, "participants")["activities"][0]
    assert view["anonymous"] is True


def test_an_activity_can_be_made_anonymous_when_added(cast):
    payload = {"method": "open-board", "anonymous": "y"}
    board = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]

    assert activity_row(board).content["anonymous"] is True


def test_anonymous_notes_name_nobody_on_any_stream(cast):
    board = make_board(cast.fac)
    settings(cast, board, anonymous="y")
    add_note(cast.ann_actor, board, text="The council pays late")
    add_note(cast.fac, board, text="A facilitator's note")
    add_note(cast.bob_actor, board, text="Private worry", private=True)

    shared, private = shared_views(cast), private_views(cast)
    assert "The council pays late" in shared and "Private worry" in private
    for name in ("Ann", "Bob", "Fay"):
        assert name not in shared and name not in private
    for person in (cast.ann, cast.bob):
        assert person.public_id not in shared


def test_anonymous_writers_still_know_their_own_notes(cast):
    board = make_board(cast.fac)
    settings(cast, board, anonymous="y")
    mine = add_note(cast.ann_actor, board, text="Mine")
    add_note(cast.bob_actor, board, text="Bob's")

    own = notes_seen(cast.ann_actor, audiences.private(cast.ann), board)
    assert [(n["id"], n["mine"]) for n in own] == [(mine, True)]
    shared = notes_seen(cast.ann_actor, "participants", board)
    assert all(n["mine"] is False and n["author"] is None for n in shared)
    # And the server still lets only Ann change it.
    payload = {"activity": board, "note": mine, "text": "Changed", "version": 1}
    assert refusal(cast.bob_actor, "board.edit_note", payload).code == "not_allowed"
    act(cast.ann_actor, "board.edit_note", payload)


def test_anonymous_mode_cannot_be_switched_off_once_anything_is_written(cast):
    board = make_board(cast.fac)
    settings(cast, board, anonymous="y")
    add_note(cast.ann_actor, board)
    before = event_count()

    refused = refusal(
        cast.fac, "workshop.edit_activity", {"activity": board, "title": "Ideas"}
    )
    assert refused.code == "not_allowed"
    assert "cannot be switched off" in refused.message
    assert event_count() == before
    assert activity_row(board).content["anonymous"] is True


def test_anonymous_mode_switched_on_later_hides_names_from_then_on(cast):
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Named at first")
    assert notes_seen(cast.bob_actor, "participants", board)[0]["author_name"] == "Ann"

    ack = settings(cast, board, anonymous="y")

    # A change of what streams may see: each is answered with a snapshot,
    # Ann's own stream included (it now marks her note as hers).
    assert audiences.private(cast.ann) in ack["streams"]
    assert notes_seen(cast.bob_actor, "participants", board)[0]["author_name"] is None
    own = notes_seen(cast.ann_actor, audiences.private(cast.ann), board)
    assert [(n["id"], n["mine"]) for n in own] == [(note, True)]


def test_group_notes_in_anonymous_mode_name_nobody(cast):
    group = make_group(cast.fac)
    put_in_group(cast.fac, cast.ann, group)
    board = make_board(cast.fac, in_groups=True)
    settings(cast, board, anonymous="y", in_groups="y")
    add_note(cast.ann_actor, board, text="In the group")

    seen = notes_seen(cast.ann_actor, f"group:{group}", board)
    assert seen[0]["text"] == "In the group" and seen[0]["author_name"] is None


def test_facilitators_do_not_see_private_writing_by_default(cast):
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="Secret", private=True)

    assert notes_seen(cast.fac, "facilitators", board) == []


def test_facilitators_see_private_writing_where_the_activity_allows(cast):
    board = make_board(cast.fac)
    settings(cast, board, facilitators_see_private="y")
    add_note(cast.ann_actor, board, text="Secret", private=True)

    seen = notes_seen(cast.fac, "facilitators", board)
    assert [(n["text"], n["private"]) for n in seen] == [("Secret", True)]
    # Still nobody else until the reveal.
    assert notes_seen(cast.bob_actor, "participants", board) == []
    assert notes_seen(projector(cast), "projector", board) == []


def test_seeing_private_writing_cannot_be_allowed_once_people_have_written(cast):
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="Written believing it private", private=True)
    before = event_count()

    refused = refusal(
        cast.fac,
        "workshop.edit_activity",
        {"activity": board, "title": "Ideas", "facilitators_see_private": "y"},
    )
    assert refused.code == "not_allowed"
    assert event_count() == before
    assert notes_seen(cast.fac, "facilitators", board) == []


def test_seeing_private_writing_can_always_be_turned_off(cast):
    board = make_board(cast.fac)
    settings(cast, board, facilitators_see_private="y")
    add_note(cast.ann_actor, board, text="Secret", private=True)

    settings(cast, board)

    assert notes_seen(cast.fac, "facilitators", board) == []


def test_checklist_results_reach_facilitators_early_only_if_allowed(cast):
    payload = {"method": "ccps-checklist", "facilitators_see_private": "y"}
    checklist = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(cast.fac, checklist, "scoring")
    key = checklist_items(activity_row(checklist))[0]["key"]
    act(
        cast.ann_actor,
        "checklist.score",
        {"activity": checklist, "item": key, "value": 2},
    )

    def state(actor, stream_key):
        return next(
            a["state"]
            for a in snapshot(actor, stream_key)["activities"]
            if a["id"] == checklist
        )

    assert state(cast.fac, "facilitators")["results"]["respondents"] == 1
    assert "results" not in state(cast.bob_actor, "participants")
    assert "results" not in state(projector(cast), "projector")
