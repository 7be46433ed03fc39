"""Journey 3's end, in a real browser: the facilitator sends the yellow
brick road out for comment at a link open until a day; someone with no
account comments on a step from a phone (390x844); the comment comes back
into the workshop's record on the facilitator's report page. A parent's
words who did not agree to be quoted stay out of the link. The app's CSP
stays on."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Workshop
from app.models.types import utcnow
from tests import builders
from tests.browser.conftest import PHONE, seed_workshop, shot, sign_in
from tests.builders import act, facilitator_actor, participant_actor, set_phase

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "Speech and language therapy pathway, 0 to 25"
STEPS = ("Worry about my child's speech", "Referral from the health visitor")
UNQUOTED = "We waited nine months and nobody rang back"
COMMENT = "The referral step should say how long the wait is <b>today</b>."


def seed(team, admin):
    pathway = seed_workshop(team, TITLE)
    workshop = db.session.scalar(db.select(Workshop).filter_by(public_id=pathway["id"]))
    fac = facilitator_actor(workshop)
    sen = builders.make_participant(workshop, display_name="Sam", role="other")
    parent = builders.make_participant(workshop, display_name="Pia", role="carer")
    road = act(fac, "workshop.add_activity", {"method": "yellow-brick-road"})
    road = road["result"]["activity"]
    set_phase(fac, road, "map")
    steps = []
    for text in STEPS:
        payload = {"activity": road, "lane": "steps", "text": text}
        made = act(participant_actor(sen), "pathway.add_card", payload)
        steps.append(made["result"]["card"])
    wall = {"activity": road, "lane": "walls", "text": UNQUOTED, "step": steps[1]}
    act(participant_actor(parent), "pathway.add_card", wall)
    set_phase(fac, road, "review")
    return {"workshop": pathway, "pathway": road}


def test_a_pathway_goes_out_for_comment_and_the_comments_come_back(new_context, site):
    workshop = site["workshop"]
    fac = new_context().new_page()
    sign_in(fac)
    fac.goto(f"/workshops/{workshop['id']}/report")
    closes = (utcnow().date() + timedelta(days=14)).isoformat()
    fac.get_by_label("Share", exact=True).select_option(site["pathway"])
    fac.get_by_label("Open for comments until (optional)").fill(closes)
    shot(fac, "send-for-comment-facilitator-form")
    fac.get_by_role("button", name="Share the report").click()
    expect(fac.get_by_text("The new link is ready.")).to_be_visible()
    expect(fac.get_by_text("The pathway “Yellow brick road” alone")).to_be_visible()
    hint = fac.locator(".share-links .hint").first
    expect(hint).to_contain_text(
        f"Open for comments until the end of {closes_on(closes)}"
    )
    link = fac.locator(".share-links input").first.input_value()
    assert "/shared/" in link

    commenter = new_context(**PHONE).new_page()
    commenter.goto(link)
    expect(commenter.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(commenter.get_by_text(STEPS[1], exact=True)).to_be_visible()
    main = commenter.locator("main").inner_text()
    assert UNQUOTED not in main and "Who took part" not in main
    assert "1 contribution from someone who did not agree to be quoted" in main
    commenter.get_by_label("Your name (optional)").fill("Morgan, SENCo")
    about = commenter.get_by_label("What is your comment about?")
    about.select_option(label=f"2. {STEPS[1]}")
    commenter.get_by_label("Your comment", exact=True).fill(COMMENT)
    shot(commenter, "send-for-comment-phone-form")
    commenter.get_by_role("button", name="Send the comment").click()
    expect(
        commenter.get_by_text("Your comment has gone to the facilitators")
    ).to_be_visible()
    assert COMMENT not in commenter.locator("main").inner_text()
    _fits_the_phone(commenter)
    shot(commenter, "send-for-comment-phone-sent")

    fac.reload()
    received = fac.locator("#comments-received")
    expect(received.get_by_text(COMMENT)).to_be_visible()
    expect(received.get_by_text("Morgan, SENCo")).to_be_visible()
    expect(received.get_by_text(f"About: Step: {STEPS[1]}")).to_be_visible()
    received.scroll_into_view_if_needed()
    shot(fac, "send-for-comment-facilitator-received")


def test_a_step_redacted_before_publishing_leaves_the_link(new_context, site):
    """The review page lists the road's cards; a step redacted with a reason
    is kept in the record with who and why, and leaves the shared link."""
    workshop = site["workshop"]
    fac = new_context().new_page()
    sign_in(fac)
    fac.goto(f"/workshops/{workshop['id']}/report")
    fac.get_by_role("link", name="Before publishing").first.click()
    expect(
        fac.get_by_role("heading", level=1, name="Before publishing")
    ).to_be_visible()
    expect(
        fac.get_by_text("Not for publishing: its author did not agree")
    ).to_be_visible()
    step = fac.locator(".publish-item", has_text=STEPS[0])
    step.get_by_label("Why redact it?").fill("Names a child")
    step.get_by_role("button", name="Redact").click()
    expect(
        fac.get_by_text("Redacted: it is left out of everything published.")
    ).to_be_visible()
    record = fac.locator("#redactions")
    expect(record.get_by_text("Names a child")).to_be_visible()
    expect(record.get_by_text("Ada Admin")).to_be_visible()
    shot(fac, "send-for-comment-publish-review")

    fac.goto(f"/workshops/{workshop['id']}/report")
    expect(fac.get_by_text("[redacted] Reason: Names a child")).to_be_visible()
    fac.locator(".share-form").get_by_role("button").click()  # the whole report
    link = fac.locator(".share-links input").first.input_value()
    reader = new_context(**PHONE).new_page()
    reader.goto(link)
    expect(reader.get_by_text(STEPS[1], exact=True)).to_be_visible()
    assert STEPS[0] not in reader.locator("main").inner_text()


def closes_on(day):
    """A day as the report page words it."""
    return date.fromisoformat(day).strftime("%d %b %Y")


def _fits_the_phone(page):
    """Nothing on the page is wider than the phone's screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
