"""Grouping a board's notes under themes (app/kinds/board_themes.py): who
may, when; create, rename, merge, split, and a note put under a theme or
taken out; a group's themes seen only where its notes are."""

import json

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db, socketio
from app.kinds.board_view import snapshot
from app.models import Theme
from tests import builders
from tests.builders import (
    act,
    activity_row,
    add_note,
    event_count,
    make_board,
    make_group,
    note_row,
    participant_actor,
    put_in_group,
    set_phase,
)
from tests.builders import refused as refusal

SHARED = (audiences.PARTICIPANTS, audiences.FACILITATORS, audiences.PROJECTOR_STREAM)


@pytest.fixture
def emitted(monkeypatch):
    """Every event the server emits, captured instead of sent."""
    sent = []

    def capture(name, message, **_kwargs):
        if name == "event":
            sent.append(message)

    monkeypatch.setattr(socketio, "emit", capture)
    return sent


def allow_participants(cast, board, allowed=True):
    payload = {"activity": board, "participants_group": allowed}
    act(cast.fac, "board.set_options", {**payload, "budget": 3, "per_note": 1})


def create(actor, board, name, group=None):
    payload = {"activity": board, "name": name, "group": group}
    return act(actor, "board.create_theme", payload)["result"]["theme"]


def put(actor, board, note, theme):
    payload = {"activity": board, "note": note, "theme": theme or ""}
    return act(actor, "board.set_theme", payload)


def themes(board, stream_key):
    """The theme names `stream_key` sees, in order."""
    return [t["name"] for t in snapshot(activity_row(board), stream_key)["themes"]]


def grouped(board, stream_key):
    """{note text: the name of its theme, or None} as `stream_key` sees it."""
    state = snapshot(activity_row(board), stream_key)
    names = {theme["id"]: theme["name"] for theme in state["themes"]}
    return {note["text"]: names.get(note["theme"]) for note in state["notes"]}


@pytest.fixture
def grouping(cast, board):
    """Three notes (Ann's), the board in its grouping phase."""
    notes = {text: add_note(cast.ann_actor, board, text=text) for text in "ABC"}
    set_phase(cast.fac, board, "grouping")
    return notes


# --- Creating, renaming, putting notes under themes ---------------------------


def test_facilitator_creates_themes_seen_by_every_shared_stream(cast, board, grouping):
    create(cast.fac, board, "Transport")
    create(cast.fac, board, "Money")

    for key in SHARED:
        assert themes(board, key) == ["Transport", "Money"]


def test_a_note_goes_under_a_theme_and_comes_out(cast, board, grouping):
    transport = create(cast.fac, board, "Transport")

    ack = put(cast.fac, board, grouping["A"], transport)
    assert ack["result"] == {"theme": transport}
    assert grouped(board, audiences.PARTICIPANTS) == {
        "A": "Transport",
        "B": None,
        "C": None,
    }

    put(cast.fac, board, grouping["A"], None)
    assert note_row(grouping["A"]).theme_id is None


def test_rename_keeps_the_notes_under_it(cast, board, grouping):
    theme = create(cast.fac, board, "Trnasport")
    put(cast.fac, board, grouping["A"], theme)

    act(
        cast.fac,
        "board.rename_theme",
        {"activity": board, "theme": theme, "name": "Transport"},
    )

    assert grouped(board, audiences.PROJECTOR_STREAM)["A"] == "Transport"


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_theme_needs_a_name_of_sensible_length(cast, board, grouping, name):
    events = event_count()

    refused = refusal(cast.fac, "board.create_theme", {"activity": board, "name": name})

    assert refused.code == "invalid"
    assert event_count() == events
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Theme)) == 0


def test_an_unknown_theme_is_not_found(cast, board, grouping):
    refused = refusal(
        cast.fac,
        "board.set_theme",
        {"activity": board, "note": grouping["A"], "theme": "no-such-theme"},
    )

    assert (refused.code, refused.message) == (
        "not_found",
        "That theme does not exist here.",
    )


# --- Merging and splitting ------------------------------------------------------


