"""The scenario kind: topics allocated to breakout groups (and re-allocated
live), each group writing only on its own topics and seeing only its own
notes while discussing; every group's feedback shown to the room with its
group's name; topics nobody discussed; the plenary stepping through topics;
and bad payloads refused without changing anything."""

import json
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.kinds import scenario
from app.models import Note
from tests import builders
from tests.builders import (
    act,
    activity_row,
    make_group,
    participant_actor,
    put_in_group,
    refused,
    set_phase,
)

TOPICS = ("types-of-services", "sub-contracting", "decommissioning")


@dataclass
class Room:
    """A scenario with two groups: Ann in Table 1, Bob in Table 2, Cy in none."""

    cast: object
    activity: str
    one: str
    two: str
    cy: object

    @property
    def fac(self):
        return self.cast.fac

    @property
    def ann(self):
        return self.cast.ann_actor

    @property
    def bob(self):
        return self.cast.bob_actor


@pytest.fixture
def room(cast):
    one, two = make_group(cast.fac, "Table 1"), make_group(cast.fac, "Table 2")
    put_in_group(cast.fac, cast.ann, one)
    put_in_group(cast.fac, cast.bob, two)
    cy = builders.make_participant(cast.workshop, display_name="Cy")
    added = act(cast.fac, "workshop.add_activity", {"method": "peoples-borough"})
    return Room(cast, added["result"]["activity"], one, two, cy)


def allocate(room, topic, groups):
    payload = {"activity": room.activity, "topic": topic, "groups": groups}
    return act(room.fac, "scenario.allocate", payload)


@pytest.fixture
def discussing(room):
    """Table 1 has the first topic, Table 2 the second; groups discuss."""
    allocate(room, TOPICS[0], room.one)
    allocate(room, TOPICS[1], room.two)
    set_phase(room.fac, room.activity, "discuss")
    return room


def write(actor, room, text, topic=TOPICS[0], column="issues"):
    payload = {"activity": room.activity, "topic": topic, "column": column}
    return act(actor, "scenario.add_note", {**payload, "text": text})


def refused_note(actor, room, topic):
    payload = {"activity": room.activity, "topic": topic, "column": "issues"}
    return refused(actor, "scenario.add_note", {**payload, "text": "x"})


def view(room, stream_key):
    return scenario.snapshot(activity_row(room.activity), stream_key)


def texts(room, stream_key):
    return [note["text"] for note in view(room, stream_key)["notes"]]


def note_count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Note))


# --- the activity and its allocation ------------------------------------------


def test_a_new_scenario_has_every_column_on_and_no_topic_given(room):
    """The method's columns are all on at first; no topic is anyone's yet."""
    state = view(room, audiences.FACILITATORS)

    assert activity_row(room.activity).phase == "not_started"
    assert [column["key"] for column in state["columns"]] == [
        "issues",
        "ways-forward",
        "enablers",
        "barriers",
    ]
    assert state["columns"][0]["title"] == {"interface": "Issues identified"}
    assert state["allocation"] == {}
    assert state["plenary"] is None and state["notes"] == []


def test_a_topic_is_given_to_groups_by_name_for_every_screen(room):
    """Allocation names each group, in the order given, on every stream."""
    ack = allocate(room, TOPICS[1], f"{room.two}, {room.one},{room.two}")

    assert ack["result"] == {"topic": TOPICS[1], "groups": [room.two, room.one]}
    assert set(ack["streams"]) == set(audiences.shared(room.cast.workshop))
    for stream in (
        audiences.PARTICIPANTS,
        f"group:{room.one}",
        audiences.PROJECTOR_STREAM,
    ):
        assert view(room, stream)["allocation"] == {
            TOPICS[1]: [
                {"id": room.two, "name": "Table 2"},
                {"id": room.one, "name": "Table 1"},
            ]
        }


def test_reallocating_replaces_whom_a_topic_was_given_to(room):
    """Giving a topic again replaces its groups; no groups makes it nobody's."""
    allocate(room, TOPICS[0], room.one)
    allocate(room, TOPICS[0], room.two)
    assert view(room, audiences.FACILITATORS)["allocation"] == {
        TOPICS[0]: [{"id": room.two, "name": "Table 2"}]
    }

    allocate(room, TOPICS[0], "")

    assert view(room, audiences.FACILITATORS)["allocation"] == {}


def test_allocation_can_change_while_groups_discuss(discussing):
    """A group that took another topic is given it live, and may write there
    (and no longer on the topic taken back)."""
    room = discussing
    allocate(room, TOPICS[0], "")
    allocate(room, TOPICS[2], room.one)

    write(room.ann, room, "On what we chose", topic=TOPICS[2])
    refusal = refused_note(room.ann, room, TOPICS[0])

    assert refusal.code == "not_allowed"


