"""The activity timer in a real browser: the facilitator starts, pauses,
extends and stops it on the console; a participant's phone, a participant
whose clock is an hour fast and the projector (opened by its link, no
participant record) all count down the same time, freeze on the same value
when paused, and show "Time is up" at zero, with a sound only where it was
turned on."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.models import Workshop
from tests.browser.conftest import (
    PHONE,
    join,
    open_console,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import seed_board

pytestmark = [pytest.mark.browser, pytest.mark.server]

BOARD = "What would make the forum work"

# This participant's clock runs an hour fast: only the server's time, as
# the events carry it, can make their countdown agree with everyone's.
FAST_CLOCK = """
(() => {
  const real = Date.now.bind(Date);
  Date.now = () => real() + 60 * 60 * 1000;
})();
"""

# Counts the notes the page plays (the sound cue), without hearing them.
COUNT_TONES = """
(() => {
  window.__tones = 0;
  const make = BaseAudioContext.prototype.createOscillator;
  BaseAudioContext.prototype.createOscillator = function () {
    window.__tones += 1;
    return make.call(this);
  };
})();
"""


def seed(team, admin):
    return {
        "forum": seed_on_board(team, "Timed provider forum"),
        "ending": seed_on_board(team, "Provider forum at time up"),
    }


def seed_on_board(team, title):
    """A workshop whose board everyone is on already."""
    workshop = seed_workshop(team, title)
    board = seed_board(workshop["id"], BOARD, {"ideas": "Ideas"})
    row = db.session.scalar(sa.select(Workshop).filter_by(public_id=workshop["id"]))
    row.current_activity_id = board.id
    db.session.commit()
    return workshop


def seconds(text):
    minutes, secs = text.split(":")
    return int(minutes) * 60 + int(secs)


def shown(page):
    return page.locator("#timer .timer-display")


def status(page):
    return page.locator("#timer .timer-status")


def announced(page):
    return page.locator("#timer .timer-announcer")


def open_projector(facilitator, new_context, site, workshop):
    """The projector screen, opened as a projector would be: by the link on
    the console's projector page, in a browser with no account."""
    facilitator.goto(f"/workshops/{workshop['id']}/show")
    link = facilitator.get_by_role("link", name=re.compile("live projector screen"))
    screen_url = link.get_attribute("href")
    open_console(facilitator, workshop["id"])
    screen = new_context(viewport={"width": 1280, "height": 800}).new_page()
    screen.goto(site.url + screen_url)
    expect(screen.locator("#connection-status")).to_have_text(re.compile(r"^Live"))
    return screen


def open_room(new_context, site, workshop):
    """The console, the projector, Ann on a phone and Faisal, whose clock
    runs an hour fast; both participants' pages count the tones played."""
    console = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(console)
    open_console(console, workshop["id"])
    screen = open_projector(console, new_context, site, workshop)
    ann_context = new_context(**PHONE)
    ann_context.add_init_script(COUNT_TONES)
    ann = ann_context.new_page()
    join(ann, workshop["code"], "Ann")
    fast_context = new_context()
    fast_context.add_init_script(FAST_CLOCK)
    fast_context.add_init_script(COUNT_TONES)
    fast = fast_context.new_page()
    join(fast, workshop["code"], "Faisal", role="Commissioner")
    return console, screen, ann, fast


