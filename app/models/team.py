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
    # The one member who may reveal the author of an anonymous contribution
    # (with a reason, kept in the audit log); None: nobody can.
    safeguarding_lead_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL", use_alter=True)
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    members: Mapped[list["User"]] = relationship(  # noqa: F821
        back_populates="team", foreign_keys="User.team_id"
    )
    safeguarding_lead: Mapped["User | None"] = relationship(  # noqa: F821
        foreign_keys=[safeguarding_lead_id]
    )
    workshops: Mapped[list["Workshop"]] = relationship(  # noqa: F821
        back_populates="team", cascade="all, delete-orphan"
    )
