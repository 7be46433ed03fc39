"""Actions of a series as the pages, the live streams, the report and the
public summary read them, and the workshop a series-level change goes
through.

"Public" fields are the "you said, we did" content anyone may read on the
public summary: what was raised, what will be done, by which organisation,
by when, and the dated updates. The owner's name is the team's alone.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from app.changes import Refused
from app.extensions import db
from app.follow_ups.forms import status_labels
from app.follow_ups.sources import note_withheld
from app.models import Event, FollowUp, Series, Workshop

# The write path's actions that change an existing action.
CHANGES = ("follow_up.edit", "follow_up.update")


def series_of(workshop):
    """The workshop's series; Refused if it is in none."""
    if workshop.series is None:
        raise Refused(
            "not_in_series",
            _("This workshop is not in a series: actions belong to a series."),
        )
    return workshop.series


def find(series, public_id):
    """The series' action with this public id (any other does not exist)."""
    follow_up = db.session.scalar(
        sa.select(FollowUp).filter_by(series_id=series.id, public_id=public_id)
    )
    if follow_up is None:
        raise Refused("not_found", _("That action does not exist here."))
    return follow_up


def latest_workshop(series):
    """The series' most recent workshop (by date, then when it was made):
    where a change made with no workshop in view goes through; None if the
    series has no workshop yet."""
    return db.session.scalar(
        sa.select(Workshop)
        .filter_by(series_id=series.id)
        .order_by(
            Workshop.date.is_(None),
            Workshop.date.desc(),
            Workshop.created_at.desc(),
            Workshop.id.desc(),
        )
        .limit(1)
    )


def ordered_workshops(series):
    """The series' workshops, oldest first (undated ones last)."""
    return db.session.scalars(
        sa.select(Workshop)
        .filter_by(series_id=series.id)
        .order_by(Workshop.date.is_(None), Workshop.date, Workshop.created_at)
    ).all()


def actions_of(series):
    return db.session.scalars(
        sa.select(FollowUp).filter_by(series_id=series.id).order_by(FollowUp.id)
    ).all()


def raised_words(follow_up):
    """What was said, as copied; "" once the note it quotes is deleted,
    hidden or redacted (its words then show nowhere)."""
    if follow_up.source_kind == "note" and note_withheld(
        follow_up.raised_in_id, follow_up.source_ref
    ):
        return ""
    return follow_up.raised_text


def status_label(status):
    return str(status_labels().get(status, status))


def public_view(follow_up):
    """An action's public fields ("you said, we did"), names left out."""
    workshop = db.session.get(Workshop, follow_up.raised_in_id or 0)
    return {
        "id": follow_up.public_id,
        "title": follow_up.title,
        "raised_text": raised_words(follow_up),
        "source_kind": follow_up.source_kind,
        "owner_organisation": follow_up.owner_organisation,
        "due_date": follow_up.due_date.isoformat() if follow_up.due_date else None,
        "status": follow_up.status,
        "status_label": status_label(follow_up.status),
        "version": follow_up.version,
        "raised_in": _workshop_view(workshop),
        "updates": [_update_view(update) for update in follow_up.updates],
    }


def team_view(follow_up):
    """The public fields and the owner's name: for the team's eyes."""
    return {**public_view(follow_up), "owner_person": follow_up.owner_person}


def _workshop_view(workshop):
    if workshop is None:
        return None
    date = workshop.date.isoformat() if workshop.date else None
    return {"id": workshop.public_id, "title": workshop.title, "date": date}


def _update_view(update):
    return {
        "id": update.public_id,
        "at": update.created_at.isoformat(),
        "body": update.body,
        "status": update.status,
        "status_label": status_label(update.status) if update.status else None,
    }


def raised_in(workshop):
    """The actions raised in `workshop`, oldest first."""
    return db.session.scalars(
        sa.select(FollowUp).filter_by(raised_in_id=workshop.id).order_by(FollowUp.id)
    ).all()


def reviewed_in(workshop):
    """The actions of earlier workshops that `workshop` reviewed: those its
    own event log shows it edited or updated, oldest first."""
    refs = db.session.scalars(
        sa.select(Event.refs).filter(
            Event.workshop_id == workshop.id, Event.action.in_(CHANGES)
        )
    )
    ids = {ref.get("follow_up") for ref in refs if isinstance(ref, dict)}
    if workshop.series_id is None or not ids - {None}:
        return []
    return db.session.scalars(
        sa.select(FollowUp)
        .filter(
            FollowUp.id.in_(ids - {None}),
            FollowUp.series_id == workshop.series_id,
            sa.or_(
                FollowUp.raised_in_id.is_(None), FollowUp.raised_in_id != workshop.id
            ),
        )
        .order_by(FollowUp.id)
    ).all()


def _not_raised_in(workshop):
    return sa.or_(FollowUp.raised_in_id.is_(None), FollowUp.raised_in_id != workshop.id)


def published(token):
    """The series whose public summary `token` names, or None."""
    if not token:
        return None
    return db.session.scalar(sa.select(Series).filter_by(summary_token=token[:64]))
