"""Comments through a share link open for comments (app/report/comments.py):
anyone holding the link, with no account, while it takes them; they come
into the workshop's record, listed for the team, and are never shown on the
link itself. Closed, expired and withdrawn links take none."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app import actors
from app.extensions import db
from app.models import Event, LinkComment, ShareLink
from app.models.types import utcnow
from config import TestingConfig
from tests import builders
from tests.apps import app_with
from tests.builders import act, activity_row, set_phase

STEPS = ("Ask for help", "Get a plan")


def _pathway(cast):
    """A pathway with two steps Ann mapped; its public id and its steps' ids."""
    made = act(cast.fac, "workshop.add_activity", {"method": "yellow-brick-road"})
    pathway = made["result"]["activity"]
    set_phase(cast.fac, pathway, "map")
    steps = [
        act(
            cast.ann_actor,
            "pathway.add_card",
            {"activity": pathway, "lane": "steps", "text": text},
        )["result"]["card"]
        for text in STEPS
    ]
    return pathway, steps


def _link(workshop, activity=None, closes_in=timedelta(days=7), **fields):
    link = ShareLink(
        workshop_id=workshop.id,
        activity_id=activity_row(activity).id if activity else None,
        comments_until=utcnow() + closes_in if closes_in is not None else None,
        **fields,
    )
    db.session.add(link)
    db.session.commit()
    return link


@pytest.fixture
def road(cast):
    """A pathway shared alone, open for comments for a week."""
    pathway, steps = _pathway(cast)
    return _link(cast.workshop, pathway), steps


def _post(client, link, **fields):
    data = {"op_id": builders.new_op_id(), "name": "", "about": "", **fields}
    return client.post(f"/shared/{link.token}/comments", data=data)


def _comments():
    return db.session.scalars(sa.select(LinkComment).order_by(LinkComment.id)).all()


def _events():
    return db.session.scalar(sa.select(sa.func.count(Event.id)))


def test_an_open_pathway_link_offers_its_steps_to_comment_on(client, road):
    link, steps = road
    page = client.get(f"/shared/{link.token}").get_data(as_text=True)
    assert 'id="comment-heading"' in page
    assert f'value="{steps[0]}"' in page and "1. Ask for help" in page
    assert f'value="{steps[1]}"' in page and "2. Get a plan" in page


def test_a_comment_comes_into_the_record(client, cast, road):
    """Kept with its link, workshop, name as given and step, through the
    write path as the link's commenter; the link shows it to nobody."""
    link, steps = road
    response = _post(client, link, name="Pat", about=steps[1], body="Plans take months")

    assert response.status_code == 302
    (comment,) = _comments()
    assert (comment.share_link_id, comment.workshop_id) == (link.id, cast.workshop.id)
    assert (comment.author_name, comment.target) == ("Pat", steps[1])
    assert comment.body == "Plans take months"
    event = db.session.scalar(sa.select(Event).filter_by(action="link.comment"))
    assert event is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your comment has gone to the facilitators" in page
    assert "Plans take months" not in page


def test_the_team_reads_the_comments_on_the_report_page(client, auth, cast, road):
    """Date, the name as given, the step, the text, all escaped; a reviewer
    of the team reads them too."""
    link, steps = road
    markup = "<script>alert(1)</script> needs <b>more</b>"
    _post(client, link, name="<i>Pat</i>", about=steps[0], body=markup)
    _post(client, link, body="No name, about the whole pathway")
    auth.login(builders.make_user(cast.workshop.team, role="reviewer"))

    page = client.get(f"/workshops/{cast.workshop.public_id}/report")

    text = page.get_data(as_text=True)
    assert "Comments received" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; needs &lt;b&gt;more" in text
    assert "<script>alert(1)" not in text and "<i>Pat</i>" not in text
    assert "&lt;i&gt;Pat&lt;/i&gt;" in text and "Step: Ask for help" in text
    assert "No name given" in text
    assert utcnow().strftime("%d %b %Y") in text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": "x" * 2001}, "2000 characters or fewer"),
        ({"body": "Fine", "name": "n" * 61}, "60 characters or fewer"),
        ({"body": "   "}, "Write your comment."),
        ({"body": "Fine", "about": "no-such-step"}, "Choose what your comment is"),
    ],
    ids=["too-long", "name-too-long", "empty", "bad-step"],
)
def test_bad_input_is_refused_clearly_and_keeps_nothing(client, road, fields, message):
    link, _steps = road
    events = _events()

    response = _post(client, link, **fields)

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _comments() == [] and _events() == events


