"""The spotlight: the facilitator highlights one thing on every screen — a
note, a theme, a scenario topic, a checklist element, a spectrum dimension
or a pathway card (issue 7, "Follow me and spotlight").

What is stored and sent names the target only (its activity, type and id or
stable key), never its text: each screen highlights the element it already
shows and names it with the text it already has, so a spotlight never
reveals what a stream may not see (a private or hidden note spotlit reads
"the facilitator is highlighting an item" everywhere it is not shown).
Spotlighting something in another activity than the one everyone follows
brings the room there too (follow me). Last writer wins; facilitators see
who spotlit it.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField, StringField
from wtforms.validators import DataRequired, Length

from app import audiences
from app.agenda import current_activity
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.forms import choices, strip
from app.kinds.content import checklist_items, method_content
from app.kinds.scenario_view import topic_keys
from app.models import Note, PathwayCard, Theme, Workshop
from app.models.types import utcnow
from app.workshop_actions import id_field


def _row_of(model):
    def exists(activity, key):
        return db.session.scalar(
            sa.select(model.id).filter_by(activity_id=activity.id, public_id=key)
        )

    return exists


def _key_in(keys_of):
    return lambda activity, key: key in keys_of(activity)


def _dimension_keys(activity):
    return [item["key"] for item in method_content(activity).get("dimensions", [])]


# target type -> (the kinds it is found in, whether an activity has it)
TARGETS = {
    "note": (("board", "scenario"), _row_of(Note)),
    "theme": (("board",), _row_of(Theme)),
    "topic": (("scenario",), _key_in(topic_keys)),
    "item": (("checklist",), _key_in(lambda a: [i["key"] for i in checklist_items(a)])),
    "dimension": (("spectrum",), _key_in(_dimension_keys)),
    "card": (("pathway",), _row_of(PathwayCard)),
}


class SpotlightForm(Form):
    activity = id_field()
    target = SelectField(
        choices=choices({key: key for key in TARGETS}),
        validators=[DataRequired(message=_l("Say what to spotlight."))],
    )
    key = StringField(
        filters=[strip],
        validators=[DataRequired(message=_l("Say which one.")), Length(max=64)],
    )


class NoFields(Form):
    """Clearing the spotlight takes nothing but who clears it."""


def spotlight_view(workshop, stream_key):
    """What is spotlit, as a stream sees it (who did it: facilitators only)."""
    spot = workshop.spotlight
    if not spot:
        return None
    if stream_key == audiences.FACILITATORS:
        return dict(spot)
    return {key: value for key, value in spot.items() if key != "by"}


def spotlight_state(workshop, stream_key):
    """What a shared stream's snapshot says of the spotlight."""
    if stream_key.startswith("private:"):
        return {}
    return {"spotlight": spotlight_view(workshop, stream_key)}


def project_spotlight(workshop, refs, stream_key):
    workshop = db.session.get(Workshop, workshop.id)
    return {
        "spotlight": spotlight_view(workshop, stream_key),
        "current": current_activity(workshop),
    }


def _to_everyone(workshop):
    return Outcome(refs={}, audiences=dict.fromkeys(audiences.shared(workshop), False))


@action("workshop.spotlight", SpotlightForm, project_spotlight)
def spotlight(ctx, data):
    """Highlight one thing on every screen, and bring the room to its
    activity if it follows another (facilitators)."""
    activity, target, key = ctx.activity, data["target"], data["key"]
    kinds, exists = TARGETS[target]
    if activity.kind not in kinds or not exists(activity, key):
        raise Refused("not_found", _("That is not in this activity."))
    workshop = ctx.workshop
    workshop.spotlight = {
        "activity": activity.public_id,
        "target": target,
        "key": key,
        "at": utcnow().isoformat(),
        "by": ctx.loaded.user.name,
    }
    if workshop.current_activity_id not in (None, activity.id):
        workshop.current_activity_id = activity.id
    return _to_everyone(workshop)


@action("workshop.clear_spotlight", NoFields, project_spotlight)
def clear_spotlight(ctx, data):
    """Stop highlighting anything (facilitators)."""
    ctx.workshop.spotlight = None
    return _to_everyone(ctx.workshop)
