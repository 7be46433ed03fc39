"""Reviewing last time's actions (app/kinds/actions.py, actions_view.py,
actions_report.py): the series' actions shown live to the whole room, open
ones first, then those done or dropped since the last workshop; the owner's
name to facilitators alone; the facilitator bringing one before the room
during the review; a workshop in no series saying so; and the report's
section and rows."""

import datetime as dt
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app import audiences
from app.agenda import project_activity
from app.extensions import db
from app.kinds import KINDS, actions, actions_report
from app.models import Event, FollowUp, FollowUpUpdate, Series, Workshop
from app.report.document import Entries, Entry, Heading, Paragraph
from app.resync import snapshot as stream_snapshot
from tests import builders
from tests.builders import (
    act,
    activity_row,
    add_note,
    facilitator_actor,
    make_board,
    participant_actor,
    refused,
    set_phase,
)
from tests.report.reading import names_in, text
from tests.series.forum import REWORDED, checklist_workshop, quarterly_forum

PERSON_CENTRED = (
    "Our commissioning is person centred, facilitating choice, control and "
    "enabling risk."
)
ROOM = (audiences.PARTICIPANTS, audiences.PROJECTOR_STREAM, audiences.FACILITATORS)


@dataclass
class Forum:
    """Last quarter's forum and this one (the cast's), in one series, with
    last quarter's actions by title -> public id."""

    series: Series
    last: Workshop
    last_fac: object
    ids: dict
    board: str  # last quarter's board, and the provider's note on it
    note: str


def make_review(fac, phase="not_started"):
    """An activity made from the built-in method; its public id."""
    added = act(fac, "workshop.add_activity", {"method": actions.METHOD_ID})
    activity = added["result"]["activity"]
    if phase != "not_started":
        set_phase(fac, activity, phase)
    return activity


def agree(fac, title, **fields):
    """An action agreed through the write path; its public id."""
    made = act(fac, "follow_up.create", {"title": title, **fields})
    return made["result"]["follow_up"]


def update(fac, follow_up, body="", status=""):
    payload = {"follow_up": follow_up, "body": body, "status": status}
    return act(fac, "follow_up.update", payload)


def backdate(follow_up, day):
    """Make an action's every change (and its updates) happen on `day`."""
    when = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    row = db.session.scalar(sa.select(FollowUp).filter_by(public_id=follow_up))
    row.updated_at = when
    for entry in row.updates:
        entry.created_at = when
    db.session.commit()


@pytest.fixture
def forum(cast):
    """Last quarter (15 January) raised four actions: one from a provider's
    note, owned by a named commissioner and due in March; one in progress;
    one done since (with a dated update); one dropped back in December,
    before last quarter's forum. This quarter's forum is on 15 April."""
    series = Series(team_id=cast.workshop.team_id, title="Home care forum")
    db.session.add(series)
    db.session.flush()
    last = builders.make_workshop(
        cast.workshop.team, title="Forum, January", date=dt.date(2025, 1, 15)
    )
    last.series_id = series.id
    cast.workshop.series_id, cast.workshop.date = series.id, dt.date(2025, 4, 15)
    db.session.commit()
    fac = facilitator_actor(last)
    board = make_board(fac)
    provider = participant_actor(builders.make_participant(last, display_name="Pru"))
    note = add_note(provider, board, text="Fee uplifts are published too late")
    ids = {
        "fees": agree(
            fac,
            "Publish the fee uplift by February",
            owner_organisation="Council commissioning",
            owner_person="Sam Lee",
            due_date="2025-03-31",
            source_kind="note",
            source_ref=note,
            activity=board,
        ),
        "workforce": agree(fac, "Set up a workforce group"),
        "travel": agree(fac, "Pay travel time", due_date="2025-02-28"),
        "rota": agree(fac, "Share rotas weekly"),
    }
    update(fac, ids["workforce"], "First meeting held", "in_progress")
    update(fac, ids["travel"], "Paid from April", "done")
    update(fac, ids["rota"], "Not needed any more", "dropped")
    backdate(ids["rota"], dt.date(2024, 12, 1))
    return Forum(series, last, fac, ids, board, note)


