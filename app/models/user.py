"""Accounts for facilitators and reviewers, and their login sessions."""

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.types import UtcDateTime, utcnow

ROLES = ("facilitator", "reviewer")


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(20), default="facilitator")
    is_admin: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str | None] = mapped_column(sa.String(8))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Set when an admin removes the person from the team; they can no longer
    # sign in, and their history (workshops they ran) keeps their name.
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    team: Mapped["Team"] = relationship(  # noqa: F821
        back_populates="members", foreign_keys=[team_id]
    )
    login_sessions: Mapped[list["LoginSession"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self):
        return self.removed_at is None

    @property
    def can_facilitate(self):
        return self.is_active and (self.is_admin or self.role == "facilitator")


class LoginSession(db.Model):
    """One sign-in on one browser; deleting it signs that browser out."""

    id: Mapped[str] = mapped_column(
        sa.String(64), primary_key=True, default=lambda: secrets.token_urlsafe(32)
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="login_sessions")
