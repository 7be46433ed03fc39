"""The board: columns of notes that people add, edit, move and delete;
private writing revealed by phase; notes hidden live by facilitators. Its
themes (grouping) are in app/kinds/board_themes.py, its dot voting in
app/kinds/board_votes.py, its settings in app/kinds/board_options.py.

The note helpers without a leading underscore (finding, editing, moving,
deleting, ordering) also serve the scenario, whose notes are the board's,
each on one of its topics: a note is ordered among the notes of its own
topic and column (`topic` None: a board's note).
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from fractional_indexing import generate_key_between

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.kinds import board_report
from app.kinds.base import ActivityKind
from app.kinds.board_forms import AddNoteForm, EditNoteForm, MoveNoteForm, NoteRef
from app.kinds.board_results import dots_on, ranked
from app.kinds.board_settings import phase_changes_visibility
from app.kinds.board_view import audiences_of, project_note, snapshot
from app.models import Activity, Note
from app.models.types import utcnow


def new_content(method):
    """Columns from the method (its labels keep their quote or interface
    marks, so each screen shows them in its own language)."""
    columns = [
        {"key": column["key"], "title": column["label"], "prompts": column["prompts"]}
        for column in method["content"]["columns"]
    ]
    return {
        "method": method,
        "columns": columns,
        "allow_private": True,
        "revealed": False,
    }


def summary(activity):
    """How many notes (hidden ones left out) and which has the most dots."""
    notes = db.session.scalars(
        sa.select(Note).filter_by(activity_id=activity.id, hidden_at=None)
    ).all()
    if not notes:
        return _("No notes yet.")
    top = ranked(activity, notes)
    if not top:
        return _("Notes: %(count)d.", count=len(notes))
    return _(
        "Notes: %(count)d; most votes: “%(text)s” (%(votes)d).",
        count=len(notes),
        text=top[0].text,
        votes=dots_on(top[0]),
    )


KIND = ActivityKind(
    key="board",
    phases=("not_started", "writing", "grouping", "voting", "discussion", "closed"),
    snapshot=snapshot,
    new_content=new_content,
    # Private writing is revealed on leaving writing: grouping needs it all.
    reveal_phases=frozenset({"grouping", "voting", "discussion", "closed"}),
    summary=summary,
    report=board_report.report,
    records=board_report.records,
    phase_changes_visibility=phase_changes_visibility,
)


def project(workshop, refs, stream_key):
    """A board event as `stream_key` sees it, from the state as it is now."""
    activity = db.session.get(Activity, refs["activity"])
    note = db.session.get(Note, refs["note"]) if refs.get("note") else None
    return project_note(activity, note, refs["note_public"], stream_key)


def _board_action(name, form):
    return action(f"board.{name}", form, project, kind="board")


@_board_action("add_note", AddNoteForm)
def add_note(ctx, data):
    """Add a note to a column (participants: private if they choose)."""
    activity, author = ctx.activity, ctx.loaded.participant
    column = _column(activity, data["column"])
    note = Note(
        activity_id=activity.id,
        column=column,
        order_key=key_at_end(activity, column),
        text=data["text"],
        author_participant_id=author.id if author else None,
        author_user_id=ctx.loaded.user.id if ctx.loaded.user else None,
        private=bool(
            data["private"] and author and activity.content.get("allow_private")
        ),
        group_id=author.group_id if author and activity.in_groups else None,
        votes=[],  # a new note has none: known without asking the database
    )
    db.session.add(note)
    db.session.flush()
    return note_outcome(activity, note, None, result={"note": note.public_id})


@_board_action("edit_note", EditNoteForm)
def edit_note(ctx, data):
    """Change a note's text; its author only, and only from the latest version."""
    return change_text(ctx, data)


@_board_action("move_note", MoveNoteForm)
def move_note(ctx, data):
    """Move a note to a column, between two neighbours (last writer wins)."""
    return place(ctx, data, _column)


@_board_action("delete_note", NoteRef)
def delete_note(ctx, data):
    """Delete a note for good: its author or a facilitator."""
    return remove(ctx, data)


def change_text(ctx, data):
    """Change a note's text: its author only, from the latest version."""
    note = find_note(ctx, data["note"])
    must_be_author(ctx, note)
    if data["version"] != note.version:
        raise Refused(
            "stale",
            _("Someone changed this note while you were editing it."),
            current={"text": note.text, "version": note.version},
        )
    before = audiences_of(note, ctx.activity)
    note.text, note.version = data["text"], note.version + 1
    return note_outcome(ctx.activity, note, before, result={"version": note.version})


