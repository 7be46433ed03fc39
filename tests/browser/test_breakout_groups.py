"""Breakout groups in a real browser: on a board worked in groups, each
group sees only its own notes, and a participant moved to another group sees
the old group's notes leave and the new group's arrive, without a reload."""

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.kinds import KINDS
from app.methods.library import get_builtin
from app.models import Activity, Group, Workshop
from tests.browser.conftest import join, open_console, seed_workshop, shot, sign_in
from tests.browser.test_board import (
    add_note,
    assert_not_reloaded,
    mark_document,
    notes,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "What would help at your table"


def seed(team, admin):
    workshop = seed_workshop(team, "Breakout workshop")
    row = db.session.scalar(db.select(Workshop).filter_by(public_id=workshop["id"]))
    for name in ("Table A", "Table B"):
        db.session.add(Group(workshop_id=row.id, name=name))
    board = KINDS["board"]
    db.session.add(
        Activity(
            workshop_id=row.id,
            kind=board.key,
            title=TITLE,
            position="a0",
            phase="writing",
            content=board.new_content(get_builtin("open-board").as_content()),
            in_groups=True,
        )
    )
    db.session.commit()
    return {"groups": workshop}


def move(console, name, group):
    """Through the console's "Who is in which group" table."""
    console.get_by_label(f"Group for {name}").select_option(label=group)
    console.get_by_role("button", name=f"Move to group: {name}").click()
    expect(console.get_by_text(f"{name} moved to {group}.")).to_be_visible()


def test_moving_a_participant_swaps_the_group_notes_they_see(new_context, site):
    workshop = site["groups"]
    console = new_context().new_page()
    sign_in(console)
    open_console(console, workshop["id"])
    ann, bob = new_context().new_page(), new_context().new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    console.reload()
    move(console, "Ann", "Table A")
    move(console, "Bob", "Table A")
    expect(bob.locator("#my-group")).to_have_text("Your breakout group: Table A")

    add_note(bob, TITLE, "Table A: shared transport")
    expect(notes(ann, TITLE)).to_have_text(["Table A: shared transport"])
    mark_document(ann)

    move(console, "Ann", "Table B")
    expect(ann.locator("#my-group")).to_have_text("Your breakout group: Table B")
    expect(notes(ann, TITLE)).to_have_count(0)
    add_note(ann, TITLE, "Table B: a named contact")
    add_note(bob, TITLE, "Table A: pooled budgets")
    expect(notes(bob, TITLE)).to_have_text(
        ["Table A: shared transport", "Table A: pooled budgets"]
    )
    expect(notes(ann, TITLE)).to_have_text(["Table B: a named contact"])
    shot(ann, "moved-to-table-b")

    move(console, "Ann", "Table A")
    expect(notes(ann, TITLE)).to_have_text(
        ["Table A: shared transport", "Table A: pooled budgets"]
    )
    assert_not_reloaded(ann)
    ann.reload()  # and after a reload, from the page and the welcome
    expect(ann.locator("#my-group")).to_have_text("Your breakout group: Table A")
