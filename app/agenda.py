"""The workshop's agenda on the write path: activities made from methods,
renamed, reordered, removed and started, and each activity's phase
(facilitators only). Participants' screens follow every change live."""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from fractional_indexing import generate_key_between
from wtforms import BooleanField, Form, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app import audiences, privacy
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.forms import choices, strip
from app.kinds import KINDS, kind_of
from app.kinds.content import method_of
from app.methods.lookup import frozen_method
from app.methods.texts import display
from app.models import Activity, Group, Workshop, agenda_of
from app.vocabulary import ENGAGEMENT_LEVELS

TITLE_MAX = 200


def _id(required=True):
    first = DataRequired(message=_l("Say which one.")) if required else Optional()
    return StringField(filters=[strip], validators=[first, Length(max=24)])


class _Settings(Form):
    """What a facilitator sets on an activity when adding or editing it."""

    title = StringField(
        filters=[strip],
        validators=[
            Optional(),
            Length(max=TITLE_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    # Checked against ENGAGEMENT_LEVELS by the handler: empty keeps the method's.
    engagement = StringField(filters=[strip], validators=[Length(max=20)])
    minutes = IntegerField(
        validators=[
            Optional(),
            NumberRange(min=1, max=480, message=_l("A time box is 1 to 480 minutes.")),
        ]
    )
    in_groups = BooleanField()
    anonymous = BooleanField()
    facilitators_see_private = BooleanField()


class ActivityForm(_Settings):
    method = StringField(
        filters=[strip],
        validators=[DataRequired(message=_l("Choose a method.")), Length(max=64)],
    )


class EditActivityForm(_Settings):
    activity = _id()


class ActivityRef(Form):
    activity = _id()


class MoveActivityForm(ActivityRef):
    direction = SelectField(
        choices=choices({"up": "up", "down": "down"}),
        validators=[DataRequired(message=_l("Say which way."))],
    )


class StartForm(Form):
    # Not "activity": apply() would look that up as the activity acted on.
    current = _id(required=False)  # empty: no activity is current
    group = _id(required=False)  # a group's own pace; empty: the whole room


class PhaseForm(Form):
    activity = _id()
    phase = StringField(validators=[DataRequired(), Length(max=40)])


def activity_view(activity):
    method = method_of(activity)
    return {
        "id": activity.public_id,
        "kind": activity.kind,
        "title": activity.title,
        "phase": activity.phase,
        "in_groups": activity.in_groups,
        "order": activity.position,
        "engagement": activity.engagement,
        "minutes": activity.minutes,
        **privacy.settings_view(activity),
        "method": {key: method.get(key) for key in ("method", "version", "source")},
    }


def snapshot_of(activity, stream_key):
    """All of an activity a stream may see: its method and its kind's state."""
    kind = kind_of(activity)
    state = kind.snapshot(activity, stream_key) if kind else {}
    return {"method": method_of(activity), **state}


def project_activity(workshop, refs, stream_key):
    if refs.get("removed"):
        return {"activity_removed": refs["removed"]}
    activity = db.session.get(Activity, refs["activity"])
    view = {"activity": activity_view(activity)}
    if refs.get("revealed") or refs.get("visibility"):
        view["snapshot"] = snapshot_of(activity, stream_key)
    return view


def _check_engagement(level):
    if level and level not in ENGAGEMENT_LEVELS:
        raise Refused("invalid", _("Choose a level of engagement from the list."))


def _shared(workshop, changes_visibility=False):
    return {key: changes_visibility for key in audiences.shared(workshop)}


def _activity_outcome(ctx, activity, **extra):
    return Outcome(
        refs={"activity": activity.id},
        audiences=_shared(ctx.workshop),
        result={"activity": activity.public_id},
        **extra,
    )


@action("workshop.add_activity", ActivityForm, project_activity)
def add_activity(ctx, data):
    """Add an activity made from a method at the end of the agenda, with a
    frozen copy of the method's content."""
    method = frozen_method(ctx.workshop.team_id, data["method"])
    kind = KINDS.get(method["kind"]) if method else None
    if kind is None:
        raise Refused("not_found", _("That method is not in your library."))
    _check_engagement(data["engagement"])
    last = db.session.scalar(
        sa.select(sa.func.max(Activity.position)).filter_by(workshop_id=ctx.workshop.id)
    )
    activity = Activity(
        workshop_id=ctx.workshop.id,
        kind=kind.key,
        title=data["title"] or display(method["title"]),
        position=generate_key_between(last, None),
        phase=kind.initial_phase,
        content=kind.new_content(method),
        in_groups=bool(data["in_groups"]),
        engagement=data["engagement"] or method["engagement"],
        minutes=data["minutes"] or method["minutes"],
    )
    privacy.apply_settings(
        activity, data["anonymous"], data["facilitators_see_private"]
    )
    db.session.add(activity)
    db.session.flush()
    return _activity_outcome(ctx, activity)


@action("workshop.edit_activity", EditActivityForm, project_activity)
def edit_activity(ctx, data):
    """Rename an activity, or change its level of engagement, time box,
    whether groups work on their own (only before it has started) and its
    privacy settings (app/privacy.py)."""
    activity = ctx.activity
    _check_engagement(data["engagement"])
    if bool(data["in_groups"]) != activity.in_groups:
        if activity.phase != kind_of(activity).initial_phase:
            raise Refused(
                "wrong_phase",
                _("Groups can only be changed before the activity starts."),
            )
        activity.in_groups = bool(data["in_groups"])
    activity.title = data["title"] or activity.title
    activity.engagement = data["engagement"] or activity.engagement
    activity.minutes = data["minutes"] or activity.minutes
    seen_differently = privacy.apply_settings(
        activity, data["anonymous"], data["facilitators_see_private"]
    )
    if not seen_differently:
        return _activity_outcome(ctx, activity)
    # Writers' own streams too: they mark which notes are theirs.
    streams = _shared(ctx.workshop, changes_visibility=True)
    streams.update(dict.fromkeys(privacy.writers_streams(activity), True))
    return Outcome(
        refs={"activity": activity.id, "visibility": True},
        audiences=streams,
        result={"activity": activity.public_id},
    )


@action("workshop.move_activity", MoveActivityForm, project_activity)
def move_activity(ctx, data):
    """Move an activity one place up or down the agenda."""
    activity = ctx.activity
    order = agenda_of(ctx.workshop.id)
    at = order.index(activity)
    others = order[:at] + order[at + 1 :]
    to = at - 1 if data["direction"] == "up" else at + 1
    if not 0 <= to <= len(others):
        raise Refused("invalid", _("That activity cannot move further."))
    before = others[to - 1].position if to > 0 else None
    after = others[to].position if to < len(others) else None
    activity.position = generate_key_between(before, after)
    return _activity_outcome(ctx, activity)


@action("workshop.remove_activity", ActivityRef, project_activity)
def remove_activity(ctx, data):
    """Remove an activity and everything written in it, for good."""
    activity = ctx.activity
    public_id = activity.public_id
    if ctx.workshop.current_activity_id == activity.id:
        ctx.workshop.current_activity_id = None
    db.session.delete(activity)
    db.session.flush()
    return Outcome(
        refs={"removed": public_id},
        audiences=_shared(ctx.workshop, changes_visibility=True),
        result={"activity": public_id},
    )


def current_activity(workshop):
    """The public id of the activity everyone follows, or None."""
    activity = db.session.get(Activity, workshop.current_activity_id or 0)
    return activity.public_id if activity else None


def group_current(group):
    """The public id of the activity a group works on at its own pace, or None."""
    activity = db.session.get(Activity, group.current_activity_id or 0)
    return activity.public_id if activity else None


def project_current(workshop, refs, stream_key):
    if refs.get("group"):
        group = db.session.get(Group, refs["group"])
        return {"group": group.public_id, "group_current": group_current(group)}
    return {"current": current_activity(db.session.get(Workshop, workshop.id))}


@action("workshop.start_activity", StartForm, project_current)
def start_activity(ctx, data):
    """Make an activity the one every screen follows (or none); or, for one
    breakout group, the one that group works on at its own pace (or none:
    it follows the room again)."""
    activity = None
    if data["current"]:
        missing = _("That activity does not exist here.")
        activity = ctx.find(Activity, data["current"], missing)
    if data["group"]:
        group = ctx.group(data["group"])
        group.current_activity_id = activity.id if activity else None
        streams = {audiences.group(group): False, audiences.FACILITATORS: False}
        return Outcome(refs={"group": group.id}, audiences=streams)
    ctx.workshop.current_activity_id = activity.id if activity else None
    return Outcome(refs={}, audiences=_shared(ctx.workshop))


@action("activity.set_phase", PhaseForm, project_activity)
def set_phase(ctx, data):
    """Move an activity to one of its kind's phases; entering a reveal phase
    reveals private writing to everyone who may see it."""
    activity, kind = ctx.activity, kind_of(ctx.activity)
    if kind is None or data["phase"] not in kind.phases:
        raise Refused("invalid", _("That phase does not exist for this activity."))
    old_phase, activity.phase = activity.phase, data["phase"]
    revealing = activity.phase in kind.reveal_phases and not activity.content.get(
        "revealed"
    )
    if revealing:
        activity.content["revealed"] = True
    # The kind may show more (or less) in the new phase: the board's counts.
    shows_otherwise = bool(
        kind.phase_changes_visibility
        and kind.phase_changes_visibility(activity, old_phase, activity.phase)
    )
    changes_visibility = revealing or shows_otherwise
    return Outcome(
        refs={
            "activity": activity.id,
            "revealed": revealing,
            "visibility": shows_otherwise,
        },
        audiences=_shared(ctx.workshop, changes_visibility=changes_visibility),
    )
