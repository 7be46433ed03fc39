"""Payload rules for the board's actions."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, IntegerField, StringField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from app.forms import strip

NOTE_MAX = 500


def _id(required=True):
    rules = [Length(max=24, message=_l("That id is not valid."))]
    if required:
        rules.insert(0, DataRequired(message=_l("Say which one.")))
    else:
        rules.insert(0, Optional())
    return StringField(filters=[strip], validators=rules)


def _text():
    return StringField(
        filters=[strip],
        validators=[
            DataRequired(message=_l("Write something first.")),
            Length(max=NOTE_MAX, message=_l("Notes are at most %(max)d characters.")),
        ],
    )


class NoteRef(Form):
    activity = _id()
    note = _id()


class NoteFields(Form):
    """A new note's activity, column and text (the board's and the scenario's)."""

    activity = _id()
    column = StringField(
        validators=[DataRequired(message=_l("Choose a column.")), Length(max=40)]
    )
    text = _text()


class AddNoteForm(NoteFields):
    private = BooleanField()


class EditNoteForm(NoteRef):
    text = _text()
    version = IntegerField(
        validators=[
            InputRequired(message=_l("The version edited is missing.")),
            NumberRange(min=1, message=_l("The version edited is missing.")),
        ]
    )


class MoveNoteForm(NoteRef):
    column = StringField(
        validators=[DataRequired(message=_l("Choose a column.")), Length(max=40)]
    )
    # The notes it goes between (either may be missing: an end of the column).
    after = _id(required=False)
    before = _id(required=False)
