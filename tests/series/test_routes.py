"""The series pages over HTTP: the team's series listed, made by
facilitators, read by reviewers, hidden from other teams; the trends with
their charts, words and tables; and bad input refused with nothing made."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.exports import runner
from app.exports.worker import charts_dir
from app.extensions import db
from app.models import Series
from tests import builders
from tests.conftest import Auth
from tests.series.forum import (
    add_spectrum,
    checklist_workshop,
    make_series,
    quarterly_forum,
)


def signed_in(app, user):
    client = app.test_client()
    Auth(client).login(user)
    return client


def series_count():
    return db.session.scalar(sa.select(sa.func.count(Series.id)))


@pytest.fixture
def fac_client(app, team):
    return signed_in(app, builders.make_user(team, role="facilitator"))


@pytest.fixture
def reviewer_client(app, team):
    return signed_in(app, builders.make_user(team, role="reviewer"))


def test_the_list_shows_only_the_teams_own_series(app, team, fac_client):
    """Each team sees its own series and no other's."""
    make_series(team, title="Home forum")
    make_series(builders.make_team(name="Elsewhere"), title="Their forum")

    page = fac_client.get("/series/").text

    assert "Home forum" in page and "Their forum" not in page
    assert 'href="/series/new"' in page


def test_a_facilitator_creates_a_series(app, team, fac_client):
    """A title and description make an empty series of the team."""
    data = {"title": "  Provider forum  ", "description": "Quarterly."}
    response = fac_client.post("/series/new", data=data)

    series = db.session.scalar(sa.select(Series))
    assert response.headers["Location"] == f"/series/{series.public_id}"
    assert (series.team_id, series.title, series.description) == (
        team.id,
        "Provider forum",
        "Quarterly.",
    )
    page = fac_client.get(response.headers["Location"]).text
    assert "No workshops in this series yet." in page


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("x" * 201, "Must be between 1 and 200 characters."),
    ],
)
def test_a_bad_title_is_refused_with_nothing_made(app, fac_client, title, message):
    """An empty or over-long title says why, and makes no series."""
    response = fac_client.post("/series/new", data={"title": title})

    assert response.status_code == 200
    assert message in response.text
    assert series_count() == 0


def test_an_over_long_description_is_refused(app, fac_client):
    response = fac_client.post(
        "/series/new", data={"title": "Forum", "description": "x" * 2001}
    )
    assert "Use at most 2000 characters." in response.text
    assert series_count() == 0


def test_a_facilitator_renames_a_series_and_keeps_its_workshops(app, team, fac_client):
    """The series page links to its form; a new title and description are
    saved, and the workshops stay in the series."""
    series, quarters = quarterly_forum(team)
    base = f"/series/{series.public_id}"
    assert f'href="{base}/edit"' in fac_client.get(base).text
    form = fac_client.get(f"{base}/edit").text
    assert 'value="Domiciliary care provider forum"' in form

    data = {"title": "  Home care forum  ", "description": "Every quarter."}
    response = fac_client.post(f"{base}/edit", data=data)

    assert response.headers["Location"] == base
    db.session.refresh(series)
    assert (series.title, series.description) == ("Home care forum", "Every quarter.")
    assert all(workshop.series_id == series.id for workshop in quarters)
    assert "Home care forum" in fac_client.get(base).text


def test_a_bad_edit_says_why_and_changes_nothing(
    app, team, fac_client, reviewer_client
):
    """An empty title is refused on the form; a reviewer sees no link and
    is refused; the series keeps its title either way."""
    series = make_series(team, description="Quarterly.")
    base = f"/series/{series.public_id}"

    response = fac_client.post(f"{base}/edit", data={"title": " "})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert f'href="{base}/edit"' not in reviewer_client.get(base).text
    assert reviewer_client.post(f"{base}/edit", data={"title": "X"}).status_code == 403
    db.session.refresh(series)
    assert (series.title, series.description) == (
        "Domiciliary care provider forum",
        "Quarterly.",
    )


def test_a_reviewer_reads_the_series_but_cannot_make_one(app, team, reviewer_client):
    """Reviewers read series pages; making a series or a workshop is refused."""
    series, (spring, _s, _a) = quarterly_forum(team)
    base = f"/series/{series.public_id}"

    page = reviewer_client.get(base)
    assert page.status_code == 200 and "Spring forum" in page.text
    assert "Create the next workshop from this one" not in page.text
    assert reviewer_client.get("/series/new").status_code == 403
    assert reviewer_client.post("/series/new", data={"title": "X"}).status_code == 403
    nexts = f"{base}/workshops/{spring.public_id}/next"
    assert reviewer_client.post(nexts, data={"title": "Next"}).status_code == 403
    assert series_count() == 1


