"""Search keeps the report's privacy rules: never a hidden note, never
private writing before its reveal, never a redacted contribution, no role
or name in an anonymous activity, a name only with consent, and checklist
comments only once revealed. Each holds after the entries were built too."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Redaction
from app.report.redaction import comment_target
from tests import builders
from tests.builders import act, make_board, set_phase
from tests.search.conftest import find, texts
from tests.search.forums import ELEMENT, price_comment, price_note, write


def _page(client, auth, team, words):
    if not hasattr(auth, "signed_in"):
        auth.login(builders.make_user(team, role="reviewer"))
        auth.signed_in = True
    response = client.get("/search", query_string={"q": words})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_hidden_note_is_never_found_even_once_indexed(year):
    """Hidden after a search found it: the next search does not."""
    forum = year.forums[0]
    assert price_note(1) in texts(find(year.team, "price transparency"))
    payload = {"activity": forum.board, "note": forum.notes[price_note(1)]}
    act(forum.fac, "board.hide_note", payload)

    found = texts(find(year.team, "price transparency"))
    assert price_note(1) not in found and len(found) == 11


def test_private_writing_is_found_only_after_its_reveal(year):
    """A private note is nowhere before the board's reveal; after it, found."""
    forum = year.forums[0]
    write(forum, "provider", "Privately: zero hours contracts hurt", private=True)
    assert find(year.team, "zero hours").total == 0

    set_phase(forum.fac, forum.board, "discussion")
    assert texts(find(year.team, "zero hours")) == [
        "Privately: zero hours contracts hurt"
    ]


def test_checklist_comments_are_found_only_once_revealed(team):
    """Scores' comments are private until the reveal."""
    from tests.search.forums import QUARTERS

    workshop = builders.make_workshop(team, date=QUARTERS[0])
    fac = builders.facilitator_actor(workshop)
    person = builders.make_participant(workshop, role="provider")
    payload = {"method": "ccps-checklist", "title": "Checklist"}
    checklist = act(fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(fac, checklist, "scoring")
    score = {
        "activity": checklist,
        "item": ELEMENT,
        "value": 0,
        "comment": "Opaque fees",
    }
    act(builders.participant_actor(person), "checklist.score", score)
    assert find(team, "opaque fees").total == 0

    set_phase(fac, checklist, "reveal")
    assert texts(find(team, "opaque fees")) == ["Opaque fees"]


def test_redacted_contributions_are_never_found(year):
    """A note and a checklist comment redacted (through the write path)
    after being found are found no more."""
    forum = year.forums[1]
    find(year.team, "price transparency")
    note_target = f"note:{forum.notes[price_note(2)]}"
    target = comment_target(forum.checklist, ELEMENT, price_comment(2))
    for redacted in (note_target, target):
        act(forum.fac, "report.redact", {"target": redacted, "reason": "Names a firm"})

    found = texts(find(year.team, "price transparency"))
    assert price_note(2) not in found and price_comment(2) not in found
    assert len(found) == 10


def test_a_redaction_row_alone_withholds_at_once(year):
    """Even a redaction written without moving the workshop's seq (no
    rebuild) withholds the entry: the search checks redactions itself."""
    forum = year.forums[2]
    find(year.team, "price transparency")
    target = f"note:{forum.notes[price_note(3)]}"
    db.session.add(Redaction(workshop_id=forum.workshop.id, target=target, reason="x"))
    db.session.commit()

    assert price_note(3) not in texts(find(year.team, "price transparency"))


def test_an_anonymous_activity_gives_no_role_and_no_name(team):
    """A note of an anonymous board is found without its writer's role or
    name, and a role filter never finds it."""
    workshop = builders.make_workshop(team)
    fac = builders.facilitator_actor(workshop)
    board = make_board(fac)
    act(
        fac,
        "workshop.edit_activity",
        {"activity": board, "title": "B", "anonymous": "y"},
    )
    named = builders.make_participant(
        workshop, display_name="Nia Named", role="lived_experience", consent_named=True
    )
    builders.add_note(
        builders.participant_actor(named), board, "Unsafe staffing levels"
    )

    [hit] = find(team, "unsafe staffing").hits
    assert (hit.role, hit.name) == ("", "")
    assert find(team, "unsafe staffing", role="lived_experience").total == 0


def test_names_only_with_consent_on_the_page(client, auth, year):
    """The results page names the provider who agreed, and nobody who did
    not; roles are shown."""
    page = _page(client, auth, year.team, "travel time")
    assert "Cam Unnamed" not in page and "Role: Commissioner" in page
    page = _page(client, auth, year.team, "hourly rate")
    assert "Priya Named" in page and "Role: Provider" in page


def test_checklist_comments_never_name_their_writer(year):
    """A comment carries its writer's role at most, even one who agreed to
    be named (the report shows no comment's author)."""
    hits = find(year.team, "open book accounting").hits
    assert len(hits) == 4
    assert {(hit.role, hit.name) for hit in hits} == {("Provider", "")}


def test_a_deleted_workshop_leaves_nothing_behind(year):
    """Deleting a workshop deletes its entries and their words from the
    full-text index (the table's triggers follow the cascade)."""
    from app.plan.service import delete_workshop

    find(year.team, "price transparency")
    delete_workshop(year.forums[0].workshop)

    found = texts(find(year.team, "price transparency"))
    assert price_note(1) not in found and price_comment(1) not in found
    assert len(found) == 10  # its action stays with the series
    if db.engine.dialect.name == "sqlite":  # the index agrees with its rows
        db.session.execute(
            sa.text(
                "INSERT INTO search_entry_fts(search_entry_fts, rank) "
                "VALUES ('integrity-check', 1)"
            )
        )


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script> rates", "<b>rates</b> & co"]
)
def test_text_is_escaped_and_only_matches_are_marked(client, auth, team, text):
    """Typed markup is shown as text; the only <mark> is the page's own."""
    workshop = builders.make_workshop(team)
    fac = builders.facilitator_actor(workshop)
    builders.add_note(fac, make_board(fac), text)

    page = _page(client, auth, team, "rates")
    assert "<script>alert" not in page and "<b>rates" not in page
    assert "&lt;" in page and "<mark>rates</mark>" in page
