"""Audiences and their streams (DESIGN.md, "Audiences, streams and order").

Each audience has a stream of events with its own contiguous counter. Stream
keys name audiences by public ids only, since clients see them:
"participants", "facilitators", "projector", "group:<id>", "private:<id>".
"""

import sqlalchemy as sa

from app.actors import FACILITATOR, PROJECTOR
from app.extensions import db
from app.models import Group, Participant

PARTICIPANTS = "participants"
FACILITATORS = "facilitators"
PROJECTOR_STREAM = "projector"


def group(group):
    """The stream of one breakout group."""
    return f"group:{group.public_id}"


def private(participant):
    """The stream only this participant reads: their private writing."""
    return f"private:{participant.public_id}"


def streams_for(loaded):
    """The stream keys a loaded actor reads, decided by the server alone."""
    if loaded.participant is not None:  # a participant, or a scribe for one
        participant = loaded.participant
        keys = [PARTICIPANTS, private(participant)]
        if participant.group is not None:
            keys.append(group(participant.group))
        return keys
    if loaded.actor.kind == FACILITATOR:
        return [FACILITATORS]
    if loaded.actor.kind == PROJECTOR:
        return [PROJECTOR_STREAM]
    return []


def shared(workshop):
    """Every stream shared by several people (not the private ones)."""
    groups = db.session.scalars(sa.select(Group).filter_by(workshop_id=workshop.id))
    return [PARTICIPANTS, FACILITATORS, PROJECTOR_STREAM, *map(group, groups)]


def private_owner(stream_key):
    """The participant whose private stream this is, if it is one."""
    if not stream_key.startswith("private:"):
        return None
    return db.session.scalar(
        sa.select(Participant).filter_by(public_id=stream_key.split(":", 1)[1])
    )
