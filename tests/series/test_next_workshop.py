""" "Create the next workshop from this one": a new workshop in the same
series with a fresh copy of the agenda and nothing else; the series' open
actions carried by a review of them first on the agenda."""

import importlib.util
from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.kinds.content import method_of
from app.models import (
    Activity,
    FollowUp,
    Group,
    Note,
    Participant,
    ReportText,
    Score,
    Workshop,
)
from tests import builders
from tests.builders import act, add_note, make_board, set_phase
from tests.conftest import Auth
from tests.series.forum import make_series

HAS_ACTIONS_KIND = importlib.util.find_spec("app.kinds.actions") is not None
needs_actions_kind = pytest.mark.skipif(
    not HAS_ACTIONS_KIND, reason="the actions review kind is not in this app yet"
)


@pytest.fixture
def forum(cast):
    """`cast`'s workshop in a series, with a board of notes, a revealed
    anonymous checklist with scores, a group and the report's words."""
    series = make_series(cast.workshop.team)
    cast.workshop.series = series
    cast.workshop.purpose = "Review the quarter."
    db.session.commit()  # before the write path starts its own transactions
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="Pay for travel time")
    payload = {"method": "ccps-checklist", "anonymous": True, "minutes": 50}
    sheet = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(cast.fac, sheet, "scoring")
    act(
        cast.bob_actor,
        "checklist.score",
        {"activity": sheet, "item": "element-1", "value": 2},
    )
    set_phase(cast.fac, sheet, "reveal")
    builders.make_group(cast.fac)
    db.session.add(ReportText(workshop_id=cast.workshop.id, summary="A good day."))
    db.session.commit()
    return series


@pytest.fixture
def fac_client(app, cast):
    client = app.test_client()
    Auth(client).login(builders.make_user(cast.workshop.team, email="fac@example.org"))
    return client


def next_url(series, workshop):
    return f"/series/{series.public_id}/workshops/{workshop.public_id}/next"


def agenda(workshop):
    return db.session.scalars(
        sa.select(Activity)
        .filter_by(workshop_id=workshop.id)
        .order_by(Activity.position, Activity.id)
    ).all()


def made(title):
    return db.session.scalar(sa.select(Workshop).filter_by(title=title))


def count(model, workshop):
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(model).filter_by(workshop_id=workshop.id)
    )


def test_the_form_suggests_the_title_and_a_quarter_later(app, cast, forum, fac_client):
    cast.workshop.date = date(2025, 3, 12)
    db.session.commit()

    page = fac_client.get(next_url(forum, cast.workshop)).text

    assert 'value="Test workshop"' in page and 'value="2025-06-11"' in page


def test_the_next_workshop_copies_the_agenda_and_nothing_else(
    app, cast, forum, fac_client
):
    """Same activities, methods and settings, not started; no participants,
    notes, scores, groups, report words or results; same series."""
    data = {"title": "Summer forum", "date": "2025-06-11"}
    response = fac_client.post(next_url(forum, cast.workshop), data=data)

    new = made("Summer forum")
    assert response.headers["Location"] == f"/workshops/{new.public_id}/agenda"
    assert (new.series_id, str(new.date), new.purpose) == (
        forum.id,
        "2025-06-11",
        "Review the quarter.",
    )
    assert new.join_code != cast.workshop.join_code and new.is_open
    old, copied = agenda(cast.workshop), agenda(new)
    assert [(a.kind, a.title, a.minutes) for a in copied] == [
        (a.kind, a.title, a.minutes) for a in old
    ]
    assert [method_of(a) for a in copied] == [method_of(a) for a in old]
    assert [a.phase for a in copied] == ["not_started", "not_started"]
    checklist = copied[1]
    assert checklist.content["anonymous"] is True
    assert not checklist.content.get("revealed") and checklist.content["agreed"] == {}
    for model in (Participant, Group):
        assert count(model, new) == 0
    assert db.session.get(ReportText, new.id) is None
    copied_ids = [a.id for a in copied]
    for model in (Note, Score):
        found = db.session.scalar(
            sa.select(sa.func.count(model.id)).filter(model.activity_id.in_(copied_ids))
        )
        assert found == 0
    assert new.current_activity_id is None


def test_the_source_workshop_is_left_as_it_was(app, cast, forum, fac_client):
    before = [(a.id, a.phase, dict(a.content)) for a in agenda(cast.workshop)]
    fac_client.post(next_url(forum, cast.workshop), data={"title": "Next"})
    assert [(a.id, a.phase, dict(a.content)) for a in agenda(cast.workshop)] == before
    assert count(Participant, cast.workshop) == 2


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "This field is required."), ("x" * 201, "Must be between 1 and 200")],
)
def test_a_bad_title_makes_no_workshop(app, cast, forum, fac_client, title, message):
    before = db.session.scalar(sa.select(sa.func.count(Workshop.id)))
    response = fac_client.post(next_url(forum, cast.workshop), data={"title": title})

    assert response.status_code == 200 and message in response.text
    assert db.session.scalar(sa.select(sa.func.count(Workshop.id))) == before


def test_a_bad_date_makes_no_workshop(app, cast, forum, fac_client):
    data = {"title": "Next", "date": "31/02/2025"}
    response = fac_client.post(next_url(forum, cast.workshop), data=data)
    assert "Not a valid date value." in response.text
    assert made("Next") is None


def test_a_workshop_outside_the_series_is_not_found(app, cast, forum, fac_client):
    """The workshop must be in the series named: another series, or none."""
    loose = builders.make_workshop(cast.workshop.team, title="Loose")
    other = make_series(cast.workshop.team, title="Another series")

    assert fac_client.get(next_url(forum, loose)).status_code == 404
    assert (
        fac_client.post(next_url(other, cast.workshop), data={"title": "X"}).status_code
        == 404
    )
    assert made("X") is None


def follow_up(series, status="open"):
    row = FollowUp(series_id=series.id, title="Publish the rates", status=status)
    db.session.add(row)
    db.session.commit()
    return row


@needs_actions_kind
def test_open_actions_put_their_review_first(app, cast, forum, fac_client):
    """With actions open, the new agenda opens with the actions review."""
    from app.kinds.actions import METHOD_ID

    follow_up(forum)
    fac_client.post(next_url(forum, cast.workshop), data={"title": "Next"})

    copied = agenda(made("Next"))
    assert method_of(copied[0])["method"] == METHOD_ID
    assert [a.kind for a in copied[1:]] == [a.kind for a in agenda(cast.workshop)]


@needs_actions_kind
def test_an_existing_review_moves_first_once(app, cast, forum, fac_client):
    """A review already on the agenda is moved first, not added again."""
    from app.kinds.actions import METHOD_ID

    act(cast.fac, "workshop.add_activity", {"method": METHOD_ID})
    follow_up(forum)
    fac_client.post(next_url(forum, cast.workshop), data={"title": "Next"})

    copied = agenda(made("Next"))
    methods = [method_of(a)["method"] for a in copied]
    assert methods[0] == METHOD_ID and methods.count(METHOD_ID) == 1
    assert len(copied) == len(agenda(cast.workshop))


def test_no_open_actions_no_review(app, cast, forum, fac_client):
    """Done or dropped actions alone add nothing to the agenda."""
    follow_up(forum, status="done")
    follow_up(forum, status="dropped")
    fac_client.post(next_url(forum, cast.workshop), data={"title": "Next"})
    assert len(agenda(made("Next"))) == len(agenda(cast.workshop))
