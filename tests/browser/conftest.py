"""Browser fixtures: a real server per module, one Chromium per session, and
contexts that keep the app's CSP on and fail the test on any CSP violation,
console error, uncaught page error or server error (DESIGN.md, Tests).

Screenshots go to test-artifacts/browser/ (gitignored) for a human to look at.
"""

import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from app.extensions import db
from app.models import Invite, Workshop
from app.models.types import utcnow
from tests import builders
from tests.live_server import LiveServer

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

ADMIN_EMAIL = "admin@example.org"
REVIEWER_EMAIL = "reviewer@example.org"
PASSWORD = builders.PASSWORD
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}

# Expectations wait for the live server and sockets; generous but bounded.
expect.set_options(timeout=10_000)

# Runs before any page script: records every CSP violation on the page, and
# reports it to the test at once (so it survives navigation and closing).
CSP_GUARD = """
(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    const violation = {
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      line: event.lineNumber,
      sample: event.sample,
      page: location.href,
    };
    window.__cspViolations.push(violation);
    if (typeof window.__reportCspViolation === "function") {
      window.__reportCspViolation(violation);
    }
  });
})();
"""


# -- the server ---------------------------------------------------------------


class Site:
    """A running server and what was seeded into it (plain values only)."""

    def __init__(self, server, data):
        self.server = server
        self.url = server.url
        self.data = data

    def __getitem__(self, key):
        return self.data[key]

    def output(self):
        return self.server.output()


def seed_base():
    """A team with an admin facilitator and a reviewer."""
    team = builders.make_team(name="East Midlands commissioning team")
    admin = builders.make_user(
        team, email=ADMIN_EMAIL, role="facilitator", is_admin=True, name="Ada Admin"
    )
    builders.make_user(
        team, email=REVIEWER_EMAIL, role="reviewer", name="Rhys Reviewer"
    )
    return team, admin


def seed_workshop(team, title, **kw):
    """A workshop of `team`; returns its public id and join code."""
    kw.setdefault("date", date.today() + timedelta(days=7))
    purpose = kw.pop("purpose", f"What “{title}” is for, shown on arrival.")
    workshop = builders.make_workshop(team, title=title, **kw)
    workshop.purpose = purpose
    db.session.commit()
    return {"id": workshop.public_id, "code": workshop.join_code, "title": title}


def issue_link(purpose, team, **fields):
    """A one-time invite or reset link's token, stored as the app stores it."""
    invite, token = Invite.issue(72, purpose=purpose, team_id=team.id, **fields)
    db.session.add(invite)
    db.session.commit()
    return token


def close_workshop(public_id):
    workshop = db.session.scalar(db.select(Workshop).filter_by(public_id=public_id))
    workshop.closed_at = utcnow()
    db.session.commit()


def start_site(seed=None):
    """Start a server; `seed(team, admin)` may add to the data and return a dict."""
    server = LiveServer()

    def build():
        if seed is None:
            return {}
        team, admin = seed_base()
        return {"team_id": team.id, "admin_id": admin.id, **(seed(team, admin) or {})}

    data = server.seed(build)
    server.start()
    return Site(server, data)


@pytest.fixture(scope="module")
def site(request):
    """One server per test module. A module may define `seed(team, admin)`
    to add workshops, links and so on; the base team and accounts are always
    there (admin@example.org and reviewer@example.org, password PASSWORD)."""
    seed = getattr(request.module, "seed", lambda team, admin: {})
    started = start_site(seed)
    yield started
    failed = getattr(request.node, "_browser_failures", 0)
    if failed:
        print(f"\n--- server log ({started.url}) ---\n{started.output()[-6000:]}")
    started.server.stop()


@pytest.fixture(scope="module")
def empty_site():
    """A server on an install with no accounts at all (first-run setup)."""
    started = start_site(seed=None)
    yield started
    started.server.stop()


# -- the browser --------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _fresh_failure_shots():
    """Screenshots of failures from earlier runs would mislead: remove them."""
    for old in ARTIFACTS.glob("FAILED-*.png"):
        old.unlink()


@pytest.fixture(scope="session")
def playwright_instance():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


