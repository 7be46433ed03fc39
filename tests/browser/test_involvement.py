"""The involvement record in a real browser, against a real server: a
participant's phone connecting opens their stretch and closing it ends it;
the facilitator reaches the record from the console by keyboard, on a
laptop and a phone, and downloads the CSV. The app's CSP stays on."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Attendance, Workshop
from app.models.types import utcnow
from tests import builders
from tests.browser.conftest import PHONE, join, seed_workshop, shot, sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "Speech and language therapy pathway"


def seed(team, admin):
    forum = seed_workshop(team, TITLE)
    workshop = db.session.scalar(db.select(Workshop).filter_by(public_id=forum["id"]))
    lee = builders.make_participant(
        workshop, display_name="Lee Parent", role="carer", organisation="Parent Forum"
    )
    builders.make_participant(workshop, display_name="Noa", has_device=False)
    builders.make_participant(workshop, display_name="Ray", removed_at=utcnow())
    earlier = utcnow() - timedelta(hours=3)
    db.session.add_all(
        [
            Attendance(
                workshop_id=workshop.id,
                participant_id=lee.id,
                arrived_at=earlier,
                left_at=earlier + timedelta(minutes=50),
            ),
            Attendance(
                workshop_id=workshop.id,
                participant_id=lee.id,
                arrived_at=earlier + timedelta(hours=1),
                left_at=earlier + timedelta(hours=1, minutes=25),
            ),
        ]
    )
    db.session.commit()
    return {"forum": forum}


def _row(page, name):
    return page.locator("table.involvement tbody tr").filter(
        has=page.get_by_role("rowheader", name=re.compile(re.escape(name)))
    )


def test_a_stretch_opens_and_closes_with_a_participants_screen(new_context, site):
    forum = site["forum"]
    phone = new_context(**PHONE).new_page()
    join(phone, forum["code"], "Gwen", role="Person with lived experience")

    fac = new_context().new_page()
    sign_in(fac)
    fac.goto(f"/workshops/{forum['id']}/")
    link = fac.get_by_role("link", name="Involvement record")
    link.focus()
    fac.keyboard.press("Enter")
    expect(
        fac.get_by_role("heading", level=1, name="Involvement record")
    ).to_be_visible()
    gwen = _row(fac, "Gwen")
    expect(gwen).to_contain_text("Person with lived experience")
    expect(gwen).to_contain_text("still here")
    expect(_row(fac, "Lee Parent")).to_contain_text("1 h 15 min")
    expect(_row(fac, "Lee Parent")).to_contain_text("2 stretches")
    expect(_row(fac, "Noa")).to_contain_text("no device")
    expect(_row(fac, "Ray")).to_contain_text("removed")
    shot(fac, "involvement-record")

    phone.close()  # the participant's last screen closes
    fac.wait_for_timeout(500)
    fac.reload()
    expect(_row(fac, "Gwen")).not_to_contain_text("still here")
    expect(_row(fac, "Gwen")).to_contain_text(re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d"))

    with fac.expect_download() as download:
        fac.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename == (
        "speech-and-language-therapy-pathway-involvement.csv"
    )
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Gwen" in text and "Lee Parent" in text


def test_the_record_reads_on_a_phone_and_has_no_axe_violations(
    new_context, browser, site
):
    forum = site["forum"]
    page = new_context(**PHONE).new_page()
    sign_in(page)
    page.goto(f"/workshops/{forum['id']}/involvement")
    expect(_row(page, "Lee Parent")).to_be_visible()
    # The wide table scrolls inside its own region, reachable by keyboard.
    region = page.get_by_role("region", name=re.compile("participants"))
    expect(region).to_have_attribute("tabindex", "0")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"
    shot(page, "involvement-record-phone")

    checking = browser.new_context(base_url=site.url, bypass_csp=True, **PHONE)
    try:
        axe_page = checking.new_page()
        sign_in(axe_page)
        axe_page.goto(f"/workshops/{forum['id']}/involvement")
        assert axe_violations(axe_page) == []
    finally:
        checking.close()
