"""The agenda page: the library to add from, activities in order with their
method's credit, and each control posting through the write path."""

import uuid

import sqlalchemy as sa
from markupsafe import escape

from app.extensions import db
from app.models import Activity


def _agenda(workshop):
    return f"/workshops/{workshop.public_id}/agenda"


def _post(client, url, **fields):
    data = {"op_id": str(uuid.uuid4()), **fields}
    return client.post(url, data=data, follow_redirects=True).get_data(as_text=True)


def _titles(workshop):
    db.session.expire_all()
    rows = db.session.scalars(
        sa.select(Activity)
        .filter_by(workshop_id=workshop.id)
        .order_by(Activity.position)
    )
    return [row.title for row in rows]


def test_the_library_lists_every_runnable_method(client, facilitator, workshop):
    page = client.get(_agenda(workshop)).get_data(as_text=True)

    assert "No activities yet." in page
    for title in (
        "CCPS collaborative and ethical commissioning checklist",
        "Open board",
        "CCPS reflection questions",
    ):
        assert title in page


def test_adding_from_the_library_shows_the_method_and_its_source(
    client, facilitator, workshop
):
    url = f"/workshops/{workshop.public_id}/activities"
    page = _post(client, url, method="ccps-checklist", title="", minutes="30")

    assert "Activity added." in page
    assert _titles(workshop) == [
        "CCPS collaborative and ethical commissioning checklist"
    ]
    assert "30 minutes" in page
    assert "Coalition of Care and Support Providers in Scotland (CCPS)" in page
    assert "<cite>Collaborative Commissioning — Practices</cite>" in page


def test_an_unknown_method_is_refused_with_a_message(client, facilitator, workshop):
    url = f"/workshops/{workshop.public_id}/activities"
    page = _post(client, url, method="no-such-method")

    assert "That method is not in your library." in page
    assert _titles(workshop) == []


def test_titles_are_escaped(client, facilitator, workshop):
    url = f"/workshops/{workshop.public_id}/activities"
    title = '<img src=x onerror="alert(1)">'
    page = _post(client, url, method="open-board", title=title)

    assert title not in page
    assert str(escape(title)) in page


def test_move_start_and_remove_from_the_page(client, facilitator, workshop):
    add = f"/workshops/{workshop.public_id}/activities"
    _post(client, add, method="open-board", title="First")
    _post(client, add, method="open-board", title="Second")
    first, second = db.session.scalars(
        sa.select(Activity.public_id).order_by(Activity.position)
    ).all()
    base = f"/workshops/{workshop.public_id}/activities"

    _post(client, f"{base}/{second}/move", direction="up")
    assert _titles(workshop) == ["Second", "First"]

    page = _post(client, f"/workshops/{workshop.public_id}/current", current=first)
    assert "Everyone now follows it." in page
    assert "Everyone is on this activity" in page

    page = _post(client, f"{base}/{first}/remove")
    assert "Activity removed." in page
    assert _titles(workshop) == ["Second"]
