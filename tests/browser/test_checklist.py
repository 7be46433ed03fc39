"""The CCPS checklist in a real browser: the facilitator builds it from the
library on the agenda page and starts it; two participants score privately
(a score never reaches the other's socket before the reveal, checked on the
raw frames); the reveal shows the counts; the room's agreed score reaches
everyone live."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    add_from_library,
    join,
    open_console,
    record_frames,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import board, expect_phase, set_phase

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "CCPS collaborative and ethical commissioning checklist"
ELEMENT_1 = (
    "Our commissioning is person centred, facilitating choice, control and "
    "enabling risk."
)
ELEMENT_2 = (
    "Our commissioning is effective, focusing on quality, values and outcomes, "
    "not price."
)


def seed(team, admin):
    return {"forum": seed_workshop(team, "Provider forum: checklist")}


def item(page, text):
    return (
        board(page, TITLE)
        .locator("li.checklist-item")
        .filter(has=page.locator(".item-text", has_text=text))
    )


def score(page, text, label, comment=None):
    row = item(page, text)
    row.get_by_label(label).check()
    expect(row.locator(".item-status")).to_have_text("")  # saved
    if comment:
        row.get_by_label(re.compile("^Your comment")).fill(comment)
        row.get_by_role("button", name="Save comment").click()
        expect(row.locator(".item-status")).to_have_text("")


def test_checklist_from_the_library_scored_privately_and_revealed(new_context, site):
    workshop = site["forum"]
    fac = new_context().new_page()
    sign_in(fac)
    add_from_library(fac, workshop["id"], TITLE)

    ann_page, bob_page = new_context().new_page(), new_context().new_page()
    bob_frames = record_frames(bob_page)
    join(ann_page, workshop["code"], "Ann")
    join(bob_page, workshop["code"], "Bob", role="Commissioner")
    open_console(fac, workshop["id"])
    set_phase(fac, TITLE, "Scoring privately")
    for page in (ann_page, bob_page):
        expect_phase(page, TITLE, "Scoring privately")

    score(
        ann_page,
        ELEMENT_1,
        "2: We have good consistent evidence",
        comment="Ann's secret evidence note",
    )
    score(bob_page, ELEMENT_1, "0: We cannot evidence this")
    score(bob_page, ELEMENT_2, "1: Our evidence is mixed or patchy")
    expect(board(fac, TITLE).locator(".checklist-summary")).to_have_text(
        "2 people have scored so far."
    )
    shot(ann_page, "checklist-scoring")
    # Ann's comment never reached Bob's socket: not even as a count.
    assert not any("secret evidence" in frame for frame in bob_frames)
    bob_page.reload()  # and a fresh snapshot shows Bob only his own scores
    expect(
        item(bob_page, ELEMENT_1).get_by_label("0: We cannot evidence this")
    ).to_be_checked()
    assert not any("secret evidence" in frame for frame in bob_frames)

    set_phase(fac, TITLE, "Reveal")
    counts = item(bob_page, ELEMENT_1).locator("table.counts").first
    expect(counts).to_contain_text("2: We have good consistent evidence")
    expect(counts.locator("tbody tr").first.locator("td")).to_have_text("1")
    expect(item(bob_page, ELEMENT_1).locator("ul.comments")).to_have_text(
        "Ann's secret evidence note"
    )
    expect(
        item(ann_page, ELEMENT_1).get_by_label("2: We have good consistent evidence")
    ).to_be_disabled()
    # The chart from app/charts.py, drawn without eval under the CSP.
    chart = board(bob_page, TITLE).locator(".results-charts .chart svg")
    expect(chart).to_have_count(1)
    assert chart.locator("path, rect").count() > 0
    shot(bob_page, "checklist-revealed")

    set_phase(fac, TITLE, "Agree")
    agree = item(fac, ELEMENT_1).locator("form.agree-form")
    agree.get_by_label("Agreed score").select_option(
        label="1: Our evidence is mixed or patchy"
    )
    agree.get_by_label("Agreed note").fill("Strong in day services, weak in home care")
    agree.get_by_role("button", name="Record what the room agreed").click()
    for page in (ann_page, bob_page, fac):
        expect(item(page, ELEMENT_1).locator(".agreed-score")).to_have_text(
            "Agreed score: 1: Our evidence is mixed or patchy"
        )
    expect(item(ann_page, ELEMENT_1).locator(".agreed-note")).to_have_text(
        "Strong in day services, weak in home care"
    )
    shot(fac, "checklist-agreed")
