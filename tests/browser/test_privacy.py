"""Privacy in a real browser: an anonymous board names nobody on any screen
or in any frame, its writers still edit their own notes, the safeguarding
lead reveals an author with a reason; a board whose facilitators see private
writing says so to everyone, and the console's "presenting" switch hides it."""

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Team
from tests.browser.conftest import (
    join,
    open_console,
    record_frames,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import add_note, board, note, note_button, set_phase

pytestmark = [pytest.mark.browser, pytest.mark.server]

ANONYMOUS = "Anonymous: nobody sees who wrote what, not even the facilitators."
SEE_PRIVATE = "Facilitators can see private writing before it is revealed."
AUTHOR_FIELD = re.compile(r'\\?"author(_name)?\\?":\s*\\?"')


def seed(team, admin):
    db.session.get(Team, team.id).safeguarding_lead_id = admin.id  # Ada
    db.session.commit()
    return {"forum": seed_workshop(team, "Provider forum on payments")}


def add_board(page, workshop, title, setting):
    """From the agenda page's add form, with one privacy setting ticked
    (`setting`: its box's id after "new-"); started."""
    page.goto(f"/workshops/{workshop['id']}/agenda")
    page.get_by_label("Method").select_option(label="Open board")
    page.locator("#new-title").fill(title)
    page.locator(f"#new-{setting}").check()
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text("Activity added.")).to_be_visible()
    page.locator("li.agenda-item").last.get_by_role(
        "button", name="Start: everyone goes here"
    ).click()
    open_console(page, workshop["id"])
    set_phase(page, title, "Writing")


def test_an_anonymous_board_names_nobody_and_the_lead_can_reveal(new_context, site):
    workshop, title = site["forum"], "What the council could do better"
    fac = new_context().new_page()
    sign_in(fac)
    add_board(fac, workshop, title, "anonymous")
    ann, bob = new_context().new_page(), new_context().new_page()
    frames = {"fac": record_frames(fac), "bob": record_frames(bob)}
    fac.reload()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")

    add_note(ann, title, "Invoices are paid late")
    add_note(bob, title, "Fees are set without us")
    for page in (ann, bob, fac):
        expect(note(page, title, "Invoices are paid late")).to_be_visible()
        expect(board(page, title).locator(".privacy-notice")).to_have_text(ANONYMOUS)
        expect(board(page, title).locator(".note-author")).to_have_count(0)
    # Ann may still edit her own note; Bob may not.
    expect(note_button(ann, title, "Invoices are paid late", "Edit")).to_be_visible()
    expect(note_button(bob, title, "Invoices are paid late", "Edit")).to_have_count(0)
    expect(note_button(bob, title, "Fees are set without us", "Edit")).to_be_visible()
    shot(bob, "privacy-anonymous-participant")
    shot(fac, "privacy-anonymous-console")
    for who, received in frames.items():
        text = "\n".join(received)
        assert "Invoices are paid late" in text, who
        assert not AUTHOR_FIELD.search(text), who

    # The safeguarding lead (Ada) reveals who wrote one, giving a reason.
    note(fac, title, "Invoices are paid late").get_by_role(
        "link", name="Reveal who wrote this"
    ).click()
    fac.get_by_label("Why must the author be revealed?").fill(
        "A disclosure about unpaid staff wages that needs following up."
    )
    fac.get_by_role("button", name="Reveal the author").click()
    entry = fac.locator("table.safeguarding-log tbody tr").first
    expect(entry).to_contain_text("unpaid staff wages")
    expect(entry).to_contain_text("Ann")
    shot(fac, "privacy-safeguarding-log")


def test_a_board_whose_facilitators_see_private_writing_says_so(new_context, site):
    workshop, title = site["forum"], "First thoughts"
    fac = new_context().new_page()
    sign_in(fac)
    add_board(fac, workshop, title, "see-private")
    cy = new_context(viewport={"width": 390, "height": 844}).new_page()
    join(cy, workshop["code"], "Cy")

    expect(board(cy, title).locator(".privacy-notice")).to_have_text(SEE_PRIVATE)
    section = board(cy, title)
    section.get_by_label("New note for Ideas").fill("Only for now")
    section.get_by_label(re.compile("^Private")).check()
    section.get_by_role("button", name="Add note").click()
    private = note(fac, title, "Only for now")
    expect(private).to_be_visible()
    expect(private.locator(".badge")).to_contain_text(["Private"])
    shot(cy, "privacy-see-private-phone")

    switch = fac.get_by_role("button", name="Presenting")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(private).to_be_hidden()
    expect(fac.locator("#hands")).to_be_hidden()
    shot(fac, "privacy-presenting-console")
    switch.click()
    expect(private).to_be_visible()
