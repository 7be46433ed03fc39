"""A scenario's (People's Borough) part of the report and its raw data
(app/kinds/scenario_report.py): topics by stage, each with every group's
feedback column by column; the topics not discussed; names only with
consent and never in an anonymous activity; nothing hidden."""

import pytest

from app.extensions import db
from app.kinds import scenario_report
from app.methods.texts import display
from app.models.types import utcnow
from app.report.document import Entry, Heading, Paragraph
from tests.builders import (
    act,
    activity_row,
    make_group,
    make_participant,
    note_row,
    participant_actor,
    put_in_group,
    set_phase,
)
from tests.kinds.test_scenario import TOPICS, Room, allocate, write
from tests.report.reading import names_in, strings, text


def report(room):
    return scenario_report.report(activity_row(room.activity), names_in(room.workshop))


def records(room):
    return scenario_report.records(activity_row(room.activity), names_in(room.workshop))


def heading(room, topic):
    """A topic's heading as the report shows it."""
    stages = activity_row(room.activity).content["method"]["content"]["stages"]
    topics = {t["key"]: t["heading"] for stage in stages for t in stage["topics"]}
    return display(topics[topic])


class Scenario(Room):
    """test_scenario's Room, its third person being Nia, in Table 1."""

    @property
    def workshop(self):
        return self.cast.workshop

    @property
    def nia(self):
        return self.cy


def make_room(cast, **options):
    """Two groups: Ann and Nia (who agreed to be named) at Table 1, Bob at
    Table 2; the scenario added with `options` (e.g. anonymous)."""
    one, two = make_group(cast.fac, "Table 1"), make_group(cast.fac, "Table 2")
    nia = make_participant(cast.workshop, display_name="Nia Jones", consent_named=True)
    for person, group in ((cast.ann, one), (nia, one), (cast.bob, two)):
        put_in_group(cast.fac, person, group)
    payload = {"method": "peoples-borough", **options}
    added = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]
    room = Scenario(cast, added, one, two, nia)
    allocate(room, TOPICS[0], room.one)
    allocate(room, TOPICS[1], room.two)
    set_phase(cast.fac, added, "discuss")
    return room


@pytest.fixture
def fed_back(cast):
    """Table 1 on the first topic (an issue by Nia, an issue and a way
    forward by Ann), Table 2 on the second (Bob); the groups have fed back."""
    room = make_room(cast)
    nia = participant_actor(room.nia)
    write(nia, room, "Choice vs coverage")
    write(room.ann, room, "Too many tasks")
    write(room.ann, room, "Outcome-based specs", column="ways-forward")
    write(room.bob, room, "Quality slips", topic=TOPICS[1])
    set_phase(cast.fac, room.activity, "feedback")
    return room


def test_each_topic_shows_each_groups_feedback_by_column(fed_back):
    blocks = report(fed_back)

    assert blocks[0] == Heading("Specifying the framework contract")
    assert blocks[1] == Paragraph(heading(fed_back, TOPICS[0]), "quote")
    assert blocks[2] == Paragraph("Given to: Table 1", "muted")
    assert blocks[3].entries == (
        Entry(
            "Table 1",
            "",
            (
                Entry(
                    "Issues identified",
                    "",
                    (Entry("Choice vs coverage", "Nia Jones"), Entry("Too many tasks")),
                ),
                Entry("Ways forward", "", (Entry("Outcome-based specs"),)),
            ),
        ),
    )
    at = blocks.index(Paragraph(heading(fed_back, TOPICS[1]), "quote"))
    [table_two] = blocks[at + 2].entries
    assert table_two.text == "Table 2"


def test_the_topics_not_discussed_are_listed_as_quotes(fed_back):
    blocks = report(fed_back)

    at = blocks.index(Heading("Topics not discussed"))
    listed = blocks[at + 1 :]
    stages = activity_row(fed_back.activity).content["method"]["content"]["stages"]
    every = [topic["key"] for stage in stages for topic in stage["topics"]]
    assert listed == [
        Paragraph(heading(fed_back, key), "quote")
        for key in every
        if key not in TOPICS[:2]
    ]


def test_before_feedback_the_groups_notes_show_as_the_projector_sees_them(cast):
    """While discussing, the projector sees every group's notes, so the
    report does; no topic is yet "not discussed"."""
    room = make_room(cast)
    write(room.ann, room, "Too many tasks")

    blocks = report(room)

    assert "Too many tasks" in text(blocks)
    assert Heading("Topics not discussed") not in blocks


def test_hidden_notes_are_nowhere(cast):
    """A scenario has no live hiding yet; a note hidden all the same (as a
    board's would be) is left out like any other hidden note."""
    room = make_room(cast)
    hidden = write(room.ann, room, "Something unkind")["result"]["note"]
    write(room.bob, room, "Quality slips", topic=TOPICS[1])
    note_row(hidden).hidden_at = utcnow()
    db.session.commit()
    set_phase(cast.fac, room.activity, "feedback")

    everything = text([report(room), records(room)])

    assert "Quality slips" in everything
    assert "Something unkind" not in everything


def test_records_have_a_row_per_note_with_topic_column_group_and_consented_name(
    fed_back,
):
    rows = records(fed_back)

    first = heading(fed_back, TOPICS[0])
    assert [(r.type, r.item, r.text, r.group, r.author) for r in rows[:3]] == [
        (
            "note",
            f"{first} — Issues identified",
            "Choice vs coverage",
            "Table 1",
            "Nia Jones",
        ),
        ("note", f"{first} — Issues identified", "Too many tasks", "Table 1", ""),
        ("note", f"{first} — Ways forward", "Outcome-based specs", "Table 1", ""),
    ]
    assert len(rows) == 4


def test_names_appear_only_for_people_who_agreed(fed_back):
    everything = text([report(fed_back), records(fed_back)])

    assert "Nia Jones" in everything
    for person in (fed_back.cast.ann, fed_back.cast.bob):
        assert person.display_name not in everything
        assert person.public_id not in everything


def test_an_anonymous_scenario_names_nobody_anywhere(cast):
    room = make_room(cast, anonymous="y")
    write(participant_actor(room.nia), room, "Choice vs coverage")
    set_phase(cast.fac, room.activity, "feedback")

    blocks, rows = report(room), records(room)

    assert "Choice vs coverage" in text(blocks)
    for found in strings([blocks, rows]):
        for person in (room.nia, cast.ann, cast.bob):
            assert person.display_name not in found
            assert person.public_id not in found


def test_a_scenario_not_started_says_so(cast):
    added = act(cast.fac, "workshop.add_activity", {"method": "peoples-borough"})
    activity = activity_row(added["result"]["activity"])

    assert scenario_report.report(activity, names_in(cast.workshop)) == [
        Paragraph("This activity has not started yet.", "muted")
    ]