def place(ctx, data, column_of):
    """Move a note to a column of its topic (`column_of(activity, key)` checks
    the column), between two neighbours; last writer wins."""
    note = find_note(ctx, data["note"])
    before = audiences_of(note, ctx.activity)
    note.column = column_of(ctx.activity, data["column"])
    note.order_key = key_between(
        ctx, data["after"], data["before"], note.column, note.topic
    )
    return note_outcome(ctx.activity, note, before, result={"order": note.order_key})


def remove(ctx, data):
    """Delete a note for good: a participant only their own."""
    note = find_note(ctx, data["note"])
    if ctx.loaded.participant is not None:
        must_be_author(ctx, note)
    before = audiences_of(note, ctx.activity)
    public_id = note.public_id
    db.session.delete(note)
    db.session.flush()
    outcome = note_outcome(ctx.activity, None, before)
    outcome.refs["note_public"] = public_id
    return outcome


@_board_action("hide_note", NoteRef)
def hide_note(ctx, data):
    """Hide a note from every screen but the facilitators', at once."""
    return _set_hidden(ctx, data, hidden=True)


@_board_action("unhide_note", NoteRef)
def unhide_note(ctx, data):
    """Show a hidden note again."""
    return _set_hidden(ctx, data, hidden=False)


def _set_hidden(ctx, data, hidden):
    note = find_note(ctx, data["note"])
    before = audiences_of(note, ctx.activity)
    note.hidden_at = utcnow() if hidden else None
    note.hidden_by_id = ctx.loaded.user.id if hidden else None
    return note_outcome(ctx.activity, note, before)


def note_outcome(activity, note, before, result=None):
    """Send to every stream that saw the note (`before`; None for a new note)
    or sees it now; a stream that gains or loses an existing note has had its
    visibility changed, and resync across that answers with a snapshot."""
    after = audiences_of(note, activity) if note is not None else set()
    if before is None:
        before = after
    refs = {"activity": activity.id, "note": note.id if note else None}
    refs["note_public"] = note.public_id if note else None
    changed = {key: (key in before) != (key in after) for key in before | after}
    kept = (activity, note) if note is not None else (activity,)
    return Outcome(refs=refs, audiences=changed, result=result or {}, kept=kept)


def find_note(ctx, public_id):
    """The activity's note, if this actor may see it; else "not found"."""
    note = db.session.scalar(
        sa.select(Note).filter_by(activity_id=ctx.activity.id, public_id=public_id)
    )
    if note is None or not _can_see(ctx, note):
        raise Refused("not_found", _("That note does not exist here."))
    return note


def _can_see(ctx, note):
    if ctx.loaded.participant is None:
        # Facilitators see every note, hidden ones included, but not private
        # writing before the reveal.
        return audiences.FACILITATORS in audiences_of(note, ctx.activity) or (
            note.hidden_at is not None
        )
    return bool(
        set(audiences.streams_for(ctx.loaded)) & audiences_of(note, ctx.activity)
    )


def must_be_author(ctx, note):
    participant, user = ctx.loaded.participant, ctx.loaded.user
    mine = (participant and note.author_participant_id == participant.id) or (
        user and note.author_user_id == user.id
    )
    if not mine:
        raise Refused("not_allowed", _("Only the person who wrote a note can do that."))


def _column(activity, key):
    keys = [column["key"] for column in activity.content.get("columns", [])]
    if key not in keys:
        raise Refused(
            "invalid", _("That column does not exist."), fields={"column": []}
        )
    return key


def key_at_end(activity, column, topic=None):
    """An order key after every note of `column` (of `topic`, if given)."""
    last = db.session.scalar(
        sa.select(sa.func.max(Note.order_key)).filter_by(
            activity_id=activity.id, column=column, topic=topic
        )
    )
    return generate_key_between(last, None)


def _neighbour(ctx, public_id, column, topic):
    """The order key of a neighbour note, which must be in `column` of `topic`."""
    if not public_id:
        return None
    note = find_note(ctx, public_id)
    if note.column != column or note.topic != topic:
        raise Refused("invalid", _("Those notes are not next to each other."))
    return note.order_key


def key_between(ctx, after_id, before_id, column, topic=None):
    """An order key between two notes of `column` of `topic` (None: that end)."""
    after = _neighbour(ctx, after_id, column, topic)
    before = _neighbour(ctx, before_id, column, topic)
    if after is None and before is None:
        return key_at_end(ctx.activity, column, topic)
    if after is not None and before is not None and after >= before:
        raise Refused("invalid", _("Those notes are not next to each other."))
    return generate_key_between(after, before)
