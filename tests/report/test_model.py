"""The report model (app/report/model.py): the header, the facilitator's own
words, the agenda, who took part (counts; names only with consent), and one
section per activity from its kind — for a workshop using every kind, with
its hidden, private and anonymous writing kept out of blocks and records."""

import datetime as dt

import pytest

from app.extensions import db
from app.models import Activity, ReportText
from app.models.types import utcnow
from app.report import model
from app.report.document import BLOCKS, Chart, Entries, Paragraph
from tests.builders import (
    act,
    add_note,
    make_board,
    make_group,
    make_participant,
    participant_actor,
    put_in_group,
    set_phase,
)
from tests.kinds.test_checklist import make_checklist, score
from tests.kinds.test_pathway import add, make_pathway
from tests.kinds.test_scenario import TOPICS
from tests.kinds.test_spectrum import make_spectrum, mark
from tests.report.reading import strings, text


def test_the_header_says_what_the_workshop_was_for(cast):
    workshop = cast.workshop
    workshop.date, workshop.purpose = dt.date(2025, 3, 5), "Plan respite together"
    db.session.commit()

    report = model.build(workshop)

    assert (report.workshop_id, report.title, report.date) == (
        workshop.public_id,
        "Test workshop",
        "2025-03-05",
    )
    assert (report.purpose, report.engagement) == (
        "Plan respite together",
        "Consultation",
    )


def test_the_facilitators_words_become_paragraphs_and_lines(cast):
    db.session.add(
        ReportText(
            workshop_id=cast.workshop.id,
            summary="We met.\nIt went well.\r\n\r\n\nNext time, more tea.",
            key_messages="Share budgets\n\n  Pool data  \n",
            next_steps="Meet in May",
        )
    )
    db.session.commit()

    report = model.build(cast.workshop)

    assert report.summary == ("We met. It went well.", "Next time, more tea.")
    assert report.key_messages == ("Share budgets", "Pool data")
    assert report.next_steps == ("Meet in May",)


def test_without_the_facilitators_words_there_are_none(cast):
    report = model.build(cast.workshop)

    assert (report.summary, report.key_messages, report.next_steps) == ((), (), ())


def test_the_agenda_lists_each_activity_with_its_method_time_and_status(cast):
    board = make_board(cast.fac, phase="not_started")
    make_checklist(cast.fac)
    set_phase(cast.fac, board, "closed")
    make_spectrum(cast.fac, phase="not_started")

    agenda = model.build(cast.workshop).agenda

    assert [(a.title, a.method, a.minutes, a.status) for a in agenda] == [
        ("Ideas", "Open board", 30, "Finished."),
        (
            "CCPS collaborative and ethical commissioning checklist",
            "CCPS collaborative and ethical commissioning checklist",
            45,
            "In progress.",
        ),
        (
            "Collaborative commissioning spectrum",
            "Collaborative commissioning spectrum",
            30,
            "Not run yet.",
        ),
    ]


def joined(workshop, name, role, organisation_type, **kw):
    person = make_participant(workshop, name, role=role, **kw)
    person.organisation_type = organisation_type
    db.session.commit()
    return person


def test_people_are_counted_by_role_and_organisation_type(cast):
    """Ann and Bob (providers, private providers) and three more; someone
    removed from the workshop is not counted."""
    joined(cast.workshop, "Cai", "commissioner", "council")
    joined(cast.workshop, "Dee", "carer", "other")
    joined(cast.workshop, "Eve", "commissioner", "nhs")
    joined(cast.workshop, "Gone", "carer", "other", removed_at=utcnow())

    people = model.build(cast.workshop).people

    assert people.total == 5
    assert people.by_role == (
        ("Commissioner", 2),
        ("Provider", 2),
        ("Carer or family member", 1),
    )
    assert people.by_organisation_type == (
        ("Council", 1),
        ("NHS", 1),
        ("Private provider", 2),
        ("Other", 1),
    )


def test_only_people_who_agreed_are_named(cast):
    make_participant(
        cast.workshop,
        "Nia Jones",
        role="commissioner",
        organisation="Northshire Council",
        consent_named=True,
    )

    report = model.build(cast.workshop)

    assert report.people.named == (
        model.Person("Nia Jones", "Commissioner", "Northshire Council"),
    )
    assert "Ann" not in text(report.people)


def test_an_activity_of_a_kind_this_app_does_not_know_says_so(cast):
    db.session.add(
        Activity(
            workshop_id=cast.workshop.id,
            kind="mystery",
            title="From elsewhere",
            position="a0",
            phase="begun",
            content={},
        )
    )
    db.session.commit()

    [section] = model.build(cast.workshop).sections

    assert section.blocks == (
        Paragraph("This activity has nothing to report.", "muted"),
    )
    assert model.records(cast.workshop) == []


# --- a workshop using every kind ------------------------------------------------