def test_every_screen_counts_down_the_same_timer(new_context, site):
    workshop = site["forum"]
    console, screen, ann, fast = open_room(new_context, site, workshop)
    viewers = (ann, fast, screen)
    everyone = (console, *viewers)
    panel = console.locator("#timer")

    expect(panel.get_by_label("Activity")).to_have_value(re.compile(".+"))
    expect(status(console)).to_have_text("No timer for this activity.")
    for page in viewers:
        expect(page.locator("#timer .timer-box")).to_be_hidden()

    # Start: two minutes, on every screen, the fast clock's included.
    panel.get_by_label("Length (minutes, or minutes:seconds)").fill("2")
    panel.get_by_role("button", name="Start").click()
    for page in everyone:
        expect(status(page)).to_have_text("Counting down")
    values = [seconds(shown(page).inner_text()) for page in everyone]
    assert all(110 <= value <= 120 for value in values), values
    assert max(values) - min(values) <= 1, values
    expect(announced(ann)).to_have_text(re.compile(r"^Timer started: [12] min"))
    expect(panel.locator(".timer-by")).to_have_text("Last changed by Ada Admin")
    shot(console, "timer-console-running")
    shot(ann, "timer-participant-phone-running")

    # Pause, by keyboard: every screen freezes on one and the same value.
    panel.get_by_role("button", name="Pause").focus()
    console.keyboard.press("Enter")
    for page in everyone:
        expect(status(page)).to_have_text("Paused")
    frozen = shown(console).inner_text()
    for page in everyone:
        expect(shown(page)).to_have_text(frozen)
    console.wait_for_timeout(1500)
    for page in everyone:
        expect(shown(page)).to_have_text(frozen)
    expect(announced(fast)).to_have_text(re.compile(r"^Timer paused with"))
    expect(panel.get_by_role("button", name="Resume")).to_be_focused()

    # Add a minute while paused: still frozen, a minute more, everywhere.
    panel.get_by_role("button", name="Add 1 min").click()
    later = seconds(frozen) + 60
    for page in everyone:
        expect(shown(page)).to_have_text(f"{later // 60:02d}:{later % 60:02d}")
    expect(announced(screen)).to_have_text(re.compile(r"^Time added: "))

    # Resume, then stop: the countdown goes from every viewer's screen.
    panel.get_by_role("button", name="Resume").click()
    for page in everyone:
        expect(status(page)).to_have_text("Counting down")
    panel.get_by_role("button", name="Stop").focus()
    console.keyboard.press("Enter")
    for page in viewers:
        expect(page.locator("#timer .timer-box")).to_be_hidden()
    expect(announced(ann)).to_have_text("Timer stopped.")
    expect(panel.get_by_role("button", name="Pause")).to_be_disabled()
    # Its button gone dim, the keyboard lands on the length, not the page.
    expect(panel.get_by_label("Length (minutes, or minutes:seconds)")).to_be_focused()


def test_time_up_is_shown_said_once_and_sounded_where_chosen(new_context, site):
    workshop = site["ending"]
    console, screen, ann, fast = open_room(new_context, site, workshop)
    panel = console.locator("#timer")

    # A bad length is refused on the console, and nothing starts.
    panel.get_by_label("Length (minutes, or minutes:seconds)").fill("0:05")
    panel.get_by_role("button", name="Start").click()
    expect(panel.get_by_role("alert")).to_contain_text("from 10 seconds to 4 hours")
    expect(status(console)).to_have_text("No timer for this activity.")

    # Ann turns the sound on for her phone; it is remembered there.
    sound = "Play a sound when time is up (on this device)"
    panel.get_by_label("Length (minutes, or minutes:seconds)").fill("0:10")
    panel.get_by_label("Length (minutes, or minutes:seconds)").press("Enter")
    expect(ann.get_by_label(sound)).to_be_visible()
    ann.get_by_label(sound).check()
    for page in (console, ann, fast, screen):
        expect(shown(page)).to_have_text(re.compile(r"^00:(0\d|10)$"))

    for page in (console, ann, fast, screen):
        expect(status(page)).to_have_text("Time is up", timeout=20_000)
        expect(shown(page)).to_have_text("00:00")
        expect(page.locator("#timer")).to_have_attribute("data-state", "up")
    expect(announced(ann)).to_have_text("Time is up")
    expect(panel.get_by_role("button", name="Pause")).to_be_disabled()
    assert ann.evaluate("window.__tones") == 2  # two soft notes, once
    assert fast.evaluate("window.__tones") == 0  # never turned on there
    shot(console, "timer-console-time-up")
    shot(ann, "timer-participant-phone-time-up")
    shot(screen, "timer-projector-time-up")

    # Reaching zero changed nothing else: the timer is still there, and a
    # page opened now shows time up without saying or sounding it again.
    ann.reload()
    expect(status(ann)).to_have_text("Time is up")
    expect(ann.get_by_label(sound)).to_be_checked()
    ann.wait_for_timeout(500)
    assert ann.evaluate("window.__tones") == 0
    expect(announced(ann)).to_have_text("")

    # More time after the end counts on from now, on every screen.
    panel.get_by_role("button", name="Add 1 min").click()
    for page in (console, ann, fast, screen):
        expect(status(page)).to_have_text("Counting down")
        expect(shown(page)).to_have_text(re.compile(r"^(00:5\d|01:00)$"))
    shot(screen, "timer-projector-running")
    panel.get_by_role("button", name="Stop").click()
    expect(status(console)).to_have_text("No timer for this activity.")
