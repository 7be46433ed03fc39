"""The yellow brick road in a real browser: the facilitator adds it from the
library and opens it for mapping; two participants (one on a phone) build
one road together live (the service, steps in order, a resource, a wall and
a way over it, a measure), each seeing the other's changes without a reload;
a stale edit keeps what was typed beside the card's current text; the
facilitator's console shows the whole road; the review phase makes it
read-only. Worked in breakout groups, each group maps its own road and the
facilitator sees every road under its group's name. And the road works with
the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.kinds import KINDS
from app.methods.library import get_builtin
from app.models import Activity, Group, Workshop
from tests.browser.conftest import (
    PHONE,
    add_from_library,
    join,
    open_console,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import board, expect_phase, set_phase, tab_to
from tests.browser.test_breakout_groups import move

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "Yellow brick road"
SERVICE = "Short breaks for disabled children"
STEPS = ["Family asks for help", "A short break begins", "Needs are assessed"]
IN_ORDER = ["Family asks for help", "Needs are assessed", "A short break begins"]


def seed(team, admin):
    return {
        "forum": seed_workshop(team, "Provider forum: pathway"),
        "keyboard": seed_workshop(team, "Keyboard pathway workshop"),
        "groups": seed_grouped_road(seed_workshop(team, "Pathway in groups")),
    }


def seed_grouped_road(workshop):
    """Two tables and a road being mapped in groups, straight into the
    database before the server starts."""
    row = db.session.scalar(db.select(Workshop).filter_by(public_id=workshop["id"]))
    for name in ("Table A", "Table B"):
        db.session.add(Group(workshop_id=row.id, name=name))
    kind = KINDS["pathway"]
    method = get_builtin("yellow-brick-road").as_content()
    db.session.add(
        Activity(
            workshop_id=row.id,
            kind=kind.key,
            title=TITLE,
            position="a0",
            phase="map",
            content=kind.new_content(method),
            in_groups=True,
        )
    )
    db.session.commit()
    return workshop


def road(page):
    return board(page, TITLE).locator("section.pathway-road")


def step_texts(page):
    return road(page).locator("ol.road-steps > li.card-steps > .card-text")


def step(page, text):
    exact = re.compile(f"^{re.escape(text)}$")
    return (
        road(page)
        .locator("li.card-steps")
        .filter(
            has=page.locator("xpath=./p[contains(@class, 'card-text')]", has_text=exact)
        )
    )


def wall(page, step_text, text):
    return step(page, step_text).locator("li.card-walls").filter(has_text=text)


def add(where, label, button, text):
    where.get_by_label(label, exact=True).fill(text)
    where.get_by_role("button", name=button, exact=True).click()


def add_step(page, text):
    add(
        road(page).locator(".lane-steps > form.pathway-add"),
        "New step",
        "Add step",
        text,
    )


def open_for_mapping(new_context, workshop):
    fac = new_context().new_page()
    sign_in(fac)
    add_from_library(fac, workshop["id"], TITLE)
    open_console(fac, workshop["id"])
    set_phase(fac, TITLE, "Mapping")
    return fac


def test_two_people_map_one_road_live_and_review_it(new_context, site):
    """Every change reaches the other participant and the facilitator live;
    a stale edit is refused with the typed text kept; review is read-only."""
    workshop = site["forum"]
    fac = open_for_mapping(new_context, workshop)
    ann = new_context().new_page()
    bob = new_context(**PHONE).new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    for page in (ann, bob):
        expect_phase(page, TITLE, "Mapping")

    name = board(ann, TITLE).locator("form.pathway-name")
    name.get_by_label("Which service is the pathway through?").fill(SERVICE)
    name.get_by_role("button", name="Save the name").click()
    for page in (ann, bob, fac):
        expect(road(page).locator(".road-service")).to_have_text(SERVICE)
    expect(
        board(bob, TITLE).get_by_label("Which service is the pathway through?")
    ).to_have_value(SERVICE)

    add_step(ann, STEPS[0])
    expect(step_texts(bob)).to_have_text(STEPS[:1])
    add_step(bob, STEPS[1])
    expect(step_texts(ann)).to_have_text(STEPS[:2])
    add_step(ann, STEPS[2])
    expect(step_texts(bob)).to_have_text(STEPS)
    # Bob heard Ann's steps arrive.
    expect(board(bob, TITLE).locator(".pathway-announcer")).to_have_text(
        f"Added to Steps: {STEPS[2]}"
    )

    # Bob puts the assessment before the break, on his phone.
    step(bob, STEPS[2]).get_by_role("button", name="Move earlier").click()
    for page in (ann, bob):
        expect(step_texts(page)).to_have_text(IN_ORDER)
    expect(step(ann, IN_ORDER[1]).locator(".step-number")).to_have_text("Step 2")

    assessed = step(ann, "Needs are assessed")
    add(assessed, "A resource needed for this step", "Add resource", "A social worker")
    add(
        step(bob, "Needs are assessed"),
        "A brick wall or barrier on this step",
        "Add wall",
        "A long waiting list",
    )
    expect(wall(ann, "Needs are assessed", "A long waiting list")).to_be_visible()
    add(
        wall(ann, "Needs are assessed", "A long waiting list"),
        "How could this wall be overcome?",
        "Add way over",
        "Trusted assessors in provider teams",
    )
    measures = road(bob).locator(".lane-measures")
    add(
        measures,
        "How could we measure progress?",
        "Add measure",
        "Weeks from asking to a break",
    )

    for page in (ann, bob):
        on_step = step(page, "Needs are assessed")
        expect(on_step.locator(".card-resources .card-text")).to_have_text(
            ["A social worker"]
        )
        expect(on_step.locator(".card-overcome .card-text")).to_have_text(
            ["Trusted assessors in provider teams"]
        )
        expect(road(page).locator(".card-measures .card-text")).to_have_text(
            ["Weeks from asking to a break"]
        )
        expect(road(page).locator(".pending")).to_have_count(0)  # nothing pending
    shot(ann, "pathway-laptop")
    shot(bob, "pathway-phone")

    # Both edit the first step; Bob saves first, so Ann's edit is stale.
    ann_first, bob_first = step(ann, STEPS[0]), step(bob, STEPS[0])
    ann_first.locator(".card-actions").get_by_role("button", name="Edit").click()
    ann_first.get_by_label("Card text").fill("A parent asks the council for help")
    bob_first.locator(".card-actions").get_by_role("button", name="Edit").click()
    bob_first.get_by_label("Card text").fill("A family asks for help")
    bob_first.get_by_role("button", name="Save", exact=True).click()
    expect(step_texts(ann).first).to_have_text("A family asks for help")
    edited = road(ann).locator("li.card-steps").first
    edited.get_by_role("button", name="Save", exact=True).click()
    expect(edited.locator(".conflict")).to_contain_text(
        "Someone changed this card while you were editing it."
    )
    expect(edited.locator(".conflict-current")).to_have_text("A family asks for help")
    expect(edited.get_by_label("Card text")).to_have_value(
        "A parent asks the council for help"
    )
    shot(ann, "pathway-stale-edit")
    edited.get_by_label("Card text").fill("A family or parent asks for help")
    edited.get_by_role("button", name="Save", exact=True).click()
    for page in (ann, bob):
        expect(step_texts(page).first).to_have_text("A family or parent asks for help")
    expect(edited.locator(".conflict")).to_be_hidden()

    # Deleting asks again.
    add(measures, "How could we measure progress?", "Add measure", "A measure to drop")
    extra = road(ann).locator(".card-measures").filter(has_text="A measure to drop")
    extra.get_by_role("button", name="Delete", exact=True).click()
    extra.get_by_role("button", name="Delete for good").click()
    for page in (ann, bob):
        expect(road(page).locator(".card-measures .card-text")).to_have_text(
            ["Weeks from asking to a break"]
        )

    # The facilitator's console shows the whole road.
    expect(road(fac)).to_have_count(1)
    expect(step_texts(fac)).to_have_text(
        ["A family or parent asks for help", *IN_ORDER[1:]]
    )
    fac_step = step(fac, "Needs are assessed")
    expect(fac_step.locator(".card-resources .card-text")).to_have_text(
        ["A social worker"]
    )
    expect(fac_step.locator(".card-walls > .card-text")).to_have_text(
        ["A long waiting list"]
    )
    expect(fac_step.locator(".card-overcome .card-text")).to_have_text(
        ["Trusted assessors in provider teams"]
    )
    expect(road(fac).locator(".card-measures .card-text")).to_have_text(
        ["Weeks from asking to a break"]
    )
    shot(fac, "pathway-console")

    set_phase(fac, TITLE, "Review")
    for page in (ann, bob):
        expect(road(page).locator("form:visible")).to_have_count(0)
        expect(road(page).get_by_role("button")).to_have_count(0)
        expect(step_texts(page)).to_have_count(3)
    # Only the facilitator may still tidy the road before it is sent out.
    expect(
        step(fac, IN_ORDER[1]).get_by_role("button", name="Edit").first
    ).to_be_visible()
    bob.reload()  # a fresh snapshot shows the same road
    expect(step_texts(bob)).to_have_text(
        ["A family or parent asks for help", *IN_ORDER[1:]]
    )
    expect(road(bob).locator(".road-service")).to_have_text(SERVICE)
    shot(bob, "pathway-review-phone")


def test_each_group_maps_its_own_road_and_the_facilitator_sees_all(new_context, site):
    """A participant sees only their group's road, also after a reload; the
    facilitator sees the room's road and each group's, under its name, and
    may add to a group's road."""
    workshop = site["groups"]
    fac = new_context().new_page()
    sign_in(fac)
    open_console(fac, workshop["id"])
    ann, bob = new_context().new_page(), new_context().new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    fac.reload()
    move(fac, "Ann", "Table A")
    move(fac, "Bob", "Table B")
    expect(bob.locator("#my-group")).to_have_text("Your breakout group: Table B")

    add_step(ann, "Table A rings the council")
    add_step(bob, "Table B visits a hub")
    expect(step_texts(ann)).to_have_text(["Table A rings the council"])
    expect(step_texts(bob)).to_have_text(["Table B visits a hub"])
    expect(road(ann).locator(".road-group")).to_have_text("Table A:")
    ann.reload()  # her group's road, not the room's, from a fresh snapshot
    expect(step_texts(ann)).to_have_text(["Table A rings the council"])

    titles = road(fac).locator(".road-title")
    expect(titles).to_have_text(
        [
            "Whole room: Service not named yet",
            "Table A: Service not named yet",
            "Table B: Service not named yet",
        ]
    )
    expect(road(fac).nth(1).locator(".card-steps > .card-text")).to_have_text(
        ["Table A rings the council"]
    )
    add(
        step(fac, "Table A rings the council"),
        "A resource needed for this step",
        "Add resource",
        "A welcoming call handler",
    )
    expect(
        step(ann, "Table A rings the council").locator(".card-resources")
    ).to_have_text(re.compile("A welcoming call handler"))
    expect(road(bob).locator(".card-resources")).to_have_count(0)
    shot(fac, "pathway-groups-console")


