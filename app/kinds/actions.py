"""Reviewing last time's actions ("you said, we did"): the next workshop of
a series opens with the actions it carries, what was raised, who owns it
and what has happened, and the facilitator goes through them with the room.

The actions belong to the series, not to this activity: they are changed
only by the follow_up.* actions (app/follow_ups/actions.py), which the
facilitator's console sends during the review. This kind shows them live
on every screen of the room (actions_view.py) and lets the facilitator
bring one before the room (`actions.show`), whose event carries the review
afresh to every screen; the console sends it once an update is saved, so
the room sees the change whichever streams the update's own event reached.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified
from wtforms import Form, StringField
from wtforms.validators import DataRequired, Length

from app.changes import Outcome, Refused, action
from app.extensions import db
from app.forms import strip
from app.kinds import actions_report
from app.kinds.actions_view import (
    WHOLE_ROOM,
    previous_workshop_date,
    reviewed,
    snapshot,
)
from app.kinds.base import ActivityKind
from app.models import Activity, Workshop

# The built-in method of this kind (app/methods/content/series-actions.yaml):
# "create the next workshop from this one" puts it first in the agenda.
METHOD_ID = "series-actions"
PHASES = ("not_started", "review", "closed")


def new_content(method):
    # "showing": the action brought before the room, by public id.
    return {"method": method, "showing": None}


def summary(activity):
    """How many actions the review holds: open, and done or dropped."""
    workshop = db.session.get(Workshop, activity.workshop_id)
    if workshop.series is None:
        return _("Not part of a series: no actions to review.")
    open_now, closed = reviewed(workshop, previous_workshop_date(workshop))
    return _(
        "Actions to review: %(open)d open or in progress; %(closed)d done or "
        "dropped since the last workshop.",
        open=len(open_now),
        closed=len(closed),
    )


def _shown_afresh(activity, old, new):
    # The list is read live from the series, which changes outside this
    # workshop too: each change of phase brings every screen a fresh copy.
    return True


KIND = ActivityKind(
    key="actions",
    phases=PHASES,
    snapshot=snapshot,
    new_content=new_content,
    summary=summary,
    report=actions_report.report,
    records=actions_report.records,
    phase_changes_visibility=_shown_afresh,
)


class ShowForm(Form):
    activity = StringField(
        filters=[strip],
        validators=[DataRequired(message=_l("Say which one.")), Length(max=24)],
    )
    # Empty: nothing is brought before the room.
    follow_up = StringField(filters=[strip], validators=[Length(max=24)])


def project(workshop, refs, stream_key):
    activity = db.session.get(Activity, refs["activity"])
    return {"activity": activity.public_id, "state": snapshot(activity, stream_key)}


@action("actions.show", ShowForm, project, kind="actions")
def show(ctx, data):
    """Bring one of the actions under review before the room (or none),
    with the review as it now stands, on every screen (facilitators, in
    the review)."""
    activity = ctx.activity
    chosen = data["follow_up"] or None
    if chosen is not None and chosen not in _under_review(ctx.workshop):
        raise Refused("not_found", _("That action is not one under review here."))
    activity.content["showing"] = chosen
    flag_modified(activity, "content")
    return Outcome(
        refs={"activity": activity.id},
        audiences=dict.fromkeys(sorted(WHOLE_ROOM), False),
        result={"showing": chosen},
    )


def _under_review(workshop):
    """The public ids of the actions this workshop's review lists."""
    if workshop.series is None:
        return set()
    open_now, closed = reviewed(workshop, previous_workshop_date(workshop))
    return {row.public_id for row in open_now + closed}
