"""The board's rules: who may edit, delete, move, vote, hide; what each
audience sees of private, hidden and group notes."""

import pytest
import sqlalchemy as sa
from fractional_indexing import generate_key_between

from app import audiences
from app.extensions import db
from app.kinds.board_view import snapshot
from app.models import Note, Vote
from app.models.types import utcnow
from tests import builders
from tests.builders import (
    act,
    activity_row,
    add_note,
    make_board,
    make_group,
    note_row,
    participant_actor,
    put_in_group,
    set_phase,
)

# Imported as `refusal`: the tests here name what it returns `refused`.
from tests.builders import refused as refusal


@pytest.fixture
def board_columns():
    """The board here has a second column, "later", to move notes to."""
    return ("ideas", "later")


def visible(board, stream_key):
    """The texts of the notes `stream_key` may see on the board."""
    return [note["text"] for note in snapshot(activity_row(board), stream_key)["notes"]]


def edit(actor, board, note, text, version):
    payload = {"activity": board, "note": note, "text": text, "version": version}
    return act(actor, "board.edit_note", payload)


def move(actor, board, note, column="ideas", after=None, before=None):
    payload = {"activity": board, "note": note, "column": column}
    payload.update({"after": after, "before": before})
    return act(actor, "board.move_note", payload)


def order(board, column="ideas"):
    notes = db.session.scalars(
        sa.select(Note)
        .filter_by(activity_id=activity_row(board).id, column=column)
        .order_by(Note.order_key)
    )
    return [note.text for note in notes]


# --- Adding and editing -----------------------------------------------------


def test_new_notes_go_to_the_end_of_their_column(cast, board):
    """Each new note sorts after the notes already in its column."""
    for text in ("one", "two", "three"):
        add_note(cast.ann_actor, board, text=text)
    add_note(cast.bob_actor, board, text="elsewhere", column="later")

    assert order(board) == ["one", "two", "three"]
    assert order(board, "later") == ["elsewhere"]


def test_note_text_is_stored_trimmed_and_as_typed(cast, board):
    """Text is kept as typed (markup included, escaped on output), trimmed."""
    note = add_note(cast.ann_actor, board, text="  <b>bold</b> & co  ")

    assert note_row(note).text == "<b>bold</b> & co"


def test_author_may_edit_their_note(cast, board):
    """The author edits from the latest version; the version goes up by one."""
    note = add_note(cast.ann_actor, board, text="Draft")

    ack = edit(cast.ann_actor, board, note, "Final", 1)

    assert ack["result"] == {"version": 2}
    assert (note_row(note).text, note_row(note).version) == ("Final", 2)


@pytest.mark.parametrize("editor", ["bob", "fac"])
def test_only_the_author_may_edit(cast, board, editor):
    """Another participant, or a facilitator, may not edit someone's note."""
    note = add_note(cast.ann_actor, board, text="Mine")
    actor = cast.bob_actor if editor == "bob" else cast.fac

    assert (
        refusal(
            actor,
            "board.edit_note",
            {"activity": board, "note": note, "text": "Theirs", "version": 1},
        ).code
        == "not_allowed"
    )
    assert note_row(note).text == "Mine"


def test_facilitator_may_edit_their_own_note(cast, board):
    """A facilitator is the author of the notes they add."""
    note = add_note(cast.fac, board, text="From the front")

    edit(cast.fac, board, note, "Edited", 1)

    assert note_row(note).text == "Edited"


def test_stale_edit_is_refused_with_the_current_text(cast, board):
    """An edit based on an old version is refused, carrying the current text
    and version, and changes nothing."""
    note = add_note(cast.ann_actor, board, text="First")
    edit(cast.ann_actor, board, note, "Second", 1)

    refused = refusal(
        cast.ann_actor,
        "board.edit_note",
        {"activity": board, "note": note, "text": "From v1", "version": 1},
    )

    assert refused.code == "stale"
    assert refused.ack()["current"] == {"text": "Second", "version": 2}
    assert note_row(note).text == "Second"


# --- Deleting ---------------------------------------------------------------


def test_participant_may_delete_only_their_own_note(cast, board):
    """A participant deletes their own note, never someone else's."""
    mine = add_note(cast.ann_actor, board, text="Mine")
    theirs = add_note(cast.bob_actor, board, text="Theirs")

    act(cast.ann_actor, "board.delete_note", {"activity": board, "note": mine})
    refused = refusal(
        cast.ann_actor, "board.delete_note", {"activity": board, "note": theirs}
    )

    assert refused.code == "not_allowed"
    assert order(board) == ["Theirs"]


