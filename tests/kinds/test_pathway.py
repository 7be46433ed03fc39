"""The pathway kind (yellow brick road): ordered steps, what hangs off each
step and wall, deleting with what hangs off, stale edits, cards from another
activity or group, phases, and each group seeing only its own road."""

import json

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.kinds import pathway
from app.models import PathwayCard
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


def make_pathway(fac, phase="map", in_groups=False):
    payload = {"method": "yellow-brick-road", "in_groups": in_groups}
    activity = act(fac, "workshop.add_activity", payload)["result"]["activity"]
    if phase != "not_started":
        set_phase(fac, activity, phase)
    return activity


def add(actor, road, lane, text, **refs):
    """A card added by `actor`; its public id."""
    payload = {"activity": road, "lane": lane, "text": text, **refs}
    return act(actor, "pathway.add_card", payload)["result"]["card"]


def move(actor, road, card, after=None, before=None):
    payload = {"activity": road, "card": card, "after": after, "before": before}
    return act(actor, "pathway.move_card", payload)


def _ref(road, card):
    return {"activity": road, "card": card}


def roads(road, stream_key=audiences.PARTICIPANTS):
    return pathway.snapshot(activity_row(road), stream_key)["roads"]


def shared_road(road):
    [only] = roads(road)
    return only


def texts(cards):
    return [card["text"] for card in cards]


def card_count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(PathwayCard))


@pytest.fixture
def road(cast):
    return make_pathway(cast.fac)


@pytest.fixture
def step(cast, road):
    return add(cast.ann_actor, road, "steps", "Ask for help")


def test_activity_freezes_the_methods_lanes_and_starts_unnamed(cast):
    """The activity keeps the method's five lanes; no service is named yet."""
    activity = activity_row(make_pathway(cast.fac, phase="not_started"))

    lanes = activity.content["method"]["content"]["lanes"]
    assert [lane["key"] for lane in lanes] == [
        "steps",
        "resources",
        "walls",
        "overcome",
        "measures",
    ]
    assert activity.phase == "not_started"
    assert shared_road(activity.public_id) == {
        "group": None,
        "service": "",
        "steps": [],
        "measures": [],
    }


def test_steps_are_kept_in_order_and_insert_between(cast, road):
    """Steps go to the end, or right after / before the neighbour named."""
    first = add(cast.ann_actor, road, "steps", "First")
    last = add(cast.bob_actor, road, "steps", "Last")
    add(cast.ann_actor, road, "steps", "Second", after=first)
    add(cast.fac, road, "steps", "Third", before=last)

    assert texts(shared_road(road)["steps"]) == ["First", "Second", "Third", "Last"]


def test_steps_reorder_among_steps(cast, road):
    """A step moves right after or before another, between two, or to the end."""
    a, b, c = (add(cast.ann_actor, road, "steps", text) for text in "ABC")

    move(cast.bob_actor, road, c, before=a)
    assert texts(shared_road(road)["steps"]) == ["C", "A", "B"]
    move(cast.bob_actor, road, c, after=a, before=b)
    assert texts(shared_road(road)["steps"]) == ["A", "C", "B"]
    move(cast.fac, road, a)
    assert texts(shared_road(road)["steps"]) == ["C", "B", "A"]
    move(cast.ann_actor, road, a, after=c)
    assert texts(shared_road(road)["steps"]) == ["C", "A", "B"]


def test_moving_between_cards_that_are_not_neighbours_is_refused(cast, road):
    """`after` and `before` must be next to each other, and not the card moved."""
    a, b, c = (add(cast.ann_actor, road, "steps", text) for text in "ABC")
    payload = {"activity": road, "card": c, "after": b, "before": a}

    assert refused(cast.ann_actor, "pathway.move_card", payload).code == "invalid"
    itself = {"activity": road, "card": c, "after": c}
    assert refused(cast.ann_actor, "pathway.move_card", itself).code == "invalid"
    assert texts(shared_road(road)["steps"]) == ["A", "B", "C"]


