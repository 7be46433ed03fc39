"""The one permission table: who may take each action, and in which phases.

`apply()` reads it for every change; tests are generated from it and fail
for an action that has no row. Phases are the activity's own (each kind
declares them); None means the action is not tied to an activity's phase.
"""

from dataclasses import dataclass

from app.actors import FACILITATOR, PARTICIPANT


@dataclass(frozen=True)
class Rule:
    who: frozenset
    phases: frozenset | None = None


def _rule(*who, phases=None):
    return Rule(frozenset(who), frozenset(phases) if phases else None)


BOARD_WRITING = ("writing",)
BOARD_OPEN = ("writing", "discussion")

PERMISSIONS = {
    # Workshop-wide, facilitators only.
    "workshop.edit": _rule(FACILITATOR),
    "workshop.remove_participant": _rule(FACILITATOR),
    "workshop.add_activity": _rule(FACILITATOR),
    "workshop.create_group": _rule(FACILITATOR),
    "workshop.assign_group": _rule(FACILITATOR),
    "activity.set_phase": _rule(FACILITATOR),
    # The board.
    "board.add_note": _rule(PARTICIPANT, FACILITATOR, phases=BOARD_WRITING),
    "board.edit_note": _rule(PARTICIPANT, FACILITATOR, phases=BOARD_WRITING),
    "board.move_note": _rule(PARTICIPANT, FACILITATOR, phases=BOARD_OPEN),
    "board.delete_note": _rule(PARTICIPANT, FACILITATOR, phases=BOARD_OPEN),
    "board.vote": _rule(PARTICIPANT, phases=("voting",)),
    "board.hide_note": _rule(FACILITATOR),
    "board.unhide_note": _rule(FACILITATOR),
}


def rule_for(action):
    """The rule for an action, or None for an unknown action."""
    return PERMISSIONS.get(action)