def test_facilitator_may_delete_any_note(cast, board):
    """A facilitator deletes anyone's note, and its votes go with it."""
    note = add_note(cast.ann_actor, board, text="Gone soon")
    set_phase(cast.fac, board, "voting")
    act(cast.bob_actor, "board.vote", {"activity": board, "note": note})
    set_phase(cast.fac, board, "discussion")

    act(cast.fac, "board.delete_note", {"activity": board, "note": note})

    assert note_row(note) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 0


def test_deleted_note_is_gone_for_every_stream(cast, board):
    """After a deletion no snapshot holds the note."""
    note = add_note(cast.ann_actor, board, text="Deleted text")
    act(cast.ann_actor, "board.delete_note", {"activity": board, "note": note})

    for key in (audiences.PARTICIPANTS, audiences.FACILITATORS, "projector"):
        assert "Deleted text" not in visible(board, key)


# --- Moving -----------------------------------------------------------------


@pytest.fixture
def abc(cast, board):
    """Notes A, B and C in the ideas column, in that order."""
    return {text: add_note(cast.ann_actor, board, text=text) for text in "ABC"}


def test_move_between_neighbours(cast, board, abc):
    """A note moved between two neighbours sorts between them."""
    move(cast.bob_actor, board, abc["C"], after=abc["A"], before=abc["B"])

    assert order(board) == ["A", "C", "B"]


def test_move_to_the_start(cast, board, abc):
    """A note moved before the first note sorts first."""
    move(cast.bob_actor, board, abc["C"], before=abc["A"])

    assert order(board) == ["C", "A", "B"]


def test_move_to_the_end(cast, board, abc):
    """A note moved after the last note, or with no neighbours, sorts last."""
    move(cast.bob_actor, board, abc["A"], after=abc["C"])
    assert order(board) == ["B", "C", "A"]

    move(cast.bob_actor, board, abc["B"])
    assert order(board) == ["C", "A", "B"]


def test_move_to_another_column(cast, board, abc):
    """A note moves to another column; the ack carries its new order key."""
    ack = move(cast.ann_actor, board, abc["B"], column="later")

    assert order(board) == ["A", "C"]
    assert order(board, "later") == ["B"]
    assert ack["result"]["order"] == note_row(abc["B"]).order_key


def test_repeated_moves_keep_sorting_as_asked(cast, board, abc):
    """Many moves into the same gap still sort exactly as asked."""
    for _ in range(30):
        move(cast.ann_actor, board, abc["C"], after=abc["A"], before=abc["B"])
        move(cast.ann_actor, board, abc["B"], after=abc["A"], before=abc["C"])

    assert order(board) == ["A", "B", "C"]


def test_move_with_neighbours_out_of_order_is_refused(cast, board, abc):
    """`after` must sort before `before`: the neighbours given are checked."""
    refused = refusal(
        cast.ann_actor,
        "board.move_note",
        {
            "activity": board,
            "note": abc["A"],
            "column": "ideas",
            "after": abc["C"],
            "before": abc["B"],
        },
    )

    assert refused.code == "invalid"
    assert order(board) == ["A", "B", "C"]


def test_move_to_an_unknown_column_is_refused(cast, board, abc):
    """A note cannot be moved to a column the board does not have."""
    refused = refusal(
        cast.ann_actor,
        "board.move_note",
        {"activity": board, "note": abc["A"], "column": "nowhere"},
    )

    assert refused.code == "invalid"


def test_order_keys_are_fractional_keys(cast, board, abc):
    """Order keys are the fractional-indexing keys between the neighbours."""
    a, b = note_row(abc["A"]).order_key, note_row(abc["B"]).order_key

    ack = move(cast.ann_actor, board, abc["C"], after=abc["A"], before=abc["B"])

    assert ack["result"]["order"] == generate_key_between(a, b)


# --- Voting -----------------------------------------------------------------


# Dot voting's budgets, limits and hidden counts: tests/kinds/test_board_votes.py.


