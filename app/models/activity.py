"""An activity: one step of a workshop's agenda, run by an activity kind."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.ids import public_id
from app.models.types import ORDER_KEY, UtcDateTime, utcnow


class Activity(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(40))
    title: Mapped[str] = mapped_column(sa.String(200))
    # Fractional order key within the agenda.
    position: Mapped[str] = mapped_column(ORDER_KEY)
    phase: Mapped[str] = mapped_column(sa.String(40))
    # The kind's validated settings and a frozen copy of the method content
    # (columns, items with stable keys), so library edits never rewrite it.
    content: Mapped[dict] = mapped_column(MutableDict.as_mutable(sa.JSON), default=dict)
    # Whether work is split by breakout group (each group sees its own).
    in_groups: Mapped[bool] = mapped_column(default=False)
    # What the session offers (the IPC paper's levels) and its time box.
    engagement: Mapped[str | None] = mapped_column(sa.String(20))
    minutes: Mapped[int | None]
    # The timer (app/timer.py), kept in rows so a restart loses nothing:
    # its whole length in seconds (extensions included; None: no timer);
    # while running, when it last started and the seconds left at that
    # moment; while paused, no start and the seconds left.
    timer_duration: Mapped[int | None]
    timer_started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    timer_remaining: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


def agenda_of(workshop_id, kind=None):
    """A workshop's activities in agenda order (of `kind` only, if given)."""
    query = sa.select(Activity).filter_by(workshop_id=workshop_id)
    if kind is not None:
        query = query.filter_by(kind=kind)
    return db.session.scalars(query.order_by(Activity.position, Activity.id)).all()
