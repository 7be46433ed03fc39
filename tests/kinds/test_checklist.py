"""The checklist kind: private scores, comments and priorities; the reveal's
counts overall and by role (never a bucket under three people); agreed
scores; and what each stream sees."""

import json

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.kinds import checklist
from app.models import Score
from tests import builders
from tests.builders import act, activity_row, participant_actor, refused, set_phase


def make_checklist(fac, method="ccps-checklist", phase="scoring"):
    payload = {"method": method}
    activity = act(fac, "workshop.add_activity", payload)["result"]["activity"]
    if phase != "not_started":
        set_phase(fac, activity, phase)
    return activity


def score(actor, activity, item="element-1", value=2, comment="", priority=False):
    payload = {
        "activity": activity,
        "item": item,
        "value": "" if value is None else value,
        "comment": comment,
        "priority": priority,
    }
    return act(actor, "checklist.score", payload)


def view(activity, stream_key):
    return checklist.snapshot(activity_row(activity), stream_key)


@pytest.fixture
def sheet(cast):
    return make_checklist(cast.fac)


def test_activity_freezes_the_methods_items_and_scale(cast, sheet):
    """The activity keeps a copy of the method: id, version, items, scale."""
    method = activity_row(sheet).content["method"]

    assert (method["method"], method["version"], method["kind"]) == (
        "ccps-checklist",
        1,
        "checklist",
    )
    items = method["content"]["sections"][0]["items"]
    assert [item["key"] for item in items] == [f"element-{n}" for n in range(1, 9)]
    assert [point["value"] for point in method["content"]["scale"]] == [2, 1, 0]
    assert activity_row(sheet).phase == "scoring"


def test_a_score_is_kept_and_seen_only_by_its_author(cast, sheet):
    score(cast.ann_actor, sheet, value=1, comment="Patchy evidence")

    mine = view(sheet, audiences.private(cast.ann))["mine"]
    assert mine == {
        "element-1": {"value": 1, "comment": "Patchy evidence", "priority": False}
    }
    assert view(sheet, audiences.private(cast.bob))["mine"] == {}
    for shared in (audiences.PARTICIPANTS, audiences.FACILITATORS):
        assert "Patchy evidence" not in json.dumps(view(sheet, shared))
        assert "results" not in view(sheet, shared)


def test_scoring_again_replaces_the_score(cast, sheet):
    score(cast.ann_actor, sheet, value=2)
    score(cast.ann_actor, sheet, value=0)

    rows = db.session.scalars(sa.select(Score)).all()
    assert [(row.item, row.value) for row in rows] == [("element-1", 0)]


def test_a_score_can_be_cleared_and_a_comment_kept(cast, sheet):
    score(cast.ann_actor, sheet, value=None, comment="Not sure yet")

    [row] = db.session.scalars(sa.select(Score)).all()
    assert (row.value, row.comment) == (None, "Not sure yet")


def test_facilitators_see_how_many_have_scored_but_not_the_scores(cast, sheet):
    score(cast.ann_actor, sheet, value=2, comment="Ours")
    score(cast.bob_actor, sheet, item="element-2", value=1)

    state = view(sheet, audiences.FACILITATORS)
    assert state["responded"] == 2
    assert "Ours" not in json.dumps(state)


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"item": "element-99"}, "not_found"),
        ({"value": 3}, "invalid"),
        ({"value": -1}, "invalid"),
        ({"value": "two"}, "invalid"),
        ({"comment": "x" * 1001}, "invalid"),
        ({"item": ""}, "invalid"),
    ],
)
def test_bad_scores_are_refused_and_change_nothing(cast, sheet, payload, code):
    before = builders.event_count()
    full = {"activity": sheet, "item": "element-1", "value": 2, **payload}

    refusal = refused(cast.ann_actor, "checklist.score", full)

    assert refusal.code == code
    assert db.session.scalars(sa.select(Score)).all() == []
    assert builders.event_count() == before


def test_scoring_is_refused_once_scoring_is_closed(cast, sheet):
    set_phase(cast.fac, sheet, "reveal")

    refusal = refused(
        cast.ann_actor, "checklist.score", {"activity": sheet, "item": "element-1"}
    )

    assert refusal.code == "wrong_phase"
    assert refusal.message == "Scoring is closed."


