"""The joining journey in a real browser: a facilitator creates a workshop,
people join from laptops and phones with the code, the console follows who is
here live, a participant continues on another device, and a facilitator
removes someone (JOURNEYS.md 1; DESIGN.md, Front end and Tests).

Every page keeps the app's CSP on; a violation, console error or server error
fails the test (see conftest.py).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    PHONE,
    join,
    open_console,
    presence_row,
    seed_workshop,
    shot,
    sign_in,
    wait_connected,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]

# Three groups from the readable alphabet, as read off a projector.
_CHAR = "[34679ACDEFGHJKMNPQRTWXY]"
JOIN_CODE = re.compile(f"^{_CHAR}{{4}}-{_CHAR}{{4}}-{_CHAR}{{2}}$")


def seed(team, admin):
    return {
        "arrivals": seed_workshop(team, "Arrivals workshop"),
        "rejoin": seed_workshop(team, "Rejoin workshop"),
        "removal": seed_workshop(team, "Removal workshop"),
        "leaving": seed_workshop(team, "Leaving workshop"),
    }


def facilitator_console(new_context, workshop):
    """A signed-in facilitator's live console, marked so a reload would show."""
    page = new_context().new_page()
    sign_in(page)
    open_console(page, workshop["id"])
    page.evaluate("window.__sameDocument = true")
    return page


def assert_not_reloaded(page):
    assert page.evaluate("window.__sameDocument === true"), (
        "the console reloaded: presence must arrive live"
    )


def expect_count(page, online, total):
    expect(page.locator("#presence-count")).to_have_text(
        f"{online} online of {total} joined"
    )


def test_facilitator_creates_a_workshop_through_the_form(new_context):
    """A facilitator signs in and creates a workshop with its title, date,
    purpose and level of engagement; it gets a readable join code and QR code
    at once, and appears in the team's list."""
    page = new_context().new_page()
    sign_in(page)
    page.get_by_role("link", name="New workshop").click()
    expect(page.get_by_role("heading", name="New workshop")).to_be_visible()
    # The title field has focus on arrival (autofocus), so typing goes there.
    expect(page.get_by_label("Title")).to_be_focused()
    page.get_by_label("Title").fill("Contracting for personalised outcomes")
    page.get_by_label("Date").fill("2031-03-14")
    page.get_by_label("Purpose").fill(
        "Work through the People's Borough scenario in mixed groups.\n"
        "Then say what will help or hinder."
    )
    page.get_by_role("group", name="Level of engagement on offer").get_by_label(
        "Participation"
    ).check()
    shot(page, "journey-01-new-workshop-form")
    page.get_by_role("button", name="Save workshop").click()

    expect(page).to_have_url(re.compile(r"/workshops/[^/]+/$"))
    expect(page.get_by_text("Workshop created.")).to_be_visible()
    expect(
        page.get_by_role(
            "heading", name="Contracting for personalised outcomes", level=1
        )
    ).to_be_visible()
    expect(page.locator(".meta")).to_contain_text("2031-03-14")
    expect(page.locator(".meta")).to_contain_text("Level of engagement: Participation")
    expect(page.locator(".purpose")).to_contain_text("People's Borough scenario")
    code = page.locator(".join-panel .join-code").inner_text().strip()
    assert JOIN_CODE.match(code), code
    qr = page.get_by_role("img", name="QR code for the join link")
    expect(qr).to_be_visible()
    assert page.evaluate(
        "(img) => img.complete && img.naturalWidth > 0", qr.element_handle()
    )
    expect(page.locator("#connection-status")).to_have_text(re.compile(r"^Live\b"))
    expect(page.locator("#presence-empty")).to_have_text("Nobody has joined yet.")
    shot(page, "journey-02-console-new-workshop")

    page.get_by_role("link", name="Show on the projector").click()
    expect(page.locator(".join-code.huge")).to_have_text(code)
    shot(page, "journey-03-projector")

    page.get_by_role("link", name="Back to the console").click()
    expect(page.locator(".join-panel .join-code")).to_have_text(code)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Workshops"
    ).click()
    card = page.locator(".workshop-list li").filter(
        has_text="Contracting for personalised outcomes"
    )
    expect(card).to_contain_text("0 participants")
    expect(card).to_contain_text("open for joining")


