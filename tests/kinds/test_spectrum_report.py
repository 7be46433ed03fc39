"""A spectrum's part of the report and its raw data
(app/kinds/spectrum_report.py): dot plots and per-dimension tables only once
revealed, by role only in buckets of three or more, and rows made from the
counts that point to nobody."""

import pytest

from app.kinds import spectrum_report
from app.report.document import Chart, Paragraph, Table
from tests.builders import (
    act,
    activity_row,
    make_participant,
    participant_actor,
    set_phase,
)
from tests.kinds.test_spectrum import FIRST, make_spectrum, mark
from tests.report.reading import blocks_of, names_in, strings, text

NEED = "Identification of need"


def report(cast, plot):
    return spectrum_report.report(activity_row(plot), names_in(cast.workshop))


def records(cast, plot):
    return spectrum_report.records(activity_row(plot), names_in(cast.workshop))


def room(workshop, roles):
    """Participants with these roles, each agreeing to be named."""
    return [
        make_participant(
            workshop, display_name=f"Person {n}", role=role, consent_named=True
        )
        for n, role in enumerate(roles)
    ]


@pytest.fixture
def plot(cast):
    return make_spectrum(cast.fac)


@pytest.fixture
def split(cast, plot):
    """Three commissioners (now 2, want 4) and three providers (now 1, want
    5) marked the first dimension; the marks are revealed."""
    people = room(cast.workshop, ["commissioner"] * 3 + ["provider"] * 3)
    for n, person in enumerate(people):
        now, aspiration = (2, 4) if n < 3 else (1, 5)
        mark(participant_actor(person), plot, now=now, aspiration=aspiration)
    set_phase(cast.fac, plot, "reveal")
    return people


def test_nothing_is_shown_before_the_reveal(cast, plot):
    mark(cast.ann_actor, plot)

    assert report(cast, plot) == [
        Paragraph("The marks have not been revealed.", "muted")
    ]
    assert records(cast, plot) == []


def test_a_spectrum_not_started_says_so(cast):
    plot = make_spectrum(cast.fac, phase="not_started")

    assert report(cast, plot) == [
        Paragraph("This activity has not started yet.", "muted")
    ]


def test_dot_plots_overall_and_by_role_with_their_numbers(cast, plot, split):
    blocks = report(cast, plot)

    assert blocks[0] == Paragraph("6 people marked.")
    overall, by_role = blocks_of(blocks, Chart)
    assert (overall.key, by_role.key) == ("overall", "by_role")
    assert overall.description == overall.spec["description"]
    assert overall.lines[0].startswith(f"{NEED} (1: Funder identifies")
    assert "Where we are now: 3 people at 1, 3 people at 2." in overall.lines[0]
    assert by_role.lines[0].startswith(f"{NEED} (Commissioner)")
    assert "Where we want to be: 3 people at 4." in by_role.lines[0]


def test_a_table_per_marked_dimension_counts_each_point(cast, plot, split):
    """Only the dimension people marked gets a table (the chart's text says
    "nobody" for the others)."""
    tables = blocks_of(report(cast, plot), Table)

    assert len(tables) == 1
    need = tables[0]
    assert need.caption == NEED
    assert need.header == ("Point", "Where we are now", "Where we want to be")
    assert need.rows == (
        ("1: Funder identifies and defines need.", "3", "0"),
        ("2", "3", "0"),
        ("3", "0", "0"),
        ("4", "0", "3"),
        (
            "5: Applicants and funder identify and define need together.",
            "0",
            "3",
        ),
    )


def test_no_role_split_when_buckets_would_be_too_small(cast, plot):
    for person in room(cast.workshop, ["provider"] * 3 + ["lived_experience"]):
        mark(participant_actor(person), plot)
    set_phase(cast.fac, plot, "reveal")

    blocks, rows = report(cast, plot), records(cast, plot)

    assert [chart.key for chart in blocks_of(blocks, Chart)] == ["overall"]
    assert "lived experience" not in text(blocks)
    assert {row.role for row in rows} == {""}


def test_records_are_made_from_counts_and_point_to_nobody(cast, plot, split):
    rows = records(cast, plot)

    assert [(r.type, r.item, r.text, r.value, r.role) for r in rows] == [
        ("mark", NEED, "now", "2", "Commissioner"),
        ("mark", NEED, "now", "2", "Commissioner"),
        ("mark", NEED, "now", "2", "Commissioner"),
        ("mark", NEED, "aspiration", "4", "Commissioner"),
        ("mark", NEED, "aspiration", "4", "Commissioner"),
        ("mark", NEED, "aspiration", "4", "Commissioner"),
        ("mark", NEED, "now", "1", "Provider"),
        ("mark", NEED, "now", "1", "Provider"),
        ("mark", NEED, "now", "1", "Provider"),
        ("mark", NEED, "aspiration", "5", "Provider"),
        ("mark", NEED, "aspiration", "5", "Provider"),
        ("mark", NEED, "aspiration", "5", "Provider"),
    ]
    for found in strings([report(cast, plot), rows]):
        for person in split:
            assert person.display_name not in found
            assert person.public_id not in found


def test_an_anonymous_spectrum_has_no_role_in_any_row(cast):
    payload = {"method": "ccps-spectrum", "anonymous": "y"}
    plot = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(cast.fac, plot, "mark")
    people = room(cast.workshop, ["commissioner"] * 3 + ["provider"] * 3)
    for person in people:
        mark(participant_actor(person), plot, dimension=FIRST)
    set_phase(cast.fac, plot, "reveal")

    blocks, rows = report(cast, plot), records(cast, plot)

    assert len(rows) == 12
    assert {row.role for row in rows} == {""}
    for found in strings([blocks, rows]):
        for person in people:
            assert person.display_name not in found
            assert person.public_id not in found