def test_vote_is_placed_then_taken_back(cast, board):
    """A dot is placed, then taken back by the same person; each person's
    dot counts once; the acknowledgement says only the voter's own dots."""
    note = add_note(cast.ann_actor, board)
    set_phase(cast.fac, board, "voting")
    vote = {"activity": board, "note": note}

    first = act(cast.bob_actor, "board.vote", vote)
    act(cast.ann_actor, "board.vote", vote)
    counted = snapshot(activity_row(board), audiences.PARTICIPANTS)["notes"][0]
    taken_back = act(cast.bob_actor, "board.unvote", vote)

    assert first["result"] == {"dots": 1, "used": 1, "budget": 3}
    assert counted["votes"] == 2
    assert taken_back["result"] == {"dots": 0, "used": 0, "budget": 3}
    assert (
        snapshot(activity_row(board), audiences.PARTICIPANTS)["notes"][0]["votes"] == 1
    )


def test_votes_show_in_each_snapshot_and_as_my_dots(cast, board):
    """Counts are shared; where my dots are is on my private stream."""
    note = add_note(cast.ann_actor, board)
    set_phase(cast.fac, board, "voting")
    act(cast.bob_actor, "board.vote", {"activity": board, "note": note})
    activity = activity_row(board)

    assert snapshot(activity, audiences.PARTICIPANTS)["notes"][0]["votes"] == 1
    assert snapshot(activity, audiences.private(cast.bob))["my_dots"] == {note: 1}
    assert snapshot(activity, audiences.private(cast.ann))["my_dots"] == {}


# --- Hiding -----------------------------------------------------------------


def test_hidden_note_is_seen_by_facilitators_only(cast, board):
    """A hidden note leaves every screen but the facilitators', who see it
    marked hidden, by whom."""
    note = add_note(cast.ann_actor, board, text="Rude words")

    act(cast.fac, "board.hide_note", {"activity": board, "note": note})

    assert "Rude words" not in visible(board, audiences.PARTICIPANTS)
    assert "Rude words" not in visible(board, audiences.PROJECTOR_STREAM)
    assert "Rude words" not in visible(board, audiences.private(cast.ann))
    [seen] = snapshot(activity_row(board), audiences.FACILITATORS)["notes"]
    assert (seen["text"], seen["hidden"], seen["hidden_by"]) == (
        "Rude words",
        True,
        "Fay",
    )


def test_hidden_note_cannot_be_touched_by_participants(cast, board):
    """To participants, its author included, a hidden note does not exist."""
    note = add_note(cast.ann_actor, board, text="Rude words")
    act(cast.fac, "board.hide_note", {"activity": board, "note": note})

    refused = refusal(
        cast.ann_actor,
        "board.edit_note",
        {"activity": board, "note": note, "text": "Nicer", "version": 1},
    )

    assert refused.code == "not_found"
    assert note_row(note).text == "Rude words"


def test_unhidden_note_is_seen_again(cast, board):
    """Unhiding shows the note to everyone who could see it before."""
    note = add_note(cast.ann_actor, board, text="Fine after all")
    act(cast.fac, "board.hide_note", {"activity": board, "note": note})

    act(cast.fac, "board.unhide_note", {"activity": board, "note": note})

    assert visible(board, audiences.PARTICIPANTS) == ["Fine after all"]
    assert note_row(note).hidden_at is None


# --- Private notes and reveal ----------------------------------------------


def test_private_note_is_seen_by_its_author_only_until_reveal(cast, board):
    """A private note is on its author's private stream alone while writing."""
    add_note(cast.ann_actor, board, text="My secret", private=True)

    assert visible(board, audiences.private(cast.ann)) == ["My secret"]
    for key in (
        audiences.PARTICIPANTS,
        audiences.PROJECTOR_STREAM,
        audiences.FACILITATORS,
        audiences.private(cast.bob),
    ):
        assert "My secret" not in visible(board, key)


def test_private_note_cannot_be_touched_by_others_before_reveal(cast, board):
    """Another participant cannot even find a private note before the reveal."""
    note = add_note(cast.ann_actor, board, text="My secret", private=True)

    refused = refusal(
        cast.bob_actor, "board.delete_note", {"activity": board, "note": note}
    )

    assert refused.code == "not_found"