# --- writing: a group on its own topics ----------------------------------------


def test_a_group_writes_only_on_its_own_topics(discussing):
    """Ann (Table 1) writes on Table 1's topic; on Table 2's she is told it is
    not her group's, and nothing is written."""
    room = discussing
    write(room.ann, room, "Choice vs. coverage")
    before = builders.event_count()

    refusal = refused_note(room.ann, room, TOPICS[1])

    assert refusal.code == "not_allowed" and "group" in refusal.message
    assert builders.event_count() == before and note_count() == 1


def test_someone_in_no_group_writes_on_no_topic(discussing):
    """A participant in no group has no topic to write on."""
    room = discussing

    refusal = refused_note(participant_actor(room.cy), room, TOPICS[0])

    assert refusal.code == "not_allowed" and note_count() == 0


def test_a_note_belongs_to_its_topic_and_its_writers_group(discussing):
    """The note keeps its topic, column and the writer's group."""
    room = discussing
    write(room.ann, room, "Choice vs. coverage", column="ways-forward")

    [note] = view(room, f"group:{room.one}")["notes"]
    assert (note["topic"], note["column"], note["text"]) == (
        TOPICS[0],
        "ways-forward",
        "Choice vs. coverage",
    )
    assert note["group"] == {"id": room.one, "name": "Table 1"}
    assert note["author_name"] == "Ann"


def test_facilitators_write_on_any_topic_for_the_whole_room(discussing):
    """A facilitator's note, on any topic, is seen by everyone."""
    room = discussing
    write(room.fac, room, "Think about self funders", topic=TOPICS[2])

    for stream in (
        audiences.PARTICIPANTS,
        audiences.PROJECTOR_STREAM,
        audiences.FACILITATORS,
    ):
        [note] = view(room, stream)["notes"]
        assert (note["text"], note["group"]) == ("Think about self funders", None)


# --- who sees what -------------------------------------------------------------


def test_another_groups_notes_are_never_in_a_groups_view_while_discussing(
    discussing,
):
    """Table 1's notes reach Table 1, facilitators and the projector only."""
    room = discussing
    ack = write(room.ann, room, "TABLE-ONE-ONLY")
    write(room.bob, room, "Table two's", topic=TOPICS[1])

    assert set(ack["streams"]) == {
        f"group:{room.one}",
        audiences.FACILITATORS,
        audiences.PROJECTOR_STREAM,
    }
    for stream in (
        f"group:{room.two}",
        audiences.PARTICIPANTS,
        audiences.private(room.cast.bob),
    ):
        assert "TABLE-ONE-ONLY" not in json.dumps(view(room, stream))
    assert texts(room, f"group:{room.one}") == ["TABLE-ONE-ONLY"]
    for stream in (audiences.FACILITATORS, audiences.PROJECTOR_STREAM):
        assert set(texts(room, stream)) == {"TABLE-ONE-ONLY", "Table two's"}


def test_feedback_shows_every_groups_notes_with_its_name(discussing):
    """In the feedback phase every screen sees every group's notes, each with
    its group's name (participants on the stream they all read)."""
    room = discussing
    write(room.ann, room, "From table one")
    write(room.bob, room, "From table two", topic=TOPICS[1])

    set_phase(room.fac, room.activity, "feedback")

    shown_to = (
        audiences.PARTICIPANTS,
        audiences.PROJECTOR_STREAM,
        audiences.FACILITATORS,
    )
    for stream in shown_to:
        groups = {
            note["text"]: note["group"]["name"] for note in view(room, stream)["notes"]
        }
        assert groups == {"From table one": "Table 1", "From table two": "Table 2"}


def test_topics_nobody_discussed_show_once_groups_feed_back(discussing):
    """Once in feedback, a topic no group wrote on (given to nobody, or its
    group wrote elsewhere) shows as not discussed; a facilitator's note does
    not count as a discussion."""
    room = discussing
    write(room.ann, room, "Discussed")
    write(room.fac, room, "A prompt", topic=TOPICS[1])
    assert view(room, audiences.FACILITATORS)["not_discussed"] == []

    set_phase(room.fac, room.activity, "feedback")

    missed = view(room, audiences.PARTICIPANTS)["not_discussed"]
    assert TOPICS[0] not in missed
    assert {TOPICS[1], TOPICS[2]} <= set(missed)
    assert len(missed) == 12  # every topic of the method but one


