"""The half-day provider forum of issue 5's "done when" (JOURNEYS.md 1-3): a
facilitator builds the agenda from the library — People's Borough in groups,
then the CCPS checklist, then a yellow brick road — and runs it with a
participant on a laptop and one on a phone. Each screen follows the activity
the facilitator starts, live, with no reload."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    add_from_library,
    join,
    open_console,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import assert_not_reloaded, board, mark_document
from tests.browser.test_breakout_groups import move
from tests.browser.test_checklist import ELEMENT_1, item
from tests.browser.test_pathway import add_step, step_texts
from tests.browser.test_scenario import column_notes, create_group, give, write

pytestmark = [pytest.mark.browser, pytest.mark.server]

BOROUGH = "People's Borough scenario"
CHECKLIST = "CCPS collaborative and ethical commissioning checklist"
ROAD = "Yellow brick road"
SERVICES = "Types of services provided"


def seed(team, admin):
    return {"forum": seed_workshop(team, "Quarterly domiciliary care forum")}


def start(page, workshop, title):
    """Start an activity from the agenda page; back to the console."""
    page.goto(f"/workshops/{workshop['id']}/agenda")
    page.locator("li.agenda-item").filter(has_text=title).get_by_role(
        "button", name="Start: everyone goes here"
    ).click()
    expect(page.get_by_text("Everyone now follows it.")).to_be_visible()
    open_console(page, workshop["id"])


def phase(page, title, label):
    controls = page.get_by_role("group", name=f"Phase of {title}")
    controls.get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_text("Phase changed.")).to_be_visible()


def test_a_half_day_forum_built_from_the_library_and_run_live(new_context, site):
    workshop = site["forum"]
    fac = new_context().new_page()
    sign_in(fac)
    for title in (BOROUGH, CHECKLIST, ROAD):
        add_from_library(fac, workshop["id"], title, start=False)
    agenda = fac.locator("li.agenda-item .agenda-title")
    expect(agenda).to_have_text([BOROUGH, CHECKLIST, ROAD])

    laptop = new_context().new_page()
    phone = new_context(viewport={"width": 390, "height": 844}).new_page()
    join(laptop, workshop["code"], "Ann")
    join(phone, workshop["code"], "Bob", role="Commissioner")
    for page in (laptop, phone):
        mark_document(page)
    open_console(fac, workshop["id"])
    create_group(fac, "Table A")
    fac.reload()
    move(fac, "Ann", "Table A")
    move(fac, "Bob", "Table A")

    # 1. People's Borough, in groups.
    start(fac, workshop, BOROUGH)
    give(fac, SERVICES, "Table A")
    phase(fac, BOROUGH, "Discuss")
    for page in (laptop, phone):
        expect(board(page, BOROUGH)).to_be_visible()
        expect(board(page, CHECKLIST)).to_have_count(0)
    write(laptop, SERVICES, "Issues identified", "Block contracts limit choice")
    expect(column_notes(phone, SERVICES, "issues")).to_have_text(
        ["Block contracts limit choice"]
    )

    # 2. The CCPS checklist: everyone's screen moves on by itself.
    start(fac, workshop, CHECKLIST)
    phase(fac, CHECKLIST, "Scoring privately")
    for page in (laptop, phone):
        expect(board(page, CHECKLIST)).to_be_visible()
        expect(board(page, BOROUGH)).to_have_count(0)
    for page, label in (
        (laptop, "2: We have good consistent evidence"),
        (phone, "1: Our evidence is mixed or patchy"),
    ):
        item(page, ELEMENT_1).get_by_label(label).check()
    expect(board(fac, CHECKLIST).locator(".checklist-summary")).to_have_text(
        "2 people have scored so far."
    )

    # 3. The yellow brick road, mapped together.
    start(fac, workshop, ROAD)
    phase(fac, ROAD, "Mapping")
    expect(board(phone, ROAD)).to_be_visible()
    add_step(phone, "A family asks for help")
    expect(step_texts(laptop)).to_have_text(["A family asks for help"])
    shot(phone, "forum-journey-road-phone")

    for page in (laptop, phone):
        assert_not_reloaded(page)
    fac.goto(f"/workshops/{workshop['id']}/agenda")
    summaries = fac.locator("li.agenda-item .activity-summary")
    expect(summaries).to_have_text(
        [
            "So far: Topics discussed: 1 of 13.",
            "So far: People who scored: 2; items agreed: 0 of 8.",
            "So far: Steps: 1; brick walls: 0; ways over them: 0.",
        ]
    )
    shot(fac, "forum-journey-agenda")