@pytest.fixture
def everything(cast):
    """A workshop with one activity of each kind, each run a little, with a
    hidden note, a private note not yet revealed, an anonymous board and a
    participant who agreed to be named (Nia) and two who did not."""
    nia_row = make_participant(cast.workshop, "Nia Jones", consent_named=True)
    nia = participant_actor(nia_row)
    people = [cast.ann_actor, cast.bob_actor, nia]
    _board(cast, nia)
    _anonymous_board(cast, nia)
    _checklist(cast, people)
    _spectrum(cast, people)
    _pathway(cast, nia)
    _scenario(cast, nia_row)
    return cast


def _board(cast, nia):
    board = make_board(cast.fac)
    add_note(nia, board, "Share budgets")
    add_note(cast.ann_actor, board, "Not yet revealed", private=True)
    hidden = add_note(cast.bob_actor, board, "Hidden remark")
    act(cast.fac, "board.hide_note", {"activity": board, "note": hidden})


def _anonymous_board(cast, nia):
    payload = {"method": "open-board", "title": "Worries", "anonymous": "y"}
    board = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(cast.fac, board, "writing")
    add_note(nia, board, "Anonymous worry")


def _checklist(cast, people):
    sheet = make_checklist(cast.fac)
    for actor in people:
        score(actor, sheet, value=2, comment="We publish our prices")
    set_phase(cast.fac, sheet, "reveal")


def _spectrum(cast, people):
    plot = make_spectrum(cast.fac)
    for actor in people:
        mark(actor, plot)
    set_phase(cast.fac, plot, "reveal")


def _pathway(cast, nia):
    road = make_pathway(cast.fac)
    step = add(nia, road, "steps", "Ask for help")
    add(nia, road, "walls", "Long waits", step=step)


def _scenario(cast, nia_row):
    table = make_group(cast.fac, "Table 1")
    put_in_group(cast.fac, nia_row, table)
    added = act(cast.fac, "workshop.add_activity", {"method": "peoples-borough"})
    scenario = added["result"]["activity"]
    allocate = {"activity": scenario, "topic": TOPICS[0], "groups": table}
    act(cast.fac, "scenario.allocate", allocate)
    set_phase(cast.fac, scenario, "discuss")
    note = {"activity": scenario, "topic": TOPICS[0], "column": "issues"}
    act(participant_actor(nia_row), "scenario.add_note", {**note, "text": "Choice"})
    set_phase(cast.fac, scenario, "feedback")


def test_every_kind_has_its_section_of_plain_blocks(everything):
    sections = model.build(everything.workshop).sections

    assert [section.kind for section in sections] == [
        "board",
        "board",
        "checklist",
        "spectrum",
        "pathway",
        "scenario",
    ]
    for section in sections:
        assert section.blocks
        assert all(isinstance(block, BLOCKS) for block in section.blocks)
    by_kind = {section.kind: text(section.blocks) for section in sections[1:]}
    by_kind["board"] = text(sections[0].blocks)
    assert "Share budgets" in by_kind["board"]
    assert "Nia Jones" in by_kind["board"]
    assert "We publish our prices" in by_kind["checklist"]
    assert "Long waits" in by_kind["pathway"]
    assert "Choice" in by_kind["scenario"]
    charts = [
        (section.kind, block.key)
        for section in sections
        for block in section.blocks
        if isinstance(block, Chart)
    ]
    assert charts == [("checklist", "overall"), ("spectrum", "overall")]


def test_the_pathway_section_is_a_road(everything):
    [section] = [
        s for s in model.build(everything.workshop).sections if s.kind == "pathway"
    ]

    [road] = [block for block in section.blocks if isinstance(block, Entries)]

    assert (road.style, road.ordered) == ("road", True)


def test_every_kind_gives_raw_data_rows(everything):
    rows = model.records(everything.workshop)

    types = {(row.kind, row.type) for row in rows}
    assert {
        ("board", "note"),
        ("checklist", "score"),
        ("checklist", "comment"),
        ("spectrum", "mark"),
        ("pathway", "card"),
        ("scenario", "note"),
    } <= types


def test_hidden_private_and_anonymous_writing_stays_out(everything):
    """No hidden note, no unrevealed private note, and no name on the
    anonymous board's note, in any block or record."""
    report = model.build(everything.workshop)
    rows = model.records(everything.workshop)
    found = list(strings([report.sections, rows]))

    assert "Anonymous worry" in found
    for secret in ("Hidden remark", "Not yet revealed"):
        assert not [s for s in found if secret in s]
    [worries] = [s for s in report.sections if s.title == "Worries"]
    assert "Nia" not in text(worries.blocks)
    assert [r.author for r in rows if r.text == "Anonymous worry"] == [""]
    for person in (everything.ann, everything.bob):
        assert not [s for s in found if person.display_name in s]