def test_deleting_a_topics_last_note_in_feedback_reaches_every_screen(discussing):
    """In feedback a deletion can make a topic not discussed, so every shared
    stream gets the new state."""
    room = discussing
    note = write(room.ann, room, "Only one")["result"]["note"]
    set_phase(room.fac, room.activity, "feedback")

    ref = {"activity": room.activity, "note": note}
    ack = act(room.fac, "scenario.delete_note", ref)

    assert set(ack["streams"]) == set(audiences.shared(room.cast.workshop))
    assert TOPICS[0] in view(room, f"group:{room.two}")["not_discussed"]


def test_an_event_carries_the_whole_state_its_stream_sees(discussing):
    """The projection of an event is the activity's id and that stream's state."""
    room = discussing
    write(room.ann, room, "TABLE-ONE-ONLY")
    refs = {"activity": activity_row(room.activity).id}

    seen = scenario.project(room.cast.workshop, refs, f"group:{room.one}")
    unseen = scenario.project(room.cast.workshop, refs, f"group:{room.two}")

    assert seen["activity"] == room.activity
    assert seen["state"] == view(room, f"group:{room.one}")
    assert "TABLE-ONE-ONLY" not in json.dumps(unseen)


# --- the plenary ----------------------------------------------------------------


def test_the_plenary_steps_through_topics(discussing):
    """The facilitator shows one topic after another, then none."""
    room = discussing
    set_phase(room.fac, room.activity, "feedback")
    shown = []
    for topic in (TOPICS[0], TOPICS[1], ""):
        payload = {"activity": room.activity, "topic": topic}
        act(room.fac, "scenario.show_topic", payload)
        shown.append(view(room, audiences.PROJECTOR_STREAM)["plenary"])

    assert shown == [TOPICS[0], TOPICS[1], None]


def test_the_plenary_waits_for_feedback(discussing):
    """No topic is shown to the plenary while groups are still discussing."""
    room = discussing
    payload = {"activity": room.activity, "topic": TOPICS[0]}

    assert refused(room.fac, "scenario.show_topic", payload).code == "wrong_phase"


# --- columns ---------------------------------------------------------------------


def test_optional_columns_are_chosen_and_required_ones_stay(room):
    """The facilitator keeps enablers and drops barriers; issues and ways
    forward are always on."""
    act(
        room.fac,
        "scenario.set_columns",
        {"activity": room.activity, "columns": "enablers"},
    )

    keys = [column["key"] for column in view(room, audiences.PARTICIPANTS)["columns"]]
    assert keys == ["issues", "ways-forward", "enablers"]


def test_a_column_turned_off_takes_no_notes(discussing):
    """No note is written in a column the facilitator turned off."""
    room = discussing
    payload = {"activity": room.activity, "columns": ""}
    act(room.fac, "scenario.set_columns", payload)

    payload = {"activity": room.activity, "topic": TOPICS[0], "column": "barriers"}
    refusal = refused(room.ann, "scenario.add_note", {**payload, "text": "x"})

    assert refusal.code == "invalid" and note_count() == 0


def test_a_column_with_notes_stays_on(discussing):
    """A column holding notes cannot be turned off (nothing silently lost)."""
    room = discussing
    write(room.ann, room, "An enabler", column="enablers")

    refusal = refused(
        room.fac, "scenario.set_columns", {"activity": room.activity, "columns": ""}
    )

    assert refusal.code == "not_allowed"
    assert len(view(room, audiences.FACILITATORS)["columns"]) == 4


# --- editing, moving, deleting: the board's rules --------------------------------


def test_a_stale_edit_is_refused_with_the_current_text(discussing):
    """An edit from an old version is refused, with the text as it is now."""
    room = discussing
    note = write(room.ann, room, "First")["result"]["note"]
    edit = {"activity": room.activity, "note": note, "text": "Second", "version": 1}
    act(room.ann, "scenario.edit_note", edit)

    refusal = refused(room.ann, "scenario.edit_note", {**edit, "text": "Third"})

    assert refusal.code == "stale"
    assert refusal.details["current"] == {"text": "Second", "version": 2}


def test_only_the_author_edits_or_deletes_a_note(discussing, cast):
    """Another member of the group may not edit or delete Ann's note; a
    facilitator may delete it."""
    room = discussing
    dee = builders.make_participant(cast.workshop, display_name="Dee")
    put_in_group(room.fac, dee, room.one)
    note = write(room.ann, room, "Ann's")["result"]["note"]
    ref = {"activity": room.activity, "note": note}

    edit = {**ref, "text": "Dee's now", "version": 1}
    assert refused(participant_actor(dee), "scenario.edit_note", edit).code == (
        "not_allowed"
    )
    assert refused(participant_actor(dee), "scenario.delete_note", ref).code == (
        "not_allowed"
    )
    act(room.fac, "scenario.delete_note", ref)
    assert note_count() == 0


