"""The activity timer (issue 7, "Timer"): facilitators start, pause, extend
and stop it; every screen counts down the same time.

The state lives in the activity's row, so a restart loses nothing: the
whole length (`timer_duration`, extensions included), when the current run
started (`timer_started_at`, None while paused) and the seconds left at that
moment or while paused (`timer_remaining`). Time left is worked out from
these and the clock; reaching zero writes nothing and changes nothing.

Every timer event and snapshot carries the server's time (`now`), so each
client keeps an offset and counts down locally, whatever its own clock says.
The timer is the same on every shared stream; the facilitators' stream also
names who changed it last (facilitator controls are last-writer-wins with
the actor shown).
"""

from datetime import UTC, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, IntegerField
from wtforms.validators import InputRequired, NumberRange, Optional

from app import audiences
from app.actors import FACILITATOR
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.models import Activity, Event, User
from app.models.types import utcnow
from app.workshop_actions import id_field

SHORTEST = 10  # seconds
LONGEST = 4 * 60 * 60
ACTIONS = ("timer.start", "timer.pause", "timer.extend", "timer.stop")
BAD_LENGTH = _l("A timer runs from 10 seconds to 4 hours.")


def _seconds(required):
    first = InputRequired(message=BAD_LENGTH) if required else Optional()
    return IntegerField(
        validators=[first, NumberRange(min=SHORTEST, max=LONGEST, message=BAD_LENGTH)]
    )


class TimerRef(Form):
    activity = id_field()


class StartForm(TimerRef):
    seconds = _seconds(required=False)  # empty: resume a paused timer


class ExtendForm(TimerRef):
    seconds = _seconds(required=True)


def iso(moment):
    """A time as ISO 8601 in UTC, to the millisecond (what browsers parse)."""
    text = moment.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def seconds_left(activity, now):
    """Seconds left at `now`: below zero once a running timer is past its end."""
    if activity.timer_started_at is None:
        return activity.timer_remaining
    elapsed = (now - activity.timer_started_at).total_seconds()
    return activity.timer_remaining - elapsed


def timer_view(activity):
    """The activity's timer as every shared stream sees it (`duration` None:
    no timer). A client counts down to `ends_at` while it runs; paused, it
    shows `remaining`."""
    started = activity.timer_started_at
    running = started is not None
    ends = started + timedelta(seconds=activity.timer_remaining) if running else None
    return {
        "activity": activity.public_id,
        "duration": activity.timer_duration,
        "remaining": activity.timer_remaining,
        "running": running,
        "started_at": iso(started) if running else None,
        "ends_at": iso(ends) if running else None,
    }


def _changed_by(workshop, activity_id=None):
    """Who last changed each activity's timer: {activity id: their name}."""
    query = (
        sa.select(Event.refs, User.name)
        .join(User, User.id == Event.actor_id)
        .filter(
            Event.workshop_id == workshop.id,
            Event.action.in_(ACTIONS),
            Event.actor_kind == FACILITATOR,  # actor_id is a user's id
        )
        .order_by(Event.seq)
    )
    if activity_id is not None:
        query = query.filter(Event.refs["activity"].as_integer() == activity_id)
    return {refs["activity"]: name for refs, name in db.session.execute(query)}


def _seen_by(stream_key, activity, names):
    view = timer_view(activity)
    if stream_key == audiences.FACILITATORS:
        view["by"] = names.get(activity.id)
    return view


def timer_state(workshop, stream_key, activities):
    """What a stream's snapshot says of timers: the server's time, and each
    activity's timer on a shared stream. A private stream gets no timer
    events, so a timer in its snapshot could later outrank a newer one."""
    state = {"now": iso(utcnow())}
    if not stream_key.startswith("private:"):
        names = _changed_by(workshop) if stream_key == audiences.FACILITATORS else {}
        state["timers"] = [_seen_by(stream_key, a, names) for a in activities]
    return state


def project_timer(workshop, refs, stream_key):
    """A timer event: the timer as it is now, and the server's time."""
    view = {"now": iso(utcnow())}
    activity = db.session.get(Activity, refs["activity"])
    if activity is not None:
        names = {}
        if stream_key == audiences.FACILITATORS:
            names = _changed_by(workshop, activity.id)
        view["timer"] = _seen_by(stream_key, activity, names)
    return view


def _outcome(ctx, activity):
    return Outcome(
        refs={"activity": activity.id},
        audiences={key: False for key in audiences.shared(ctx.workshop)},
        result={"timer": timer_view(activity)},
        kept=(activity,),
    )


def _no_timer(activity, message):
    if activity.timer_duration is None:
        raise Refused("timer_state", message)


@action("timer.start", StartForm, project_timer)
def start_timer(ctx, data):
    """Start an activity's timer from its full length (given in seconds), or
    resume it when paused (no length given); facilitators only."""
    activity = ctx.activity
    if data["seconds"] is not None:
        activity.timer_duration = data["seconds"]
        activity.timer_remaining = float(data["seconds"])
    else:
        _no_timer(activity, _("Say how long the timer should run."))
        if activity.timer_started_at is not None:
            raise Refused("timer_state", _("The timer is already running."))
        if activity.timer_remaining <= 0:
            raise Refused("timer_state", _("Time is up: add time or start again."))
    activity.timer_started_at = utcnow()
    return _outcome(ctx, activity)


@action("timer.pause", TimerRef, project_timer)
def pause_timer(ctx, data):
    """Pause a running timer, keeping the time left; facilitators only."""
    activity = ctx.activity
    if activity.timer_started_at is None:
        raise Refused("timer_state", _("The timer is not running."))
    left = seconds_left(activity, utcnow())
    if left <= 0:
        raise Refused("timer_state", _("Time is already up: add time or stop it."))
    activity.timer_remaining = left
    activity.timer_started_at = None
    return _outcome(ctx, activity)


@action("timer.extend", ExtendForm, project_timer)
def extend_timer(ctx, data):
    """Add time to a timer, running or paused (past its end: from now);
    facilitators only."""
    activity, now = ctx.activity, utcnow()
    _no_timer(activity, _("There is no timer to add time to: start one first."))
    left = max(seconds_left(activity, now), 0.0) + data["seconds"]
    if left > LONGEST:
        raise Refused("invalid", _("A timer runs for at most 4 hours."))
    activity.timer_remaining = left
    activity.timer_duration += data["seconds"]
    if activity.timer_started_at is not None:
        activity.timer_started_at = now
    return _outcome(ctx, activity)


@action("timer.stop", TimerRef, project_timer)
def stop_timer(ctx, data):
    """Stop and clear an activity's timer; facilitators only."""
    activity = ctx.activity
    _no_timer(activity, _("There is no timer to stop."))
    activity.timer_duration = None
    activity.timer_started_at = None
    activity.timer_remaining = None
    return _outcome(ctx, activity)
