"""The projector screen: opened by its signed link, read only, for one workshop."""

import pytest

from app.actors import PROJECTOR, Actor
from app.changes import Refused, apply
from app.extensions import db
from app.tokens import projector_token
from tests import builders
from tests.builders import facilitator_actor, make_board, new_op_id

XSS = "<script>alert(1)</script>"


def test_projector_link_opens_the_screen_without_an_account(app, client, workshop):
    """Whoever holds the link sees the workshop's screen: no sign-in, no joining."""
    response = client.get(f"/screen/{projector_token(workshop)}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert workshop.join_code in page
    assert 'id="boards-area"' in page and 'data-role="projector"' in page


def test_the_screen_shows_a_qr_code_of_the_join_link(app, client, workshop):
    """The projector link's holder gets the join link's QR code, no sign-in."""
    token = projector_token(workshop)
    assert f"/screen/{token}/qr.svg" in client.get(f"/screen/{token}").text

    response = client.get(f"/screen/{token}/qr.svg")

    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.text.lstrip().startswith(("<?xml", "<svg"))
    assert client.get("/screen/nonsense/qr.svg").status_code == 404


@pytest.mark.parametrize("token", ["nonsense", "x" * 600, ""])
def test_a_bad_projector_link_is_not_found(client, workshop, token):
    """A tampered or made-up link opens nothing."""
    assert client.get(f"/screen/{token}x").status_code == 404


def test_a_tampered_projector_link_is_not_found(client, workshop):
    """Changing one character of a real link breaks its signature."""
    token = projector_token(workshop)
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    assert client.get(f"/screen/{tampered}").status_code == 404


def test_the_screen_of_a_deleted_workshop_is_not_found(client, team):
    """Deleting a workshop ends its projector link too."""
    workshop = builders.make_workshop(team)
    token = projector_token(workshop)
    db.session.delete(workshop)
    db.session.commit()
    assert client.get(f"/screen/{token}").status_code == 404


def test_the_screen_escapes_the_title(client, team):
    """A title with markup shows as text on the projector."""
    workshop = builders.make_workshop(team, title=XSS)
    page = client.get(f"/screen/{projector_token(workshop)}").data
    assert XSS.encode() not in page
    assert b"&lt;script&gt;" in page


def test_the_projector_cannot_change_anything(app, workshop):
    """The projector is an audience, never an actor: every action is refused."""
    board = make_board(facilitator_actor(workshop), phase="writing")
    projector = Actor(PROJECTOR, workshop.id)
    payload = {"activity": board, "column": "ideas", "text": "From the screen"}
    with pytest.raises(Refused) as refused:
        apply(projector, "board.add_note", payload, new_op_id())
    assert refused.value.code == "not_allowed"
