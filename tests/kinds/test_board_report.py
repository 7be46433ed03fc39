"""A board's part of the report and its raw data (app/kinds/board_report.py):
columns, themes and vote ranks as the projector sees them; names only with
consent and never in an anonymous activity; nothing hidden, no private
writing before its reveal, no vote count the room has not seen."""

import pytest

from app.kinds import board_report
from app.report.document import Entries, Heading, Paragraph
from tests.builders import (
    act,
    activity_row,
    add_note,
    make_board,
    make_group,
    make_participant,
    participant_actor,
    put_in_group,
    set_phase,
)
from tests.report.reading import blocks_of, leaves, names_in, strings, text


def report(cast, board):
    return board_report.report(activity_row(board), names_in(cast.workshop))


def records(cast, board):
    return board_report.records(activity_row(board), names_in(cast.workshop))


def vote(actor, board, note):
    act(actor, "board.vote", {"activity": board, "note": note})


def options(cast, board, **chosen):
    settings = {"budget": 3, "per_note": 1, "hide_votes": False, **chosen}
    payload = {"activity": board, "participants_group": False, **settings}
    act(cast.fac, "board.set_options", payload)


@pytest.fixture
def nia(cast):
    """A participant who agreed to be named."""
    return make_participant(cast.workshop, display_name="Nia Jones", consent_named=True)


@pytest.fixture
def voted(cast, nia):
    """Two columns; Nia's note has two dots, Bob's one, Ann's none; the
    room has moved on to discussing the results."""
    board = make_board(cast.fac, columns=("ideas", "actions"))
    notes = {
        "nia": add_note(participant_actor(nia), board, "Share budgets"),
        "bob": add_note(cast.bob_actor, board, "Pool data"),
        "ann": add_note(cast.ann_actor, board, "Meet monthly", column="actions"),
    }
    set_phase(cast.fac, board, "voting")
    vote(cast.ann_actor, board, notes["nia"])
    vote(cast.bob_actor, board, notes["nia"])
    vote(cast.ann_actor, board, notes["bob"])
    set_phase(cast.fac, board, "discussion")
    return board


def test_notes_are_ranked_by_dots_with_a_detail_line(cast, voted):
    """The ranking lists the voted notes, most dots first, each with its
    dots and, as she agreed, Nia's name."""
    blocks = report(cast, voted)

    assert Heading("Ranked by dots") in blocks
    ranks = blocks[blocks.index(Heading("Ranked by dots")) + 1]
    assert ranks.ordered is True
    assert [(entry.text, entry.detail) for entry in ranks.entries] == [
        ("Share budgets", "2 dots · Nia Jones"),
        ("Pool data", "1 dot"),
    ]


def test_each_column_lists_its_notes_under_its_title(cast, voted):
    blocks = report(cast, voted)

    at = blocks.index(Heading("Notes by column"))
    assert blocks[at + 1] == Heading("Ideas", 4)
    assert [entry.text for entry in blocks[at + 2].entries] == [
        "Share budgets",
        "Pool data",
    ]
    assert blocks[at + 3] == Heading("Actions", 4)
    [meet] = blocks[at + 4].entries
    assert (meet.text, meet.detail) == ("Meet monthly", "")


def test_names_appear_only_for_people_who_agreed(cast, voted):
    """Ann and Bob did not agree to be named: their notes carry no name."""
    everything = text([report(cast, voted), records(cast, voted)])

    assert "Nia Jones" in everything
    for person in (cast.ann, cast.bob):
        assert person.display_name not in everything
        assert person.public_id not in everything


def test_themes_list_their_notes_and_the_notes_in_none(cast, nia):
    board = make_board(cast.fac)
    first = add_note(cast.ann_actor, board, "Share budgets")
    add_note(cast.bob_actor, board, "Pool data")
    set_phase(cast.fac, board, "grouping")
    created = act(
        cast.fac,
        "board.create_theme",
        {"activity": board, "name": "Money", "group": None},
    )
    theme = created["result"]["theme"]
    act(cast.fac, "board.set_theme", {"activity": board, "note": first, "theme": theme})

    blocks = report(cast, board)

    themes = blocks[blocks.index(Heading("Themes")) + 1]
    assert [
        (entry.text, [child.text for child in entry.children])
        for entry in themes.entries
    ] == [("Money", ["Share budgets"]), ("Not in a theme", ["Pool data"])]


def test_a_board_without_themes_has_no_themes_part(cast, voted):
    assert Heading("Themes") not in report(cast, voted)


