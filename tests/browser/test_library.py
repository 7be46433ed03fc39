"""The method library in a real browser: a facilitator copies the CCPS
checklist, renames it and rewords an item, then builds an activity from the
copy on the agenda page and finds the new wording on the console."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import test_accessibility as a11y
from tests.browser.conftest import (
    PHONE,
    open_console,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import board

pytestmark = [pytest.mark.browser, pytest.mark.server]

BUILT_IN = "CCPS collaborative and ethical commissioning checklist"
OURS = "Provider forum checklist"
REWORDED = "We put the person at the centre of every decision."


# axe runs in contexts of its own, made by the accessibility tests' fixture.
axe_context = a11y.axe_context


def seed(team, admin):
    return {"forum": seed_workshop(team, "Provider forum: our checklist")}


@pytest.fixture(scope="module")
def axe_page(axe_context):
    """The admin facilitator, signed in, in an axe context."""
    page = axe_context().new_page()
    sign_in(page)
    return page


def copy_and_reword(page):
    """From the library list to a saved, reworded copy; the copy's edit URL."""
    page.goto("/library/")
    expect(page.get_by_role("heading", name="Method library", level=1)).to_be_visible()
    shot(page, "library-index")
    page.get_by_role("link", name=BUILT_IN).click()
    expect(page.locator("q.quoted").first).to_be_visible()
    page.get_by_role("button", name="Copy to our library").click()
    expect(page.get_by_text("Copied to your team's library.")).to_be_visible()
    edit_url = page.url
    page.get_by_label("Title", exact=True).fill(OURS)
    page.get_by_label("Item 1", exact=True).fill(REWORDED)
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text(f"“{OURS}” saved.")).to_be_visible()
    expect(page.get_by_role("heading", name=OURS, level=1)).to_be_visible()
    expect(page.get_by_text(REWORDED)).to_be_visible()
    shot(page, "library-copy")
    return edit_url


def test_a_reworded_copy_is_used_in_a_workshop(new_context, site):
    workshop = site["forum"]
    fac = new_context().new_page()
    sign_in(fac)
    edit_url = copy_and_reword(fac)

    phone = new_context(**PHONE).new_page()
    sign_in(phone)
    phone.goto(edit_url)
    expect(phone.get_by_label("Title", exact=True)).to_have_value(OURS)
    # Nothing sticks out sideways on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "library-edit-phone")

    fac.goto(f"/workshops/{workshop['id']}/agenda")
    fac.get_by_label("Method").select_option(label=OURS)
    fac.get_by_role("button", name="Add to the agenda").click()
    expect(fac.get_by_text("Activity added.")).to_be_visible()

    open_console(fac, workshop["id"])
    activity = board(fac, OURS)
    expect(activity.get_by_text(REWORDED)).to_be_visible()
    expect(
        activity.get_by_text(re.compile("^Our commissioning is effective"))
    ).to_be_visible()
    shot(fac, "library-copy-on-console")


@pytest.mark.parametrize(
    "method_id",
    ["ccps-checklist", "ccps-spectrum", "peoples-borough", "yellow-brick-road"],
)
def test_library_pages_have_no_axe_violations(axe_page, method_id):
    """The list, a built-in method, a copy and its edit form (with errors)."""
    axe_page.goto("/library/")
    a11y.assert_no_violations(axe_page, "library-index")
    axe_page.goto(f"/library/builtin/{method_id}")
    a11y.assert_no_violations(axe_page, f"library-{method_id}")
    axe_page.get_by_role("button", name="Copy to our library").click()
    expect(
        axe_page.get_by_role("heading", name="Edit your team's method")
    ).to_be_visible()
    a11y.assert_no_violations(axe_page, f"library-{method_id}-edit")
    axe_page.get_by_label("Title", exact=True).fill("")
    axe_page.get_by_role("button", name="Save changes").click()
    expect(
        axe_page.get_by_text("Please correct the highlighted fields")
    ).to_be_visible()
    a11y.assert_no_violations(axe_page, f"library-{method_id}-edit-errors")
    axe_page.goto(axe_page.url.removesuffix("/edit"))
    a11y.assert_no_violations(axe_page, f"library-{method_id}-copy")
