"""The whole report as one run of plain blocks, top to bottom, for the
formats that write a document in order (Word, Markdown).

The report's own parts (title, facts, the facilitator's words, agenda,
people) become the same blocks the kinds use for their sections, so each
renderer has one way to draw a heading, a list or a table. The HTML macro
(templates/report/_report.html) lays the same parts out by hand.
Levels: 1 the title, 2 each part and each activity, 3 and 4 within.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from app.report.document import Entries, Entry, Heading, Paragraph, Table


@dataclass(frozen=True)
class Field:
    """A labelled fact: "Purpose: ...", the label in bold."""

    label: str
    value: str


def blocks(report):
    """Every block of `report`, in reading order."""
    yield from front_blocks(report)
    for section in report.sections:
        yield from section_blocks(section)


def front_blocks(report):
    """What comes before the activities: title, facts, the facilitator's
    words, the agenda and who took part."""
    yield Heading(report.title, 1)
    yield from _facts(report)
    yield from _facilitator_words(report)
    yield from _agenda(report.agenda)
    yield from _people(report.people)


def section_blocks(section):
    """One activity: its title, what it is, where it comes from, then its blocks."""
    yield Heading(section.title, 2)
    yield Field(_("Method"), section.method)
    if section.source:
        yield Field(_("Source"), section.source)
    yield Field(_("Status"), section.status)
    for block in section.blocks:
        yield _within_section(block)


def _within_section(block):
    """A kind's headings sit below the activity's own (level 3 and down)."""
    if isinstance(block, Heading) and block.level < 3:
        return Heading(block.text, 3)
    return block


def _facts(report):
    for label, value in (
        (_("Date"), report.date),
        (_("Purpose"), report.purpose),
        (_("Level of engagement"), report.engagement),
    ):
        if value:
            yield Field(label, value)


def _facilitator_words(report):
    if report.summary:
        yield Heading(_("Summary"), 2)
        yield from (Paragraph(text) for text in report.summary)
    for title, items in (
        (_("Key messages"), report.key_messages),
        (_("Next steps"), report.next_steps),
    ):
        if items:
            yield Heading(title, 2)
            yield Entries(tuple(Entry(text) for text in items))


def _agenda(agenda):
    if not agenda:
        return
    yield Heading(_("Agenda"), 2)
    yield Table(
        _("The activities in agenda order"),
        (_("Activity"), _("Method"), _("Minutes"), _("Status")),
        tuple(
            (item.title, item.method, _minutes(item.minutes), item.status)
            for item in agenda
        ),
    )


def _minutes(value):
    """An activity's planned minutes as text ("" when not planned)."""
    return "" if value is None else str(value)


def _took_part(total):
    return ngettext("%(num)d person took part.", "%(num)d people took part.", total)


def _people(people):
    yield Heading(_("Who took part"), 2)
    yield Paragraph(_took_part(people.total))
    for caption, label, counts in (
        (_("People by role"), _("Role"), people.by_role),
        (
            _("People by organisation type"),
            _("Organisation type"),
            people.by_organisation_type,
        ),
    ):
        if counts:
            rows = tuple((name, str(count)) for name, count in counts)
            yield Table(caption, (label, _("People")), rows)
    if people.named:
        yield Heading(_("Named with their agreement"), 3)
        yield Entries(
            tuple(Entry(person.name, _person_detail(person)) for person in people.named)
        )


def _person_detail(person):
    """A named person's role and organisation, as one line."""
    return " · ".join(part for part in (person.role, person.organisation) if part)
