"""Planning workshops over HTTP: list, create, edit, close, delete."""

import datetime as dt
import re
import uuid

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Participant, Workshop
from tests import builders
from tests.conftest import join_as

GOOD = {
    "title": "Contracting for outcomes",
    "date": "2026-03-14",
    "purpose": "Agree what good home care looks like.",
    "engagement_level": "consultation",
}
XSS = "<script>alert(1)</script>"
ESCAPED = b"&lt;script&gt;alert(1)&lt;/script&gt;"


def _change(data):
    """Form data for a changing form, with the fresh op_id the page renders."""
    return {**data, "op_id": str(uuid.uuid4())}


def _workshops():
    return db.session.scalars(sa.select(Workshop)).all()


def _other_team_workshop():
    other = builders.make_team(name="Other Team")
    return builders.make_workshop(other, title="Theirs")


def _snapshot(workshop):
    """The fields a form may change, read fresh from the database."""
    db.session.refresh(workshop)
    return (
        workshop.title,
        workshop.date,
        workshop.purpose,
        workshop.engagement_level,
        workshop.closed_at,
    )


def test_create_workshop_gets_a_join_code_and_is_listed(client, facilitator):
    """Creating a workshop saves its details, gives it a join code and lists it."""
    response = client.post("/workshops/new", data=GOOD)

    (workshop,) = _workshops()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/workshops/{workshop.public_id}/"
    assert workshop.title == GOOD["title"]
    assert workshop.date == dt.date(2026, 3, 14)
    assert workshop.purpose == GOOD["purpose"]
    assert workshop.engagement_level == "consultation"
    assert workshop.team_id == facilitator.team_id
    assert workshop.created_by_id == facilitator.id
    assert workshop.is_open
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}", workshop.join_code)
    listing = client.get("/workshops/")
    assert listing.status_code == 200
    assert GOOD["title"].encode() in listing.data
    assert f"/workshops/{workshop.public_id}/".encode() in listing.data


@pytest.mark.parametrize(
    "level", ["communication", "consultation", "negotiation", "participation"]
)
def test_create_accepts_each_engagement_level(client, facilitator, level):
    """Each of the four IPC engagement levels can be chosen."""
    client.post("/workshops/new", data={**GOOD, "engagement_level": level})
    (workshop,) = _workshops()
    assert workshop.engagement_level == level


def test_create_without_date_or_purpose(client, facilitator):
    """Date and purpose are optional; a title and a level are enough."""
    data = {"title": "  Bare  ", "engagement_level": "participation"}
    response = client.post("/workshops/new", data=data)
    (workshop,) = _workshops()
    assert response.status_code == 302
    assert workshop.title == "Bare"
    assert workshop.date is None
    assert workshop.purpose == ""


def test_each_workshop_gets_its_own_join_code(client, facilitator):
    """Two workshops never share a join code."""
    client.post("/workshops/new", data=GOOD)
    client.post("/workshops/new", data=GOOD)
    codes = {w.join_code for w in _workshops()}
    assert len(codes) == 2


def test_list_shows_only_the_teams_workshops(client, facilitator, workshop):
    """The workshop list never shows another team's workshops."""
    theirs = _other_team_workshop()
    response = client.get("/workshops/")
    assert workshop.public_id.encode() in response.data
    assert theirs.public_id.encode() not in response.data
    assert b"Theirs" not in response.data


BAD_INPUT = [
    pytest.param("title", "", b"This field is required.", id="empty-title"),
    pytest.param("title", "   ", b"This field is required.", id="blank-title"),
    pytest.param(
        "title", "x" * 201, b"Must be between 1 and 200 characters.", id="long-title"
    ),
    pytest.param(
        "purpose", "x" * 2001, b"Use at most 2000 characters.", id="long-purpose"
    ),
    pytest.param(
        "engagement_level", None, b"Choose the level of engagement.", id="no-level"
    ),
    pytest.param(
        "engagement_level", "", b"Choose the level of engagement.", id="empty-level"
    ),
    pytest.param(
        "engagement_level", "tokenism", b"Not a valid choice.", id="unknown-level"
    ),
    pytest.param("date", "tomorrow", b"Not a valid date value.", id="word-date"),
    pytest.param("date", "2026-02-30", b"Not a valid date value.", id="no-such-day"),
    pytest.param("date", "31/12/2026", b"Not a valid date value.", id="uk-date"),
]


def _without_none(data):
    """Form data with the fields whose value is None left out entirely."""
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_create_rejects_bad_input(client, facilitator, field, value, message):
    """Bad details re-show the form with the error and create nothing."""
    response = client.post("/workshops/new", data=_without_none({**GOOD, field: value}))
    assert response.status_code == 200
    assert message in response.data
    assert b"Please correct the highlighted fields" in response.data
    assert _workshops() == []


