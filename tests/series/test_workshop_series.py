"""Putting a workshop into a series from its details form: on creation, and
on edit through the write path (workshop.edit); only the team's own series,
and a bad choice says so and changes nothing."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Event, Workshop
from tests import builders
from tests.builders import act, refused
from tests.conftest import Auth
from tests.series.forum import make_series

DETAILS = {"title": "Spring forum", "engagement_level": "consultation"}


@pytest.fixture
def fac_client(app, team):
    client = app.test_client()
    Auth(client).login(builders.make_user(team, role="facilitator"))
    return client


def workshops():
    return db.session.scalars(sa.select(Workshop).order_by(Workshop.id)).all()


def edits():
    return db.session.scalars(sa.select(Event).filter_by(action="workshop.edit")).all()


def test_a_new_workshop_joins_the_chosen_series(app, team, fac_client):
    series = make_series(team)
    form = fac_client.get("/workshops/new").text
    assert f'<option value="{series.public_id}">{series.title}</option>' in form

    fac_client.post("/workshops/new", data={**DETAILS, "series": series.public_id})

    [workshop] = workshops()
    assert workshop.series_id == series.id


@pytest.mark.parametrize("choice", ["nosuchseries", "x" * 40, "theirs"])
def test_a_new_workshop_refuses_a_series_not_the_teams(app, team, fac_client, choice):
    """An unknown, over-long or other team's series: a clear error, no workshop."""
    if choice == "theirs":
        choice = make_series(builders.make_team(name="Elsewhere")).public_id

    response = fac_client.post("/workshops/new", data={**DETAILS, "series": choice})

    assert response.status_code == 200
    assert "Choose a series from the list." in response.text
    assert workshops() == []


def test_an_edit_puts_the_workshop_in_a_series_through_the_write_path(
    app, team, fac_client
):
    """The series is part of workshop.edit: one event, and the edit page
    shows the series chosen."""
    series = make_series(team)
    workshop = builders.make_workshop(team)
    url = f"/workshops/{workshop.public_id}/edit"
    data = {**DETAILS, "series": series.public_id, "op_id": builders.new_op_id()}

    response = fac_client.post(url, data=data)

    assert response.status_code == 302
    assert db.session.get(Workshop, workshop.id).series_id == series.id
    assert len(edits()) == 1
    page = fac_client.get(url).text
    assert f'<option selected value="{series.public_id}">' in page


def test_an_edit_to_no_series_takes_it_out(app, team, fac_client):
    series = make_series(team)
    workshop = builders.make_workshop(team, series_id=series.id)
    data = {**DETAILS, "series": "", "op_id": builders.new_op_id()}

    fac_client.post(f"/workshops/{workshop.public_id}/edit", data=data)

    assert db.session.get(Workshop, workshop.id).series_id is None


@pytest.mark.parametrize("choice", ["nosuchseries", "theirs"])
def test_an_edit_with_a_series_not_the_teams_changes_nothing(
    app, team, fac_client, choice
):
    """The write path refuses it, says why, and keeps every detail."""
    mine = make_series(team)
    if choice == "theirs":
        choice = make_series(builders.make_team(name="Elsewhere")).public_id
    workshop = builders.make_workshop(team, title="Before", series_id=mine.id)
    data = {**DETAILS, "series": choice, "op_id": builders.new_op_id()}

    response = fac_client.post(f"/workshops/{workshop.public_id}/edit", data=data)

    assert response.status_code == 400
    assert "That series does not exist in your team." in response.text
    db.session.expire_all()
    kept = db.session.get(Workshop, workshop.id)
    assert (kept.title, kept.series_id) == ("Before", mine.id)
    assert edits() == []


def test_an_edit_without_the_field_keeps_the_series(app, cast):
    """A payload that leaves the series out (a client editing the title)
    keeps it; one naming another team's is refused."""
    series = make_series(cast.workshop.team)
    cast.workshop.series_id = series.id
    db.session.commit()
    payload = {"title": "Renamed", "engagement_level": "consultation"}

    act(cast.fac, "workshop.edit", payload)
    theirs = make_series(builders.make_team(name="Elsewhere"))
    refusal = refused(
        cast.fac, "workshop.edit", {**payload, "series": theirs.public_id}
    )

    assert refusal.code == "not_found"
    workshop = db.session.get(Workshop, cast.workshop.id)
    assert (workshop.title, workshop.series_id) == ("Renamed", series.id)
