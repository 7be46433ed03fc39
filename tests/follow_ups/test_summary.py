"""The public "you said, we did" page: what was raised at each workshop of
the series and what was done, readable with no account; no names, no hidden
note's words; an unknown or withdrawn address shows nothing (404)."""

import datetime as dt

from app.extensions import db
from tests import builders
from tests.builders import (
    act,
    add_note,
    make_board,
    make_participant,
    participant_actor,
)


def publish(fac, series):
    act(fac, "follow_up.publish_summary", {})
    db.session.refresh(series)
    return f"/you-said-we-did/{series.summary_token}"


def from_note(fac, board, note, title):
    payload = {"title": title, "source_kind": "note", "source_ref": note}
    ack = act(fac, "follow_up.create", {**payload, "activity": board})
    return ack["result"]["follow_up"]


def test_the_summary_lists_what_was_raised_and_done_per_workshop(client, cast, series):
    """Each workshop of the series in date order, with what was said, what
    will be done, the status, owner organisation, due date and updates."""
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Nobody pays for travel time")
    made = from_note(cast.fac, board, note, "Fund travel time in the new rates")
    act(
        cast.fac,
        "follow_up.edit",
        {
            "follow_up": made,
            "title": "Fund travel time in the new rates",
            "owner_organisation": "Council commissioning",
            "owner_person": "Jo Lee",
            "due_date": "2025-09-30",
            "version": 1,
        },
    )
    later = builders.make_workshop(cast.workshop.team, title="Summer forum")
    later.series_id, later.date = series.id, dt.date(2025, 6, 4)
    db.session.commit()
    act(
        builders.facilitator_actor(later),
        "follow_up.update",
        {
            "follow_up": made,
            "body": "Rates consultation opened",
            "status": "in_progress",
        },
    )
    act(
        builders.facilitator_actor(later), "follow_up.create", {"title": "Meet in July"}
    )

    page = client.get(publish(cast.fac, series)).get_data(as_text=True)

    assert "Domiciliary care provider forum" in page
    assert page.index("Test workshop") < page.index("Summer forum")
    assert page.index("Nobody pays for travel time") < page.index("Summer forum")
    for shown in (
        "Fund travel time in the new rates",
        "Council commissioning",
        "2025-09-30",
        "Rates consultation opened",
        "In progress",
        "Meet in July",
    ):
        assert shown in page


def test_the_summary_names_nobody(client, cast, series):
    """Neither the owner's name nor the note's author, even one who agreed
    to be named in the report."""
    named = make_participant(
        cast.workshop, display_name="Priya Named", consent_named=True
    )
    board = make_board(cast.fac)
    note = add_note(participant_actor(named), board, text="Publish the tender scores")
    made = from_note(cast.fac, board, note, "Share scores after each tender")
    act(
        cast.fac,
        "follow_up.edit",
        {
            "follow_up": made,
            "title": "Share scores",
            "owner_person": "Jo Lee",
            "version": 1,
        },
    )

    page = client.get(publish(cast.fac, series)).get_data(as_text=True)

    assert "Publish the tender scores" in page
    for name in ("Priya Named", "Jo Lee", "Ann", "Fay"):
        assert name not in page


def test_a_note_hidden_later_is_not_quoted(client, cast, series):
    board = make_board(cast.fac)
    note = add_note(cast.ann_actor, board, text="Words taken down")
    from_note(cast.fac, board, note, "Still an action")
    act(cast.fac, "board.hide_note", {"activity": board, "note": note})

    page = client.get(publish(cast.fac, series)).get_data(as_text=True)

    assert "Still an action" in page and "Words taken down" not in page


def test_an_unknown_or_withdrawn_address_shows_nothing(client, cast, series):
    act(cast.fac, "follow_up.create", {"title": "Secret plan"})
    address = publish(cast.fac, series)
    act(cast.fac, "follow_up.withdraw_summary", {})

    for path in (address, "/you-said-we-did/not-a-token"):
        response = client.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 404
        assert "There is no summary at this address" in page
        assert "Secret plan" not in page


def test_republishing_makes_a_new_address(client, cast, series):
    first = publish(cast.fac, series)
    act(cast.fac, "follow_up.withdraw_summary", {})

    second = publish(cast.fac, series)

    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
