"""What the review of a series' actions shows, and to which streams.

The actions are the series' rows (app/models/series.py: FollowUp, with its
dated updates), read live: a review shows them as they are now. The whole
room sees the list (participants, facilitators, the projector); a group's
or a person's private stream none of it, since the room's stream already
carries it to them. Each action is seen as app/follow_ups/service.py shows
it to that stream, live and on the public summary alike: its public fields
("you said, we did": what was raised, unless the note it quotes is gone,
hidden or redacted; what will be done, the owner organisation, due date,
status and dated updates), and for facilitators also the owner's name.

    state = {"series": {"title"} or None (the workshop is in no series),
             "since": ISO date of the series' previous workshop, or None,
             "open": [action], "closed": [action], "showing": id or None,
             "moved": [checklist]}  # how the checklist moved: see below

"open" holds the actions open or in progress; "closed" those done or
dropped since the previous workshop of the series (all of them if there
is none). Actions raised in this very workshop are not last time's, and
are left out.
"""

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app import audiences
from app.extensions import db

# The module, not its names: it imports app.kinds (through board_view),
# which imports this module, so its names may not exist yet at import time.
from app.follow_ups import service as follow_ups
from app.models import Workshop
from app.models.series import FollowUp
from app.models.types import utcnow

WHOLE_ROOM = frozenset(
    {audiences.PARTICIPANTS, audiences.FACILITATORS, audiences.PROJECTOR_STREAM}
)
CLOSED = ("done", "dropped")


def snapshot(activity, stream_key):
    """The review as `stream_key` sees it: the whole room, or nothing."""
    if stream_key not in WHOLE_ROOM:
        return {}
    workshop = db.session.get(Workshop, activity.workshop_id)
    if workshop.series is None:
        return {"series": None}
    since = previous_workshop_date(workshop)
    open_now, closed_since = reviewed(workshop, since)
    view = (
        follow_ups.team_view
        if stream_key == audiences.FACILITATORS
        else follow_ups.public_view
    )
    return {
        "series": {"title": workshop.series.title},
        "since": since.isoformat() if since else None,
        "open": [view(row) for row in open_now],
        "closed": [view(row) for row in closed_since],
        "showing": activity.content.get("showing"),
        "moved": checklist_moves(workshop),
    }


def checklist_moves(workshop):
    """How each checklist the series revealed before this workshop moved,
    for the room to see beside the actions: per item, the mean score of
    everyone who scored it at the last two earlier workshops that did (the
    room saw them revealed; never split by role here), and whether its
    wording or scale changed in between.

        {"title", "top": the scale's highest score,
         "items": [{"label", "now", "now_on", "before", "before_on",
                    "changed"}]}  # before/before_on None: scored once
    """
    # Imported here: app.series reads app.kinds, which imports this module.
    from app.series import sources, trends

    before = workshop.date or utcnow().date()
    earlier = [
        w
        for w in sources.workshops_of(workshop.series)
        if w.id != workshop.id and w.date is not None and w.date < before
    ]
    dates = {w.public_id: w.date.isoformat() for w in earlier}
    sheets = sources.checklist_sheets(earlier)
    return [_moves(trend, dates) for trend in trends.checklist_trends(sheets)]


def _moves(trend, dates):
    items = []
    for element in trend.elements:
        scored = [point for point in element.overall if point.mean is not None]
        if not scored:
            continue
        now, before = scored[-1], (scored[-2] if len(scored) > 1 else None)
        items.append(
            {
                "label": element.label,
                "now": round(now.mean, 2),
                "now_on": dates[now.occasion.key],
                "before": round(before.mean, 2) if before else None,
                "before_on": dates[before.occasion.key] if before else None,
                "changed": before is not None
                and before.step.segment != now.step.segment,
            }
        )
    top = max((value for value, _label in trend.scale), default=None)
    return {"title": trend.title, "top": top, "items": items}


def previous_workshop_date(workshop):
    """The date of the series' last workshop before this one, or None
    (workshops with no date are not counted)."""
    before = workshop.date or utcnow().date()
    return db.session.scalar(
        sa.select(sa.func.max(Workshop.date)).where(
            Workshop.series_id == workshop.series_id,
            Workshop.id != workshop.id,
            Workshop.date < before,
        )
    )


def reviewed(workshop, since):
    """(open or in progress, done or dropped since `since`), each in order
    of due date (none last); not those raised in `workshop` itself."""
    rows = db.session.scalars(
        sa.select(FollowUp)
        .where(
            FollowUp.series_id == workshop.series_id,
            sa.or_(
                FollowUp.raised_in_id.is_(None), FollowUp.raised_in_id != workshop.id
            ),
        )
        .options(selectinload(FollowUp.updates))
    ).all()
    rows = sorted(rows, key=lambda row: (row.due_date or dt.date.max, row.id))
    open_now = [row for row in rows if row.is_open]
    closed = [row for row in rows if row.status in CLOSED]
    if since is not None:
        closed = [row for row in closed if closed_on(row) >= since]
    return open_now, closed


def closed_on(follow_up):
    """The day an action was done or dropped: its last update that set
    that status, else its last change."""
    marked = [
        update.created_at for update in follow_up.updates if update.status in CLOSED
    ]
    return max(marked, default=follow_up.updated_at).date()