def test_merge_moves_the_notes_and_deletes_the_theme(cast, board, grouping, emitted):
    """The merged theme's notes move to the other; it is gone; the event
    says so and carries the notes that moved."""
    buses, trains = create(cast.fac, board, "Buses"), create(cast.fac, board, "Trains")
    put(cast.fac, board, grouping["A"], buses)
    put(cast.fac, board, grouping["B"], trains)
    emitted.clear()

    act(
        cast.fac,
        "board.merge_themes",
        {"activity": board, "theme": trains, "into": buses},
    )

    assert themes(board, audiences.PARTICIPANTS) == ["Buses"]
    assert grouped(board, audiences.PARTICIPANTS) == {
        "A": "Buses",
        "B": "Buses",
        "C": None,
    }
    [room] = [m["data"] for m in emitted if m["stream"] == audiences.PARTICIPANTS]
    assert room["theme_removed"] == trains
    assert room["theme"]["id"] == buses
    assert [note["text"] for note in room["notes"]] == ["B"]


def test_a_theme_cannot_merge_into_itself(cast, board, grouping):
    theme = create(cast.fac, board, "Alone")

    refused = refusal(
        cast.fac,
        "board.merge_themes",
        {"activity": board, "theme": theme, "into": theme},
    )

    assert refused.code == "invalid"
    assert themes(board, audiences.PARTICIPANTS) == ["Alone"]


def test_split_makes_a_new_theme_after_it_from_chosen_notes(cast, board, grouping):
    """Split: the chosen notes go to a new theme placed right after the one
    split (before the themes that followed it)."""
    mixed, later = create(cast.fac, board, "Mixed"), create(cast.fac, board, "Later")
    for text in "AB":
        put(cast.fac, board, grouping[text], mixed)

    ack = act(
        cast.fac,
        "board.split_theme",
        {
            "activity": board,
            "theme": mixed,
            "notes": grouping["B"],
            "name": "Split off",
        },
    )

    assert themes(board, audiences.PARTICIPANTS) == ["Mixed", "Split off", "Later"]
    assert grouped(board, audiences.PARTICIPANTS) == {
        "A": "Mixed",
        "B": "Split off",
        "C": None,
    }
    assert ack["result"]["theme"] not in (mixed, later)


@pytest.mark.parametrize("chosen", ["", "C"])
def test_split_takes_only_notes_of_that_theme(cast, board, grouping, chosen):
    """No notes, or a note not under the theme: refused, nothing changed."""
    theme = create(cast.fac, board, "Mixed")
    put(cast.fac, board, grouping["A"], theme)
    notes = grouping[chosen] if chosen else ""
    events = event_count()

    refused = refusal(
        cast.fac,
        "board.split_theme",
        {"activity": board, "theme": theme, "notes": notes, "name": "New"},
    )

    assert refused.code == "invalid"
    assert event_count() == events
    assert themes(board, audiences.PARTICIPANTS) == ["Mixed"]


# --- Who may group, and when ---------------------------------------------------


def test_participants_group_only_if_the_board_allows_it(cast, board, grouping):
    """By default only facilitators group; the setting lets participants."""
    events = event_count()
    refused = refusal(
        cast.ann_actor, "board.create_theme", {"activity": board, "name": "Mine"}
    )
    assert (refused.code, refused.message) == (
        "not_allowed",
        "Only the facilitator groups the notes on this board.",
    )
    assert event_count() == events

    allow_participants(cast, board)
    theme = create(cast.ann_actor, board, "Mine")
    put(cast.bob_actor, board, grouping["A"], theme)

    assert grouped(board, audiences.FACILITATORS)["A"] == "Mine"


def test_facilitators_tidy_themes_in_discussion_but_participants_cannot(
    cast, board, grouping
):
    allow_participants(cast, board)
    theme = create(cast.ann_actor, board, "Mine")
    set_phase(cast.fac, board, "discussion")

    refused = refusal(
        cast.ann_actor,
        "board.rename_theme",
        {"activity": board, "theme": theme, "name": "X"},
    )
    act(
        cast.fac,
        "board.rename_theme",
        {"activity": board, "theme": theme, "name": "Ours"},
    )

    assert (refused.code, refused.message) == (
        "wrong_phase",
        "Themes can only be changed while the notes are grouped.",
    )
    assert themes(board, audiences.PARTICIPANTS) == ["Ours"]


@pytest.mark.parametrize("phase", ["writing", "voting"])
def test_no_grouping_while_writing_or_voting(cast, board, grouping, phase):
    set_phase(cast.fac, board, phase)

    refused = refusal(
        cast.fac, "board.create_theme", {"activity": board, "name": "Late"}
    )

    assert refused.code == "wrong_phase"


