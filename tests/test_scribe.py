"""Scribe entry (app/scribe.py): a facilitator adds someone here without a
device and enters for them, as them, recorded as entered by proxy."""

from dataclasses import replace

import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.models import Event, Participant, Score
from app.resync import resync
from tests.builders import (
    act,
    activity_row,
    add_note,
    event_count,
    make_board,
    note_row,
    set_phase,
)
from tests.builders import refused as refusal

CY = {
    "display_name": "Cy",
    "role": "lived_experience",
    "organisation_type": "community_group",
    "consent_named": "y",
}


def add_cy(cast):
    public_id = act(cast.fac, "workshop.add_without_device", CY)["result"][
        "participant"
    ]
    return db.session.scalar(sa.select(Participant).filter_by(public_id=public_id))


def scribe_for(cast, person):
    return replace(cast.fac, proxy_for=person.id)


def test_a_facilitator_adds_someone_without_a_device(cast):
    cy = add_cy(cast)

    assert (cy.display_name, cy.role, cy.has_device) == (
        "Cy",
        "lived_experience",
        False,
    )
    assert cy.consent_named is True and cy.consent_quoted is False


def test_bad_details_are_refused_and_add_nobody(cast):
    before = event_count()
    for bad in ({**CY, "display_name": ""}, {**CY, "role": "boss"}):
        assert refusal(cast.fac, "workshop.add_without_device", bad).code == "invalid"
    assert refusal(cast.ann_actor, "workshop.add_without_device", CY).code == (
        "not_allowed"
    )
    assert event_count() == before


def test_a_note_entered_for_them_is_theirs_and_says_who_typed_it(cast):
    cy, board = add_cy(cast), make_board(cast.fac)

    note = add_note(scribe_for(cast, cy), board, text="The bus never comes")

    row = note_row(note)
    assert row.author_participant_id == cy.id
    assert row.author_user_id == cast.fac.user_id
    event = db.session.scalar(sa.select(Event).filter_by(action="board.add_note"))
    assert (event.actor_kind, event.actor_id) == ("facilitator", cast.fac.user_id)
    assert event.on_behalf_of_id == cy.id
    seen = resync(cast.ann_actor, "participants", None)["snapshot"]["activities"]
    view = seen[0]["state"]["notes"][0]
    assert (view["author_name"], view["entered_by"]) == ("Cy", "Fay")


def test_a_score_entered_for_them_is_theirs(cast):
    cy = add_cy(cast)
    checklist = act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})
    checklist = checklist["result"]["activity"]
    set_phase(cast.fac, checklist, "scoring")
    item = activity_row(checklist).content["method"]["content"]
    key = next(i["key"] for s in item["sections"] for i in s["items"])

    payload = {"activity": checklist, "item": key, "value": 1}
    act(scribe_for(cast, cy), "checklist.score", payload)

    assert db.session.scalar(sa.select(Score.participant_id)) == cy.id
    mine = resync(scribe_for(cast, cy), audiences.private(cy), None)["snapshot"]
    assert mine["stream"] == audiences.private(cy)


def test_a_scribe_does_only_what_the_participant_may(cast):
    cy, board = add_cy(cast), make_board(cast.fac)
    scribe = scribe_for(cast, cy)
    before = event_count()

    phase = {"activity": board, "phase": "voting"}
    assert refusal(scribe, "activity.set_phase", phase).code == "not_allowed"
    set_phase(cast.fac, board, "voting")
    note = {"activity": board, "column": "ideas", "text": "Late"}
    assert refusal(scribe, "board.add_note", note).code == "wrong_phase"
    assert event_count() == before + 1  # only the facilitator's phase change


def test_nobody_can_be_scribed_for_who_has_a_device_or_was_removed(cast):
    board = make_board(cast.fac)
    note = {"activity": board, "column": "ideas", "text": "As Ann"}

    assert refusal(scribe_for(cast, cast.ann), "board.add_note", note).code == (
        "not_allowed"
    )
    cy = add_cy(cast)
    act(cast.fac, "workshop.remove_participant", {"participant": cy.public_id})
    assert refusal(scribe_for(cast, cy), "board.add_note", note).code == "not_allowed"