def state(activity, stream=audiences.PARTICIPANTS):
    return actions.snapshot(activity_row(activity), stream)


def titles(found):
    return [action["title"] for action in found]


def test_the_kind_is_registered_with_its_phases_and_method(cast):
    """The kind runs its built-in method, from not started to the review to
    closed; a new activity starts with nothing brought before the room."""
    review = make_review(cast.fac)

    row = activity_row(review)
    assert KINDS["actions"].phases == ("not_started", "review", "closed")
    assert (row.kind, row.phase) == ("actions", "not_started")
    assert row.content["method"]["method"] == "series-actions"
    assert row.content["showing"] is None


def test_open_actions_come_first_then_those_closed_since_the_last_workshop(cast, forum):
    """Open and in-progress actions by due date (none last); then those done
    or dropped since last quarter's forum: not one dropped before it."""
    found = state(make_review(cast.fac))

    assert found["series"] == {"title": "Home care forum"}
    assert found["since"] == "2025-01-15"
    assert titles(found["open"]) == [
        "Publish the fee uplift by February",
        "Set up a workforce group",
    ]
    assert [action["status"] for action in found["open"]] == ["open", "in_progress"]
    assert titles(found["closed"]) == ["Pay travel time"]


def test_actions_raised_in_this_workshop_are_not_last_times(cast, forum):
    """An action agreed in this very workshop waits for the next one."""
    review = make_review(cast.fac)
    agree(cast.fac, "Agreed today")

    assert "Agreed today" not in titles(state(review)["open"])


def test_the_first_workshop_of_a_series_shows_every_closed_action(cast, forum):
    """With no workshop before this one, nothing is cut off by date."""
    forum.last.date = dt.date(2025, 6, 1)  # now after this one
    db.session.commit()

    found = state(make_review(cast.fac))

    assert found["since"] is None
    assert titles(found["closed"]) == ["Pay travel time", "Share rotas weekly"]


def test_you_said_we_did_what_was_raised_owner_due_date_and_dated_updates(cast, forum):
    """Each action carries what was raised, the owner organisation, the due
    date, where it was raised and its dated updates with the status set."""
    found = state(make_review(cast.fac))
    fees, workforce = found["open"]

    assert fees["raised_text"] == "Fee uplifts are published too late"
    assert fees["owner_organisation"] == "Council commissioning"
    assert fees["due_date"] == "2025-03-31"
    assert fees["raised_in"]["title"] == "Forum, January"
    [entry] = workforce["updates"]
    assert (entry["body"], entry["status"]) == ("First meeting held", "in_progress")
    assert entry["at"][:10] == dt.date.today().isoformat()


def test_the_owners_name_reaches_facilitators_alone(cast, forum):
    """The room and the projector see no owner's name; facilitators do."""
    review = make_review(cast.fac)

    for stream in (audiences.PARTICIPANTS, audiences.PROJECTOR_STREAM):
        assert "Sam Lee" not in text(state(review, stream))
    assert state(review, audiences.FACILITATORS)["open"][0]["owner_person"] == (
        "Sam Lee"
    )


def test_group_and_private_streams_carry_nothing(cast, forum):
    """The room's stream already carries the list to everyone in it."""
    review = make_review(cast.fac)
    table = builders.make_group(cast.fac)

    assert state(review, f"group:{table}") == {}
    assert state(review, audiences.private(cast.ann)) == {}


def test_what_was_said_goes_once_its_note_is_hidden(cast, forum):
    """A hidden note's words show nowhere, the review included."""
    review = make_review(cast.fac)
    payload = {"activity": forum.board, "note": forum.note}

    act(forum.last_fac, "board.hide_note", payload)

    assert state(review)["open"][0]["raised_text"] == ""


def test_a_workshop_in_no_series_says_so(cast):
    """Its review shows no actions: the screens and the report say why."""
    review = make_review(cast.fac, phase="review")

    assert state(review) == {"series": None}
    row = activity_row(review)
    assert actions_report.report(row, names_in(cast.workshop)) == [
        Paragraph(
            "This workshop is not part of a series: there are no actions to review.",
            "muted",
        )
    ]
    assert actions_report.records(row, names_in(cast.workshop)) == []
    assert KINDS["actions"].summary(row) == (
        "Not part of a series: no actions to review."
    )


