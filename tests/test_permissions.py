"""The permission table, checked cell by cell: every action × every kind of
actor, and every kind's action × every phase of that kind.

The cases are generated from PERMISSIONS, so a new action fails
`test_every_action_has_a_payload_builder` until PAYLOADS has a row for it.
"""

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app import changes
from app.actors import COMMENTER, FACILITATOR, PARTICIPANT, REVIEWER, Actor
from app.extensions import db
from app.kinds import KINDS
from app.models import Event, LoginSession, Series
from app.permissions import PERMISSIONS
from tests import builders
from tests.builders import (
    act,
    activity_row,
    add_note,
    event_count,
    facilitator_actor,
    make_board,
    make_group,
    new_op_id,
    participant_actor,
    put_in_group,
    set_phase,
)


@dataclass
class World:
    """A workshop with a board, two groups and three participants; `subject`
    is the actor under test, `author` writes the notes the payload names."""

    workshop: object
    fac: Actor
    ann: object  # in group 1
    bob: object  # in group 2
    cy: object  # in no group: the one removed or moved by the payloads
    board: str
    activities: dict  # kind -> an activity of that kind (the board's is `board`)
    groups: tuple
    subject: Actor = None
    author: Actor = None


def _note(world):
    return add_note(world.author, world.board, text="A note")


def _hidden_note(world):
    note = _note(world)
    act(world.fac, "board.hide_note", {"activity": world.board, "note": note})
    return note


def _note_ref(make=_note):
    return lambda world: {"activity": world.board, "note": make(world)}


def _grouping_allowed(world):
    """The board's settings let participants group its notes."""
    options = {"activity": world.board, "participants_group": True}
    act(world.fac, "board.set_options", {**options, "budget": 3, "per_note": 1})


def _theme(world, name="Travel", note=None):
    """A theme on the board by `author` (in the grouping phase, participants
    allowed to group), with `note` under it if given; its public id."""
    _grouping_allowed(world)
    set_phase(world.fac, world.board, "grouping")
    payload = {"activity": world.board, "name": name}
    theme = act(world.author, "board.create_theme", payload)["result"]["theme"]
    if note is not None:
        grouped = {"activity": world.board, "note": note, "theme": theme}
        act(world.author, "board.set_theme", grouped)
    return theme


def _new_theme(world):
    _grouping_allowed(world)
    return {"activity": world.board, "name": "Transport"}


def _theme_ref(world):
    return {"activity": world.board, "theme": _theme(world)}


def _theme_with_a_note(world):
    """A theme by `author` holding a note of theirs: what a split names."""
    note = _note(world)
    theme = _theme(world, note=note)
    return {"activity": world.board, "theme": theme, "notes": note, "name": "Split"}


def _my_dot(world):
    """A note with the subject's dot on it, if the subject may vote at all."""
    ref = _note_ref()(world)
    if world.author.kind == PARTICIPANT:
        set_phase(world.fac, world.board, "voting")
        act(world.author, "board.vote", ref)
    return ref


def _scenario_topic(world):
    """The scenario and a topic of it given to group 1 (Ann's)."""
    topic = {"activity": world.activities["scenario"], "topic": "sub-contracting"}
    act(world.fac, "scenario.allocate", {**topic, "groups": world.groups[0]})
    return topic


def _scenario_note(world):
    """A note by `author` on group 1's topic, written while groups discuss."""
    topic = _scenario_topic(world)
    set_phase(world.fac, topic["activity"], "discuss")
    payload = {**topic, "column": "issues", "text": "A note"}
    note = act(world.author, "scenario.add_note", payload)["result"]["note"]
    return {"activity": topic["activity"], "note": note}


def _pathway_step(world):
    """A step on the pathway by `author`, added while the road is mapped."""
    pathway = world.activities["pathway"]
    set_phase(world.fac, pathway, "map")
    payload = {"activity": pathway, "lane": "steps", "text": "First contact"}
    card = act(world.author, "pathway.add_card", payload)["result"]["card"]
    return {"activity": pathway, "card": card}


def _running_timer(world):
    """The board's timer, started by the facilitator: what the payload names."""
    board = {"activity": world.board}
    act(world.fac, "timer.start", {**board, "seconds": 300})
    return board


