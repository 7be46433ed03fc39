"""The report model: everything a workshop's report says, built from the
projected state, so the rules of the live screens hold in every format.

Each activity is seen as the projector sees it (the participant-level view:
nothing hidden, no private writing before its reveal, no author in an
anonymous activity) and described by its kind (`kind.report`). People are
counted by role and organisation type; a name appears only where its person
agreed to be named when they joined.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from app.extensions import db
from app.follow_ups import report as follow_ups_report
from app.kinds import kind_of
from app.kinds.content import method_of
from app.kinds.report_parts import record_for
from app.methods.texts import display
from app.models import Activity, Participant, ReportText, agenda_of
from app.report import redaction
from app.report.document import Paragraph
from app.vocabulary import (
    ORGANISATION_TYPES,
    PARTICIPANT_ROLES,
    engagement_labels,
    role_labels,
)


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    organisation: str


@dataclass(frozen=True)
class People:
    total: int
    by_role: tuple  # (label, count) pairs, in the vocabulary's order
    by_organisation_type: tuple
    named: tuple  # Person, for those who agreed to be named


@dataclass(frozen=True)
class AgendaItem:
    title: str
    method: str
    minutes: int | None
    status: str


@dataclass(frozen=True)
class Section:
    """One activity's part of the report."""

    id: str
    kind: str
    title: str
    method: str
    source: str
    status: str
    blocks: tuple


@dataclass(frozen=True)
class Report:
    workshop_id: str
    title: str
    date: str  # ISO date, or ""
    purpose: str
    engagement: str
    summary: tuple  # paragraphs
    key_messages: tuple
    next_steps: tuple
    agenda: tuple
    people: People
    sections: tuple


class Names:
    """Who may be named: a participant's name by public id, only if they
    agreed to be named. Kinds ask this; they never read names themselves.
    `withheld` (app/report/redaction.py) is what publishing leaves out:
    redacted contributions, and words of people who did not agree to be
    quoted; kinds filter their contributions through it."""

    def __init__(self, participants, withheld=None):
        self._named = {
            person.public_id: person.display_name
            for person in participants
            if person.consent_named
        }
        self.withheld = withheld or redaction.Withheld()

    def of(self, public_id):
        """The name to show for a participant, or "" (not agreed, or none)."""
        return self._named.get(public_id, "") if public_id else ""


def build(workshop, view=redaction.PUBLISHED):
    """The whole report of `workshop`, in the current interface language:
    as published (redacted and unquoted contributions left out, counted) or,
    with `view` TEAM, as the team's own view (each of them marked)."""
    participants = _participants(workshop)
    names = Names(participants, redaction.Withheld(workshop, view))
    activities = agenda_of(workshop.id)
    text = db.session.get(ReportText, workshop.id)
    return Report(
        workshop_id=workshop.public_id,
        title=workshop.title,
        date=workshop.date.isoformat() if workshop.date else "",
        purpose=workshop.purpose or "",
        engagement=engagement_labels().get(workshop.engagement_level, ""),
        summary=paragraphs(text.summary if text else ""),
        key_messages=lines(text.key_messages if text else ""),
        next_steps=lines(text.next_steps if text else ""),
        agenda=tuple(_agenda_item(activity) for activity in activities),
        people=_people(participants),
        sections=(
            *(_section(activity, names) for activity in activities),
            *_follow_ups_section(workshop),
        ),
    )


def section(workshop, activity_public_id, view=redaction.PUBLISHED):
    """One activity's section of the report (None: no such activity)."""
    activity = db.session.scalar(
        sa.select(Activity).filter_by(
            workshop_id=workshop.id, public_id=activity_public_id
        )
    )
    if activity is None:
        return None
    withheld = redaction.Withheld(workshop, view)
    return _section(activity, Names(_participants(workshop), withheld))


def records(workshop):
    """The raw data of every activity, as Records (CSV and XLSX), as
    published: redacted and unquoted contributions left out, counted."""
    names = Names(_participants(workshop), redaction.Withheld(workshop))
    rows = []
    for activity in agenda_of(workshop.id):
        kind = kind_of(activity)
        if kind is not None and kind.records is not None:
            rows.extend(kind.records(activity, names))
            rows.extend(names.withheld.notice_records(activity, record_for(activity)))
    return rows + follow_ups_report.records(workshop)


def _follow_ups_section(workshop):
    """The actions agreed and reviewed here, as one more section (none if
    there are none)."""
    found = follow_ups_report.section(workshop, Section)
    return (found,) if found is not None else ()


def paragraphs(text):
    """Paragraphs of typed text: split on blank lines, lines joined."""
    blocks = (block.strip() for block in text.replace("\r\n", "\n").split("\n\n"))
    return tuple(" ".join(block.split("\n")) for block in blocks if block)


def lines(text):
    """One item per non-empty line of typed text."""
    found = (line.strip() for line in text.replace("\r\n", "\n").split("\n"))
    return tuple(line for line in found if line)


def _participants(workshop):
    return db.session.scalars(
        sa.select(Participant)
        .filter_by(workshop_id=workshop.id)
        .order_by(Participant.joined_at, Participant.id)
    ).all()


def _people(participants):
    present = [person for person in participants if not person.is_removed]
    roles, types = role_labels(), ORGANISATION_TYPES
    return People(
        total=len(present),
        by_role=_counted(present, "role", PARTICIPANT_ROLES, roles),
        by_organisation_type=_counted(
            present, "organisation_type", types, {k: str(v) for k, v in types.items()}
        ),
        named=tuple(
            Person(
                person.display_name,
                roles.get(person.role, ""),
                person.organisation or "",
            )
            for person in present
            if person.consent_named
        ),
    )


def _counted(people, attribute, order, labels):
    counts = {}
    for person in people:
        key = getattr(person, attribute)
        counts[key] = counts.get(key, 0) + 1
    return tuple((labels.get(key, key), counts[key]) for key in order if key in counts)


def _method_name(activity):
    return display(method_of(activity).get("title", "")) or activity.kind


def _source(activity):
    source = method_of(activity).get("source") or {}
    parts = (source.get("title"), source.get("publisher"))
    return ", ".join(part for part in parts if part)


def _status(activity):
    kind = kind_of(activity)
    if kind is None or activity.phase == kind.initial_phase:
        return _("Not run yet.")
    if activity.phase == "closed":
        return _("Finished.")
    return _("In progress.")


def _agenda_item(activity):
    return AgendaItem(
        title=activity.title,
        method=_method_name(activity),
        minutes=activity.minutes,
        status=_status(activity),
    )


def _section(activity, names):
    kind = kind_of(activity)
    if kind is None or kind.report is None:
        blocks = (Paragraph(_("This activity has nothing to report."), "muted"),)
    else:
        blocks = tuple(kind.report(activity, names))
        blocks += names.withheld.notice(activity)
    return Section(
        id=activity.public_id,
        kind=activity.kind,
        title=activity.title,
        method=_method_name(activity),
        source=_source(activity),
        status=_status(activity),
        blocks=blocks,
    )
