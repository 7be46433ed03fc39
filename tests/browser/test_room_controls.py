"""Facilitating the room in a real browser (issue 7, items 7, 8 and 12):
groups balanced by role made from the console; a message to everyone on a
participant's phone and the projector; a spotlight highlighted on both, and
bringing them to another activity; a break request seen by the facilitator
alone. The projector is a browser context opened with the projector link."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.models import Workshop
from app.tokens import projector_token
from tests import builders
from tests.browser.conftest import (
    ARTIFACTS,
    PHONE,
    join,
    open_console,
    record_frames,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_accessibility import (
    assert_no_violations,
    axe_context,  # noqa: F401 (a fixture)
)
from tests.browser.test_board import board

pytestmark = [pytest.mark.browser, pytest.mark.server]

BOARD = "Ideas for the market"
SCENARIO = "People's Borough scenario"
CHECKLIST = "CCPS collaborative and ethical commissioning checklist"
PERSON_CENTRED = "Our commissioning is person centred"
HIDDEN = "Name and shame the council"  # hidden by the facilitator
GROUP_NOTE = "Table A only: late payments"


def seed(team, admin):
    places = {
        name: seed_workshop(team, title)
        for name, title in [
            ("groups", "Forum with balanced groups"),
            ("message", "Forum with a message"),
            ("breaks", "Forum with quiet signals"),
        ]
    }
    for place in places.values():
        place["screen"] = _screen(place["id"])
    for name, title in [("spot", "Forum with a spotlight"), ("axe", "Forum for axe")]:
        places[name] = seed_workshop(team, title)
        places[name]["screen"] = _screen(places[name]["id"])
        _seed_spotlight(places[name]["id"])
    return places


def _workshop(public_id):
    return db.session.scalar(sa.select(Workshop).filter_by(public_id=public_id))


def _screen(public_id):
    return f"/screen/{projector_token(_workshop(public_id))}"


def _seed_spotlight(public_id):
    """Through the write path: a board the room follows with a facilitator's
    note on it; a scenario where Pia (Table A) wrote a note only her group
    and the facilitators see; and the CCPS checklist."""
    workshop = _workshop(public_id)
    fac = builders.facilitator_actor(workshop)
    act = builders.act

    def add(method, title):
        payload = {"method": method, "title": title}
        return act(fac, "workshop.add_activity", payload)["result"]["activity"]

    ideas = add("open-board", BOARD)
    builders.set_phase(fac, ideas, "writing")
    for text in ("Shared transport", HIDDEN):
        payload = {"activity": ideas, "column": "ideas", "text": text}
        note = act(fac, "board.add_note", payload)["result"]["note"]
    act(fac, "board.hide_note", {"activity": ideas, "note": note})
    scenario = add("peoples-borough", SCENARIO)
    table_a = builders.make_group(fac, "Table A")
    pia = builders.make_participant(workshop, display_name="Pia")
    builders.put_in_group(fac, pia, table_a)
    topic = {"activity": scenario, "topic": "sub-contracting"}
    act(fac, "scenario.allocate", {**topic, "groups": table_a})
    builders.set_phase(fac, scenario, "discuss")
    note = {**topic, "column": "issues", "text": "Table A only: late payments"}
    act(builders.participant_actor(pia), "scenario.add_note", note)
    add("ccps-checklist", CHECKLIST)
    act(fac, "workshop.start_activity", {"current": ideas})


def seen(page, name):
    """A screenshot of what is in view (not the whole page): where the
    spotlight scrolled to, and the bar at the foot of the screen."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def open_screen(new_context, site, place):
    """The projector, in a context of its own, and every socket frame it
    receives (recorded from before it connects)."""
    screen = new_context(viewport={"width": 1280, "height": 800}).new_page()
    frames = record_frames(screen)
    screen.goto(site.url + place["screen"])
    expect(screen.locator("#connection-status")).to_have_text(re.compile(r"^Live"))
    return screen, frames


def console_for(new_context, place):
    console = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(console)
    open_console(console, place["id"])
    return console


# -- groups balanced by role ---------------------------------------------------


def test_balanced_groups_made_from_the_console_mix_roles_live(new_context, site):
    """Two commissioners, a provider and a person with lived experience;
    "Make 2 groups" gives each group a commissioner, and each participant's
    page says their group without a reload."""
    place = site["groups"]
    people = [
        ("Cat", "Commissioner"),
        ("Dev", "Commissioner"),
        ("Ann", "Provider"),
        ("Lee", "Person with lived experience"),
    ]
    pages = {}
    for name, role in people:
        page = new_context(**(PHONE if name == "Lee" else {})).new_page()
        join(page, place["code"], name, role=role)
        pages[name] = page
    console = console_for(new_context, place)

    console.get_by_label("Make this many groups, balanced by role").fill("2")
    console.get_by_role("button", name="Make groups balanced by role").click()

    expect(
        console.get_by_text("Everyone here is now in one of 2 groups, mixed by role.")
    ).to_be_visible()
    groups = console.locator(".groups-panel li.group")
    expect(groups).to_have_count(2)
    expect(groups.nth(0).locator(".group-members li")).to_have_text(["Cat", "Ann"])
    expect(groups.nth(1).locator(".group-members li")).to_have_text(["Dev", "Lee"])
    for name, group in [("Cat", 1), ("Ann", 1), ("Dev", 2), ("Lee", 2)]:
        expect(pages[name].locator("#my-group")).to_have_text(
            f"Your breakout group: Group {group}"
        )
    shot(console, "balanced-groups-console")
    shot(pages["Lee"], "balanced-groups-participant-phone")


