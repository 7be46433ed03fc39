"""Spectrum marks: where a participant places their area on one dimension,
now and where it should be."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UtcDateTime, utcnow


class SpectrumMark(db.Model):
    """Positions run from 1 (the left pole) to the method's number of points;
    None until marked. Dimensions are the method's stable keys."""

    __table_args__ = (
        sa.UniqueConstraint("activity_id", "participant_id", "dimension"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    dimension: Mapped[str] = mapped_column(sa.String(64))
    now: Mapped[int | None]
    aspiration: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, default=utcnow, onupdate=utcnow
    )

    participant: Mapped["Participant"] = relationship()  # noqa: F821
