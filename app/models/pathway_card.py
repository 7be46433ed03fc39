"""Yellow brick road cards: the steps of a pathway and what hangs off them."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.ids import public_id
from app.models.types import ORDER_KEY, UtcDateTime, utcnow


class PathwayCard(db.Model):
    """One card in a lane: a step a person takes (`steps`), a resource needed,
    a brick wall met, a way over a wall (`resources`, `walls`, `overcome`:
    each on a step), or how progress would be measured (`measures`)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        sa.String(24), unique=True, default=public_id
    )
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    # Set when the activity runs in groups: each group maps its own road.
    group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("breakout_group.id", ondelete="SET NULL")
    )
    lane: Mapped[str] = mapped_column(sa.String(20))
    # The step a resource, wall or way over hangs off; the wall a way over
    # answers. Deleting a step deletes what hangs off it.
    step_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("pathway_card.id", ondelete="CASCADE"), index=True
    )
    wall_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("pathway_card.id", ondelete="CASCADE")
    )
    order_key: Mapped[str] = mapped_column(ORDER_KEY)
    text: Mapped[str] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(default=1)
    author_participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE")
    )
    author_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    group: Mapped["Group | None"] = relationship()  # noqa: F821
    author: Mapped["Participant | None"] = relationship()  # noqa: F821
