"""The guard every browser test relies on really hears what it must fail on:
a passing suite then means "no CSP violations", not "nobody listening"."""

import pytest

from tests.browser.conftest import settle

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_the_csp_blocks_inline_script_and_the_guard_reports_it(new_context):
    """The app's CSP forbids inline script; when a page breaks that rule the
    `securitypolicyviolation` event reaches the test's guard (and the page's
    own record), so the teardown check would fail the test."""
    context = new_context()
    context.guard.allow_console(r"violates the following Content Security Policy")
    page = context.new_page()
    page.goto("/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true";
          document.body.append(script);
        }"""
    )
    assert settle(page, lambda: context.guard.csp)
    violation = context.guard.csp[0]
    assert violation["directive"].startswith("script-src"), violation
    assert page.evaluate("window.__inlineRan === undefined"), "inline script ran"
    assert page.evaluate("window.__cspViolations.length") == 1
    # Expected here; anywhere else either record fails the test at teardown.
    context.guard.csp.clear()
    page.evaluate("window.__cspViolations.length = 0")


def test_the_guard_hears_console_errors_and_page_errors(new_context):
    """Console errors and uncaught exceptions in any page of a context are
    collected, so a broken script fails the browser test that loads it."""
    context = new_context()
    page = context.new_page()
    page.goto("/")
    page.evaluate("console.error('boom from the console')")
    page.evaluate("setTimeout(() => { throw new Error('boom uncaught') }, 0)")
    assert settle(page, lambda: context.guard.console and context.guard.page_errors)
    assert "boom from the console" in context.guard.console[0]
    assert "boom uncaught" in context.guard.page_errors[0]
    context.guard.console.clear()
    context.guard.page_errors.clear()