def test_the_summary_counts_open_and_closed_actions(cast, forum):
    row = activity_row(make_review(cast.fac))

    assert KINDS["actions"].summary(row) == (
        "Actions to review: 2 open or in progress; 1 done or dropped since "
        "the last workshop."
    )


# --- bringing an action before the room -----------------------------------------


def show(actor, review, follow_up=""):
    payload = {"activity": review, "follow_up": follow_up}
    return act(actor, "actions.show", payload)


def test_the_facilitator_brings_an_action_before_every_screen_of_the_room(cast, forum):
    """Its event goes to the room, the projector and facilitators, each
    with the review as it now stands and the action shown."""
    review = make_review(cast.fac, phase="review")
    update(cast.fac, forum.ids["fees"], "Published on 3 February", "done")

    ack = show(cast.fac, review, forum.ids["fees"])

    assert set(ack["streams"]) == set(ROOM)
    event = db.session.scalar(sa.select(Event).filter_by(op_id=ack["op_id"]))
    for stream in ROOM:
        data = actions.project(cast.workshop, event.refs, stream)
        assert data["activity"] == review
        assert data["state"]["showing"] == forum.ids["fees"]
        [fees] = [a for a in data["state"]["closed"] if a["id"] == forum.ids["fees"]]
        assert fees["status"] == "done"
        assert fees["updates"][-1]["body"] == "Published on 3 February"
    assert activity_row(review).content["showing"] == forum.ids["fees"]


def test_an_empty_choice_shows_nothing(cast, forum):
    review = make_review(cast.fac, phase="review")
    show(cast.fac, review, forum.ids["fees"])

    show(cast.fac, review)

    assert state(review)["showing"] is None


@pytest.mark.parametrize("which", ["raised_here", "unknown", "other_series"])
def test_only_an_action_under_review_can_be_shown(cast, forum, which):
    """An action raised today, one that does not exist, or another series'
    is refused as not found, and nothing changes."""
    review = make_review(cast.fac, phase="review")
    if which == "raised_here":
        follow_up = agree(cast.fac, "Agreed today")
    elif which == "unknown":
        follow_up = "nope"
    else:
        other = builders.make_workshop(cast.workshop.team, title="Other forum")
        other.series = Series(team_id=other.team_id, title="Other series")
        db.session.commit()
        follow_up = agree(facilitator_actor(other), "Theirs")

    refusal = refused(
        cast.fac, "actions.show", {"activity": review, "follow_up": follow_up}
    )

    assert refusal.code == "not_found"
    assert activity_row(review).content["showing"] is None


@pytest.mark.parametrize("phase", ["not_started", "closed"])
def test_actions_are_shown_only_during_the_review(cast, forum, phase):
    review = make_review(cast.fac, phase=phase)

    refusal = refused(cast.fac, "actions.show", {"activity": review, "follow_up": ""})

    assert refusal.code == "wrong_phase"


def test_a_participant_cannot_show_an_action(cast, forum):
    review = make_review(cast.fac, phase="review")
    payload = {"activity": review, "follow_up": forum.ids["fees"]}

    assert refused(cast.ann_actor, "actions.show", payload).code == "not_allowed"


def test_each_phase_change_brings_every_screen_the_review_afresh(cast, forum):
    """The list is the series', changed outside this workshop too: the
    phase change carries a snapshot of it to each stream of the room."""
    review = make_review(cast.fac)
    update(forum.last_fac, forum.ids["workforce"], "Terms agreed", "done")

    ack = set_phase(cast.fac, review, "review")

    event = db.session.scalar(sa.select(Event).filter_by(op_id=ack["op_id"]))
    data = project_activity(cast.workshop, event.refs, audiences.PARTICIPANTS)
    assert "Set up a workforce group" in titles(data["snapshot"]["closed"])


def test_a_streams_snapshot_holds_the_review(cast, forum):
    """A client loading or resyncing gets the review with the activity."""
    review = make_review(cast.fac)

    found = stream_snapshot(cast.workshop, audiences.PROJECTOR_STREAM, 0)

    [activity] = [a for a in found["activities"] if a["id"] == review]
    assert titles(activity["state"]["open"])[0] == "Publish the fee uplift by February"


