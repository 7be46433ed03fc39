"""A pathway's part of the report and its raw data
(app/kinds/pathway_report.py): the yellow brick road as a road of ordered
steps, each with its resources and brick walls (each wall with its ways
over), the measures and the service; each group's road under its name; and
no author anywhere, the road being the room's."""

import pytest

from app.kinds import pathway_report
from app.report.document import Entries, Entry, Heading, Paragraph
from tests.builders import (
    act,
    activity_row,
    make_group,
    make_participant,
    participant_actor,
    put_in_group,
)
from tests.kinds.test_pathway import add, make_pathway
from tests.report.reading import blocks_of, names_in, strings


def report(cast, road):
    return pathway_report.report(activity_row(road), names_in(cast.workshop))


def records(cast, road):
    return pathway_report.records(activity_row(road), names_in(cast.workshop))


@pytest.fixture
def mapped(cast):
    """A road for "Short breaks": two steps (moved into order), a resource
    and a wall with a way over it on the first, and a measure; written by
    someone who agreed to be named."""
    road = make_pathway(cast.fac)
    nia = participant_actor(
        make_participant(cast.workshop, display_name="Nia Jones", consent_named=True)
    )
    act(nia, "pathway.name_service", {"activity": road, "name": "Short breaks"})
    second = add(nia, road, "steps", "Get an assessment")
    first = add(nia, road, "steps", "Ask for help", before=second)
    add(cast.ann_actor, road, "resources", "A phone number", step=first)
    wall = add(cast.ann_actor, road, "walls", "Long waits", step=first)
    add(cast.bob_actor, road, "overcome", "A call-back", step=first, wall=wall)
    add(cast.bob_actor, road, "measures", "Weeks to first contact")
    return road


def test_the_steps_are_a_road_in_order_with_what_hangs_off_each(cast, mapped):
    blocks = report(cast, mapped)

    assert blocks[0] == Paragraph("Service: Short breaks")
    steps = blocks[1]
    assert (steps.ordered, steps.style) == (True, "road")
    assert steps.entries == (
        Entry(
            "Ask for help",
            "",
            (
                Entry("Resources needed", "", (Entry("A phone number"),)),
                Entry(
                    "Brick walls and barriers",
                    "",
                    (
                        Entry(
                            "Long waits",
                            "",
                            (Entry("A call-back", "Ways over the wall"),),
                        ),
                    ),
                ),
            ),
        ),
        Entry("Get an assessment"),
    )


def test_the_measures_follow_the_road(cast, mapped):
    blocks = report(cast, mapped)

    at = blocks.index(Heading("Measuring progress", 4))
    assert blocks[at + 1] == Entries((Entry("Weeks to first contact"),))


def test_no_author_is_named_even_with_consent(cast, mapped):
    everything = list(strings([report(cast, mapped), records(cast, mapped)]))

    assert "Ask for help" in everything
    assert not [found for found in everything if "Nia" in found]


def test_records_have_a_row_per_card_with_its_lane_and_step(cast, mapped):
    rows = records(cast, mapped)

    assert [(r.type, r.item, r.text, r.value) for r in rows] == [
        ("service", "", "Short breaks", ""),
        ("card", "Steps", "Ask for help", "1"),
        ("card", "Resources needed", "A phone number", "1"),
        ("card", "Brick walls and barriers", "Long waits", "1"),
        ("card", "Ways over the wall", "A call-back", "1"),
        ("card", "Steps", "Get an assessment", "2"),
        ("card", "Measuring progress", "Weeks to first contact", ""),
    ]
    assert {(r.activity, r.kind, r.author, r.group) for r in rows} == {
        ("Yellow brick road", "pathway", "", "")
    }


def test_each_groups_road_comes_under_its_name(cast):
    one = make_group(cast.fac, "Table 1")
    put_in_group(cast.fac, cast.ann, one)
    road = make_pathway(cast.fac, in_groups=True)
    add(cast.ann_actor, road, "steps", "Ask for help")
    add(cast.fac, road, "steps", "Plan together")

    blocks = report(cast, road)

    assert [block.text for block in blocks_of(blocks, Heading)] == [
        "The whole room's road",
        "Table 1",
    ]
    assert [r.group for r in records(cast, road)] == ["", "Table 1"]


def test_a_pathway_with_nothing_mapped_says_so(cast):
    assert report(cast, make_pathway(cast.fac)) == [
        Paragraph("No steps were mapped.", "muted")
    ]
    assert report(cast, make_pathway(cast.fac, phase="not_started")) == [
        Paragraph("This activity has not started yet.", "muted")
    ]
