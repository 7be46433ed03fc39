"""A board's grouping and dot voting in a real browser: the facilitator sets
the board's options, two participants write (one privately), the
facilitator moves to grouping (the private note is revealed), makes themes
and groups the notes under them (rename, merge and split from the
keyboard-operable controls); voting with a budget of 2, the over-budget dot
refused on the participant's screen; the counts hidden from participants
and the projector (not even in their socket frames) until discussion, which
shows the results ranked on every screen, the projector's included.

Every page keeps the app's CSP on; a violation, console error or server error
fails the test (see conftest.py).
"""

import re

import pytest
from fractional_indexing import generate_key_between
from playwright.sync_api import expect

from app.extensions import db
from app.models import Note, Theme, Vote, Workshop
from tests import builders
from tests.browser.conftest import (
    PHONE,
    join,
    open_console,
    record_frames,
    seed_workshop,
    shot,
    sign_in,
)

# The axe pages' own contexts (the one place the CSP is bypassed) and check.
from tests.browser.test_accessibility import (  # noqa: F401
    assert_no_violations,
    axe_context,
)
from tests.browser.test_board import (
    add_board,
    add_note,
    board,
    expect_phase,
    note,
    note_button,
    seed_board,
    set_phase,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "Supporting unpaid carers"
BUS, RESPITE, CAFE, SECRET = (
    "Bus passes for carers",
    "Respite at weekends",
    "A carers' café",
    "Pay carers' travel time",
)


def seed(team, admin):
    return {
        "workshop": seed_workshop(team, "Carers forum"),
        "axe": seed_grouped_and_voted(team, admin),
    }


def seed_grouped_and_voted(team, admin):
    """A board being grouped (a theme with a note, an empty one) and a board
    in discussion whose notes have dots, for axe."""
    workshop = seed_workshop(team, "Grouped and voted")
    grouped = seed_board(
        workshop["id"],
        "Being grouped",
        {"ideas": "Ideas"},
        [
            Note(column="ideas", text="Travel", author_user_id=admin.id),
            Note(column="ideas", text="Training", author_user_id=admin.id),
        ],
        phase="grouping",
    )
    getting_there, _empty = add_themes(grouped, "Getting there", "Learning together")
    travel = db.session.scalar(db.select(Note).filter_by(text="Travel"))
    travel.theme_id = getting_there.id
    ranked = seed_board(
        workshop["id"],
        "Ranked",
        {"ideas": "Ideas"},
        [
            Note(column="ideas", text="Fewer dots", author_user_id=admin.id),
            Note(column="ideas", text="Most dots", author_user_id=admin.id),
        ],
        phase="discussion",
    )
    ranked.content = {**ranked.content, "options": {"budget": 3, "per_note": 2}}
    row = db.session.get(Workshop, ranked.workshop_id)
    voter = builders.make_participant(row, display_name="Seeded voter")
    for text, count in (("Fewer dots", 1), ("Most dots", 2)):
        voted = db.session.scalar(db.select(Note).filter_by(text=text))
        db.session.add(Vote(note_id=voted.id, participant_id=voter.id, count=count))
    db.session.commit()
    return workshop


def add_themes(activity, *names):
    """Themes of `activity`, in this order."""
    key, themes = None, []
    for name in names:
        key = generate_key_between(key, None)
        themes.append(Theme(activity_id=activity.id, name=name, order_key=key))
    db.session.add_all(themes)
    db.session.flush()
    return themes


# -- helpers ------------------------------------------------------------------


def theme(page, name):
    return (
        board(page, TITLE)
        .locator("li.theme")
        .filter(has=page.get_by_role("heading", name=name, exact=True))
    )


def theme_notes(page, name):
    return theme(page, name).locator("li.note .note-text")


def theme_names(page):
    return board(page, TITLE).locator("li.theme .theme-name")


def new_theme(page, name):
    section = board(page, TITLE)
    section.get_by_label("New theme").fill(name)
    section.get_by_role("button", name="Add theme").click()
    expect(theme(page, name)).to_be_visible()


def put_under(page, text, theme_name):
    """With the note's own Theme choice and its Set theme button."""
    item = note(page, TITLE, text)
    item.get_by_label("Theme", exact=True).select_option(label=theme_name)
    item.get_by_role("button", name="Set theme").click()
    expect(theme_notes(page, theme_name)).to_contain_text([text])


def theme_tools(page, name):
    tools = theme(page, name).locator("details.theme-tools")
    if tools.get_attribute("open") is None:
        tools.locator("summary").click()
    return tools


def results(page):
    return board(page, TITLE).locator(".results-list .result-text")


def votes_in(frames):
    return [frame for frame in frames if '"votes":' in frame]


def save_settings(page, budget, hide_votes):
    section = board(page, TITLE)
    section.get_by_text("Grouping and voting settings").click()
    section.get_by_label("Dots for each person (1 to 20)").fill(str(budget))
    hide = section.get_by_label("Hide the counts until voting closes")
    hide.set_checked(hide_votes)
    section.get_by_role("button", name="Save settings").click()


# -- the test -------------------------------------------------------------------


def test_grouping_themes_and_hidden_dot_voting_with_ranked_results(new_context, site):
    workshop = site["workshop"]
    fac = new_context().new_page()
    sign_in(fac)
    open_console(fac, workshop["id"])
    add_board(fac, TITLE)
    save_settings(fac, budget=2, hide_votes=True)
    set_phase(fac, TITLE, "Writing")
    fac.goto(fac.url.split("?")[0] + "show")
    screen_url = fac.get_by_role(
        "link", name=re.compile("live projector screen")
    ).get_attribute("href")
    open_console(fac, workshop["id"])

    screen = new_context().new_page()  # the projector: no account, no record
    screen_frames = record_frames(screen)
    screen.goto(site.url + screen_url)
    ann = new_context().new_page()
    bob = new_context(**PHONE).new_page()
    bob_frames = record_frames(bob)
    cy = new_context().new_page()  # a third participant, who reads along
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    join(cy, workshop["code"], "Cy", role="Person with lived experience")
    for page in (ann, bob, cy, screen):
        expect_phase(page, TITLE, "Writing")

    # Writing: each phase says what it allows.
    expect(board(bob, TITLE).locator(".phase-hint")).to_have_text(
        "Writing: add notes. You can edit, move or delete your own."
    )
    add_note(ann, TITLE, BUS)
    add_note(bob, TITLE, RESPITE)
    add_note(ann, TITLE, CAFE)
    board(ann, TITLE).get_by_label(
        "Private: only I can see it until the board is revealed"
    ).check()
    add_note(ann, TITLE, SECRET)
    expect(note(ann, TITLE, SECRET)).to_contain_text("Private")
    expect(note(bob, TITLE, RESPITE)).to_be_visible()
    expect(note(bob, TITLE, SECRET)).to_have_count(0)
    for page in (cy, screen):  # nobody else, the projector included
        expect(note(page, TITLE, RESPITE)).to_be_visible()
        expect(note(page, TITLE, SECRET)).to_have_count(0)
    assert SECRET not in "\n".join(screen_frames)  # not even in its frames

    # Grouping: the private note is revealed; no new notes; only the
    # facilitator groups (the board's setting), from the note's own choice.
    set_phase(fac, TITLE, "Grouping")
    for page in (ann, bob, cy, screen):
        expect_phase(page, TITLE, "Grouping")
    for page in (bob, cy, screen):
        expect(note(page, TITLE, SECRET)).to_be_visible()
    expect(bob.get_by_label(re.compile("^New note"))).to_be_hidden()
    expect(board(bob, TITLE).locator(".board-rules")).to_have_text(
        "The facilitator gathers the notes under themes."
    )
    expect(board(bob, TITLE).get_by_role("button", name="Set theme")).to_have_count(0)
    for name in ("Transport", "Support", "Breaks"):
        new_theme(fac, name)
    put_under(fac, BUS, "Transport")
    put_under(fac, RESPITE, "Breaks")
    put_under(fac, CAFE, "Support")
    # By keyboard alone: the choice, then its button; focus follows the note.
    note(fac, TITLE, SECRET).get_by_label("Theme", exact=True).focus()
    fac.keyboard.press("ArrowDown")  # from "No theme" to the first, Transport
    fac.keyboard.press("Tab")
    fac.keyboard.press("Enter")
    expect(theme_notes(fac, "Transport")).to_have_text([BUS, SECRET])
    expect(
        note(fac, TITLE, SECRET).get_by_role("button", name="Set theme")
    ).to_be_focused()
    # Everyone sees the notes clustered under the theme headings, live.
    expect(theme_notes(ann, "Transport")).to_have_text([BUS, SECRET])
    expect(theme_notes(screen, "Breaks")).to_have_text([RESPITE])
    expect(ann.locator(".board-announcer")).to_have_text(
        f"“{SECRET}” is now under the theme Transport"
    )

    # Merge Breaks into Support, split the café off, rename Support.
    tools = theme_tools(fac, "Breaks")
    tools.get_by_label("Merge into").select_option(label="Support")
    tools.get_by_role("button", name="Merge").click()
    expect(theme_names(bob)).to_have_text(["Transport", "Support"])
    expect(theme_notes(bob, "Support")).to_have_text([RESPITE, CAFE])
    tools = theme_tools(fac, "Support")
    tools.get_by_label(CAFE).check()
    tools.get_by_label("Name of the new theme").fill("Community")
    tools.get_by_role("button", name="Split off").click()
    expect(theme_names(ann)).to_have_text(["Transport", "Support", "Community"])
    tools = theme_tools(fac, "Support")
    tools.get_by_label("New name").fill("Time off for carers")
    tools.get_by_role("button", name="Rename").click()
    for page in (ann, bob, screen):
        expect(theme_names(page)).to_have_text(
            ["Transport", "Time off for carers", "Community"]
        )
        expect(theme_notes(page, "Community")).to_have_text([CAFE])
    expect(theme(screen, "Transport")).to_have_attribute(
        "data-spot", re.compile(r"^theme:")
    )
    shot(fac, "grouping-console-laptop")
    shot(bob, "grouping-participant-phone")

    # Voting: 2 dots each, counts hidden from the room.
    set_phase(fac, TITLE, "Voting")
    for page in (ann, bob, screen):
        expect_phase(page, TITLE, "Voting")
    expect(board(ann, TITLE).locator(".board-rules")).to_have_text(
        "Dot voting: 2 dots each, at most 1 on one note. "
        "Votes are hidden until voting closes."
    )
    dots_left = board(ann, TITLE).locator(".dots-left")
    expect(dots_left).to_have_text("You have 2 of 2 dots left.")
    note_button(ann, TITLE, RESPITE, "Vote").click()
    note_button(ann, TITLE, BUS, "Vote").click()
    expect(dots_left).to_have_text("You have 0 of 2 dots left.")
    expect(note_button(ann, TITLE, BUS, "Take back vote")).to_have_attribute(
        "aria-pressed", "true"
    )
    note_button(ann, TITLE, CAFE, "Vote").click()
    expect(ann.locator(".board-message")).to_have_text(
        "You have used all 2 of your dots."
    )
    expect(note_button(ann, TITLE, CAFE, "Vote")).to_have_attribute(
        "aria-pressed", "false"
    )
    note_button(bob, TITLE, RESPITE, "Vote").click()
    note_button(bob, TITLE, CAFE, "Vote").click()
    expect(board(bob, TITLE).locator(".dots-left")).to_have_text(
        "You have 0 of 2 dots left."
    )
    # The facilitator sees the counts; participants and the projector do not.
    expect(note(fac, TITLE, RESPITE).locator(".note-votes")).to_have_text("Votes: 2")
    expect(note(fac, TITLE, CAFE).locator(".note-votes")).to_have_text("Votes: 1")
    for page in (ann, bob, screen):
        expect(board(page, TITLE).locator(".note-votes")).to_have_count(0)
    assert votes_in(bob_frames) == []
    assert votes_in(screen_frames) == []
    shot(ann, "voting-over-budget-laptop")
    shot(bob, "voting-participant-phone")

    # Discussion: the counts come to every screen, ranked; ties (one dot
    # each) keep the board's order: the bus passes were written first.
    set_phase(fac, TITLE, "Discussion")
    ranking = [RESPITE, BUS, CAFE]
    for page in (ann, bob, screen, fac):
        expect(results(page)).to_have_text(ranking)
    expect(board(screen, TITLE).locator(".results-list .result").first).to_contain_text(
        "Dots: 2"
    )
    expect(note(bob, TITLE, RESPITE).locator(".note-votes")).to_have_text("Votes: 2")
    assert votes_in(bob_frames) and votes_in(screen_frames)
    shot(screen, "discussion-projector-laptop")
    shot(bob, "discussion-participant-phone")
    shot(fac, "discussion-console-laptop")
    width = bob.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the phone page is {width}px wide"


def test_grouping_and_results_pass_axe(axe_context, site):  # noqa: F811
    """A board being grouped (theme tools open) and a board's ranked results
    pass axe on the console, a participant's page and the projector."""
    workshop = site["axe"]
    fac = axe_context().new_page()
    sign_in(fac)
    open_console(fac, workshop["id"])
    grouped = board(fac, "Being grouped")
    expect(grouped.locator("li.theme")).to_have_count(2)
    grouped.locator("details.theme-tools").first.locator("summary").click()
    grouped.get_by_text("Grouping and voting settings").click()
    expect(board(fac, "Ranked").locator(".results-list .result-text")).to_have_text(
        ["Most dots", "Fewer dots"]
    )
    assert_no_violations(fac, "grouping-results-console")

    ann = axe_context(**PHONE).new_page()
    join(ann, workshop["code"], "Ann")
    expect(board(ann, "Being grouped").locator("li.theme")).to_have_count(2)
    expect(board(ann, "Ranked").locator(".results-list .result")).to_have_count(2)
    assert_no_violations(ann, "grouping-results-participant-phone")

    fac.goto(f"/workshops/{workshop['id']}/show")
    link = fac.get_by_role("link", name=re.compile("live projector screen"))
    screen = axe_context().new_page()
    screen.goto(link.get_attribute("href"))
    expect(board(screen, "Ranked").locator(".results-list .result")).to_have_count(2)
    assert_no_violations(screen, "grouping-results-projector")
