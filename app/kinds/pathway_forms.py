"""Payload rules for the pathway's actions."""

from typing import get_args

from flask_babel import lazy_gettext as _l
from wtforms import Form, IntegerField, StringField
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from app.forms import strip
from app.methods.schema import LaneKey

# The lanes every pathway method has (the method schema requires all five).
LANES = get_args(LaneKey)
TEXT_MAX = 500
SERVICE_MAX = 200


def _id(required=True):
    first = DataRequired(message=_l("Say which one.")) if required else Optional()
    rules = [first, Length(max=24, message=_l("That id is not valid."))]
    return StringField(filters=[strip], validators=rules)


def _text(limit, missing):
    return StringField(
        filters=[strip],
        validators=[
            DataRequired(message=missing),
            Length(max=limit, message=_l("Use at most %(max)d characters.")),
        ],
    )


class CardRef(Form):
    activity = _id()
    card = _id()


class ServiceForm(Form):
    """The name of the service the pathway runs through."""

    activity = _id()
    name = _text(SERVICE_MAX, _l("Name the service."))


class AddCardForm(Form):
    """A new card in a lane; `step` and `wall` say what it hangs off, and
    `after`/`before` the neighbours it goes between (neither: at the end)."""

    activity = _id()
    lane = StringField(
        filters=[strip],
        validators=[
            DataRequired(message=_l("Choose a lane.")),
            AnyOf(LANES, message=_l("Choose a lane.")),
        ],
    )
    text = _text(TEXT_MAX, _l("Write something first."))
    step = _id(required=False)
    wall = _id(required=False)
    after = _id(required=False)
    before = _id(required=False)


class EditCardForm(CardRef):
    text = _text(TEXT_MAX, _l("Write something first."))
    version = IntegerField(
        validators=[
            InputRequired(message=_l("The version edited is missing.")),
            NumberRange(min=1, message=_l("The version edited is missing.")),
        ]
    )


class MoveCardForm(CardRef):
    # The cards it goes between (either may be missing: an end of its lane).
    after = _id(required=False)
    before = _id(required=False)
