"""Search and review in a real browser, with the app's CSP on: a reviewer
finds what was said about price transparency across a year of forums by
keyboard, narrows it by role, opens the report and comments; the search
page works on a phone; axe finds no violations on the search page or the
report's comments (in a context of its own, the one place the CSP is
bypassed, as tests/browser/test_accessibility.py does)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, REVIEWER_EMAIL, shot, sign_in
from tests.browser.test_accessibility import assert_no_violations
from tests.search.forums import seed_year

pytestmark = [pytest.mark.browser, pytest.mark.server]


def seed(team, admin):
    year = seed_year(team)
    return {"workshop": year.forums[1].workshop.public_id}


def _search(page, words):
    page.get_by_role("link", name="Search", exact=True).click()
    box = page.get_by_label("Search for")
    box.fill(words)
    box.press("Enter")


def test_a_reviewer_searches_by_keyboard_and_comments(new_context, site):
    page = new_context().new_page()
    sign_in(page, email=REVIEWER_EMAIL)
    _search(page, "price transparency")
    expect(page.get_by_role("heading", name="12 results")).to_be_visible()
    expect(page.locator(".search-text mark").first).to_have_text("price")
    main = page.locator("main").inner_text()
    assert "Priya Named" in main and "Cam Unnamed" not in main
    shot(page, "search-results")

    page.get_by_label("Role of the writer").select_option(label="Provider")
    page.get_by_role("button", name="Search", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="8 results")).to_be_visible()
    shot(page, "search-results-providers")

    page.get_by_role("link", name="Provider forum Q2: Ideas").click()
    expect(page.get_by_role("heading", name="The team's comments")).to_be_visible()
    page.get_by_label("About").select_option(label="CCPS checklist")
    page.get_by_label("Your comment").fill("Compare with the tender's <b>pricing</b>")
    page.get_by_role("button", name="Add the comment").click()
    expect(page.get_by_text("Your comment is added.")).to_be_visible()
    comments = page.locator("#review-comments")
    expect(
        comments.get_by_text("Compare with the tender's <b>pricing</b>")
    ).to_be_visible()
    expect(comments.get_by_text("About: CCPS checklist")).to_be_visible()
    comments.scroll_into_view_if_needed()
    shot(page, "review-comment-added")


def test_the_search_page_works_on_a_phone(new_context, site):
    page = new_context(**PHONE).new_page()
    sign_in(page, email=REVIEWER_EMAIL)
    _search(page, "hourly rate")
    expect(page.get_by_role("heading", name="4 results")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    shot(page, "search-phone")


def test_hostile_input_shows_the_error_in_the_page(new_context, site):
    context = new_context()
    # The page answers 400 (the form's error), which Chromium logs.
    context.guard.allow_console(r"Failed to load resource: .*status of 400")
    page = context.new_page()
    sign_in(page, email=REVIEWER_EMAIL)
    _search(page, '"%_*')
    expect(page.get_by_role("alert")).to_contain_text("Please correct")
    expect(page.get_by_text("Type a word to search for")).to_be_visible()
    expect(page.get_by_label("Search for")).to_have_value('"%_*')
    shot(page, "search-error")


@pytest.fixture(scope="module")
def axe_page(browser, site):
    context = browser.new_context(base_url=site.url, bypass_csp=True, locale="en-GB")
    page = context.new_page()
    sign_in(page, email=REVIEWER_EMAIL)
    yield page
    context.close()


def test_search_and_comments_have_no_axe_violations(axe_page, site):
    axe_page.goto("/search?q=price+transparency")
    assert_no_violations(axe_page, "search-results")
    axe_page.goto("/search?q=%25")
    assert_no_violations(axe_page, "search-error")
    axe_page.goto(f"/workshops/{site['workshop']}/report#review-comments")
    assert_no_violations(axe_page, "report-with-comments")
