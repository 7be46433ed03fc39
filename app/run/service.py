"""Removing a participant: the logic behind the console's Remove button."""

from app.extensions import db
from app.models.types import utcnow
from app.realtime import connections, presence, rooms


def remove_participant(participant, by_user):
    """Remove a participant: their open connections close and stay refused."""
    participant.removed_at = utcnow()
    participant.removed_by_id = by_user.id
    db.session.commit()
    connections.close_room(rooms.participant(participant.id), notice="removed")
    presence.announce(participant, False)