def test_resources_walls_and_ways_over_attach_to_their_step_and_wall(cast, road):
    """Resources and walls hang off their step; ways over off their wall."""
    one = add(cast.ann_actor, road, "steps", "Referral")
    two = add(cast.ann_actor, road, "steps", "Assessment")
    add(cast.ann_actor, road, "resources", "A named worker", step=two)
    add(cast.bob_actor, road, "resources", "Advocacy", step=one)
    wall = add(cast.bob_actor, road, "walls", "Waiting lists", step=two)
    other = add(cast.bob_actor, road, "walls", "Forms", step=two)
    add(cast.fac, road, "overcome", "Pooled budget", step=two, wall=wall)
    add(cast.ann_actor, road, "overcome", "Easy read", step=two, wall=other)
    add(cast.ann_actor, road, "measures", "Time to first visit")

    state = shared_road(road)
    referral, assessment = state["steps"]
    assert texts(referral["resources"]) == ["Advocacy"] and referral["walls"] == []
    assert texts(assessment["resources"]) == ["A named worker"]
    assert [
        (wall["text"], texts(wall["overcome"])) for wall in assessment["walls"]
    ] == [("Waiting lists", ["Pooled budget"]), ("Forms", ["Easy read"])]
    assert texts(state["measures"]) == ["Time to first visit"]
    assert set(assessment) == {
        "id",
        "text",
        "version",
        "order",
        "resources",
        "walls",
    }


def test_cards_on_a_step_reorder_within_their_step(cast, road, step):
    """Resources move among their step's resources, not another step's."""
    other = add(cast.ann_actor, road, "steps", "Other")
    x = add(cast.ann_actor, road, "resources", "X", step=step)
    y = add(cast.ann_actor, road, "resources", "Y", step=step)
    z = add(cast.ann_actor, road, "resources", "Z", step=other)

    move(cast.ann_actor, road, y, before=x)
    payload = {"activity": road, "card": x, "after": z}

    assert refused(cast.ann_actor, "pathway.move_card", payload).code == "invalid"
    assert texts(shared_road(road)["steps"][0]["resources"]) == ["Y", "X"]


def test_deleting_a_step_deletes_what_hangs_off_it(cast, road, step):
    """Its resources, walls and ways over go with it; other steps' stay."""
    other = add(cast.ann_actor, road, "steps", "Other")
    kept = add(cast.ann_actor, road, "resources", "Kept", step=other)
    add(cast.ann_actor, road, "resources", "Gone", step=step)
    wall = add(cast.ann_actor, road, "walls", "Gone too", step=step)
    add(cast.ann_actor, road, "overcome", "And this", step=step, wall=wall)

    ack = act(cast.bob_actor, "pathway.delete_card", _ref(road, step))

    assert ack["ok"] is True
    [left] = shared_road(road)["steps"]
    assert left["text"] == "Other" and left["resources"][0]["id"] == kept
    assert card_count() == 2


def test_deleting_a_wall_deletes_its_ways_over(cast, road, step):
    """The wall's ways over go with it; the step and its resources stay."""
    wall = add(cast.ann_actor, road, "walls", "Wall", step=step)
    add(cast.ann_actor, road, "overcome", "Over it", step=step, wall=wall)
    add(cast.ann_actor, road, "resources", "Stays", step=step)

    act(cast.fac, "pathway.delete_card", _ref(road, wall))

    [left] = shared_road(road)["steps"]
    assert left["walls"] == [] and texts(left["resources"]) == ["Stays"]
    assert card_count() == 2


def test_anyone_in_the_room_may_edit_any_card_and_authors_are_kept(cast, road, step):
    """Co-production: Bob and the facilitator edit Ann's step; she stays its
    author, and no author is shown."""
    edit = {"activity": road, "card": step, "text": "Ask a friend", "version": 1}
    act(cast.bob_actor, "pathway.edit_card", edit)
    act(cast.fac, "pathway.edit_card", {**edit, "text": "Ask anyone", "version": 2})

    [shown] = shared_road(road)["steps"]
    assert (shown["text"], shown["version"]) == ("Ask anyone", 3)
    card = db.session.scalar(sa.select(PathwayCard).filter_by(public_id=step))
    assert card.author_participant_id == cast.ann.id
    assert "Ann" not in json.dumps(roads(road, audiences.FACILITATORS))