# One valid payload per action, built on the world (notes by `author`).
def _hand_owner(world):
    """A participant names their own hand; anyone else names Cy's."""
    for person in (world.ann, world.bob):
        if world.subject.participant_id == person.id:
            return person.public_id
    return world.cy.public_id


def _anonymous_note(world):
    """A note on the board made anonymous, the facilitator the team's
    safeguarding lead: all a reveal needs but the actor."""
    world.workshop.team.safeguarding_lead_id = world.fac.user_id
    db.session.commit()
    settings = {"activity": world.board, "title": "Ideas", "anonymous": "y"}
    if activity_row(world.board).in_groups:
        settings["in_groups"] = "y"
    act(world.fac, "workshop.edit_activity", settings)
    reason = "A disclosure needing a response"
    return {"activity": world.board, "note": _note(world), "reason": reason}


def _share_link(world):
    """A live share link of the workshop, made by its facilitator."""
    return {"link": act(world.fac, "report.share", {})["result"]["link"]}


def _in_series(world):
    """The world's workshop put in a series (actions belong to one); the series."""
    if world.workshop.series is None:
        world.workshop.series = Series(team_id=world.workshop.team_id, title="Forum")
        db.session.commit()
    return world.workshop.series


def _new_action(world):
    _in_series(world)
    return {"title": "Publish the fee uplift", "due_date": "2030-06-30"}


def _action_ref(world):
    """An action of the world's series, agreed by its facilitator."""
    made = act(world.fac, "follow_up.create", _new_action(world))
    return {"follow_up": made["result"]["follow_up"]}


def _series_summary(world):
    """Nothing but the world's workshop in a series."""
    _in_series(world)
    return {}


def _published_summary(world):
    act(world.fac, "follow_up.publish_summary", _series_summary(world))
    return {}


def _redaction(world):
    """A note of the board, redacted by the facilitator: what unredact names."""
    target = f"note:{_note(world)}"
    act(world.fac, "report.redact", {"target": target, "reason": "Names a person"})
    return {"target": target}


