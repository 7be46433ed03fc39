"""What an action can be made from, and the words it copies ("you said").

The server copies the words from the source itself, never from the client:
a note the whole room could see (never a hidden one, nor private writing
before its reveal, nor a redacted one), a scenario topic's question, or a
checklist item's wording. What is copied is published on the series' public
summary, so a note by a person with lived experience (or a carer) is used
only if they agreed to be quoted (and the refusal says nothing of who wrote it).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from app import audiences
from app.changes import Refused
from app.extensions import db
from app.kinds.board_view import audiences_of
from app.kinds.content import checklist_items, method_content
from app.methods.texts import display
from app.models import Note, Redaction, agenda_of
from app.report.redaction import may_quote, note_target

NOTE_KINDS = ("board", "scenario")


@dataclass(frozen=True)
class Source:
    """One thing an action can be made from, as the page lists it."""

    kind: str  # "note", "topic" or "item"
    ref: str
    text: str


def raised_text(activity, source_kind, source_ref):
    """The words an action made from this source says were raised; Refused
    if the activity has no such source, or it may not be quoted."""
    if source_kind == "note" and activity.kind in NOTE_KINDS:
        return _quotable_note(activity, source_ref).text
    if source_kind == "topic" and activity.kind == "scenario":
        return _wording(_topics(activity), source_ref, "heading")
    if source_kind == "item" and activity.kind == "checklist":
        return _wording(checklist_items(activity), source_ref, "text")
    raise Refused("not_found", _("That activity has no such note, topic or item."))


def sources_of(activity):
    """Everything of `activity` an action can be made from, in order."""
    if activity.kind == "checklist":
        return [_source("item", i, "text") for i in checklist_items(activity)]
    found = []
    if activity.kind == "scenario":
        found += [_source("topic", t, "heading") for t in _topics(activity)]
    if activity.kind in NOTE_KINDS:
        found += [
            Source("note", note.public_id, note.text) for note in _notes(activity)
        ]
    return found


def note_withheld(workshop_id, note_public_id):
    """Whether a note an action quotes may no longer be shown: deleted,
    hidden or redacted since (its words are then withheld everywhere)."""
    note = db.session.scalar(sa.select(Note).filter_by(public_id=note_public_id))
    if note is None or note.hidden_at is not None:
        return True
    return _redacted(workshop_id, note)


def _quotable_note(activity, public_id):
    note = db.session.scalar(
        sa.select(Note).filter_by(activity_id=activity.id, public_id=public_id)
    )
    if note is None or not _room_sees(note, activity):
        raise Refused("not_found", _("That note does not exist here."))
    if not may_quote(note.author) or _redacted(activity.workshop_id, note):
        raise Refused(
            "not_allowed",
            _("This note cannot be quoted. Write the action in your own words."),
        )
    return note


def _room_sees(note, activity):
    """Whether the room's view (the projector's, as the report) shows it."""
    return audiences.PROJECTOR_STREAM in audiences_of(note, activity)


def _redacted(workshop_id, note):
    return note_target(note.public_id) in _redactions(workshop_id)


def _redactions(workshop_id):
    """The targets redacted in a workshop ("note:<public id>", …)."""
    return set(
        db.session.scalars(
            sa.select(Redaction.target).filter_by(workshop_id=workshop_id)
        )
    )


def _notes(activity):
    """The activity's notes that may be quoted, in the board's order."""
    notes = db.session.scalars(
        sa.select(Note)
        .filter_by(activity_id=activity.id)
        .order_by(Note.topic, Note.column, Note.order_key, Note.id)
        .options(selectinload(Note.author), selectinload(Note.group))
    ).all()
    redacted = _redactions(activity.workshop_id)
    return [
        note
        for note in notes
        if _room_sees(note, activity)
        and may_quote(note.author)
        and note_target(note.public_id) not in redacted
    ]


def _topics(activity):
    return [
        topic
        for stage in method_content(activity).get("stages", [])
        for topic in stage.get("topics", [])
    ]


def _wording(things, key, field):
    for thing in things:
        if thing.get("key") == key:
            return display(thing.get(field))
    raise Refused("not_found", _("That activity has no such note, topic or item."))


def _source(kind, thing, field):
    return Source(kind, thing["key"], display(thing.get(field)))


def activities_with_sources(workshop):
    """(activity, its sources) for each activity of `workshop` that has any."""
    activities = agenda_of(workshop.id)
    listed = [(activity, sources_of(activity)) for activity in activities]
    return [(activity, found) for activity, found in listed if found]