def test_participants_join_and_the_console_shows_them_arrive_live(new_context, site):
    """Two people join with the code, one on a laptop and one on a phone; the
    facilitator's console lists each as online as they arrive, without a
    reload, and the phone's pages fit the screen."""
    workshop = site["arrivals"]
    console = facilitator_console(new_context, workshop)
    expect(console.locator("#presence-empty")).to_be_visible()

    laptop = new_context().new_page()
    join(
        laptop,
        workshop["code"],
        "Amira",
        role="Commissioner",
        organisation="Northshire Council",
        org_type="Council",
        named=True,
    )
    amira = presence_row(console, "Amira")
    expect(amira).to_have_count(1)
    expect(amira.locator(".status")).to_have_text("online")
    expect(amira).to_have_class(re.compile(r"\bonline\b"))
    expect(amira.locator(".role")).to_have_text("Commissioner")
    expect(amira.locator(".org")).to_have_text("Northshire Council · Council")
    expect_count(console, 1, 1)
    expect(console.locator("#presence-announcer")).to_have_text("Amira joined")
    expect(console.locator("#presence-empty")).to_be_hidden()

    phone = new_context(**PHONE).new_page()
    # On a phone people type the code as it comes: lower case, no dashes.
    phone.goto("/join")
    phone.get_by_label("Join code", exact=True).fill(
        workshop["code"].lower().replace("-", "")
    )
    phone.get_by_role("button", name="Continue").tap()
    expect(phone.get_by_role("heading", name="Arrivals workshop")).to_be_visible()
    assert_fits_width(phone)
    shot(phone, "journey-04-phone-join-form")
    phone.get_by_label("Your name as others will see it").fill("Ben")
    phone.get_by_label("Which best describes you here?").select_option(
        label="Person with lived experience"
    )
    phone.get_by_label("Type of organisation").select_option(
        label="Community or user-led group"
    )
    phone.get_by_role("button", name="Join the workshop").tap()
    expect(phone.get_by_text("You are in, Ben.")).to_be_visible()
    wait_connected(phone)
    assert_fits_width(phone)
    shot(phone, "journey-05-phone-participant-page")

    ben = presence_row(console, "Ben")
    expect(ben.locator(".status")).to_have_text("online")
    expect(ben.locator(".role")).to_have_text("Person with lived experience")
    expect(console.locator("#presence li.participant.online")).to_have_count(2)
    expect_count(console, 2, 2)
    expect(console.get_by_role("button", name="Remove Ben")).to_be_visible()
    assert_not_reloaded(console)
    shot(console, "journey-06-console-two-online")