PAYLOADS = {
    "workshop.edit": lambda world: {
        "title": "Renamed",
        "engagement_level": "participation",
    },
    "workshop.remove_participant": lambda world: {"participant": world.cy.public_id},
    "workshop.add_activity": lambda world: {"method": "open-board", "title": "More"},
    "workshop.create_group": lambda world: {"name": "Table 3"},
    "workshop.assign_group": lambda world: {
        "participant": world.cy.public_id,
        "group": world.groups[0],
    },
    "activity.set_phase": lambda world: {
        "activity": world.board,
        "phase": "discussion",
    },
    "author.reveal": _anonymous_note,
    "report.edit_text": lambda world: {"summary": "A good day.", "next_steps": "Meet"},
    "report.share": lambda world: {},
    "report.withdraw_share": _share_link,
    "review.comment": lambda world: {"body": "Worth reading before the tender"},
    "report.redact": lambda world: {
        "target": f"note:{_note(world)}",
        "reason": "Names a person",
    },
    "report.unredact": _redaction,
    "link.comment": lambda world: {"name": "Pat", "body": "Step two takes months"},
    "follow_up.create": _new_action,
    "follow_up.edit": lambda world: {
        **_action_ref(world),
        "title": "Publish it by June",
        "version": 1,
    },
    "follow_up.update": lambda world: {
        **_action_ref(world),
        "body": "Drafted",
        "status": "in_progress",
    },
    "follow_up.publish_summary": _series_summary,
    "follow_up.withdraw_summary": _published_summary,
    "workshop.add_without_device": lambda world: {
        "display_name": "Di",
        "role": "provider",
        "organisation_type": "private_provider",
    },
    "hand.raise": lambda world: {},
    "hand.lower": lambda world: {"participant": _hand_owner(world)},
    "break.request": lambda world: {},
    "break.clear": lambda world: {"participant": _hand_owner(world)},
    "workshop.balance_groups": lambda world: {"count": 2},
    "workshop.announce": lambda world: {"text": "Back in the room at 11:15"},
    "workshop.clear_announcement": lambda world: {},
    "workshop.spotlight": lambda world: {
        "activity": world.board,
        "target": "note",
        "key": _note(world),
    },
    "workshop.clear_spotlight": lambda world: {},
    "timer.start": lambda world: {"activity": world.board, "seconds": 300},
    "timer.pause": _running_timer,
    "timer.extend": lambda world: {**_running_timer(world), "seconds": 60},
    "timer.stop": _running_timer,
    "board.add_note": lambda world: {
        "activity": world.board,
        "column": "ideas",
        "text": "Hello",
    },
    "board.edit_note": lambda world: {
        **_note_ref()(world),
        "text": "Changed",
        "version": 1,
    },
    "board.move_note": lambda world: {**_note_ref()(world), "column": "ideas"},
    "board.delete_note": _note_ref(),
    "board.vote": _note_ref(),
    "board.hide_note": _note_ref(),
    "board.unhide_note": _note_ref(_hidden_note),
    "board.unvote": _my_dot,
    "board.set_options": lambda world: {
        "activity": world.board,
        "participants_group": True,
        "budget": 5,
        "per_note": 2,
        "hide_votes": True,
    },
    "board.create_theme": _new_theme,
    "board.rename_theme": lambda world: {**_theme_ref(world), "name": "Renamed"},
    "board.merge_themes": lambda world: {
        **_theme_ref(world),
        "into": _theme(world, name="Other"),
    },
    "board.split_theme": _theme_with_a_note,
    "board.set_theme": lambda world: {
        **_note_ref()(world),
        "theme": _theme(world),
    },
    "scenario.allocate": lambda world: {
        "activity": world.activities["scenario"],
        "topic": "sub-contracting",
        "groups": ",".join(world.groups),
    },
    "scenario.set_columns": lambda world: {
        "activity": world.activities["scenario"],
        "columns": "enablers",
    },
    "scenario.add_note": lambda world: {
        **_scenario_topic(world),
        "column": "issues",
        "text": "Hello",
    },
    "scenario.edit_note": lambda world: {
        **_scenario_note(world),
        "text": "Changed",
        "version": 1,
    },
    "scenario.move_note": lambda world: {**_scenario_note(world), "column": "issues"},
    "scenario.delete_note": _scenario_note,
    "scenario.show_topic": lambda world: {
        "activity": world.activities["scenario"],
        "topic": "sub-contracting",
    },
    "workshop.edit_activity": lambda world: {"activity": world.board, "title": "New"},
    # The checklist is made after the board, so it can move up.
    "workshop.move_activity": lambda world: {
        "activity": world.activities["checklist"],
        "direction": "up",
    },
    "workshop.remove_activity": lambda world: {
        "activity": world.activities["checklist"]
    },
    "workshop.start_activity": lambda world: {"current": world.board},
    "pathway.name_service": lambda world: {
        "activity": world.activities["pathway"],
        "name": "Short breaks",
    },
    "pathway.add_card": lambda world: {
        "activity": world.activities["pathway"],
        "lane": "steps",
        "text": "Ask for help",
    },
    "pathway.edit_card": lambda world: {
        **_pathway_step(world),
        "text": "Changed",
        "version": 1,
    },
    "pathway.move_card": _pathway_step,
    "pathway.delete_card": _pathway_step,
    "checklist.score": lambda world: {
        "activity": world.activities["checklist"],
        "item": "element-1",
        "value": 2,
    },
    "checklist.agree": lambda world: {
        "activity": world.activities["checklist"],
        "item": "element-1",
        "value": 1,
        "note": "Agreed",
    },
    "spectrum.mark": lambda world: {
        "activity": world.activities["spectrum"],
        "dimension": "power-difference",
        "now": 2,
        "aspiration": 4,
    },
    # Nothing brought before the room: the world's workshop is in no series.
    "actions.show": lambda world: {
        "activity": world.activities["actions"],
        "follow_up": "",
    },
}


# The method each kind's activity in the world is made from.
METHOD_OF_KIND = {
    "checklist": "ccps-checklist",
    "scenario": "peoples-borough",
    "pathway": "yellow-brick-road",
    "spectrum": "ccps-spectrum",
    "actions": "series-actions",
}


class Activities(dict):
    """An activity of each kind, made by the facilitator when first asked
    for (each test needs one or two kinds, not all)."""

    def __init__(self, fac, **made):
        super().__init__(**made)
        self.fac = fac

    def __missing__(self, kind):
        payload = {"method": METHOD_OF_KIND[kind]}
        self[kind] = act(self.fac, "workshop.add_activity", payload)["result"][
            "activity"
        ]
        return self[kind]