def test_adding_and_moving_a_step_with_the_keyboard_alone(new_context, site):
    """A participant adds two steps and moves one with Tab and Enter only;
    the moved step keeps focus on its button."""
    workshop = site["keyboard"]
    fac = open_for_mapping(new_context, workshop)
    page = new_context(viewport={"width": 320, "height": 720}).new_page()
    join(page, workshop["code"], "Kay")
    expect_phase(page, TITLE, "Mapping")

    tab_to(page, "input[id$='-steps-text']")
    page.keyboard.type("First by keyboard")
    page.keyboard.press("Enter")
    expect(step_texts(page)).to_have_text(["First by keyboard"])
    expect(page.locator("input[id$='-steps-text']")).to_be_focused()
    page.keyboard.type("Second by keyboard")
    page.keyboard.press("Tab")  # the Add step button
    page.keyboard.press("Enter")
    expect(step_texts(page)).to_have_text(["First by keyboard", "Second by keyboard"])

    page.locator("body").focus()
    second = step(page, "Second by keyboard")
    tab_to(page, "li.card-steps:nth-child(2) button[data-focus$=':earlier']")
    page.keyboard.press("Enter")
    expected = ["Second by keyboard", "First by keyboard"]
    expect(step_texts(page)).to_have_text(expected)
    expect(step_texts(fac)).to_have_text(expected)
    earlier = second.locator(".card-actions").get_by_role("button", name="Move earlier")
    expect(earlier).to_be_focused()
    expect(earlier).to_have_attribute("aria-disabled", "true")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page is {width}px wide at 320px"
    shot(page, "pathway-keyboard-320")
