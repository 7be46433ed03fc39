"""Who may see a board note, and how each stream sees it."""

import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.models import Note


def is_revealed(activity):
    return bool(activity.content.get("revealed"))


def audiences_of(note, activity):
    """The streams that may see `note` now."""
    if note.hidden_at is not None:
        return {audiences.FACILITATORS}
    if note.private and not is_revealed(activity) and note.author is not None:
        return {audiences.private(note.author)}
    if note.group is not None and not _fed_back(activity):
        return {
            audiences.group(note.group),
            audiences.FACILITATORS,
            audiences.PROJECTOR_STREAM,
        }
    return {audiences.PARTICIPANTS, audiences.FACILITATORS, audiences.PROJECTOR_STREAM}


def _fed_back(activity):
    """Whether the groups' notes are now the whole room's: an activity whose
    groups feed back to a plenary (the scenario) shares them at its reveal."""
    return bool(activity.content.get("groups_feed_back")) and is_revealed(activity)


def note_view(note, activity, stream_key):
    """A note as `stream_key` sees it: ids are public, text is as typed."""
    view = {
        "id": note.public_id,
        "activity": activity.public_id,
        "column": note.column,
        "order": note.order_key,
        "text": note.text,
        "version": note.version,
        "votes": len(note.votes),
        "author": note.author.public_id if note.author else None,
        "author_name": _author_name(note),
        "private": note.private and not is_revealed(activity),
    }
    if stream_key == audiences.FACILITATORS:
        view["hidden"] = note.hidden_at is not None
        view["hidden_by"] = note.hidden_by.name if note.hidden_by else None
    return view


def _author_name(note):
    if note.author is not None:
        return note.author.display_name
    return note.author_user.name if note.author_user else None


def project_note(activity, note, note_public_id, stream_key):
    """The note for `stream_key`, or word that it left that stream's view."""
    if note is not None and stream_key in audiences_of(note, activity):
        return {"note": note_view(note, activity, stream_key)}
    return {"note_removed": note_public_id, "activity": activity.public_id}


def snapshot(activity, stream_key):
    """Every note of the board that `stream_key` may see."""
    notes = db.session.scalars(
        sa.select(Note).filter_by(activity_id=activity.id).order_by(Note.order_key)
    ).all()
    state = {
        "columns": activity.content.get("columns", []),
        "notes": [
            note_view(note, activity, stream_key)
            for note in notes
            if stream_key in audiences_of(note, activity)
        ],
    }
    voter = audiences.private_owner(stream_key)
    if voter is not None:
        state["my_votes"] = [
            note.public_id
            for note in notes
            if any(vote.participant_id == voter.id for vote in note.votes)
        ]
    return state
