"""Checklist scores: one row per participant and item of a checklist activity."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UtcDateTime, utcnow


class Score(db.Model):
    """A participant's private score, comment and priority mark for one item.

    Items are named by the stable key from the activity's frozen method
    content, so scores join across the workshops of a series.
    """

    __table_args__ = (sa.UniqueConstraint("activity_id", "participant_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    item: Mapped[str] = mapped_column(sa.String(64))
    # None: a comment or priority given without a score (yet).
    value: Mapped[int | None]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    priority: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, default=utcnow, onupdate=utcnow
    )

    participant: Mapped["Participant"] = relationship()  # noqa: F821
