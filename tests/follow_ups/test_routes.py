"""The series' actions page, one action's page, making an action from a
workshop, and publishing the summary: the team reads; facilitators change,
every change through apply() in a workshop of the series; another team's
series does not exist."""

import datetime as dt
import uuid

import sqlalchemy as sa

from app.extensions import db
from app.models import Event, FollowUp, Series
from tests import builders
from tests.builders import act, add_note, make_board
from tests.follow_ups.conftest import make_action


def op():
    return str(uuid.uuid4())


def url(series, path=""):
    return f"/series/{series.public_id}/actions{path}"


def actions():
    db.session.expire_all()
    return db.session.scalars(sa.select(FollowUp).order_by(FollowUp.id)).all()


def test_the_team_reads_the_series_actions(client, facilitator, cast, series):
    make_action(cast.fac, title="Publish the fee uplift", owner_person="Jo Lee")

    page = client.get(url(series)).get_data(as_text=True)

    assert "Publish the fee uplift" in page and "Jo Lee" in page
    assert 'id="add"' in page and "Publish the public summary" in page


def test_a_reviewer_reads_but_cannot_change(client, auth, cast, series):
    made = make_action(cast.fac)
    auth.login(builders.make_user(cast.workshop.team, role="reviewer"))

    page = client.get(url(series)).get_data(as_text=True)
    one = client.get(url(series, f"/{made}")).get_data(as_text=True)

    assert "Publish the fee uplift" in page
    assert 'id="add"' not in page and "Publish the public summary" not in page
    assert 'id="edit"' not in one and 'id="update"' not in one
    for path, data in [
        (url(series), {"title": "Mine", "op_id": op()}),
        (
            url(series, f"/{made}/edit"),
            {"title": "Mine", "version": "1", "op_id": op()},
        ),
        (url(series, f"/{made}/update"), {"body": "Mine", "op_id": op()}),
        (f"/series/{series.public_id}/summary", {"op_id": op()}),
    ]:
        assert client.post(path, data=data).status_code == 403
    assert [a.title for a in actions()] == ["Publish the fee uplift"]
    assert actions()[0].updates == []
    assert db.session.get(Series, series.id).summary_token is None


def test_another_team_gets_not_found(client, auth, cast, series):
    made = make_action(cast.fac)
    auth.login(builders.make_user(builders.make_team(name="Elsewhere")))

    assert client.get(url(series)).status_code == 404
    assert client.get(url(series, f"/{made}")).status_code == 404
    data = {"body": "Mine", "op_id": op()}
    assert client.post(url(series, f"/{made}/update"), data=data).status_code == 404
    new = f"/workshops/{cast.workshop.public_id}/actions/new"
    assert client.get(new).status_code == 404
    assert actions()[0].updates == []


def test_an_action_added_on_the_series_page_goes_through_its_latest_workshop(
    client, facilitator, cast, series
):
    """No workshop is in view: the series' most recent one carries it."""
    later = builders.make_workshop(cast.workshop.team, title="Summer forum")
    later.series_id, later.date = series.id, dt.date(2025, 6, 4)
    db.session.commit()
    op_id = op()

    response = client.post(
        url(series),
        data={"title": "Pay travel time", "due_date": "2025-09-30", "op_id": op_id},
    )

    assert response.status_code == 302
    [made] = actions()
    assert response.headers["Location"].endswith(f"#action-{made.public_id}")
    assert made.raised_in_id == later.id
    event = db.session.scalar(sa.select(Event).filter_by(op_id=op_id))
    assert (event.workshop_id, event.action) == (later.id, "follow_up.create")


