"""A series of workshops (a quarterly provider forum) and what it carries
from one to the next: the actions agreed ("you said, we did")."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.ids import public_id
from app.models.types import UtcDateTime, utcnow

# What an action can be: open, being worked on, done, or dropped (with why
# in an update).
FOLLOW_UP_STATUSES = ("open", "in_progress", "done", "dropped")


class Series(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    team_id: Mapped[int] = mapped_column(
        sa.ForeignKey("team.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # The public "you said, we did" page, readable with no account at
    # /you-said-we-did/<token>; None: not published.
    summary_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    workshops: Mapped[list["Workshop"]] = relationship(  # noqa: F821
        back_populates="series", order_by="Workshop.date"
    )
    follow_ups: Mapped[list["FollowUp"]] = relationship(
        back_populates="series",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="FollowUp.id",
    )


class FollowUp(db.Model):
    """An action agreed: what was raised, what will be done, by whom, by
    when, and how it is going. It belongs to the series, not one workshop
    (called FollowUp here: "action" already names a change in app/changes.py)."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    series_id: Mapped[int] = mapped_column(
        sa.ForeignKey("series.id", ondelete="CASCADE"), index=True
    )
    # The workshop where it was raised (None once that workshop is deleted).
    raised_in_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="SET NULL"), index=True
    )
    # What it came from: "note", "topic" or "item" and that thing's stable
    # key or public id; None for an action typed in on its own.
    source_kind: Mapped[str | None] = mapped_column(sa.String(20))
    source_ref: Mapped[str | None] = mapped_column(sa.String(80))
    # "You said": the words raised, copied when the action was made.
    raised_text: Mapped[str] = mapped_column(sa.Text, default="")
    # "We will": what is to be done.
    title: Mapped[str] = mapped_column(sa.Text)
    owner_organisation: Mapped[str] = mapped_column(sa.String(120), default="")
    owner_person: Mapped[str] = mapped_column(sa.String(120), default="")
    due_date: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(12), default="open")
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    series: Mapped[Series] = relationship(back_populates="follow_ups")
    updates: Mapped[list["FollowUpUpdate"]] = relationship(
        back_populates="follow_up",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="FollowUpUpdate.id",
    )

    @property
    def is_open(self):
        return self.status in ("open", "in_progress")


class FollowUpUpdate(db.Model):
    """A dated note on an action's progress, and the status it set (if any)."""

    __tablename__ = "follow_up_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    follow_up_id: Mapped[int] = mapped_column(
        sa.ForeignKey("follow_up.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str | None] = mapped_column(sa.String(12))
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    follow_up: Mapped[FollowUp] = relationship(back_populates="updates")
