"""The report page, the facilitator's words with their preview, and share
links: published, read by anyone holding them, withdrawn."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Event, ReportText, ShareLink
from tests import builders
from tests.builders import add_note, make_board


def _url(workshop, path=""):
    return f"/workshops/{workshop.public_id}/report{path}"


def _words(**fields):
    return {
        "op_id": builders.new_op_id(),
        "summary": "",
        "key_messages": "",
        "next_steps": "",
        **fields,
    }


def _share(client, workshop):
    response = client.post(
        _url(workshop, "/share"), data={"op_id": builders.new_op_id()}
    )
    assert response.status_code == 302
    return db.session.scalars(
        sa.select(ShareLink).filter_by(workshop_id=workshop.id).order_by(ShareLink.id)
    ).all()[-1]


def test_the_report_shows_the_workshop_and_what_it_produced(client, facilitator, cast):
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="Pay for travel time")
    response = client.get(_url(cast.workshop))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert cast.workshop.title in page
    assert "Pay for travel time" in page
    assert 'id="share"' in page and 'id="words"' in page


def test_a_reviewer_reads_the_report_but_cannot_write_or_share(client, auth, cast):
    reviewer = builders.make_user(cast.workshop.team, role="reviewer")
    auth.login(reviewer)
    page = client.get(_url(cast.workshop)).get_data(as_text=True)
    assert 'id="words"' not in page and 'id="share"' not in page
    assert client.post(_url(cast.workshop, "/text"), data=_words()).status_code == 403
    assert client.post(_url(cast.workshop, "/share"), data={}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(ShareLink.id))) == 0


def test_another_team_gets_not_found(client, auth, cast):
    other = builders.make_team(name="Elsewhere")
    auth.login(builders.make_user(other))
    assert client.get(_url(cast.workshop)).status_code == 404


def test_a_preview_shows_the_words_in_the_report_and_saves_nothing(
    client, facilitator, cast
):
    data = _words(summary="First para.\n\nSecond para.", key_messages="One\nTwo")
    response = client.post(_url(cast.workshop, "/text"), data={**data, "preview": "y"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This is a preview" in page
    assert "First para." in page and "Second para." in page
    assert db.session.get(ReportText, cast.workshop.id) is None


def test_saving_the_words_goes_through_the_write_path(client, facilitator, cast):
    data = _words(summary="We agreed a lot.", next_steps="Write to providers\n\nMeet")
    response = client.post(_url(cast.workshop, "/text"), data={**data, "save": "y"})
    assert response.status_code == 302
    text = db.session.get(ReportText, cast.workshop.id)
    assert text.summary == "We agreed a lot."
    assert text.updated_by_id == facilitator.id
    logged = db.session.scalar(sa.select(Event).filter_by(op_id=data["op_id"]))
    assert logged.action == "report.edit_text"
    page = client.get(_url(cast.workshop)).get_data(as_text=True)
    assert "We agreed a lot." in page and "Write to providers" in page


def test_words_too_long_are_refused_and_nothing_changes(client, facilitator, cast):
    data = _words(summary="x" * 20_001, save="y")
    response = client.post(_url(cast.workshop, "/text"), data=data)
    assert response.status_code == 400
    assert "20000 characters or fewer" in response.get_data(as_text=True)
    assert db.session.get(ReportText, cast.workshop.id) is None


def test_typed_markup_in_the_words_is_shown_as_text(client, facilitator, cast):
    data = _words(summary="<script>alert(1)</script> <b>bold</b>", save="y")
    client.post(_url(cast.workshop, "/text"), data=data)
    page = client.get(_url(cast.workshop)).get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_share_link_shows_the_participant_level_report(client, facilitator, cast):
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="Shared idea")
    hidden = add_note(cast.ann_actor, board, text="Hidden idea")
    builders.act(cast.fac, "board.hide_note", {"activity": board, "note": hidden})
    link = _share(client, cast.workshop)
    assert len(link.token) >= 32
    client.post("/auth/logout")
    response = client.get(f"/shared/{link.token}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Shared idea" in page and "Hidden idea" not in page
    assert 'name="robots" content="noindex"' in page


def test_a_withdrawn_link_says_so_and_shows_nothing(client, facilitator, cast):
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="Shared idea")
    link = _share(client, cast.workshop)
    path = _url(cast.workshop, f"/share/{link.public_id}/withdraw")
    assert client.post(path, data={"op_id": builders.new_op_id()}).status_code == 302
    db.session.refresh(link)
    assert link.withdrawn_at is not None and link.withdrawn_by_id == facilitator.id
    response = client.get(f"/shared/{link.token}")
    page = response.get_data(as_text=True)
    assert response.status_code == 410
    assert "no longer shared" in page
    assert "Shared idea" not in page and cast.workshop.title not in page


def test_withdrawing_twice_or_an_unknown_link_changes_nothing(
    client, facilitator, cast
):
    link = _share(client, cast.workshop)
    path = _url(cast.workshop, f"/share/{link.public_id}/withdraw")
    client.post(path, data={"op_id": builders.new_op_id()})
    events = db.session.scalar(sa.select(sa.func.count(Event.id)))
    again = client.post(
        path, data={"op_id": builders.new_op_id()}, follow_redirects=True
    )
    assert "already been withdrawn" in again.get_data(as_text=True)
    unknown = _url(cast.workshop, "/share/nosuchlink/withdraw")
    gone = client.post(
        unknown, data={"op_id": builders.new_op_id()}, follow_redirects=True
    )
    assert "That link does not exist." in gone.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == events


def test_an_unknown_link_says_it_does_not_work(client):
    response = client.get("/shared/" + "x" * 32)
    assert response.status_code == 404
    assert "This link does not work" in response.get_data(as_text=True)


def test_a_chart_the_report_does_not_show_is_not_found(client, facilitator, cast):
    board = make_board(cast.fac)
    path = _url(cast.workshop, f"/charts/{board}/overall.svg")
    assert client.get(path).status_code == 404
    assert (
        client.get(_url(cast.workshop, "/charts/nosuch/overall.svg")).status_code == 404
    )