def test_form_fields_have_no_bogus_aria_values(client, facilitator, workshop):
    """Fields without hints or errors carry no aria-invalid/aria-describedby="None"."""
    for url in ("/workshops/new", f"/workshops/{workshop.public_id}/edit"):
        page = client.get(url).data
        assert b'="None"' not in page
        assert b"aria-invalid" not in page


def test_title_at_the_limits_is_accepted(client, facilitator):
    """A 200-character title and a 2000-character purpose are allowed."""
    data = {**GOOD, "title": "t" * 200, "purpose": "p" * 2000}
    assert client.post("/workshops/new", data=data).status_code == 302
    (workshop,) = _workshops()
    assert len(workshop.title) == 200 and len(workshop.purpose) == 2000


def _input(page, element_id):
    """The opening tag of the input with this id."""
    return re.search(rb'<input[^>]*id="%s"[^>]*>' % element_id.encode(), page).group(0)


def test_edit_form_shows_current_details(client, facilitator, workshop):
    """The edit page is filled in with the workshop's details, open by default."""
    response = client.get(f"/workshops/{workshop.public_id}/edit")
    assert response.status_code == 200
    assert b'value="Test workshop"' in _input(response.data, "title")
    assert b"checked" in _input(response.data, "engagement_level-1")  # consultation
    assert b"checked" not in _input(response.data, "engagement_level-0")
    assert b"checked" not in _input(response.data, "closed")


def test_edit_saves_details(client, facilitator, workshop):
    """Editing changes the title, date, purpose and level."""
    data = {
        "title": "Renamed",
        "date": "2027-01-02",
        "purpose": "New purpose",
        "engagement_level": "participation",
    }
    response = client.post(f"/workshops/{workshop.public_id}/edit", data=_change(data))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/workshops/{workshop.public_id}/"
    assert _snapshot(workshop) == (
        "Renamed",
        dt.date(2027, 1, 2),
        "New purpose",
        "participation",
        None,
    )


def test_edit_keeps_the_join_code(client, facilitator, workshop):
    """Editing details never changes the join code already shared."""
    code = workshop.join_code
    client.post(f"/workshops/{workshop.public_id}/edit", data=_change(GOOD))
    db.session.refresh(workshop)
    assert workshop.join_code == code


def test_close_and_reopen(client, facilitator, workshop):
    """Closing stops new joins; reopening lets people join again."""
    url = f"/workshops/{workshop.public_id}/edit"
    client.post(url, data=_change({**GOOD, "closed": "y"}))
    db.session.refresh(workshop)
    assert not workshop.is_open
    assert workshop.closed_at.tzinfo is not None
    assert b"checked" in _input(client.get(url).data, "closed")
    assert b"closed to new participants" in client.get(url[: -len("edit")]).data
    newcomer = client.application.test_client()
    assert join_as(newcomer, workshop).status_code == 410

    client.post(url, data=_change(GOOD))
    db.session.refresh(workshop)
    assert workshop.is_open
    assert join_as(newcomer, workshop).status_code == 302


def test_saving_a_closed_workshop_keeps_its_closing_time(client, facilitator, workshop):
    """Re-saving a closed workshop keeps when it closed (retention counts from it)."""
    url = f"/workshops/{workshop.public_id}/edit"
    client.post(url, data=_change({**GOOD, "closed": "y"}))
    db.session.refresh(workshop)
    closed_at = workshop.closed_at
    client.post(url, data=_change({**GOOD, "title": "Still closed", "closed": "y"}))
    db.session.refresh(workshop)
    assert workshop.title == "Still closed"
    assert workshop.closed_at == closed_at


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_edit_rejects_bad_input(client, facilitator, workshop, field, value, message):
    """Bad details on edit re-show the form and change nothing, closing included."""
    before = _snapshot(workshop)
    data = _without_none({**GOOD, "closed": "y", field: value})
    response = client.post(f"/workshops/{workshop.public_id}/edit", data=_change(data))
    assert response.status_code == 200
    assert message in response.data
    assert _snapshot(workshop) == before


def test_delete_asks_for_confirmation(client, facilitator, workshop):
    """Opening the delete page deletes nothing; it asks first."""
    response = client.get(f"/workshops/{workshop.public_id}/delete")
    assert response.status_code == 200
    assert b"Delete \xe2\x80\x9cTest workshop\xe2\x80\x9d?" in response.data
    assert b"cannot be undone" in response.data
    assert len(_workshops()) == 1


