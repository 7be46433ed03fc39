"""A board's settings on the write path (`board.set_options`, facilitators):
whether participants may group notes under themes, and the dot vote's
budget, most dots per note and hidden counts (read in board_settings.py).

Every shared stream gets the board's snapshot with the change: the screens
show the settings, and hiding or showing the counts changes what they see.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.kinds.board_grouping_forms import OptionsForm
from app.kinds.board_settings import DEFAULTS, counts_withheld
from app.models import Note, Vote


def project(workshop, refs, stream_key):
    """The activity and its whole board, as `stream_key` sees it."""
    from app.agenda import project_activity  # app.agenda imports every kind

    return project_activity(workshop, {**refs, "visibility": True}, stream_key)


@action("board.set_options", OptionsForm, project, kind="board")
def set_options(ctx, data):
    """Set who may group the notes and how the dot vote runs (facilitators)."""
    activity = ctx.activity
    chosen = {key: data[key] for key in DEFAULTS}
    chosen["participants_group"] = bool(chosen["participants_group"])
    chosen["hide_votes"] = bool(chosen["hide_votes"])
    _check_dots(activity, chosen)
    withheld = counts_withheld(activity, activity.phase)
    activity.content["options"] = chosen  # a new dict: the change is tracked
    changed = withheld != counts_withheld(activity, activity.phase)
    return Outcome(
        refs={"activity": activity.id},
        audiences={key: changed for key in audiences.shared(ctx.workshop)},
        result={"options": chosen},
        kept=(activity,),
    )


def _check_dots(activity, chosen):
    """A budget and a most-per-note that every dot already placed fits in."""
    if chosen["per_note"] > chosen["budget"]:
        message = _("A note cannot take more dots than each person has.")
        raise Refused("invalid", message, fields={"per_note": [message]})
    most_used, most_on_a_note = _dots_placed(activity)
    if most_used > chosen["budget"]:
        message = ngettext(
            "Someone has already placed %(num)d dot: the budget cannot be lower.",
            "Someone has already placed %(num)d dots: the budget cannot be lower.",
            most_used,
        )
        raise Refused("invalid", message, fields={"budget": [message]})
    if most_on_a_note > chosen["per_note"]:
        message = _(
            "Someone has already put %(count)d dots on one note: "
            "allow at least that many.",
            count=most_on_a_note,
        )
        raise Refused("invalid", message, fields={"per_note": [message]})


def _dots_placed(activity):
    """The most dots one person has placed on the board, and on one note."""
    per_person = (
        sa.select(sa.func.sum(Vote.count).label("used"))
        .join(Note, Note.id == Vote.note_id)
        .filter(Note.activity_id == activity.id)
        .group_by(Vote.participant_id)
        .subquery()
    )
    most_used = db.session.scalar(sa.select(sa.func.max(per_person.c.used)))
    most_on_a_note = db.session.scalar(
        sa.select(sa.func.max(Vote.count))
        .join(Note, Note.id == Vote.note_id)
        .filter(Note.activity_id == activity.id)
    )
    return most_used or 0, most_on_a_note or 0
