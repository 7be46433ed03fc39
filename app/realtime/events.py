"""Socket handlers: thin, each authenticated and authorized on the server.

The client names the workshop in the connection's query string (`w`), so a
proxy can keep a workshop's sockets on one process; everything else about who
it is and which rooms it joins is decided here.
"""

import logging

from flask import request, session
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError, join_room

from app import changes, involvement, resync
from app.actors import FACILITATOR, PARTICIPANT
from app.extensions import db, socketio
from app.models import Participant, Workshop
from app.realtime import connections, flood, presence

log = logging.getLogger(__name__)


@socketio.on("connect")
def on_connect(auth):
    """Authenticate a participant token or a facilitator's login; join rooms."""
    try:
        actor = connections.authenticate(
            request.args.get("w"), auth, session.get("login_session")
        )
        _admit(actor)
    except connections.Refused as refusal:
        raise ConnectionRefusedError(str(refusal)) from None
    except Exception:
        # Left to on_error, its answer would count as accepting the connection.
        log.exception("socket connect failed")
        raise ConnectionRefusedError(_("Something went wrong on the server.")) from None


def _admit(actor):
    """Join the actor's rooms; greet a facilitator, announce a participant."""
    connections.remember(request.sid, actor)
    for room in connections.rooms_for(actor):
        join_room(room)
    socketio.emit("welcome", connections.welcome(actor), to=request.sid)
    if actor.kind == FACILITATOR:
        workshop = db.session.get(Workshop, actor.workshop_id)
        socketio.emit("presence", presence.snapshot(workshop), to=request.sid)
    elif actor.kind == PARTICIPANT and presence.arrive(
        actor.workshop_id, actor.participant_id, request.sid
    ):
        involvement.arrived(actor.workshop_id, actor.participant_id)
        presence.announce(db.session.get(Participant, actor.participant_id), True)


@socketio.on("disconnect")
def on_disconnect(*_reason):
    """Mark a participant offline when their last connection closes."""
    actor = connections.actor_for(request.sid)
    if actor is None or actor.kind != PARTICIPANT:
        return
    if presence.depart(actor.workshop_id, actor.participant_id, request.sid):
        involvement.departed(actor.workshop_id, actor.participant_id)
        participant = db.session.get(Participant, actor.participant_id)
        if participant is not None:
            presence.announce(participant, False)


@socketio.on("act")
def on_act(message):
    """Apply one change for this connection's actor; returns the acknowledgement."""
    return _guarded(
        lambda actor, m: changes.apply(
            actor, m.get("action"), m.get("payload"), m.get("op_id")
        ),
        message,
    )


@socketio.on("resync")
def on_resync(message):
    """Send what this connection missed on one of its streams, or a snapshot."""

    def catch_up(actor, m):
        after = m.get("after")
        if after is not None and (
            not isinstance(after, int) or isinstance(after, bool)
        ):
            raise changes.Refused("invalid", _("The request was not understood."))
        return resync.resync(actor, m.get("stream"), after)

    return _guarded(catch_up, message)


def _guarded(handle, message):
    """Who, how often and what shape, checked before `handle` runs."""
    actor = connections.actor_for(request.sid)
    if actor is None:
        return changes.Refused("not_allowed", _("Not connected.")).ack()
    if not flood.allow(actor):
        return changes.Refused(
            "rate_limited", _("Too many changes at once. Wait a moment.")
        ).ack()
    if not isinstance(message, dict):
        return changes.Refused("invalid", _("The request was not understood.")).ack()
    try:
        return handle(actor, message)
    except changes.Refused as refusal:
        return refusal.ack()


@socketio.on_error_default
def on_error(error):
    """Answer any handler failure with a structured error, never silence."""
    log.exception("socket handler failed: %s", error)
    return {"ok": False, "error": _("Something went wrong on the server.")}
