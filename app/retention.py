"""The team's retention period, enforced: a closed workshop whose close is
older than its team's `retention_days` is deleted completely, and the
deletion logged with no personal data (`RetentionDeletion`).

Everything of the workshop goes: its state, event log, exports (their files
too), share links, attendance, comments, redactions and rehearsals, through
`plan.service.delete_workshop` (rows by cascade). The series it belonged to
stays, with its actions: an action's "you said" words were copied into it
when it was made (`FollowUp.raised_text`), and it no longer points at the
workshop. Open workshops are never purged.

The server runs `purge` every RETENTION_PURGE_INTERVAL seconds (`start`,
from wsgi.py); `flask retention purge` runs it at once.
"""

import logging
from datetime import timedelta

import click
import sqlalchemy as sa

from app.extensions import db, socketio
from app.models import (
    Activity,
    Attendance,
    Event,
    ExportJob,
    LinkComment,
    Note,
    Participant,
    PathwayCard,
    Redaction,
    RetentionDeletion,
    ReviewComment,
    Score,
    ShareLink,
    SpectrumMark,
    Team,
    Workshop,
)
from app.models.types import utcnow
from app.plan.service import delete_workshop
from app.realtime import connections
from app.transactions import writing

log = logging.getLogger(__name__)

# What a deletion counts, by the column tying each row to its workshop.
COUNTED_BY_WORKSHOP = {
    "participants": Participant.workshop_id,
    "activities": Activity.workshop_id,
    "events": Event.workshop_id,
    "exports": ExportJob.workshop_id,
    "share_links": ShareLink.workshop_id,
    "attendance": Attendance.workshop_id,
    "review_comments": ReviewComment.workshop_id,
    "link_comments": LinkComment.workshop_id,
    "redactions": Redaction.workshop_id,
}
COUNTED_BY_ACTIVITY = {
    "notes": Note.activity_id,
    "scores": Score.activity_id,
    "spectrum_marks": SpectrumMark.activity_id,
    "pathway_cards": PathwayCard.activity_id,
}


def purge(now=None):
    """Delete every closed workshop past its team's retention period; the
    log rows of what was deleted."""
    now = now or utcnow()
    deletions = []
    for workshop_id in expired_ids(now):
        try:
            deletion = _purge_one(workshop_id, now)
        except Exception:
            # One workshop that cannot go now (SQLite busy) waits for the next run.
            log.exception("retention: could not delete workshop %s", workshop_id)
            continue
        if deletion is not None:
            deletions.append(deletion)
    return deletions


def expired_ids(now):
    """Ids of closed workshops whose team's retention period has passed,
    real workshops before rehearsals (a rehearsal goes with its workshop)."""
    ids = []
    for team_id, days in db.session.execute(sa.select(Team.id, Team.retention_days)):
        ids += db.session.scalars(
            sa.select(Workshop.id)
            .where(
                Workshop.team_id == team_id,
                Workshop.closed_at.is_not(None),
                Workshop.closed_at < now - timedelta(days=days),
            )
            # NULLs (real workshops) first on SQLite and PostgreSQL alike.
            .order_by(Workshop.rehearsal_of_id.is_not(None), Workshop.id)
        ).all()
    return ids


def _purge_one(workshop_id, now):
    """Delete one workshop if it is (still) past retention; its log row."""
    with writing(workshop_id):
        # Read again under the lock: another process may have deleted it, or
        # a facilitator reopened it, since the ids were listed.
        workshop = db.session.get(Workshop, workshop_id)
        if workshop is None or not _expired(workshop, now):
            db.session.rollback()
            return None
        deletion = RetentionDeletion(
            team_id=workshop.team_id,
            closed_at=workshop.closed_at,
            retention_days=workshop.team.retention_days,
            counts=_counts(workshop),
        )
        db.session.add(deletion)
        delete_workshop(workshop)  # commits the log row with the deletion
    connections.close_workshop(workshop_id)
    return deletion


def _expired(workshop, now):
    closed = workshop.closed_at
    return closed is not None and closed < now - timedelta(
        days=workshop.team.retention_days
    )


def _counts(workshop):
    """How many of each thing go with `workshop` and its rehearsals."""
    ids = db.session.scalars(
        sa.select(Workshop.id).where(
            sa.or_(Workshop.id == workshop.id, Workshop.rehearsal_of_id == workshop.id)
        )
    ).all()
    activities = sa.select(Activity.id).where(Activity.workshop_id.in_(ids))
    counts = {"rehearsals": len(ids) - 1}
    for name, column in COUNTED_BY_WORKSHOP.items():
        counts[name] = _count(column, column.in_(ids))
    for name, column in COUNTED_BY_ACTIVITY.items():
        counts[name] = _count(column, column.in_(activities))
    return counts


def _count(column, condition):
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(column.table).where(condition)
    )


# Run by the server, every RETENTION_PURGE_INTERVAL seconds.


class Purger:
    """The server's background task that purges on a schedule."""

    def __init__(self, app, interval):
        self.app, self.interval = app, interval
        self.stopped = False

    def run(self):
        while not self.stopped:
            self.run_once()
            socketio.sleep(self.interval)

    def run_once(self):
        try:
            with self.app.app_context():
                deletions = purge()
                if deletions:
                    log.info("retention: %s", summary(deletions))
        except Exception:
            log.exception("retention: the purge failed; trying again later")

    def stop(self):
        self.stopped = True


def start(app):
    """With the server: purge now and every RETENTION_PURGE_INTERVAL
    seconds (0: never); the running Purger, or None."""
    interval = app.config["RETENTION_PURGE_INTERVAL"]
    if not interval:
        return None
    purger = Purger(app, interval)
    socketio.start_background_task(purger.run)
    return purger


def summary(deletions):
    """One line saying what a purge deleted."""
    if not deletions:
        return "No workshop was past its team's retention period."
    participants = sum(d.counts.get("participants", 0) for d in deletions)
    return (
        f"Deleted {len(deletions)} closed workshop(s) past retention, "
        f"with {participants} participant(s)."
    )


# `flask retention purge`


@click.group("retention")
def retention_cli():
    """The team's retention period."""


@retention_cli.command("purge")
def purge_command():
    """Delete closed workshops past their team's retention period, now."""
    deletions = purge()
    click.echo(summary(deletions))
