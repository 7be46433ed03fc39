"""The workshop's own actions on the write path: its details, participants
and breakout groups (facilitators only). The agenda is in app/agenda.py."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField
from wtforms.validators import DataRequired, Length, Optional

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.forms import strip
from app.models import Group, Participant, Workshop
from app.models.types import utcnow
from app.plan import service as plan_service
from app.plan.forms import WorkshopDetailsForm
from app.realtime import connections, presence, rooms


def id_field(required=True):
    """A payload field naming a row by its public id."""
    first = DataRequired(message=_l("Say which one.")) if required else Optional()
    return StringField(filters=[strip], validators=[first, Length(max=24)])


class ParticipantRef(Form):
    participant = id_field()


class GroupForm(Form):
    name = StringField(
        filters=[strip],
        validators=[
            DataRequired(message=_l("Give it a name.")),
            Length(max=60, message=_l("Use at most %(max)d characters.")),
        ],
    )


class AssignGroupForm(ParticipantRef):
    group = id_field(required=False)  # empty: out of every group


def workshop_view(workshop):
    return {
        "title": workshop.title,
        "date": workshop.date.isoformat() if workshop.date else None,
        "purpose": workshop.purpose,
        "engagement_level": workshop.engagement_level,
        "open": workshop.is_open,
    }


def _shared_streams(workshop, changes_visibility=False):
    """Every stream shared by several people: not the private ones."""
    return {key: changes_visibility for key in audiences.shared(workshop)}


def project_workshop(workshop, refs, stream_key):
    return {"workshop": workshop_view(db.session.get(Workshop, workshop.id))}


@action("workshop.edit", WorkshopDetailsForm, project_workshop)
def edit_workshop(ctx, data):
    """Change the workshop's details (its series too), or close it to new joins."""
    workshop = ctx.workshop
    if data.get("series") is not None:  # left out: the series stays
        workshop.series = _chosen_series(workshop, data["series"])
    workshop.title, workshop.date = data["title"], data["date"]
    workshop.purpose = data["purpose"] or ""
    workshop.engagement_level = data["engagement_level"]
    if data["closed"] and workshop.closed_at is None:
        workshop.closed_at = utcnow()
    elif not data["closed"]:
        workshop.closed_at = None
    return Outcome(refs={}, audiences=_shared_streams(workshop))


def _chosen_series(workshop, public_id):
    """None for no series, else the team's own series; Refused otherwise."""
    try:
        return plan_service.series_for(workshop.team_id, public_id)
    except plan_service.UnknownSeries:
        raise Refused(
            "not_found", _("That series does not exist in your team.")
        ) from None


def project_participant(workshop, refs, stream_key):
    participant = db.session.get(Participant, refs["participant"])
    if stream_key == audiences.FACILITATORS:
        return {"participant": presence.participant_view(participant, False)}
    return {"removed": True}


@action("workshop.remove_participant", ParticipantRef, project_participant)
def remove_participant(ctx, data):
    """Remove a participant: their connections close and stay refused."""
    participant = participant_in(ctx, data["participant"])
    if participant.is_removed:
        raise Refused("not_found", _("That person has already been removed."))
    participant.removed_at = utcnow()
    participant.removed_by_id = ctx.loaded.user.id
    streams = {audiences.FACILITATORS: False, audiences.private(participant): True}

    def close():
        connections.close_room(rooms.participant(participant), notice="removed")
        presence.announce(participant, False)

    return Outcome(
        refs={"participant": participant.id}, audiences=streams, after_commit=[close]
    )


def group_view(group):
    """A breakout group as clients see it: {"id", "name"}, or None."""
    return {"id": group.public_id, "name": group.name} if group else None


def project_group(workshop, refs, stream_key):
    group = db.session.get(Group, refs["group"]) if refs.get("group") else None
    view = {"group": group_view(group)}
    if refs.get("participant"):
        participant = db.session.get(Participant, refs["participant"])
        view["participant"] = participant.public_id
    return view


@action("workshop.create_group", GroupForm, project_group)
def create_group(ctx, data):
    """Create a breakout group."""
    group = Group(workshop_id=ctx.workshop.id, name=data["name"])
    db.session.add(group)
    db.session.flush()
    return Outcome(
        refs={"group": group.id},
        audiences={audiences.FACILITATORS: False},
        result={"group": group.public_id},
    )


@action("workshop.assign_group", AssignGroupForm, project_group)
def assign_group(ctx, data):
    """Put a participant in a group (or none); their connections move rooms."""
    participant = participant_in(ctx, data["participant"])
    group = ctx.group(data["group"]) if data["group"] else None
    move = move_to_group(ctx, participant, group)
    streams = {audiences.FACILITATORS: False, audiences.private(participant): True}
    return Outcome(
        refs={"group": group.id if group else None, "participant": participant.id},
        audiences=streams,
        after_commit=[move],
    )


def move_to_group(ctx, participant, group):
    """Put `participant` in `group` (or none); the task, to run once
    committed, that moves their connections from the old group's room to
    the new one's (their page then loads the new group's stream)."""
    old = participant.group
    participant.group_id = group.id if group else None

    def room(of):
        return rooms.audience(ctx.workshop.id, audiences.group(of)) if of else None

    old_room, new_room = room(old), room(group)

    def move():
        connections.move_room(rooms.participant(participant), old_room, new_room)

    return move


def participant_in(ctx, public_id):
    """The workshop's participant with this public id, or Refused not_found."""
    return ctx.find(Participant, public_id, _("That person is not in this workshop."))
