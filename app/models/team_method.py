"""A team's own copy of a built-in method, edited with forms."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.ids import public_id
from app.models.types import UtcDateTime, utcnow


class TeamMethod(db.Model):
    """The method's whole content (the shape of a content file's `as_content()`),
    with the team's own wording marked `own`; and what it was copied from."""

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    team_id: Mapped[int] = mapped_column(
        sa.ForeignKey("team.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(40))
    title: Mapped[str] = mapped_column(sa.String(200))
    content: Mapped[dict] = mapped_column(MutableDict.as_mutable(sa.JSON))
    copied_from: Mapped[str] = mapped_column(sa.String(64))
    copied_from_version: Mapped[int]
    # Bumped on every edit: an activity records the version it froze.
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, default=utcnow, onupdate=utcnow
    )

    created_by: Mapped["User | None"] = relationship()  # noqa: F821
