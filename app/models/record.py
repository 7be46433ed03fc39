"""What a workshop's record gathers after the day: reviewers' comments,
comments sent through a share link, redactions before publishing, who was
present when, and the log of workshops deleted by the retention setting."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.ids import public_id
from app.models.types import UtcDateTime, utcnow


class ReviewComment(db.Model):
    """A team reviewer's (or facilitator's) comment on a saved workshop."""

    __tablename__ = "review_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    # The activity commented on; None: the workshop as a whole.
    activity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE")
    )
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class LinkComment(db.Model):
    """A comment sent through a share link open for comments."""

    __tablename__ = "link_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    share_link_id: Mapped[int] = mapped_column(
        sa.ForeignKey("share_link.id", ondelete="CASCADE"), index=True
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    # Who they say they are, if they chose to say (no account is needed).
    author_name: Mapped[str] = mapped_column(sa.String(60), default="")
    # What it is about: a pathway step's or an activity's public id, or None.
    target: Mapped[str | None] = mapped_column(sa.String(80))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Redaction(db.Model):
    """A contribution kept in the record but left out of everything
    published (report, exports, share links), with who redacted it and why.
    `target` names it as "<kind>:<public id>", e.g. "note:abc…"."""

    __tablename__ = "redaction"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    target: Mapped[str] = mapped_column(sa.String(80))
    reason: Mapped[str] = mapped_column(sa.Text)
    redacted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Attendance(db.Model):
    """One stretch of a participant's presence: from a first connection to
    when their last connection closed (None while still here)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    arrived_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RetentionDeletion(db.Model):
    """A workshop deleted because the team's retention period had passed:
    when, and how much went, with no personal data (not even the title)."""

    __tablename__ = "retention_deletion"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(
        sa.ForeignKey("team.id", ondelete="CASCADE"), index=True
    )
    closed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    retention_days: Mapped[int] = mapped_column()
    # Counts of what was deleted: participants, notes, events, exports…
    counts: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    deleted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
