"""Who may see a board note, and how each stream sees it."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app import audiences, privacy
from app.extensions import db
from app.kinds.board_results import dots_on
from app.kinds.board_settings import options_of, votes_hidden
from app.kinds.board_theme_view import (
    group_choices,
    theme_public_id,
    theme_view,
    themes_of,
)
from app.models import Group, Note


def is_revealed(activity):
    return bool(activity.content.get("revealed"))


def audiences_of(note, activity):
    """The streams that may see `note` now."""
    if note.hidden_at is not None:
        return {audiences.FACILITATORS}
    if note.private and not is_revealed(activity) and note.author is not None:
        seen = {audiences.private(note.author)}
        if privacy.facilitators_see_private(activity):
            seen.add(audiences.FACILITATORS)
        return seen
    if note.group is not None and not _fed_back(activity):
        seen = {
            audiences.group(note.group),
            audiences.FACILITATORS,
            audiences.PROJECTOR_STREAM,
        }
    else:
        seen = {
            audiences.PARTICIPANTS,
            audiences.FACILITATORS,
            audiences.PROJECTOR_STREAM,
        }
    if note.author is not None and privacy.is_anonymous(activity):
        # No shared copy names the author; their own stream says it is theirs.
        seen.add(audiences.private(note.author))
    return seen


def _fed_back(activity):
    """Whether the groups' notes are now the whole room's: an activity whose
    groups feed back to a plenary (the scenario) shares them at its reveal."""
    return bool(activity.content.get("groups_feed_back")) and is_revealed(activity)


def theme_audiences(theme, activity):
    """The streams that may see a theme: those that see its group's notes."""
    if theme.group_id is not None and not _fed_back(activity):
        group = db.session.get(Group, theme.group_id)
        if group is not None:
            return {
                audiences.group(group),
                audiences.FACILITATORS,
                audiences.PROJECTOR_STREAM,
            }
    return {audiences.PARTICIPANTS, audiences.FACILITATORS, audiences.PROJECTOR_STREAM}


def note_view(note, activity, stream_key):
    """A note as `stream_key` sees it: ids are public, text is as typed."""
    view = {
        "id": note.public_id,
        "activity": activity.public_id,
        "column": note.column,
        "order": note.order_key,
        "text": note.text,
        "version": note.version,
        "votes": dots_on(note),
        "theme": theme_public_id(note),
        "group": note.group.public_id if note.group else None,
        "author": note.author.public_id if note.author else None,
        "author_name": _author_name(note),
        "entered_by": _entered_by(note),
        "private": note.private and not is_revealed(activity),
    }
    if privacy.is_anonymous(activity):
        view["author"] = view["author_name"] = view["entered_by"] = None
        view["mine"] = note.author is not None and stream_key == audiences.private(
            note.author
        )
    if stream_key == audiences.FACILITATORS:
        view["hidden"] = note.hidden_at is not None
        view["hidden_by"] = note.hidden_by.name if note.hidden_by else None
    if votes_hidden(activity, stream_key):
        del view["votes"]  # no count reaches the room until voting closes
    return view


def _entered_by(note):
    """A scribe entry (app/scribe.py): the facilitator who typed it for its
    writer, who has no device."""
    return note.author_user.name if note.author and note.author_user else None


def _author_name(note):
    if note.author is not None:
        return note.author.display_name
    return note.author_user.name if note.author_user else None


def project_note(activity, note, note_public_id, stream_key):
    """The note for `stream_key`, or word that it left that stream's view."""
    if note is not None and stream_key in audiences_of(note, activity):
        return {"note": note_view(note, activity, stream_key)}
    return {"note_removed": note_public_id, "activity": activity.public_id}


# What a note's view reads, loaded with the notes in a few queries rather
# than one query per note (a 2,000-note board's snapshot: 1.5 s to 0.1 s).
WHOLE_NOTE = (
    selectinload(Note.votes),
    selectinload(Note.author),
    selectinload(Note.author_user),
    selectinload(Note.group),
    selectinload(Note.hidden_by),
)


def snapshot(activity, stream_key):
    """Every note and theme of the board that `stream_key` may see, the
    board's settings, and on a participant's own stream their dots."""
    themes = themes_of(activity)
    notes = db.session.scalars(
        sa.select(Note)
        .filter_by(activity_id=activity.id)
        .order_by(Note.order_key)
        .options(*WHOLE_NOTE)
    ).all()
    state = {
        "columns": activity.content.get("columns", []),
        "notes": [
            note_view(note, activity, stream_key)
            for note in notes
            if stream_key in audiences_of(note, activity)
        ],
        "themes": [
            theme_view(theme, activity)
            for theme in themes
            if stream_key in theme_audiences(theme, activity)
        ],
        "options": options_of(activity),
    }
    if stream_key == audiences.FACILITATORS and activity.in_groups:
        state["groups"] = group_choices(activity)  # whose theme a new one is
    voter = audiences.private_owner(stream_key)
    if voter is not None:
        state["my_dots"] = my_dots(notes, voter)
    return state


def my_dots(notes, voter):
    """{note public id: how many of `voter`'s dots are on it}, for each of
    `notes` they placed a dot on."""
    return {
        note.public_id: vote.count
        for note in notes
        for vote in note.votes
        if vote.participant_id == voter.id
    }
