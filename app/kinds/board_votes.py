"""Dot voting on a board: each participant places dots on the notes that
matter most, within the budget the facilitator set and at most so many on
one note (app/kinds/board_settings.py), and may take them back while the
vote is open. A participant's dots on a note are one Vote row (its count).

The voter's own stream learns their dots and what is left of their budget.
While the counts are hidden (until voting closes) the event goes only to
the facilitators and the voter: neither a count nor the fact that someone
voted reaches the room, its groups or the projector.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.kinds.board import find_note
from app.kinds.board_forms import NoteRef
from app.kinds.board_settings import counts_withheld, options_of
from app.kinds.board_view import audiences_of, note_view, project_note
from app.models import Activity, Note, Participant, Vote


def used_dots(activity, voter):
    """How many dots `voter` has placed on the board's notes."""
    return db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Vote.count), 0))
        .join(Note, Note.id == Vote.note_id)
        .filter(Note.activity_id == activity.id, Vote.participant_id == voter.id)
    )


def _dots_of(note, voter_id):
    """How many of the voter's dots are on `note` (0 if it is gone)."""
    if note is None:
        return 0
    return sum(vote.count for vote in note.votes if vote.participant_id == voter_id)


def project(workshop, refs, stream_key):
    """The note for every stream that sees its count; for the voter's own
    stream, their dots on it and on the whole board."""
    activity = db.session.get(Activity, refs["activity"])
    note = db.session.get(Note, refs["note"]) if refs.get("note") else None
    if stream_key != refs.get("voter_stream"):
        return project_note(activity, note, refs["note_public"], stream_key)
    voter = db.session.get(Participant, refs["voter"])
    view = {
        "activity": activity.public_id,
        "my_vote": {"note": refs["note_public"], "dots": _dots_of(note, voter.id)},
        "my_dots": {
            "used": used_dots(activity, voter),
            "budget": options_of(activity)["budget"],
        },
    }
    if note is not None and stream_key in audiences_of(note, activity):
        view["note"] = note_view(note, activity, stream_key)
    return view


def _vote_action(name):
    return action(f"board.{name}", NoteRef, project, kind="board")


def _my_vote(note, voter):
    return db.session.scalar(
        sa.select(Vote).filter_by(note_id=note.id, participant_id=voter.id)
    )


@_vote_action("vote")
def vote(ctx, data):
    """Place one of my dots on a note (participants, while voting), within my
    budget and the most one note may take from one person."""
    note, voter = find_note(ctx, data["note"]), ctx.loaded.participant
    settings = options_of(ctx.activity)
    mine = _my_vote(note, voter)
    if mine is not None and mine.count >= settings["per_note"]:
        raise Refused("too_many_dots", _per_note_message(settings["per_note"]))
    if used_dots(ctx.activity, voter) >= settings["budget"]:
        message = ngettext(
            "You have used your only dot.",
            "You have used all %(num)d of your dots.",
            settings["budget"],
        )
        raise Refused("over_budget", message, budget=settings["budget"])
    if mine is None:
        db.session.add(Vote(note_id=note.id, participant_id=voter.id, count=1))
    else:
        mine.count += 1
    return _vote_outcome(ctx, note, voter)


@_vote_action("unvote")
def unvote(ctx, data):
    """Take one of my dots back from a note (participants, while voting)."""
    note, voter = find_note(ctx, data["note"]), ctx.loaded.participant
    mine = _my_vote(note, voter)
    if mine is None:
        raise Refused("not_found", _("You have no dot on that note."))
    if mine.count > 1:
        mine.count -= 1
    else:
        db.session.delete(mine)
    return _vote_outcome(ctx, note, voter)


def _per_note_message(most):
    if most == 1:
        return _("You have already voted for this note.")
    return _("You can put at most %(count)d dots on one note.", count=most)


def _vote_outcome(ctx, note, voter):
    """To the voter's own stream, and to every stream that sees the note's
    count: the facilitators alone while the counts are hidden."""
    db.session.flush()
    db.session.refresh(note)  # its votes, as they are now
    activity = ctx.activity
    if counts_withheld(activity, activity.phase):
        streams = {audiences.FACILITATORS: False}
    else:
        streams = dict.fromkeys(audiences_of(note, activity), False)
    voter_stream = audiences.private(voter)
    streams[voter_stream] = False
    used, budget = used_dots(activity, voter), options_of(activity)["budget"]
    return Outcome(
        refs={
            "activity": activity.id,
            "note": note.id,
            "note_public": note.public_id,
            "voter": voter.id,
            "voter_stream": voter_stream,
        },
        audiences=streams,
        result={"dots": _dots_of(note, voter.id), "used": used, "budget": budget},
        kept=(activity, note),
    )
