"""Breakout groups in a real browser: on a board worked in groups, each
group sees only its own notes, and a participant moved to another group sees
the old group's notes leave and the new group's arrive, without a reload."""

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.kinds import KINDS
from app.methods.library import get_builtin
from app.models import Activity, Group, Workshop
from tests.browser.conftest import (
    add_from_library,
    join,
    open_console,
    seed_workshop,
    shot,
    sign_in,
)
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
    pace = seed_workshop(team, "Groups at their own pace")
    row = db.session.scalar(db.select(Workshop).filter_by(public_id=pace["id"]))
    for name in ("Table A", "Table B"):
        db.session.add(Group(workshop_id=row.id, name=name))
    db.session.commit()
    return {"groups": workshop, "pace": pace}


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


def test_a_group_works_on_its_own_activity_while_the_room_follows_another(
    new_context, site
):
    """The facilitator starts a board for the room and a checklist for Table
    B only: Bob (Table B) sees the checklist, Ann (Table A) the board; when
    Table B is let go, Bob follows the room again."""
    workshop = site["pace"]
    console = new_context().new_page()
    sign_in(console)
    add_from_library(console, workshop["id"], "Open board")
    checklist = "CCPS collaborative and ethical commissioning checklist"
    add_from_library(console, workshop["id"], checklist, start=False)
    ann, bob = new_context().new_page(), new_context().new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    open_console(console, workshop["id"])
    move(console, "Ann", "Table A")
    move(console, "Bob", "Table B")

    console.goto(f"/workshops/{workshop['id']}/agenda")
    item = console.locator("li.agenda-item").filter(has_text=checklist)
    item.get_by_label(f"Group to start {checklist} for").select_option(label="Table B")
    item.get_by_role("button", name="Start for this group only").click()
    expect(console.get_by_text("Table B works on this at its own pace")).to_be_visible()

    expect(bob.get_by_role("heading", name=checklist)).to_be_visible()
    expect(bob.get_by_role("heading", name="Open board")).to_have_count(0)
    expect(ann.get_by_role("heading", name="Open board")).to_be_visible()
    expect(ann.get_by_role("heading", name=checklist)).to_have_count(0)
    shot(bob, "group-own-pace")

    console.get_by_role("button", name="Let Table B follow the room again").click()
    expect(bob.get_by_role("heading", name="Open board")).to_be_visible()
    expect(bob.get_by_role("heading", name=checklist)).to_have_count(0)
