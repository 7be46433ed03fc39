"""The agenda on the write path: activities made from methods (a frozen copy,
never rewritten by the library), renamed, reordered, removed and started."""

import json

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.methods.library import builtin_methods
from app.models import Activity, Group, Note, TeamMethod, Workshop
from tests import builders
from tests.builders import act, activity_row, add_note, refused, set_phase


def add(fac, method, **fields):
    payload = {"method": method, **fields}
    return act(fac, "workshop.add_activity", payload)["result"]["activity"]


def agenda(workshop):
    db.session.expire_all()
    rows = db.session.scalars(
        sa.select(Activity)
        .filter_by(workshop_id=workshop.id)
        .order_by(Activity.position)
    )
    return [row.public_id for row in rows]


@pytest.mark.parametrize("method_id", sorted(builtin_methods()))
def test_every_built_in_method_makes_an_activity(cast, method_id):
    activity = activity_row(add(cast.fac, method_id))
    method = builtin_methods()[method_id]

    assert activity.kind == method.kind
    assert activity.content["method"] == method.as_content()
    assert activity.engagement == method.engagement
    assert activity.minutes == method.minutes
    assert activity.title  # the method's title, in the facilitator's language


def test_the_facilitator_may_set_title_engagement_time_and_groups(cast):
    fields = {"title": "Scores", "engagement": "negotiation", "minutes": 40}
    activity = activity_row(add(cast.fac, "ccps-checklist", in_groups=True, **fields))

    assert (activity.title, activity.engagement, activity.minutes) == (
        "Scores",
        "negotiation",
        40,
    )
    assert activity.in_groups is True


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"method": "no-such-method"}, "not_found"),
        ({"method": ""}, "invalid"),
        ({"method": "team:nope"}, "not_found"),
        ({"method": "open-board", "engagement": "shouting"}, "invalid"),
        ({"method": "open-board", "minutes": 0}, "invalid"),
        ({"method": "open-board", "minutes": 481}, "invalid"),
        ({"method": "open-board", "title": "x" * 201}, "invalid"),
    ],
)
def test_bad_activities_are_refused(cast, fields, code):
    before = builders.event_count()

    assert refused(cast.fac, "workshop.add_activity", fields).code == code
    assert agenda(cast.workshop) == []
    assert builders.event_count() == before


def test_another_teams_method_cannot_be_used(cast):
    other = builders.make_team(name="Elsewhere")
    theirs = TeamMethod(
        team_id=other.id,
        kind="board",
        title="Theirs",
        content=builtin_methods()["open-board"].as_content(),
        copied_from="open-board",
        copied_from_version=1,
    )
    db.session.add(theirs)
    db.session.commit()

    payload = {"method": f"team:{theirs.public_id}"}
    assert refused(cast.fac, "workshop.add_activity", payload).code == "not_found"


def test_a_team_method_is_frozen_with_what_it_was_copied_from(cast):
    content = builtin_methods()["open-board"].as_content()
    ours = TeamMethod(
        team_id=cast.workshop.team_id,
        kind="board",
        title="Ours",
        content=content,
        copied_from="open-board",
        copied_from_version=1,
        version=3,
    )
    db.session.add(ours)
    db.session.commit()

    activity = activity_row(add(cast.fac, f"team:{ours.public_id}"))

    frozen = activity.content["method"]
    assert (frozen["method"], frozen["version"]) == (f"team:{ours.public_id}", 3)
    assert frozen["copied_from"] == {"method": "open-board", "version": 1}

    # Editing the team's copy later leaves the activity as it was.
    ours.content = {**content, "title": {"own": "Renamed"}}
    ours.version = 4
    db.session.commit()
    db.session.expire_all()
    assert activity_row(activity.public_id).content["method"] == frozen


def test_participants_may_not_change_the_agenda(cast):
    activity = add(cast.fac, "open-board")
    for action, payload in [
        ("workshop.add_activity", {"method": "open-board"}),
        ("workshop.edit_activity", {"activity": activity, "title": "Mine"}),
        ("workshop.move_activity", {"activity": activity, "direction": "up"}),
        ("workshop.remove_activity", {"activity": activity}),
        ("workshop.start_activity", {"current": activity}),
    ]:
        assert refused(cast.ann_actor, action, payload).code == "not_allowed"


def test_moving_up_and_down_reorders_the_agenda(cast):
    first, second, third = (add(cast.fac, "open-board") for _ in range(3))

    act(cast.fac, "workshop.move_activity", {"activity": third, "direction": "up"})
    assert agenda(cast.workshop) == [first, third, second]
    act(cast.fac, "workshop.move_activity", {"activity": first, "direction": "down"})
    assert agenda(cast.workshop) == [third, first, second]