def test_facilitators_do_not_score(cast, sheet):
    refusal = refused(
        cast.fac, "checklist.score", {"activity": sheet, "item": "element-1"}
    )
    assert refusal.code == "not_allowed"


def test_priorities_are_kept_only_where_the_method_asks_for_them(cast):
    ccps = make_checklist(cast.fac)
    ipc = make_checklist(cast.fac, method="ipc-behaviours")
    ipc_item = activity_row(ipc).content["method"]["content"]["sections"][0]
    ipc_item = ipc_item["items"][0]["key"]

    score(cast.ann_actor, ccps, priority=True)
    score(cast.ann_actor, ipc, item=ipc_item, value=1, priority=True)

    assert (
        view(ccps, audiences.private(cast.ann))["mine"]["element-1"]["priority"]
        is False
    )
    assert view(ipc, audiences.private(cast.ann))["mine"][ipc_item]["priority"] is True


# The reveal -------------------------------------------------------------------


def _room(workshop, roles):
    """Participants with these roles, as actors."""
    people = [
        builders.make_participant(workshop, display_name=f"P{n}", role=role)
        for n, role in enumerate(roles)
    ]
    return [participant_actor(person) for person in people]


def test_the_reveal_shows_counts_and_comments_without_authors(cast, sheet):
    score(cast.ann_actor, sheet, value=2, comment="We publish our prices")
    score(cast.bob_actor, sheet, value=1)

    set_phase(cast.fac, sheet, "reveal")

    results = view(sheet, audiences.PARTICIPANTS)["results"]
    assert results["respondents"] == 2
    assert sorted(
        (row["item"], row["value"], row["count"]) for row in results["overall"]
    ) == [("element-1", 1, 1), ("element-1", 2, 1)]
    assert results["comments"] == {"element-1": ["We publish our prices"]}
    text = json.dumps(view(sheet, audiences.PARTICIPANTS))
    for person in (cast.ann, cast.bob):
        assert person.public_id not in text
        assert person.display_name not in text


def test_results_split_by_role_only_in_buckets_of_three_or_more(cast, sheet):
    roles = ["commissioner"] * 3 + ["provider"] * 4 + ["lived_experience", "carer"]
    for actor in _room(cast.workshop, roles):
        score(actor, sheet, value=2)
    set_phase(cast.fac, sheet, "reveal")

    by_role = view(sheet, audiences.PARTICIPANTS)["results"]["by_role"]

    # The person with lived experience and the carer merge with the smallest
    # role (commissioners) into "other roles": no bucket of fewer than three.
    counts = {row["role"]: row["count"] for row in by_role}
    assert counts == {"provider": 4, "other_roles": 5}


def test_no_split_by_role_when_only_one_bucket_would_remain(cast, sheet):
    for actor in _room(cast.workshop, ["provider"] * 3 + ["carer"]):
        score(actor, sheet, value=1)
    set_phase(cast.fac, sheet, "reveal")

    assert view(sheet, audiences.PARTICIPANTS)["results"]["by_role"] is None


# Agreeing -----------------------------------------------------------------------


def test_the_room_records_an_agreed_score_and_note(cast, sheet):
    set_phase(cast.fac, sheet, "agree")
    payload = {"activity": sheet, "item": "element-2", "value": 1, "note": "Mixed"}

    act(cast.fac, "checklist.agree", payload)

    agreed = {"element-2": {"value": 1, "note": "Mixed"}}
    assert view(sheet, audiences.PARTICIPANTS)["agreed"] == agreed
    assert view(sheet, audiences.PROJECTOR_STREAM)["agreed"] == agreed


def test_agreeing_is_for_facilitators_in_the_agree_phase(cast, sheet):
    payload = {"activity": sheet, "item": "element-2", "value": 1}
    assert refused(cast.fac, "checklist.agree", payload).code == "wrong_phase"
    set_phase(cast.fac, sheet, "agree")
    assert refused(cast.ann_actor, "checklist.agree", payload).code == "not_allowed"


def test_agreeing_is_refused_where_the_method_has_no_agreed_scores(cast):
    ipc = make_checklist(cast.fac, method="ipc-behaviours", phase="agree")
    item = activity_row(ipc).content["method"]["content"]["sections"][0]["items"][0]

    refusal = refused(
        cast.fac, "checklist.agree", {"activity": ipc, "item": item["key"]}
    )

    assert refusal.code == "not_allowed"
