"""Series: making one, renaming it, finding the team's own, and making the next workshop
of a series from one of its workshops.

Making a series or a workshop is outside the write path (DESIGN.md exempts
creation, and a series is no workshop's state), so both are made here.
"""

import importlib
import importlib.util
from datetime import timedelta

import sqlalchemy as sa
from flask import abort
from fractional_indexing import generate_key_between

from app import rehearsal
from app.extensions import db
from app.kinds import KINDS
from app.kinds.content import method_of
from app.methods.lookup import frozen_method
from app.methods.texts import display
from app.models import Activity, FollowUp, Series, Workshop

# The activity kind that reviews the series' actions, built on its own; the
# next workshop opens with it once it is there.
ACTIONS_MODULE = "app.kinds.actions"
A_QUARTER = timedelta(days=91)


def team_series(team_id):
    """The team's series, newest first."""
    return db.session.scalars(
        sa.select(Series)
        .filter_by(team_id=team_id)
        .order_by(Series.created_at.desc(), Series.id.desc())
    ).all()


def series_or_404(team_id, public_id):
    """The team's series with this public id; any other team's is not found."""
    series = db.session.scalar(
        sa.select(Series).filter_by(team_id=team_id, public_id=public_id)
    )
    if series is None:
        abort(404)
    return series


def create_series(team, user, form):
    """A new, empty series for `team`."""
    series = Series(
        team_id=team.id,
        created_by_id=user.id,
        title=form.title.data,
        description=form.description.data or "",
    )
    db.session.add(series)
    db.session.commit()
    return series


def edit_series(series, form):
    """A series' new title and description (its workshops and actions stay)."""
    series.title = form.title.data
    series.description = form.description.data or ""
    db.session.commit()


def open_actions(series):
    """How many of the series' actions are open or in progress."""
    return db.session.scalar(
        sa.select(sa.func.count(FollowUp.id)).filter(
            FollowUp.series_id == series.id,
            FollowUp.status.in_(("open", "in_progress")),
        )
    )


def suggested_date(workshop):
    """A quarter after `workshop`, if it has a date."""
    return workshop.date + A_QUARTER if workshop.date else None


def create_next(source, user, title, date):
    """A new workshop in `source`'s series: its agenda copied fresh (method
    content and settings; no contributions, participants or report), not
    started, with a new join code. With open actions, it opens with a
    review of them. The series' actions carry forward as they are: they
    belong to the series."""
    workshop = Workshop(
        team_id=source.team_id,
        series_id=source.series_id,
        created_by_id=user.id,
        title=title,
        date=date,
        purpose=source.purpose,
        engagement_level=source.engagement_level,
    )
    db.session.add(workshop)
    db.session.flush()
    agenda = rehearsal.copy_agenda(source, workshop)
    if open_actions(source.series):
        _review_actions_first(workshop, agenda)
    db.session.commit()
    return workshop


def _review_actions_first(workshop, agenda):
    """Put the actions review first: the copied one if the agenda had it,
    else a new one (when this app runs that kind at all)."""
    method_id = _actions_method_id()
    if method_id is None:
        return
    review = next((a for a in agenda if method_of(a).get("method") == method_id), None)
    if review is None:
        review = _new_activity(workshop, method_id)
        if review is None:
            return
        db.session.add(review)
    elif review is agenda[0]:
        return
    first = agenda[0].position if agenda else None
    review.position = generate_key_between(None, first)
    db.session.flush()


def _actions_method_id():
    """The actions review's method id, or None before that kind exists."""
    if importlib.util.find_spec(ACTIONS_MODULE) is None:
        return None
    return getattr(importlib.import_module(ACTIONS_MODULE), "METHOD_ID", None)


def _new_activity(workshop, method_id):
    """A new, not started activity of method `method_id`, or None if this
    app has no such method or does not run its kind."""
    method = frozen_method(workshop.team_id, method_id)
    kind = KINDS.get(method["kind"]) if method else None
    if kind is None:
        return None
    return Activity(
        workshop_id=workshop.id,
        kind=kind.key,
        title=display(method["title"]),
        position=generate_key_between(None, None),
        phase=kind.initial_phase,
        content=kind.new_content(method),
        engagement=method.get("engagement"),
        minutes=method.get("minutes"),
    )
