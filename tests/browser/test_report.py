"""The report in a real browser: the facilitator previews and saves a summary
in place, charts arrive as images drawn by the worker, a share link opens
for someone with no account (names only with consent, nothing hidden), and
once withdrawn it says so and shows nothing. The app's CSP stays on."""

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Workshop
from tests import builders
from tests.browser.conftest import PHONE, seed_workshop, shot, sign_in
from tests.builders import act, add_note, facilitator_actor, participant_actor

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "Domiciliary care provider forum"


def seed(team, admin):
    forum = seed_workshop(team, TITLE)
    workshop = db.session.scalar(db.select(Workshop).filter_by(public_id=forum["id"]))
    fac = facilitator_actor(workshop)
    people = [
        builders.make_participant(
            workshop, display_name=name, role=role, consent_named=named
        )
        for name, role, named in (
            ("Nadia Consenting", "provider", True),
            ("Quentin Quiet", "provider", False),
            ("Cara", "commissioner", False),
        )
    ]
    board = builders.make_board(fac)
    add_note(participant_actor(people[0]), board, text="Pay for travel time")
    add_note(participant_actor(people[1]), board, text="<b>Fair</b> rates =1+1")
    hidden = add_note(participant_actor(people[1]), board, text="Rude remark")
    act(fac, "board.hide_note", {"activity": board, "note": hidden})
    builders.set_phase(fac, board, "discussion")
    sheet = act(fac, "workshop.add_activity", {"method": "ccps-checklist"})
    sheet = sheet["result"]["activity"]
    builders.set_phase(fac, sheet, "scoring")
    for person, value in zip(people, (2, 1, 2), strict=True):
        payload = {"activity": sheet, "item": "element-1", "value": value}
        act(participant_actor(person), "checklist.score", payload)
    builders.set_phase(fac, sheet, "reveal")
    return {"forum": forum}


def test_a_facilitator_writes_the_summary_and_shares_a_withdrawable_link(
    new_context, site
):
    forum = site["forum"]
    fac = new_context().new_page()
    sign_in(fac)
    fac.goto(f"/workshops/{forum['id']}/")
    fac.get_by_role("link", name="Report", exact=True).click()
    expect(fac.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(fac.get_by_text("Pay for travel time")).to_be_visible()
    expect(fac.get_by_text("<b>Fair</b> rates =1+1")).to_be_visible()
    expect(fac.get_by_text("Rude remark")).to_have_count(0)
    _charts_have_loaded(fac)

    fac.get_by_label("Summary").fill("Providers set out the cost of travel.")
    fac.get_by_label("Next steps").fill("Publish the rates\nMeet again in March")
    fac.get_by_role("button", name="Preview").click()
    expect(fac.get_by_text("This is a preview")).to_be_visible()
    expect(fac.locator("li", has_text="Meet again in March").first).to_be_visible()
    fac.get_by_role("button", name="Save").click()
    expect(fac.get_by_text("The report's summary is saved.")).to_be_visible()
    shot(fac, "report-facilitator")

    fac.get_by_role("button", name="Share the report").click()
    link = fac.locator(".share-links input").first.input_value()
    assert "/shared/" in link

    reading = new_context(**PHONE)
    # The withdrawn link answers 410 Gone, which Chromium logs.
    reading.guard.allow_console(r"Failed to load resource: .*status of 410")
    reader = reading.new_page()
    reader.goto(link)
    expect(reader.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(reader.get_by_text("Providers set out the cost of travel.")).to_be_visible()
    expect(reader.get_by_text("Pay for travel time")).to_be_visible()
    page_text = reader.locator("main").inner_text()
    assert "Nadia Consenting" in page_text
    assert "Quentin Quiet" not in page_text and "Rude remark" not in page_text
    _charts_have_loaded(reader)
    shot(reader, "report-shared-phone")

    fac.get_by_role("button", name="Withdraw this link").click()
    expect(fac.get_by_text("The link is withdrawn")).to_be_visible()
    reader.reload()
    expect(
        reader.get_by_role("heading", name="This report is no longer shared")
    ).to_be_visible()
    assert "Pay for travel time" not in reader.locator("main").inner_text()
    shot(reader, "report-withdrawn-phone")


def _charts_have_loaded(page):
    """Every chart image on the page has arrived and been drawn."""
    images = page.locator("figure img")
    expect(images.first).to_be_visible()
    loaded = images.evaluate_all(
        "imgs => imgs.map(img => img.complete && img.naturalWidth > 0)"
    )
    assert loaded and all(loaded), loaded
