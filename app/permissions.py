"""The one permission table: who may take each action, and in which phases.

`apply()` reads it for every change; tests are generated from it and fail
for an action that has no row. Phases are the activity's own (each kind
declares them); None means the action is not tied to an activity's phase.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.actors import COMMENTER, FACILITATOR, PARTICIPANT, REVIEWER


@dataclass(frozen=True)
class Rule:
    """`who` may act in `phases` (None: any phase); `also` gives an actor
    kind more phases of its own (a facilitator tidying up in review);
    `out_of_phase` says why it is refused outside them (None: in general)."""

    who: frozenset
    phases: frozenset | None = None
    also: tuple = ()  # (actor kind, frozenset of phases) pairs
    out_of_phase: object = None

    def allows_phase(self, actor_kind, phase):
        if self.phases is None or phase in self.phases:
            return True
        return any(kind == actor_kind and phase in more for kind, more in self.also)


def _rule(*who, phases=None, also=None, out_of_phase=None):
    extra = tuple((kind, frozenset(more)) for kind, more in (also or {}).items())
    phases = frozenset(phases) if phases else None
    return Rule(frozenset(who), phases, extra, out_of_phase)


PATHWAY = {"phases": ("map",), "also": {FACILITATOR: ("review",)}}
BOARD_WRITING = ("writing",)
BOARD_OPEN = ("writing", "discussion")
# Grouping notes under themes: participants only where the board's settings
# allow it (the handler checks); facilitators also tidy up in discussion.
BOARD_GROUPING = {
    "phases": ("grouping",),
    "also": {FACILITATOR: ("discussion",)},
    "out_of_phase": _l("Themes can only be changed while the notes are grouped."),
}
BOARD_VOTING = {
    "phases": ("voting",),
    "out_of_phase": _l("Voting is not open on this board."),
}
WRITING_CLOSED = _l("Notes can only be written in the writing phase.")

PERMISSIONS = {
    # Workshop-wide, facilitators only.
    "workshop.edit": _rule(FACILITATOR),
    "workshop.remove_participant": _rule(FACILITATOR),
    "workshop.create_group": _rule(FACILITATOR),
    "workshop.assign_group": _rule(FACILITATOR),
    "workshop.add_without_device": _rule(FACILITATOR),
    # The agenda, facilitators only.
    "workshop.add_activity": _rule(FACILITATOR),
    "workshop.edit_activity": _rule(FACILITATOR),
    "workshop.move_activity": _rule(FACILITATOR),
    "workshop.remove_activity": _rule(FACILITATOR),
    "workshop.start_activity": _rule(FACILITATOR),
    "activity.set_phase": _rule(FACILITATOR),
    # The timer (app/timer.py): facilitators only, in any phase.
    "timer.start": _rule(FACILITATOR),
    "timer.pause": _rule(FACILITATOR),
    "timer.extend": _rule(FACILITATOR),
    "timer.stop": _rule(FACILITATOR),
    # Revealing an anonymous author: the handler also checks the person is
    # the team's safeguarding lead.
    "author.reveal": _rule(FACILITATOR),
    # The report: the facilitator's own words and its share links.
    "report.edit_text": _rule(FACILITATOR),
    "report.share": _rule(FACILITATOR),
    "report.withdraw_share": _rule(FACILITATOR),
    # Before publishing: leave a contribution out of every output, or not.
    "report.redact": _rule(FACILITATOR),
    "report.unredact": _rule(FACILITATOR),
    # Someone with no account, through a share link open for comments (the
    # actor's loading checks the link is live and still open).
    "link.comment": _rule(COMMENTER),
    # Team review: any member of the team comments on a saved workshop;
    # a reviewer may do nothing else (app/review/actions.py).
    "review.comment": _rule(REVIEWER, FACILITATOR),
    # A series' actions ("you said, we did") and its public summary, through
    # a workshop of the series (app/follow_ups/actions.py).
    "follow_up.create": _rule(FACILITATOR),
    "follow_up.edit": _rule(FACILITATOR),
    "follow_up.update": _rule(FACILITATOR),
    "follow_up.publish_summary": _rule(FACILITATOR),
    "follow_up.withdraw_summary": _rule(FACILITATOR),
    # Hands: anyone present may ask to speak; facilitators lower any hand.
    "hand.raise": _rule(PARTICIPANT),
    "hand.lower": _rule(PARTICIPANT, FACILITATOR),
    # "I need a break": asked privately; withdrawn by the person, or marked
    # seen by a facilitator.
    "break.request": _rule(PARTICIPANT),
    "break.clear": _rule(PARTICIPANT, FACILITATOR),
    # Facilitators before the whole room: groups balanced by role, a
    # message to everyone, the spotlight.
    "workshop.balance_groups": _rule(FACILITATOR),
    "workshop.announce": _rule(FACILITATOR),
    "workshop.clear_announcement": _rule(FACILITATOR),
    "workshop.spotlight": _rule(FACILITATOR),
    "workshop.clear_spotlight": _rule(FACILITATOR),
    # The pathway: the whole room maps it together; in review only the
    # facilitator tidies it before it is sent out.
    "pathway.name_service": _rule(PARTICIPANT, FACILITATOR, **PATHWAY),
    "pathway.add_card": _rule(PARTICIPANT, FACILITATOR, **PATHWAY),
    "pathway.edit_card": _rule(PARTICIPANT, FACILITATOR, **PATHWAY),
    "pathway.move_card": _rule(PARTICIPANT, FACILITATOR, **PATHWAY),
    "pathway.delete_card": _rule(PARTICIPANT, FACILITATOR, **PATHWAY),
    # The board.
    "board.add_note": _rule(
        PARTICIPANT, FACILITATOR, phases=BOARD_WRITING, out_of_phase=WRITING_CLOSED
    ),
    "board.edit_note": _rule(
        PARTICIPANT, FACILITATOR, phases=BOARD_WRITING, out_of_phase=WRITING_CLOSED
    ),
    "board.move_note": _rule(PARTICIPANT, FACILITATOR, phases=BOARD_OPEN),
    "board.delete_note": _rule(PARTICIPANT, FACILITATOR, phases=BOARD_OPEN),
    "board.vote": _rule(PARTICIPANT, **BOARD_VOTING),
    "board.unvote": _rule(PARTICIPANT, **BOARD_VOTING),
    "board.set_options": _rule(FACILITATOR),
    "board.create_theme": _rule(PARTICIPANT, FACILITATOR, **BOARD_GROUPING),
    "board.rename_theme": _rule(PARTICIPANT, FACILITATOR, **BOARD_GROUPING),
    "board.merge_themes": _rule(PARTICIPANT, FACILITATOR, **BOARD_GROUPING),
    "board.split_theme": _rule(PARTICIPANT, FACILITATOR, **BOARD_GROUPING),
    "board.set_theme": _rule(PARTICIPANT, FACILITATOR, **BOARD_GROUPING),
    "board.hide_note": _rule(FACILITATOR),
    "board.unhide_note": _rule(FACILITATOR),
    # The scenario: groups discuss their allocated topics, then feed back.
    "scenario.allocate": _rule(
        FACILITATOR, phases=("not_started", "discuss", "feedback")
    ),
    "scenario.set_columns": _rule(FACILITATOR, phases=("not_started", "discuss")),
    "scenario.add_note": _rule(PARTICIPANT, FACILITATOR, phases=("discuss",)),
    "scenario.edit_note": _rule(PARTICIPANT, FACILITATOR, phases=("discuss",)),
    "scenario.move_note": _rule(PARTICIPANT, FACILITATOR, phases=("discuss",)),
    "scenario.delete_note": _rule(
        PARTICIPANT, FACILITATOR, phases=("discuss", "feedback")
    ),
    "scenario.show_topic": _rule(FACILITATOR, phases=("feedback",)),
    # The checklist: score privately, then the room agrees after the reveal.
    "checklist.score": _rule(
        PARTICIPANT, phases=("scoring",), out_of_phase=_l("Scoring is closed.")
    ),
    "checklist.agree": _rule(
        FACILITATOR,
        phases=("agree",),
        out_of_phase=_l("Scores are agreed only in the agree phase."),
    ),
    # The spectrum: each participant marks privately until the reveal.
    "spectrum.mark": _rule(
        PARTICIPANT, phases=("mark",), out_of_phase=_l("Marking is closed.")
    ),
    # Reviewing last time's actions: the facilitator brings one before the
    # room during the review (the actions change through follow_up.*).
    "actions.show": _rule(
        FACILITATOR,
        phases=("review",),
        out_of_phase=_l("Actions are brought before the room during the review."),
    ),
}


def rule_for(action):
    """The rule for an action, or None for an unknown action."""
    return PERMISSIONS.get(action)