def test_bad_input_on_the_page_is_shown_and_changes_nothing(
    client, facilitator, series
):
    response = client.post(
        url(series), data={"title": "", "due_date": "soon", "op_id": op()}
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Say what will be done." in page and "YYYY-MM-DD" in page
    assert actions() == []


def test_a_series_with_no_workshop_cannot_take_actions_yet(client, facilitator, team):
    empty = Series(team_id=team.id, title="Not started")
    db.session.add(empty)
    db.session.commit()

    page = client.get(url(empty)).get_data(as_text=True)
    response = client.post(url(empty), data={"title": "Anything", "op_id": op()})

    assert "Add a workshop to this series first" in page
    assert response.status_code == 400 and actions() == []
    summary = f"/series/{empty.public_id}/summary"
    published = client.post(summary, data={"op_id": op()}, follow_redirects=True)
    assert "Add a workshop to this series first" in published.get_data(as_text=True)
    db.session.refresh(empty)
    assert empty.summary_token is None


def test_an_edit_and_an_update_on_the_actions_page(client, facilitator, cast, series):
    made = make_action(cast.fac)
    edit = {"title": "Publish by June", "owner_organisation": "Council", "version": "1"}

    client.post(
        url(series, f"/{made}/edit"), data={**edit, "follow_up": made, "op_id": op()}
    )
    client.post(
        url(series, f"/{made}/update"),
        data={
            "follow_up": made,
            "body": "Draft shared",
            "status": "in_progress",
            "op_id": op(),
        },
    )

    [row] = actions()
    assert (row.title, row.owner_organisation, row.status) == (
        "Publish by June",
        "Council",
        "in_progress",
    )
    assert [u.body for u in row.updates] == ["Draft shared"]
    page = client.get(url(series, f"/{made}")).get_data(as_text=True)
    assert "Draft shared" in page and "In progress" in page


def test_a_stale_edit_keeps_the_typed_words_beside_the_current_ones(
    client, facilitator, cast, series
):
    made = make_action(cast.fac)
    act(
        cast.fac, "follow_up.edit", {"follow_up": made, "title": "Theirs", "version": 1}
    )
    data = {"follow_up": made, "title": "Mine", "version": "1", "op_id": op()}

    response = client.post(url(series, f"/{made}/edit"), data=data)

    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone changed this action" in page
    assert "Theirs" in page and "Mine</textarea>" in page
    assert 'name="version" value="2"' in page
    assert actions()[0].title == "Theirs"


def test_publishing_shows_the_address_and_withdrawing_takes_it_down(
    client, facilitator, series
):
    client.post(f"/series/{series.public_id}/summary", data={"op_id": op()})
    token = db.session.get(Series, series.id).summary_token

    assert f"/you-said-we-did/{token}" in client.get(url(series)).get_data(as_text=True)
    assert client.get(f"/you-said-we-did/{token}").status_code == 200

    client.post(f"/series/{series.public_id}/summary/withdraw", data={"op_id": op()})

    db.session.expire_all()
    assert db.session.get(Series, series.id).summary_token is None
    assert client.get(f"/you-said-we-did/{token}").status_code == 404


def test_a_workshops_notes_topics_and_items_are_offered_as_sources(
    client, facilitator, cast, series
):
    """The page lists what the room saw: a hidden note is not offered."""
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="Seen by all")
    hidden = add_note(cast.ann_actor, board, text="Taken down")
    act(cast.fac, "board.hide_note", {"activity": board, "note": hidden})
    act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})

    page = client.get(f"/workshops/{cast.workshop.public_id}/actions/new").get_data(
        as_text=True
    )

    assert "Seen by all" in page and "Taken down" not in page
    assert "Make this note an action" in page
    assert "Make this item an action" in page and "financial transparency" in page


def test_making_an_action_from_a_note_on_its_own_page(
    client, facilitator, cast, series
):
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Fees are opaque")
    new = f"/workshops/{cast.workshop.public_id}/actions/new"
    source = {"source_kind": "note", "source_ref": note, "activity": board}

    form = client.get(new, query_string=source).get_data(as_text=True)
    response = client.post(
        new,
        data={
            **source,
            "title": "Publish the fee model",
            "op_id": op(),
            "raised_text": "X",
        },
    )

    assert "Fees are opaque" in form
    assert response.status_code == 302
    [made] = actions()
    assert (made.raised_text, made.raised_in_id) == (
        "Fees are opaque",
        cast.workshop.id,
    )


def test_a_workshop_in_no_series_says_actions_need_one(client, facilitator, cast):
    new = f"/workshops/{cast.workshop.public_id}/actions/new"

    page = client.get(new).get_data(as_text=True)
    response = client.post(new, data={"title": "Anything", "op_id": op()})

    assert "This workshop is not in a series" in page
    assert response.status_code == 400
    assert "not in a series" in response.get_data(as_text=True)
    assert actions() == []


def test_the_report_page_offers_to_make_an_action(client, facilitator, cast, series):
    page = client.get(f"/workshops/{cast.workshop.public_id}/report").get_data(
        as_text=True
    )

    assert f"/workshops/{cast.workshop.public_id}/actions/new" in page
    assert f"/series/{series.public_id}/actions" in page
