"""Redaction before publishing (app/report/redaction.py): a contribution
redacted through the write path is left out of the share link, the report
body it shows, and every export format, and kept in the record with who
redacted it and why; the team's own view marks it "[redacted]"."""

import pytest
import sqlalchemy as sa

from app.exports import formats
from app.extensions import db
from app.models import Event, Redaction, ShareLink
from app.report import model, redaction
from app.report.pages import report_body_html
from tests import builders
from tests.builders import act, add_note, make_board
from tests.exports.test_every_format import READERS
from tests.report.withheld_room import KEPT, REASON, REDACTED, withheld_room


def _url(workshop, path=""):
    return f"/workshops/{workshop.public_id}/report{path}"


def _redact(client, workshop, target, reason="Names a member of staff"):
    data = {"op_id": builders.new_op_id(), "target": target, "reason": reason}
    return client.post(_url(workshop, "/redact"), data=data)


def _redactions():
    return db.session.scalars(sa.select(Redaction)).all()


def _events(action):
    return db.session.scalars(sa.select(Event).filter_by(action=action)).all()


@pytest.fixture
def notes(cast):
    board = make_board(cast.fac)
    keep = add_note(cast.ann_actor, board, text="Pay for travel time")
    gone = add_note(cast.bob_actor, board, text="Jo at the council is useless")
    return {"board": board, "keep": keep, "gone": gone}


def test_a_facilitator_redacts_with_a_reason_kept_in_the_record(
    client, facilitator, cast, notes
):
    target = redaction.note_target(notes["gone"])

    response = _redact(client, cast.workshop, target)

    assert response.status_code == 302
    (row,) = _redactions()
    assert (row.target, row.reason) == (target, "Names a member of staff")
    assert row.redacted_by_id == facilitator.id
    assert len(_events("report.redact")) == 1
    page = client.get(_url(cast.workshop, "/publish")).get_data(as_text=True)
    assert "Redactions in the record" in page
    assert "Jo at the council is useless" in page  # the record keeps the text
    assert facilitator.name in page and "Names a member of staff" in page


def test_a_redacted_note_is_not_published_and_marked_for_the_team(
    client, facilitator, cast, notes
):
    _redact(client, cast.workshop, redaction.note_target(notes["gone"]))
    builders.act(cast.fac, "report.share", {})
    link = db.session.scalar(sa.select(ShareLink))

    team_view = client.get(_url(cast.workshop)).get_data(as_text=True)
    client.post("/auth/logout")
    shared = client.get(f"/shared/{link.token}").get_data(as_text=True)

    assert "Jo at the council" not in shared and "Pay for travel time" in shared
    assert "[redacted] Reason: Names a member of staff" in team_view
    assert "Jo at the council" not in team_view


def test_unredacting_publishes_it_again(client, facilitator, cast, notes):
    target = redaction.note_target(notes["gone"])
    _redact(client, cast.workshop, target)
    data = {"op_id": builders.new_op_id(), "target": target}

    response = client.post(_url(cast.workshop, "/unredact"), data=data)

    assert response.status_code == 302
    assert _redactions() == [] and len(_events("report.unredact")) == 1
    texts = str(model.build(cast.workshop))
    assert "Jo at the council is useless" in texts


@pytest.mark.parametrize(
    ("target", "reason", "message"),
    [
        ("NOTE", "", "Say why it is redacted."),
        ("NOTE", "x" * 501, "500 characters or fewer"),
        ("note:no-such-note", "Why", "That contribution does not exist here."),
        ("vote:whatever", "Why", "That contribution does not exist here."),
    ],
    ids=["no-reason", "reason-too-long", "unknown-note", "not-a-contribution"],
)
def test_bad_redactions_are_refused_clearly_and_change_nothing(
    client, facilitator, cast, notes, target, reason, message
):
    target = redaction.note_target(notes["gone"]) if target == "NOTE" else target

    response = _redact(client, cast.workshop, target, reason)

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _redactions() == [] and _events("report.redact") == []


def test_redacting_twice_or_another_workshops_note_is_refused(cast, notes, team):
    target = redaction.note_target(notes["gone"])
    act(cast.fac, "report.redact", {"target": target, "reason": "Why"})
    again = builders.refused(
        cast.fac, "report.redact", {"target": target, "reason": "x"}
    )
    assert again.code == "not_allowed"
    other = builders.make_workshop(team, title="Another")
    elsewhere = builders.refused(
        builders.facilitator_actor(other),
        "report.redact",
        {"target": target, "reason": "x"},
    )
    assert elsewhere.code == "not_found"
    assert len(_redactions()) == 1


def test_a_reviewer_cannot_redact(client, auth, cast, notes):
    auth.login(builders.make_user(cast.workshop.team, role="reviewer"))
    response = _redact(client, cast.workshop, redaction.note_target(notes["gone"]))
    assert response.status_code == 403 and _redactions() == []


def test_the_publish_page_lists_every_contribution_with_a_control(
    client, facilitator, cast, notes
):
    page = client.get(_url(cast.workshop, "/publish")).get_data(as_text=True)
    for note in ("keep", "gone"):
        assert f'value="{redaction.note_target(notes[note])}"' in page
    assert page.count(">Redact</button>") == 2


# Every published output of one workshop, with four redactions and two
# people who did not agree to be quoted (tests/report/withheld_room.py).


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Every export format, the share link's page, the report body and the
    team's own body, each as text."""
    from config import TestingConfig
    from tests.apps import app_with
    from tests.builders import make_team

    folder = tmp_path_factory.mktemp("withheld")
    texts = {}
    with app_with(TestingConfig) as app:
        made = withheld_room(make_team())
        workshop = made.room.workshop
        with app.test_request_context():
            for key, format in formats.FORMATS.items():
                path = folder / f"export.{format.extension}"
                formats.write(key, workshop, path, lambda percent: None)
                texts[key] = READERS[key](path)
            values = {"workshop_id": workshop.public_id}
            texts["team"] = report_body_html(workshop, "report.chart", values)
            link = act(made.room.fac, "report.share", {})["result"]["link"]
            token = db.session.scalar(
                sa.select(ShareLink.token).filter_by(public_id=link)
            )
            texts["body"] = report_body_html(
                workshop, "report.shared_chart", {"token": token}
            )
        texts["link"] = app.test_client().get(f"/shared/{token}").get_data(as_text=True)
    return texts


PUBLISHED = [*READERS, "body", "link"]


@pytest.mark.parametrize("key", PUBLISHED)
def test_redactions_hold_in_every_published_output(published, key):
    text = published[key]
    assert [found for found in REDACTED if found in text] == []
    assert [kept for kept in KEPT if kept not in text] == []


def test_the_teams_own_view_marks_each_redaction_with_its_reason(published):
    """Each redacted contribution reads "[redacted]" with the reason (the
    board's note twice: in its column and among the notes in no theme);
    what hangs off the redacted step is still there for the team to see."""
    text = published["team"]
    assert text.count(f"[redacted] Reason: {REASON}") == 5
    redacted_themselves = (REDACTED[0], REDACTED[1], REDACTED[5], REDACTED[6])
    assert [found for found in redacted_themselves if found in text] == []
    assert "A phone number" in text and "Get an assessment" in text
