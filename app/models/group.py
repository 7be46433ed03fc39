"""Breakout groups: a participant is in at most one group of a workshop."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.ids import public_id
from app.models.types import UtcDateTime, utcnow


class Group(db.Model):
    __tablename__ = "breakout_group"  # "group" is an SQL keyword

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(60))
    # The activity this group works on at its own pace (None: it follows the
    # whole room's current activity).
    current_activity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="SET NULL", use_alter=True)
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
