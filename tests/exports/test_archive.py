"""The workshop archive (app/exports/archive.py): one JSON file in a zip,
holding the participant-level view and nothing more: no hidden note, no
private writing before its reveal, no withheld vote counts, no author or
voter in an anonymous activity, no name or organisation of anyone who did
not agree to be named, no code, token or database id."""

import json
import zipfile
from collections import Counter

import pytest

from app.exports import formats
from app.exports.archive import write_json
from app.extensions import db
from app.kinds import checklist, spectrum
from app.models.types import utcnow
from tests import builders
from tests.builders import act, activity_row, add_note, make_board, set_phase
from tests.exports.every_kind import (
    ANONYMOUS,
    HIDDEN,
    UNREVEALED,
    add,
    every_kind,
    make_room,
)


def archived(workshop, tmp_path):
    """The archive's zip members and its workshop.json as text."""
    path = tmp_path / "workshop.zip"
    progress = []
    write_json(workshop, path, progress.append)
    assert progress[-1] == 100
    with zipfile.ZipFile(path) as archive:
        return archive.namelist(), archive.read("workshop.json").decode("utf-8")


@pytest.fixture
def room(team):
    return every_kind(team)


@pytest.fixture
def text(room, tmp_path):
    return archived(room.workshop, tmp_path)[1]


def activity(workshop, title):
    return next(a for a in workshop["activities"] if a["title"] == title)


def of_kind(workshop, kind):
    return next(a for a in workshop["activities"] if a["kind"] == kind)


def test_the_archive_is_one_json_file_that_says_what_it_is(room, tmp_path):
    names, text = archived(room.workshop, tmp_path)
    document = json.loads(text)

    assert names == ["workshop.json"]
    assert (document["format"], document["version"]) == ("common-ground-workshop", 1)
    assert document["exported_at"].startswith(str(utcnow().year))
    workshop = document["workshop"]
    assert (workshop["title"], workshop["date"]) == ("Provider forum", "2025-03-14")
    assert workshop["report"]["key_messages"] == "Pay on time\nTalk early"
    assert [a["kind"] for a in workshop["activities"]] == [
        "board", "board", "board", "checklist", "spectrum", "pathway", "scenario"
    ]  # fmt: skip


def test_hidden_and_unrevealed_writing_is_not_in_the_archive(text):
    assert HIDDEN not in text
    assert UNREVEALED not in text
    assert "Shared while writing" in text and "Revealed at grouping" in text


def test_an_anonymous_activity_links_nothing_to_a_person(room, text):
    """Its notes carry no author and its votes no voter, though the same
    people's notes elsewhere are linked."""
    workshop = json.loads(text)["workshop"]
    worries = activity(workshop, "Worries")

    assert [note["author"] for note in worries["notes"]] == [None, None]
    assert ANONYMOUS in text
    assert all(set(vote) == {"note", "dots"} for vote in worries["votes"])
    assert sum(vote["dots"] for vote in worries["votes"]) == 3
    ideas = activity(workshop, "Ideas")
    assert {note["author"] for note in ideas["notes"]} >= {"p1", "p2"}


def test_no_score_mark_or_vote_is_linked_to_a_participant(room, text):
    """In every activity, anonymous or not, scores and marks are given by
    respondents, numbers of their activity alone, and votes by nobody."""
    workshop = json.loads(text)["workshop"]
    people = {person["id"] for person in workshop["participants"]}

    for listed in workshop["activities"]:
        given = [*listed["scores"], *listed["marks"]]
        respondents = [respondent["id"] for respondent in listed["respondents"]]
        assert all(set(vote) == {"note", "dots"} for vote in listed["votes"])
        assert all("participant" not in row for row in given)
        assert {row["respondent"] for row in given} == set(respondents)
        assert not set(respondents) & people
    votes = activity(workshop, "Ideas")["votes"]
    assert sorted(vote["dots"] for vote in votes) == [1, 1, 2]
    sheet = of_kind(workshop, "checklist")
    assert len(sheet["scores"]) == 18 and len(sheet["respondents"]) == 9


def test_respondents_carry_only_the_role_buckets_the_report_shows(room, text):
    """Split as the report splits: the person with lived experience, alone
    in their role, is in "other roles" with the carer and the NHS person."""
    workshop = json.loads(text)["workshop"]

    for kind, results in (
        ("checklist", checklist.results),
        ("spectrum", spectrum.results),
    ):
        respondents = of_kind(workshop, kind)["respondents"]
        roles = Counter(respondent["role"] for respondent in respondents)
        assert roles == {"provider": 3, "commissioner": 3, "other_roles": 3}
        split = results(activity_row(room.activities[kind]))
        assert {row["role"] for row in split["by_role"]} == set(roles)