def _target(world, action):
    """The activity whose phase an action depends on."""
    kind = action.split(".")[0]
    return world.activities[kind] if kind in KINDS else world.board


def _as_facilitator(world):
    world.subject = world.author = world.fac


def _as_participant(world):
    world.subject = world.author = participant_actor(world.ann)


def _as_removed_participant(world):
    world.subject = world.author = participant_actor(world.ann)
    return lambda: act(
        world.fac, "workshop.remove_participant", {"participant": world.ann.public_id}
    )


def _as_signed_out_facilitator(world):
    world.subject = world.author = world.fac

    def sign_out():
        db.session.execute(
            sa.delete(LoginSession).filter_by(id=world.fac.login_session_id)
        )
        db.session.commit()

    return sign_out


def _as_other_team_facilitator(world):
    other_team = builders.make_team(name="Other team")
    world.subject = facilitator_actor(world.workshop, team=other_team)
    world.author = world.fac


def _as_reviewer(world):
    world.subject = builders.reviewer_actor(world.workshop)
    world.author = world.fac


def _as_commenter(world):
    world.subject = builders.commenter_actor(world.workshop)
    world.author = world.fac


def _as_other_workshop_participant(world):
    """Someone who joined another workshop, claiming this one."""
    other = builders.make_workshop(world.workshop.team, title="Other workshop")
    stranger = builders.make_participant(other, display_name="Stranger")
    world.subject = Actor(PARTICIPANT, world.workshop.id, participant_id=stranger.id)
    world.author = participant_actor(world.ann)


def _as_other_group_participant(world):
    """Bob, in group 2, on a group board whose notes are group 1's (Ann's)."""
    world.subject = participant_actor(world.bob)
    world.author = participant_actor(world.ann)


# actor name -> (casting, allowed(rule, action) -> expected refusal code or None)
ACTORS = {
    "facilitator": _as_facilitator,
    "participant": _as_participant,
    "participant_of_another_workshop": _as_other_workshop_participant,
    "participant_of_another_group": _as_other_group_participant,
    "removed_participant": _as_removed_participant,
    "signed_out_facilitator": _as_signed_out_facilitator,
    "facilitator_of_another_team": _as_other_team_facilitator,
    "reviewer": _as_reviewer,
    "commenter": _as_commenter,
}


def _names_a_note(action):
    """Whether the payload names a note or a theme (of Ann's group, here)."""
    form = changes.ACTIONS[action].form
    return any(getattr(form, field, None) is not None for field in ("note", "theme"))


def expected_refusal(actor_name, action):
    """The refusal code the table says `actor_name` gets, or None if allowed."""
    who = PERMISSIONS[action].who
    if actor_name == "facilitator":
        return None if FACILITATOR in who else "not_allowed"
    if actor_name == "participant":
        return None if PARTICIPANT in who else "not_allowed"
    if actor_name == "reviewer":
        return None if REVIEWER in who else "not_allowed"
    if actor_name == "commenter":
        return None if COMMENTER in who else "not_allowed"
    if actor_name == "participant_of_another_group":
        if PARTICIPANT not in who:
            return "not_allowed"
        # Another group's notes do not exist for them.
        if _names_a_note(action):
            return "not_found"
        # Nor may they write on a scenario topic given to another group.
        return "not_allowed" if action == "scenario.add_note" else None
    return "not_allowed"  # removed, signed out, another team or workshop


def _phase_for(action):
    """A phase in which the table allows `action` (writing if any will do)."""
    phases = PERMISSIONS[action].phases
    if phases is None or "writing" in phases:
        return "writing"
    return sorted(phases)[0]


def build_world(workshop, actor_name, in_groups=False):
    fac = facilitator_actor(workshop)
    ann, bob, cy = (
        builders.make_participant(workshop, display_name=name)
        for name in ("Ann", "Bob", "Cy")
    )
    groups = (make_group(fac, "Table 1"), make_group(fac, "Table 2"))
    put_in_group(fac, ann, groups[0])
    put_in_group(fac, bob, groups[1])
    board = make_board(fac, in_groups=in_groups)
    activities = Activities(fac, board=board)
    world = World(workshop, fac, ann, bob, cy, board, activities, groups)
    spoil = ACTORS[actor_name](world)
    return world, spoil


