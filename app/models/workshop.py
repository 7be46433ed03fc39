"""A workshop: one facilitated session, owned by a team."""

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.ids import normalise_code, public_id, readable_code
from app.models.types import UtcDateTime, utcnow

# 10 characters from a 23-letter alphabet: about 45 bits, read aloud as
# "XXXX-XXXX-XX". With joining rate-limited, guessing one is infeasible.
JOIN_CODE_LENGTH = 10


def new_join_code():
    return readable_code(JOIN_CODE_LENGTH)


class Workshop(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    date: Mapped[dt.date | None] = mapped_column(sa.Date)
    purpose: Mapped[str] = mapped_column(sa.Text, default="")
    engagement_level: Mapped[str] = mapped_column(sa.String(20))
    # Stored as typed on the projector, dashes included; compared normalised.
    join_code: Mapped[str] = mapped_column(
        sa.String(16), unique=True, default=new_join_code
    )
    # The workshop-wide event sequence (DESIGN.md, "The one path").
    seq: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    # The `seq` its search entries were built at (app/search/index.py);
    # None: never indexed. Behind `seq`, they are rebuilt before a search.
    indexed_seq: Mapped[int | None] = mapped_column(sa.BigInteger)
    # The activity everyone's screen follows (None: none started yet).
    current_activity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="SET NULL", use_alter=True)
    )
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    # A closed workshop takes no new joins; retention counts from here.
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # A rehearsal's real workshop (app/rehearsal.py): a copy of its agenda to
    # try out, reset by making a fresh copy, and deleted with it (by
    # plan.service.delete_workshop: a cascade within the table would make
    # SQLite's DROP TABLE follow it into tables already dropped).
    rehearsal_of_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("workshop.id"), index=True
    )
    # The series it belongs to (a quarterly forum), if any.
    series_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("series.id", ondelete="SET NULL"), index=True
    )
    # What every screen highlights: {"activity", "target", "id"} (None: nothing).
    spotlight: Mapped[dict | None] = mapped_column(sa.JSON)
    # The facilitators' latest message to everyone, and when it was sent.
    announcement: Mapped[str | None] = mapped_column(sa.Text)
    announced_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    team: Mapped["Team"] = relationship(back_populates="workshops")  # noqa: F821
    series: Mapped["Series | None"] = relationship(  # noqa: F821
        back_populates="workshops"
    )
    participants: Mapped[list["Participant"]] = relationship(  # noqa: F821
        back_populates="workshop",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Participant.joined_at",
    )

    @property
    def is_rehearsal(self):
        return self.rehearsal_of_id is not None

    @property
    def is_open(self):
        return self.closed_at is None

    @classmethod
    def by_join_code(cls, typed):
        """The open workshop a typed join code names, or None."""
        code = normalise_code(typed)
        if len(code) != JOIN_CODE_LENGTH:
            return None
        dashed = "-".join(code[i : i + 4] for i in range(0, len(code), 4))
        return db.session.scalar(sa.select(cls).filter_by(join_code=dashed))
