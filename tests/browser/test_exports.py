"""Exports in a real browser: from the report page's Download section a
facilitator asks for a PDF; the job's page follows its progress by itself
(static/js/export_job.js, under the app's CSP) and offers the file when the
worker has made it; the report page then lists it. axe finds nothing on
the job's page."""

import re

import pytest
from playwright.sync_api import expect

from bench import export as big_workshop
from tests.browser.conftest import ARTIFACTS, shot, sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.server]

NOTES = 600  # a PDF of about 30 pages: seconds to make, so its progress shows
MADE = 120_000  # ms: a bound on the PDF, far above the few seconds it takes


def seed(team, admin):
    seeded = big_workshop.seed(notes=NOTES)
    return {"workshop": seeded.workshop, "email": seeded.email, "title": seeded.title}


@pytest.fixture(scope="module")
def made_files(site):
    """Files the server made for these tests, removed after (the server
    keeps them under the app's instance folder)."""
    names = []
    yield names
    folder = site.server.app.config["EXPORTS_DIR"]
    for name in names:
        (folder / name).unlink(missing_ok=True)


def _signed_in(page, site):
    sign_in(page, site["email"], big_workshop.PASSWORD)


def test_a_facilitator_asks_for_a_pdf_and_downloads_it(new_context, site, made_files):
    page = new_context().new_page()
    _signed_in(page, site)
    page.goto(f"/workshops/{site['workshop']}/report#exports")
    exports = page.locator("#exports")
    exports.get_by_label("PDF").check()
    exports.get_by_role("button", name="Make the file").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("PDF file of")
    made_files.append(page.url.rsplit("/", 1)[1] + ".pdf")
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(r"Waiting for its turn\.|Being made\."))
    expect(page.get_by_label("Progress")).to_be_visible()
    expect(page.get_by_role("link", name="Refresh")).to_be_hidden()  # script follows
    shot(page, "export-job-running")

    expect(status).to_have_text("Ready to download.", timeout=MADE)
    link = page.get_by_role("link", name="Download the PDF file")
    expect(link).to_be_visible()
    expect(page.get_by_label("Progress")).to_be_hidden()
    shot(page, "export-job-done")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith("-report.pdf")
    with open(download.value.path(), "rb") as made:
        assert made.read(5) == b"%PDF-"

    page.get_by_role("link", name="Back to the report").click()
    listed = page.locator("#exports [data-export-job]").first
    expect(listed).to_contain_text("Ready to download.")
    expect(listed.get_by_role("link", name="Download the PDF file")).to_be_visible()
    page.locator("#exports").screenshot(path=ARTIFACTS / "export-report-section.png")


def test_the_job_page_has_no_axe_violations(browser, site, made_files):
    """axe needs its script injected, which the CSP forbids: its own context."""
    context = browser.new_context(base_url=site.url, bypass_csp=True, locale="en-GB")
    try:
        page = context.new_page()
        _signed_in(page, site)
        page.goto(f"/workshops/{site['workshop']}/report#exports")
        page.locator("#exports").get_by_label("Markdown").check()
        page.get_by_role("button", name="Make the file").click()
        made_files.append(page.url.rsplit("/", 1)[1] + ".md")
        expect(page.get_by_role("status")).to_have_text(
            "Ready to download.", timeout=MADE
        )
        assert axe_violations(page) == []
    finally:
        context.close()
