"""Accessibility in a real browser: axe-core finds no violations on any page
the app has, in English and in Welsh, and a participant can join with the
keyboard alone (DESIGN.md, Front end and Tests).

axe is injected as a script tag, which the app's CSP rightly forbids, so the
axe pages run in contexts of their own with `bypass_csp=True`; nothing else
does. The keyboard test keeps the CSP on, like every other browser test.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Group, Note
from app.models.types import utcnow
from tests import builders
from tests.browser.conftest import (
    AXE_JS,
    REVIEWER_EMAIL,
    close_workshop,
    issue_link,
    join,
    open_console,
    seed_workshop,
    shot,
    sign_in,
    wait_connected,
)
from tests.browser.test_board import note, seed_board

pytestmark = [pytest.mark.browser, pytest.mark.server]


def seed(team, admin):
    from app.extensions import db
    from app.models import User

    live = seed_workshop(team, "Contracting for personalised outcomes")
    live_row = _workshop_row(live["id"])
    builders.make_participant(
        live_row,
        display_name="Priya",
        role="commissioner",
        organisation="Northshire Council",
        consent_named=True,
    )
    builders.make_participant(live_row, display_name="Tom", role="provider")
    closed = seed_workshop(team, "Last year's provider forum")
    close_workshop(closed["id"])
    reviewer = db.session.scalar(db.select(User).filter_by(email=REVIEWER_EMAIL))
    return {
        "boards": seed_boards_workshop(team, admin),
        "live": live,
        "closed": closed,
        "form": seed_workshop(team, "Provider forum, spring"),
        "removal": seed_workshop(team, "Pathway co-design"),
        "keyboard": seed_workshop(team, "Commissioning self-assessment"),
        "invite_token": issue_link("invite", team, role="facilitator"),
        "reset_token": issue_link("reset", team, user_id=reviewer.id),
    }


def seed_boards_workshop(team, admin):
    """A workshop with a board being written, a board being voted on (with a
    note the facilitator hid) and two breakout groups with people in them.
    Both boards have an "Ideas" column, as every board added from the console
    does: their columns' landmarks must still be told apart."""
    boards = seed_workshop(team, "Reflecting on our commissioning")
    seed_board(
        boards["id"],
        "Where we are now",
        {"ideas": "Ideas", "ways": "Ways forward"},
        [Note(column="ideas", text="Short contracts", author_user_id=admin.id)],
    )
    hidden = Note(column="ideas", text="Off-topic remark", author_user_id=admin.id)
    hidden.hidden_at, hidden.hidden_by_id = utcnow(), admin.id
    seed_board(
        boards["id"],
        "What to do first",
        {"ideas": "Ideas"},
        [
            Note(column="ideas", text="Pay for travel time", author_user_id=admin.id),
            Note(column="ideas", text="Shared training", author_user_id=admin.id),
            hidden,
        ],
        phase="voting",
    )
    row = _workshop_row(boards["id"])
    for group_name, person in (("Table A", "Priya"), ("Table B", "Tom")):
        group = Group(workshop_id=row.id, name=group_name)
        db.session.add(group)
        db.session.flush()
        builders.make_participant(row, display_name=person, group_id=group.id)
    return boards


def _workshop_row(public_id):
    from app.extensions import db
    from app.models import Workshop

    return db.session.scalar(db.select(Workshop).filter_by(public_id=public_id))


# -- axe ---------------------------------------------------------------------


def axe_violations(page):
    """Run axe-core (WCAG 2 A/AA and best practices: its defaults) on the page."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async () => {
          const results = await axe.run(document, { resultTypes: ["violations"] });
          return results.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({
              target: n.target, html: n.html.slice(0, 160),
            })),
          }));
        }"""
    )


def assert_no_violations(page, name):
    shot(page, f"a11y-{name}")
    violations = axe_violations(page)
    assert violations == [], f"axe violations on {name} ({page.url}):\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {json.dumps(n['target'])} {n['html']}" for n in v["nodes"])
        for v in violations
    )


