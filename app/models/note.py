"""Board notes, their votes and the themes they are grouped under."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.ids import public_id
from app.models.types import ORDER_KEY, UtcDateTime, utcnow


class Note(db.Model):
    # A column's notes in order, and its last key (a note added at the end)
    # found from the index rather than by reading the whole board.
    __table_args__ = (
        sa.Index("ix_note_order", "activity_id", "topic", "column", "order_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    # Set when the activity runs in groups: only that group (and facilitators)
    # see the note.
    group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("breakout_group.id", ondelete="SET NULL")
    )
    column: Mapped[str] = mapped_column(sa.String(40))
    # A scenario's notes belong to one of its topics (the method's stable key).
    topic: Mapped[str | None] = mapped_column(sa.String(64))
    order_key: Mapped[str] = mapped_column(ORDER_KEY)
    text: Mapped[str] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(default=1)
    author_participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE")
    )
    author_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    # Private notes are seen by their author alone until the board's reveal.
    private: Mapped[bool] = mapped_column(default=False)
    hidden_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    # The theme the note is grouped under in the board's grouping phase.
    theme_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("theme.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    group: Mapped["Group | None"] = relationship()  # noqa: F821
    author: Mapped["Participant | None"] = relationship()  # noqa: F821
    author_user: Mapped["User | None"] = relationship(  # noqa: F821
        foreign_keys=[author_user_id]
    )
    hidden_by: Mapped["User | None"] = relationship(  # noqa: F821
        foreign_keys=[hidden_by_id]
    )
    votes: Mapped[list["Vote"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class Vote(db.Model):
    __table_args__ = (sa.UniqueConstraint("note_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(
        sa.ForeignKey("note.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    # How many of the voter's dots are on this note (dot voting may allow
    # several per note, within the activity's budget).
    count: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Theme(db.Model):
    """A named cluster of a board's notes (the grouping phase)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    # Set when the activity runs in groups: the group whose theme it is.
    group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("breakout_group.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(sa.String(80))
    order_key: Mapped[str] = mapped_column(ORDER_KEY)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
