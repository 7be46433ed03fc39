"""Rehearsing and previewing over HTTP."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Workshop
from tests import builders
from tests.conftest import Auth


def signed_in(app, user):
    client = app.test_client()
    Auth(client).login(user)
    return client


def rehearsal_of(workshop):
    db.session.expire_all()  # SQLite may reuse a deleted rehearsal's row id
    return db.session.scalar(sa.select(Workshop).filter_by(rehearsal_of_id=workshop.id))


def test_a_facilitator_rehearses_and_resets(app, cast):
    builders.make_board(cast.fac)
    client = signed_in(app, builders.make_user(cast.workshop.team, email="f@x.org"))
    base = f"/workshops/{cast.workshop.public_id}"

    response = client.post(f"{base}/rehearsal")
    copy = rehearsal_of(cast.workshop).public_id
    assert response.headers["Location"] == f"/workshops/{copy}/"
    console = client.get(response.headers["Location"])
    assert "This is a rehearsal" in console.text
    assert rehearsal_of(cast.workshop).join_code in console.text
    again = client.post(f"{base}/rehearsal")
    assert again.headers["Location"] == f"/workshops/{copy}/"

    reset = client.post(f"/workshops/{copy}/rehearsal/reset")
    fresh = rehearsal_of(cast.workshop)
    assert fresh.public_id != copy
    assert reset.headers["Location"] == f"/workshops/{fresh.public_id}/"
    # A rehearsal is not rehearsed; a real workshop is not reset.
    assert client.post(f"/workshops/{fresh.public_id}/rehearsal").status_code == 400
    assert client.post(f"{base}/rehearsal/reset").status_code == 400


def test_the_preview_shows_one_activity_on_a_participant_page(app, cast):
    board = builders.make_board(cast.fac)
    client = signed_in(app, builders.make_user(cast.workshop.team, email="f@x.org"))

    page = client.get(f"/workshops/{cast.workshop.public_id}/preview/{board}")

    assert page.status_code == 200
    assert "Preview: Ideas" in page.text and f'data-activity="{board}"' in page.text
    missing = client.get(f"/workshops/{cast.workshop.public_id}/preview/nothing")
    assert missing.status_code == 404
