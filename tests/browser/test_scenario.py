"""The People's Borough scenario in a real browser: the facilitator makes two
breakout groups on the console, adds the scenario from the library and gives
one Stage 1 topic to each group; while they discuss, each group sees its own
notes live and never the other's (checked on Bob's raw socket frames too); a
stale edit keeps what was typed; at the feedback everyone sees every group's
notes, the plenary shows the topic the facilitator puts on screen, and a
topic nobody was given is listed as not discussed."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    PHONE,
    add_from_library,
    join,
    open_console,
    record_frames,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import board, expect_phase, set_phase
from tests.browser.test_breakout_groups import move

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "People's Borough scenario"
SERVICES = "Types of services provided"
SUBCONTRACTING = "Sub-contracting"
QUALITY = "Quality assurance"
ISSUES = "Issues identified"
WAYS = "Ways forward"


def seed(team, admin):
    return {"borough": seed_workshop(team, "Provider forum: People's Borough")}


def topic(page, heading):
    """A topic's card, by the start of its quoted heading question."""
    return (
        board(page, TITLE)
        .locator("section.scenario-topic")
        .filter(has=page.locator(".topic-heading", has_text=heading))
    )


def column_notes(page, heading, column):
    return topic(page, heading).locator(
        f'.board-column[data-column="{column}"] li.note .note-text'
    )


def write(page, heading, column, text):
    card = topic(page, heading)
    card.get_by_label(f"New note for {column}").fill(text)
    card.get_by_label(f"New note for {column}").locator("..").get_by_role(
        "button", name="Add note"
    ).click()


def create_group(page, name):
    """Through the console's "Breakout groups" panel."""
    page.get_by_label("Group name").fill(name)
    page.get_by_role("button", name="Create the group").click()
    expect(page.get_by_text(f"Group “{name}” created.")).to_be_visible()


def give(page, heading, group):
    card = topic(page, heading)
    card.get_by_role("group", name=re.compile("^Give this topic to")).get_by_label(
        group, exact=True
    ).check()
    expect(card.locator(".topic-groups")).to_have_text(f"Given to: {group}")


def expect_own_topic_first(page, heading):
    """The participant's group's topic first, its scenario quoted, with the
    columns switched on; every other topic folded away."""
    expect_phase(page, TITLE, "Discuss")
    yours = board(page, TITLE).locator("section.scenario-yours")
    expect(yours.get_by_role("heading", name="Your group's topics")).to_be_visible()
    expect(yours.locator(".topic-heading")).to_have_count(1)
    expect(yours.locator(".topic-heading")).to_contain_text(heading)
    expect(yours.locator("blockquote.quoted")).to_be_visible()
    expect(yours.locator(".column-title")).to_have_text([ISSUES, WAYS, "Barriers"])
    others = board(page, TITLE).locator("details.scenario-others")
    expect(others).not_to_have_attribute("open", "")


def edit_while_changed_elsewhere(ann, note, typed, meanwhile):
    """Ann starts editing `note`, changes it in a second tab, then saves the
    first: the current text shows beside what she typed, which she saves."""
    tab = ann.context.new_page()
    tab.goto(ann.url)
    topic(ann, SERVICES).locator("li.note", has_text=note).get_by_role(
        "button", name="Edit"
    ).click()
    editing = topic(ann, SERVICES).locator("li.note", has=ann.locator("form.edit-note"))
    editing.get_by_label("Note text").fill(typed)
    other = topic(tab, SERVICES).locator("li.note", has_text=note)
    other.get_by_role("button", name="Edit").click()
    other.get_by_label("Note text").fill(meanwhile)
    other.get_by_role("button", name="Save").click()
    expect(column_notes(tab, SERVICES, "issues")).to_contain_text([meanwhile])
    editing.get_by_role("button", name="Save").click()
    expect(editing.locator(".conflict-current")).to_have_text(meanwhile)
    expect(editing.get_by_label("Note text")).to_have_value(typed)
    shot(ann, "scenario-stale-edit")
    editing.get_by_role("button", name="Save").click()
    expect(column_notes(tab, SERVICES, "issues")).to_contain_text([typed])
    tab.close()


def expect_fed_back(page, services_notes):
    """Every group's notes, and the topics nobody discussed, reach everyone."""
    expect_phase(page, TITLE, "Feedback")
    expect(column_notes(page, SERVICES, "issues")).to_have_text(services_notes)
    expect(column_notes(page, SUBCONTRACTING, "issues")).to_have_text(
        ["Bob: who is accountable for quality"]
    )
    not_discussed = board(page, TITLE).locator(".not-discussed")
    expect(not_discussed.get_by_role("heading", name="Not discussed")).to_be_visible()
    expect(not_discussed.locator("li").filter(has_text=QUALITY)).to_have_count(1)
    expect(not_discussed).not_to_contain_text(SERVICES)
    expect(plenary(page)).to_contain_text("No topic is on screen")


def plenary(page):
    return board(page, TITLE).locator(".scenario-plenary")


