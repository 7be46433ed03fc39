"""Catching a stream up: the events a client missed, or a snapshot.

What is sent is built from current state through the same projections as the
live broadcast, so deleted, hidden or still-private content is never
replayed. A missed range that changed what the stream may see is answered
with a snapshot instead, read in one consistent transaction.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from app import actors, audiences
from app.actors import FACILITATOR
from app.agenda import activity_view, current_activity, group_current, snapshot_of
from app.announcements import announcement_state
from app.changes import ACTIONS, Refused, event_message, is_control
from app.extensions import db
from app.hands import signals_state
from app.models import Activity, Event, Group, Stream, StreamEntry, User
from app.spotlight import spotlight_state
from app.timer import timer_state
from app.transactions import reading
from app.workshop_actions import workshop_view

# Past this many missed events a snapshot is smaller and simpler.
MAX_REPLAY = 200


def resync(actor, stream_key, after):
    """What `actor` missed on `stream_key` after number `after` (None: all)."""
    with reading():
        loaded = _loaded(actor)
        if stream_key not in audiences.streams_for(loaded):
            raise Refused("not_allowed", _("That stream is not yours to read."))
        workshop = loaded.workshop
        stream = db.session.scalar(
            sa.select(Stream).filter_by(workshop_id=workshop.id, key=stream_key)
        )
        counter = stream.counter if stream else 0
        if after is None or not stream or not 0 <= after <= counter:
            return {"ok": True, "snapshot": snapshot(workshop, stream_key, counter)}
        entries = db.session.execute(
            sa.select(StreamEntry, Event)
            .join(Event, Event.id == StreamEntry.event_id)
            .filter(StreamEntry.stream_id == stream.id, StreamEntry.number > after)
            .order_by(StreamEntry.number)
        ).all()
        if len(entries) > MAX_REPLAY or any(e.changes_visibility for e, _ in entries):
            return {"ok": True, "snapshot": snapshot(workshop, stream_key, counter)}
        return {
            "ok": True,
            "events": [_replay(workshop, stream_key, *row) for row in entries],
        }


def _loaded(actor):
    try:
        return actors.load(actor)
    except actors.NotAllowed as refusal:
        raise Refused("not_allowed", str(refusal)) from None


def _replay(workshop, stream_key, entry, event):
    spec = ACTIONS[event.action]
    message = event_message(
        workshop, spec, stream_key, entry.number, event.seq, event.op_id, event.refs
    )
    # As live: facilitators see which of them made it.
    signed = event.actor_kind == FACILITATOR and is_control(event.action)
    if stream_key == audiences.FACILITATORS and signed:
        user = db.session.get(User, event.actor_id)
        message["by"] = user.name if user else None
    return message


def snapshot(workshop, stream_key, counter):
    """Everything `stream_key` may see now, and the stream's number it is at."""
    activities = db.session.scalars(
        sa.select(Activity)
        .filter_by(workshop_id=workshop.id)
        .order_by(Activity.position)
    ).all()
    return {
        "stream": stream_key,
        "n": counter,
        "workshop": workshop_view(workshop),
        "current": current_activity(workshop),
        **_group_pace(workshop, stream_key),
        **signals_state(workshop, stream_key, audiences.private_owner(stream_key)),
        **announcement_state(workshop, stream_key),
        **spotlight_state(workshop, stream_key),
        **timer_state(workshop, stream_key, activities),
        "activities": [
            _activity_state(activity, stream_key) for activity in activities
        ],
    }


def _activity_state(activity, stream_key):
    return {**activity_view(activity), "state": snapshot_of(activity, stream_key)}


def _group_pace(workshop, stream_key):
    """A group's stream also says which activity the group is on, if any."""
    if not stream_key.startswith("group:"):
        return {}
    group = db.session.scalar(
        sa.select(Group).filter_by(
            workshop_id=workshop.id, public_id=stream_key.split(":", 1)[1]
        )
    )
    return {"group_current": group_current(group)} if group else {}
