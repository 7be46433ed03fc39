"""Consent to be quoted (app/report/redaction.py): words of people with
lived experience of care (lived experience, carers) appear in published
outputs only if they agreed to be quoted when they joined. Otherwise they
are withheld and counted, anonymous activities included; the team's own
view shows them marked "not for publishing"."""

import pytest
import sqlalchemy as sa

from app.exports import formats
from app.extensions import db
from app.models import Participant, ShareLink
from app.report import model, redaction
from app.report.pages import report_body_html
from tests import builders
from tests.builders import act, add_note, make_board, participant_actor, set_phase
from tests.exports.test_every_format import READERS
from tests.report.withheld_room import GIL_NOTE, UNQUOTED, withheld_room

ONE = "1 contribution from someone who did not agree to be quoted is not shown."


def _person(role, quoted):
    return Participant(role=role, consent_quoted=quoted)


@pytest.mark.parametrize(
    ("role", "quoted", "may"),
    [
        ("lived_experience", False, False),
        ("lived_experience", True, True),
        ("carer", False, False),
        ("carer", True, True),
        ("provider", False, True),
        ("commissioner", False, True),
    ],
)
def test_who_may_be_quoted(role, quoted, may):
    assert redaction.may_quote(_person(role, quoted)) is may


def test_a_facilitators_own_words_may_be_quoted():
    assert redaction.may_quote(None)


def _texts(report):
    return str(report)


@pytest.fixture
def voices(cast):
    """Noa (lived experience, not agreeing to be quoted) and Ann write on a
    board, which is then seen as published."""
    noa = builders.make_participant(
        cast.workshop, display_name="Noa", role="lived_experience"
    )
    board = make_board(cast.fac)
    add_note(participant_actor(noa), board, text="My words, not to be quoted")
    add_note(cast.ann_actor, board, text="Ann's point")
    return {"noa": noa, "board": board}


def test_unquoted_words_are_withheld_and_counted(cast, voices):
    published = _texts(model.build(cast.workshop))
    assert "My words, not to be quoted" not in published
    assert "Ann's point" in published and ONE in published
    rows = model.records(cast.workshop)
    assert "My words, not to be quoted" not in str(rows)
    (counted,) = [row for row in rows if row.type == "withheld"]
    assert (counted.value, counted.text) == ("1", ONE)


def test_the_team_sees_them_marked_not_for_publishing(cast, voices):
    team = _texts(model.build(cast.workshop, redaction.TEAM))
    assert "My words, not to be quoted [not for publishing" in team
    assert ONE not in team


def test_agreeing_to_be_quoted_publishes_the_words(cast, voices):
    voices["noa"].consent_quoted = True
    db.session.commit()
    published = _texts(model.build(cast.workshop))
    assert "My words, not to be quoted" in published and ONE not in published


def test_anonymous_activities_withhold_unquoted_words_too(cast):
    """Nobody is named there, but the server knows who wrote what: someone
    who did not agree to be quoted is not quoted anonymously either."""
    carer = builders.make_participant(cast.workshop, display_name="Cy", role="carer")
    board = make_board(cast.fac, phase="not_started")
    payload = {"activity": board, "title": "Worries", "anonymous": "y"}
    act(cast.fac, "workshop.edit_activity", payload)
    set_phase(cast.fac, board, "writing")
    add_note(participant_actor(carer), board, text="About my son's care")
    add_note(cast.bob_actor, board, text="Bob's worry")

    published = _texts(model.build(cast.workshop))

    assert "About my son's care" not in published
    assert "Bob's worry" in published and ONE in published


def test_unquoted_checklist_comments_are_withheld(cast):
    noa = builders.make_participant(cast.workshop, role="lived_experience")
    sheet = act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})
    sheet = sheet["result"]["activity"]
    set_phase(cast.fac, sheet, "scoring")
    for actor, comment in (
        (participant_actor(noa), "Noa's"),
        (cast.ann_actor, "Ann's"),
    ):
        payload = {"activity": sheet, "item": "element-1", "value": 1}
        act(actor, "checklist.score", {**payload, "comment": f"{comment} comment"})
    set_phase(cast.fac, sheet, "reveal")

    published = _texts(model.build(cast.workshop))
    rows = str(model.records(cast.workshop))

    assert "Noa's comment" not in published and "Noa's comment" not in rows
    assert "Ann's comment" in published and "Ann's comment" in rows
    assert "Noa's comment [not for publishing" in _texts(
        model.build(cast.workshop, redaction.TEAM)
    )


def test_unquoted_pathway_cards_are_withheld(cast):
    carer = builders.make_participant(cast.workshop, role="carer")
    road = act(cast.fac, "workshop.add_activity", {"method": "yellow-brick-road"})
    road = road["result"]["activity"]
    set_phase(cast.fac, road, "map")
    for actor, text in ((participant_actor(carer), "Wait for a letter"),
                        (cast.ann_actor, "Phone the team")):  # fmt: skip
        payload = {"activity": road, "lane": "steps", "text": text}
        act(actor, "pathway.add_card", payload)

    published = _texts(model.build(cast.workshop))

    assert "Wait for a letter" not in published and "Phone the team" in published


def test_the_publish_page_marks_them_and_offers_no_redaction(
    client, facilitator, cast, voices
):
    page = client.get(f"/workshops/{cast.workshop.public_id}/report/publish")
    text = page.get_data(as_text=True)
    assert "My words, not to be quoted" in text
    assert "Not for publishing: its author did not agree to be quoted." in text
    assert text.count(">Redact</button>") == 1  # Ann's note only


# Every published output of the every-kind workshop, Gil and Hal not
# agreeing to be quoted (tests/report/withheld_room.py).


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    from config import TestingConfig
    from tests.apps import app_with
    from tests.builders import make_team

    folder = tmp_path_factory.mktemp("unquoted")
    texts = {}
    with app_with(TestingConfig) as app:
        room = withheld_room(make_team()).room
        with app.test_request_context():
            for key, format in formats.FORMATS.items():
                path = folder / f"export.{format.extension}"
                formats.write(key, room.workshop, path, lambda percent: None)
                texts[key] = READERS[key](path)
            link = act(room.fac, "report.share", {})["result"]["link"]
            token = db.session.scalar(
                sa.select(ShareLink.token).filter_by(public_id=link)
            )
            texts["body"] = report_body_html(
                room.workshop, "report.shared_chart", {"token": token}
            )
        texts["link"] = app.test_client().get(f"/shared/{token}").get_data(as_text=True)
    return texts


@pytest.mark.parametrize("key", [*READERS, "body", "link"])
def test_unquoted_words_are_in_no_published_output(published, key):
    assert [found for found in UNQUOTED if found in published[key]] == []
    assert "Comment 5 on element-1" in published[key]  # a quoted person's


@pytest.mark.parametrize("key", ["pdf", "docx", "md", "csv", "xlsx", "body", "link"])
def test_every_document_counts_what_it_withholds(published, key):
    """Gil's note on one board; four comments of Gil's and Hal's on the
    checklist."""
    text = " ".join(published[key].split())
    assert ONE in text
    assert "4 contributions from people who did not agree to be quoted" in text


def test_gil_still_took_part(published):
    """Withholding his words does not unsay that he was there."""
    assert GIL_NOTE not in published["md"]
    assert "9 people took part." in published["md"]