def assert_fits_width(page):
    """Nothing scrolls sideways: the page works on a phone."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page is {overflow}px wider than the phone's screen"


def test_rejoining_on_another_device_continues_as_the_same_participant(
    new_context, site
):
    """A participant whose first device is lost rejoins on a new one with the
    join code and their rejoin code: they are the same participant (same name
    and rejoin code), and the console still counts two people, not three."""
    workshop = site["rejoin"]
    console = facilitator_console(new_context, workshop)
    first_device = new_context().new_page()
    rejoin_code = join(first_device, workshop["code"], "Carys", role="Provider")
    other = new_context().new_page()
    join(other, workshop["code"], "Dev", role="Commissioner", org_type="Council")
    expect_count(console, 2, 2)
    carys_id = presence_row(console, "Carys").get_attribute("data-id")

    new_device = new_context(**PHONE).new_page()
    new_device.goto("/")
    new_device.get_by_role(
        "link", name="Continue on another device with your rejoin code"
    ).tap()
    expect(
        new_device.get_by_role("heading", name="Continue on this device")
    ).to_be_visible()
    new_device.get_by_label("Join code", exact=True).fill(workshop["code"])
    new_device.get_by_label("Your personal rejoin code").fill(rejoin_code.lower())
    new_device.get_by_role("button", name="Rejoin").tap()

    expect(new_device).to_have_url(re.compile(f"/w/{re.escape(workshop['id'])}$"))
    expect(new_device.get_by_text("Welcome back, Carys.")).to_be_visible()
    expect(new_device.get_by_text("You are in, Carys.")).to_be_visible()
    expect(new_device.locator(".rejoin-code")).to_have_text(rejoin_code)
    wait_connected(new_device)
    shot(new_device, "journey-07-rejoined-on-phone")

    expect(console.locator("#presence li.participant")).to_have_count(2)
    expect(presence_row(console, "Carys")).to_have_attribute("data-id", carys_id)
    expect_count(console, 2, 2)

    # The first device closes: Carys is still here on the new one. Dev leaving
    # afterwards proves the console has heard the first device's departure.
    first_device.close()
    other.close()
    expect(presence_row(console, "Dev").locator(".status")).to_have_text("offline")
    expect(presence_row(console, "Carys").locator(".status")).to_have_text("online")
    expect_count(console, 1, 2)
    assert_not_reloaded(console)
    shot(console, "journey-08-console-after-rejoin")

    console.reload()
    expect(console.locator("#connection-status")).to_have_text(re.compile(r"^Live\b"))
    expect(console.locator("#presence li.participant")).to_have_count(2)
    expect(presence_row(console, "Carys").locator(".status")).to_have_text("online")


def test_a_removed_participant_is_told_at_once_and_stays_out(new_context, site):
    """When the facilitator removes a participant, that person's open page says
    so at once; reloading shows the "You were removed" page, and their rejoin
    code no longer lets them back in."""
    workshop = site["removal"]
    console = facilitator_console(new_context, workshop)
    context = new_context()
    # The removed page is answered with 403 Forbidden, which Chromium logs.
    context.guard.allow_console(r"Failed to load resource: .*status of 403")
    participant = context.new_page()
    rejoin_code = join(participant, workshop["code"], "Rita")
    stays = new_context().new_page()
    join(stays, workshop["code"], "Sam")
    expect_count(console, 2, 2)

    console.get_by_role("button", name="Remove Rita").click()
    expect(console.get_by_text("Rita has been removed.")).to_be_visible()
    expect(presence_row(console, "Rita")).to_have_count(0)
    expect(presence_row(console, "Sam")).to_have_count(1)
    expect(console.locator("#connection-status")).to_have_text(re.compile(r"^Live\b"))
    expect_count(console, 1, 1)
    shot(console, "journey-09-console-after-removal")

    expect(participant.locator("#connection-status")).to_have_text(
        "The facilitator removed you from this workshop."
    )
    shot(participant, "journey-10-participant-told-removed")
    # The other participant is untouched.
    wait_connected(stays)

    response = participant.reload()
    assert response.status == 403
    expect(
        participant.get_by_role("heading", name="You were removed from this workshop")
    ).to_be_visible()
    expect(participant.locator("#connection-status")).to_have_count(0)
    shot(participant, "journey-11-removed-page")

    participant.goto(f"/join/{workshop['code']}")
    expect(
        participant.get_by_role("heading", name="You were removed from this workshop")
    ).to_be_visible()

    elsewhere = new_context().new_page()
    elsewhere.goto("/rejoin")
    elsewhere.get_by_label("Join code", exact=True).fill(workshop["code"])
    elsewhere.get_by_label("Your personal rejoin code").fill(rejoin_code)
    elsewhere.get_by_role("button", name="Rejoin").click()
    expect(
        elsewhere.get_by_text("You were removed from this workshop.")
    ).to_be_visible()
    expect(elsewhere).to_have_url(re.compile(r"/rejoin$"))
    expect(elsewhere.get_by_label("Your personal rejoin code")).to_have_attribute(
        "aria-invalid", "true"
    )


def test_a_participant_who_closes_their_page_shows_offline_live(new_context, site):
    """When a participant closes their page, the console marks them offline at
    once, without a reload, and keeps them in the list (they may come back)."""
    workshop = site["leaving"]
    console = facilitator_console(new_context, workshop)
    leaver = new_context().new_page()
    join(
        leaver,
        workshop["code"],
        "Lowri",
        role="Carer or family member",
        org_type="Other",
    )
    stayer = new_context(**PHONE).new_page()
    join(stayer, workshop["code"], "Mo", role="Health / NHS", org_type="NHS")
    expect(console.locator("#presence li.participant.online")).to_have_count(2)
    expect_count(console, 2, 2)

    leaver.close()
    lowri = presence_row(console, "Lowri")
    expect(lowri.locator(".status")).to_have_text("offline")
    expect(lowri).not_to_have_class(re.compile(r"\bonline\b"))
    expect(presence_row(console, "Mo").locator(".status")).to_have_text("online")
    expect_count(console, 1, 2)
    expect(console.locator("#presence-announcer")).to_have_text("Lowri went offline")
    assert_not_reloaded(console)
    shot(console, "journey-12-console-one-offline")
