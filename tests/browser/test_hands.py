"""Raised hands in a real browser: participants raise and lower their hand
from their page; the facilitator's console lists raised hands live, first
raised first, and lowers one once heard."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import join, open_console, seed_workshop, shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.server]


def seed(team, admin):
    return {"forum": seed_workshop(team, "Provider forum with hands")}


def hand_button(page):
    return page.locator("#hands button.hand")


def test_hands_are_raised_listed_in_order_and_lowered(new_context, site):
    workshop = site["forum"]
    console = new_context().new_page()
    sign_in(console)
    open_console(console, workshop["id"])
    ann = new_context().new_page()
    bob = new_context(viewport={"width": 390, "height": 844}).new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    hands = console.locator("#hands ol.hands .name")
    expect(console.get_by_text("No hands are raised.")).to_be_visible()

    hand_button(bob).click()
    expect(hand_button(bob)).to_have_attribute("aria-pressed", "true")
    hand_button(ann).click()
    expect(hands).to_have_text(["Bob", "Ann"])
    expect(bob.locator("#hands .hand-status")).to_have_text(
        "Your hand is up: the facilitator can see it."
    )
    shot(console, "hands-console")
    shot(bob, "hands-participant-phone")

    console.get_by_role("button", name="Lower the hand of Bob").click()
    expect(hands).to_have_text(["Ann"])
    expect(hand_button(bob)).to_have_text("Raise my hand")
    expect(hand_button(bob)).to_have_attribute("aria-pressed", "false")

    hand_button(ann).click()  # Ann lowers her own
    expect(hands).to_have_count(0)
    expect(console.get_by_text("No hands are raised.")).to_be_visible()


def test_a_raised_hand_is_still_listed_after_a_reload(new_context, site):
    workshop = site["forum"]
    ann = new_context().new_page()
    join(ann, workshop["code"], "Cy")
    hand_button(ann).click()
    expect(hand_button(ann)).to_have_attribute("aria-pressed", "true")

    console = new_context().new_page()
    sign_in(console)
    open_console(console, workshop["id"])
    expect(console.locator("#hands ol.hands .name")).to_contain_text(["Cy"])
    ann.reload()
    expect(hand_button(ann)).to_have_text("Lower my hand")
