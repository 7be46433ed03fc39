"""A board's own settings, set by its facilitator (`board.set_options`), and
what they mean for who may group notes and who sees the vote counts.

They live in `activity.content["options"]`; a board made before there were
settings (or with some missing) reads the defaults.
"""

from app import audiences

DEFAULTS = {
    "participants_group": False,  # participants may make and change themes
    "budget": 3,  # dots each participant may place on the board
    "per_note": 1,  # most dots one participant may place on one note
    "hide_votes": False,  # counts reach only facilitators until voting closes
}
BUDGET_MAX = 20
# The phases that show the results: hidden counts reach every screen here.
RESULT_PHASES = frozenset({"discussion", "closed"})


def options_of(activity):
    """The board's settings, defaults filled in."""
    return {**DEFAULTS, **(activity.content or {}).get("options", {})}


def participants_group(activity):
    return bool(options_of(activity)["participants_group"])


def votes_hidden(activity, stream_key):
    """Whether `stream_key` is kept from the vote counts now: every stream
    but the facilitators', while the votes are hidden and not yet closed."""
    if stream_key == audiences.FACILITATORS:
        return False
    return counts_withheld(activity, activity.phase)


def counts_withheld(activity, phase):
    """Whether the room is kept from the vote counts in `phase`."""
    return bool(options_of(activity)["hide_votes"]) and phase not in RESULT_PHASES


def phase_changes_visibility(activity, old_phase, new_phase):
    """Hidden counts appear (or go again) when the phase crosses into (or out
    of) the results: a change of visibility, answered with snapshots."""
    return counts_withheld(activity, old_phase) != counts_withheld(activity, new_phase)
