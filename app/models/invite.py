"""One-time links: invitations to a team and password resets."""

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UtcDateTime, utcnow

PURPOSES = ("invite", "reset")


def hash_token(token):
    """Only a hash is stored, so a copy of the database reveals no live link."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invite(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    purpose: Mapped[str] = mapped_column(sa.String(10))
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20), default="facilitator")
    is_admin: Mapped[bool] = mapped_column(default=False)
    # For a reset: whose password it resets.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    team: Mapped["Team"] = relationship()  # noqa: F821
    user: Mapped["User | None"] = relationship(foreign_keys=[user_id])  # noqa: F821

    @classmethod
    def issue(cls, hours, **fields):
        """A new invite row and the plain token for its link (shown once)."""
        token = secrets.token_urlsafe(32)
        invite = cls(
            token_hash=hash_token(token),
            expires_at=utcnow() + timedelta(hours=hours),
            **fields,
        )
        return invite, token

    @classmethod
    def find_usable(cls, token, purpose):
        """The unused, unexpired invite for a token, or None."""
        invite = db.session.scalar(
            sa.select(cls).filter_by(token_hash=hash_token(token), purpose=purpose)
        )
        if invite is None or invite.used_at or invite.expires_at < utcnow():
            return None
        return invite
