"""Revealing an anonymous author (app/safeguarding.py): the team's
safeguarding lead alone, with a reason kept in the audit log, and nothing
broadcast to anyone."""

import sqlalchemy as sa

from app.extensions import db
from app.models import AuthorReveal, Event, User
from tests.builders import act, add_note, event_count, make_board
from tests.builders import refused as refusal

REASON = "She may be at risk; we must offer support."


def make_lead(cast):
    """Make the cast's facilitator the team's safeguarding lead."""
    user = db.session.get(User, cast.fac.user_id)
    cast.workshop.team.safeguarding_lead_id = user.id
    db.session.commit()
    return user


def anonymous_board(cast):
    board = make_board(cast.fac)
    act(
        cast.fac,
        "workshop.edit_activity",
        {"activity": board, "title": "I", "anonymous": "y"},
    )
    return board


def reveal(actor, board, note, reason=REASON):
    return act(
        actor, "author.reveal", {"activity": board, "note": note, "reason": reason}
    )


def test_the_lead_reveals_an_author_with_a_reason_kept_in_the_log(cast):
    lead = make_lead(cast)
    board = anonymous_board(cast)
    note = add_note(cast.ann_actor, board, text="I am not safe at home")

    ack = reveal(cast.fac, board, note)

    assert ack["streams"] == {}  # told to nobody: no stream, no broadcast
    row = db.session.get(AuthorReveal, ack["result"]["reveal"])
    assert (row.reason, row.revealed_by_id) == (REASON, lead.id)
    assert row.note.author.display_name == "Ann"
    event = db.session.scalar(sa.select(Event).filter_by(action="author.reveal"))
    assert REASON not in str(event.refs) + str(event.result)  # ids only


def test_anyone_but_the_lead_is_refused_and_nothing_is_logged(cast):
    board = anonymous_board(cast)
    note = add_note(cast.ann_actor, board)
    before = event_count()

    payload = {"activity": board, "note": note, "reason": REASON}
    facilitator = refusal(cast.fac, "author.reveal", payload)
    participant = refusal(cast.bob_actor, "author.reveal", payload)

    assert facilitator.code == participant.code == "not_allowed"
    assert "safeguarding lead" in facilitator.message
    assert event_count() == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuthorReveal)) == 0


def test_a_reveal_needs_a_reason_an_anonymous_activity_and_a_real_note(cast):
    make_lead(cast)
    board = anonymous_board(cast)
    note = add_note(cast.ann_actor, board)
    named = make_board(cast.fac)
    named_note = add_note(cast.ann_actor, named)
    before = event_count()

    short = {"activity": board, "note": note, "reason": "why"}
    assert refusal(cast.fac, "author.reveal", short).code == "invalid"
    not_anonymous = {"activity": named, "note": named_note, "reason": REASON}
    assert refusal(cast.fac, "author.reveal", not_anonymous).code == "invalid"
    missing = {"activity": board, "note": "nothing-here", "reason": REASON}
    assert refusal(cast.fac, "author.reveal", missing).code == "not_found"
    assert event_count() == before
