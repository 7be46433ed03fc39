"""Preview and rehearsal in a real browser: a facilitator previews an
activity as participants see it (nothing sent), then rehearses the workshop
with a colleague on its own join code and resets it, leaving the real
workshop untouched."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import join, open_console, seed_workshop, shot, sign_in
from tests.browser.test_board import add_board, add_note, board, note, set_phase

pytestmark = [pytest.mark.browser, pytest.mark.server]


def seed(team, admin):
    return {"forum": seed_workshop(team, "Forum to rehearse")}


def test_preview_then_rehearse_and_reset(new_context, site):
    workshop, title = site["forum"], "Hopes for the service"
    fac = new_context().new_page()
    sign_in(fac)
    open_console(fac, workshop["id"])
    add_board(fac, title)
    set_phase(fac, title, "Writing")

    # The preview: a participant's page, showing only this activity, sending nothing.
    fac.goto(f"/workshops/{workshop['id']}/agenda")
    fac.get_by_role("link", name=f"Preview as a participant: {title}").click()
    expect(fac.get_by_role("heading", name=f"Preview: {title}")).to_be_visible()
    expect(fac.locator("#connection-status")).to_have_text("Live")
    add_note(fac, title, "Just trying")
    expect(
        fac.get_by_text("This is a preview: nothing you do here is sent.")
    ).to_be_visible()
    expect(board(fac, title).locator("li.note")).to_have_count(0)
    shot(fac, "preview-participant-view")

    # The rehearsal: its own join code; a colleague writes; a reset clears it.
    open_console(fac, workshop["id"])
    fac.get_by_role("button", name="Rehearse this workshop").click()
    expect(fac.get_by_role("heading", name="This is a rehearsal")).to_be_visible()
    code = fac.locator(".join-panel .join-code").inner_text().strip()
    assert code != workshop["code"]
    colleague = new_context().new_page()
    join(colleague, code, "Colleague")
    open_console(fac, re.search(r"/workshops/([^/]+)/", fac.url).group(1))
    set_phase(fac, title, "Writing")
    add_note(colleague, title, "A rehearsal note")
    expect(note(fac, title, "A rehearsal note")).to_be_visible()
    shot(fac, "rehearsal-console")

    fac.get_by_role("button", name="Reset the rehearsal").click()
    expect(fac.get_by_text("The rehearsal is reset")).to_be_visible()
    expect(colleague.locator("#connection-status")).to_have_text(
        "This workshop has been deleted."
    )
    expect(fac.locator("#presence li.participant")).to_have_count(0)
    expect(board(fac, title).locator("li.note")).to_have_count(0)
    open_console(fac, workshop["id"])
    expect(board(fac, title).locator("li.note")).to_have_count(0)
