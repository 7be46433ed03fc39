"""Who sees which road of a pathway, and how each stream sees it.

A road is one map of the pathway: the shared road (no group) and, when the
activity runs in groups, one road per breakout group. Every stream gets the
same shape, `{"roads": [road, ...]}`:

    road = {"group": {"id", "name"} or None, "service": str,
            "steps": [{**card, "resources": [card],
                       "walls": [{**card, "overcome": [card]}]}],
            "measures": [card]}
    card = {"id", "text", "version", "order"}

Facilitators and the projector get the shared road first, then each group's
(every group of the workshop when the activity runs in groups); the
participants stream gets the shared road; a group's stream its own road when
the activity runs in groups; private streams no road. Cards carry no author:
the road is the room's, made together.
"""

from collections import defaultdict

import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.models import Group, PathwayCard

WHOLE_ROOM = {
    audiences.PARTICIPANTS,
    audiences.FACILITATORS,
    audiences.PROJECTOR_STREAM,
}


def streams_of(group):
    """The streams that see the road of `group` (None: the shared road)."""
    if group is None:
        return set(WHOLE_ROOM)
    return {audiences.group(group), audiences.FACILITATORS, audiences.PROJECTOR_STREAM}


def service_of(activity, group):
    """The service a road runs through: the group's own name for it, else
    the one named for the whole room."""
    named = activity.content.get("services", {}).get(group.public_id) if group else ""
    return named or activity.content.get("service", "")


def snapshot(activity, stream_key):
    """Every road of the pathway that `stream_key` may see."""
    seen = _roads_seen(activity, stream_key)
    under = defaultdict(list)
    for card in _cards(activity) if seen else []:
        under[card.group_id, card.lane, card.step_id, card.wall_id].append(card)
    return {"roads": [_road(activity, group, under) for group in seen]}


def _cards(activity):
    cards = db.session.scalars(
        sa.select(PathwayCard).filter_by(activity_id=activity.id)
    )
    # Sorted here, not by the database: order keys compare as plain strings,
    # whatever collation a PostgreSQL database would use.
    return sorted(cards, key=lambda card: (card.order_key, card.id))


def _roads_seen(activity, stream_key):
    """The groups whose roads the stream sees (None: the shared road)."""
    if stream_key in (audiences.FACILITATORS, audiences.PROJECTOR_STREAM):
        return [None, *(_groups(activity) if activity.in_groups else [])]
    if stream_key == audiences.PARTICIPANTS:
        return [None]
    if activity.in_groups and stream_key.startswith("group:"):
        group = db.session.scalar(
            sa.select(Group).filter_by(
                workshop_id=activity.workshop_id, public_id=stream_key.split(":", 1)[1]
            )
        )
        return [group] if group is not None else []
    return []


def _groups(activity):
    return db.session.scalars(
        sa.select(Group).filter_by(workshop_id=activity.workshop_id).order_by(Group.id)
    ).all()


def _road(activity, group, under):
    group_id = group.id if group else None
    return {
        "group": {"id": group.public_id, "name": group.name} if group else None,
        "service": service_of(activity, group),
        "steps": [_step(step, under) for step in under[group_id, "steps", None, None]],
        "measures": [
            card_view(card) for card in under[group_id, "measures", None, None]
        ],
    }


def _step(step, under):
    def hanging(lane, wall=None):
        cards = under[step.group_id, lane, step.id, wall.id if wall else None]
        return [card_view(card) for card in cards]

    walls = under[step.group_id, "walls", step.id, None]
    return {
        **card_view(step),
        "resources": hanging("resources"),
        "walls": [
            {**card_view(wall), "overcome": hanging("overcome", wall)} for wall in walls
        ],
    }


def card_view(card):
    """A card as every stream sees it: public id, text as typed, version."""
    return {
        "id": card.public_id,
        "text": card.text,
        "version": card.version,
        "order": card.order_key,
    }