@pytest.fixture(scope="module")
def axe_context(browser, site):
    """Make contexts for axe only: the one place the CSP is bypassed."""
    made = []

    def make(base_url=site.url, **kw):
        context = browser.new_context(
            base_url=base_url, bypass_csp=True, locale="en-GB", **kw
        )
        context.set_default_timeout(15_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture(scope="module")
def anon(axe_context):
    """A visitor with no account (pages reused across the module's tests)."""
    return axe_context().new_page()


@pytest.fixture(scope="module")
def admin(axe_context):
    """The team's admin facilitator, signed in through the form."""
    page = axe_context().new_page()
    sign_in(page)
    return page


@pytest.fixture(scope="module")
def participant(axe_context, site):
    """A participant of the live workshop whose page stays open (online)."""
    page = axe_context().new_page()
    join(
        page,
        site["live"]["code"],
        "Gwen",
        role="Person with lived experience",
        org_type="Community or user-led group",
        named=True,
        quoted=True,
    )
    return page


def test_axe_really_runs_and_reports(anon):
    """axe is loaded and would report a real fault (an image with no text
    alternative), so "no violations" below means something."""
    anon.goto("/")
    anon.evaluate(
        """() => {
          const img = document.createElement("img");
          img.src = "/static/favicon.svg";
          img.id = "planted";
          document.querySelector("main").append(img);
        }"""
    )
    violations = axe_violations(anon)
    assert [v["id"] for v in violations] == ["image-alt"], violations
    assert violations[0]["nodes"][0]["target"] == ["#planted"]


# -- pages for people without an account -------------------------------------


@pytest.mark.parametrize(
    "name, path",
    [
        ("home", "/"),
        ("sign-in", "/auth/login"),
        ("join-enter-code", "/join"),
        ("rejoin", "/rejoin"),
        ("not-found-404", "/no-such-page"),
        ("link-not-valid", "/auth/invite/not-a-real-token"),
    ],
)
def test_public_page_has_no_axe_violations(anon, name, path):
    """Each page anyone can open passes axe with no violations."""
    anon.goto(path)
    assert_no_violations(anon, name)


def test_join_form_has_no_axe_violations(anon, site):
    """The join form (name, role, organisation, type, consents, privacy
    notice) passes axe."""
    anon.goto(f"/join/{site['form']['code']}")
    expect(anon.get_by_role("heading", name="Provider forum, spring")).to_be_visible()
    assert_no_violations(anon, "join-form")


def test_join_form_with_errors_has_no_axe_violations(anon, site):
    """The join form sent empty shows its errors tied to the fields, and still
    passes axe."""
    anon.goto(f"/join/{site['form']['code']}")
    anon.get_by_role("button", name="Join the workshop").click()
    expect(anon.get_by_role("alert")).to_contain_text("Please correct")
    expect(anon.get_by_label("Your name as others will see it")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_no_violations(anon, "join-form-errors")


def test_enter_code_with_a_wrong_code_has_no_axe_violations(anon):
    """A join code that matches nothing is explained next to the field, and
    the page passes axe."""
    anon.goto("/join")
    anon.get_by_label("Join code", exact=True).fill("AAAA-AAAA-AA")
    anon.get_by_role("button", name="Continue").click()
    expect(anon.get_by_text("No workshop has this code.")).to_be_visible()
    assert_no_violations(anon, "join-enter-code-errors")


def test_closed_workshop_page_has_no_axe_violations(anon, site):
    """The page for a closed workshop's join link passes axe."""
    response = anon.goto(f"/join/{site['closed']['code']}")
    assert response.status == 410
    expect(anon.get_by_role("heading", level=1)).to_contain_text("is closed")
    assert_no_violations(anon, "join-closed")


def test_invite_page_has_no_axe_violations(anon, site):
    """The page that accepts a team invitation passes axe."""
    anon.goto(f"/auth/invite/{site['invite_token']}")
    expect(anon.get_by_label("Your name")).to_be_visible()
    assert_no_violations(anon, "invite-accept")


def test_reset_page_has_no_axe_violations(anon, site):
    """The page that sets a new password from a reset link passes axe."""
    anon.goto(f"/auth/reset/{site['reset_token']}")
    expect(anon.get_by_role("heading", name="Set a new password")).to_be_visible()
    assert_no_violations(anon, "reset-password")


def test_participant_page_has_no_axe_violations(participant):
    """The participant's own page (connected, with the rejoin code) passes axe."""
    wait_connected(participant)
    assert_no_violations(participant, "participant")


@pytest.fixture(scope="module")
def board_participant(axe_context, site):
    """A participant of the boards workshop who wrote a private note on the
    board being written and voted on the board being voted on."""
    page = axe_context().new_page()
    join(page, site["boards"]["code"], "Nia")
    ideas = page.get_by_role("region", name="Ideas Where we are now")
    ideas.get_by_label("New note for Ideas").fill("Only I see this yet")
    ideas.get_by_label(re.compile("^Private")).check()
    ideas.get_by_role("button", name="Add note").click()
    expect(note(page, "Where we are now", "Only I see this yet")).to_contain_text(
        "Private"
    )
    voted = note(page, "What to do first", "Pay for travel time")
    voted.get_by_role("button", name="Vote").click()
    expect(voted).to_contain_text("Votes: 1")
    return page


def test_participant_boards_have_no_axe_violations(board_participant):
    """A participant's live boards (a board being written with their private
    note, a board being voted on with their vote) pass axe."""
    expect(
        board_participant.get_by_role("button", name="Take back vote")
    ).to_be_visible()
    assert_no_violations(board_participant, "participant-boards")


def test_removed_page_has_no_axe_violations(axe_context, admin, site):
    """What a removed participant sees, live and after a reload, passes axe."""
    page = axe_context().new_page()
    join(page, site["removal"]["code"], "Owain")
    open_console(admin, site["removal"]["id"])
    admin.get_by_role("button", name="Remove Owain").click()
    expect(admin.get_by_text("Owain has been removed.")).to_be_visible()
    expect(page.locator("#connection-status")).to_have_text(
        "The facilitator removed you from this workshop."
    )
    assert_no_violations(page, "participant-told-removed")
    response = page.reload()
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You were removed from this workshop"
    )
    assert_no_violations(page, "removed")


def test_welsh_interface_has_no_axe_violations(axe_context, site):
    """Choosing Cymraeg with the language chooser gives a Welsh page (lang=cy)
    that passes axe, on a form page and on the home page."""
    page = axe_context().new_page()
    page.goto(f"/join/{site['form']['code']}")
    page.get_by_label("Language").select_option("cy")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page).to_have_url(re.compile(f"/join/{re.escape(site['form']['code'])}$"))
    assert_no_violations(page, "welsh-join-form")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert_no_violations(page, "welsh-home")


