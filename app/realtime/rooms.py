"""Room names, one function each. An audience's room is named after its
stream key, so rooms are keyed by participant, group or workshop id, never by
socket id, and always chosen by the server."""

from app import audiences


def audience(workshop_id, stream_key):
    """The room of everyone reading one stream of a workshop."""
    return f"workshop:{workshop_id}:{stream_key}"


def participants(workshop_id):
    """Every participant of a workshop (the workshop-wide audience)."""
    return audience(workshop_id, audiences.PARTICIPANTS)


def participant(participant):
    """One participant's own connections: their private stream and control."""
    return audience(participant.workshop_id, audiences.private(participant))


def facilitators(workshop_id):
    """The facilitators of a workshop, who join no participant or group room."""
    return audience(workshop_id, audiences.FACILITATORS)


def login_session(login_session_id):
    """One signed-in browser's connections, so sign-out can close them."""
    return f"login:{login_session_id}"