def test_hidden_notes_are_nowhere_in_the_report_or_records(cast):
    board = make_board(cast.fac)
    hidden = add_note(cast.ann_actor, board, "Something unkind")
    add_note(cast.bob_actor, board, "Pool data")
    set_phase(cast.fac, board, "voting")
    vote(cast.bob_actor, board, hidden)  # its dots go with it
    act(cast.fac, "board.hide_note", {"activity": board, "note": hidden})

    everything = text([report(cast, board), records(cast, board)])

    assert "Pool data" in everything
    assert "Something unkind" not in everything
    assert "vote" not in [row.type for row in records(cast, board)]


def test_private_notes_appear_only_after_the_reveal(cast):
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, "My private thought", private=True)
    add_note(cast.bob_actor, board, "Open idea")

    before = text([report(cast, board), records(cast, board)])
    set_phase(cast.fac, board, "grouping")
    after = text([report(cast, board), records(cast, board)])

    assert "My private thought" not in before
    assert "Open idea" in before
    assert "My private thought" in after


def test_hidden_vote_counts_stay_out_until_voting_closes(cast, nia):
    """While counts are hidden, no ranking, no dots and no vote rows; once
    voting closes, all of them."""
    board = make_board(cast.fac)
    options(cast, board, hide_votes=True)
    note = add_note(participant_actor(nia), board, "Share budgets")
    set_phase(cast.fac, board, "voting")
    vote(cast.ann_actor, board, note)

    during = report(cast, board), records(cast, board)
    set_phase(cast.fac, board, "discussion")
    after = records(cast, board)

    assert Heading("Ranked by dots") not in during[0]
    assert "dot" not in text(during[0])
    assert [row.type for row in during[1]] == ["note"]
    assert during[1][0].value == ""
    assert [(row.type, row.value) for row in after] == [("note", "1"), ("vote", "1")]


def test_records_have_a_row_per_note_and_per_voters_dots_without_voters(cast, nia):
    board = make_board(cast.fac)
    options(cast, board, per_note=2)
    note = add_note(participant_actor(nia), board, "Share budgets")
    set_phase(cast.fac, board, "voting")
    for actor in (cast.ann_actor, cast.ann_actor, cast.bob_actor):
        vote(actor, board, note)

    rows = records(cast, board)

    assert [(r.type, r.item, r.text, r.value, r.author) for r in rows] == [
        ("note", "Ideas", "Share budgets", "3", "Nia Jones"),
        ("vote", "Ideas", "Share budgets", "2", ""),
        ("vote", "Ideas", "Share budgets", "1", ""),
    ]
    assert {(r.activity, r.kind) for r in rows} == {("Ideas", "board")}
    everything = text(rows)
    for person in (cast.ann, cast.bob):
        assert person.display_name not in everything
        assert person.public_id not in everything


def test_an_anonymous_board_names_nobody_anywhere(cast, nia):
    """Even a person who agreed to be named is not named in an anonymous
    activity: in no block and no record."""
    payload = {"method": "open-board", "title": "Ideas", "anonymous": "y"}
    board = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(cast.fac, board, "writing")
    note = add_note(participant_actor(nia), board, "Share budgets")
    add_note(cast.ann_actor, board, "Pool data")
    set_phase(cast.fac, board, "voting")
    vote(cast.bob_actor, board, note)

    blocks, rows = report(cast, board), records(cast, board)

    assert "Share budgets" in text(blocks)
    for person in (nia, cast.ann, cast.bob):
        for found in strings([blocks, rows]):
            assert person.display_name not in found
            assert person.public_id not in found
    assert {row.author for row in rows} == {""}


def test_group_notes_carry_their_groups_name(cast):
    table = make_group(cast.fac, "Table 1")
    put_in_group(cast.fac, cast.ann, table)
    board = make_board(cast.fac, in_groups=True)
    add_note(cast.ann_actor, board, "Pool data")

    [entry] = [e for e in leaves(blocks_of(report(cast, board), Entries))]
    [row] = records(cast, board)

    assert (entry.text, entry.detail) == ("Pool data", "Table 1")
    assert row.group == "Table 1"


def test_a_board_not_started_says_so(cast):
    board = make_board(cast.fac, phase="not_started")

    assert report(cast, board) == [
        Paragraph("This activity has not started yet.", "muted")
    ]
    assert records(cast, board) == []


def test_a_board_with_no_notes_says_so(cast):
    board = make_board(cast.fac)

    assert report(cast, board) == [Paragraph("No notes were written.", "muted")]
