"""Reviewers' comments on a saved workshop: posted from the report page
through the write path, listed there for the team, and nowhere published
(no share link, no export)."""

import zipfile

import pytest
import sqlalchemy as sa
from flask import current_app

from app.exports import formats
from app.extensions import db
from app.models import Event, ReviewComment, ShareLink
from app.review.actions import BODY_MAX
from tests import builders
from tests.builders import act, add_note, make_board

COMMENT = "Worth reading again before the tender"


def _url(workshop):
    return f"/workshops/{workshop.public_id}/report/review-comments"


def _post(client, workshop, op_id=None, **fields):
    data = {"op_id": op_id or builders.new_op_id(), "body": COMMENT, **fields}
    return client.post(_url(workshop), data=data)


@pytest.fixture
def reviewer(auth, team):
    user = builders.make_user(team, role="reviewer", name="Rae Reviewer")
    auth.login(user)
    return user


@pytest.fixture
def board(workshop):
    fac = builders.facilitator_actor(workshop)
    board = make_board(fac)
    add_note(fac, board, "Pay for travel time")
    return board


def _comments():
    return db.session.scalars(sa.select(ReviewComment).order_by(ReviewComment.id)).all()


def test_a_reviewer_comments_through_the_write_path(client, reviewer, workshop, board):
    """The comment is stored with its writer and activity, and one event of
    review.comment is logged by a reviewer actor; the page lists it."""
    response = _post(client, workshop, activity=board)

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/report#review-comments")
    [comment] = _comments()
    assert (comment.body, comment.author_id) == (COMMENT, reviewer.id)
    assert comment.activity_id == builders.activity_row(board).id
    [event] = db.session.scalars(sa.select(Event).filter_by(action="review.comment"))
    assert (event.actor_kind, event.actor_id) == ("reviewer", reviewer.id)
    page = client.get(f"/workshops/{workshop.public_id}/report").get_data(as_text=True)
    assert COMMENT in page and "Rae Reviewer" in page and 'id="review-comments"' in page


def test_a_facilitator_comments_as_a_facilitator(client, facilitator, workshop):
    assert _post(client, workshop).status_code == 302
    [event] = db.session.scalars(sa.select(Event).filter_by(action="review.comment"))
    assert event.actor_kind == "facilitator"
    assert _comments()[0].activity_id is None  # the workshop as a whole


def test_a_double_submit_adds_one_comment(client, reviewer, workshop):
    op_id = builders.new_op_id()
    assert _post(client, workshop, op_id=op_id).status_code == 302
    assert _post(client, workshop, op_id=op_id).status_code == 302
    assert len(_comments()) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": ""}, "Write a comment first."),
        ({"body": "   "}, "Write a comment first."),
        ({"body": "x" * (BODY_MAX + 1)}, f"Keep it to {BODY_MAX} characters or fewer."),
        ({"activity": "nosuchactivity"}, "Not a valid choice."),
    ],
)
def test_bad_comments_are_refused_and_kept_for_correcting(
    client, reviewer, workshop, fields, message
):
    """A clear error, the typed words kept in the form, nothing stored."""
    response = _post(client, workshop, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert _comments() == []


def test_another_workshops_activity_is_not_found(workshop, team):
    """Through apply(): an activity of another workshop does not exist here."""
    other = builders.make_workshop(team, title="Other")
    other_board = make_board(builders.facilitator_actor(other))
    refusal = builders.refused(
        builders.reviewer_actor(workshop),
        "review.comment",
        {"body": COMMENT, "activity": other_board},
    )
    assert refusal.code == "not_found"
    assert _comments() == []


def test_another_team_cannot_comment(client, auth, workshop):
    auth.login(builders.make_user(builders.make_team(name="Elsewhere")))
    assert _post(client, workshop).status_code == 404
    assert _comments() == []


def test_comments_are_on_no_share_link_and_in_no_export(client, workshop, board):
    """A share link's page and the Markdown, CSV and archive exports carry
    the report, never the team's comments."""
    act(builders.reviewer_actor(workshop), "review.comment", {"body": COMMENT})
    link = ShareLink(workshop_id=workshop.id)
    db.session.add(link)
    db.session.commit()

    shared = client.get(f"/shared/{link.token}").get_data(as_text=True)
    assert "Pay for travel time" in shared and COMMENT not in shared
    for key in ("md", "csv", "json"):
        text = _exported(workshop, key)
        assert "Pay for travel time" in text, key
        assert COMMENT not in text, key


def _exported(workshop, key):
    folder = current_app.config["EXPORTS_DIR"]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"review-test.{formats.FORMATS[key].extension}"
    with current_app.test_request_context():
        formats.write(key, workshop, path, lambda percent: None)
    try:
        if key != "json":
            return path.read_text(encoding="utf-8")
        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(name).decode() for name in archive.namelist())
    finally:
        path.unlink(missing_ok=True)
