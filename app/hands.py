"""Signals from a participant to the facilitators: a raised hand (to speak)
and a break request (a pause or support, asked for privately) (issue 7,
"Hands" and "I need a break").

Both work the same way, so they share one mechanism: a timestamp on the
participant's row, set by the participant, cleared by them or by a
facilitator. The facilitators' stream gets the whole list with each change
(a handful of rows, so resync and a late page need no other state); a
participant's own stream says whether their signal is up, for each of their
devices. No other stream ever hears of either: the room and the projector
do not see who asked for a break.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from wtforms import Form

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.models import Participant
from app.models.types import utcnow
from app.workshop_actions import id_field, participant_in


class NoFields(Form):
    """Raising a signal takes nothing but who raises it."""


class LowerForm(Form):
    """Whose signal: a facilitator names them; a participant lowers their own."""

    participant = id_field(required=False)


@dataclass(frozen=True)
class Signal:
    """One kind of signal: the Participant column holding when it was raised,
    the facilitators' list key, the owner's flag key, and what is said when
    a facilitator names nobody, or a participant names someone else."""

    column: str
    queue: str
    mine: str
    whose: str
    not_yours: str

    def queued(self, workshop):
        """Who has the signal up, first raised first, as facilitators see it."""
        raised_at = getattr(Participant, self.column)
        people = db.session.scalars(
            sa.select(Participant)
            .filter(
                Participant.workshop_id == workshop.id,
                raised_at.is_not(None),
                Participant.removed_at.is_(None),
            )
            .order_by(raised_at, Participant.id)
        )
        return [
            {
                "participant": person.public_id,
                "name": person.display_name,
                "raised_at": getattr(person, self.column).isoformat(),
            }
            for person in people
        ]

    def state(self, workshop, stream_key, participant=None):
        """What a stream says of this signal: facilitators the list, the
        owner's private stream their own flag, every other stream nothing."""
        if stream_key == audiences.FACILITATORS:
            return {self.queue: self.queued(workshop)}
        if participant is not None and stream_key == audiences.private(participant):
            return {self.mine: getattr(participant, self.column) is not None}
        return {}

    def project(self, workshop, refs, stream_key):
        participant = db.session.get(Participant, refs["participant"])
        return self.state(workshop, stream_key, participant)


HAND = Signal(
    "hand_raised_at",
    "hands",
    "my_hand",
    _l("Say whose hand."),
    _l("Only a facilitator can lower someone's hand."),
)
BREAK = Signal(
    "break_requested_at",
    "breaks",
    "my_break",
    _l("Say whose break request."),
    _l("Only a facilitator can clear someone's break request."),
)


def signals_state(workshop, stream_key, participant=None):
    """What a stream's snapshot says of every signal."""
    return {
        **HAND.state(workshop, stream_key, participant),
        **BREAK.state(workshop, stream_key, participant),
    }


def _outcome(participant, raised):
    # Only the facilitators and the person themself: never a shared stream.
    streams = {audiences.FACILITATORS: False, audiences.private(participant): False}
    return Outcome(
        refs={"participant": participant.id},
        audiences=streams,
        result={"raised": raised},
        kept=(participant,),
    )


def _raise(signal, ctx):
    """Raise `signal` for the acting participant (again: they keep their place)."""
    participant = ctx.loaded.participant
    if getattr(participant, signal.column) is None:
        setattr(participant, signal.column, utcnow())
    return _outcome(participant, True)


def _lower(signal, ctx, data):
    """Lower `signal`: a participant their own, a facilitator anyone's."""
    me = ctx.loaded.participant
    if me is None:
        if not data["participant"]:
            raise Refused("invalid", str(signal.whose), fields={"participant": []})
        participant = participant_in(ctx, data["participant"])
    elif data["participant"] and data["participant"] != me.public_id:
        raise Refused("not_allowed", str(signal.not_yours))
    else:
        participant = me
    setattr(participant, signal.column, None)
    return _outcome(participant, False)


@action("hand.raise", NoFields, HAND.project)
def raise_hand(ctx, data):
    """Raise my hand (raising it again keeps my place in the queue)."""
    return _raise(HAND, ctx)


@action("hand.lower", LowerForm, HAND.project)
def lower_hand(ctx, data):
    """Lower a hand: a participant their own, a facilitator anyone's."""
    return _lower(HAND, ctx, data)


@action("break.request", NoFields, BREAK.project)
def request_break(ctx, data):
    """Tell the facilitators, privately, that I need a pause or support."""
    return _raise(BREAK, ctx)


@action("break.clear", LowerForm, BREAK.project)
def clear_break(ctx, data):
    """Clear a break request: a participant withdraws their own, a
    facilitator marks anyone's as seen."""
    return _lower(BREAK, ctx, data)
