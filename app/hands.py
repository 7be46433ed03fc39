"""Raised hands: a participant asks to speak, and the facilitators see every
raised hand in the order raised and lower it once heard (issue 7, "Hands").

Facilitators' stream gets the whole list with each change (a handful of
rows, so resync and a late page need no other state); a participant's own
stream says whether their hand is up, for each of their devices.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from wtforms import Form

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.models import Participant
from app.models.types import utcnow
from app.workshop_actions import id_field, participant_in


class NoFields(Form):
    """Raising a hand takes nothing but who raises it."""


class LowerForm(Form):
    """Whose hand: a facilitator names them; a participant lowers their own."""

    participant = id_field(required=False)


def raised_hands(workshop):
    """Raised hands, first raised first, as facilitators see them."""
    people = db.session.scalars(
        sa.select(Participant)
        .filter(
            Participant.workshop_id == workshop.id,
            Participant.hand_raised_at.is_not(None),
            Participant.removed_at.is_(None),
        )
        .order_by(Participant.hand_raised_at, Participant.id)
    )
    return [
        {
            "participant": person.public_id,
            "name": person.display_name,
            "raised_at": person.hand_raised_at.isoformat(),
        }
        for person in people
    ]


def hands_state(workshop, stream_key, participant=None):
    """What a stream's snapshot says of hands."""
    if stream_key == audiences.FACILITATORS:
        return {"hands": raised_hands(workshop)}
    if participant is not None and stream_key == audiences.private(participant):
        return {"my_hand": participant.hand_raised_at is not None}
    return {}


def project_hand(workshop, refs, stream_key):
    participant = db.session.get(Participant, refs["participant"])
    return hands_state(workshop, stream_key, participant)


def _outcome(participant, raised):
    streams = {audiences.FACILITATORS: False, audiences.private(participant): False}
    return Outcome(
        refs={"participant": participant.id},
        audiences=streams,
        result={"raised": raised},
        kept=(participant,),
    )


@action("hand.raise", NoFields, project_hand)
def raise_hand(ctx, data):
    """Raise my hand (raising it again keeps my place in the queue)."""
    participant = ctx.loaded.participant
    if participant.hand_raised_at is None:
        participant.hand_raised_at = utcnow()
    return _outcome(participant, True)


@action("hand.lower", LowerForm, project_hand)
def lower_hand(ctx, data):
    """Lower a hand: a participant their own, a facilitator anyone's."""
    me = ctx.loaded.participant
    if me is None:
        if not data["participant"]:
            raise Refused("invalid", _("Say whose hand."), fields={"participant": []})
        participant = participant_in(ctx, data["participant"])
    elif data["participant"] and data["participant"] != me.public_id:
        raise Refused("not_allowed", _("Only a facilitator can lower someone's hand."))
    else:
        participant = me
    participant.hand_raised_at = None
    return _outcome(participant, False)
