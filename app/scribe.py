"""Scribe entry (issue 7, item 11): someone present without a device is added
by a facilitator, who then enters their contributions, votes and scores for
them from that person's own page. The write path sees the facilitator acting
as that participant (`Actor.proxy_for`, `Loaded.acting_as`): only what the
participant may do, in their phases, and each event records both who entered
it and for whom (`Event.on_behalf_of_id`); a note keeps its writer and the
facilitator who typed it (`author_user_id`).
"""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app import audiences
from app.changes import Outcome, action
from app.extensions import db
from app.forms import choices, strip
from app.models import Participant
from app.realtime import presence
from app.vocabulary import ORGANISATION_TYPES, PARTICIPANT_ROLES
from app.workshop_actions import project_participant


class WithoutDeviceForm(Form):
    """The join form's questions, answered by the facilitator with the person."""

    display_name = StringField(
        filters=[strip],
        validators=[
            DataRequired(message=_l("Give their name.")),
            Length(max=60, message=_l("Use at most %(max)d characters.")),
        ],
    )
    role = SelectField(
        choices=choices(PARTICIPANT_ROLES),
        validate_choice=True,
        validators=[DataRequired(message=_l("Choose their role."))],
    )
    organisation = StringField(
        filters=[strip],
        validators=[
            Optional(),
            Length(max=120, message=_l("Use at most %(max)d characters.")),
        ],
    )
    organisation_type = SelectField(
        choices=choices(ORGANISATION_TYPES),
        validate_choice=True,
        validators=[DataRequired(message=_l("Choose their type of organisation."))],
    )
    consent_named = BooleanField()
    consent_quoted = BooleanField()


@action("workshop.add_without_device", WithoutDeviceForm, project_participant)
def add_without_device(ctx, data):
    """Add someone who is here without a device; facilitators enter for them."""
    participant = Participant(
        workshop_id=ctx.workshop.id,
        rejoin_code=Participant.free_rejoin_code(ctx.workshop),
        display_name=data["display_name"],
        role=data["role"],
        organisation=data["organisation"] or None,
        organisation_type=data["organisation_type"],
        consent_named=bool(data["consent_named"]),
        consent_quoted=bool(data["consent_quoted"]),
        has_device=False,
    )
    db.session.add(participant)
    db.session.flush()
    return Outcome(
        refs={"participant": participant.id},
        audiences={audiences.FACILITATORS: False},
        result={"participant": participant.public_id},
        after_commit=[lambda: presence.announce(participant, False)],
    )