def test_a_step_of_another_pathway_is_refused_by_the_write_path(cast, road):
    link, _steps = road
    _other, elsewhere = _pathway(cast)
    commenter = actors.for_commenter(link)
    refusal = builders.refused(
        commenter, "link.comment", {"body": "Hi", "about": elsewhere[0]}
    )
    assert refusal.code == "invalid" and _comments() == []


def test_a_closed_link_shows_no_form_and_refuses_comments(client, cast):
    pathway, _steps = _pathway(cast)
    link = _link(cast.workshop, pathway, closes_in=timedelta(minutes=-1))

    page = client.get(f"/shared/{link.token}").get_data(as_text=True)
    response = _post(client, link, body="Too late?")

    assert "Ask for help" in page  # still readable
    assert (
        'id="comment-heading"' not in page
        and "Comments on this link are closed" in page
    )
    assert response.status_code == 403
    assert "Comments on this link are closed." in response.get_data(as_text=True)
    assert _comments() == []
    refusal = builders.refused(
        actors.for_commenter(link), "link.comment", {"body": "x"}
    )
    assert refusal.code == "not_allowed"


def test_a_read_only_link_takes_no_comments(client, cast):
    link = _link(cast.workshop, closes_in=None)
    page = client.get(f"/shared/{link.token}").get_data(as_text=True)
    assert 'id="comment-heading"' not in page
    assert _post(client, link, body="Hello").status_code == 403
    assert _comments() == []


@pytest.mark.parametrize("how", ["expired", "withdrawn"])
def test_an_expired_or_withdrawn_link_refuses_comments(client, cast, how):
    gone = {"expires_at": utcnow() - timedelta(minutes=1)}
    if how == "withdrawn":
        gone = {"withdrawn_at": utcnow()}
    link = _link(cast.workshop, **gone)
    events = _events()

    response = _post(client, link, body="Anyone there?")

    assert response.status_code == 410
    assert _comments() == [] and _events() == events
    refusal = builders.refused(
        actors.for_commenter(link), "link.comment", {"body": "x"}
    )
    assert refusal.code == "not_allowed"


def test_a_double_submit_keeps_one_comment(client, road):
    link, _steps = road
    data = {"op_id": builders.new_op_id(), "name": "", "about": "", "body": "Once"}
    client.post(f"/shared/{link.token}/comments", data=data)
    client.post(f"/shared/{link.token}/comments", data=data)
    assert [comment.body for comment in _comments()] == ["Once"]


class GuardedConfig(TestingConfig):
    WTF_CSRF_ENABLED = True
    RATELIMIT_ENABLED = True
    COMMENT_RATE_LIMIT = "2 per minute"


@pytest.fixture
def guarded():
    """An app with CSRF on and comments limited to 2 posts a minute."""
    with app_with(GuardedConfig) as app:
        yield app


def _guarded_link():
    workshop = builders.make_workshop(builders.make_team())
    return _link(workshop)


def test_a_comment_without_its_csrf_token_is_refused(guarded):
    link = _guarded_link()
    response = _post(guarded.test_client(), link, body="Forged")
    assert response.status_code == 400
    assert _comments() == []


def test_comments_are_rate_limited_per_address(guarded):
    """Past the limit even a valid comment is refused with 429 and kept nowhere."""
    link = _guarded_link()
    client = guarded.test_client()
    statuses = []
    for number in range(3):
        page = client.get(f"/shared/{link.token}").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="', 1)[1]
        token = token.split('"', 1)[0]
        response = _post(client, link, body=f"Comment {number}", csrf_token=token)
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]
    assert [comment.body for comment in _comments()] == ["Comment 0", "Comment 1"]