def test_notes_keep_their_theme_into_voting(cast, board, grouping):
    theme = create(cast.fac, board, "Kept")
    put(cast.fac, board, grouping["A"], theme)

    set_phase(cast.fac, board, "voting")

    assert grouped(board, audiences.PARTICIPANTS)["A"] == "Kept"


# --- A board run in breakout groups -----------------------------------------------


@pytest.fixture
def tables(cast):
    """Ann at table 1, Bob at table 2, a group board with a note from each,
    participants allowed to group, in its grouping phase."""
    groups = make_group(cast.fac, "Table 1"), make_group(cast.fac, "Table 2")
    put_in_group(cast.fac, cast.ann, groups[0])
    put_in_group(cast.fac, cast.bob, groups[1])
    board = make_board(cast.fac, in_groups=True)
    notes = (
        add_note(cast.ann_actor, board, text="Table one's note"),
        add_note(cast.bob_actor, board, text="Table two's note"),
    )
    allow_participants(cast, board)
    set_phase(cast.fac, board, "grouping")
    return groups, board, notes


def test_a_groups_theme_is_seen_where_its_notes_are(cast, tables, emitted):
    """A participant's theme is their group's: their group, facilitators and
    the projector see it (and its event); the other group and the room's
    stream do not."""
    (one, two), board, _notes = tables

    create(cast.ann_actor, board, "Table one's theme")

    for key in (f"group:{one}", audiences.FACILITATORS, audiences.PROJECTOR_STREAM):
        assert themes(board, key) == ["Table one's theme"]
    for key in (f"group:{two}", audiences.PARTICIPANTS):
        assert themes(board, key) == []
    streams = {message["stream"] for message in emitted}
    assert streams == {
        f"group:{one}",
        audiences.FACILITATORS,
        audiences.PROJECTOR_STREAM,
    }
    assert "Table one's theme" not in json.dumps(
        [m for m in emitted if m["stream"] not in streams]
    )


def test_another_groups_theme_does_not_exist_for_a_participant(cast, tables):
    _groups, board, (_ann_note, bob_note) = tables
    theme = create(cast.ann_actor, board, "Table one's theme")

    renamed = refusal(
        cast.bob_actor,
        "board.rename_theme",
        {"activity": board, "theme": theme, "name": "Ours"},
    )
    moved = refusal(
        cast.bob_actor,
        "board.set_theme",
        {"activity": board, "note": bob_note, "theme": theme},
    )

    assert renamed.code == moved.code == "not_found"


def test_a_note_goes_only_under_a_theme_of_its_own_group(cast, tables):
    """A facilitator makes a theme for table 2; table 1's note cannot go
    under it, table 2's can; a room-wide theme takes either."""
    (_one, two), board, (ann_note, bob_note) = tables
    theirs = create(cast.fac, board, "Table two's theme", group=two)
    everyone = create(cast.fac, board, "The whole room's")

    refused = refusal(
        cast.fac,
        "board.set_theme",
        {"activity": board, "note": ann_note, "theme": theirs},
    )
    put(cast.fac, board, bob_note, theirs)
    put(cast.fac, board, ann_note, everyone)

    assert refused.message == "That theme belongs to another group."
    assert themes(board, f"group:{two}") == ["Table two's theme"]
    assert themes(board, audiences.PARTICIPANTS) == ["The whole room's"]
    assert grouped(board, audiences.FACILITATORS) == {
        "Table one's note": "The whole room's",
        "Table two's note": "Table two's theme",
    }


def test_themes_of_different_groups_do_not_merge(cast, tables):
    (one, two), board, _notes = tables
    first = create(cast.fac, board, "One", group=one)
    second = create(cast.fac, board, "Two", group=two)

    refused = refusal(
        cast.fac,
        "board.merge_themes",
        {"activity": board, "theme": first, "into": second},
    )

    assert refused.message == "Themes of different groups cannot be merged."


def test_a_participant_in_the_same_group_works_on_their_groups_theme(cast, tables):
    (one, _two), board, (ann_note, _bob_note) = tables
    carol = builders.make_participant(cast.workshop, display_name="Carol")
    put_in_group(cast.fac, carol, one)
    theme = create(cast.ann_actor, board, "Ours")

    put(participant_actor(carol), board, ann_note, theme)

    assert grouped(board, f"group:{one}")["Table one's note"] == "Ours"
