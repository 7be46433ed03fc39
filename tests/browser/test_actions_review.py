"""Reviewing last time's actions in a real browser (JOURNEYS.md 2: "The
forum opens with last quarter's actions"): a quarterly forum whose series
carries two actions from last quarter. The facilitator opens the review;
two participants (one on a phone) and the projector see the actions, what
was raised and who owns them (the organisation, never the owner's name);
the facilitator marks one done with an update from the console, with the
keyboard alone, and every screen shows it live, done, with the update and
brought before the room. A workshop in no series says there is nothing to
review. axe finds nothing on a phone or the console."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.kinds import KINDS
from app.methods.library import get_builtin
from app.models import (
    Activity,
    FollowUp,
    FollowUpUpdate,
    Participant,
    Score,
    Series,
    Workshop,
)
from tests.browser import test_accessibility as a11y
from tests.browser.conftest import (
    PHONE,
    join,
    open_console,
    seed_workshop,
    shot,
    sign_in,
)
from tests.browser.test_board import board, expect_phase, set_phase

pytestmark = [pytest.mark.browser, pytest.mark.server]

axe_context = a11y.axe_context

TITLE = "Review last time's actions"
FEES = "Publish the fee uplift by February"
WORKFORCE = "Set up a workforce group"


def seed(team, admin):
    series = Series(team_id=team.id, title="Home care provider forum")
    db.session.add(series)
    db.session.flush()
    last = seed_workshop(
        team, "Forum, last quarter", date=dt.date.today() - dt.timedelta(days=90)
    )
    forum = seed_workshop(team, "Forum, this quarter")
    a11y_forum = seed_workshop(team, "Forum, accessible")
    for workshop in (last, forum, a11y_forum):
        _row(workshop).series_id = series.id
    _last_quarters_actions(series, _row(last))
    _last_quarters_checklist(_row(last))
    lone = seed_workshop(team, "A workshop on its own")
    for workshop in (forum, a11y_forum, lone):
        _add_review(_row(workshop))
    db.session.commit()
    return {"forum": forum, "a11y": a11y_forum, "lone": lone}


def _row(workshop):
    return db.session.scalar(db.select(Workshop).filter_by(public_id=workshop["id"]))


def _last_quarters_actions(series, last):
    """Straight into the database before the server starts."""
    fees = FollowUp(
        series_id=series.id,
        raised_in_id=last.id,
        raised_text="Fee uplifts are published too late",
        title=FEES,
        owner_organisation="Council commissioning",
        owner_person="Sam Lee",
        due_date=dt.date.today() - dt.timedelta(days=30),
    )
    workforce = FollowUp(
        series_id=series.id,
        raised_in_id=last.id,
        title=WORKFORCE,
        owner_organisation="Provider association",
        status="in_progress",
    )
    workforce.updates.append(
        FollowUpUpdate(body="First meeting held", status="in_progress")
    )
    db.session.add_all([fees, workforce])


def _last_quarters_checklist(last):
    """A revealed CCPS checklist where two providers scored the first item
    2 and 1: the review shows its mean, 1.50."""
    method = get_builtin("ccps-checklist").as_content()
    content = {**KINDS["checklist"].new_content(method), "revealed": True}
    sheet = Activity(
        workshop_id=last.id,
        kind="checklist",
        title="CCPS checklist",
        position="a1",
        phase="reveal",
        content=content,
    )
    db.session.add(sheet)
    for number, value in enumerate((2, 1), start=1):
        person = Participant(
            workshop=last,
            display_name=f"Scorer {number}",
            role="provider",
            organisation_type="private_provider",
        )
        db.session.add(person)
        db.session.flush()
        db.session.add(
            Score(
                activity_id=sheet.id,
                participant_id=person.id,
                item="element-1",
                value=value,
            )
        )


def _add_review(workshop):
    kind = KINDS["actions"]
    method = get_builtin("series-actions").as_content()
    db.session.add(
        Activity(
            workshop_id=workshop.id,
            kind=kind.key,
            title=TITLE,
            position="a0",
            phase=kind.initial_phase,
            content=kind.new_content(method),
        )
    )


def review(page):
    return board(page, TITLE)


def action(page, title):
    return (
        review(page)
        .locator("li.action-item")
        .filter(has=page.get_by_role("heading", name=title, exact=True))
    )


def group_titles(page, heading):
    """The actions listed under a group's heading, in order."""
    group = (
        review(page)
        .locator("section.actions-group")
        .filter(has=page.get_by_role("heading", name=heading))
    )
    return group.locator("h4.action-title")


def projector(new_context, fac, site):
    """The projector screen, opened from its link with no account."""
    fac.goto(fac.url + "show")
    link = fac.get_by_role("link", name=re.compile("live projector screen"))
    screen = new_context().new_page()
    screen.goto(site.url + link.get_attribute("href"))
    expect(screen.locator("#connection-status")).to_have_text(re.compile(r"^Live"))
    return screen


