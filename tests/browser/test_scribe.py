"""Scribe entry in a real browser: the facilitator adds someone here without
a device, opens their page from "Who is here", and enters a note for them;
everyone sees it as theirs, entered by the facilitator."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    join,
    open_console,
    presence_row,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import add_board, add_note, note, set_phase

pytestmark = [pytest.mark.browser, pytest.mark.server]


def seed(team, admin):
    return {"forum": seed_workshop(team, "Forum with a scribe")}


def test_a_facilitator_enters_a_note_for_someone_without_a_device(new_context, site):
    workshop, title = site["forum"], "What matters to you"
    fac = new_context().new_page()
    sign_in(fac)
    open_console(fac, workshop["id"])
    add_board(fac, title)
    set_phase(fac, title, "Writing")
    ann = new_context().new_page()
    join(ann, workshop["code"], "Ann")

    fac.get_by_text("Add someone here without a device").click()
    fac.get_by_label("Their name").fill("Noa")
    fac.get_by_label("Which best describes them here?").select_option(
        label="Person with lived experience"
    )
    fac.get_by_role("button", name="Add them").click()
    row = presence_row(fac, "Noa")
    expect(row.locator(".status")).to_have_text("no device")
    row.get_by_role("link", name="Enter for Noa").click()

    expect(fac.get_by_role("heading", name="You are entering for Noa")).to_be_visible()
    expect(fac.locator("#connection-status")).to_contain_text("Connected")
    add_note(fac, title, "I need the bus to the day centre")
    shot(fac, "scribe-page")

    entered = note(ann, title, "I need the bus to the day centre")
    expect(entered.locator(".note-author")).to_have_text("by Noa")
    expect(entered.locator(".note-scribe")).to_have_text("(entered by Ada Admin)")
    shot(ann, "scribe-seen-by-participant")
