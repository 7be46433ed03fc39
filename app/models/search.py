"""What search looks through: one row per searchable piece of text of a
team's saved workshops and their series' actions, as the report shows it.

A copy, rebuilt from the workshop (app/search/index.py) whenever its `seq`
has moved past `Workshop.indexed_seq`; every foreign key cascades, so a
deleted workshop, participant, activity or action takes its rows along.
The full-text index on `text` is the database's own (app/search/ddl.py).
"""

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.search import ddl


class SearchEntry(db.Model):
    __tablename__ = "search_entry"

    # A rowid on SQLite: FTS5's external content table joins on it.
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"))
    # The workshop it was said in (None for a series' action: its workshop
    # is the action's, read when it is shown).
    workshop_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    follow_up_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("follow_up.id", ondelete="CASCADE"), index=True
    )
    series_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("series.id", ondelete="SET NULL")
    )
    activity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE")
    )
    # Its writer, kept only where the report may name them (not in an
    # anonymous activity); the name is shown only with their consent, read
    # when the result is shown.
    participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE")
    )
    # What it is: "note", "card", "topic", "comment", "agreed",
    # "review_comment", "link_comment", "action", "action_update".
    kind: Mapped[str] = mapped_column(sa.String(20))
    # What a redaction of it names ("note:<public id>", app.models.Redaction);
    # an action's "you said" carries its note's, so it goes with the note.
    ref: Mapped[str] = mapped_column(sa.String(80))
    text: Mapped[str] = mapped_column(sa.Text)
    # The writer's role (None in an anonymous activity, or not a participant).
    role: Mapped[str | None] = mapped_column(sa.String(20))
    # The activity's method ("ccps-checklist", "team:<public id>").
    method: Mapped[str | None] = mapped_column(sa.String(80))
    occurred_on: Mapped[dt.date | None] = mapped_column(sa.Date)


ddl.attach(SearchEntry.__table__)
