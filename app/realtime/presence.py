"""Who is connected to which workshop, in this process.

Presence is kept in memory: a workshop's sockets all live on one process
(workshop affinity at the proxy, DESIGN.md), so this process knows them all.
"""

import threading
from collections import defaultdict

_lock = threading.Lock()
# workshop id -> participant id -> socket ids
_sockets = defaultdict(lambda: defaultdict(set))


def arrive(workshop_id, participant_id, sid):
    """Record a connection; True if the participant has just come online."""
    with _lock:
        sids = _sockets[workshop_id][participant_id]
        sids.add(sid)
        return len(sids) == 1


def depart(workshop_id, participant_id, sid):
    """Forget a connection; True if the participant has just gone offline."""
    with _lock:
        sids = _sockets[workshop_id].get(participant_id)
        if not sids or sid not in sids:
            return False
        sids.discard(sid)
        if sids:
            return False
        del _sockets[workshop_id][participant_id]
        if not _sockets[workshop_id]:
            del _sockets[workshop_id]
        return True


def online(workshop_id):
    """The ids of participants with at least one open connection."""
    with _lock:
        return set(_sockets.get(workshop_id, {}))


def participant_view(participant, is_online):
    """A participant as facilitators see them in the presence list.

    Roles go as keys: each facilitator's page labels them in its own language.
    """
    return {
        "id": participant.public_id,
        "name": participant.display_name,
        "role": participant.role,
        "organisation": participant.organisation or "",
        "organisation_type": participant.organisation_type,
        "online": is_online,
        "removed": participant.is_removed,
        # Someone here without a device: facilitators enter for them.
        "device": participant.has_device,
    }


def snapshot(workshop):
    """Every participant of a workshop, with who is online now."""
    now_online = online(workshop.id)
    return {
        "participants": [
            participant_view(p, p.id in now_online)
            for p in workshop.participants
            if not p.is_removed
        ]
    }


def announce(participant, is_online):
    """Tell a workshop's facilitators that a participant arrived, left or went."""
    from app.extensions import socketio
    from app.realtime import rooms

    socketio.emit(
        "presence",
        {"participant": participant_view(participant, is_online)},
        to=rooms.facilitators(participant.workshop_id),
    )
