"""What each stream sees of a scenario: its columns, allocation, plenary
topic, notes and the topics nobody discussed (one projection for snapshots
and live events)."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.kinds.board_view import audiences_of, is_revealed, note_view
from app.kinds.content import method_content
from app.models import Group, Note


def snapshot(activity, stream_key):
    """The scenario as `stream_key` sees it:

    - `columns`: the columns on, in the method's order, each
      {"key", "title" (marked text), "optional"};
    - `allocation`: {topic key: [{"id", "name"} of each group given it]},
      topics given to nobody left out;
    - `plenary`: the topic key the plenary shows, or None;
    - `notes`: the notes this stream may see, in order, each the board's
      note view plus "topic" and "group" ({"id", "name"}, or None for a
      facilitator's note); a reader of several streams unions them by id;
    - `not_discussed`: once the groups have fed back, the topic keys no
      group wrote on, in the method's order (before that, empty).
    """
    notes = _notes(activity)
    groups = _groups(activity)
    return {
        "columns": _columns_on(activity),
        "allocation": _allocation_view(activity, groups),
        "plenary": activity.content.get("plenary"),
        "notes": [
            _note_view(note, activity, stream_key)
            for note in notes
            if stream_key in audiences_of(note, activity)
        ],
        "not_discussed": _not_discussed(activity, notes),
    }


def topic_keys(activity):
    """Every topic's key, in the method's order across its stages."""
    return [
        topic["key"]
        for stage in method_content(activity).get("stages", [])
        for topic in stage.get("topics", [])
    ]


def method_columns(activity):
    return method_content(activity).get("columns", [])


def _columns_on(activity):
    on = set(activity.content.get("columns_on", []))
    return [
        {"key": column["key"], "title": column["label"], "optional": column["optional"]}
        for column in method_columns(activity)
        if column["key"] in on
    ]


def _notes(activity):
    return db.session.scalars(
        sa.select(Note)
        .filter_by(activity_id=activity.id)
        .order_by(Note.order_key, Note.id)
        .options(
            selectinload(Note.group),
            selectinload(Note.author),
            selectinload(Note.author_user),
            selectinload(Note.votes),
        )
    ).all()


def _groups(activity):
    """The workshop's breakout groups by public id."""
    rows = db.session.scalars(
        sa.select(Group).filter_by(workshop_id=activity.workshop_id)
    )
    return {group.public_id: group for group in rows}


def _group_view(group):
    return {"id": group.public_id, "name": group.name} if group else None


def _allocation_view(activity, groups):
    allocation = activity.content.get("allocation", {})
    view = {}
    for topic in topic_keys(activity):
        given = [groups[i] for i in allocation.get(topic, []) if i in groups]
        if given:
            view[topic] = [_group_view(group) for group in given]
    return view


def _note_view(note, activity, stream_key):
    view = note_view(note, activity, stream_key)
    return {**view, "topic": note.topic, "group": _group_view(note.group)}


def _not_discussed(activity, notes):
    """Once fed back: the topics no group wrote on (a topic given to nobody
    gets no group's notes; a facilitator's notes are not a discussion)."""
    if not is_revealed(activity):
        return []
    discussed = {note.topic for note in notes if note.group_id is not None}
    return [topic for topic in topic_keys(activity) if topic not in discussed]
