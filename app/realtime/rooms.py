"""Room names, one function each. Rooms are keyed by participant,
facilitator or login-session id, never by socket id, and always chosen
by the server."""


def participants(workshop_id):
    """Every participant of a workshop (the workshop-wide audience)."""
    return f"workshop:{workshop_id}:participants"


def participant(participant_id):
    """One participant's own connections: their private stream and control."""
    return f"participant:{participant_id}"


def facilitators(workshop_id):
    """The facilitators of a workshop, who join no participant room."""
    return f"workshop:{workshop_id}:facilitators"


def login_session(login_session_id):
    """One signed-in browser's connections, so sign-out can close them."""
    return f"login:{login_session_id}"
