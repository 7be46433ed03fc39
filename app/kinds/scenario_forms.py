"""Payload rules for the scenario's actions (its notes' edit, move and delete
payloads are the board's: app/kinds/board_forms.py)."""

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.forms import strip
from app.kinds.board_forms import NoteFields

KEY_MAX = 64
# More than any workshop has groups or a method has columns.
LIST_MAX = 50


def _activity():
    return StringField(
        filters=[strip],
        validators=[DataRequired(message=_l("Say which one.")), Length(max=24)],
    )


def _topic(required=True):
    first = DataRequired(message=_l("Say which topic.")) if required else Optional()
    return StringField(filters=[strip], validators=[first, Length(max=KEY_MAX)])


class KeyList(Field):
    """Ids or keys, comma-separated (or one per value, should the payload
    carry several): distinct, in the order given; empty means none."""

    def process_formdata(self, valuelist):
        keys = [key.strip() for value in valuelist for key in value.split(",")]
        self.data = list(dict.fromkeys(key for key in keys if key))

    def pre_validate(self, form):
        if len(self.data) > LIST_MAX or any(len(key) > KEY_MAX for key in self.data):
            raise ValidationError(_l("That list is too long."))


class AllocateForm(Form):
    """The breakout groups a topic is given to (none: nobody's)."""

    activity = _activity()
    topic = _topic()
    groups = KeyList()


class ColumnsForm(Form):
    """The columns the groups write in (the method's required ones always)."""

    activity = _activity()
    columns = KeyList()


class AddNoteForm(NoteFields):
    """A note on one of the scenario's topics."""

    topic = _topic()


class ShowTopicForm(Form):
    """The topic the plenary shows (empty: none, the overview)."""

    activity = _activity()
    topic = _topic(required=False)