def test_setup_page_has_no_axe_violations(axe_context, empty_site):
    """On an empty install the first-run setup page passes axe, blank and with
    its errors shown."""
    page = axe_context(base_url=empty_site.url).new_page()
    page.goto("/auth/login")
    expect(page).to_have_url(re.compile(r"/auth/setup$"))
    assert_no_violations(page, "setup")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct")
    assert_no_violations(page, "setup-errors")


# -- pages for the team --------------------------------------------------------


@pytest.mark.parametrize(
    "name, path",
    [
        ("workshops", "/workshops/"),
        ("new-workshop", "/workshops/new"),
        ("team", "/team/"),
        ("change-password", "/auth/password"),
    ],
)
def test_team_page_has_no_axe_violations(admin, name, path):
    """Each signed-in page passes axe (as the admin, who sees every control)."""
    admin.goto(path)
    assert_no_violations(admin, name)


def test_new_workshop_with_errors_has_no_axe_violations(admin):
    """The new-workshop form sent empty shows its errors, and passes axe."""
    admin.goto("/workshops/new")
    admin.get_by_role("button", name="Save workshop").click()
    expect(admin.get_by_role("alert")).to_contain_text("Please correct")
    assert_no_violations(admin, "new-workshop-errors")


@pytest.mark.parametrize(
    "name, suffix", [("projector", "show"), ("edit", "edit"), ("delete", "delete")]
)
def test_workshop_page_has_no_axe_violations(admin, site, name, suffix):
    """The projector view and the edit and delete pages pass axe."""
    admin.goto(f"/workshops/{site['live']['id']}/{suffix}")
    assert_no_violations(admin, name)


def test_console_with_participants_has_no_axe_violations(admin, participant, site):
    """The facilitator's console, live, with people online and offline in the
    presence list, passes axe."""
    wait_connected(participant)
    open_console(admin, site["live"]["id"])
    expect(admin.locator("#presence li.participant")).to_have_count(3)
    expect(admin.locator("#presence li.participant.online")).to_have_count(1)
    assert_no_violations(admin, "console")


