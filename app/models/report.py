"""What a workshop's report adds to its state: the facilitator's own words,
exports being made, and links that publish a read-only copy."""

import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.ids import public_id
from app.models.types import UtcDateTime, utcnow


class ReportText(db.Model):
    """The facilitator's summary, key messages and next steps (one per line)."""

    __tablename__ = "report_text"

    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    key_messages: Mapped[str] = mapped_column(sa.Text, default="")
    next_steps: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )


class ExportJob(db.Model):
    """One export asked for: made by the worker process, written here by the
    live server as the worker reports progress (app/exports/jobs.py)."""

    __tablename__ = "export_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    format: Mapped[str] = mapped_column(sa.String(10))
    # The interface language the export is written in.
    language: Mapped[str] = mapped_column(sa.String(8), default="en")
    # queued -> running -> done | failed
    status: Mapped[str] = mapped_column(sa.String(10), default="queued")
    progress: Mapped[int] = mapped_column(default=0)  # percent
    # Why it failed, in words for the person who asked.
    message: Mapped[str | None] = mapped_column(sa.Text)
    # The made file's name under instance/exports/.
    filename: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


def new_share_token():
    return secrets.token_urlsafe(24)  # 192 bits: not to be guessed


class ShareLink(db.Model):
    """A read-only copy of the report at an unguessable link, until withdrawn."""

    __tablename__ = "share_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(
        sa.String(64), unique=True, default=new_share_token
    )
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # A link to one pathway alone (sent out for comment), not the whole report.
    activity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE")
    )
    # Comments are taken until then (None: the link takes no comments).
    comments_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The link shows nothing after then (None: until withdrawn).
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= utcnow()

    @property
    def is_live(self):
        return not (self.is_withdrawn or self.is_expired)

    @property
    def takes_comments(self):
        """Open for comments: live, and before its closing date."""
        closes = self.comments_until
        return self.is_live and closes is not None and utcnow() < closes
