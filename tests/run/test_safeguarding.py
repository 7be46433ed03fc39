"""The safeguarding lead's reveal page and the team's safeguarding log."""

import uuid

from app.extensions import db
from app.models import AuthorReveal
from tests import builders
from tests.conftest import Auth

REASON = "A disclosure that needs a safeguarding response."


def signed_in(app, user):
    client = app.test_client()
    Auth(client).login(user)
    return client


def setup(cast):
    """An anonymous board with Ann's note; a lead, an admin and a facilitator."""
    team = cast.workshop.team
    lead = builders.make_user(team, email="lead@example.org", name="Lee Lead")
    admin = builders.make_user(team, email="admin@example.org", is_admin=True)
    other = builders.make_user(team, email="other@example.org", name="Oli")
    team.safeguarding_lead_id = lead.id
    db.session.commit()
    board = builders.make_board(cast.fac)
    payload = {"activity": board, "title": "I", "anonymous": "y"}
    builders.act(cast.fac, "workshop.edit_activity", payload)
    note = builders.add_note(cast.ann_actor, board, text="Something is wrong")
    url = f"/workshops/{cast.workshop.public_id}/notes/{note}/reveal"
    return lead, admin, other, board, note, url


def test_the_lead_reveals_through_the_page_and_sees_the_author_in_the_log(app, cast):
    lead, admin, _other, board, note, url = setup(cast)
    client = signed_in(app, lead)

    page = client.get(url)
    assert page.status_code == 200 and "Something is wrong" in page.text
    assert "Ann" not in page.text  # not until a reason is given
    data = {"op_id": str(uuid.uuid4()), "activity": board, "note": note}
    response = client.post(url, data={**data, "reason": REASON})
    reveal = db.session.query(AuthorReveal).one()
    assert response.headers["Location"].endswith(f"#reveal-{reveal.id}")

    log = client.get("/team/safeguarding")
    assert REASON in log.text and "Lee Lead" in log.text and "Ann" in log.text
    # An admin sees that it happened and why, but not who wrote it.
    admin_log = signed_in(app, admin).get("/team/safeguarding")
    assert REASON in admin_log.text and "Ann" not in admin_log.text


def test_a_reveal_without_a_reason_says_so_and_logs_nothing(app, cast):
    lead, _admin, _other, board, note, url = setup(cast)

    data = {"op_id": str(uuid.uuid4()), "activity": board, "note": note, "reason": ""}
    page = signed_in(app, lead).post(url, data=data)

    assert page.status_code == 200
    assert "Say why the author must be revealed." in page.text
    assert db.session.query(AuthorReveal).count() == 0


def test_nobody_else_opens_the_page_or_the_log(app, cast):
    _lead, _admin, other, _board, _note, url = setup(cast)
    client = signed_in(app, other)

    assert client.get(url).status_code == 403
    assert client.get("/team/safeguarding").status_code == 403


def test_a_note_of_a_named_activity_has_no_reveal_page(app, cast):
    lead, *_ = setup(cast)
    board = builders.make_board(cast.fac)
    note = builders.add_note(cast.ann_actor, board)

    url = f"/workshops/{cast.workshop.public_id}/notes/{note}/reveal"
    assert signed_in(app, lead).get(url).status_code == 404


def test_an_admin_names_the_safeguarding_lead(app, cast):
    team = cast.workshop.team
    admin = builders.make_user(team, email="admin@example.org", is_admin=True)
    lead = builders.make_user(team, email="lead@example.org", name="Lee Lead")
    client = signed_in(app, admin)

    data = {"name": "Team", "retention_days": "30", "safeguarding_lead": str(lead.id)}
    client.post("/team/settings", data=data)
    assert team.safeguarding_lead_id == lead.id
    assert "Safeguarding lead: Lee Lead." in client.get("/team/").text

    stranger = {**data, "safeguarding_lead": "999999"}
    assert client.post("/team/settings", data=stranger).status_code == 400
    assert team.safeguarding_lead_id == lead.id
