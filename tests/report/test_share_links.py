"""Share links made from the report page: the whole report or one pathway
alone, an expiry day and a closing day for comments; a link past its
expiry or withdrawn says so and shows nothing (app/report/sharing.py)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Event, ShareLink
from app.models.types import utcnow
from app.report import sharing
from tests import builders
from tests.builders import act, activity_row, add_note, make_board, set_phase


def _url(workshop, path=""):
    return f"/workshops/{workshop.public_id}/report{path}"


def _day(days):
    return (utcnow().date() + timedelta(days=days)).isoformat()


def _links():
    return db.session.scalars(sa.select(ShareLink).order_by(ShareLink.id)).all()


def _events():
    return db.session.scalar(sa.select(sa.func.count(Event.id)))


def _share(client, workshop, **fields):
    data = {"op_id": builders.new_op_id(), "pathway": "", **fields}
    return client.post(_url(workshop, "/share"), data=data)


@pytest.fixture
def mapped(cast):
    """A board with a note, and a pathway with two steps (mapped by Ann)."""
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="A note on the board")
    pathway = act(cast.fac, "workshop.add_activity", {"method": "yellow-brick-road"})
    pathway = pathway["result"]["activity"]
    set_phase(cast.fac, pathway, "map")
    for text in ("Ask for help", "Get a plan"):
        payload = {"activity": pathway, "lane": "steps", "text": text}
        act(cast.ann_actor, "pathway.add_card", payload)
    return {"board": board, "pathway": pathway}


def test_a_pathway_is_shared_alone(client, facilitator, cast, mapped):
    """A link made for one pathway shows that pathway's section and nothing
    else of the report: not the board, not who took part."""
    response = _share(client, cast.workshop, pathway=mapped["pathway"])
    assert response.status_code == 302
    (link,) = _links()
    assert link.activity_id == activity_row(mapped["pathway"]).id
    client.post("/auth/logout")

    page = client.get(f"/shared/{link.token}").get_data(as_text=True)

    assert "Ask for help" in page and "Get a plan" in page
    assert "A note on the board" not in page
    assert "Who took part" not in page
    assert cast.workshop.title in page


def test_the_whole_report_is_shared_by_default(client, facilitator, cast, mapped):
    _share(client, cast.workshop)
    (link,) = _links()
    assert link.activity_id is None
    assert link.expires_at is None and link.comments_until is None
    page = client.get(f"/shared/{link.token}").get_data(as_text=True)
    assert "A note on the board" in page and "Ask for help" in page
    assert 'id="comment-heading"' not in page  # read only: no comment form


def test_the_days_chosen_are_kept_to_the_end_of_the_day(client, facilitator, cast):
    response = _share(
        client, cast.workshop, expires_on=_day(10), comments_until=_day(5)
    )
    assert response.status_code == 302
    (link,) = _links()
    today = utcnow().date()
    assert link.expires_at == sharing.end_of(today + timedelta(days=10))
    assert link.comments_until == sharing.end_of(today + timedelta(days=5))
    assert link.is_live and link.takes_comments


def test_comments_may_close_today_and_on_the_day_the_link_expires(
    client, facilitator, cast
):
    """Today is not past: a closing day of today takes comments until its end."""
    _share(client, cast.workshop, expires_on=_day(0), comments_until=_day(0))
    (link,) = _links()
    assert link.takes_comments


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"expires_on": _day(-1)}, "cannot expire on a day already past"),
        ({"comments_until": _day(-1)}, "must be in the future"),
        (
            {"expires_on": _day(3), "comments_until": _day(4)},
            "on or before the day the link expires",
        ),
        ({"comments_until": "next week"}, "Not a valid date value"),
        ({"pathway": "no-such-pathway"}, "That pathway does not exist here."),
        ({"pathway": "BOARD"}, "Only a pathway can be shared on its own."),
    ],
    ids=[
        "past-expiry",
        "past-closing",
        "closing-after-expiry",
        "not-a-date",
        "unknown-pathway",
        "not-a-pathway",
    ],  # fmt: skip
)
def test_bad_settings_are_refused_clearly_and_make_nothing(
    client, facilitator, cast, mapped, fields, message
):
    fields = {k: mapped["board"] if v == "BOARD" else v for k, v in fields.items()}
    events = _events()

    response = _share(client, cast.workshop, **fields)

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _links() == []
    assert _events() == events


def test_the_write_path_checks_the_days_too(cast):
    """A payload from anywhere (not only the page's form) is checked."""
    closes_late = {"expires_on": _day(1), "comments_until": _day(2)}
    refusal = builders.refused(cast.fac, "report.share", closes_late)
    assert refusal.code == "invalid"
    not_a_day = builders.refused(cast.fac, "report.share", {"expires_on": "1/2/30"})
    assert not_a_day.code == "invalid"
    assert _links() == []


def test_an_expired_link_says_so_and_shows_nothing(client, facilitator, cast, mapped):
    _share(client, cast.workshop, expires_on=_day(1))
    (link,) = _links()
    link.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    client.post("/auth/logout")

    response = client.get(f"/shared/{link.token}")

    page = response.get_data(as_text=True)
    assert response.status_code == 410
    assert "This link has expired" in page
    assert cast.workshop.title not in page and "A note on the board" not in page


def test_a_withdrawn_pathway_link_shows_nothing(client, facilitator, cast, mapped):
    _share(client, cast.workshop, pathway=mapped["pathway"], comments_until=_day(3))
    (link,) = _links()
    path = _url(cast.workshop, f"/share/{link.public_id}/withdraw")
    client.post(path, data={"op_id": builders.new_op_id()})

    response = client.get(f"/shared/{link.token}")

    assert response.status_code == 410
    page = response.get_data(as_text=True)
    assert "no longer shared" in page and "Ask for help" not in page


def test_a_pathway_link_serves_no_chart_of_another_activity(
    client, facilitator, cast, mapped
):
    sheet = act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})
    sheet = sheet["result"]["activity"]
    set_phase(cast.fac, sheet, "reveal")
    _share(client, cast.workshop, pathway=mapped["pathway"])
    (link,) = _links()

    response = client.get(f"/shared/{link.token}/charts/{sheet}/overall.svg")

    assert response.status_code == 404


def test_the_report_page_says_what_each_link_shares_and_until_when(
    client, facilitator, cast, mapped
):
    """Live, expired and withdrawn links are all listed, each in its state."""
    _share(client, cast.workshop, pathway=mapped["pathway"], comments_until=_day(2))
    _share(client, cast.workshop, expires_on=_day(1))
    _share(client, cast.workshop)
    pathway_link, expiring, withdrawn = _links()
    expiring.expires_at = utcnow() - timedelta(hours=1)
    withdrawn.withdrawn_at = utcnow()
    db.session.commit()

    page = client.get(_url(cast.workshop)).get_data(as_text=True)

    title = activity_row(mapped["pathway"]).title
    assert f"The pathway “{title}” alone" in page
    assert "Open for comments until" in page
    assert "Expired at the end of" in page and "Withdrawn on" in page
    assert pathway_link.token in page
    assert expiring.token not in page and withdrawn.token not in page