# -- a message to everyone -----------------------------------------------------


def banner(page):
    return page.locator("#room-banners .announcement-banner")


def test_a_message_reaches_a_phone_and_the_projector(new_context, site):
    """Sent from the console, the message shows on a participant's phone and
    the projector and is read out; the participant dismisses it on their
    phone (it stays dismissed after a reload); a new one shows again; the
    facilitator clears it from every screen."""
    place = site["message"]
    console = console_for(new_context, place)
    ann = new_context(**PHONE).new_page()
    join(ann, place["code"], "Ann")
    screen, _frames = open_screen(new_context, site, place)

    console.get_by_label(re.compile("^Shown on every screen")).fill(
        "Back in the main room at 11:15, please."
    )
    console.get_by_role("button", name="Send to everyone").click()

    for page in (ann, screen, console):
        expect(banner(page).locator(".announcement-text")).to_have_text(
            "Back in the main room at 11:15, please."
        )
    expect(ann.locator(".announcement-announcer")).to_have_text(
        "Message from the facilitator: Back in the main room at 11:15, please."
    )
    expect(ann.locator(".announcement-announcer")).to_have_attribute(
        "aria-live", "polite"
    )
    shot(ann, "message-participant-phone")
    shot(screen, "message-projector")
    seen(console, "message-console-in-view")

    banner(ann).get_by_role("button", name="Dismiss").click()
    expect(banner(ann)).to_be_hidden()
    ann.reload()
    expect(ann.locator("#connection-status")).to_have_text(re.compile("^Connected"))
    expect(banner(ann)).to_be_hidden()
    expect(banner(screen)).to_be_visible()

    console.get_by_label(re.compile("^Shown on every screen")).fill("Lunch is ready.")
    console.get_by_role("button", name="Send to everyone").click()
    expect(banner(ann).locator(".announcement-text")).to_have_text("Lunch is ready.")

    banner(console).get_by_role("button", name="Clear the message").click()
    for page in (ann, screen, console):
        expect(banner(page)).to_be_hidden()


# -- the spotlight -------------------------------------------------------------


def spot_button(page, scope, words):
    """The console's button to spotlight the item whose words start so."""
    name = re.compile("^" + re.escape(f"Spotlight on every screen: {words}"))
    return scope.get_by_role("button", name=name)


def spotlit(page):
    return page.locator("#boards-area .spotlit")


def spot_line(page):
    return page.locator("#room-banners .spotlight-text")


def test_a_spotlight_is_highlighted_on_a_phone_and_the_projector(new_context, site):
    """The facilitator spotlights a note: it is marked and named on the
    phone and the projector. A hidden note spotlit is named on the console
    only; a note only Table A and the projector may see is not named on
    Ann's phone (and brings the room to the scenario). A checklist element
    brings everyone to the checklist, highlighted. Then it is cleared."""
    place = site["spot"]
    console = console_for(new_context, place)
    ann = new_context(**PHONE).new_page()
    join(ann, place["code"], "Ann")
    screen, frames = open_screen(new_context, site, place)

    spot_button(console, board(console, BOARD), "Shared transport").click()

    for page in (ann, screen):
        expect(spotlit(page)).to_have_count(1)
        expect(spotlit(page).locator(".note-text")).to_have_text("Shared transport")
        expect(spotlit(page)).to_have_attribute("aria-current", "true")
        expect(spot_line(page)).to_have_text("Spotlight: Shared transport")
        expect(spotlit(page)).to_be_in_viewport()
    expect(ann.locator(".spotlight-announcer")).to_have_text(
        "Spotlight: Shared transport"
    )
    shot(ann, "spotlight-participant-phone")
    seen(ann, "spotlight-participant-phone-in-view")
    shot(screen, "spotlight-projector")
    seen(console, "spotlight-console-in-view")

    # A hidden note: only the facilitators see it, so only they can name it.
    spot_button(console, board(console, BOARD), HIDDEN).click()
    expect(spot_line(console)).to_have_text(f"Spotlight: {HIDDEN}")
    for page in (ann, screen):
        expect(spot_line(page)).to_have_text("The facilitator is highlighting an item.")
        expect(spotlit(page)).to_have_count(0)
        expect(page.get_by_text(HIDDEN)).to_have_count(0)
    shot(screen, "spotlight-hidden-note-projector")

    # Table A's note, in another activity: the room goes to the scenario; Ann
    # (in no group) may not see the note, the projector sees every group's.
    spot_button(console, board(console, SCENARIO), GROUP_NOTE).click()
    for page in (ann, screen):
        expect(page.get_by_role("heading", name=SCENARIO)).to_be_visible()
        expect(page.get_by_role("heading", name=BOARD)).to_have_count(0)
    expect(spot_line(ann)).to_have_text("The facilitator is highlighting an item.")
    expect(ann.get_by_text(GROUP_NOTE)).to_have_count(0)
    expect(spot_line(screen)).to_have_text(f"Spotlight: {GROUP_NOTE}")
    expect(spotlit(screen).locator(".note-text")).to_have_text(GROUP_NOTE)
    assert not any(HIDDEN in frame for frame in frames)

    checklist = board(console, CHECKLIST)
    spot_button(console, checklist, PERSON_CENTRED).click()
    for page in (ann, screen):
        expect(page.get_by_role("heading", name=CHECKLIST)).to_be_visible()
        expect(page.get_by_role("heading", name=BOARD)).to_have_count(0)
        expect(spotlit(page).locator(".item-text")).to_contain_text(PERSON_CENTRED)
        expect(spotlit(page)).to_be_in_viewport()
    seen(ann, "spotlight-checklist-participant-phone-in-view")
    expect(
        checklist.get_by_role("button", name=re.compile("^Stop the spotlight on"))
    ).to_have_attribute("aria-pressed", "true")

    console.locator("#room-banners").get_by_role(
        "button", name="Clear the spotlight"
    ).click()
    for page in (ann, screen, console):
        expect(spotlit(page)).to_have_count(0)
        expect(page.locator("#room-banners .spotlight-banner")).to_be_hidden()