def test_groups_discuss_their_topics_apart_then_feed_back(new_context, site):
    """Each group writes on its own topic and sees only its own notes until
    the feedback; then the room sees all, topic by topic on the plenary."""
    workshop = site["borough"]
    fac = new_context().new_page()
    sign_in(fac)
    ann = new_context().new_page()
    bob = new_context(**PHONE).new_page()
    bob_frames = record_frames(bob)
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")

    open_console(fac, workshop["id"])
    create_group(fac, "Table A")
    create_group(fac, "Table B")
    move(fac, "Ann", "Table A")
    move(fac, "Bob", "Table B")
    add_from_library(fac, workshop["id"], TITLE)
    open_console(fac, workshop["id"])
    give(fac, SERVICES, "Table A")
    give(fac, SUBCONTRACTING, "Table B")
    # Enablers switched off for every topic: three columns are left.
    columns = fac.get_by_role("group", name="Optional columns for every topic")
    columns.get_by_label("Enablers").uncheck()
    expect(topic(fac, SERVICES).locator(".board-column")).to_have_count(3)
    set_phase(fac, TITLE, "Discuss")
    expect_own_topic_first(ann, SERVICES)
    expect_own_topic_first(bob, SUBCONTRACTING)

    write(ann, SERVICES, ISSUES, "Ann: spot purchasing squeezes small providers")
    write(ann, SERVICES, WAYS, "Ann: outcome-based specification")
    write(bob, SUBCONTRACTING, ISSUES, "Bob: who is accountable for quality")
    expect(column_notes(ann, SERVICES, "issues")).to_have_text(
        ["Ann: spot purchasing squeezes small providers"]
    )
    expect(column_notes(ann, SERVICES, "ways-forward")).to_have_text(
        ["Ann: outcome-based specification"]
    )
    expect(column_notes(bob, SUBCONTRACTING, "issues")).to_have_text(
        ["Bob: who is accountable for quality"]
    )
    # The facilitator sees both groups' notes, each with its group's name.
    expect(column_notes(fac, SERVICES, "issues")).to_have_count(1)
    expect(column_notes(fac, SUBCONTRACTING, "issues")).to_have_count(1)
    expect(topic(fac, SERVICES).locator(".note-group").first).to_have_text("Table A")

    # Ann moves a note with the buttons; Bob writes another, seen only by him.
    topic(ann, SERVICES).locator("li.note", has_text="outcome-based").get_by_role(
        "button", name="Move left"
    ).click()
    expect(column_notes(ann, SERVICES, "issues")).to_have_count(2)
    write(bob, SUBCONTRACTING, WAYS, "Bob: a lead provider model")
    expect(column_notes(bob, SUBCONTRACTING, "ways-forward")).to_have_text(
        ["Bob: a lead provider model"]
    )
    expect(board(ann, TITLE)).not_to_contain_text("Bob:")
    expect(board(bob, TITLE)).not_to_contain_text("Ann:")
    shot(ann, "scenario-discuss-laptop")
    shot(bob, "scenario-discuss-phone")
    edit_while_changed_elsewhere(
        ann,
        "Ann: outcome-based specification",
        typed="Ann: outcome-based specs, typed in tab one",
        meanwhile="Ann: outcomes, not times and tasks",
    )

    # Nothing of Table A's ever reached Bob's socket before the feedback.
    assert not any("Ann:" in frame for frame in bob_frames)
    bob.reload()
    expect(column_notes(bob, SUBCONTRACTING, "issues")).to_have_count(1)
    assert not any("Ann:" in frame for frame in bob_frames)

    set_phase(fac, TITLE, "Feedback")
    services_notes = [
        "Ann: spot purchasing squeezes small providers",
        "Ann: outcome-based specs, typed in tab one",
    ]
    for page in (ann, bob):
        expect_fed_back(page, services_notes)

    # The room's screen: the projector link, read only.
    fac.goto(fac.url + "show")
    link = fac.get_by_role("link", name=re.compile("live projector screen"))
    screen = new_context().new_page()
    screen.goto(site.url + link.get_attribute("href"))
    expect_phase(screen, TITLE, "Feedback")
    expect(
        board(screen, TITLE).locator(".scenario button, .scenario textarea")
    ).to_have_count(0)
    open_console(fac, workshop["id"])

    # The plenary: a topic on screen for everyone, each group's feedback.
    show = topic(fac, SERVICES).get_by_role(
        "button", name="Show this topic to everyone"
    )
    show.click()
    for page in (ann, bob, fac, screen):
        expect(plenary(page).locator(".plenary-heading")).to_contain_text(SERVICES)
        expect(plenary(page).locator(".plenary-group h5")).to_have_text(["Table A"])
        expect(plenary(page).locator(".plenary-notes li")).to_have_count(2)
        expect(topic(page, SERVICES)).to_have_class(re.compile(r"\bon-screen\b"))
    # Said politely to screen readers, by the topic's short name.
    expect(board(bob, TITLE).locator(".scenario-announcer")).to_have_text(
        f"On screen now: {SERVICES}"
    )
    shot(ann, "scenario-feedback-laptop")
    shot(bob, "scenario-feedback-phone")

    stepper = fac.get_by_role("group", name="Step through the topics")
    stepper.get_by_role("button", name="Next topic").click()
    for page in (ann, bob):
        expect(plenary(page).locator(".plenary-heading")).to_contain_text(
            SUBCONTRACTING
        )
        expect(plenary(page).locator(".plenary-group h5")).to_have_text(["Table B"])
        expect(plenary(page)).to_contain_text("Bob: a lead provider model")
    shot(fac, "scenario-feedback-console")
    expect(plenary(screen).locator(".plenary-heading")).to_contain_text(SUBCONTRACTING)
    shot(screen, "scenario-feedback-projector")
