"""Actions in a real browser: from the report, a facilitator makes a note an
action with the keyboard alone, updates it on the series' page and publishes
the summary; someone with no account reads it on a phone (no names, no
hidden words), and once withdrawn it shows nothing. The app's CSP stays on;
axe finds nothing on the pages."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, seed_workshop, shot, sign_in
from tests.browser.test_accessibility import axe_violations
from tests.builders import (
    act,
    add_note,
    facilitator_actor,
    make_board,
    make_participant,
    participant_actor,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]

SERIES = "Domiciliary care provider forum"


def seed(team, admin):
    from app.extensions import db
    from app.models import Series, Workshop

    forum = seed_workshop(team, "Spring forum", date=dt.date(2025, 3, 5))
    workshop = db.session.scalar(db.select(Workshop).filter_by(public_id=forum["id"]))
    series = Series(team_id=team.id, title=SERIES)
    db.session.add(series)
    db.session.flush()
    workshop.series_id = series.id
    db.session.commit()
    fac = facilitator_actor(workshop)
    named = make_participant(workshop, display_name="Nadia Named", consent_named=True)
    board = make_board(fac)
    add_note(participant_actor(named), board, text="Nobody pays for travel time")
    hidden = add_note(participant_actor(named), board, text="Rude remark")
    act(fac, "board.hide_note", {"activity": board, "note": hidden})
    return {"forum": forum, "series": series.public_id}


def test_a_note_becomes_an_action_and_is_published(new_context, site):
    fac = new_context().new_page()
    sign_in(fac)
    # The report is made by a worker process: slow on a busy machine.
    fac.goto(f"/workshops/{site['forum']['id']}/report", timeout=60_000)
    fac.get_by_role("link", name="Make an action").click()
    expect(fac.get_by_text("Rude remark")).to_have_count(0)

    pick = fac.get_by_role("link", name="Make this note an action").first
    pick.focus()
    fac.keyboard.press("Enter")
    expect(fac.locator(".you-said")).to_contain_text("Nobody pays for travel time")
    expect(fac.get_by_label("What will be done")).to_be_focused()
    fac.keyboard.type("Fund travel time in the new rates")
    fac.get_by_label("Owner organisation").fill("Council commissioning")
    fac.get_by_label("Owner (person)").fill("Jo Lee")
    fac.get_by_label("Due date").fill("2025-09-30")
    fac.get_by_label("Due date").press("Enter")
    expect(fac.get_by_text("The action is added to the series.")).to_be_visible()
    shot(fac, "follow-ups-new-from-report")

    fac.get_by_role("link", name="All actions of the series").click()
    fac.get_by_role("link", name="Fund travel time in the new rates").click()
    fac.get_by_label("Update", exact=True).fill("Rates consultation opened")
    fac.get_by_label("Status", exact=True).select_option(label="In progress")
    fac.get_by_role("button", name="Add the update").click()
    expect(fac.get_by_text("The update is added.")).to_be_visible()
    fac.get_by_role("button", name="Publish the public summary").click()
    address = fac.get_by_label("Address of the public summary").input_value()
    shot(fac, "follow-ups-series-actions")

    reading = new_context(**PHONE)
    reading.guard.allow_console(r"Failed to load resource: .*status of 404")
    reader = reading.new_page()
    reader.goto(address)
    expect(reader.get_by_role("heading", level=2, name="Spring forum")).to_be_visible()
    text = reader.locator("main").inner_text()
    assert "Nobody pays for travel time" in text
    assert "Rates consultation opened" in text and "In progress" in text
    for hidden in ("Nadia Named", "Jo Lee", "Rude remark"):
        assert hidden not in text
    width = reader.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shot(reader, "follow-ups-public-summary-phone")

    fac.get_by_role("button", name="Withdraw the public summary").click()
    reader.reload()
    expect(reader.get_by_role("heading", name="There is no summary at this address"))
    assert "travel time" not in reader.locator("main").inner_text()


def test_the_pages_have_no_axe_violations(browser, site):
    """axe needs its script injected, which the CSP forbids: its own context."""
    context = browser.new_context(base_url=site.url, bypass_csp=True, locale="en-GB")
    try:
        page = context.new_page()
        sign_in(page)
        for path in (
            f"/series/{site['series']}/actions",
            f"/workshops/{site['forum']['id']}/actions/new",
        ):
            page.goto(path)
            assert axe_violations(page) == [], path
        page.get_by_role("link", name="Make this note an action").first.click()
        assert axe_violations(page) == []
    finally:
        context.close()
