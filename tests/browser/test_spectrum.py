"""The collaborative commissioning spectrum in a real browser: two people
mark where their area is now and where it should be, privately (checked on
the other's raw socket frames); the reveal shows the counts and the dot plot
to everyone."""

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

TITLE = "Collaborative commissioning spectrum"
NEED = "Identification of need"


def seed(team, admin):
    return {"forum": seed_workshop(team, "Provider forum: spectrum")}


def dimension(page, label):
    return (
        board(page, TITLE)
        .locator("li.spectrum-dimension")
        .filter(has=page.get_by_role("heading", name=label, exact=True))
    )


def mark(page, label, now, aspiration):
    row = dimension(page, label)
    for which, point in (("Where we are now", now), ("Where we should be", aspiration)):
        # The legend names the dimension too, for screen readers.
        name = re.compile(f"^{which}\\W+{re.escape(label)}$")
        row.get_by_role("group", name=name).get_by_label(str(point), exact=True).check()
    expect(row.locator(".item-status")).to_have_text("")


def test_spectrum_marked_privately_then_revealed(new_context, site):
    workshop = site["forum"]
    fac = new_context().new_page()
    sign_in(fac)
    add_from_library(fac, workshop["id"], TITLE)
    ann = new_context().new_page()
    bob = new_context(viewport={"width": 390, "height": 844}).new_page()
    bob_frames = record_frames(bob)
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    open_console(fac, workshop["id"])
    set_phase(fac, TITLE, "Marking privately")
    expect_phase(bob, TITLE, "Marking privately")

    mark(ann, NEED, 1, 5)
    mark(bob, NEED, 2, 4)
    expect(board(fac, TITLE).locator(".spectrum-summary")).to_have_text(
        "2 people have marked so far."
    )
    shot(bob, "spectrum-marking-phone")
    # Ann's marks reach Bob's socket in no form before the reveal.
    assert not any('"mine"' in frame and '"now": 1' in frame for frame in bob_frames)
    assert not any('"results"' in frame for frame in bob_frames)

    set_phase(fac, TITLE, "Reveal")
    table = dimension(bob, NEED).locator("table.counts")
    expect(table.locator("tbody tr").nth(0).locator("td")).to_have_text(["1", "0"])
    expect(table.locator("tbody tr").nth(4).locator("td")).to_have_text(["0", "1"])
    chart = board(ann, TITLE).locator(".results-charts .chart svg")
    expect(chart).to_have_count(1)
    expect(dimension(ann, NEED).locator(".item-mine")).to_have_text(
        "Your marks: now 1, where we should be 5"
    )
    shot(ann, "spectrum-revealed")
