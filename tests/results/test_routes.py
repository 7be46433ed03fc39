"""Charts of revealed results, for live screens: from app/charts.py, only
once revealed, and only for the team, the workshop's participants and the
projector link."""

import pytest

from app.extensions import db
from app.models import Participant
from app.models.types import utcnow
from app.tokens import projector_token
from tests import builders
from tests.builders import act, participant_actor, set_phase
from tests.conftest import join_as


def _url(workshop, activity, **query):
    url = f"/results/{workshop.public_id}/{activity}/charts.json"
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def scored(cast):
    """A CCPS checklist Ann and Bob scored, still private."""
    added = act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})
    activity = added["result"]["activity"]
    set_phase(cast.fac, activity, "scoring")
    for actor, value in ((cast.ann_actor, 2), (cast.bob_actor, 0)):
        payload = {"activity": activity, "item": "element-1", "value": value}
        act(actor, "checklist.score", payload)
    return activity


def test_no_charts_before_the_reveal(client, facilitator, cast, scored):
    assert client.get(_url(cast.workshop, scored)).status_code == 404


def test_the_team_gets_the_distribution_after_the_reveal(
    client, facilitator, cast, scored
):
    set_phase(cast.fac, scored, "reveal")

    response = client.get(_url(cast.workshop, scored))

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    [chart] = response.get_json()["charts"]  # two people: no split by role
    assert chart["id"] == "overall"
    spec = chart["spec"]
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    text = str(spec)
    assert "We have good consistent evidence" in text
    assert "Our commissioning is person centred" in text


def test_a_participant_of_the_workshop_gets_them(app, cast, scored):
    set_phase(cast.fac, scored, "reveal")
    browser = app.test_client()
    assert join_as(browser, cast.workshop, display_name="Cy").status_code == 302

    assert browser.get(_url(cast.workshop, scored)).status_code == 200


def test_the_projector_link_gets_them(app, cast, scored):
    set_phase(cast.fac, scored, "reveal")
    token = projector_token(cast.workshop)
    browser = app.test_client()

    assert browser.get(_url(cast.workshop, scored, screen=token)).status_code == 200
    other = builders.make_workshop(cast.workshop.team, title="Other")
    wrong = projector_token(other)
    assert browser.get(_url(cast.workshop, scored, screen=wrong)).status_code == 404
    assert browser.get(_url(cast.workshop, scored, screen="x")).status_code == 404


def test_strangers_and_removed_participants_get_nothing(app, cast, scored):
    set_phase(cast.fac, scored, "reveal")
    stranger = app.test_client()
    assert stranger.get(_url(cast.workshop, scored)).status_code == 404

    browser = app.test_client()
    join_as(browser, cast.workshop, display_name="Cy")
    cy = db.session.scalar(db.select(Participant).filter_by(display_name="Cy"))
    cy.removed_at = utcnow()
    db.session.commit()
    assert browser.get(_url(cast.workshop, scored)).status_code == 404


def test_a_board_has_no_charts(client, facilitator, cast, board):
    set_phase(cast.fac, board, "voting")
    assert client.get(_url(cast.workshop, board)).status_code == 404


def test_the_split_by_role_appears_once_the_room_is_large_enough(
    client, facilitator, cast, scored
):
    for n, role in enumerate(["commissioner"] * 3 + ["provider"] * 3):
        person = builders.make_participant(
            cast.workshop, display_name=f"P{n}", role=role
        )
        payload = {"activity": scored, "item": "element-2", "value": 1}
        act(participant_actor(person), "checklist.score", payload)
    set_phase(cast.fac, scored, "reveal")

    charts = client.get(_url(cast.workshop, scored)).get_json()["charts"]

    assert [chart["id"] for chart in charts] == ["overall", "by_role"]
    assert "Commissioner" in str(charts[1]["spec"])