def test_a_stale_edit_is_refused_with_the_current_text(cast, road, step):
    """An edit from an old version is refused, with the text it would lose to."""
    edit = {"activity": road, "card": step, "text": "Mine", "version": 1}
    act(cast.bob_actor, "pathway.edit_card", edit)

    refusal = refused(cast.ann_actor, "pathway.edit_card", {**edit, "text": "Ours"})

    assert refusal.code == "stale"
    assert refusal.details["current"] == {"text": "Mine", "version": 2}
    assert shared_road(road)["steps"][0]["text"] == "Mine"


def test_naming_the_service(cast, road):
    """The service is named as typed, trimmed, for the whole road."""
    ack = act(
        cast.ann_actor, "pathway.name_service", {"activity": road, "name": " Respite "}
    )

    assert ack["ok"] is True and "Respite" not in json.dumps(ack)
    assert shared_road(road)["service"] == "Respite"


def _other_activitys_step(cast):
    return add(cast.ann_actor, make_pathway(cast.fac), "steps", "Elsewhere")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda cast, step: {"lane": "steps", "text": ""}, "invalid"),
        (lambda cast, step: {"lane": "steps", "text": "   "}, "invalid"),
        (lambda cast, step: {"lane": "steps", "text": "x" * 501}, "invalid"),
        (lambda cast, step: {"lane": "ideas", "text": "Hi"}, "invalid"),
        (lambda cast, step: {"lane": "", "text": "Hi"}, "invalid"),
        (lambda cast, step: {"lane": "resources", "text": "Hi"}, "invalid"),
        (lambda cast, step: {"lane": "steps", "text": "Hi", "step": step}, "invalid"),
        (
            lambda cast, step: {"lane": "measures", "text": "Hi", "wall": step},
            "invalid",
        ),
        (
            lambda cast, step: {"lane": "overcome", "text": "Hi", "step": step},
            "invalid",
        ),
        (
            lambda cast, step: {"lane": "resources", "text": "Hi", "step": "nope"},
            "not_found",
        ),
        (
            lambda cast, step: {
                "lane": "resources",
                "text": "Hi",
                "step": _other_activitys_step(cast),
            },
            "not_found",
        ),
        (
            lambda cast, step: {
                "lane": "overcome",
                "text": "Hi",
                "step": step,
                "wall": step,  # a step, not a wall
            },
            "not_found",
        ),
        (
            lambda cast, step: {
                "lane": "walls",
                "text": "Hi",
                "step": step,
                "wall": step,
            },
            "invalid",
        ),
        (
            lambda cast, step: {
                "lane": "steps",
                "text": "Hi",
                "after": _other_activitys_step(cast),
            },
            "not_found",
        ),
    ],
)
def test_bad_cards_are_refused_and_change_nothing(cast, road, step, change, code):
    """Bad text, lanes, steps, walls or neighbours: refused, nothing written."""
    payload = {"activity": road, **change(cast, step)}
    cards, events = card_count(), builders.event_count()

    refusal = refused(cast.ann_actor, "pathway.add_card", payload)

    assert refusal.code == code
    assert (card_count(), builders.event_count()) == (cards, events)


