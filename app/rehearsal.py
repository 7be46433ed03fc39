"""Rehearsals (issue 7, item 14): a facilitator tries a workshop out on a copy
of its agenda — its own join code, participants and writing — that never
touches the real one, and resets it by replacing it with a fresh copy.

Making and deleting a workshop are outside the write path (DESIGN.md exempts
creation and deletion), so a rehearsal is made and reset here.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from app.extensions import db
from app.kinds import kind_of
from app.models import Activity, Workshop, agenda_of
from app.plan import service
from app.realtime import connections

# What a facilitator set on an activity, kept in the copy; everything else in
# its content is what people wrote or did, which a rehearsal starts without.
SETTINGS = ("anonymous", "facilitators_see_private", "options", "columns")


def rehearsal_of(workshop):
    """The workshop's current rehearsal, or None."""
    return db.session.scalar(sa.select(Workshop).filter_by(rehearsal_of_id=workshop.id))


def rehearse(workshop, user):
    """The workshop's rehearsal: the one there is, or a fresh copy."""
    return rehearsal_of(workshop) or _copy(workshop, user)


def reset(rehearsal, user):
    """Replace a rehearsal with a fresh copy; everything in it is deleted."""
    real = db.session.get(Workshop, rehearsal.rehearsal_of_id)
    _delete(rehearsal)
    return _copy(real, user)


def _copy(workshop, user):
    copy = Workshop(
        team_id=workshop.team_id,
        created_by_id=user.id,
        title=_("Rehearsal: %(title)s", title=workshop.title)[:200],
        purpose=workshop.purpose,
        engagement_level=workshop.engagement_level,
        rehearsal_of_id=workshop.id,
    )
    db.session.add(copy)
    db.session.flush()
    copy_agenda(workshop, copy)
    db.session.commit()
    return copy


def copy_agenda(source, target):
    """Add to `target` a fresh copy of `source`'s agenda: each activity as
    planned (method content, settings), not started, nothing written; one of
    a kind this app does not run is left out. Also the next workshop of a
    series (app/series/service.py). The caller commits."""
    copies = [
        _fresh(activity, target)
        for activity in agenda_of(source.id)
        if kind_of(activity) is not None
    ]
    db.session.add_all(copies)
    db.session.flush()
    return copies


def _fresh(activity, workshop):
    """The activity as it was planned: not started, nothing written."""
    kind = kind_of(activity)
    content = kind.new_content(activity.content["method"])
    content.update(
        {key: activity.content[key] for key in SETTINGS if key in activity.content}
    )
    return Activity(
        workshop_id=workshop.id,
        kind=activity.kind,
        title=activity.title,
        position=activity.position,
        phase=kind.initial_phase,
        content=content,
        in_groups=activity.in_groups,
        engagement=activity.engagement,
        minutes=activity.minutes,
    )


def _delete(rehearsal):
    """Delete completely, and close every screen still open on it."""
    key = rehearsal.id
    service.delete_workshop(rehearsal)
    connections.close_workshop(key)