class Guard:
    """What went wrong in one context's pages: CSP violations, console errors,
    uncaught exceptions and server errors. Every one fails the test."""

    def __init__(self):
        self.csp = []
        self.console = []
        self.page_errors = []
        self.server_errors = []
        self.allowed = []  # regexes for console errors a test expects

    def allow_console(self, pattern):
        """Expect console errors matching `pattern` (a regex) in this context."""
        self.allowed.append(re.compile(pattern))

    def watch(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("response", self._on_response)

    def _on_console(self, message):
        if message.type != "error":
            return
        text = message.text
        if any(pattern.search(text) for pattern in self.allowed):
            return
        self.console.append(f"{text} ({message.location.get('url', '')})")

    def _on_response(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.url}")

    def problems(self):
        found = []
        if self.csp:
            found.append(f"CSP violations: {self.csp}")
        if self.console:
            found.append(f"console errors: {self.console}")
        if self.page_errors:
            found.append(f"uncaught page errors: {self.page_errors}")
        if self.server_errors:
            found.append(f"server errors: {self.server_errors}")
        return found


class Contexts:
    """Makes browser contexts for one test and checks them all at the end."""

    def __init__(self, browser, base_url, test_name):
        self.browser = browser
        self.base_url = base_url
        self.test_name = test_name
        self.opened = []  # (context, guard)

    def __call__(self, base_url=None, **kw):
        """A new context with the CSP kept on and the guard watching it."""
        assert not kw.get("bypass_csp"), "only the axe tests may bypass the CSP"
        kw.setdefault("locale", "en-GB")
        context = self.browser.new_context(base_url=base_url or self.base_url, **kw)
        context.set_default_timeout(15_000)
        guard = Guard()
        context.expose_function(
            "__reportCspViolation", lambda violation: guard.csp.append(violation)
        )
        context.add_init_script(CSP_GUARD)
        context.on("page", guard.watch)
        context.guard = guard
        self.opened.append((context, guard))
        return context

    def page(self, base_url=None, **kw):
        """A page in a context of its own (a separate person or device)."""
        return self(base_url, **kw).new_page()

    def check_and_close(self, failed):
        problems = []
        for number, (context, guard) in enumerate(self.opened):
            for index, page in enumerate(context.pages):
                if failed:
                    shot(page, f"FAILED-{self.test_name}-{number}-{index}")
                try:
                    in_page = page.evaluate("window.__cspViolations || []")
                except Exception:  # the page is mid-navigation or closing
                    in_page = []
                for violation in in_page:
                    if violation not in guard.csp:
                        guard.csp.append(violation)
            problems += [f"context {number}: {p}" for p in guard.problems()]
            context.close()
        return problems


@pytest.fixture
def new_context(browser, site, request):
    """`new_context(**kw)` opens a browser context on the module's server; at
    the end of the test, any CSP violation, console error, uncaught error or
    5xx response in any of its pages fails the test."""
    contexts = Contexts(browser, site.url, _safe_name(request.node.name))
    yield contexts
    failed = bool(getattr(request.node, "_browser_failures", 0))
    problems = contexts.check_and_close(failed)
    if problems:
        pytest.fail("browser problems:\n" + "\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item._browser_failures = getattr(item, "_browser_failures", 0) + 1
        module = item.getparent(pytest.Module)
        module._browser_failures = getattr(module, "_browser_failures", 0) + 1
    return report


# -- helpers ------------------------------------------------------------------


def _safe_name(name):
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


def shot(page, name):
    """Save a full-page screenshot to test-artifacts/browser/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{_safe_name(name)}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception as error:  # a screenshot never hides the real failure
        print(f"screenshot {name} failed: {error}")
    return path


def sign_in(page, email=ADMIN_EMAIL, password=PASSWORD):
    """Sign in through the form, as a person would."""
    page.goto("/auth/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Workshops", level=1)).to_be_visible()


def join(
    page,
    code,
    name,
    role="Provider",
    organisation="",
    org_type="Private provider",
    named=False,
    quoted=False,
):
    """Join a workshop by its code through /join and the join form; returns
    the participant's rejoin code once their page says they are connected."""
    page.goto("/join")
    page.get_by_label("Join code", exact=True).fill(code)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your name as others will see it").fill(name)
    page.get_by_label("Which best describes you here?").select_option(label=role)
    if organisation:
        page.get_by_label("Organisation (optional)").fill(organisation)
    page.get_by_label("Type of organisation").select_option(label=org_type)
    if named:
        page.get_by_label("I agree to be named in the workshop's outputs").check()
    if quoted:
        page.get_by_label("I agree that my words may be quoted").check()
    page.get_by_role("button", name="Join the workshop").click()
    expect(page).to_have_url(re.compile(r"/w/[^/]+$"))
    expect(page.get_by_text(f"You are in, {name}.")).to_be_visible()
    wait_connected(page)
    return page.locator(".rejoin-code").inner_text().strip()


def wait_connected(page):
    expect(page.locator("#connection-status")).to_have_text(re.compile(r"^Connected\b"))


def open_console(page, workshop_id):
    """The facilitator's console, once its live connection is up."""
    page.goto(f"/workshops/{workshop_id}/")
    expect(page.locator("#connection-status")).to_have_text(re.compile(r"^Live\b"))


def presence_row(page, name):
    return page.locator("#presence li.participant").filter(
        has=page.locator(".name", has_text=re.compile(f"^{re.escape(name)}$"))
    )


def settle(page, predicate, timeout=5.0):
    """Poll `predicate()` while letting Playwright deliver events (a plain
    sleep would block them); True once it holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        page.wait_for_timeout(50)
    return bool(predicate())


def add_from_library(page, workshop_id, method, start=True):
    """Add `method` (its title in the library) to the agenda from the agenda
    page, and start it so everyone's screen follows it."""
    page.goto(f"/workshops/{workshop_id}/agenda")
    page.get_by_label("Method").select_option(label=method)
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text("Activity added.")).to_be_visible()
    if start:
        page.locator("li.agenda-item").last.get_by_role(
            "button", name="Start: everyone goes here"
        ).click()
        expect(page.get_by_text("Everyone now follows it.")).to_be_visible()


def record_frames(page):
    """Every Socket.IO frame the page receives, as text (to check on the raw
    payloads what reached this person)."""
    frames = []
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda frame: frames.append(str(frame))),
    )
    return frames