def test_a_way_over_must_answer_a_wall_on_its_own_step(cast, road, step):
    """A way over names a wall of the step it is on."""
    other = add(cast.ann_actor, road, "steps", "Other")
    wall = add(cast.ann_actor, road, "walls", "Wall", step=other)
    payload = {
        "activity": road,
        "lane": "overcome",
        "text": "Over",
        "step": step,
        "wall": wall,
    }

    assert refused(cast.ann_actor, "pathway.add_card", payload).code == "invalid"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"text": "", "version": 1}, "invalid"),
        ({"text": "x" * 501, "version": 1}, "invalid"),
        ({"text": "Fine", "version": ""}, "invalid"),
        ({"text": "Fine", "version": 1, "card": "nope"}, "not_found"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(cast, road, step, payload, code):
    """Bad text, versions or cards: refused, the card as it was."""
    events = builders.event_count()

    refusal = refused(
        cast.ann_actor, "pathway.edit_card", {"activity": road, "card": step, **payload}
    )

    assert refusal.code == code and builders.event_count() == events
    assert shared_road(road)["steps"][0]["text"] == "Ask for help"


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_bad_service_names_are_refused(cast, road, name):
    """A service name is 1 to 200 characters."""
    payload = {"activity": road, "name": name}

    assert refused(cast.ann_actor, "pathway.name_service", payload).code == "invalid"
    assert shared_road(road)["service"] == ""


def test_a_card_of_another_activity_is_not_found(cast, road):
    """A card of another pathway does not exist here, even for facilitators."""
    elsewhere = _other_activitys_step(cast)
    edit = {"activity": road, "card": elsewhere, "text": "X", "version": 1}

    assert refused(cast.ann_actor, "pathway.edit_card", edit).code == "not_found"
    delete = {"activity": road, "card": elsewhere}
    assert refused(cast.fac, "pathway.delete_card", delete).code == "not_found"


def test_pathway_actions_need_a_pathway(cast, road):
    """A pathway action on another kind's activity finds no such activity."""
    checklist = act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})
    payload = {"activity": checklist["result"]["activity"], "name": "X"}

    assert refused(cast.fac, "pathway.name_service", payload).code == "not_found"


CHANGES = [
    ("pathway.add_card", {"lane": "steps", "text": "Late"}),
    ("pathway.edit_card", {"text": "Late", "version": 1}),
    ("pathway.move_card", {}),
    ("pathway.delete_card", {}),
    ("pathway.name_service", {"name": "Late"}),
]


@pytest.mark.parametrize(
    ("phase", "actors"),
    [
        ("not_started", ("ann_actor", "fac")),
        ("review", ("ann_actor",)),
        ("closed", ("ann_actor", "fac")),
    ],
)
def test_the_road_is_only_mapped_in_the_map_phase(cast, road, step, phase, actors):
    """Outside `map` nobody changes the road, except a facilitator tidying
    it up in review."""
    set_phase(cast.fac, road, phase)

    for actor in (getattr(cast, name) for name in actors):
        for action, payload in CHANGES:
            adds = action in ("pathway.add_card", "pathway.name_service")
            card = {} if adds else {"card": step}
            full = {"activity": road, **card, **payload}
            assert refused(actor, action, full).code == "wrong_phase"
    assert texts(shared_road(road)["steps"]) == ["Ask for help"]


def test_a_facilitator_tidies_the_road_in_review(cast, road, step):
    set_phase(cast.fac, road, "review")
    payload = {"activity": road, "card": step, "text": "Asks for help", "version": 1}

    act(cast.fac, "pathway.edit_card", payload)

    assert texts(shared_road(road)["steps"]) == ["Asks for help"]


# --- groups -------------------------------------------------------------------


@pytest.fixture
def tables(cast):
    """Ann at table 1, Bob at table 2, Cy at none; a pathway run in groups."""
    one, two = make_group(cast.fac, "Table 1"), make_group(cast.fac, "Table 2")
    put_in_group(cast.fac, cast.ann, one)
    put_in_group(cast.fac, cast.bob, two)
    cy = builders.make_participant(cast.workshop, display_name="Cy")
    return make_pathway(cast.fac, in_groups=True), one, two, participant_actor(cy)


