"""A checklist's part of the report and its raw data
(app/kinds/checklist_report.py): distributions overall and by role only once
revealed, role splits only in buckets of three or more, comments without
their authors, agreed scores and notes, and rows that point to nobody."""

import pytest

from app.extensions import db
from app.kinds import checklist_report
from app.report.document import Chart, Paragraph, Table
from tests.builders import (
    act,
    activity_row,
    make_participant,
    participant_actor,
    set_phase,
)
from tests.kinds.test_checklist import make_checklist, score
from tests.report.reading import blocks_of, names_in, strings, text

GOOD, PATCHY = "We have good consistent evidence", "Our evidence is mixed or patchy"
FIRST_ITEM = (
    "Our commissioning is person centred, facilitating choice, control and "
    "enabling risk."
)


def report(cast, sheet):
    return checklist_report.report(activity_row(sheet), names_in(cast.workshop))


def records(cast, sheet):
    return checklist_report.records(activity_row(sheet), names_in(cast.workshop))


def room(workshop, roles, named=False):
    """Participants with these roles."""
    return [
        make_participant(
            workshop, display_name=f"Person {n}", role=role, consent_named=named
        )
        for n, role in enumerate(roles)
    ]


@pytest.fixture
def sheet(cast):
    return make_checklist(cast.fac)


@pytest.fixture
def split(cast, sheet):
    """Three commissioners and three providers scored the first item (each
    role's scores differ), one with a comment and all agreed to be named;
    the scores are revealed."""
    people = room(cast.workshop, ["commissioner"] * 3 + ["provider"] * 3, named=True)
    for n, person in enumerate(people):
        comment = "We publish our prices" if n == 0 else ""
        score(
            participant_actor(person), sheet, value=2 if n < 3 else 1, comment=comment
        )
    set_phase(cast.fac, sheet, "reveal")
    return people


def test_nothing_is_shown_before_the_reveal(cast, sheet):
    score(cast.ann_actor, sheet, value=2, comment="We publish our prices")

    blocks, rows = report(cast, sheet), records(cast, sheet)

    assert blocks == [Paragraph("The scores have not been revealed.", "muted")]
    assert rows == []


def test_a_checklist_not_started_says_so(cast):
    sheet = make_checklist(cast.fac, phase="not_started")

    assert report(cast, sheet) == [
        Paragraph("This activity has not started yet.", "muted")
    ]


def test_the_distribution_charts_overall_and_by_role(cast, sheet, split):
    """Once revealed: the overall and by-role charts, each with app/charts.py's
    specification, its description and its numbers as sentences."""
    overall, by_role = blocks_of(report(cast, sheet), Chart)

    assert (overall.key, by_role.key) == ("overall", "by_role")
    assert overall.spec["$schema"].startswith("https://vega.github.io/schema/")
    assert overall.description == overall.spec["description"]
    assert overall.lines[0] == (
        f"{FIRST_ITEM} — {GOOD}: 3; {PATCHY}: 3; We cannot evidence this: 0"
    )
    assert f"{FIRST_ITEM} (Commissioner) — {GOOD}: 3; {PATCHY}: 0" in by_role.lines[0]
    assert f"{FIRST_ITEM} (Provider) — {GOOD}: 0; {PATCHY}: 3" in by_role.lines[1]


def test_no_role_split_when_buckets_would_be_too_small(cast, sheet):
    """Three providers and one carer: no split (the carer would stand out),
    and no role in any row."""
    for person in room(cast.workshop, ["provider"] * 3 + ["carer"]):
        score(participant_actor(person), sheet, value=1)
    set_phase(cast.fac, sheet, "reveal")

    blocks, rows = report(cast, sheet), records(cast, sheet)

    assert [chart.key for chart in blocks_of(blocks, Chart)] == ["overall"]
    assert Paragraph("Not shown by role: too few people in some roles.", "muted") in (
        blocks
    )
    assert "Carer" not in text(blocks)
    assert {row.role for row in rows} == {""}


def test_the_table_gives_counts_per_score_and_the_agreed_score(cast, sheet, split):
    set_phase(cast.fac, sheet, "agree")
    agreed = {"activity": sheet, "item": "element-1", "value": 1, "note": "Mixed"}
    act(cast.fac, "checklist.agree", agreed)

    [table] = blocks_of(report(cast, sheet), Table)

    assert table.header == (
        "Item",
        f"{GOOD} (2)",
        f"{PATCHY} (1)",
        "We cannot evidence this (0)",
        "Agreed score",
    )
    assert table.rows[0] == (FIRST_ITEM, "3", "3", "0", "1")
    assert table.rows[1][1:] == ("0", "0", "0", "")
    assert len(table.rows) == 8