def test_console_with_boards_and_groups_has_no_axe_violations(
    admin, board_participant, site
):
    """The console with a board being voted on (a hidden note included) and
    breakout groups with people in them (the groups panel and its table)
    passes axe."""
    open_console(admin, site["boards"]["id"])
    expect(note(admin, "What to do first", "Pay for travel time")).to_contain_text(
        "Votes: 1"
    )
    expect(note(admin, "What to do first", "Off-topic remark")).to_contain_text(
        "Hidden from participants"
    )
    expect(admin.locator(".group-members li")).to_have_count(2)
    expect(admin.get_by_role("table", name="Who is in which group")).to_be_visible()
    assert_no_violations(admin, "console-boards-groups")


def test_projector_screen_has_no_axe_violations(
    axe_context, admin, board_participant, site
):
    """The projector screen, live, showing both boards and a vote, passes axe."""
    admin.goto(f"/workshops/{site['boards']['id']}/show")
    link = admin.get_by_role("link", name=re.compile("live projector screen"))
    screen = axe_context().new_page()
    screen.goto(link.get_attribute("href"))
    expect(screen.locator("#connection-status")).to_have_text(re.compile(r"^Live"))
    expect(note(screen, "What to do first", "Pay for travel time")).to_contain_text(
        "Votes: 1"
    )
    assert_no_violations(screen, "projector-screen")


def test_team_page_with_a_new_invite_link_has_no_axe_violations(admin):
    """The team page showing a freshly made one-time invitation link passes axe."""
    admin.goto("/team/")
    admin.get_by_role("button", name="Create invitation link").click()
    expect(admin.get_by_label("Link", exact=True)).to_have_value(
        re.compile(r"/auth/invite/")
    )
    assert_no_violations(admin, "team-invite-link")


# -- keyboard only (CSP on) ---------------------------------------------------


def focused(page):
    """The focused element: its tag, name and whether focus is shown."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const label = el.labels && el.labels[0] ? el.labels[0].innerText : "";
          return {
            tag: el.tagName.toLowerCase(), id: el.id,
            name: (el.getAttribute("aria-label") || label || el.innerText
                   || el.value || "").trim(),
            visible: el.matches(":focus-visible")
              && getComputedStyle(el).outlineStyle !== "none",
          };
        }"""
    )


def tab_to(page, name, limit=25):
    """Press Tab until the element named `name` has focus (and shows it)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        seen.append(now["name"] or now["tag"])
        if now["name"] == name:
            assert now["visible"], f"focus on {name!r} is not visible"
            return now
    raise AssertionError(f"Tab never reached {name!r}; went through {seen}")


def test_a_participant_can_join_with_the_keyboard_alone(new_context, site):
    """From the home page to the workshop, joining needs only Tab, typing,
    Space and Enter, and focus is always visible: the skip link, the code,
    the join form's fields, selects and consents, and its button."""
    code = site["keyboard"]["code"]
    page = new_context().new_page()
    page.goto("/")

    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["name"] == "Skip to content" and skip["visible"], skip
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    tab_to(page, "Join a workshop")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/join$"))
    assert focused(page)["id"] == "code", "the code field should have focus"
    page.keyboard.type(code.lower())
    page.keyboard.press("Enter")

    expect(
        page.get_by_role("heading", name="Commissioning self-assessment")
    ).to_be_visible()
    assert focused(page)["id"] == "display_name", "the name field should have focus"
    page.keyboard.type("Kim")
    tab_to(page, "Which best describes you here?")
    page.keyboard.type("Provider")
    tab_to(page, "Organisation (optional)")
    page.keyboard.type("Valley Homecare")
    tab_to(page, "Type of organisation")
    page.keyboard.type("Voluntary")
    tab_to(page, "I agree to be named in the workshop's outputs")
    page.keyboard.press("Space")
    expect(page.get_by_label("Which best describes you here?")).to_have_value(
        "provider"
    )
    expect(page.get_by_label("Type of organisation")).to_have_value(
        "voluntary_provider"
    )
    expect(
        page.get_by_label("I agree to be named in the workshop's outputs")
    ).to_be_checked()
    expect(page.get_by_label("I agree that my words may be quoted")).not_to_be_checked()
    shot(page, "keyboard-01-join-form-filled")
    tab_to(page, "Join the workshop")
    page.keyboard.press("Enter")

    expect(page.get_by_text("You are in, Kim.")).to_be_visible()
    wait_connected(page)
    shot(page, "keyboard-02-joined")
