"""Changing a workshop's details: the logic behind the plan routes."""

import sqlalchemy as sa

from app.exports import jobs as export_jobs
from app.extensions import db
from app.models import Series, Workshop


class UnknownSeries(LookupError):
    """A workshop form named a series that is not the team's own."""


def series_for(team_id, public_id):
    """The series a workshop form chose: None for none, else the team's own
    series with that public id; UnknownSeries for any other."""
    if not public_id:
        return None
    series = db.session.scalar(
        sa.select(Series).filter_by(team_id=team_id, public_id=public_id)
    )
    if series is None:
        raise UnknownSeries(public_id)
    return series


def series_choices(team_id):
    """The team's series, by title, for a workshop form's select."""
    return db.session.scalars(
        sa.select(Series).filter_by(team_id=team_id).order_by(Series.title, Series.id)
    ).all()


def create_workshop(team, user, form):
    """A new workshop for `team`, with a fresh join code (in the series the
    form chose, which the route has checked is the team's)."""
    series = series_for(team.id, form.series.data)
    workshop = Workshop(team=team, created_by_id=user.id, series=series)
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