def test_another_teams_series_is_not_found(app, team):
    """Another team's facilitator gets 404 for every page of the series."""
    series, (spring, _s, _a) = quarterly_forum(team)
    other = builders.make_team(name="Elsewhere")
    client = signed_in(app, builders.make_user(other))
    base = f"/series/{series.public_id}"
    key = "checklist-ccps-checklist-means"

    assert client.get(base).status_code == 404
    assert client.get(f"{base}/charts/{key}.svg").status_code == 404
    assert client.get(f"{base}/workshops/{spring.public_id}/next").status_code == 404


def test_charts_of_trends_gone_by_are_deleted(app, team, fac_client):
    """The series page keeps only the chart images its trends still draw:
    after a new workshop moves the means, the old picture's file goes."""
    series, _quarters = quarterly_forum(team)
    base = f"/series/{series.public_id}"
    means = f"{base}/charts/checklist-ccps-checklist-means.svg"
    folder = charts_dir(app.config) / series.public_id
    fac_client.get(base)
    assert fac_client.get(means).status_code == 200
    before = {path.name for path in folder.glob("*.svg")}
    assert before

    scored = [("provider", 3, {"element-1": 0})]
    checklist_workshop(series, "Winter forum", date(2025, 12, 10), scored)
    fac_client.get(base)
    assert fac_client.get(means).status_code == 200

    after = {path.name for path in folder.glob("*.svg")}
    assert after and not after & before


def test_a_chart_the_worker_cannot_draw_is_a_503(app, team, fac_client, monkeypatch):
    """A chart whose worker does not answer in time: 503, not a 500."""
    series, _quarters = quarterly_forum(team)

    def unavailable(spec, workshop=None):
        raise runner.WorkerUnavailable("no answer")

    monkeypatch.setattr(runner, "chart_svg", unavailable)
    means = f"/series/{series.public_id}/charts/checklist-ccps-checklist-means.svg"
    assert fac_client.get(means).status_code == 503


def test_signed_out_visitors_are_sent_to_sign_in(app, team, client):
    series = make_series(team)
    for url in ("/series/", "/series/new", f"/series/{series.public_id}"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login")


def test_the_series_page_shows_the_trends_with_words_and_tables(app, team, fac_client):
    """Workshops by date; a chart image per trend with its numbers in words
    and a table; the reworded item marked; the gap shown."""
    series, _quarters = quarterly_forum(team)

    page = fac_client.get(f"/series/{series.public_id}").text

    order = [page.index(title) for title in ("Spring", "Summer", "Autumn")]
    assert order == sorted(order)
    base = f"/series/{series.public_id}/charts/checklist-ccps-checklist"
    for key in ("means", "roles", "gap"):
        assert f'src="{base}-{key}.svg"' in page
    assert "wording changed" in page
    assert "commissioners 2.00, providers 0.00" in page  # spring's element-1
    assert "Other roles" in page
    assert page.count("<table") == 3


def test_a_chart_is_drawn_as_svg_and_unknown_charts_are_not_found(
    app, team, reviewer_client
):
    """The chart route returns the worker's SVG, break marker included."""
    series, _quarters = quarterly_forum(team)
    base = f"/series/{series.public_id}/charts"

    response = reviewer_client.get(f"{base}/checklist-ccps-checklist-means.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert "wording changed" in response.text
    assert reviewer_client.get(f"{base}/nothing.svg").status_code == 404


def test_an_empty_series_says_there_is_nothing_to_compare(app, team, fac_client):
    series = make_series(team)
    page = fac_client.get(f"/series/{series.public_id}").text
    assert "Nothing to compare yet" in page


def test_the_spectrums_movement_is_on_the_page_and_drawn(app, team, fac_client):
    """Mean "now" and "aspiration" per workshop, in the table and the chart."""
    series, (spring, summer, _autumn) = quarterly_forum(team)
    add_spectrum(spring, [(1, 4), (2, 5)])
    add_spectrum(summer, [(3, 5), (3, None)])

    page = fac_client.get(f"/series/{series.public_id}").text

    assert "Where we are now and where we want to be" in page
    assert "1.50 → 4.50" in page and "3.00 → 5.00" in page
    key = "spectrum-ccps-spectrum-movement"
    chart = fac_client.get(f"/series/{series.public_id}/charts/{key}.svg")
    assert chart.status_code == 200 and "Identification of need" in chart.text
