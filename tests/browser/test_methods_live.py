"""Every other built-in method, live in a real browser with a facilitator and
two participants: the IPC behaviours, the Welsh standards and the LGA lists
(checklists with their own scales: scored privately, then revealed as
counts), and the CCPS reflection questions (a board with one prompted column
per practice). The CCPS checklist, spectrum, pathway and People's Borough
have browser tests of their own."""

import pytest
from playwright.sync_api import expect

from app.methods.library import get_builtin
from tests.browser.conftest import (
    add_from_library,
    join,
    open_console,
    record_frames,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import board, expect_phase, notes, set_phase

pytestmark = [pytest.mark.browser, pytest.mark.server]

CHECKLISTS = ["ipc-behaviours", "welsh-standards", "lga-councils"]


def seed(team, admin):
    return {
        key: seed_workshop(team, f"Forum: {key}")
        for key in [*CHECKLISTS, "ccps-reflection"]
    }


def _text(mark):
    [(how, text)] = mark.items()
    return text


def _people(new_context, workshop):
    ann = new_context().new_page()
    bob = new_context(viewport={"width": 390, "height": 844}).new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    return ann, bob


@pytest.mark.parametrize("method_id", CHECKLISTS)
def test_checklist_method_scored_privately_and_revealed(new_context, site, method_id):
    method = get_builtin(method_id)
    title = _text(method.model_dump()["title"])
    content = method.content
    first = _text(content.sections[0].items[0].model_dump()["text"])
    top, bottom = content.scale[0], content.scale[-1]
    top_label = f"{top.value}: {top.label.text}"
    bottom_label = f"{bottom.value}: {bottom.label.text}"
    workshop = site[method_id]
    fac = new_context().new_page()
    sign_in(fac)
    add_from_library(fac, workshop["id"], title)
    ann, bob = _people(new_context, workshop)
    bob_frames = record_frames(bob)
    bob.reload()
    open_console(fac, workshop["id"])
    set_phase(fac, title, "Scoring privately")
    expect_phase(bob, title, "Scoring privately")

    def item(page):
        return board(page, title).locator("li.checklist-item").first

    expect(item(ann).locator(".item-text")).to_have_text(first)
    item(ann).get_by_label(top_label).check()
    if content.priorities:
        item(ann).get_by_label("A priority for us").check()
    item(bob).get_by_label(bottom_label).check()
    expect(board(fac, title).locator(".checklist-summary")).to_have_text(
        "2 people have scored so far."
    )
    assert not any(f'"value": {top.value}' in frame for frame in bob_frames)

    set_phase(fac, title, "Reveal")
    rows = item(bob).locator("table.counts").first.locator("tbody tr")
    expect(rows.first.locator("td")).to_have_text("1")
    expect(rows.last.locator("td")).to_have_text("1")
    if content.priorities:
        expect(item(bob).locator(".priorities")).to_have_text(
            "Marked as a priority by 1"
        )
    shot(bob, f"method-{method_id}-revealed")


def test_reflection_questions_as_a_prompted_board(new_context, site):
    method = get_builtin("ccps-reflection")
    title = _text(method.model_dump()["title"])
    coproduction = next(c for c in method.content.columns if c.key == "coproduction")
    workshop = site["ccps-reflection"]
    fac = new_context().new_page()
    sign_in(fac)
    add_from_library(fac, workshop["id"], title)
    ann, bob = _people(new_context, workshop)
    open_console(fac, workshop["id"])
    set_phase(fac, title, "Writing")
    expect_phase(bob, title, "Writing")

    column = (
        board(ann, title)
        .locator(".board-column")
        .filter(
            has=ann.get_by_role("heading", name=coproduction.label.text, exact=True)
        )
    )
    expect(column.locator(".column-prompts li")).to_have_text(
        [prompt.text for prompt in coproduction.prompts]
    )
    column.get_by_label("New note for Coproduction").fill(
        "We co-design the service specification"
    )
    column.get_by_role("button", name="Add note").click()
    for page in (bob, fac):
        expect(notes(page, title)).to_have_text(
            ["We co-design the service specification"]
        )
    expect(board(bob, title).locator(".board-column")).to_have_count(8)
    shot(bob, "method-ccps-reflection-phone")
