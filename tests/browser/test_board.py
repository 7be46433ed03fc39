"""Boards in a real browser: a facilitator adds a board and runs its phases
from the console; participants' notes, edits, moves (by button and by drag
and drop) and votes reach every screen live; a note written while the
connection is cut waits in the outbox and arrives exactly once; the board
works with the keyboard alone and on a 320 px screen (DESIGN.md, Front end
and Tests).

Every page keeps the app's CSP on; a violation, console error or server error
fails the test (see conftest.py).
"""

import re

import pytest
import sqlalchemy as sa
from fractional_indexing import generate_key_between
from playwright.sync_api import expect

from app.extensions import db
from app.models import Activity, Note, Workshop
from tests.browser.conftest import (
    join,
    open_console,
    seed_workshop,
    shot,
    sign_in,
    wait_connected,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]

# A cut connection makes Chromium report the failed socket and polling requests.
CUT_CONNECTION_ERRORS = r"WebSocket connection to .* failed|net::ERR_FAILED"


def seed(team, admin):
    drag = seed_workshop(team, "Drag board workshop")
    seed_board(
        drag["id"],
        "What helps and hinders",
        {"helps": "Helps", "hinders": "Hinders"},
        [
            Note(column="helps", text="Shared training", author_user_id=admin.id),
            Note(column="hinders", text="Short contracts", author_user_id=admin.id),
            Note(column="hinders", text="Late payments", author_user_id=admin.id),
        ],
    )
    return {
        "live": seed_workshop(team, "Live board workshop"),
        "offline": seed_workshop(team, "Offline board workshop"),
        "keyboard": seed_workshop(team, "Keyboard board workshop"),
        "drag": drag,
    }


def seed_board(workshop_id, title, columns, notes=(), phase="writing"):
    """A board with columns of the test's own (the console's "Add a board"
    makes a single "Ideas" column), written straight into the database before
    the server starts: `columns` maps keys to titles; `notes` (unsaved Note
    rows) go in their columns in list order."""
    workshop = db.session.scalar(sa.select(Workshop).filter_by(public_id=workshop_id))
    last = db.session.scalar(
        sa.select(sa.func.max(Activity.position)).filter_by(workshop_id=workshop.id)
    )
    activity = Activity(
        workshop_id=workshop.id,
        kind="board",
        title=title,
        position=generate_key_between(last, None),
        phase=phase,
        content={
            "columns": [{"key": key, "title": name} for key, name in columns.items()],
            "allow_private": True,
            # Entering these phases through apply() reveals private writing.
            "revealed": phase in ("voting", "discussion", "closed"),
        },
    )
    db.session.add(activity)
    db.session.flush()
    key = None
    for note in notes:
        key = generate_key_between(key, None)
        note.activity_id, note.order_key = activity.id, key
        db.session.add(note)
    db.session.commit()
    return activity


# -- helpers ------------------------------------------------------------------


def board(page, title):
    return page.locator("section.board").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def notes(page, title):
    return board(page, title).locator("li.note .note-text")


def note(page, title, text):
    return (
        board(page, title)
        .locator("li.note")
        .filter(
            has=page.locator(".note-text", has_text=re.compile(f"^{re.escape(text)}$"))
        )
    )


def note_button(page, title, text, name):
    return note(page, title, text).get_by_role("button", name=name, exact=True)


def expect_phase(page, title, phase):
    expect(board(page, title).locator(".board-phase")).to_have_text(f"Phase: {phase}")


def add_board(page, title):
    """Through the console's "Add a board" form."""
    page.get_by_label("Board title").fill(title)
    # The form posts and comes back to the console: wait for the new page,
    # as the old one may already show the board live.
    with page.expect_navigation():
        page.get_by_role("button", name="Add the board").click()
    expect(board(page, title)).to_be_visible()


def set_phase(page, title, phase):
    """Through the board's phase buttons on the console (an HTTP form)."""
    controls = page.get_by_role("group", name=f"Phase of {title}")
    controls.get_by_role("button", name=phase, exact=True).click()
    expect(page.get_by_text("Phase changed.")).to_be_visible()
    wait_live(page)
    expect(board(page, title).locator(".board-phase")).to_have_text(f"Phase: {phase}")


def wait_live(page):
    expect(page.locator("#connection-status")).to_have_text(re.compile(r"^Live\b"))


def add_note(page, title, text, column="Ideas"):
    section = board(page, title)
    section.get_by_label(f"New note for {column}").fill(text)
    section.get_by_role("button", name="Add note").click()


def facilitator_with_board(new_context, workshop, title):
    page = new_context().new_page()
    sign_in(page)
    open_console(page, workshop["id"])
    add_board(page, title)
    set_phase(page, title, "Writing")
    return page


def mark_document(page):
    page.evaluate("window.__sameDocument = true")


def assert_not_reloaded(page):
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded"


