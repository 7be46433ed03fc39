"""Axe on the methods' live views and the agenda page: a revealed checklist
with its chart, the spectrum being marked on a phone, a pathway with walls and
ways over, People's Borough in feedback, and the agenda with groups at their
own pace. axe runs in contexts of its own (the accessibility tests' fixture:
the one place the CSP is bypassed)."""

import pytest
from playwright.sync_api import expect

from tests.browser import test_accessibility as a11y
from tests.browser.conftest import join, open_console, seed_workshop, sign_in
from tests.browser.test_board import board
from tests.browser.test_breakout_groups import move

pytestmark = [pytest.mark.browser, pytest.mark.server]

axe_context = a11y.axe_context
assert_no_violations = a11y.assert_no_violations

CHECKLIST = "CCPS collaborative and ethical commissioning checklist"
SPECTRUM = "Collaborative commissioning spectrum"
ROAD = "Yellow brick road"
BOROUGH = "People's Borough scenario"


def seed(team, admin):
    return {"forum": seed_workshop(team, "Accessible forum")}


def add(page, workshop, title):
    page.goto(f"/workshops/{workshop['id']}/agenda")
    page.get_by_label("Method").select_option(label=title)
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text("Activity added.")).to_be_visible()


def phase(page, title, label):
    controls = page.get_by_role("group", name=f"Phase of {title}")
    controls.get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_text("Phase changed.")).to_be_visible()


@pytest.fixture(scope="module")
def room(axe_context, site):
    """A facilitator with every live method on the agenda (none started, so
    each participant sees them all) and two participants in a group."""
    workshop = site["forum"]
    fac = axe_context().new_page()
    sign_in(fac)
    for title in (CHECKLIST, SPECTRUM, ROAD, BOROUGH):
        add(fac, workshop, title)
    ann = axe_context().new_page()
    bob = axe_context(viewport={"width": 390, "height": 844}).new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    open_console(fac, workshop["id"])
    fac.get_by_label("Group name").fill("Table A")
    fac.get_by_role("button", name="Create the group").click()
    # Wait for the form's own navigation: a reload during it detaches the page.
    expect(fac.get_by_text("Group “Table A” created.")).to_be_visible()
    move(fac, "Ann", "Table A")
    move(fac, "Bob", "Table A")
    return {"fac": fac, "ann": ann, "bob": bob, "workshop": workshop}


def test_a_revealed_checklist_with_its_chart_passes_axe(room):
    fac, ann, bob = room["fac"], room["ann"], room["bob"]
    phase(fac, CHECKLIST, "Scoring privately")
    for page, label in (
        (ann, "2: We have good consistent evidence"),
        (bob, "No score"),
    ):
        item = board(page, CHECKLIST).locator("li.checklist-item").first
        item.get_by_label(label).check()
    assert_no_violations(bob, "checklist-scoring-phone")
    phase(fac, CHECKLIST, "Reveal")
    expect(board(ann, CHECKLIST).locator(".results-charts svg")).to_have_count(1)
    assert_no_violations(ann, "checklist-revealed")
    phase(fac, CHECKLIST, "Agree")
    assert_no_violations(fac, "checklist-agree-console")


def test_the_spectrum_being_marked_passes_axe(room):
    fac, bob = room["fac"], room["bob"]
    phase(fac, SPECTRUM, "Marking privately")
    expect(board(bob, SPECTRUM).locator("li.spectrum-dimension")).to_have_count(11)
    assert_no_violations(bob, "spectrum-marking-phone")


def test_a_pathway_with_walls_and_ways_over_passes_axe(room):
    fac, ann = room["fac"], room["ann"]
    phase(fac, ROAD, "Mapping")
    road = board(ann, ROAD)
    road.get_by_label("New step", exact=True).fill("A family asks for help")
    road.get_by_role("button", name="Add step", exact=True).click()
    expect(road.locator("li.card-steps")).to_have_count(1)
    assert_no_violations(ann, "pathway-mapping")


def test_peoples_borough_in_feedback_passes_axe(room):
    fac, ann = room["fac"], room["ann"]
    phase(fac, BOROUGH, "Discuss")
    phase(fac, BOROUGH, "Feedback")
    expect(board(ann, BOROUGH).get_by_text("Not discussed")).to_be_visible()
    assert_no_violations(ann, "scenario-feedback")
    assert_no_violations(fac, "scenario-feedback-console")


def test_the_agenda_page_passes_axe(room):
    fac, workshop = room["fac"], room["workshop"]
    fac.goto(f"/workshops/{workshop['id']}/agenda")
    fac.locator("li.agenda-item").first.get_by_role(
        "button", name="Start for this group only"
    ).click()
    expect(fac.get_by_text("Table A works on this at its own pace")).to_be_visible()
    assert_no_violations(fac, "agenda")
