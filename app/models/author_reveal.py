"""The audit log of anonymous authors revealed by a safeguarding lead."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UtcDateTime, utcnow


class AuthorReveal(db.Model):
    """One reveal: who asked, why, and which contribution (rows, not copies,
    so deleting the contribution or the workshop leaves no text behind)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="SET NULL")
    )
    note_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("note.id", ondelete="SET NULL")
    )
    revealed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    reason: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    workshop: Mapped["Workshop"] = relationship()  # noqa: F821
    activity: Mapped["Activity | None"] = relationship()  # noqa: F821
    note: Mapped["Note | None"] = relationship()  # noqa: F821
    revealed_by: Mapped["User | None"] = relationship()  # noqa: F821
