"""The event log: workshop-wide order, and per-audience streams to resync."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.types import UtcDateTime, utcnow


class Stream(db.Model):
    """One audience's contiguous counter (DESIGN.md, "Audiences, streams")."""

    __table_args__ = (sa.UniqueConstraint("workshop_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    # "participants", "facilitators", "projector", "group:<id>", "private:<id>"
    key: Mapped[str] = mapped_column(sa.String(40))
    counter: Mapped[int] = mapped_column(sa.BigInteger, default=0)


class Event(db.Model):
    """One applied change: ids, versions and the action, never user text."""

    __table_args__ = (
        sa.UniqueConstraint("workshop_id", "seq"),
        sa.UniqueConstraint("workshop_id", "op_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(sa.BigInteger)
    op_id: Mapped[str] = mapped_column(sa.String(36))
    action: Mapped[str] = mapped_column(sa.String(60))
    actor_kind: Mapped[str] = mapped_column(sa.String(20))
    actor_id: Mapped[int | None] = mapped_column()
    # A facilitator's scribe entry (app/scribe.py): the participant without a
    # device whom the change was entered for; the actor is who entered it.
    on_behalf_of_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="SET NULL")
    )
    # A digest of the payload, so a replayed op_id with other content is refused.
    payload_digest: Mapped[str] = mapped_column(sa.String(64))
    # Target ids and versions, and the acknowledgement sent to the actor.
    refs: Mapped[dict] = mapped_column(MutableDict.as_mutable(sa.JSON), default=dict)
    result: Mapped[dict] = mapped_column(MutableDict.as_mutable(sa.JSON), default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class StreamEntry(db.Model):
    """Event `event_id` is number `number` on stream `stream_id`."""

    stream_id: Mapped[int] = mapped_column(
        sa.ForeignKey("stream.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event.id", ondelete="CASCADE"), index=True
    )
    # True when this event changed what the stream may see (reveal, hide,
    # deletion, group move): resync across it sends a snapshot instead.
    changes_visibility: Mapped[bool] = mapped_column(default=False)
