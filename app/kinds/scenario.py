"""The scenario (People's Borough): mixed breakout groups discuss the topics
the facilitator allocates them, each topic a board with the method's columns
(issues identified, ways forward, and optionally enablers and barriers);
then a plenary steps through the topics with each group's feedback.

Its notes are the board's (app/kinds/board.py), each on one topic and
written for its writer's group: until the feedback phase only that group,
facilitators and the projector see them; from then on the whole room does.
Every event carries the activity's whole state as its stream sees it
(app/kinds/scenario_view.py), so live events and snapshots share one
projection.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import flag_modified

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.kinds import board, scenario_report
from app.kinds.base import ActivityKind
from app.kinds.board_forms import EditNoteForm, MoveNoteForm, NoteRef
from app.kinds.board_view import is_revealed
from app.kinds.scenario_forms import (
    AddNoteForm,
    AllocateForm,
    ColumnsForm,
    ShowTopicForm,
)
from app.kinds.scenario_view import method_columns, snapshot, topic_keys
from app.models import Activity, Note

PHASES = ("not_started", "discuss", "feedback", "closed")


def new_content(method):
    """Every column on, no topic allocated yet, no topic on the plenary."""
    return {
        "method": method,
        "columns_on": [column["key"] for column in method["content"]["columns"]],
        "allocation": {},  # topic key -> public ids of the groups given it
        "plenary": None,
        "revealed": False,
        # The groups' notes become the room's at the reveal (app/kinds/board_view).
        "groups_feed_back": True,
    }


def summary(activity):
    """How many topics groups wrote on, of all the scenario's topics."""
    discussed = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Note.topic))).filter(
            Note.activity_id == activity.id, Note.group_id.is_not(None)
        )
    )
    return _(
        "Topics discussed: %(discussed)d of %(topics)d.",
        discussed=discussed,
        topics=len(topic_keys(activity)),
    )


KIND = ActivityKind(
    key="scenario",
    phases=PHASES,
    snapshot=snapshot,
    new_content=new_content,
    reveal_phases=frozenset({"feedback", "closed"}),
    summary=summary,
    report=scenario_report.report,
    records=scenario_report.records,
)


def project(workshop, refs, stream_key):
    """Any scenario event: the activity's whole state as `stream_key` sees it."""
    activity = db.session.get(Activity, refs["activity"])
    return {"activity": activity.public_id, "state": snapshot(activity, stream_key)}


def _scenario_action(name, form):
    return action(f"scenario.{name}", form, project, kind="scenario")


@_scenario_action("allocate", AllocateForm)
def allocate(ctx, data):
    """Give a topic to breakout groups, replacing whom it was given to (no
    groups: nobody's); facilitators, until the activity closes."""
    activity = ctx.activity
    topic = _topic(activity, data["topic"])
    groups = [ctx.group(public_id) for public_id in data["groups"]]
    allocation = activity.content.setdefault("allocation", {})
    if groups:
        allocation[topic] = [group.public_id for group in groups]
    else:
        allocation.pop(topic, None)
    flag_modified(activity, "content")
    return _shared_outcome(ctx, {"topic": topic, "groups": allocation.get(topic, [])})


@_scenario_action("set_columns", ColumnsForm)
def set_columns(ctx, data):
    """Choose the optional columns the groups write in (the others are always
    on); a column that holds notes stays on. Facilitators, before feedback."""
    activity = ctx.activity
    columns = method_columns(activity)
    if set(data["columns"]) - {column["key"] for column in columns}:
        message = _("That column does not exist.")
        raise Refused("invalid", message, fields={"columns": [message]})
    on = [
        column["key"]
        for column in columns
        if not column["optional"] or column["key"] in data["columns"]
    ]
    if _columns_with_notes(activity) - set(on):
        raise Refused(
            "not_allowed",
            _("A column with notes in it cannot be turned off: move them first."),
        )
    activity.content["columns_on"] = on
    return _shared_outcome(ctx, {"columns": on})


@_scenario_action("add_note", AddNoteForm)
def add_note(ctx, data):
    """Add a note to a topic's column: participants only on a topic given to
    their group (the note is that group's); facilitators on any topic."""
    activity, author = ctx.activity, ctx.loaded.participant
    topic = _topic(activity, data["topic"])
    column = _column(activity, data["column"])
    if author is not None:
        _must_be_given(activity, topic, author)
    note = Note(
        activity_id=activity.id,
        topic=topic,
        column=column,
        order_key=board.key_at_end(activity, column, topic),
        text=data["text"],
        author_participant_id=author.id if author else None,
        author_user_id=ctx.loaded.user.id if ctx.loaded.user else None,
        group_id=author.group_id if author else None,
        votes=[],
    )
    db.session.add(note)
    db.session.flush()
    outcome = board.note_outcome(activity, note, None, {"note": note.public_id})
    return _to_everyone_once_fed_back(ctx, outcome)


@_scenario_action("edit_note", EditNoteForm)
def edit_note(ctx, data):
    """Change a note's text; its author only, and only from the latest version."""
    return _to_everyone_once_fed_back(ctx, board.change_text(ctx, data))


@_scenario_action("move_note", MoveNoteForm)
def move_note(ctx, data):
    """Move a note to a column of its topic, between two neighbours (last
    writer wins); anyone who sees it."""
    return _to_everyone_once_fed_back(ctx, board.place(ctx, data, _column))


@_scenario_action("delete_note", NoteRef)
def delete_note(ctx, data):
    """Delete a note for good: its author or a facilitator."""
    return _to_everyone_once_fed_back(ctx, board.remove(ctx, data))


@_scenario_action("show_topic", ShowTopicForm)
def show_topic(ctx, data):
    """Show one topic, with every group's feedback on it, to the plenary (no
    topic: none); facilitators, in the feedback phase."""
    activity = ctx.activity
    topic = _topic(activity, data["topic"]) if data["topic"] else None
    activity.content["plenary"] = topic
    return _shared_outcome(ctx, {"topic": topic})


def _shared_outcome(ctx, result):
    """A change to what every screen shows (allocation, columns, plenary)."""
    return Outcome(
        refs={"activity": ctx.activity.id},
        audiences={key: False for key in audiences.shared(ctx.workshop)},
        result=result,
    )


def _to_everyone_once_fed_back(ctx, outcome):
    """Once the groups have fed back, a note changing can change which topics
    every screen shows as not discussed: every shared stream gets the state."""
    if is_revealed(ctx.activity):
        for key in audiences.shared(ctx.workshop):
            outcome.audiences.setdefault(key, False)
    return outcome


def _columns_with_notes(activity):
    return set(
        db.session.scalars(
            sa.select(Note.column).filter_by(activity_id=activity.id).distinct()
        )
    )


# --- checks that refuse -------------------------------------------------------


def _topic(activity, key):
    if key not in topic_keys(activity):
        raise Refused("not_found", _("That topic is not in this scenario."))
    return key


def _column(activity, key):
    if key not in activity.content.get("columns_on", []):
        raise Refused("invalid", _("That column is not in use."), fields={"column": []})
    return key


def _must_be_given(activity, topic, participant):
    """A participant writes only on a topic given to their group."""
    given = activity.content.get("allocation", {}).get(topic, [])
    if participant.group is None or participant.group.public_id not in given:
        raise Refused(
            "not_allowed",
            _("This topic was not given to your group: write on your group's topics."),
        )