def test_respondents_carry_no_role_where_the_report_does_not_split(team, tmp_path):
    """Too few in a role to split by, or an anonymous activity: no role."""
    room = make_room(team)
    small = add(room.fac, "ccps-checklist", title="Small")
    hidden = add(room.fac, "ccps-checklist", title="Hidden", anonymous="y")
    for sheet, scorers in ((small, (0, 1, 2, 3)), (hidden, range(9))):
        set_phase(room.fac, sheet, "scoring")
        for number in scorers:
            payload = {"activity": sheet, "item": "element-1", "value": 2}
            act(room.actor(number), "checklist.score", payload)
        set_phase(room.fac, sheet, "reveal")

    workshop = json.loads(archived(room.workshop, tmp_path)[1])["workshop"]

    for title, count in (("Small", 4), ("Hidden", 9)):
        respondents = activity(workshop, title)["respondents"]
        assert sorted(r["id"] for r in respondents) == sorted(
            f"r{number}" for number in range(1, count + 1)
        )
        assert {respondent["role"] for respondent in respondents} == {None}
    # Nor does the report: anonymous scores carry no role in any view.
    assert checklist.results(activity_row(small))["by_role"] is None
    assert checklist.results(activity_row(hidden))["by_role"] is None


def test_names_and_organisations_only_of_people_who_agreed(text):
    """Named people keep their names; others are in the archive by role."""
    assert "Ann Named" in text and "Acme Care" in text
    for secret in ("Bob Quiet", "Cy Quiet", "Eve Quiet", "Fin Quiet", "Secret Org"):
        assert secret not in text
    people = json.loads(text)["workshop"]["participants"]
    assert [person["display_name"] for person in people] == [
        "Ann Named", None, None, "Dee Named", None, None, None, None, None
    ]  # fmt: skip
    assert "lived_experience" in {person["role"] for person in people}


def test_no_code_token_or_id_of_this_install_is_in_the_archive(room, text):
    """Join and rejoin codes are made anew on import; public and database
    ids mean nothing elsewhere."""
    assert room.workshop.join_code not in text
    for person in room.people:
        assert person.rejoin_code not in text
        assert person.public_id not in text
    for public_id in room.activities.values():
        assert public_id not in text
    assert '"seq"' not in text and '"op_id"' not in text


def test_scores_and_marks_only_once_revealed(cast, tmp_path):
    """Scores given while scoring is still private are not archived."""
    sheet = act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})
    sheet = sheet["result"]["activity"]
    set_phase(cast.fac, sheet, "scoring")
    payload = {"activity": sheet, "item": "element-1", "value": 2, "comment": "Mine"}
    act(cast.ann_actor, "checklist.score", payload)

    before = json.loads(archived(cast.workshop, tmp_path)[1])
    set_phase(cast.fac, sheet, "reveal")
    after = json.loads(archived(cast.workshop, tmp_path)[1])

    assert before["workshop"]["activities"][0]["scores"] == []
    [score] = after["workshop"]["activities"][0]["scores"]
    assert (score["item"], score["value"], score["comment"]) == ("element-1", 2, "Mine")


def test_vote_counts_withheld_from_the_room_are_not_archived(cast, tmp_path):
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board)
    payload = {"activity": board, "budget": 3, "per_note": 1, "hide_votes": "y"}
    act(cast.fac, "board.set_options", payload)
    set_phase(cast.fac, board, "voting")
    act(cast.bob_actor, "board.vote", {"activity": board, "note": note})

    voting = json.loads(archived(cast.workshop, tmp_path)[1])
    set_phase(cast.fac, board, "discussion")
    discussed = json.loads(archived(cast.workshop, tmp_path)[1])

    assert voting["workshop"]["activities"][0]["votes"] == []
    assert len(discussed["workshop"]["activities"][0]["votes"]) == 1


def test_removed_people_are_kept_only_where_their_writing_points(cast, tmp_path):
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="Ann's note")
    gone = builders.make_participant(cast.workshop, display_name="Gone")
    for person in (cast.ann, gone):
        person.removed_at = utcnow()
    db.session.commit()

    document = json.loads(archived(cast.workshop, tmp_path)[1])

    people = document["workshop"]["participants"]
    assert [(p["id"], p["removed"]) for p in people] == [("p1", True), ("p2", False)]
    assert document["workshop"]["activities"][0]["notes"][0]["author"] == "p1"


def test_the_json_format_writes_this_archive(cast, tmp_path):
    """The export formats' "json" entry (a .zip) is made by this module."""
    path = tmp_path / "export.zip"
    formats.write("json", cast.workshop, path, lambda percent: None)

    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("workshop.json"))
    assert document["workshop"]["title"] == cast.workshop.title
    assert formats.FORMATS["json"].extension == "zip"