def test_each_item_shows_its_wording_scores_agreement_and_comments(cast, sheet, split):
    """The item's wording is quoted from the source; its comments carry no
    author, though the commenter agreed to be named."""
    set_phase(cast.fac, sheet, "agree")
    agreed = {"activity": sheet, "item": "element-1", "value": 1, "note": "Mixed"}
    act(cast.fac, "checklist.agree", agreed)

    blocks = report(cast, sheet)

    at = blocks.index(Paragraph(FIRST_ITEM, "quote"))
    entries = {entry.text: entry for entry in blocks[at + 1].entries}
    scores = entries["Scores"].detail
    assert scores == f"{GOOD}: 3; {PATCHY}: 3; We cannot evidence this: 0"
    assert [c.text for c in entries[f"Agreed score: {PATCHY} (1)"].children] == [
        "Mixed"
    ]
    assert [c.text for c in entries["Comments"].children] == ["We publish our prices"]
    assert "Person" not in text(blocks)


def test_agreed_scores_appear_without_revealed_results(cast, sheet):
    """The room's agreed score is the room's: shown even where nobody's
    scores were revealed (here, nobody scored)."""
    set_phase(cast.fac, sheet, "agree")
    activity = activity_row(sheet)
    activity.content = {**activity.content, "revealed": False}
    db.session.commit()
    agreed = {"activity": sheet, "item": "element-2", "value": 2, "note": "Agreed"}
    act(cast.fac, "checklist.agree", agreed)

    blocks, rows = report(cast, sheet), records(cast, sheet)

    assert blocks_of(blocks, Chart) == []
    [table] = blocks_of(blocks, Table)
    assert table.header == ("Item", "Agreed score")
    assert [(row.type, row.value, row.text) for row in rows] == [
        ("agreed", "2", "Agreed")
    ]


def test_records_are_made_from_counts_and_point_to_nobody(cast, sheet, split):
    """One row per score (with its role bucket), per comment and per agreed
    score; no name, id or order that links a row to a person."""
    set_phase(cast.fac, sheet, "agree")
    agreed = {"activity": sheet, "item": "element-1", "value": 1, "note": "Mixed"}
    act(cast.fac, "checklist.agree", agreed)

    rows = records(cast, sheet)

    assert [(r.type, r.value, r.role, r.text) for r in rows] == [
        ("score", "2", "Commissioner", ""),
        ("score", "2", "Commissioner", ""),
        ("score", "2", "Commissioner", ""),
        ("score", "1", "Provider", ""),
        ("score", "1", "Provider", ""),
        ("score", "1", "Provider", ""),
        ("comment", "", "", "We publish our prices"),
        ("agreed", "1", "", "Mixed"),
    ]
    assert {r.item for r in rows} == {FIRST_ITEM}
    assert {r.author for r in rows} == {""}
    assert "Person" not in text(rows)


def test_an_anonymous_checklist_has_no_role_or_name_in_any_row(cast):
    payload = {"method": "ccps-checklist", "anonymous": "y"}
    sheet = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(cast.fac, sheet, "scoring")
    people = room(cast.workshop, ["commissioner"] * 3 + ["provider"] * 3, named=True)
    for person in people:
        score(participant_actor(person), sheet, value=2, comment="Good")
    set_phase(cast.fac, sheet, "reveal")

    blocks, rows = report(cast, sheet), records(cast, sheet)

    assert [row.role for row in rows if row.type == "score"] == [""] * 6
    assert "Good" in text(blocks)
    for found in strings([blocks, rows]):
        for person in people:
            assert person.display_name not in found
            assert person.public_id not in found


def test_priorities_are_counted_and_no_agreed_column_where_none_is_agreed(cast):
    sheet = make_checklist(cast.fac, method="ipc-behaviours")
    item = activity_row(sheet).content["method"]["content"]["sections"][0]["items"][0]
    for actor in (cast.ann_actor, cast.bob_actor):
        score(actor, sheet, item=item["key"], value=1, priority=True)
    set_phase(cast.fac, sheet, "reveal")

    blocks, rows = report(cast, sheet), records(cast, sheet)

    [table] = blocks_of(blocks, Table)
    assert table.caption == "Scores"
    assert "Agreed score" not in table.header  # this method agrees no scores
    entries = [
        entry.text for block in blocks for entry in getattr(block, "entries", ())
    ]
    assert "Marked as a priority by 2 people" in entries
    assert [row.type for row in rows].count("priority") == 2
