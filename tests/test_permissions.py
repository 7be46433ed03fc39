"""The permission table, checked cell by cell: every action × every kind of
actor, and every board action × every phase.

The cases are generated from PERMISSIONS, so a new action fails
`test_every_action_has_a_payload_builder` until PAYLOADS has a row for it.
"""

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app import changes
from app.actors import FACILITATOR, PARTICIPANT, Actor
from app.extensions import db
from app.kinds import board as board_kind
from app.models import Event, LoginSession
from app.permissions import PERMISSIONS
from tests import builders
from tests.test_changes import (
    act,
    activity_row,
    add_note,
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


# One valid payload per action, built on the world (notes by `author`).
PAYLOADS = {
    "workshop.edit": lambda world: {
        "title": "Renamed",
        "engagement_level": "participation",
    },
    "workshop.remove_participant": lambda world: {"participant": world.cy.public_id},
    "workshop.add_activity": lambda world: {"kind": "board", "title": "More"},
    "workshop.create_group": lambda world: {"name": "Table 3"},
    "workshop.assign_group": lambda world: {
        "participant": world.cy.public_id,
        "group": world.groups[0],
    },
    "activity.set_phase": lambda world: {
        "activity": world.board,
        "phase": "discussion",
    },
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
}


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
}


def _names_a_note(action):
    return getattr(changes.ACTIONS[action].form, "note", None) is not None


def expected_refusal(actor_name, action):
    """The refusal code the table says `actor_name` gets, or None if allowed."""
    who = PERMISSIONS[action].who
    if actor_name == "facilitator":
        return None if FACILITATOR in who else "not_allowed"
    if actor_name == "participant":
        return None if PARTICIPANT in who else "not_allowed"
    if actor_name == "participant_of_another_group":
        if PARTICIPANT not in who:
            return "not_allowed"
        # Another group's notes do not exist for them.
        return "not_found" if _names_a_note(action) else None
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
    world = World(workshop, fac, ann, bob, cy, board, groups)
    spoil = ACTORS[actor_name](world)
    return world, spoil


def event_count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Event))


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
    if _phase_for(action) != "writing":
        set_phase(world.fac, world.board, _phase_for(action))
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


BOARD_ACTIONS = sorted(name for name in PERMISSIONS if name.startswith("board."))


@pytest.mark.parametrize("phase", board_kind.KIND.phases)
@pytest.mark.parametrize("action", BOARD_ACTIONS)
def test_board_action_only_in_its_phases(workshop, action, phase):
    """A board action is refused with wrong_phase outside the phases the table
    gives it, and allowed inside them (no phases: any phase)."""
    rule = PERMISSIONS[action]
    who = "participant" if PARTICIPANT in rule.who else "facilitator"
    world, _ = build_world(workshop, who)
    payload = PAYLOADS[action](world)
    set_phase(world.fac, world.board, phase)
    events = event_count()

    ack, code = attempt(world, action, payload)

    allowed = rule.phases is None or phase in rule.phases
    assert code == (None if allowed else "wrong_phase"), (ack, code)
    assert event_count() == events + (1 if allowed else 0)
    assert activity_row(world.board).phase == phase


def test_wrong_phase_refusal_names_the_phase(workshop):
    """A wrong_phase refusal tells the client which phase the activity is in."""
    world, _ = build_world(workshop, "participant")
    payload = PAYLOADS["board.add_note"](world)
    set_phase(world.fac, world.board, "closed")

    with pytest.raises(changes.Refused) as refusal:
        changes.apply(world.subject, "board.add_note", payload, new_op_id())

    assert refusal.value.ack()["phase"] == "closed"
