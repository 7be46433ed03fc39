"""The archive of a whole workshop: a zip holding `workshop.json`, which
imports into another install (app/imports/) and is equal there on the
projected state.

It holds what the projector may see (the participant-level view) and what
the imported workshop needs to go on: no hidden note, no private writing
before its reveal, no vote counts still withheld from the room, no author
in an anonymous activity, no score, mark or vote linked to anyone (each
respondent is a number of one activity, with at most the role bucket the
report splits by), names and organisations only of people who agreed to be
named, and no event log, token or code. Rows refer to each other by
archive-local ids ("p1", "n2"), which mean nothing outside the file.
"""

import json
import zipfile

import sqlalchemy as sa

from app import privacy
from app.exports import contributions
from app.exports.contributions import Refs
from app.extensions import db
from app.models import Activity, Group, Participant, ReportText
from app.models.types import utcnow

FORMAT = "common-ground-workshop"
VERSION = 1
MEMBER = "workshop.json"


def write_json(workshop, path, progress):
    """Write `workshop`'s archive, a zip, at `path`."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(timespec="seconds"),
        "workshop": workshop_data(workshop, progress),
    }
    text = json.dumps(document, ensure_ascii=False, indent=1)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MEMBER, text)
    progress(100)


class Context:
    """What every part of the archive refers to, the participants' roles,
    and the participants that notes and cards point to (removed people are
    kept only for those)."""

    def __init__(self, workshop):
        self.activities = _rows(Activity, workshop, Activity.position, Activity.id)
        self.groups = _rows(Group, workshop, Group.id)
        self.participants = _rows(
            Participant, workshop, Participant.joined_at, Participant.id
        )
        self.activity = Refs("a", (row.id for row in self.activities))
        self.group = Refs("g", (row.id for row in self.groups))
        self.person = Refs("p", (row.id for row in self.participants))
        self.roles = {row.id: row.role for row in self.participants}
        self.group_of_public_id = {row.public_id: row.id for row in self.groups}
        self.pointed_to = set()

    def author(self, activity, participant_id):
        """A note's or card's link to its author: none if anonymous."""
        if privacy.is_anonymous(activity) or participant_id is None:
            return None
        self.pointed_to.add(participant_id)
        return self.person(participant_id)

    def group_ref(self, public_id):
        return self.group(self.group_of_public_id.get(public_id))


def _rows(model, workshop, *order):
    return db.session.scalars(
        sa.select(model).filter_by(workshop_id=workshop.id).order_by(*order)
    ).all()


def workshop_data(workshop, progress=lambda percent: None):
    """The archive's "workshop": everything the import makes a workshop of."""
    context = Context(workshop)
    activities = []
    for done, activity in enumerate(context.activities):
        activities.append(_activity(activity, context))
        progress(int(90 * (done + 1) / len(context.activities)))
    return {
        "title": workshop.title,
        "date": workshop.date.isoformat() if workshop.date else None,
        "purpose": workshop.purpose or "",
        "engagement_level": workshop.engagement_level,
        "current_activity": context.activity(workshop.current_activity_id),
        "report": _report_text(workshop),
        "groups": [_group(group, context) for group in context.groups],
        "participants": [
            _participant(person, context)
            for person in context.participants
            if not person.is_removed or person.id in context.pointed_to
        ],
        "activities": activities,
    }


def _report_text(workshop):
    text = db.session.get(ReportText, workshop.id)
    if text is None:
        return None
    return {
        "summary": text.summary,
        "key_messages": text.key_messages,
        "next_steps": text.next_steps,
    }


def _group(group, context):
    return {
        "id": context.group(group.id),
        "name": group.name,
        "current_activity": context.activity(group.current_activity_id),
    }


def _participant(person, context):
    """A participant: a name and organisation only if they agreed to be named."""
    named = person.consent_named
    return {
        "id": context.person(person.id),
        "display_name": person.display_name if named else None,
        "role": person.role,
        "organisation_type": person.organisation_type,
        "organisation": (person.organisation or None) if named else None,
        "consent_named": person.consent_named,
        "consent_quoted": person.consent_quoted,
        "has_device": person.has_device,
        "removed": person.is_removed,
        "group": context.group(person.group_id),
    }


def _activity(activity, context):
    return {
        "id": context.activity(activity.id),
        "kind": activity.kind,
        "title": activity.title,
        "position": activity.position,
        "phase": activity.phase,
        "in_groups": activity.in_groups,
        "engagement": activity.engagement,
        "minutes": activity.minutes,
        "content": _content(activity, context),
        **contributions.of(activity, context),
    }


def _content(activity, context):
    """The activity's settings and frozen method; groups named by archive id."""
    content = json.loads(json.dumps(dict(activity.content)))  # a deep copy
    if "allocation" in content:  # the scenario's topics given to groups
        content["allocation"] = {
            topic: [ref for ref in map(context.group_ref, groups) if ref]
            for topic, groups in content["allocation"].items()
        }
    if "services" in content:  # each group's own name for a pathway's service
        content["services"] = {
            context.group_ref(group): name
            for group, name in content["services"].items()
            if context.group_ref(group)
        }
    return content