def test_the_facilitator_marks_an_action_done_and_every_screen_sees_it(
    new_context, site
):
    """The room sees last quarter's actions; the facilitator records one
    done with an update, by keyboard; both participants and the projector
    see it move to done, with the update, brought before the room."""
    workshop = site["forum"]
    fac = new_context().new_page()
    sign_in(fac)
    open_console(fac, workshop["id"])
    screen = projector(new_context, fac, site)
    open_console(fac, workshop["id"])
    ann = new_context().new_page()
    bob = new_context(**PHONE).new_page()
    join(ann, workshop["code"], "Ann")
    join(bob, workshop["code"], "Bob", role="Commissioner")
    set_phase(fac, TITLE, "Review")
    everyone = (fac, ann, bob, screen)
    for page in everyone:
        expect_phase(page, TITLE, "Review")
        expect(group_titles(page, "Open or in progress")).to_have_text(
            [FEES, WORKFORCE]
        )
    for page in (ann, bob, screen):
        fees = action(page, FEES)
        expect(fees.locator(".action-status-badge")).to_have_text("Open")
        expect(fees.locator(".action-said")).to_have_text(
            "You said: Fee uplifts are published too late"
        )
        expect(fees).to_contain_text("Council commissioning")
        expect(review(page)).not_to_contain_text("Sam Lee")
        expect(fees.get_by_role("button")).to_have_count(0)
        moved = review(page).locator(".actions-moved")
        expect(
            moved.get_by_role("heading", name="How the checklist moved")
        ).to_be_visible()
        expect(moved.locator("tbody tr")).to_have_text(
            [re.compile(r"^Our commissioning is person centred.*–1\.50 on ")]
        )
    expect(action(fac, FEES)).to_contain_text("Council commissioning · Sam Lee")
    expect(action(bob, WORKFORCE)).to_contain_text("First meeting held")
    shot(bob, "actions-review-phone-open")

    # The facilitator, by keyboard alone: a new status and an update, saved.
    fees = action(fac, FEES)
    fees.get_by_label("New status").focus()
    fac.keyboard.type("Done")  # a closed select picks the option typed
    expect(fees.get_by_label("New status")).to_have_value("done")
    fac.keyboard.press("Tab")
    fac.keyboard.type("Published on 3 February")
    fac.keyboard.press("Tab")
    fac.keyboard.press("Enter")

    for page in everyone:
        expect(group_titles(page, "Open or in progress")).to_have_text([WORKFORCE])
        expect(group_titles(page, "Done or dropped")).to_have_text([FEES])
        done = action(page, FEES)
        expect(done.locator(".action-status-badge")).to_have_text("Done")
        expect(done.locator(".action-updates")).to_contain_text(
            "Published on 3 February"
        )
        expect(done.locator(".action-updates")).to_contain_text("Status set to Done")
        expect(done).to_have_attribute("aria-current", "true")
        expect(review(page).locator(".actions-now")).to_contain_text(FEES)
    expect(
        action(fac, FEES).get_by_label("What has happened (dated and published)")
    ).to_have_value("")
    expect(
        action(fac, FEES).get_by_role("button", name="Stop showing")
    ).to_have_attribute("aria-pressed", "true")
    shot(fac, "actions-review-console-done")
    shot(ann, "actions-review-participant-done")
    shot(bob, "actions-review-phone-done")
    shot(screen, "actions-review-projector-done")


def test_an_empty_update_is_not_sent(new_context, site):
    """An update with neither words nor a status is stopped in place (the
    server would refuse it too) and the facilitator is told why."""
    workshop = site["forum"]
    fac = new_context().new_page()
    sign_in(fac)
    open_console(fac, workshop["id"])
    workforce = action(fac, WORKFORCE)
    workforce.get_by_role("button", name="Save update").click()

    expect(review(fac).locator(".actions-message")).to_have_text(
        "Write an update or choose a new status."
    )
    expect(workforce.locator(".action-status-badge")).to_have_text("In progress")


def test_a_workshop_in_no_series_has_no_actions_to_review(new_context, site):
    workshop = site["lone"]
    fac = new_context().new_page()
    sign_in(fac)
    open_console(fac, workshop["id"])
    ann = new_context(**PHONE).new_page()
    join(ann, workshop["code"], "Ann")

    for page in (fac, ann):
        expect(review(page).locator(".actions-summary")).to_have_text(
            "This workshop is not part of a series: there are no actions to review."
        )
        expect(review(page).locator("li.action-item")).to_have_count(0)
    shot(ann, "actions-review-no-series-phone")


def test_the_review_passes_axe_on_a_phone_and_the_console(axe_context, site):
    workshop = site["a11y"]
    fac = axe_context().new_page()
    sign_in(fac)
    open_console(fac, workshop["id"])
    set_phase(fac, TITLE, "Review")
    action(fac, FEES).get_by_role("button", name="Show the room").click()
    bob = axe_context(**PHONE).new_page()
    join(bob, workshop["code"], "Bob")
    expect(review(bob).locator(".actions-now")).to_contain_text(FEES)

    a11y.assert_no_violations(bob, "actions-review-phone")
    a11y.assert_no_violations(fac, "actions-review-console")
