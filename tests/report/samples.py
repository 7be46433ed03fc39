"""A whole report made directly as dataclasses, for the renderers' tests: every
kind of block, real charts from app/charts.py, and user text that looks like
markup, Markdown or a spreadsheet formula. Call inside an app context."""

from app import charts
from app.report.document import (
    Chart,
    Entries,
    Entry,
    Heading,
    Paragraph,
    Table,
)
from app.report.model import AgendaItem, People, Person, Report, Section

# User text that must stay the same plain text in every format.
MARKUP = "<script>alert(1)</script> <b>not bold</b> & co"
MARKDOWN = "**not bold** [x](javascript:alert(1)) <img src=x> # not a heading"
FORMULA = "=1+2"
LEADING = "1. not a list - and + not - either | nor a cell"
EVIL = (MARKUP, MARKDOWN, FORMULA, LEADING)

SCALE = [
    {"value": 2, "label": "We have good consistent evidence"},
    {"value": 1, "label": "Our evidence is mixed or patchy"},
    {"value": 0, "label": "We cannot evidence this"},
]
ITEMS = [
    {"key": "element-1", "label": "Our commissioning is person centred."},
    {"key": "element-2", "label": "Our commissioning is outcome focused."},
]
COUNTS = [
    {"item": "element-1", "value": 2, "count": 3},
    {"item": "element-1", "value": 0, "count": 1},
    {"item": "element-2", "value": 1, "count": 4},
]
DIMENSIONS = [
    {
        "key": "need",
        "label": "Identification of need",
        "left": "Funder identifies and defines need.",
        "right": "Applicants and funder identify and define need together.",
    }
]
MARKS = [
    {"dimension": "need", "position": 2, "which": "now", "count": 3},
    {"dimension": "need", "position": 4, "which": "aspiration", "count": 2},
]


def chart(key, title, spec, rows):
    return Chart(
        key=key,
        title=title,
        spec=spec,
        description=spec["description"],
        lines=tuple(row["text"] for row in rows),
    )


def distribution_chart():
    return chart(
        "overall",
        "How many gave each score",
        charts.checklist_distribution(ITEMS, SCALE, COUNTS),
        charts.describe_checklist_distribution(ITEMS, SCALE, COUNTS),
    )


def spectrum_chart():
    return chart(
        "overall",
        "Where we are now, and where we want to be",
        charts.spectrum_dots(DIMENSIONS, 5, MARKS),
        charts.describe_spectrum_dots(DIMENSIONS, 5, MARKS),
    )


def board_section():
    notes = (
        Entry("More time with the same carer", "5 dots · Ann Jones"),
        Entry(MARKUP, "2 dots"),
        Entry(MARKDOWN, "1 dot"),
    )
    return Section(
        id="act-board",
        kind="board",
        title="What works well now?",
        method="Open board",
        source="",
        status="Finished.",
        blocks=(
            Heading("Themes, by votes"),
            Entries(
                (
                    Entry("Continuity of care", "8 dots", notes),
                    Entry("Paperwork", "3 dots", (Entry(FORMULA),)),
                ),
                ordered=True,
            ),
            Heading("Not in a theme", 4),
            Entries((Entry(LEADING),)),
            Paragraph("One note was hidden by the facilitator.", "muted"),
        ),
    )


def checklist_section():
    return Section(
        id="act-checklist",
        kind="checklist",
        title="How well do we commission?",
        method="Commissioning checklist",
        source="Think Local Act Personal, Ideas for commissioning",
        status="Finished.",
        blocks=(
            Paragraph("Score each statement as a group.", "quote"),
            distribution_chart(),
            Table(
                "Agreed scores",
                ("Item", "Agreed score", "Note"),
                (
                    ("Our commissioning is person centred.", "2", FORMULA),
                    ("Our commissioning is outcome focused.", "1", MARKDOWN),
                ),
            ),
        ),
    )


def pathway_section():
    steps = (
        Entry("Referral", children=(Entry("Resource: the GP"),)),
        Entry("Assessment", children=(Entry("Wall: waiting lists"),)),
        Entry("Living well at home"),
    )
    return Section(
        id="act-road",
        kind="pathway",
        title="The road to good care",
        method="The yellow brick road",
        source="",
        status="In progress.",
        blocks=(Entries(steps, ordered=True, style="road"),),
    )


def spectrum_section():
    return Section(
        id="act-spectrum",
        kind="spectrum",
        title="Power and partnership",
        method="Spectrum",
        source="",
        status="Finished.",
        blocks=(spectrum_chart(),),
    )


def sample_report():
    """A provider forum's report with one section of each kind of block."""
    return Report(
        workshop_id="ws-1",
        title="Home care provider forum",
        date="2025-03-14",
        purpose="Shape the new home care contract together.",
        engagement="Consultation",
        summary=(
            "Providers and commissioners met to look at home care.",
            f"A note said: {MARKUP}",
        ),
        key_messages=("Continuity of care matters most.", MARKDOWN),
        next_steps=("Draft the specification by May.",),
        agenda=(
            AgendaItem("What works well now?", "Open board", 20, "Finished."),
            AgendaItem("How well do we commission?", "Checklist", None, "Finished."),
        ),
        people=People(
            total=9,
            by_role=(("Provider", 6), ("Commissioner", 3)),
            by_organisation_type=(("Private provider", 5), ("Council", 4)),
            named=(Person("Ann Jones", "Provider", "Bright Homes"),),
        ),
        sections=(
            board_section(),
            checklist_section(),
            pathway_section(),
            spectrum_section(),
        ),
    )
