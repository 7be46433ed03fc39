"""Payload rules for the checklist's actions."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, IntegerField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app.forms import strip

COMMENT_MAX = 1000
NOTE_MAX = 2000


def _ref(message):
    return StringField(
        filters=[strip], validators=[DataRequired(message=message), Length(max=64)]
    )


def _words(limit):
    return StringField(
        filters=[strip],
        validators=[
            Length(max=limit, message=_l("Use at most %(max)d characters.")),
        ],
    )


class ScoreForm(Form):
    """A participant's score, comment and priority mark for one item."""

    activity = _ref(_l("Say which one."))
    item = _ref(_l("Say which item."))
    # Empty: no score (yet); a comment or priority may still be given.
    value = IntegerField(validators=[Optional()])
    comment = _words(COMMENT_MAX)
    priority = BooleanField()


class AgreeForm(Form):
    """The score and note the room agrees for one item, after the reveal."""

    activity = _ref(_l("Say which one."))
    item = _ref(_l("Say which item."))
    value = IntegerField(validators=[Optional()])
    note = _words(NOTE_MAX)
