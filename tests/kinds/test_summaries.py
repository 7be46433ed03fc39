"""Each kind's one-sentence summary of what an activity has produced so far
(for the agenda page now, the report later)."""

from app.kinds import KINDS, kind_of
from tests.builders import act, activity_row, add_note, participant_actor, set_phase


def add(cast, method, phase):
    added = act(cast.fac, "workshop.add_activity", {"method": method})
    activity = added["result"]["activity"]
    set_phase(cast.fac, activity, phase)
    return activity


def summary(activity):
    row = activity_row(activity)
    return kind_of(row).summary(row)


def test_every_kind_has_a_summary():
    assert all(kind.summary is not None for kind in KINDS.values())


def test_board_counts_notes_and_names_the_most_voted(cast, board):
    assert summary(board) == "No notes yet."
    add_note(cast.ann_actor, board, text="Pooled budgets")
    liked = add_note(cast.bob_actor, board, text="A named contact <b>")
    assert summary(board) == "Notes: 2."
    set_phase(cast.fac, board, "voting")
    act(cast.ann_actor, "board.vote", {"activity": board, "note": liked})

    assert summary(board) == "Notes: 2; most votes: “A named contact <b>” (1)."


def test_checklist_counts_people_and_agreed_items(cast):
    sheet = add(cast, "ccps-checklist", "scoring")
    for actor in (cast.ann_actor, cast.bob_actor):
        act(
            actor,
            "checklist.score",
            {"activity": sheet, "item": "element-1", "value": 1},
        )
    set_phase(cast.fac, sheet, "agree")
    act(
        cast.fac,
        "checklist.agree",
        {"activity": sheet, "item": "element-1", "value": 1},
    )

    assert summary(sheet) == "People who scored: 2; items agreed: 1 of 8."


def test_spectrum_counts_people(cast):
    plot = add(cast, "ccps-spectrum", "mark")
    payload = {"activity": plot, "dimension": "power-difference", "now": 1}
    act(cast.ann_actor, "spectrum.mark", payload)

    assert summary(plot) == "People who marked: 1."


def test_pathway_counts_steps_walls_and_ways_over(cast):
    road = add(cast, "yellow-brick-road", "map")
    ann = cast.ann_actor
    step = act(
        ann, "pathway.add_card", {"activity": road, "lane": "steps", "text": "Referral"}
    )
    step = step["result"]["card"]
    wall = {"activity": road, "lane": "walls", "text": "Long wait", "step": step}
    wall = act(ann, "pathway.add_card", wall)["result"]["card"]
    way = {
        "activity": road,
        "lane": "overcome",
        "text": "Triage",
        "step": step,
        "wall": wall,
    }
    act(ann, "pathway.add_card", way)

    assert summary(road) == "Steps: 1; brick walls: 1; ways over them: 1."


def test_scenario_counts_topics_a_group_wrote_on(cast):
    scenario = add(cast, "peoples-borough", "not_started")
    group = act(cast.fac, "workshop.create_group", {"name": "Table 1"})["result"][
        "group"
    ]
    act(
        cast.fac,
        "workshop.assign_group",
        {"participant": cast.ann.public_id, "group": group},
    )
    topic = {"activity": scenario, "topic": "sub-contracting"}
    act(cast.fac, "scenario.allocate", {**topic, "groups": group})
    set_phase(cast.fac, scenario, "discuss")
    note = {**topic, "column": "issues", "text": "Small providers squeezed"}
    act(participant_actor(cast.ann), "scenario.add_note", note)

    assert summary(scenario) == "Topics discussed: 1 of 13."