def expect_texts(pages, title, texts):
    for page in pages:
        expect(notes(page, title)).to_have_text(texts)


# -- tests --------------------------------------------------------------------


def test_notes_added_edited_moved_and_voted_reach_everyone_live(new_context, site):
    """A board added and opened from the console appears on participants'
    pages live; a participant's note, its edit, its move and a vote appear for
    the other participant and the facilitator without a reload."""
    workshop, title = site["live"], "Ideas for carers"
    facilitator = new_context().new_page()
    sign_in(facilitator)
    open_console(facilitator, workshop["id"])
    ann, bob = new_context().new_page(), new_context().new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    for page in (ann, bob):
        mark_document(page)
    # The board is added and opened while the participants are watching.
    add_board(facilitator, title)
    set_phase(facilitator, title, "Writing")
    for page in (ann, bob):
        expect_phase(page, title, "Writing")

    add_note(ann, title, "Bus passes for carers")
    expect_texts([ann, bob, facilitator], title, ["Bus passes for carers"])
    expect(note(bob, title, "Bus passes for carers")).to_contain_text("by Ann")

    mine = note(ann, title, "Bus passes for carers")
    mine.get_by_role("button", name="Edit").click()
    ann.get_by_label("Note text").fill("Free bus passes for carers")
    ann.get_by_role("button", name="Save").click()
    expect_texts([ann, bob, facilitator], title, ["Free bus passes for carers"])
    # Bob did not write it: he cannot edit it.
    expect(note_button(bob, title, "Free bus passes for carers", "Edit")).to_have_count(
        0
    )

    add_note(ann, title, "Respite at weekends")
    expect_texts([bob], title, ["Free bus passes for carers", "Respite at weekends"])
    note_button(ann, title, "Respite at weekends", "Move up").click()
    expected = ["Respite at weekends", "Free bus passes for carers"]
    expect_texts([ann, bob, facilitator], title, expected)
    shot(bob, "board-live-writing")

    set_phase(facilitator, title, "Voting")
    for page in (ann, bob):
        expect_phase(page, title, "Voting")
    expect(ann.get_by_label(re.compile("^New note"))).to_be_hidden()
    note_button(ann, title, "Respite at weekends", "Vote").click()
    for page in (ann, bob, facilitator):
        expect(note(page, title, "Respite at weekends")).to_contain_text("Votes: 1")
    taken = note_button(ann, title, "Respite at weekends", "Take back vote")
    expect(taken).to_have_attribute("aria-pressed", "true")
    untaken = note_button(bob, title, "Respite at weekends", "Vote")
    expect(untaken).to_have_attribute("aria-pressed", "false")
    for page in (ann, bob):
        assert_not_reloaded(page)
    shot(facilitator, "board-live-console")
    shot(ann, "board-live-voting")


def test_a_note_written_while_cut_off_arrives_exactly_once(new_context, site):
    """With the participant's connection cut, a new note shows as pending and
    is not sent; once the connection returns the outbox sends it, and every
    screen ends with that note exactly once."""
    workshop, title = site["offline"], "Offline ideas"
    facilitator = facilitator_with_board(new_context, workshop, title)
    other = new_context().new_page()
    join(other, workshop["code"], "Olu")

    context = new_context()
    context.guard.allow_console(CUT_CONNECTION_ERRORS)
    line = {"cut": False, "sockets": []}

    def websocket(ws):
        if line["cut"]:
            ws.close()
        else:
            ws.connect_to_server()
            line["sockets"].append(ws)

    def polling(route):
        if line["cut"]:
            route.abort()
        else:
            route.continue_()

    context.route_web_socket(re.compile(r"/socket\.io/"), websocket)
    context.route(re.compile(r"/socket\.io/"), polling)
    cy = context.new_page()
    join(cy, workshop["code"], "Cy")
    expect_phase(cy, title, "Writing")
    add_note(cy, title, "Written while connected")
    expect_texts([cy, other, facilitator], title, ["Written while connected"])

    line["cut"] = True
    for ws in line["sockets"]:
        ws.close()
    lost = "Connection lost. Reconnecting…"
    expect(cy.locator("#connection-status")).to_have_text(lost)
    add_note(cy, title, "Written while cut off")
    pending = note(cy, title, "Written while cut off")
    expect(pending).to_have_class(re.compile(r"\bpending\b"))
    expect(pending).to_contain_text("Saving…")
    shot(cy, "board-offline-pending")
    # Nothing leaves the page while the connection is down.
    facilitator.wait_for_timeout(1500)
    expect(notes(facilitator, title)).to_have_text(["Written while connected"])

    line["cut"] = False
    wait_connected(cy)
    expected = ["Written while connected", "Written while cut off"]
    expect_texts([cy, other, facilitator], title, expected)
    expect(note(cy, title, "Written while cut off")).not_to_have_class(
        re.compile(r"\bpending\b")
    )
    # And it stays once: no late duplicate from a retry.
    cy.wait_for_timeout(1500)
    for page in (cy, other, facilitator):
        assert notes(page, title).all_inner_texts() == expected
    shot(cy, "board-offline-reconnected")


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_adding_and_moving_notes_with_the_keyboard_alone(new_context, site):
    """A participant adds two notes and moves one, with only the keyboard; the
    moved note keeps focus on its button, and the page fits 320 px."""
    workshop, title = site["keyboard"], "Keyboard ideas"
    facilitator = facilitator_with_board(new_context, workshop, title)
    page = new_context(viewport={"width": 320, "height": 720}).new_page()
    join(page, workshop["code"], "Kay")
    expect_phase(page, title, "Writing")

    tab_to(page, "textarea[id^=add-]")
    page.keyboard.type("First by keyboard")
    page.keyboard.press("Tab")  # the private box
    page.keyboard.press("Tab")  # the Add note button
    page.keyboard.press("Enter")
    expect(notes(page, title)).to_have_text(["First by keyboard"])
    expect(page.locator("textarea[id^=add-]")).to_be_focused()
    page.keyboard.type("Second by keyboard")
    page.keyboard.press("Control+Enter")
    expect(notes(page, title)).to_have_text(["First by keyboard", "Second by keyboard"])

    page.locator("body").focus()
    second = note(page, title, "Second by keyboard")
    tab_to(page, "li.note:nth-child(2) button[data-focus$=':up']")
    page.keyboard.press("Enter")
    expected = ["Second by keyboard", "First by keyboard"]
    expect(notes(page, title)).to_have_text(expected)
    expect(notes(facilitator, title)).to_have_text(expected)
    expect(second.get_by_role("button", name="Move up")).to_be_focused()
    page.keyboard.press("Tab")
    expect(second.get_by_role("button", name="Move down")).to_be_focused()

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page is {width}px wide at 320px"
    shot(page, "board-keyboard-320")