def attempt(world, action, payload):
    """Apply `action` as the subject: (ack or None, refusal code or None)."""
    try:
        return changes.apply(world.subject, action, payload, new_op_id()), None
    except changes.Refused as refusal:
        return None, refusal.code


def test_every_action_has_a_payload_builder(app):
    """Every action in the table and every registered action has a row here,
    so the matrix below covers it."""
    assert set(PAYLOADS) == set(PERMISSIONS)
    assert set(PAYLOADS) == set(changes.ACTIONS)


def test_every_registered_action_has_a_permission_row(app):
    """An action registered without a permission row could never be applied."""
    assert set(changes.ACTIONS) == set(PERMISSIONS)


@pytest.mark.parametrize("actor_name", ACTORS)
@pytest.mark.parametrize("action", sorted(PERMISSIONS))
def test_actor_may_act_exactly_as_the_table_says(workshop, action, actor_name):
    """Each actor is allowed or refused each action exactly as PERMISSIONS'
    `who` says; a refusal writes no event."""
    in_groups = actor_name == "participant_of_another_group"
    world, spoil = build_world(workshop, actor_name, in_groups=in_groups)
    payload = PAYLOADS[action](world)
    set_phase(world.fac, _target(world, action), _phase_for(action))
    if spoil:
        spoil()
    events = event_count()

    ack, code = attempt(world, action, payload)

    expected = expected_refusal(actor_name, action)
    assert code == expected, (ack, code)
    assert event_count() == events + (1 if expected is None else 0)
    if expected is None:
        assert ack["ok"] is True
        logged = db.session.scalar(sa.select(Event).filter_by(op_id=ack["op_id"]))
        assert logged.action == action


def _checked_actors(rule):
    """Whom to check an action's phases for: its first kind of actor, and any
    actor the table gives phases of its own."""
    first = PARTICIPANT if PARTICIPANT in rule.who else FACILITATOR
    return sorted({first, *(kind for kind, _phases in rule.also)})


KIND_ACTION_PHASES = [
    (action, phase, who)
    for kind in KINDS.values()
    for action in sorted(PERMISSIONS)
    if action.startswith(f"{kind.key}.")
    for phase in kind.phases
    for who in _checked_actors(PERMISSIONS[action])
]


@pytest.mark.parametrize(("action", "phase", "who"), KIND_ACTION_PHASES)
def test_kind_action_only_in_its_phases(workshop, action, phase, who):
    """A kind's action is refused with wrong_phase outside the phases the
    table gives that actor, and allowed inside them (no phases: any phase)."""
    rule = PERMISSIONS[action]
    world, _ = build_world(workshop, who)
    payload = PAYLOADS[action](world)
    set_phase(world.fac, _target(world, action), phase)
    events = event_count()

    ack, code = attempt(world, action, payload)

    allowed = rule.allows_phase(who, phase)
    assert code == (None if allowed else "wrong_phase"), (ack, code)
    assert event_count() == events + (1 if allowed else 0)
    assert activity_row(_target(world, action)).phase == phase


def test_a_facilitator_tidies_the_pathway_in_review_but_participants_cannot():
    rule = PERMISSIONS["pathway.add_card"]
    assert rule.allows_phase(FACILITATOR, "review")
    assert not rule.allows_phase(PARTICIPANT, "review")
    assert not rule.allows_phase(FACILITATOR, "closed")


def test_every_kind_action_is_checked_in_every_phase():
    """Each kind's actions appear above, so a new kind is covered at once."""
    prefixes = {action.split(".")[0] for action in PERMISSIONS}
    assert set(KINDS) <= prefixes
    assert {action for action, _phase, _who in KIND_ACTION_PHASES} == {
        action for action in PERMISSIONS if action.split(".")[0] in KINDS
    }


def test_wrong_phase_refusal_names_the_phase(workshop):
    """A wrong_phase refusal tells the client which phase the activity is in."""
    world, _ = build_world(workshop, "participant")
    payload = PAYLOADS["board.add_note"](world)
    set_phase(world.fac, world.board, "closed")

    with pytest.raises(changes.Refused) as refusal:
        changes.apply(world.subject, "board.add_note", payload, new_op_id())

    assert refusal.value.ack()["phase"] == "closed"
