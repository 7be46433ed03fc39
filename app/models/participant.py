"""Someone taking part in a workshop, with no account."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.ids import normalise_code, public_id, readable_code
from app.models.types import UtcDateTime, utcnow

REJOIN_CODE_LENGTH = 6


class Participant(db.Model):
    __table_args__ = (sa.UniqueConstraint("workshop_id", "rejoin_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    display_name: Mapped[str] = mapped_column(sa.String(60))
    role: Mapped[str] = mapped_column(sa.String(20))
    organisation: Mapped[str | None] = mapped_column(sa.String(120))
    organisation_type: Mapped[str] = mapped_column(sa.String(20))
    consent_named: Mapped[bool] = mapped_column(default=False)
    consent_quoted: Mapped[bool] = mapped_column(default=False)
    # A short personal code to continue on another device.
    rejoin_code: Mapped[str] = mapped_column(
        sa.String(8), default=lambda: readable_code(REJOIN_CODE_LENGTH, group=3)
    )
    # The breakout group the participant is in, if any.
    group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("breakout_group.id", ondelete="SET NULL")
    )
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When they raised their hand to speak (None: not raised); facilitators
    # see raised hands in this order.
    hand_raised_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When they asked the facilitators, privately, for a pause or support.
    break_requested_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # False for someone present without a device, added by a facilitator,
    # whose contributions a facilitator enters for them (app/scribe.py).
    has_device: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    removed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )

    workshop: Mapped["Workshop"] = relationship(  # noqa: F821
        back_populates="participants"
    )
    group: Mapped["Group | None"] = relationship()  # noqa: F821

    @property
    def is_removed(self):
        return self.removed_at is not None

    @classmethod
    def free_rejoin_code(cls, workshop):
        """A rejoin code nobody in `workshop` has yet."""
        while True:
            code = readable_code(REJOIN_CODE_LENGTH, group=3)
            taken = db.session.scalar(
                sa.select(cls.id).filter_by(workshop_id=workshop.id, rejoin_code=code)
            )
            if taken is None:
                return code

    @classmethod
    def by_rejoin_code(cls, workshop, typed):
        """The participant of `workshop` with this rejoin code, or None."""
        code = normalise_code(typed)
        if len(code) != REJOIN_CODE_LENGTH:
            return None
        dashed = f"{code[:3]}-{code[3:]}"
        return db.session.scalar(
            sa.select(cls).filter_by(workshop_id=workshop.id, rejoin_code=dashed)
        )