def test_moving_past_either_end_is_refused(cast):
    first, last = add(cast.fac, "open-board"), add(cast.fac, "open-board")

    up = {"activity": first, "direction": "up"}
    down = {"activity": last, "direction": "down"}
    assert refused(cast.fac, "workshop.move_activity", up).code == "invalid"
    assert refused(cast.fac, "workshop.move_activity", down).code == "invalid"
    assert agenda(cast.workshop) == [first, last]


def test_editing_renames_and_changes_the_time_box(cast):
    activity = add(cast.fac, "open-board")

    payload = {"activity": activity, "title": "After lunch", "minutes": 15}
    act(cast.fac, "workshop.edit_activity", payload)

    row = activity_row(activity)
    assert (row.title, row.minutes) == ("After lunch", 15)


def test_groups_cannot_be_switched_once_an_activity_has_started(cast):
    activity = add(cast.fac, "open-board")
    set_phase(cast.fac, activity, "writing")

    payload = {"activity": activity, "in_groups": True}
    assert refused(cast.fac, "workshop.edit_activity", payload).code == "wrong_phase"
    assert activity_row(activity).in_groups is False


def test_removing_deletes_the_activity_and_what_was_written(cast, board):
    add_note(cast.ann_actor, board, "Gone with it")
    act(cast.fac, "workshop.start_activity", {"current": board})

    act(cast.fac, "workshop.remove_activity", {"activity": board})

    assert agenda(cast.workshop) == []
    assert db.session.scalars(sa.select(Note)).all() == []
    assert db.session.get(Workshop, cast.workshop.id).current_activity_id is None


def test_removal_changes_visibility_so_resync_sends_a_snapshot(cast, board):
    from app.resync import resync

    add_note(cast.ann_actor, board, "Before")
    answer = resync(cast.ann_actor, audiences.PARTICIPANTS, None)
    at = answer["snapshot"]["n"]

    act(cast.fac, "workshop.remove_activity", {"activity": board})

    answer = resync(cast.ann_actor, audiences.PARTICIPANTS, at)
    assert answer["snapshot"]["activities"] == []
    assert "Before" not in json.dumps(answer)


def test_starting_an_activity_makes_it_current_for_everyone(cast):
    first, second = add(cast.fac, "open-board"), add(cast.fac, "ccps-checklist")

    act(cast.fac, "workshop.start_activity", {"current": second})
    assert db.session.get(Workshop, cast.workshop.id).current_activity_id == (
        activity_row(second).id
    )
    act(cast.fac, "workshop.start_activity", {"current": ""})
    assert db.session.get(Workshop, cast.workshop.id).current_activity_id is None
    assert first  # both stay on the agenda


def test_starting_an_unknown_activity_is_refused(cast):
    payload = {"current": "nope"}
    assert refused(cast.fac, "workshop.start_activity", payload).code == "not_found"


# Groups at their own pace ------------------------------------------------------


def test_a_group_can_work_on_its_own_activity(cast):
    first, second = add(cast.fac, "open-board"), add(cast.fac, "ccps-checklist")
    group = act(cast.fac, "workshop.create_group", {"name": "Table 1"})["result"][
        "group"
    ]
    act(cast.fac, "workshop.start_activity", {"current": first})

    act(cast.fac, "workshop.start_activity", {"current": second, "group": group})

    row = db.session.scalar(sa.select(Group).filter_by(public_id=group))
    assert row.current_activity_id == activity_row(second).id
    assert db.session.get(Workshop, cast.workshop.id).current_activity_id == (
        activity_row(first).id
    )
    act(cast.fac, "workshop.start_activity", {"current": "", "group": group})
    db.session.expire_all()
    assert db.session.get(Group, row.id).current_activity_id is None


def test_a_groups_pace_reaches_its_stream_and_its_snapshot_only(cast):
    from app.resync import resync

    board = add(cast.fac, "open-board")
    group = act(cast.fac, "workshop.create_group", {"name": "Table 1"})["result"][
        "group"
    ]
    payload = {"participant": cast.ann.public_id, "group": group}
    act(cast.fac, "workshop.assign_group", payload)

    ack = act(cast.fac, "workshop.start_activity", {"current": board, "group": group})

    assert set(ack["streams"]) == {f"group:{group}", audiences.FACILITATORS}
    snapshot = resync(cast.ann_actor, f"group:{group}", None)["snapshot"]
    assert snapshot["group_current"] == board
    shared = resync(cast.ann_actor, audiences.PARTICIPANTS, None)["snapshot"]
    assert "group_current" not in shared and shared["current"] is None


def test_an_unknown_group_is_refused(cast):
    board = add(cast.fac, "open-board")
    payload = {"current": board, "group": "nope"}
    assert refused(cast.fac, "workshop.start_activity", payload).code == "not_found"
