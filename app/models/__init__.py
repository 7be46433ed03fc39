"""The models, one aggregate per file, re-exported here."""

from app.models.invite import Invite
from app.models.participant import Participant
from app.models.team import Team
from app.models.user import LoginSession, User
from app.models.workshop import Workshop

__all__ = ["Invite", "LoginSession", "Participant", "Team", "User", "Workshop"]