# -- "I need a break" ----------------------------------------------------------


# What a frame would carry of a break request: the facilitators' list, the
# actions, a request that is up, the name of who asked.
BREAK_SIGNS = ('"breaks"', '"break.', '"my_break":true', "Ann")


def break_button(page):
    return page.locator("#break-request button.break")


def test_a_break_request_is_seen_by_the_facilitator_only(new_context, site):
    """Ann asks for a break: the console lists her; Bob's page and the
    projector show nothing and receive nothing of it; the facilitator marks
    it seen; Ann asks again and withdraws it herself."""
    place = site["breaks"]
    console = console_for(new_context, place)
    ann = new_context(**PHONE).new_page()
    bob = new_context().new_page()
    bob_frames = record_frames(bob)
    join(ann, place["code"], "Ann")
    join(bob, place["code"], "Bob", role="Commissioner")
    screen, screen_frames = open_screen(new_context, site, place)
    requests = console.locator("#breaks ol.breaks li")

    break_button(ann).click()

    expect(requests).to_have_count(1)
    expect(requests.locator(".name")).to_have_text("Ann")
    expect(requests.locator(".since")).to_have_text(re.compile(r"^since \d"))
    expect(break_button(ann)).to_have_attribute("aria-pressed", "true")
    expect(ann.locator("#break-request .break-status")).to_contain_text(
        "Only they can see this."
    )
    requests.first.scroll_into_view_if_needed()
    seen(console, "break-console-in-view")
    shot(ann, "break-participant-phone")
    for page in (bob, screen):
        expect(page.locator("#breaks")).to_have_count(0)
        expect(page.get_by_text("Ann")).to_have_count(0)

    console.get_by_role("button", name="Seen – clear the break request of Ann").click()
    expect(requests).to_have_count(0)
    expect(break_button(ann)).to_have_text("I need a break")
    break_button(ann).click()
    expect(requests).to_have_count(1)
    break_button(ann).click()  # withdrawn by Ann herself
    expect(requests).to_have_count(0)
    expect(console.get_by_text("Nobody has asked for a break.")).to_be_visible()

    for who, frames in (("Bob", bob_frames), ("projector", screen_frames)):
        assert frames, who
        leaks = [f for f in frames if any(sign in f for sign in BREAK_SIGNS)]
        assert not leaks, (who, leaks)


# -- accessibility ---------------------------------------------------------------


def test_room_signals_have_no_axe_violations(axe_context, site):  # noqa: F811
    """With a message showing, a note spotlit and a break requested: the
    console, a participant's phone and the projector pass axe."""
    place = site["axe"]
    console = axe_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(console)
    open_console(console, place["id"])
    ann = axe_context(**PHONE).new_page()
    join(ann, place["code"], "Ann")
    screen = axe_context().new_page()
    screen.goto(site.url + place["screen"])
    console.get_by_label(re.compile("^Shown on every screen")).fill("Tea is here.")
    console.get_by_role("button", name="Send to everyone").click()
    spot_button(console, board(console, BOARD), "Shared transport").click()
    break_button(ann).click()

    expect(console.locator("#breaks ol.breaks li")).to_have_count(1)
    for page in (ann, screen):
        expect(spotlit(page)).to_have_count(1)
        expect(banner(page)).to_be_visible()
    assert_no_violations(console, "room-console")
    assert_no_violations(ann, "room-participant-phone")
    assert_no_violations(screen, "room-projector")