@pytest.mark.parametrize("phase", ["grouping", "voting", "discussion", "closed"])
def test_reveal_phase_shows_private_notes_to_everyone(cast, board, phase):
    """Entering a reveal phase (any after writing) shows private notes to
    every shared stream."""
    add_note(cast.ann_actor, board, text="My secret", private=True)

    set_phase(cast.fac, board, phase)

    for key in (
        audiences.PARTICIPANTS,
        audiences.PROJECTOR_STREAM,
        audiences.FACILITATORS,
    ):
        assert visible(board, key) == ["My secret"]
    assert (
        snapshot(activity_row(board), audiences.PARTICIPANTS)["notes"][0]["private"]
        is False
    )


def test_reveal_stays_when_going_back_to_writing(cast, board):
    """Once revealed, a board stays revealed, and later private notes are
    public."""
    set_phase(cast.fac, board, "voting")
    set_phase(cast.fac, board, "writing")

    add_note(cast.ann_actor, board, text="Late secret", private=True)

    assert visible(board, audiences.PARTICIPANTS) == ["Late secret"]


def test_facilitator_notes_are_never_private(cast, board):
    """Private writing is a participant's; a facilitator's note is public."""
    add_note(cast.fac, board, text="Everyone reads this", private=True)

    assert visible(board, audiences.PARTICIPANTS) == ["Everyone reads this"]


def test_private_writing_off_makes_notes_public(cast, board):
    """On a board that does not allow private writing, notes are public."""
    activity = activity_row(board)
    activity.content = {**activity.content, "allow_private": False}
    db.session.commit()

    add_note(cast.ann_actor, board, text="Not so secret", private=True)

    assert visible(board, audiences.PARTICIPANTS) == ["Not so secret"]


# --- Group boards -----------------------------------------------------------


@pytest.fixture
def tables(cast):
    """Ann at table 1, Bob at table 2, and a board worked on in groups."""
    groups = make_group(cast.fac, "Table 1"), make_group(cast.fac, "Table 2")
    put_in_group(cast.fac, cast.ann, groups[0])
    put_in_group(cast.fac, cast.bob, groups[1])
    return groups, make_board(cast.fac, in_groups=True)


def test_group_note_is_seen_by_its_group_facilitators_and_projector(cast, tables):
    """On a group board a note goes to its group, facilitators and projector,
    not to other groups or the workshop-wide stream."""
    (one, two), board = tables
    add_note(cast.ann_actor, board, text="Table one thinks")

    for key in (f"group:{one}", audiences.FACILITATORS, audiences.PROJECTOR_STREAM):
        assert visible(board, key) == ["Table one thinks"]
    for key in (f"group:{two}", audiences.PARTICIPANTS):
        assert visible(board, key) == []


def test_other_group_cannot_touch_a_group_note(cast, tables):
    """To another group, a group's note does not exist."""
    _groups, board = tables
    note = add_note(cast.ann_actor, board, text="Table one thinks")

    refused = refusal(
        cast.bob_actor,
        "board.move_note",
        {"activity": board, "note": note, "column": "ideas"},
    )

    assert refused.code == "not_found"


def test_same_group_may_work_on_a_group_note(cast, tables):
    """Someone else in the same group may move a group note."""
    (one, _two), board = tables
    carol = builders.make_participant(cast.workshop, display_name="Carol")
    put_in_group(cast.fac, carol, one)
    note = add_note(cast.ann_actor, board, text="Table one thinks")

    move(participant_actor(carol), board, note)

    assert visible(board, f"group:{one}") == ["Table one thinks"]


def test_notes_on_a_board_not_in_groups_are_workshop_wide(cast, tables, board):
    """Being in a group does not narrow a board that is not run in groups."""
    add_note(cast.ann_actor, board, text="For everyone")

    assert visible(board, audiences.PARTICIPANTS) == ["For everyone"]


def test_hidden_time_is_recorded(cast, board):
    """Hiding records when, so the facilitator-only record says it."""
    note = add_note(cast.ann_actor, board)
    before = utcnow()

    act(cast.fac, "board.hide_note", {"activity": board, "note": note})

    assert note_row(note).hidden_at >= before


def test_a_new_note_finds_its_column_end_from_the_index(cast, board):
    """Adding a note reads the column's last order key from `ix_note_order`
    (SQLite's plan), not by scanning the board's notes."""
    seen = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        if "max(note.order_key)" in statement:
            seen.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", remember)
    try:
        add_note(cast.ann_actor, board, "An idea")
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", remember)
    ((statement, parameters),) = seen
    plan = (
        db.session.connection()
        .exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        .all()
    )

    assert any("USING COVERING INDEX ix_note_order" in row[-1] for row in plan), plan