def test_delete_removes_the_workshop_and_its_participants(
    app, client, facilitator, workshop
):
    """Deleting a workshop deletes it and every participant in it, completely."""
    join_as(app.test_client(), workshop, display_name="Ann")
    builders.make_participant(workshop, display_name="Bo")
    kept = builders.make_workshop(facilitator.team, title="Kept")
    builders.make_participant(kept, display_name="Cy")
    workshop_key = workshop.id

    response = client.post(f"/workshops/{workshop.public_id}/delete")

    assert response.status_code == 302
    assert response.headers["Location"] == "/workshops/"
    db.session.expire_all()
    assert db.session.get(Workshop, workshop_key) is None
    remaining = db.session.scalars(sa.select(Participant)).all()
    assert [p.display_name for p in remaining] == ["Cy"]
    page = client.get("/workshops/").data
    assert "“Test workshop” has been deleted.".encode() in page
    assert b"Kept" in page


def test_deleted_workshops_join_code_stops_working(app, client, facilitator, workshop):
    """After deletion the join code and the participant page are gone."""
    participant_client = app.test_client()
    join_as(participant_client, workshop)
    code, public_id = workshop.join_code, workshop.public_id
    client.post(f"/workshops/{public_id}/delete")
    assert participant_client.get(f"/join/{code}").status_code == 404
    assert participant_client.get(f"/w/{public_id}").status_code == 404
    assert client.get(f"/workshops/{public_id}/").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/workshops/{id}/edit"),
        ("post", "/workshops/{id}/edit"),
        ("get", "/workshops/{id}/delete"),
        ("post", "/workshops/{id}/delete"),
        ("get", "/workshops/{id}/"),
        ("get", "/workshops/{id}/show"),
        ("get", "/workshops/{id}/qr.svg"),
    ],
)
def test_another_teams_workshop_is_not_found(client, facilitator, method, path):
    """Another team's workshop is 404 everywhere, and is left untouched."""
    theirs = _other_team_workshop()
    before = _snapshot(theirs)
    url = path.format(id=theirs.public_id)
    response = getattr(client, method)(url, data={**GOOD, "closed": "y"})
    assert response.status_code == 404
    assert _snapshot(theirs) == before


@pytest.mark.parametrize(
    "path",
    ["/workshops/new", "/workshops/{id}/edit", "/workshops/{id}/delete"],
)
def test_reviewers_cannot_change_workshops(app, workshop, path):
    """A reviewer may read workshops but not create, edit or delete them."""
    reviewer = builders.make_user(workshop.team, role="reviewer")
    reviewer_client = app.test_client()
    reviewer_client.post(
        "/auth/login", data={"email": reviewer.email, "password": builders.PASSWORD}
    )
    url = path.format(id=workshop.public_id)
    assert reviewer_client.get(url).status_code == 403
    assert reviewer_client.post(url, data=_change(GOOD)).status_code == 403
    assert len(_workshops()) == 1
    assert db.session.get(Workshop, workshop.id) is not None


@pytest.mark.parametrize(
    "path", ["/workshops/", "/workshops/new", "/workshops/{id}/edit"]
)
def test_planning_needs_sign_in(client, workshop, path):
    """Anonymous visitors are sent to sign in."""
    response = client.get(path.format(id=workshop.public_id))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def _xss_workshop(client):
    client.post(
        "/workshops/new", data={**GOOD, "title": XSS, "purpose": f"Purpose {XSS}"}
    )
    (workshop,) = _workshops()
    return workshop


def _assert_escaped(response):
    assert ESCAPED in response.data
    assert XSS.encode() not in response.data


def test_title_and_purpose_are_escaped_for_facilitators(client, facilitator):
    """A title or purpose holding markup shows as text on every facilitator page."""
    workshop = _xss_workshop(client)
    for url in (
        "/workshops/",
        f"/workshops/{workshop.public_id}/",
        f"/workshops/{workshop.public_id}/edit",
        f"/workshops/{workshop.public_id}/delete",
        f"/workshops/{workshop.public_id}/show",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_escaped(response)


def test_title_and_purpose_are_escaped_for_participants(app, client, facilitator):
    """A markup title or purpose shows as text on the join and participant pages."""
    workshop = _xss_workshop(client)
    participant_client = app.test_client()
    _assert_escaped(participant_client.get(f"/join/{workshop.join_code}"))
    join_as(participant_client, workshop)
    _assert_escaped(participant_client.get(f"/w/{workshop.public_id}"))


def test_title_is_escaped_on_the_closed_page(app, client, facilitator):
    """The closed-workshop page shows a markup title as text."""
    workshop = _xss_workshop(client)
    client.post(
        f"/workshops/{workshop.public_id}/edit",
        data=_change({**GOOD, "title": XSS, "closed": "y"}),
    )
    response = app.test_client().get(f"/join/{workshop.join_code}")
    assert response.status_code == 410
    _assert_escaped(response)


def test_title_is_escaped_in_the_deletion_notice(client, facilitator):
    """The "has been deleted" notice shows a markup title as text."""
    workshop = _xss_workshop(client)
    client.post(f"/workshops/{workshop.public_id}/delete")
    _assert_escaped(client.get("/workshops/"))
