"""Fixtures: a series holding the cast's workshop, and actions made through
the write path."""

import datetime as dt

import pytest

from app.extensions import db
from app.models import Series
from tests.builders import act


def make_series(workshop, title="Domiciliary care provider forum"):
    """A series of `workshop`'s team with `workshop` in it."""
    series = Series(team_id=workshop.team_id, title=title)
    db.session.add(series)
    db.session.flush()
    workshop.series_id = series.id
    db.session.commit()
    return series


@pytest.fixture
def series(cast):
    """The cast's workshop (dated) in a series."""
    cast.workshop.date = dt.date(2025, 3, 5)
    return make_series(cast.workshop)


def make_action(actor, title="Publish the fee uplift", **fields):
    """An action agreed through the write path; its public id."""
    ack = act(actor, "follow_up.create", {"title": title, **fields})
    return ack["result"]["follow_up"]
