"""The yellow brick road: the room names a service and maps the steps a
person takes through it; on each step the resources needed, the brick walls
met and the ways over each wall; and, apart, how progress would be measured.

It is co-production: anyone in the room may add, edit, move or delete any
card of the road they are mapping, whoever wrote it (authors are recorded,
never shown). When the activity runs in groups, each group maps its own road;
anyone else (facilitators included) maps the shared one. Nothing is private,
so there is no reveal. Every event carries the whole pathway as its stream
may see it (pathway_view.py).
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from fractional_indexing import generate_key_between
from sqlalchemy.orm.attributes import flag_modified

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.kinds import pathway_report
from app.kinds.base import ActivityKind
from app.kinds.pathway_forms import (
    AddCardForm,
    CardRef,
    EditCardForm,
    MoveCardForm,
    ServiceForm,
)
from app.kinds.pathway_view import snapshot, streams_of
from app.models import Activity, PathwayCard

PHASES = ("not_started", "map", "review", "closed")
ON_A_STEP = ("resources", "walls", "overcome")


def new_content(method):
    # "services": each group's own name for the service, by group public id.
    return {"method": method, "service": "", "services": {}}


def summary(activity):
    """How far the road has got: its steps, walls and ways over them."""
    lanes = dict(
        db.session.execute(
            sa.select(PathwayCard.lane, sa.func.count())
            .filter_by(activity_id=activity.id)
            .group_by(PathwayCard.lane)
        ).all()
    )
    return _(
        "Steps: %(steps)d; brick walls: %(walls)d; ways over them: %(ways)d.",
        steps=lanes.get("steps", 0),
        walls=lanes.get("walls", 0),
        ways=lanes.get("overcome", 0),
    )


KIND = ActivityKind(
    key="pathway",
    phases=PHASES,
    snapshot=snapshot,
    new_content=new_content,
    summary=summary,
    report=pathway_report.report,
    records=pathway_report.records,
)


def project(workshop, refs, stream_key):
    activity = db.session.get(Activity, refs["activity"])
    return {"activity": activity.public_id, "state": snapshot(activity, stream_key)}


def _pathway_action(name, form):
    return action(f"pathway.{name}", form, project, kind="pathway")


@_pathway_action("name_service", ServiceForm)
def name_service(ctx, data):
    """Name the service the road runs through (a group names its own; a name
    given outside a group is every road's until a group names its own)."""
    activity, group = ctx.activity, _road_of(ctx)
    if group is not None:
        activity.content.setdefault("services", {})[group.public_id] = data["name"]
        streams = streams_of(group)
    else:
        activity.content["service"] = data["name"]
        streams = (
            audiences.shared(ctx.workshop) if activity.in_groups else streams_of(None)
        )
    flag_modified(activity, "content")
    # No name in the result: it is kept in the event row, which holds no
    # user text (DESIGN.md); the event's state carries the name.
    return Outcome(
        refs={"activity": activity.id},
        audiences={key: False for key in streams},
    )


@_pathway_action("add_card", AddCardForm)
def add_card(ctx, data):
    """Add a card to a lane: a step, a measure, or a resource, wall or way
    over a wall on a step; between two neighbours or at the end."""
    lane = data["lane"]
    step, wall = _hangs_off(ctx, lane, data["step"], data["wall"])
    # A card joins the road of what it hangs off or goes next to (so a
    # facilitator can tidy a group's road); else the actor's own road.
    anchor = step or _card(ctx, data["after"] or data["before"])
    group_id = anchor.group_id if anchor else _road_id(ctx)
    step_id, wall_id = (step.id if step else None), (wall.id if wall else None)
    place = (group_id, lane, step_id, wall_id)
    person, user = ctx.loaded.participant, ctx.loaded.user
    card = PathwayCard(
        activity_id=ctx.activity.id,
        group_id=group_id,
        lane=lane,
        step_id=step_id,
        wall_id=wall_id,
        order_key=_order_key(ctx, place, data["after"], data["before"]),
        text=data["text"],
        author_participant_id=person.id if person else None,
        author_user_id=user.id if user else None,
    )
    db.session.add(card)
    db.session.flush()
    return _outcome(ctx, card.group, result={"card": card.public_id})


@_pathway_action("edit_card", EditCardForm)
def edit_card(ctx, data):
    """Change a card's text, from its latest version only (anyone mapping
    the road may edit any card of it)."""
    card = _card(ctx, data["card"])
    if data["version"] != card.version:
        raise Refused(
            "stale",
            _("Someone changed this card while you were editing it."),
            current={"text": card.text, "version": card.version},
        )
    card.text, card.version = data["text"], card.version + 1
    return _outcome(ctx, card.group, result={"version": card.version})


@_pathway_action("move_card", MoveCardForm)
def move_card(ctx, data):
    """Move a card among its own lane's cards (on its step, or its wall):
    between two neighbours, or to the end (last writer wins)."""
    card = _card(ctx, data["card"])
    card.order_key = _order_key(
        ctx, _place(card), data["after"], data["before"], moving=card
    )
    return _outcome(ctx, card.group, result={"order": card.order_key})


@_pathway_action("delete_card", CardRef)
def delete_card(ctx, data):
    """Delete a card for good, with what hangs off it: a step's resources,
    walls and ways over; a wall's ways over."""
    card = _card(ctx, data["card"])
    group = card.group
    # Explicitly, not only by the foreign keys' ON DELETE CASCADE: a step's
    # cards are all marked by step_id, a wall's ways over by wall_id.
    db.session.execute(
        sa.delete(PathwayCard).where(
            sa.or_(PathwayCard.step_id == card.id, PathwayCard.wall_id == card.id)
        )
    )
    db.session.delete(card)
    db.session.flush()
    # Deleting is a change of what the streams may see: a resync across it
    # answers with a snapshot (DESIGN.md, "Audiences, streams and order").
    return _outcome(ctx, group, changes_visibility=True)


def _outcome(ctx, group, result=None, changes_visibility=False):
    """Sent to the streams that see the road of `group` (the card's)."""
    return Outcome(
        refs={"activity": ctx.activity.id},
        audiences={key: changes_visibility for key in streams_of(group)},
        result=result or {},
    )


def _road_of(ctx):
    """The group whose road the actor maps: a participant's own group when
    the activity runs in groups; otherwise None, the shared road."""
    person = ctx.loaded.participant
    return person.group if person is not None and ctx.activity.in_groups else None


def _road_id(ctx):
    group = _road_of(ctx)
    return group.id if group else None


def _card(ctx, public_id, lane=None):
    """The activity's card (in `lane`, if given) on a road the actor may map:
    participants their own road, facilitators any. Else "not found"; no
    id at all is None."""
    if not public_id:
        return None
    card = db.session.scalar(
        sa.select(PathwayCard).filter_by(
            activity_id=ctx.activity.id, public_id=public_id
        )
    )
    mine = card is not None and (
        ctx.loaded.participant is None or card.group_id == _road_id(ctx)
    )
    if not mine or lane not in (None, card.lane):
        raise Refused("not_found", _("That card is not on this pathway."))
    return card


def _hangs_off(ctx, lane, step_id, wall_id):
    """The step (and wall) a card of `lane` hangs off, as the lane requires."""
    if lane not in ON_A_STEP:
        if step_id or wall_id:
            raise Refused(
                "invalid", _("Only resources, walls and ways over them go on a step.")
            )
        return None, None
    if not step_id:
        raise Refused("invalid", _("Say which step."), fields={"step": []})
    step = _card(ctx, step_id, "steps")
    if lane != "overcome":
        if wall_id:
            raise Refused("invalid", _("Only a way over a wall answers a wall."))
        return step, None
    if not wall_id:
        raise Refused("invalid", _("Say which wall."), fields={"wall": []})
    wall = _card(ctx, wall_id, "walls")
    if wall.step_id != step.id:
        raise Refused("invalid", _("That wall is not on this step."))
    return step, wall


def _place(card):
    """Where a card sits: its road, lane, step and wall; its siblings share it."""
    return (card.group_id, card.lane, card.step_id, card.wall_id)


def _siblings(activity, place, moving=None):
    group_id, lane, step_id, wall_id = place
    cards = db.session.scalars(
        sa.select(PathwayCard).filter_by(
            activity_id=activity.id,
            group_id=group_id,
            lane=lane,
            step_id=step_id,
            wall_id=wall_id,
        )
    )
    # Sorted here: order keys compare as plain strings (see pathway_view).
    ordered = sorted(cards, key=lambda card: (card.order_key, card.id))
    return [card for card in ordered if card is not moving]


def _order_key(ctx, place, after_id, before_id, moving=None):
    """A key that puts a card right after `after`, right before `before`,
    between both (which must be next to each other) or, with neither, last."""
    siblings = _siblings(ctx.activity, place, moving)
    after, before = (
        _neighbour(ctx, ref, place, moving) for ref in (after_id, before_id)
    )
    at = len(siblings)  # where the card goes: before siblings[at]
    if after is not None:
        at = siblings.index(after) + 1
    if before is not None:
        if after is not None and siblings.index(before) != at:
            raise Refused("invalid", _("Those cards are not next to each other."))
        at = siblings.index(before)
    lower = siblings[at - 1].order_key if at > 0 else None
    upper = siblings[at].order_key if at < len(siblings) else None
    return generate_key_between(lower, upper)


def _neighbour(ctx, public_id, place, moving):
    """A card to go next to: on the same road, lane, step and wall."""
    card = _card(ctx, public_id)
    if card is not None and (card is moving or _place(card) != place):
        raise Refused("invalid", _("Those cards are not next to each other."))
    return card
