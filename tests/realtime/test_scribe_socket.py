"""A facilitator's scribe connection: their own sign-in, naming someone here
without a device; it reads that person's streams and acts as them."""

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.models import Event, Participant
from app.tokens import participant_token
from tests.builders import act, make_board

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")


def add_cy(cast):
    payload = {
        "display_name": "Cy",
        "role": "lived_experience",
        "organisation_type": "community_group",
    }
    public_id = act(cast.fac, "workshop.add_without_device", payload)["result"]
    return db.session.scalar(
        sa.select(Participant).filter_by(public_id=public_id["participant"])
    )


def test_a_scribe_reads_their_streams_and_writes_as_them(cast, facilitator, connect):
    cy, board = add_cy(cast), make_board(cast.fac)

    socket = connect(cast.workshop, auth={"scribe": cy.public_id})

    assert socket.is_connected(), socket.refusal
    welcome = socket.events("welcome")[0]
    assert welcome["you"] == cy.public_id
    assert welcome["streams"] == ["participants", audiences.private(cy)]
    ack = socket.act(
        "board.add_note", {"activity": board, "column": "ideas", "text": "Mine"}
    )
    assert ack["ok"], ack
    event = db.session.scalar(sa.select(Event).filter_by(op_id=ack["op_id"]))
    assert (event.actor_id, event.on_behalf_of_id) == (facilitator.id, cy.id)


def test_no_scribe_for_someone_with_a_device(cast, facilitator, connect):
    socket = connect(cast.workshop, auth={"scribe": cast.ann.public_id})

    assert not socket.is_connected()
    assert socket.refusal == "You can only enter for someone here without a device."


def test_a_participant_cannot_scribe(cast, connect, app):
    """A participant's token naming someone else: they are still themselves."""
    cy = add_cy(cast)

    socket = connect(
        cast.workshop,
        auth={"token": participant_token(cast.ann), "scribe": cy.public_id},
        http=app.test_client(),
    )
    assert socket.is_connected()
    assert socket.events("welcome")[0]["you"] == cast.ann.public_id