# --- the report -------------------------------------------------------------------


def report(cast, review):
    return actions_report.report(activity_row(review), names_in(cast.workshop))


def test_the_report_lists_the_actions_reviewed_with_their_status(cast, forum):
    """Open ones, then those closed since the last workshop; each with its
    status, owner organisation (never the owner's name) and due date, what
    was said and each dated update."""
    review = make_review(cast.fac, phase="review")

    blocks = report(cast, review)

    assert [block for block in blocks if isinstance(block, Heading)] == [
        Heading("Open or in progress", 4),
        Heading("Done or dropped since the last workshop (2025-01-15)", 4),
    ]
    opened, closed = [block for block in blocks if isinstance(block, Entries)]
    fees, workforce = opened.entries
    assert fees == Entry(
        "Publish the fee uplift by February",
        "Open · Council commissioning · due 2025-03-31",
        (Entry("You said: Fee uplifts are published too late"),),
    )
    today = dt.date.today().isoformat()
    assert workforce.children == (
        Entry("First meeting held", f"{today} · In progress"),
    )
    assert [entry.text for entry in closed.entries] == ["Pay travel time"]
    assert "Sam Lee" not in text(blocks)


def test_the_report_says_when_there_was_nothing_to_review(cast, forum):
    """A series with no actions yet: not started, or nothing to review."""
    db.session.execute(sa.delete(FollowUpUpdate))
    db.session.execute(sa.delete(FollowUp))
    db.session.commit()
    review = make_review(cast.fac)

    assert report(cast, review) == [
        Paragraph("This activity has not started yet.", "muted")
    ]
    set_phase(cast.fac, review, "closed")
    assert report(cast, review) == [
        Paragraph("There were no actions to review.", "muted")
    ]


def test_the_raw_data_has_a_row_per_action_said_and_update(cast, forum):
    review = make_review(cast.fac, phase="review")

    rows = actions_report.records(activity_row(review), names_in(cast.workshop))

    assert [(row.type, row.item, row.text, row.value) for row in rows[:3]] == [
        ("action", "Open", "Publish the fee uplift by February", "2025-03-31"),
        (
            "raised",
            "Publish the fee uplift by February",
            "Fee uplifts are published too late",
            "",
        ),
        ("action", "In progress", "Set up a workforce group", ""),
    ]
    assert {(row.kind, row.activity) for row in rows} == {
        ("actions", "Review last time's actions")
    }
    assert [row.text for row in rows if row.type == "update"] == [
        "First meeting held",
        "Paid from April",
    ]
    assert not [row for row in rows if "Sam Lee" in (row.text, row.item)]


def test_the_review_shows_how_the_checklist_moved_at_earlier_workshops(team):
    """Beside the actions, the whole room sees each item's mean score at the
    last two earlier workshops that scored it (Jun and Sep of the forum in
    tests/series/forum.py), marked where its wording changed in between; a
    workshop of the series held earlier than this one counts, a later one not."""
    series, _quarters = quarterly_forum(team)
    winter = builders.make_workshop(team, title="Winter", date=dt.date(2025, 12, 10))
    winter.series_id = series.id
    db.session.commit()
    scored_later = [("provider", 1, {"element-1": 0})]
    checklist_workshop(series, "Next year", dt.date(2026, 3, 1), scored_later)
    review = make_review(facilitator_actor(winter))

    for stream in ROOM:
        [moved] = state(review, stream)["moved"]
        assert moved["top"] == 2
        items = {item["label"]: item for item in moved["items"]}
        first = items[PERSON_CENTRED]
        assert first == {
            "label": first["label"],
            "now": 2,
            "now_on": "2025-09-10",
            "before": round(10 / 7, 2),
            "before_on": "2025-06-11",
            "changed": False,
        }
        reworded = items[REWORDED]
        assert (reworded["before"], reworded["now"], reworded["changed"]) == (
            1,
            1,
            True,
        )
        assert len(items) == 2  # items nobody scored are left out
