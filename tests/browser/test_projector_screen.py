"""The projector screen in a real browser: opened from the facilitator's
projector page by its link, in a browser with no account, it shows the
room's view of the boards live and offers no controls."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import join, open_console, seed_workshop, shot, sign_in
from tests.browser.test_board import (
    add_board,
    add_note,
    board,
    expect_phase,
    notes,
    set_phase,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]


def seed(team, admin):
    return {"screen": seed_workshop(team, "Projector workshop")}


def test_projector_screen_shows_the_room_live_and_read_only(new_context, site):
    """The projector link opens without signing in; a participant's note
    appears on it live, a private one never does, and it has no controls."""
    workshop, title = site["screen"], "What will help or hinder"
    facilitator = new_context().new_page()
    sign_in(facilitator)
    open_console(facilitator, workshop["id"])
    add_board(facilitator, title)
    set_phase(facilitator, title, "Writing")
    facilitator.goto(facilitator.url + "show")
    link = facilitator.get_by_role("link", name=re.compile("live projector screen"))
    screen_url = link.get_attribute("href")

    screen = new_context().new_page()  # no account, no participant record
    screen.goto(site.url + screen_url)
    expect(screen.locator("#connection-status")).to_have_text(re.compile(r"^Live"))
    expect_phase(screen, title, "Writing")
    ann = new_context().new_page()
    join(ann, workshop["code"], "Ann")
    add_note(ann, title, "Shared transport")
    ann.get_by_label("Private: only I can see it until the board is revealed").check()
    add_note(ann, title, "Just for me")

    expect(notes(screen, title)).to_have_text(["Shared transport"])
    expect(board(screen, title).get_by_role("button")).to_have_count(0)
    expect(board(screen, title).locator("textarea")).to_have_count(0)
    shot(screen, "projector-screen")
