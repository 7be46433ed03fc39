"""A team owns workshops and has members (facilitators and reviewers)."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UtcDateTime, utcnow


class Team(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    # How long closed workshops are kept before they are purged, in days.
    retention_days: Mapped[int] = mapped_column(default=365)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    members: Mapped[list["User"]] = relationship(back_populates="team")  # noqa: F821
    workshops: Mapped[list["Workshop"]] = relationship(  # noqa: F821
        back_populates="team", cascade="all, delete-orphan"
    )