def test_another_groups_note_does_not_exist_for_a_participant(discussing):
    """Bob cannot edit, move or delete a note of Table 1 he cannot see."""
    room = discussing
    note = write(room.ann, room, "Ann's")["result"]["note"]
    ref = {"activity": room.activity, "note": note}

    for name, payload in (
        ("scenario.edit_note", {**ref, "text": "x", "version": 1}),
        ("scenario.move_note", {**ref, "column": "ways-forward"}),
        ("scenario.delete_note", ref),
    ):
        assert refused(room.bob, name, payload).code == "not_found"


def test_notes_are_ordered_within_their_topic_and_column(discussing):
    """A note moves between neighbours of its own topic and column; a
    neighbour on another topic is refused."""
    room = discussing
    allocate(room, TOPICS[2], room.one)
    first, second, third = (
        write(room.ann, room, text)["result"]["note"] for text in ("A", "B", "C")
    )
    elsewhere = write(room.ann, room, "D", topic=TOPICS[2])["result"]["note"]
    move = {"activity": room.activity, "note": third, "column": "issues"}

    act(room.ann, "scenario.move_note", {**move, "after": first, "before": second})
    refusal = refused(room.ann, "scenario.move_note", {**move, "after": elsewhere})

    assert refusal.code == "invalid"
    topic_notes = [
        note["text"]
        for note in sorted(
            view(room, audiences.FACILITATORS)["notes"], key=lambda n: n["order"]
        )
        if note["topic"] == TOPICS[0]
    ]
    assert topic_notes == ["A", "C", "B"]


# --- bad payloads ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"topic": "no-such-topic"}, "not_found"),
        ({"topic": ""}, "invalid"),
        ({"column": "no-such-column"}, "invalid"),
        ({"column": ""}, "invalid"),
        ({"text": ""}, "invalid"),
        ({"text": "x" * 501}, "invalid"),
        ({"activity": "nope"}, "not_found"),
    ],
)
def test_bad_notes_are_refused_and_change_nothing(discussing, payload, code):
    """A bad note gets a clear refusal, and nothing is written or logged."""
    room = discussing
    before = builders.event_count()
    full = {
        "activity": room.activity,
        "topic": TOPICS[0],
        "column": "issues",
        "text": "Fine",
        **payload,
    }

    assert refused(room.ann, "scenario.add_note", full).code == code
    assert note_count() == 0 and builders.event_count() == before


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"topic": "no-such-topic"}, "not_found"),
        ({"topic": ""}, "invalid"),
        ({"groups": "no-such-group"}, "not_found"),
        ({"groups": ["a", "list"]}, "invalid"),
        ({"groups": ",".join(f"g{n}" for n in range(51))}, "invalid"),
    ],
)
def test_bad_allocations_are_refused_and_change_nothing(room, payload, code):
    """An unknown topic or group, or a malformed list, changes nothing.

    A JSON list is refused by the payload layer (only strings pass it): the
    groups go comma-separated."""
    before = builders.event_count()
    full = {"activity": room.activity, "topic": TOPICS[0], "groups": room.one}

    assert refused(room.fac, "scenario.allocate", {**full, **payload}).code == code
    assert activity_row(room.activity).content["allocation"] == {}
    assert builders.event_count() == before


def test_a_group_of_another_workshop_is_not_found(room, cast):
    """Only this workshop's groups can be given a topic."""
    other = builders.make_workshop(cast.workshop.team, title="Elsewhere")
    stranger = make_group(builders.facilitator_actor(other), "Their table")
    payload = {"activity": room.activity, "topic": TOPICS[0], "groups": stranger}

    assert refused(room.fac, "scenario.allocate", payload).code == "not_found"


def test_participants_do_not_allocate_or_choose_columns(room):
    """Allocating topics and choosing columns are the facilitator's."""
    for action, payload in (
        ("scenario.allocate", {"topic": TOPICS[0], "groups": room.one}),
        ("scenario.set_columns", {"columns": "enablers"}),
    ):
        full = {"activity": room.activity, **payload}
        assert refused(room.ann, action, full).code == "not_allowed"


def test_a_column_that_does_not_exist_cannot_be_chosen(room):
    """Choosing a column the method does not have is refused, naming the field."""
    payload = {"activity": room.activity, "columns": "enablers,no-such-column"}

    refusal = refused(room.fac, "scenario.set_columns", payload)

    assert refusal.code == "invalid" and refusal.details["fields"]["columns"]
    assert len(view(room, audiences.FACILITATORS)["columns"]) == 4
