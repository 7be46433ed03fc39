"""A series in a real browser: a facilitator opens the quarterly forum's
series page from the navigation, sees its three workshops in date order
and the trend charts drawn by the worker (the reworded item's break marked,
on the chart and in the table), reads the numbers in words by keyboard, and
makes the next workshop from the last one. The app's CSP stays on."""

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import FollowUp
from tests.browser.conftest import PHONE, shot, sign_in
from tests.browser.test_accessibility import axe_violations
from tests.series.forum import quarterly_forum

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "Domiciliary care provider forum"


def seed(team, admin):
    series, quarters = quarterly_forum(team)
    db.session.add(FollowUp(series_id=series.id, title="Publish the fee rates"))
    db.session.commit()
    return {"series": series.public_id, "autumn": quarters[2].public_id}


def test_the_series_page_shows_three_workshops_and_the_trend(new_context, site):
    page = new_context().new_page()
    sign_in(page)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Series"
    ).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()

    workshops = page.locator(".series-workshops h3")
    expect(workshops).to_have_text(["Spring forum", "Summer forum", "Autumn forum"])
    _charts_have_loaded(page, 3)
    chart = page.get_by_role(
        "img", name=re.compile("mean score of each of 2 items at each workshop")
    )
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name=re.compile("^Mean score for each item"))
    expect(table.get_by_text("wording changed")).to_be_visible()
    expect(table.get_by_role("columnheader")).to_have_count(4)
    shot(page, "series-trends")

    words = page.locator("details.trend-words summary").first
    words.focus()
    page.keyboard.press("Enter")
    expect(
        page.locator("details.trend-words").first.locator("li").first
    ).to_contain_text("Mar 12, 2025: 0.78 (9 people)")
    gap = page.get_by_role("table", name=re.compile("^Commissioners' mean score minus"))
    expect(gap.get_by_text("+2.00")).to_be_visible()


def test_on_a_phone_the_charts_fit_and_the_tables_scroll(new_context, site):
    page = new_context(**PHONE).new_page()
    sign_in(page)
    page.goto(f"/series/{site['series']}")
    _charts_have_loaded(page, 3)
    widths = page.locator(".trend-chart img").evaluate_all(
        "imgs => imgs.map(img => img.getBoundingClientRect().right)"
    )
    assert max(widths) <= 390, widths
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 390, overflow
    shot(page, "series-trends-phone")


def test_the_next_workshop_opens_with_the_actions_review(new_context, site):
    page = new_context().new_page()
    sign_in(page)
    # Its charts are not what this test is about: no waiting for them.
    page.goto(f"/series/{site['series']}", wait_until="domcontentloaded")
    name = re.compile(r"^Create the next workshop from this one\W+Autumn forum$")
    page.get_by_role("link", name=name).click()
    expect(page.get_by_label("Title")).to_have_value("Autumn forum")
    expect(page.get_by_label("Date")).to_have_value("2025-12-10")
    page.get_by_label("Title").fill("Winter forum")
    page.get_by_role("button", name="Create the next workshop").click()

    expect(page.get_by_text("The next workshop is ready")).to_be_visible()
    items = page.locator("li.agenda-item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Review last time's actions")
    expect(items.nth(1)).to_contain_text("CCPS collaborative and ethical")
    shot(page, "series-next-workshop-agenda")


def _charts_have_loaded(page, count):
    """Every chart image has arrived from the worker and been drawn."""
    images = page.locator(".trend-chart img")
    expect(images).to_have_count(count)
    for index in range(count):
        images.nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.trend-chart img')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )


def test_series_pages_have_no_axe_violations(browser, site):
    """axe-core on the list, a series with its trends (words open) and the
    next-workshop form. axe needs its script tag: a context of its own with
    the CSP bypassed, as tests/browser/test_accessibility.py does."""
    context = browser.new_context(base_url=site.url, bypass_csp=True, locale="en-GB")
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        sign_in(page)
        base = f"/series/{site['series']}"
        for url in ("/series/", base, f"{base}/workshops/{site['autumn']}/next"):
            page.goto(url)
            page.locator("details").evaluate_all(
                "all => all.forEach(d => d.open = true)"
            )
            assert axe_violations(page) == [], url
    finally:
        context.close()
