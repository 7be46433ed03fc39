"""A reviewer reads and comments, and changes nothing else: the HTTP routes
answer 403, and the write path refuses a reviewer actor ("not_allowed")."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Event, ReportText, ShareLink, Workshop
from tests import builders
from tests.builders import add_note, event_count, make_board


@pytest.fixture
def reviewer(auth, team):
    user = builders.make_user(team, role="reviewer")
    auth.login(user)
    return user


@pytest.fixture
def board(workshop):
    return make_board(builders.facilitator_actor(workshop))


def _write_routes(workshop, board):
    base = f"/workshops/{workshop.public_id}"
    change = {"op_id": builders.new_op_id()}
    return [
        (f"{base}/report/text", {"summary": "Rewritten", "save": "y", **change}),
        (f"{base}/report/share", change),
        (
            f"{base}/edit",
            {"title": "Renamed", "engagement_level": "consultation", **change},
        ),
        (f"{base}/activities/{board}/phase", {"phase": "closed", **change}),
        (f"{base}/activities", {"method": "open-board", "title": "More", **change}),
        (f"{base}/delete", {}),
    ]


def test_a_reviewer_is_refused_every_write_route(client, reviewer, workshop, board):
    """403 on each, and nothing changes: no event, no text, no link."""
    events = event_count()
    for url, data in _write_routes(workshop, board):
        assert client.post(url, data=data).status_code == 403, url
    db.session.expire_all()
    assert event_count() == events
    assert db.session.get(ReportText, workshop.id) is None
    assert db.session.scalar(sa.select(sa.func.count(ShareLink.id))) == 0
    assert db.session.get(Workshop, workshop.id).title == "Test workshop"


def test_a_reviewer_reads_the_report_and_may_comment(client, reviewer, workshop, board):
    page = client.get(f"/workshops/{workshop.public_id}/report").get_data(as_text=True)
    assert 'id="review-comments"' in page and "Add the comment" in page
    assert 'id="words"' not in page  # the facilitator's own words: not theirs


@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("report.edit_text", lambda board, note: {"summary": "Rewritten"}),
        ("report.share", lambda board, note: {}),
        ("workshop.edit", lambda b, n: {"title": "X", "engagement_level": "inform"}),
        (
            "board.add_note",
            lambda board, note: {"activity": board, "column": "ideas", "text": "Mine"},
        ),
        ("board.hide_note", lambda board, note: {"activity": board, "note": note}),
        (
            "activity.set_phase",
            lambda board, note: {"activity": board, "phase": "closed"},
        ),
        ("report.redact", lambda b, note: {"target": f"note:{note}", "reason": "x"}),
    ],
)
def test_the_write_path_refuses_a_reviewer(workshop, board, action, payload):
    """Any action but review.comment is "not_allowed", with no event."""
    note = add_note(builders.facilitator_actor(workshop), board, "A note")
    events = event_count()
    refusal = builders.refused(
        builders.reviewer_actor(workshop), action, payload(board, note)
    )
    assert refusal.code == "not_allowed"
    assert event_count() == events


def test_a_reviewer_of_another_team_may_not_comment(workshop):
    """Through apply(): another team's reviewer is refused."""
    other = builders.make_team(name="Elsewhere")
    actor = builders.reviewer_actor(workshop, team=other)
    refusal = builders.refused(actor, "review.comment", {"body": "Hello"})
    assert refusal.code == "not_allowed"
    assert (
        db.session.scalar(
            sa.select(sa.func.count(Event.id)).filter_by(action="review.comment")
        )
        == 0
    )
