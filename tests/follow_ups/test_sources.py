"""What an action is made from (app/follow_ups/sources.py): the server
copies what was said from the note, topic or checklist item itself, never
from the client, and never a note the room did not see or may not quote."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.follow_ups import service
from app.models import FollowUp, Redaction
from tests import builders
from tests.builders import (
    act,
    add_note,
    make_board,
    make_participant,
    participant_actor,
    refused,
)
from tests.follow_ups.conftest import make_action, make_series

SCENARIO_QUESTION = "Types of services provided: How should the framework specify"


def only_action():
    db.session.expire_all()
    return db.session.scalar(sa.select(FollowUp))


def from_note(fac, board, note, **extra):
    payload = {"title": "Act on it", "source_kind": "note", "source_ref": note}
    return {**payload, "activity": board, **extra}


def test_a_notes_words_are_copied_by_the_server_not_the_client(cast, series):
    """What the client claims was said is ignored: the note's own text is
    copied, with the note as the source."""
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Travel time is never paid")

    act(
        cast.fac,
        "follow_up.create",
        from_note(cast.fac, board, note, raised_text="Forged"),
    )

    row = only_action()
    assert row.raised_text == "Travel time is never paid"
    assert (row.source_kind, row.source_ref) == ("note", note)


def test_a_hidden_note_cannot_become_an_actions_words(cast, series):
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Something hurtful")
    act(cast.fac, "board.hide_note", {"activity": board, "note": note})

    refusal = refused(cast.fac, "follow_up.create", from_note(cast.fac, board, note))

    assert refusal.code == "not_found"
    assert only_action() is None


def test_private_writing_before_its_reveal_cannot_be_quoted(cast, series):
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Only mine", private=True)

    refusal = refused(cast.fac, "follow_up.create", from_note(cast.fac, board, note))

    assert refusal.code == "not_found" and only_action() is None


def test_a_redacted_note_cannot_be_quoted(cast, series):
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Names a person")
    db.session.add(
        Redaction(workshop_id=cast.workshop.id, target=f"note:{note}", reason="Names")
    )
    db.session.commit()

    refusal = refused(cast.fac, "follow_up.create", from_note(cast.fac, board, note))

    assert refusal.code == "not_allowed" and only_action() is None


@pytest.mark.parametrize(("agreed", "allowed"), [(False, False), (True, True)])
def test_lived_experience_is_quoted_only_with_agreement(cast, series, agreed, allowed):
    """The words are published on the public summary: a person with lived
    experience is quoted only if they agreed, and the refusal names nobody."""
    board = make_board(cast.fac)
    person = make_participant(
        cast.workshop,
        display_name="Lee",
        role="lived_experience",
        consent_quoted=agreed,
    )
    note = add_note(participant_actor(person), board, text="I waited a year")
    payload = from_note(cast.fac, board, note)

    if allowed:
        act(cast.fac, "follow_up.create", payload)
        assert only_action().raised_text == "I waited a year"
    else:
        refusal = refused(cast.fac, "follow_up.create", payload)
        assert refusal.code == "not_allowed"
        assert "Lee" not in refusal.message and "lived" not in refusal.message
        assert only_action() is None


def test_a_note_of_another_workshop_is_not_found(cast, series):
    other = builders.make_workshop(cast.workshop.team, title="Elsewhere")
    their_fac = builders.facilitator_actor(other)
    board = make_board(their_fac)
    note = add_note(their_fac, board, text="Theirs")

    refusal = refused(cast.fac, "follow_up.create", from_note(cast.fac, board, note))

    assert refusal.code == "not_found" and only_action() is None


def test_a_scenario_topics_question_is_copied(cast, series):
    scenario = act(cast.fac, "workshop.add_activity", {"method": "peoples-borough"})
    payload = {
        "title": "Specify outcomes, not tasks",
        "source_kind": "topic",
        "source_ref": "types-of-services",
        "activity": scenario["result"]["activity"],
    }

    act(cast.fac, "follow_up.create", payload)

    assert only_action().raised_text.startswith(SCENARIO_QUESTION)


def test_a_checklist_items_wording_is_copied(cast, series):
    checklist = act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})
    payload = {
        "title": "Open the books",
        "source_kind": "item",
        "source_ref": "element-4",
        "activity": checklist["result"]["activity"],
    }

    act(cast.fac, "follow_up.create", payload)

    assert "supporting financial transparency" in only_action().raised_text


@pytest.mark.parametrize(
    ("method", "kind", "ref"),
    [
        ("ccps-checklist", "item", "element-99"),
        ("peoples-borough", "topic", "no-such-topic"),
        ("ccps-checklist", "topic", "types-of-services"),
        ("open-board", "item", "element-1"),
    ],
)
def test_a_source_the_activity_does_not_have_is_not_found(
    cast, series, method, kind, ref
):
    activity = act(cast.fac, "workshop.add_activity", {"method": method})
    payload = {"title": "X", "source_kind": kind, "source_ref": ref}

    refusal = refused(
        cast.fac,
        "follow_up.create",
        {**payload, "activity": activity["result"]["activity"]},
    )

    assert refusal.code == "not_found" and only_action() is None


def test_the_words_are_withheld_once_the_note_is_hidden(cast, series):
    """Hiding (or deleting) the note later takes its words off every output
    of the action: the report, the public summary, the live view."""
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Say it once")
    act(cast.fac, "follow_up.create", from_note(cast.fac, board, note))
    assert service.raised_words(only_action()) == "Say it once"

    act(cast.fac, "board.hide_note", {"activity": board, "note": note})

    assert service.raised_words(only_action()) == ""
    assert service.public_view(only_action())["raised_text"] == ""


def test_an_action_typed_in_names_no_source(cast, series):
    made = make_action(cast.fac)

    row = only_action()
    assert row.public_id == made
    assert (row.source_kind, row.source_ref, row.raised_text) == (None, None, "")


def test_an_action_is_only_made_in_a_series(cast):
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="No series")
    assert refused(
        cast.fac, "follow_up.create", from_note(cast.fac, board, note)
    ).code == ("not_in_series")
    make_series(cast.workshop)
    act(cast.fac, "follow_up.create", from_note(cast.fac, board, note))
    assert only_action().raised_text == "No series"