def test_each_group_maps_and_sees_only_its_own_road(cast, tables):
    """A group's stream gets its own road, the participants stream the shared
    one; facilitators and the projector every road, the shared one first."""
    road, one, two, cy = tables
    ann_step = add(cast.ann_actor, road, "steps", "TABLE-ONE")
    add(cast.ann_actor, road, "walls", "TABLE-ONE-WALL", step=ann_step)
    act(cast.ann_actor, "pathway.name_service", {"activity": road, "name": "Ones"})
    add(cast.bob_actor, road, "steps", "TABLE-TWO")
    add(cy, road, "steps", "SHARED")

    [ones] = roads(road, f"group:{one}")
    [twos] = roads(road, f"group:{two}")
    assert (ones["group"]["id"], ones["service"]) == (one, "Ones")
    assert texts(ones["steps"]) == ["TABLE-ONE"]
    assert "TABLE-ONE" not in json.dumps(twos) and texts(twos["steps"]) == ["TABLE-TWO"]
    assert texts(shared_road(road)["steps"]) == ["SHARED"]
    assert roads(road, audiences.private(cast.ann)) == []
    for stream in (audiences.FACILITATORS, audiences.PROJECTOR_STREAM):
        every = roads(road, stream)
        assert [r["group"] and r["group"]["name"] for r in every] == [
            None,
            "Table 1",
            "Table 2",
        ]
        assert [texts(r["steps"]) for r in every] == [
            ["SHARED"],
            ["TABLE-ONE"],
            ["TABLE-TWO"],
        ]


def test_a_groups_cards_go_only_to_its_stream_facilitators_and_projector(cast, tables):
    """A group's change is numbered on its stream, the facilitators' and the
    projector's only."""
    road, one, _two, _cy = tables

    ack = act(
        cast.ann_actor,
        "pathway.add_card",
        {"activity": road, "lane": "steps", "text": "Ours"},
    )

    assert set(ack["streams"]) == {f"group:{one}", "facilitators", "projector"}


def test_another_groups_cards_are_not_found(cast, tables):
    """Bob cannot edit, move, delete, attach to or sit next to Ann's cards."""
    road, _one, _two, _cy = tables
    step = add(cast.ann_actor, road, "steps", "Ours")
    events = builders.event_count()

    for action, payload in [
        ("pathway.edit_card", {"card": step, "text": "Theirs", "version": 1}),
        ("pathway.move_card", {"card": step}),
        ("pathway.delete_card", {"card": step}),
        ("pathway.add_card", {"lane": "resources", "text": "X", "step": step}),
        ("pathway.add_card", {"lane": "steps", "text": "X", "after": step}),
    ]:
        refusal = refused(cast.bob_actor, action, {"activity": road, **payload})
        assert refusal.code == "not_found", action
    assert builders.event_count() == events


def test_facilitators_tidy_any_groups_road(cast, tables):
    """A facilitator's card on a group's step, or next to a group's step,
    joins that group's road."""
    road, one, _two, _cy = tables
    step = add(cast.ann_actor, road, "steps", "Ours")

    add(cast.fac, road, "resources", "Theirs too", step=step)
    add(cast.fac, road, "steps", "Next", after=step)
    act(cast.fac, "pathway.edit_card", {**_ref(road, step), "text": "O", "version": 1})

    [ones] = roads(road, f"group:{one}")
    assert texts(ones["steps"]) == ["O", "Next"]
    assert texts(ones["steps"][0]["resources"]) == ["Theirs too"]


def test_the_rooms_service_name_is_each_groups_until_it_names_its_own(cast, tables):
    """The name given outside a group is every road's until a group names its own."""
    road, one, two, _cy = tables
    act(cast.fac, "pathway.name_service", {"activity": road, "name": "Short breaks"})
    ack = act(
        cast.bob_actor, "pathway.name_service", {"activity": road, "name": "Ours"}
    )

    assert set(ack["streams"]) == {f"group:{two}", "facilitators", "projector"}
    assert roads(road, f"group:{one}")[0]["service"] == "Short breaks"
    assert roads(road, f"group:{two}")[0]["service"] == "Ours"
    assert shared_road(road)["service"] == "Short breaks"
