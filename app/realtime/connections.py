"""Authenticating socket connections and closing them from the server."""

from dataclasses import asdict, replace

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_login import current_user

from app import audiences
from app.actors import FACILITATOR, PARTICIPANT, PROJECTOR, Actor, NotAllowed, load
from app.extensions import db, socketio
from app.models import Participant, Workshop
from app.realtime import rooms
from app.tokens import BadToken, read_participant_token, read_projector_token


class Refused(Exception):
    """A connection is refused; the message says why, in words."""


def authenticate(workshop_public_id, auth, login_session_id):
    """The actor for a new connection to a workshop, or Refused."""
    workshop = _workshop(workshop_public_id)
    auth = auth if isinstance(auth, dict) else {}
    if auth.get("projector"):
        return _projector_actor(workshop, auth["projector"])
    token = auth.get("token")
    if token:
        return _participant_actor(workshop, token)
    if current_user.is_authenticated:
        return _facilitator_actor(workshop, login_session_id, auth.get("scribe"))
    raise Refused(_("Join the workshop or sign in first."))


def _workshop(public_id):
    if not isinstance(public_id, str) or not public_id:
        raise Refused(_("No workshop was named."))
    workshop = db.session.scalar(sa.select(Workshop).filter_by(public_id=public_id))
    if workshop is None:
        raise Refused(_("This workshop does not exist."))
    return workshop


def _participant_actor(workshop, token):
    try:
        workshop_pid, participant_pid = read_participant_token(token)
    except BadToken:
        raise Refused(_("Your joining link is not valid. Please join again.")) from None
    if workshop_pid != workshop.public_id:
        raise Refused(_("Your joining link is for another workshop."))
    participant = db.session.scalar(
        sa.select(Participant).filter_by(
            public_id=participant_pid, workshop_id=workshop.id
        )
    )
    if participant is None:
        raise Refused(_("Your place in this workshop no longer exists."))
    if participant.is_removed:
        raise Refused(_("You were removed from this workshop."))
    return Actor(PARTICIPANT, workshop.id, participant_id=participant.id)


def _projector_actor(workshop, token):
    try:
        workshop_pid = read_projector_token(token)
    except BadToken:
        raise Refused(_("This projector link is not valid.")) from None
    if workshop_pid != workshop.public_id:
        raise Refused(_("This projector link is for another workshop."))
    return Actor(PROJECTOR, workshop.id)


def _facilitator_actor(workshop, login_session_id, scribe_for=None):
    """A facilitator; or, with `scribe_for` (a participant's public id), a
    facilitator entering for that participant, who has no device."""
    if current_user.team_id != workshop.team_id or not current_user.can_facilitate:
        raise Refused(_("You do not facilitate this workshop."))
    actor = Actor(
        FACILITATOR,
        workshop.id,
        user_id=current_user.id,
        login_session_id=login_session_id,
    )
    if scribe_for is None:
        return actor
    participant = db.session.scalar(
        sa.select(Participant).filter_by(
            public_id=str(scribe_for)[:24], workshop_id=workshop.id
        )
    )
    if participant is None:
        raise Refused(_("That person is not in this workshop."))
    actor = replace(actor, proxy_for=participant.id)
    try:
        load(actor)  # the same checks as every change: no device, not removed
    except NotAllowed as refusal:
        raise Refused(str(refusal)) from None
    return actor


def rooms_for(actor):
    """The rooms a connection joins, decided here and never by the client:
    one per stream it reads, and a control room to close it by."""
    loaded = load(actor)
    keys = audiences.streams_for(loaded)
    names = [rooms.audience(actor.workshop_id, key) for key in keys]
    if actor.kind == FACILITATOR:
        names.append(rooms.login_session(actor.login_session_id))
    return names


# Kept in the connection's environ, which lives exactly as long as the
# connection: Engine.IO's session (server.save_session) does not exist under
# Flask-SocketIO's test client, which bypasses Engine.IO.
ACTOR_KEY = "common_ground.actor"


def welcome(actor):
    """What a new connection is told: the streams it reads, who it is, and
    (for a participant) their breakout group."""
    loaded = load(actor)
    participant = loaded.participant
    group = participant.group if participant else None
    return {
        "streams": audiences.streams_for(loaded),
        "you": participant.public_id if participant else None,
        "group": {"id": group.public_id, "name": group.name} if group else None,
    }


def remember(sid, actor):
    socketio.server.get_environ(sid)[ACTOR_KEY] = asdict(actor)


def actor_for(sid):
    """The actor a connection authenticated as, or None."""
    data = (socketio.server.get_environ(sid) or {}).get(ACTOR_KEY)
    return Actor(**data) if data else None


def _sids(room):
    return [sid for sid, _eio in socketio.server.manager.get_participants("/", room)]


def move_room(control_room, old_room, new_room):
    """Move every connection in `control_room` from one room to another."""
    for sid in _sids(control_room):
        if old_room:
            socketio.server.leave_room(sid, old_room, namespace="/")
        if new_room:
            socketio.server.enter_room(sid, new_room, namespace="/")


def close_room(room, notice=None, payload=None):
    """Disconnect every connection in a room, telling them why first."""
    if notice:
        socketio.emit(notice, payload or {}, to=room)
    for sid in _sids(room):
        socketio.server.disconnect(sid, namespace="/")


def close_workshop(workshop_id):
    """A deleted workshop: tell every participant and facilitator screen
    open on it, and disconnect them."""
    for room in (rooms.participants(workshop_id), rooms.facilitators(workshop_id)):
        close_room(room, notice="workshop_deleted")
