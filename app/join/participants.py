"""Which participant this browser is, per workshop, kept in the session."""

import sqlalchemy as sa
from flask import session

from app.extensions import db
from app.models import Participant
from app.tokens import BadToken, participant_token, read_participant_token


def remember(participant):
    """This browser is now `participant` in their workshop."""
    tokens = dict(session.get("participants", {}))
    tokens[participant.workshop.public_id] = participant_token(participant)
    session["participants"] = tokens


def forget(workshop):
    tokens = dict(session.get("participants", {}))
    tokens.pop(workshop.public_id, None)
    session["participants"] = tokens


def token_for(workshop):
    return session.get("participants", {}).get(workshop.public_id)


def current(workshop, include_removed=False):
    """This browser's participant in `workshop`, or None (also if removed,
    unless `include_removed`)."""
    token = token_for(workshop)
    if not token:
        return None
    try:
        workshop_pid, participant_pid = read_participant_token(token)
    except BadToken:
        return None
    if workshop_pid != workshop.public_id:
        return None
    participant = db.session.scalar(
        sa.select(Participant).filter_by(
            public_id=participant_pid, workshop_id=workshop.id
        )
    )
    if participant and participant.is_removed and not include_removed:
        return None
    return participant