def column_notes(page, title, column):
    region = page.get_by_role("region", name=f"{column} {title}", exact=True)
    return region.locator("li.note .note-text")


def start_drag(page, source, target, y=None):
    """Press on `source` and move, button held, over `target` (`y` px below
    its top; its middle if None): an HTML5 drag under way. Playwright's
    Chromium starts the drag on the first move (the one-step move of
    `drag_to` did not always start one) and sends dragover from the next."""
    source.hover()  # may scroll the page: measure the target after it
    page.mouse.down()
    box = target.bounding_box()
    x = box["x"] + box["width"] / 2
    y = box["y"] + (box["height"] / 2 if y is None else y)
    page.mouse.move(x, y, steps=5)
    page.mouse.move(x, y + 1)


def test_dragging_a_note_to_another_column_reaches_everyone_live(new_context, site):
    """Drag and drop, beside the move buttons: a participant drags a note
    into another column, before a note there; the indicator shows where it
    will land, and the other participant and the facilitator see it there
    without a reload. A note dropped on an empty column lands in it; a note
    being edited cannot be dragged."""
    workshop, title = site["drag"], "What helps and hinders"
    facilitator = new_context().new_page()
    sign_in(facilitator)
    open_console(facilitator, workshop["id"])
    ann, bob = new_context().new_page(), new_context().new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    pages = (ann, bob, facilitator)
    for page in pages:
        mark_document(page)
        expect(column_notes(page, title, "Helps")).to_have_text(["Shared training"])

    moving = note(ann, title, "Shared training")
    expect(moving).to_have_attribute("draggable", "true")
    target = note(ann, title, "Late payments")
    # Just inside its top: before "Late payments", not after it.
    start_drag(ann, moving, target, y=4)
    expect(target).to_have_class(re.compile(r"\bdrop-before\b"))
    shot(ann, "board-drag-in-progress")
    ann.mouse.up()

    expected = ["Short contracts", "Shared training", "Late payments"]
    for page in pages:
        expect(column_notes(page, title, "Hinders")).to_have_text(expected)
        expect(column_notes(page, title, "Helps")).to_have_count(0)
        assert_not_reloaded(page)
    expect(ann.locator(".drop-target, .drop-before, .drop-at-end")).to_have_count(0)
    shot(bob, "board-drag-dropped")

    # Into an empty column, by the other participant: it lands at the end.
    helps = bob.get_by_role("region", name=f"Helps {title}", exact=True)
    start_drag(bob, note(bob, title, "Late payments"), helps)
    expect(helps.locator(".notes")).to_have_class(re.compile(r"\bdrop-at-end\b"))
    bob.mouse.up()
    for page in pages:
        expect(column_notes(page, title, "Helps")).to_have_text(["Late payments"])

    note_button(facilitator, title, "Short contracts", "Edit").click()
    expect(note(facilitator, title, "Short contracts")).not_to_have_attribute(
        "draggable", "true"
    )
