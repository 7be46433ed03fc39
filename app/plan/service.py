"""Changing a workshop's details: the logic behind the plan routes."""

import sqlalchemy as sa

from app.exports import jobs as export_jobs
from app.extensions import db
from app.models import Workshop


def create_workshop(team, user, form):
    """A new workshop for `team`, with a fresh join code."""
    workshop = Workshop(team=team, created_by_id=user.id)
    _copy_details(workshop, form)
    db.session.add(workshop)
    db.session.commit()
    return workshop


def delete_workshop(workshop):
    """Delete a workshop and everything in it, completely: its rehearsal too."""
    query = sa.select(Workshop).filter_by(rehearsal_of_id=workshop.id)
    rehearsals = db.session.scalars(query).all()
    # Its export files and chart images: named before their rows go.
    files = export_jobs.files_of([workshop, *rehearsals])
    for rehearsal in rehearsals:
        db.session.delete(rehearsal)
    db.session.flush()
    db.session.delete(workshop)
    db.session.commit()
    export_jobs.remove_files(files)


def _copy_details(workshop, form):
    workshop.title = form.title.data
    workshop.date = form.date.data
    workshop.purpose = form.purpose.data or ""
    workshop.engagement_level = form.engagement_level.data
